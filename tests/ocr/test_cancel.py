"""A cancel stops a running OCR read mid-pass (onnxruntime's terminate flag), not after the
page: the reader frees the CPU and says it was cancelled. Latency figures are in
benchmarks/cancel_latency.py; here the point is that the pass itself was cut short."""

import threading
import time

import pytest

from daemon.readers.base import ReadCancelledError


@pytest.fixture(scope="module")
def big_page():
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (2000, 2600), "white")
    draw = ImageDraw.Draw(img)
    for row in range(60):  # lots of short text runs: the recogniser has work to do
        for col in range(8):
            draw.text((40 + col * 240, 30 + row * 42), f"0.{row:02d}{col} MAX", fill="black")
    return img


def test_stop_during_a_pass_terminates_it(engine, big_page):
    engine.load()
    stop = threading.Event()
    timer = threading.Timer(0.3, stop.set)

    def check() -> bool:
        # the stop comes 0.3 s after the check before the pass, whatever the page's
        # preparation took (on a loaded machine a timer started with the read fired
        # before the pass began, and the read was cancelled "before OCR")
        if not timer.is_alive() and not stop.is_set():
            timer.start()
        return stop.is_set()

    started = time.monotonic()
    with engine.cancellable(check):
        with pytest.raises(ReadCancelledError, match="during OCR"):
            engine.read(big_page, name="big")
    took = time.monotonic() - started
    # the uninterrupted pass (measured next) takes seconds; the cancelled one ended early
    t0 = time.monotonic()
    page = engine.read(big_page, name="big")
    full = time.monotonic() - t0
    assert len(page.tokens) > 100
    assert took < full, (took, full)


def test_a_stop_before_the_pass_never_starts_it(engine, big_page):
    with engine.cancellable(lambda: True):
        with pytest.raises(ReadCancelledError, match="before OCR"):
            engine.read(big_page.crop((0, 0, 1000, 1000)), name="crop")


def test_no_stop_check_reads_as_before(engine):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(img).text((20, 80), "1.27 BSC", fill="black")
    with engine.cancellable(lambda: False):
        inside = engine.read(img, name="a")
    engine._cache.clear()
    outside = engine.read(img, name="a")
    assert [t.text for t in inside.tokens] == [t.text for t in outside.tokens]


def test_cancel_through_the_in_process_client_reports_cancelled(big_page):
    pytest.importorskip("rapidocr_onnxruntime")
    import io

    from daemon.client import InProcessClient
    from daemon.readers.ocr_reader import OcrReader

    buf = io.BytesIO()
    big_page.save(buf, "PNG")
    client = InProcessClient(OcrReader())
    out = {}
    worker = threading.Thread(target=lambda: out.update(
        reply=client.extract([(buf.getvalue(), "both")], request_id="job1")))
    worker.start()
    time.sleep(0.5)
    assert client.cancel("job1").cancel.cancelled
    worker.join(30)
    reply = out["reply"]
    assert reply.error is not None and reply.error.code == "cancelled", reply
    assert "during OCR" in reply.error.message or "before" in reply.error.message
