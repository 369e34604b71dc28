"""The OCR engine's whole lifecycle in one object: lazy load, read pages, free.

RapidOCR (PP-OCRv4 det + rec as ONNX, shipped inside the `rapidocr-onnxruntime` wheel) is
imported only when the first page is read, so importing ds2fp stays cheap and a machine
without the `ocr` extra gets a clear error instead of an ImportError at start-up.
"""

import contextlib
import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Iterator, Optional

from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReadCancelledError

StopCheck = Callable[[], bool]
STOP_POLL_S = 0.05  # how often a running OCR pass looks at its stop check

# Datasheet text at 300 dpi is 25-40 px tall; the recogniser works on 48 px high crops, so
# a page scaled to ~2000 px on its long side keeps small print legible while cutting the
# detector's work. Larger scans are scaled down; small screenshots up (see page_scale):
# a screen-resolution screenshot (~150 dpi) enlarged to ~2000 px reads like a 300-dpi crop
# (eval pages at half size, with part names: 42/64 fields right when only enlarged to
# 1200 px, 58/64 then). Small crops are enlarged up to 4x (a 500 px crop of a 75-dpi
# screenshot to 2000 px): the tune part at half size went 185 -> 209/450 fields and the
# shared pages 54 -> 56/64 against a 2.5x cap; pages over 800 px are not affected.
DEFAULT_LONG_SIDE = 2000
MAX_UPSCALE = 4.0
MIN_LONG_SIDE = 2000
# A 20-megapixel photo is not a datasheet screenshot we can read better by keeping it large.
MAX_INPUT_PIXELS = 120_000_000


class OcrUnavailableError(RuntimeError):
    """RapidOCR is not installed (the `ocr` extra)."""


class OcrEngine:
    """Owns one RapidOCR instance, reused for every page; results cached per image."""

    def __init__(self, long_side: int = DEFAULT_LONG_SIDE, cache_size: int = 32,
                 threads: Optional[int] = None):
        self.long_side = long_side
        self.threads = threads
        self._ocr: Any = None
        self._cache: OrderedDict[str, OcrPage] = OrderedDict()
        self._cache_size = cache_size
        self._stop_check: Optional[StopCheck] = None
        self._run_options: Any = None  # onnxruntime.RunOptions of the pass running now

    # -- lifecycle -------------------------------------------------------------------
    def load(self) -> None:
        if self._ocr is not None:
            return
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise OcrUnavailableError(
                "OCR needs rapidocr-onnxruntime: pip install 'ds2fp[ocr]'") from exc
        # Datasheet text is never upside down: skip the 180-degree classifier.
        kwargs = {"print_verbose": False, "use_cls": False}
        if self.threads:
            kwargs.update(intra_op_num_threads=self.threads)
        # Our own scaling decides the size; keep RapidOCR from shrinking again.
        kwargs.update(max_side_len=max(4000, self.long_side * 2))
        self._ocr = RapidOCR(**kwargs)
        for owner in (getattr(self._ocr.text_det, "infer", None),
                      getattr(self._ocr.text_rec, "session", None),
                      getattr(self._ocr.text_cls, "session", None)):
            if owner is not None and hasattr(owner, "session"):
                owner.session = _StoppableSession(owner.session, self)

    @contextlib.contextmanager
    def cancellable(self, should_stop: Optional[StopCheck]) -> Iterator[None]:
        """While inside, every OCR pass stops within ~50 ms of `should_stop()` turning true
        (onnxruntime's terminate flag, set by a watcher thread) and raises
        ReadCancelledError: a cancel frees the CPU at once instead of after the page."""
        previous, self._stop_check = self._stop_check, should_stop
        try:
            yield
        finally:
            self._stop_check = previous

    @property
    def loaded(self) -> bool:
        return self._ocr is not None

    def close(self) -> None:
        self._ocr = None
        self._cache.clear()

    # -- reading ---------------------------------------------------------------------
    def read(self, image, name: str = "", rotated: bool = False) -> OcrPage:
        """OCR one PIL image; boxes are returned in the coordinates of `image` itself.

        `rotated=True` reads the image turned 90 degrees clockwise, which makes the vertical
        dimension text of drawings (reading upwards) horizontal; the angle classifier runs on
        this pass only, for text that reads downwards. Boxes are mapped back to the upright
        image and such tokens are marked `vertical`.
        """
        import numpy as np

        key = image_key(image) + ("r" if rotated else "")
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        self.load()
        width, height = image.size
        if width * height > MAX_INPUT_PIXELS:
            raise ValueError(f"image {width}x{height} is too large to OCR")
        scale = page_scale(width, height, self.long_side)
        work = image.convert("RGB")
        if rotated:
            work = work.rotate(-90, expand=True)
        if abs(scale - 1.0) > 0.02:
            from PIL import Image

            work = work.resize((max(1, round(work.width * scale)),
                                max(1, round(work.height * scale))), Image.LANCZOS)
        else:
            scale = 1.0
        started = time.perf_counter()
        # RapidOCR wants BGR like OpenCV.
        array = np.asarray(work)[:, :, ::-1].copy()
        result = self._run(array, use_cls=rotated)
        tokens = []
        for quad, text, score in result or []:
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            box = (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)
            if rotated:  # (xr, yr) in the turned image is (yr, H - xr) upright
                box = (box[1], height - box[2], box[3], height - box[0])
            text = str(text).strip()
            if text:
                tokens.append(OcrToken(text, box, float(score), vertical=rotated))
        page = OcrPage(tokens=tokens, width=width, height=height, name=name,
                       seconds=time.perf_counter() - started)
        self._cache[key] = page
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return page


    def _run(self, array, use_cls: bool):
        """One RapidOCR call, stoppable by the active stop check."""
        check = self._stop_check
        if check is None:
            return self._ocr(array, use_cls=use_cls)[0]
        if check():
            raise ReadCancelledError("cancelled before OCR")
        import onnxruntime

        options = onnxruntime.RunOptions()
        done = threading.Event()

        def watch() -> None:
            while not done.wait(STOP_POLL_S):
                if check():
                    options.terminate = True
                    return

        watcher = threading.Thread(target=watch, name="ds2fp-ocr-stop", daemon=True)
        self._run_options = options
        watcher.start()
        try:
            return self._ocr(array, use_cls=use_cls)[0]
        except Exception:
            if options.terminate:
                raise ReadCancelledError("cancelled during OCR") from None
            raise
        finally:
            done.set()
            watcher.join()
            self._run_options = None


class _StoppableSession:
    """An onnxruntime InferenceSession that runs with the engine's current RunOptions (so
    a watcher can terminate it); everything else is the session's own."""

    def __init__(self, session, engine: OcrEngine):
        self._session = session
        self._engine = engine

    def run(self, output_names, input_feed, run_options=None):
        return self._session.run(output_names, input_feed,
                                 run_options or self._engine._run_options)

    def __getattr__(self, name):
        return getattr(self._session, name)


def page_scale(width: int, height: int, long_side: int = DEFAULT_LONG_SIDE) -> float:
    """Shrink large pages to `long_side`; enlarge small screenshots (small print) up to
    MIN_LONG_SIDE, never more than MAX_UPSCALE; leave the rest alone."""
    longest = float(max(width, height))
    if longest > long_side:
        return long_side / longest
    if longest < MIN_LONG_SIDE:
        return min(MAX_UPSCALE, MIN_LONG_SIDE / longest)
    return 1.0


def image_key(image) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((image.size, image.mode)).encode())
    digest.update(image.tobytes())
    return digest.hexdigest()
