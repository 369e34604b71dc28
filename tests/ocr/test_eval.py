"""`ds2fp eval` scoring on recorded readings (no OCR): a page folder made here, and the
real evaluation pages when ../shared/eval/datasheets is present."""

import json
from pathlib import Path

import pytest

from daemon.eval.pages import load_pages
from daemon.eval.report import format_report
from daemon.eval.scoring import score_page
from daemon.readers.file_reader import FileReader

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "readings"

EXPECT = {"pads_total": 8, "signal_pads": 8, "exposed_pads": 0, "pitch": 1.27,
          "signal_pad": [0.6, 1.55], "row_spacing": 5.4, "exposed_pad": None, "drills": [],
          "body": [3.9, 4.9], "height": 1.75, "smd": True, "tolerance": 0.05}


@pytest.fixture()
def page_dir(tmp_path, soic_reading, rendered):
    folder = tmp_path / "pages" / "01_synthetic_soic"
    folder.mkdir(parents=True)
    rendered["soic_land"].resize((275, 350)).save(folder / "land_pattern.png")
    (folder / "expect.json").write_text(json.dumps(EXPECT))
    reading_path = tmp_path / "reading.json"
    reading_path.write_text(soic_reading.model_dump_json())
    return folder.parent, reading_path


def test_recorded_reading_scores_right(page_dir):
    root, reading_path = page_dir
    (page,) = load_pages(root)
    assert page.images[0][1] == "land_pattern"
    score = score_page(page, FileReader(reading_path))
    assert score.error is None
    assert score.right == score.total == 10, [f for f in score.facts if not f.ok]
    assert format_report([score]).splitlines()[-1] == "score: 10/10 fields"


def test_wrong_reading_scores_wrong(page_dir, soic_reading, tmp_path):
    from schemas.toleranced import Toleranced

    root, _ = page_dir
    lp = soic_reading.land_pattern.model_copy(update={"row_spacing": Toleranced(nom=5.9)})
    bad = tmp_path / "bad.json"
    bad.write_text(soic_reading.model_copy(update={"land_pattern": lp}).model_dump_json())
    (page,) = load_pages(root)
    score = score_page(page, FileReader(bad))
    wrong = [f.field for f in score.facts if f.ok is False]
    assert wrong == ["row_spacing"]
    assert score.column(("row_spacing",)) is False and score.column(("pitch",)) is True
    # a value built that differs is the dangerous kind, counted apart from one left out
    assert score.mark(("row_spacing",)) == "WRONG" and score.wrong_values == 1
    assert "wrong values (built, not as printed): 1 fields on 1 pages" in format_report([score])


def test_reader_failure_counts_every_fact_wrong(page_dir):
    from daemon.readers.base import Reader, ReaderError

    class Failing(Reader):
        def read(self, pages, hints):
            raise ReaderError("no dimensions found")

    root, _ = page_dir
    (page,) = load_pages(root)
    score = score_page(page, Failing())
    assert score.right == 0 and score.total == 10 and "no dimensions" in score.error
    # nothing was built: every fact is left out, none is a wrong value
    assert score.wrong_values == 0 and score.mark(("pitch",)) == "miss"
    assert "left out (no value or no footprint): 10 fields" in format_report([score])


def test_cli_eval_with_recorded_readings_on_real_pages(capsys):
    from daemon.cli import main
    from footprint_writer.expect import find_eval_dir

    eval_dir = find_eval_dir()
    if eval_dir is None or not FIXTURES.is_dir():
        pytest.skip("../shared/eval/datasheets not present")
    assert main(["eval", str(eval_dir), "--reader", str(FIXTURES)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    right, total = out[-1].removeprefix("score: ").removesuffix(" fields").split("/")
    assert int(total) > 50 and int(right) == int(total)


def test_scale_shrinks_the_pages_before_reading(page_dir, capsys):
    import io

    from PIL import Image

    from daemon.cli import main
    from daemon.eval.scoring import scaled_png

    root, reading_path = page_dir
    (page,) = load_pages(root)
    data = page.images[0][0].read_bytes()
    with Image.open(io.BytesIO(scaled_png(data, 0.5))) as small:
        assert small.size == (138, 175)  # 275 x 350 halved
    assert main(["eval", str(root), "--reader", str(reading_path), "--scale", "0.5"]) == 0
    assert "score: 10/10 fields" in capsys.readouterr().out
    assert main(["eval", str(root), "--scale", "3"]) != 0


def test_untitled_drops_every_run_naming_a_family():
    """`ds2fp eval --untitled`: the page as if cropped below its title."""
    from daemon.eval.untitled import UntitledEngine
    from daemon.ocr.tokens import OcrPage, OcrToken

    class Engine:
        loaded = True

        def read(self, image, name="", rotated=False):
            texts = ["8-Lead SOIC Package Outline", "JEDEC MS-012", "1.27 BSC", "4.90±0.10"]
            return OcrPage([OcrToken(t, (0, 20 * i, 90, 20 * i + 16))
                            for i, t in enumerate(texts)], 100, 100, name)

    engine = UntitledEngine(Engine())
    assert [t.text for t in engine.read(None).tokens] == ["1.27 BSC", "4.90±0.10"]
    assert engine.loaded  # everything else is the engine's own


def test_untitled_needs_the_ocr_reader(page_dir):
    from daemon.cli import main

    root, reading_path = page_dir
    assert main(["eval", str(root), "--reader", str(reading_path), "--untitled"]) != 0
