"""The screenshots of one dialog session: files on disk with a role each (no wx here).

Pasted images are saved as PNG into a session folder (the bridge reads files, which keeps
megabytes off its stdin); added files are used where they are. `close()` removes the folder.
"""

import shutil
import tempfile
from pathlib import Path
from typing import List, Optional, Tuple

MAX_IMAGES = 4  # schemas.protocol.MAX_IMAGES
MAX_FILE_BYTES = 40 * 1024 * 1024
ROLES: Tuple[Tuple[str, str], ...] = (
    ("both", "Package + land pattern"),
    ("package", "Package drawing"),
    ("land_pattern", "Land pattern"),
    ("other", "Other (table, notes)"),
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"))


class ImageError(Exception):
    """An image that cannot be used; the message says what to do instead."""


class ImageItem:
    def __init__(self, path: Path, role: str = "both", name: str = "", pasted: bool = False):
        self.path = Path(path)
        self.role = role
        self.name = name or self.path.name
        self.pasted = pasted

    def as_request(self) -> dict:
        return {"path": str(self.path), "role": self.role, "name": self.name}


def guess_role(name: str) -> str:
    """A role from a file name ('..._land_pattern_p21.png' -> land_pattern)."""
    low = name.lower()
    has_land = any(k in low for k in ("land", "footprint", "pcb", "pattern", "layout"))
    has_pkg = any(k in low for k in ("package", "outline", "mechanical", "dimension"))
    if has_land and not has_pkg:
        return "land_pattern"
    if has_pkg and not has_land:
        return "package"
    return "both"


def sniff(data: bytes) -> Optional[str]:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


class ImageSession:
    def __init__(self):
        self.items: List[ImageItem] = []
        self._folder: Optional[Path] = None
        self._pasted = 0

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="ds2fp-plugin-"))
        return self._folder

    def _room(self) -> None:
        if len(self.items) >= MAX_IMAGES:
            raise ImageError(f"at most {MAX_IMAGES} images per footprint: remove one first "
                             "(the package drawing and the land pattern are what matter)")

    def add_file(self, path: str, role: Optional[str] = None) -> ImageItem:
        self._room()
        p = Path(path)
        if p.suffix.lower() not in IMAGE_SUFFIXES:
            raise ImageError(f"{p.name}: use a PNG or JPEG screenshot (got {p.suffix or 'no '}"
                             " extension)")
        try:
            size = p.stat().st_size
            with p.open("rb") as handle:
                head = handle.read(16)
        except OSError as exc:
            raise ImageError(f"cannot read {p}: {exc.strerror}") from None
        if size > MAX_FILE_BYTES:
            raise ImageError(f"{p.name} is {size // (1024 * 1024)} MB: crop the screenshot to "
                             "the drawing")
        if sniff(head) is None:
            raise ImageError(f"{p.name} is not a PNG or JPEG file")
        item = ImageItem(p, role or guess_role(p.name), p.name)
        self.items.append(item)
        return item

    def add_png(self, data: bytes, role: str = "both") -> ImageItem:
        """A pasted image (PNG bytes) saved into the session folder."""
        self._room()
        if sniff(data) != "PNG":
            raise ImageError("the clipboard image could not be converted to PNG")
        self._pasted += 1
        name = f"pasted_{self._pasted}.png"
        path = self.folder / name
        path.write_bytes(data)
        item = ImageItem(path, role, name, pasted=True)
        self.items.append(item)
        return item

    def remove(self, index: int) -> None:
        item = self.items.pop(index)
        if item.pasted:
            try:
                item.path.unlink()
            except OSError:
                pass  # the folder goes at close() anyway

    def requests(self) -> List[dict]:
        return [i.as_request() for i in self.items]

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(str(self._folder), ignore_errors=True)
            self._folder = None
