"""DatasheetReading -> FootprintSpec -> .kicad_mod: builder, IPC math, checks, writer."""
