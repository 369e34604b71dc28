"""The daemon with the real model path: a tiny random Qwen3-VL (built offline, ~1 MB) loaded by
`ds2fp serve --reader model`, generating under the reading grammar on CPU.

A random model's answer is schema-shaped (the grammar forces it) but its numbers are noise, so
pydantic's cross-field checks (min <= max, ...) may refuse it: then the reply must be a typed
`model_error`, never a crash, and the daemon must keep serving.
"""

import importlib.util

import pytest

from schemas.protocol import ExtractOptions
from schemas.reading import DatasheetReading
from tests.daemon.conftest import Daemon, eval_pages


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a missing parent package
        return False


HAS_MODEL_READER = all(_importable(m) for m in
                       ("torch", "transformers", "xgrammar", "daemon.model.tiny"))
pytestmark = [pytest.mark.skipif(not HAS_MODEL_READER, reason="daemon.model not merged yet"),
              pytest.mark.slow]


@pytest.fixture(scope="module")
def tiny_daemon(tmp_path_factory):
    from daemon.model.tiny import build_tiny_model

    folder = build_tiny_model(tmp_path_factory.mktemp("tiny") / "qwen3-vl-tiny")
    d = Daemon(["--reader", "model", "--model", str(folder), "--device", "cpu", "--offline",
                "--max-new-tokens", "200", "--image-token-budget", "64"],
               tmp_path_factory.mktemp("tiny-daemon"))
    d.folder = folder
    d.wait_ready(timeout=120)
    yield d
    assert d.stop() == 0, d.stderr()


def test_status_shows_the_loaded_model(tiny_daemon):
    with tiny_daemon.client() as c:
        ping = c.ping()
        info = c.info()
    assert ping.ping.state == "ready"
    assert info.ok and info.info.device == "cpu"
    assert "torch" in info.info.versions and "transformers" in info.info.versions


def test_real_pages_through_the_tiny_model(tiny_daemon):
    pages = eval_pages("03_LM358_TI_D0008A_SOIC-8")
    with tiny_daemon.client(extract_timeout_s=120) as c:
        replies = [c.extract(pages, ExtractOptions()) for _ in range(2)]
        assert c.ping().ping.state == "ready"
    for reply in replies:
        assert reply.final
        if reply.ok:
            result = reply.extract
            assert DatasheetReading.model_validate(result.reading.model_dump()) == result.reading
            assert result.timings["read"] > 0 and "build" in result.timings
            assert all(i.visual_tokens <= 64 for i in result.images)
            # The daemon OCR-checks a model's values by default (serve --no-ground turns it off).
            assert "ground" in result.timings
            assert any(i.code == "grounding" for i in result.issues), result.issues
            # Random numbers rarely make a buildable part: then the reading still comes back.
            assert result.footprint is not None or any(
                i.code == "build_failed" and i.severity == "error" for i in result.issues)
        else:
            assert reply.error.code == "model_error", reply.error
    # Greedy decoding: the same pages give the same answer (or the same typed error).
    assert replies[0].model_dump(exclude={"id": True, "extract": {"timings"}}) == \
        replies[1].model_dump(exclude={"id": True, "extract": {"timings"}})
    assert tiny_daemon.alive()
