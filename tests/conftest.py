"""Fixtures shared across test folders."""

import pytest


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """Folder of the tiny random Qwen3-VL checkpoint, built once per test session (~1 s)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("xgrammar")
    from daemon.model.tiny import tiny_model_dir

    return tiny_model_dir(tmp_path_factory.mktemp("model"))
