"""`make_reader`'s OCR check: on by default for vision-model readers, loud when unavailable."""

import pytest

from daemon.readers.base import ReaderError
from daemon.readers.factory import make_reader


@pytest.fixture
def model_kind(tiny_model):
    """`--reader model` on the tiny offline checkpoint (loads in about a second)."""
    def make(**kw):
        return make_reader("model", model=str(tiny_model), device="cpu", offline=True, **kw)
    return make


@pytest.fixture
def recording(tmp_path):
    path = tmp_path / "reading.json"
    path.write_text('{"units": "mm", "family": "soic", "pin_count": 8}')
    return f"file:{path}"


def test_model_readers_are_ocr_checked_by_default(model_kind):
    reader = model_kind()
    assert reader.grounder is not None and reader.grounder.engine.loaded


def test_no_ground_turns_the_check_off(model_kind):
    assert getattr(model_kind(ground=False), "grounder", None) is None


def test_recorded_readers_are_checked_only_when_asked(recording):
    assert getattr(make_reader(recording), "grounder", None) is None
    assert make_reader(recording, ground=True).grounder is not None


def test_missing_ocr_stops_start_up_with_the_fix(model_kind, monkeypatch):
    from daemon.ocr.engine import OcrEngine, OcrUnavailableError

    def unavailable(self):
        raise OcrUnavailableError("OCR needs rapidocr-onnxruntime: pip install 'ds2fp[ocr]'")

    monkeypatch.setattr(OcrEngine, "load", unavailable)
    with pytest.raises(ReaderError, match=r"ds2fp\[ocr\].*--no-ground"):
        model_kind()
    assert getattr(model_kind(ground=False), "grounder", None) is None
