"""A CPU reader: OCR of the pages, then dimension tables and callouts -> DatasheetReading.

No GPU and no model: RapidOCR (daemon.ocr.engine) finds the printed text, and
daemon.ocr.reading turns it into a reading. Every value it returns was printed on the page;
what it cannot find it leaves out, and a page with no dimensions is a ReaderError.
"""

import time
from typing import Any, Dict, List, Sequence

from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import PageImage, ReadCancelledError, Reader, ReaderError, ReadHints

__all__ = ["OcrInput", "OcrReader", "parse"]


class OcrReader(Reader):
    """CPU reader; the OCR engine (one per reader) loads on first use and is reused."""

    name = "ocr"

    def __init__(self, engine=None, rotated_pass: bool = True):
        from daemon.ocr.engine import OcrEngine
        from daemon.ocr.grounding import Grounder

        self.engine = engine or OcrEngine()
        self.rotated_pass = rotated_pass
        # The pipeline grounds every reading it gets from a reader that has a grounder;
        # sharing the engine means the pages are not OCRed twice (the engine caches).
        self.grounder = Grounder(self.engine, extra=self._extra_tokens)
        self._extra: Dict[str, List[OcrToken]] = {}
        self.last_pages: List[OcrPage] = []
        self.last_seconds = 0.0

    def ocr_pages(self, pages: Sequence[PageImage], hints: ReadHints) -> List[OcrPage]:
        out = []
        for page in pages:
            if hints.should_stop():
                raise ReadCancelledError("cancelled while reading")
            try:
                out.append(self.engine.read(page.image, name=page.name))
            except (ValueError, OSError) as exc:
                raise ReaderError(f"{page.name or 'page'}: cannot OCR this image: {exc}"
                                  ) from None
        return out

    def read(self, pages: List[PageImage], hints: ReadHints):
        started = time.perf_counter()
        if not pages:
            raise ReaderError("no pages to read")
        with self.engine.cancellable(hints.should_stop):
            ocr = self.ocr_pages(pages, hints)
            self._extra = {}
            inputs = [OcrInput(p, page.role, self._rotated(page) if self.rotated_pass
                               else None, image=page.image,
                               upright=self._region_reader(page, False))
                      for p, page in zip(ocr, pages)]
            self.last_pages = ocr
            try:
                return parse(inputs, hints)
            finally:
                self.last_seconds = time.perf_counter() - started

    def _rotated(self, page: PageImage):
        return self._region_reader(page, rotated=True)

    def _region_reader(self, page: PageImage, rotated: bool):
        """OCR of one region of the page (turned 90 degrees, or upright at the crop's own
        resolution), tokens in page coordinates and kept for grounding."""
        from daemon.ocr.engine import image_key

        def read_region(region: tuple) -> List[OcrToken]:
            x0, y0, x1, y1 = (int(round(v)) for v in region)
            crop = page.image.crop((x0, y0, x1, y1))
            got = self.engine.read(crop, name=page.name, rotated=rotated)
            tokens = [OcrToken(t.text, (t.box[0] + x0, t.box[1] + y0, t.box[2] + x0,
                                        t.box[3] + y0), t.score, rotated) for t in got.tokens]
            self._extra.setdefault(image_key(page.image), []).extend(tokens)
            return tokens
        return read_region

    def _extra_tokens(self, image) -> List[OcrToken]:
        """Tokens of the last read's rotated passes on `image` (for grounding)."""
        if not self._extra:
            return []
        from daemon.ocr.engine import image_key

        return self._extra.get(image_key(image), [])

    def info(self) -> Dict[str, Any]:
        return {"reader": self.name, "model": "rapidocr-onnxruntime (PP-OCRv4)",
                "device": "cpu", "loaded": self.engine.loaded}

    def close(self) -> None:
        self.engine.close()
