"""What text may hold, in one place: file names are strict, everything else is any script.

A footprint name becomes a file name (`NAME.kicad_mod`) and a KiCad library id, so it keeps
to characters every file system and KiCad accept, and cannot start with `.` or `-` (hidden
files, `..`, options). Part names, hints and descriptions are what people type or read off a
datasheet (`µA741`, `LM358 (TI)`, Japanese makers' names): any printable text, no control
characters. `footprint_writer.naming.sanitize` suggests a file name for any of them.
"""

import re

FOOTPRINT_NAME_CHARS = r"A-Za-z0-9_.+\-,()\[\]"
FOOTPRINT_NAME_PATTERN = (r"^[A-Za-z0-9_+,()\[\]][" + FOOTPRINT_NAME_CHARS + r"]{0,119}$")
FOOTPRINT_NAME_RULE = ("letters, digits and _ . + - , ( ) [ ], at most 120, not starting "
                       "with . or -")
# Printable text in any script: no C0 control characters, no DEL.
HINT_PATTERN = r"^[^\x00-\x1f\x7f]{0,120}$"
FREE_TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
# A datasheet link as KLC F9.1 wants it in the description: http(s), no spaces or quotes
# (a description is one quoted string; a URL with a space would read as two words).
DATASHEET_URL_PATTERN = r"^https?://[^\s\"'<>\x00-\x1f\x7f]{1,490}$"
DATASHEET_URL_RULE = "an http:// or https:// address without spaces or quotes"

_NAME = re.compile(FOOTPRINT_NAME_PATTERN)


def is_footprint_name(name: str) -> bool:
    return bool(_NAME.match(name))
