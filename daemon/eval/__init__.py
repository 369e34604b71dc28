"""`ds2fp eval`: run a reader over real datasheet pages and score the footprints."""
