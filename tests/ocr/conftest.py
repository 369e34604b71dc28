"""One OCR engine and one OCR result per rendered page for the whole session: OCR is the
slow part (seconds per page on 2 cores), so every test reuses the same pages."""

import pytest

from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced


def tol(min=None, nom=None, max=None):  # the datasheet column names
    return Toleranced(min=min, nom=nom, max=max)


@pytest.fixture(scope="session")
def soic_reading() -> DatasheetReading:
    """A SOIC-8 as a datasheet would print it (values chosen so each is distinct)."""
    return DatasheetReading(
        units="mm", family="soic", pin_count=8, pitch=tol(nom=1.27), height=tol(max=1.75),
        overall_width=tol(min=5.8, nom=6.0, max=6.2), body_width=tol(min=3.8, nom=3.9, max=4.0),
        body_length=tol(min=4.8, nom=4.9, max=5.0), lead_width=tol(min=0.31, max=0.51),
        lead_length=tol(min=0.4, max=1.27),
        land_pattern=LandPattern(pitch=tol(nom=1.27), row_spacing=tol(nom=5.4),
                                 pad_width=tol(max=0.6), pad_length=tol(max=1.55)))


@pytest.fixture(scope="session")
def dfn_reading() -> DatasheetReading:
    return DatasheetReading(
        units="mm", family="dfn", pin_count=8, exposed_pad=True, pitch=tol(nom=0.5),
        height=tol(min=0.8, nom=0.9, max=1.0), body_length=tol(nom=2.0), body_width=tol(nom=3.0),
        exposed_pad_length=tol(min=1.3, max=1.55), exposed_pad_width=tol(min=1.5, max=1.75),
        lead_width=tol(min=0.2, nom=0.25, max=0.3), lead_length=tol(min=0.3, nom=0.4, max=0.5))


@pytest.fixture(scope="session")
def engine():
    pytest.importorskip("rapidocr_onnxruntime")
    from daemon.ocr.engine import OcrEngine

    eng = OcrEngine()
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def rendered(soic_reading, dfn_reading):
    """name -> PIL image of every synthetic page the tests read."""
    from daemon.synth.pages import land_pattern_page, package_page

    return {
        "soic_table": package_page(soic_reading, "table"),
        "soic_inch": package_page(soic_reading, "inch"),
        "soic_dual_units": package_page(soic_reading, "dual"),
        "soic_land": land_pattern_page(soic_reading),
        "soic_callouts": land_pattern_page(soic_reading, "callouts"),
        "soic_dual": land_pattern_page(soic_reading, "dual"),
        "soic_vertical": land_pattern_page(soic_reading, "vertical"),
        "dfn_bottom": package_page(dfn_reading, "bottom"),
    }


@pytest.fixture(scope="session")
def ocr_pages(engine, rendered):
    """name -> OcrPage, each page OCRed once per session."""
    return {name: engine.read(image, name=name) for name, image in rendered.items()}
