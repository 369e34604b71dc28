"""KiCad's own library checker on ds2fp's footprints (issue 16): every golden family and the
eval-page fixtures, built with a datasheet link as a user gives one, checked rule by rule
against the official footprint of the same name (else the same kind). A rule the official
footprint passes must pass here too. Needs the checker (scripts/fetch_klc.sh) and the
official library; skipped with the reason where either is absent."""

from pathlib import Path

import pytest

from footprint_writer import klc_checker
from footprint_writer.builder import build_footprint
from footprint_writer.builder.load import parse_input
from footprint_writer.library import write_footprint
from schemas.options import BuildOptions

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = Path("/usr/share/kicad/footprints")
SOURCES = sorted((ROOT / "examples").glob("*_reading.json")) + \
    sorted((ROOT / "tests" / "fixtures" / "readings").glob("*.json"))
URL = "https://example.com/datasheet.pdf"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    if klc_checker.klc_dir() is None:
        pytest.skip(klc_checker.missing_reason())
    if not OFFICIAL.is_dir():
        pytest.skip(f"official KiCad footprints not installed ({OFFICIAL})")
    lib = tmp_path_factory.mktemp("klc") / "Ds2fp.pretty"
    ours = {}
    for source in SOURCES:
        spec = build_footprint(parse_input(source.read_text()), BuildOptions(datasheet=URL))
        ours[spec.name] = write_footprint(spec, lib, replace=True)
    pairs = klc_checker.pair(ours, klc_checker.official_index(OFFICIAL))
    theirs = {p for p in pairs.values() if p is not None}
    found = klc_checker.violations(list(ours.values()) + sorted(theirs))
    return ours, pairs, found


def test_every_family_is_paired(checked):
    ours, pairs, _ = checked
    assert len(ours) >= 15
    assert [n for n, p in pairs.items() if p is None] == []


def test_no_rule_worse_than_official(checked):
    ours, pairs, found = checked
    worse = {}
    for name, path in ours.items():
        extra = found[str(path.resolve())] - found[str(pairs[name].resolve())]
        if extra:
            worse[name] = (sorted(extra), pairs[name].stem)
    assert worse == {}, f"rules ds2fp fails and the official footprint passes: {worse}"


def test_the_checker_sees_a_broken_footprint(checked, tmp_path):
    """The comparison is only as good as the checker run: a footprint with no datasheet link
    must fail F9.1 here."""
    spec = build_footprint(parse_input(SOURCES[0].read_text()))
    path = write_footprint(spec, tmp_path / "Bad.pretty")
    assert "F9.1" in klc_checker.violations([path])[str(path.resolve())]
