"""Evaluation page folders (../shared/eval/datasheets layout): images, roles, expectations."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

# gt.json image roles -> reader roles.
ROLE_MAP = {"package": "package", "land_pattern": "land_pattern", "land_pattern_tht":
            "land_pattern", "package_and_land_pattern": "both", "both": "both",
            "full_page": "both"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff")


@dataclass
class EvalPage:
    name: str
    folder: Path
    expect: Dict[str, Any]
    images: List[Tuple[Path, str]] = field(default_factory=list)  # (path, role)
    part_name: Optional[str] = None  # the datasheet's file name, as a user would name it


def _role_from_name(name: str) -> str:
    low = name.lower()
    if "land" in low and "package" in low:
        return "both"
    if "land" in low or "layout" in low or "footprint" in low:
        return "land_pattern"
    if "package" in low:
        return "package"
    return "both"


def load_page(folder: Path) -> Optional[EvalPage]:
    """One page folder, or None if it has no expect.json."""
    expect_path = folder / "expect.json"
    if not expect_path.is_file():
        return None
    expect = json.loads(expect_path.read_text(encoding="utf-8"))
    images: List[Tuple[Path, str]] = []
    part_name = None
    gt_path = folder / "gt.json"
    if gt_path.is_file():
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        source = gt.get("source", {}).get("path") or ""
        part_name = Path(source).stem or None
        listed = [(folder / im["file"], ROLE_MAP.get(im.get("role", ""), "both"),
                   im.get("role", "")) for im in gt.get("images", [])]
        # A whole page beside its own crops only repeats them (and costs OCR time).
        crops = [x for x in listed if x[2] != "full_page"]
        images = [(p, r) for p, r, _ in (crops or listed) if p.is_file()]
    if not images:
        images = [(p, _role_from_name(p.name)) for p in sorted(folder.iterdir())
                  if p.suffix.lower() in IMAGE_SUFFIXES]
    return EvalPage(folder.name, folder, expect, images[:4], part_name)


def load_pages(root: Path) -> List[EvalPage]:
    """Every page folder under `root` (or `root` itself if it is one)."""
    root = Path(root)
    single = load_page(root)
    if single is not None:
        return [single]
    pages = [load_page(p) for p in sorted(root.iterdir()) if p.is_dir()]
    return [p for p in pages if p is not None]
