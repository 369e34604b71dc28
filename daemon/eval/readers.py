"""Which reader reads each eval page: `ocr`, `model`, or recorded readings."""

from pathlib import Path
from typing import Callable

from daemon.readers.base import Reader, ReaderError


def reader_for(spec: str, untitled: bool = False) -> Callable[[str], Reader]:
    """A function page-name -> Reader. A folder of recorded readings holds `<page>.json`;
    one reading file is used for every page. `untitled`: the OCR reader on pages read as if
    cropped below their titles (daemon.eval.untitled)."""
    if untitled:
        if spec != "ocr":
            from footprint_writer.errors import Ds2fpError

            raise Ds2fpError("--untitled drops OCR runs: use it with --reader ocr")
        from daemon.eval.untitled import untitled_ocr_reader

        reader = untitled_ocr_reader()
        return lambda page: reader
    path = Path(spec)
    if spec not in ("ocr", "model") and path.is_dir():
        from daemon.readers.file_reader import FileReader

        def from_dir(page: str) -> Reader:
            for candidate in (path / f"{page}.json", path / page / "reading.json"):
                if candidate.is_file():
                    return FileReader(candidate)
            raise ReaderError(f"no recorded reading for {page} in {path}")
        return from_dir
    if spec not in ("ocr", "model") and path.is_file():
        from daemon.readers.file_reader import FileReader

        reader = FileReader(path)
        return lambda page: reader
    from daemon.readers.factory import make_reader

    shared = make_reader(spec)
    return lambda page: shared
