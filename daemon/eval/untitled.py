"""Every page read as if cropped below its title: the `ds2fp eval --untitled` measure.

Users often screenshot only the drawing and its table. Dropping each OCR run that names a
package family or outline code (daemon.ocr.package_text.detect_family) shows how much of
a reading rests on the title; the drawing's sizes must then name the outline themselves.
"""

from dataclasses import replace

from daemon.ocr.package_text import detect_family
from daemon.ocr.tokens import OcrPage


class UntitledEngine:
    """An OCR engine whose pages lack every run naming a family; the rest delegates."""

    def __init__(self, engine):
        self._engine = engine

    def read(self, image, name: str = "", rotated: bool = False) -> OcrPage:
        page = self._engine.read(image, name=name, rotated=rotated)
        return replace(page, tokens=[t for t in page.tokens if detect_family([t]) is None])

    def __getattr__(self, attr):
        return getattr(self._engine, attr)


def untitled_ocr_reader():
    """The CPU reader on an UntitledEngine."""
    from daemon.ocr.engine import OcrEngine
    from daemon.readers.ocr_reader import OcrReader

    return OcrReader(engine=UntitledEngine(OcrEngine()))
