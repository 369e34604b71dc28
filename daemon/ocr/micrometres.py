"""Pages drawn in micrometres (TAOS/ams: "All linear dimensions are in micrometers"):
their sizes are rewritten in millimetres before anything reads them.

Every rule of the reader (a body's plausible sizes, a pitch's, what a whole number on a
dimension line means) is written for millimetres, so a page whose notes declare micrometres
has its size runs divided by 1000 where they enter: the upright text, the turned pass and
the region re-reads alike. Only runs that are sizes change: a number with its tolerance
("2000 ± 75" -> "2.000 ± 0.075") or a limit word. Runs with other words (pin labels "6 SDA",
"TAOS135") and bare integers under 10 (pin numbers) stay as printed.
"""

import re
from dataclasses import replace
from typing import Callable, List, Optional

from daemon.ocr.layout import squash
from daemon.ocr.tokens import OcrPage, OcrToken

_DECLARED = re.compile(r"(?:DIMENSIONS?|UNITS?)\w*(?:ARE)?IN(?:MICROMET(?:ER|RE)S?|MICRONS?|"
                       r"[µΜU]M\b)|UNITS?:?[µΜU]M\b")
_SIZE_RUN = re.compile(r"^[\s\d.,±+\-–~/()\[\]]*(?:MAX|MIN|TYP|NOM|NOMINAL|REF|BSC)?\.?\s*$",
                       re.I)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DONE = "sizes_in_mm"  # the page's cache key once its sizes are rewritten (parse recurses)
NOTE = "the page prints micrometres: its sizes are read in mm (divided by 1000)"


def declares_micrometres(tokens) -> bool:
    """The page's notes say its dimensions are in micrometres."""
    return any(_DECLARED.search(squash(t.text).upper()) for t in tokens)


def run_in_mm(text: str) -> str:
    """A size run printed in micrometres, written in millimetres; any other run as it is."""
    if not _SIZE_RUN.match(text) or not re.search(r"\d", text):
        return text
    if re.fullmatch(r"\s*\d\s*", text):  # a pin number
        return text

    def mm(m: re.Match) -> str:
        digits = m.group(0)
        places = 3 + (len(digits.split(".")[1]) if "." in digits else 0)
        return f"{float(digits) / 1000:.{places}f}"
    return _NUMBER.sub(mm, text)


def _tokens_in_mm(tokens: List[OcrToken]) -> List[OcrToken]:
    return [replace(t, text=run_in_mm(t.text)) for t in tokens]


def _wrapped(read: Optional[Callable]) -> Optional[Callable]:
    if read is None:
        return None
    return lambda region: _tokens_in_mm(read(region))


def in_millimetres(item):
    """The page (an OcrInput) with its sizes in millimetres where it declares micrometres,
    else the page itself."""
    if item.cache.get(_DONE) or not declares_micrometres(item.page.tokens):
        return item
    page = OcrPage(_tokens_in_mm(list(item.page.tokens)), item.page.width, item.page.height,
                   item.page.name)
    return replace(item, page=page, rotated=_wrapped(item.rotated),
                   upright=_wrapped(item.upright), cache={_DONE: True})
