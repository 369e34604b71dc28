"""The PCM zip's layout and metadata, the icons, and Python 3.9 syntax on the plugin side."""

import ast
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.plugin.conftest import REPO


def _load_script(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_pcm_zip = _load_script("build_pcm_zip")

PCM_SCHEMA = Path("/usr/share/kicad/schemas/pcm.v1.schema.json")


def test_pcm_zip_layout(tmp_path):
    target = build_pcm_zip.build(tmp_path)
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        meta = json.loads(zf.read("metadata.json"))
        with zf.open("resources/icon.png") as handle:
            assert Image.open(handle).size == (64, 64)
    assert {"metadata.json", "plugins/__init__.py", "plugins/action.py",
            "plugins/ui/dialog.py", "plugins/icons/ds2fp_24.png",
            "plugins/icons/ds2fp_24_dark.png", "resources/icon.png"} <= set(names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert all(n == "metadata.json" or n.startswith(("plugins/", "resources/")) for n in names)
    assert meta["type"] == "plugin" and meta["identifier"] == "org.ds2fp.kicad"
    version = meta["versions"][0]
    assert version["kicad_version"] == "6.0" and version["version"] == target.stem.split("-")[-1]


def test_pcm_metadata_validates_against_kicads_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    if not PCM_SCHEMA.exists():
        pytest.skip(f"{PCM_SCHEMA} missing (Debian kicad)")
    schema = json.loads(PCM_SCHEMA.read_text())
    meta = build_pcm_zip.metadata("0.1.0")
    jsonschema.validate(meta, schema)


def test_icons_sizes():
    icons = REPO / "kicad_plugin" / "icons"
    for name, size in (("ds2fp_24.png", 24), ("ds2fp_24_dark.png", 24), ("ds2fp_64.png", 64)):
        with Image.open(icons / name) as img:
            assert img.size == (size, size) and img.mode == "RGBA"


def _annotation_unions(tree: ast.AST) -> list:
    found = []
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
            args = node.args
            annotations += [a.annotation for a in args.args + args.kwonlyargs
                            + args.posonlyargs]
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for ann in annotations:
            if ann is not None and any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr)
                                       for n in ast.walk(ann)):
                found.append(node.lineno)
    return found


PY39_FILES = sorted((REPO / "kicad_plugin").rglob("*.py")) + [REPO / "install.py"]


@pytest.mark.parametrize("path", PY39_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_plugin_side_is_python39(path):
    """KiCad's Python is 3.9 on macOS: no match statements, no `X | Y` annotations."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, feature_version=(3, 9))
    assert not [n for n in ast.walk(tree) if type(n).__name__ == "Match"]
    assert _annotation_unions(tree) == []
