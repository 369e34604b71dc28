"""The wide real-page set (eval/wide_pages): its records are complete and sound, and where a
snapshot of a source repository is on this machine the pages rebuild from it.

The PDFs are makers' copyright and never committed; CI has no snapshots, so the rebuild test
skips there and says why."""

import json
import re
from pathlib import Path

import pytest

from daemon.eval.pages import ROLE_MAP, load_page
from daemon.eval.scoring import SCORED

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "eval" / "wide_pages"
MIRROR = Path("/work/.mirror")
PARTS = sorted(p for p in DATA.glob("*/*") if (p / "gt.json").is_file())
KNOWN_EXPECT = set(SCORED) | {"package", "note", "tolerance", "body_tolerance", "drill_tolerance"}


def _gt(folder: Path) -> dict:
    return json.loads((folder / "gt.json").read_text(encoding="utf-8"))


def test_set_size_makers_and_split():
    """At least 25 parts from at least 10 makers, split into a tuning and a held-out part."""
    gts = [_gt(p) for p in PARTS]
    assert len(gts) >= 25
    assert len({g["maker"] for g in gts}) >= 10
    splits = {g["split"] for g in gts}
    assert splits == {"tune", "heldout"}
    for folder, gt in zip(PARTS, gts):
        assert folder.parent.name == gt["split"] and folder.name == gt["id"]
    tuned = {g["source"]["path"] + "#" + str(im["pdf_page"]) for g in gts
             if g["split"] == "tune" for im in g["images"]}
    held = {g["source"]["path"] + "#" + str(im["pdf_page"]) for g in gts
            if g["split"] == "heldout" for im in g["images"]}
    assert not tuned & held, "a held-out page is also a tuning page"
    assert any(im["format"] == "jpeg" for g in gts for im in g["images"])
    assert any(im["dpi"] <= 150 for g in gts for im in g["images"])


@pytest.mark.parametrize("folder", PARTS, ids=[p.name for p in PARTS])
def test_record_is_complete(folder):
    gt = _gt(folder)
    src = gt["source"]
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", src["repo"])
    assert re.fullmatch(r"[0-9a-f]{40}", src["commit"])
    assert re.fullmatch(r"[0-9a-f]{40}", src["blob"])
    assert re.fullmatch(r"[0-9a-f]{64}", src["pdf_sha256"])
    assert src["path"].lower().endswith(".pdf") and src["pdf_bytes"] > 0
    assert gt["images"]
    for im in gt["images"]:
        assert im["role"] in ROLE_MAP
        assert im["format"] in ("png", "jpeg")
        assert Path(im["file"]).suffix == (".png" if im["format"] == "png" else ".jpg")
        assert im["pdf_page"] >= 1 and 72 <= im["dpi"] <= 600
        left, top, right, bottom = im["crop"]
        assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1
    expect = json.loads((folder / "expect.json").read_text(encoding="utf-8"))
    assert set(expect) <= KNOWN_EXPECT, set(expect) - KNOWN_EXPECT
    assert expect["note"], "say where each value comes from"
    scored = [k for k in SCORED if expect.get(k) is not None]
    assert len(scored) >= 3
    if expect.get("smd") is False:
        assert expect.get("signal_pad") is None or "drills" in expect


@pytest.mark.skipif(not MIRROR.is_dir(), reason=f"no repository snapshots at {MIRROR} "
                    "(the PDFs are not in the repository; fetch the repos named in gt.json)")
def test_pages_rebuild_from_snapshots(tmp_path):
    import shutil

    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing (poppler-utils; scripts/setup_dev.sh installs it)")
    import importlib.util

    spec = importlib.util.spec_from_file_location("rebuild", REPO / "scripts" /
                                                  "rebuild_wide_pages.py")
    rebuild = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rebuild)
    built = 0
    for folder in PARTS:
        try:
            target = rebuild.rebuild_part(folder, MIRROR, tmp_path)
        except rebuild.SkipError:
            continue
        built += 1
        page = load_page(target)
        assert page is not None and len(page.images) == len(_gt(folder)["images"])
        for im in _gt(folder)["images"]:
            with Image.open(target / im["file"]) as img:
                left, top, right, bottom = im["crop"]
                # a crop of a page of at least 3 x 3 inches at its dpi
                assert img.width >= (right - left) * 3 * im["dpi"] * 0.9
                assert img.height >= (bottom - top) * 3 * im["dpi"] * 0.9
                assert img.format == ("PNG" if im["format"] == "png" else "JPEG")
    if built == 0:
        pytest.skip(f"none of the source repositories is under {MIRROR}")
