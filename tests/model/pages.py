"""Real datasheet pages from ../shared/eval/datasheets (never copied into the repo)."""

from typing import List

import pytest

from daemon.readers.base import PageImage
from footprint_writer.expect import find_eval_dir


def real_pages(folder: str, *names_roles) -> List[PageImage]:
    """PageImages for (file name, role) pairs in one datasheet folder; skip if absent."""
    from PIL import Image

    root = find_eval_dir()
    if root is None or not (root / folder).is_dir():
        pytest.skip(f"eval datasheet {folder} is absent (../shared/eval/datasheets)")
    base = root / folder
    pages = []
    for name, role in names_roles:
        with Image.open(base / name) as image:
            pages.append(PageImage(image=image.convert("RGB"), role=role, name=name))
    return pages


def soic_pages() -> List[PageImage]:
    return real_pages("03_LM358_TI_D0008A_SOIC-8", ("package_p58.png", "package"),
                      ("land_pattern_p59.png", "land_pattern"))


def tssop_page() -> List[PageImage]:
    return real_pages("04_LM339_onsemi_TSSOP-14_948G",
                      ("package_and_land_pattern_p13.png", "both"))


def drawn_page() -> List[PageImage]:
    """A synthetic drawing page, for tests that need a page but not a real datasheet."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([160, 120, 480, 360], outline="black", width=3)
    for x in range(180, 480, 60):
        draw.rectangle([x, 360, x + 30, 420], fill="black")
    draw.text((200, 60), "SOIC-8  D 4.80 5.00  E1 3.80 4.00  e 1.27 BSC", fill="black")
    return [PageImage(image=image, role="both", name="drawn.png")]
