"""The ds2fp daemon, its clients and the ds2fp command line."""
