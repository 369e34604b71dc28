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


def test_auto_serves_a_named_model():
    from daemon.readers.factory import default_reader

    kind, why = default_reader("/models/my-finetune")
    assert kind == "model" and "/models/my-finetune" in why


def test_auto_falls_back_to_ocr_without_weights(monkeypatch):
    from daemon.model import loading
    from daemon.readers.factory import default_reader

    def not_cached(model, offline=False):
        assert offline, "auto must never download"
        raise loading.ModelLoadError(f"{model} is not in the local Hugging Face cache")

    monkeypatch.setattr(loading, "resolve_checkpoint", not_cached)
    kind, why = default_reader(None)
    assert kind == "ocr"
    assert "OCR reader" in why and "--reader model" in why and "--model PATH" in why


def test_auto_serves_the_default_model_when_cached(monkeypatch, tmp_path):
    from daemon.model import loading
    from daemon.readers.factory import default_reader

    monkeypatch.setattr(loading, "resolve_checkpoint", lambda model, offline=False: tmp_path)
    assert default_reader(None)[0] == "model"


def test_auto_without_torch_is_ocr(monkeypatch):
    import importlib.util

    from daemon.readers import factory

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real(name, *a))
    kind, why = factory.default_reader(None)
    assert kind == "ocr" and "torch not installed" in why
