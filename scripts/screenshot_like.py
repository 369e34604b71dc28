#!/usr/bin/env python3
"""Screenshot-like copies of rebuilt eval pages: each image scaled down and saved as JPEG.

A user's screenshot of a PDF viewer at 100 % is about 96-110 dpi and often JPEG; the wide set
is rendered at 120-300 dpi. This writes a copy of a rebuilt set (scripts/rebuild_wide_pages.py
output) with every image at `--scale` (0.7: 150 dpi -> about 105 dpi) as JPEG `--quality`,
the gt.json image names following, so that the reader's robustness to small print is one
`ds2fp eval` away:

    python scripts/screenshot_like.py .cache/wide_pages/tune .cache/wide_pages_small/tune
    ds2fp eval .cache/wide_pages_small/tune --reader ocr

The copies stay under .cache (the makers' pages are never committed).
"""

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import List, Optional

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def copy_part(src: Path, dst: Path, scale: float, quality: int) -> None:
    """One part folder: its images scaled and re-encoded, its JSON files copied (gt.json's
    image file names changed to the JPEG copies)."""
    from PIL import Image

    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.suffix.lower() in IMAGE_SUFFIXES:
            with Image.open(path) as im:
                small = im.convert("RGB").resize(
                    (max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                    Image.LANCZOS)
            small.save(dst / (path.stem + ".jpg"), quality=quality)
        elif path.suffix == ".json":
            shutil.copyfile(path, dst / path.name)
    gt = dst / "gt.json"
    if gt.is_file():
        data = json.loads(gt.read_text(encoding="utf-8"))
        for image in data.get("images", []):
            image["file"] = Path(image["file"]).stem + ".jpg"
            image["format"] = "jpeg"
        gt.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a rebuilt set: one folder per part")
    parser.add_argument("target", type=Path)
    parser.add_argument("--scale", type=float, default=0.7)
    parser.add_argument("--quality", type=int, default=70)
    args = parser.parse_args(argv)
    if not 0.1 <= args.scale <= 1.0 or not 10 <= args.quality <= 95:
        parser.error("--scale must be 0.1-1.0 and --quality 10-95")
    parts = [p for p in sorted(args.source.iterdir()) if (p / "expect.json").is_file()]
    if not parts:
        print(f"screenshot_like: no part folders (with expect.json) in {args.source}",
              file=sys.stderr)
        return 1
    for part in parts:
        copy_part(part, args.target / part.name, args.scale, args.quality)
    print(f"{len(parts)} parts written to {args.target} at {args.scale:g} scale, "
          f"JPEG quality {args.quality}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
