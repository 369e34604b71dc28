"""Round lands on a lattice with positions left out (GlobalMEMS' GMC303 WLCSP-8, t97): the
printed land diameter and pitch, the drawn lands for which positions are there."""

from types import SimpleNamespace

from PIL import Image, ImageDraw

from daemon.ocr.ball_lattice import read_ball_lattice
from daemon.ocr.numbers import parse_values
from daemon.ocr.package_callouts import Dim
from daemon.ocr.tokens import OcrToken

H = 16


def _lattice(missing=((1, 1),), step=115, land=66):
    img = Image.new("RGB", (800, 700), "white")
    d = ImageDraw.Draw(img)
    for i in range(3):
        for j in range(3):
            if (i, j) not in missing:
                x, y = 250 + step * i, 200 + step * j
                d.ellipse((x - land // 2, y - land // 2, x + land // 2, y + land // 2),
                          fill=(128, 128, 128))
    return img


def _fig(texts=(("Φ0.23", 220, 480), ("0.4", 330, 480), ("0.4", 150, 250))):
    dims = []
    for text, x, y in texts:
        (v,) = parse_values(text)
        dims.append(Dim(v, (x, y, x + 50, y + H)))
    tokens = [OcrToken(t, (x, y, x + 50, y + H)) for t, x, y in texts]
    # the land figure the page finds: one of the lands drawn apart, its label region
    return SimpleNamespace(dims=dims, region=(150, 100, 350, 300), box=(217, 167, 283, 233),
                           tokens=tokens)


def test_a_lattice_less_its_centre_is_its_eight_lands():
    fig = _fig()
    reading = read_ball_lattice(_lattice(), fig, fig.tokens, H)
    assert reading.pin_count == 8 and reading.family == "other"
    assert {(p.size_x, p.shape) for p in reading.pads} == {(0.23, "circle")}
    xy = {(p.x, p.y) for p in reading.pads}
    assert (0.0, 0.0) not in xy and (-0.4, -0.4) in xy and (0.4, 0.4) in xy
    assert all(p.inferred for p in reading.pads) and "1 left out" in reading.notes


def test_a_full_grid_or_lands_off_the_printed_proportion_is_not_its_to_read():
    fig = _fig()
    assert read_ball_lattice(_lattice(missing=()), fig, fig.tokens, H) is None  # pad_grid's
    assert read_ball_lattice(_lattice(land=30), fig, fig.tokens, H) is None  # 0.26 of a pitch
    assert read_ball_lattice(_lattice(), _fig(texts=(("0.4", 330, 480),)), (), H) is None


def test_ball_names_follow_the_land_pages_own_labels():
    """GlobalMEMS' footprint letters its rows C, B, A from the top: the top row is C, not
    JEDEC's A1-at-top-left."""
    from daemon.ocr.pad_grid import named_as_balls
    from schemas.reading import DatasheetReading, ReadPad

    pads = [ReadPad(number=str(k + 1), kind="smd", shape="circle", x=x, y=y, size_x=0.23,
                    size_y=0.23) for k, (x, y) in enumerate(
                        [(-0.2, -0.2), (0.2, -0.2), (-0.2, 0.2), (0.2, 0.2)])]
    reading = DatasheetReading(units="mm", family="other", pin_count=4, pads=pads)
    land = [OcrToken("1", (100, 10, 110, 26)), OcrToken("2", (200, 10, 210, 26)),
            OcrToken("B", (300, 60, 310, 76)), OcrToken("A", (300, 160, 310, 176))]
    named = named_as_balls(reading, land, land)
    assert {(p.x, p.y): p.number for p in named.pads}[(-0.2, -0.2)] == "B1"
    jedec = named_as_balls(reading, land)  # no land labels given: A1 top left
    assert {(p.x, p.y): p.number for p in jedec.pads}[(-0.2, -0.2)] == "A1"
