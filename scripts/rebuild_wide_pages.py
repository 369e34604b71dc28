#!/usr/bin/env python3
"""Rebuild the wide real-page evaluation set (eval/wide_pages) from repository snapshots.

The repository holds only what we wrote: per part a `gt.json` (where the page comes from:
repository, commit, path, blob, the PDF's sha256, page, dpi, crop box, image format) and an
`expect.json` (the ground truth). The datasheet PDFs and page images are the makers'
copyright, so they are never committed; this script renders them again from a local
snapshot of each source repository:

    python scripts/rebuild_wide_pages.py --mirror /work/.mirror --out .cache/wide_pages

`--mirror` holds one git directory per repository as `<owner>+<name>/repo` (the layout the
search tool's `fetch` leaves; any bare clone at that path works). A part whose snapshot or
PDF is missing, or whose PDF does not match its sha256, is skipped with the reason; the exit
status is the number skipped. Needs poppler's `pdftoppm`/`pdfinfo` (scripts/setup_dev.sh
installs poppler-utils) and Pillow.

The output mirrors the source layout: `<out>/tune/<id>/` and `<out>/heldout/<id>/`, each with
its images, gt.json and expect.json, ready for `ds2fp eval <out>/tune`.
"""

import argparse
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "eval" / "wide_pages"
SPLITS = ("tune", "heldout")


class SkipError(Exception):
    """This part cannot be rebuilt here; the message says why."""


def snapshot_dir(mirror: Path, repo: str) -> Path:
    git = mirror / repo.replace("/", "+") / "repo"
    if (git / ".git").is_dir():  # some snapshots are clones with a work tree
        git = git / ".git"
    if not git.is_dir():
        raise SkipError(f"no snapshot of {repo} under {mirror} (fetch github:{repo})")
    return git


def pdf_bytes(git: Path, source: dict) -> bytes:
    """The PDF at the recorded commit (or, if the snapshot lacks that commit, the recorded
    blob), checked against its sha256."""
    for spec in (f"{source['commit']}:{source['path']}", source.get("blob", "")):
        if not spec:
            continue
        run = subprocess.run(["git", "--git-dir", str(git), "cat-file", "blob", spec],
                             capture_output=True)
        if run.returncode == 0:
            data = run.stdout
            digest = hashlib.sha256(data).hexdigest()
            if digest != source["pdf_sha256"]:
                raise SkipError(f"{source['path']}: sha256 {digest[:12]}... is not the recorded "
                           f"{source['pdf_sha256'][:12]}...")
            return data
    raise SkipError(f"{source['path']} at {source['commit'][:10]} is not in the snapshot "
               "(LFS or over the snapshot's size limit?)")


def page_size_pt(pdf: Path, page: int) -> Tuple[float, float]:
    """The page's size as pdfinfo gives it: turned pages (/Rotate 90 or 270, drawings
    in landscape) swap width and height. Where a page's CropBox is smaller than its
    MediaBox (8 of the set's images), pdfinfo gives the CropBox and pdftoppm renders the
    MediaBox: the crop fractions are then of the CropBox's size, counted from the rendered
    MediaBox's top left. The recorded crops were chosen so; this stays as it is."""
    out = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    size, turned = None, False
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            size = float(parts[0]), float(parts[2])
        if line.startswith("Page") and "rot:" in line:
            turned = int(float(line.split("rot:")[1].split()[0])) % 180 == 90
    if size is None:
        raise SkipError(f"pdfinfo gave no size for page {page}")
    return (size[1], size[0]) if turned else size


def render(pdf: Path, image: dict) -> bytes:
    """Render one page at its dpi, cropped to its box (fractions of the page), encoded."""
    from PIL import Image

    page, dpi = int(image["pdf_page"]), int(image["dpi"])
    width_pt, height_pt = page_size_pt(pdf, page)
    w_px, h_px = width_pt * dpi / 72.0, height_pt * dpi / 72.0
    left, top, right, bottom = image.get("crop") or [0.0, 0.0, 1.0, 1.0]
    x, y = round(left * w_px), round(top * h_px)
    w, h = round((right - left) * w_px), round((bottom - top) * h_px)
    png = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi),
                          "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-png",
                          str(pdf)], capture_output=True, check=True).stdout
    if not png:
        raise SkipError(f"pdftoppm rendered nothing for page {page}")
    if image.get("format", "png") == "png":
        return png
    with Image.open(io.BytesIO(png)) as im:
        buf = io.BytesIO()
        im.convert("RGB").save(buf, format="JPEG", quality=85)
        return buf.getvalue()


def rebuild_part(folder: Path, mirror: Path, out: Path) -> Path:
    gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    source = gt["source"]
    git = snapshot_dir(mirror, source["repo"])
    data = pdf_bytes(git, source)
    target = out / folder.parent.name / folder.name
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "source.pdf"
        pdf.write_bytes(data)
        for image in gt["images"]:
            (target / image["file"]).write_bytes(render(pdf, image))
    shutil.copyfile(folder / "gt.json", target / "gt.json")
    shutil.copyfile(folder / "expect.json", target / "expect.json")
    return target


def part_folders(data: Path = DATA) -> List[Path]:
    return [p for split in SPLITS for p in sorted((data / split).glob("*"))
            if (p / "gt.json").is_file()]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                        help="folder of <owner>+<name>/repo git snapshots")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "wide_pages")
    args = parser.parse_args(argv)
    for tool in ("pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"rebuild_wide_pages: {tool} not found (install poppler-utils)",
                  file=sys.stderr)
            return 2
    skipped = 0
    for folder in part_folders():
        try:
            target = rebuild_part(folder, args.mirror, args.out)
            print(f"built   {target.relative_to(args.out)}")
        except SkipError as exc:
            skipped += 1
            print(f"skipped {folder.parent.name}/{folder.name}: {exc}")
    return min(skipped, 125)


if __name__ == "__main__":
    sys.exit(main())
