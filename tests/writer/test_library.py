"""write_footprint and fp-lib-table registration: atomic, checked, never clobbering."""

import pytest

from footprint_writer.checks import check_footprint
from footprint_writer.errors import CheckFailedError, FootprintExistsError, LibraryError
from footprint_writer.library import (
    global_table_path,
    project_library_uri,
    project_table_path,
    read_library_entries,
    register_library,
    write_footprint,
)
from footprint_writer.render import render
from schemas.footprint import Pad
from tests.writer.helpers import load_spec, spec_names


def _files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_write_creates_pretty_and_file(tmp_path):
    spec = load_spec("soic8")
    lib = tmp_path / "sub" / "My.pretty"
    path = write_footprint(spec, lib)
    assert path == lib / "SOIC-8_3.9x4.9mm_P1.27mm.kicad_mod"
    assert path.read_text() == render(spec)
    assert _files(lib) == [path.name]  # no temp file left behind


@pytest.mark.parametrize("stem", spec_names())
def test_every_fixture_passes_checks_and_writes(stem, tmp_path):
    spec = load_spec(stem)
    assert [i for i in check_footprint(spec) if i.severity != "info"] == []
    path = write_footprint(spec, tmp_path / "All.pretty")
    assert path.read_text() == render(spec)


def test_existing_file_is_not_overwritten_without_replace(tmp_path):
    spec = load_spec("soic8")
    lib = tmp_path / "My.pretty"
    path = write_footprint(spec, lib)
    path.write_text("user's own edits")
    with pytest.raises(FootprintExistsError) as err:
        write_footprint(spec, lib)
    assert "--replace" in str(err.value)
    assert path.read_text() == "user's own edits"
    write_footprint(spec, lib, replace=True)
    assert path.read_text() == render(spec)
    assert _files(lib) == [path.name]


def test_failing_checks_write_nothing(tmp_path):
    spec = load_spec("soic8")
    pads = list(spec.pads)
    pads[1] = pads[1].model_copy(update={"y": pads[0].y + 0.3})  # overlaps pad 1
    bad = spec.model_copy(update={"pads": pads})
    lib = tmp_path / "My.pretty"
    with pytest.raises(CheckFailedError) as err:
        write_footprint(bad, lib)
    assert "pads 1 and 2" in str(err.value)
    assert any(i.code == "pad_overlap" for i in err.value.issues)
    assert not lib.exists()


def test_empty_footprint_is_refused(tmp_path):
    spec = load_spec("soic8").model_copy(update={"pads": []})
    with pytest.raises(CheckFailedError):
        write_footprint(spec, tmp_path / "My.pretty")
    assert _files(tmp_path) == []


def test_unwritable_library_even_as_root(tmp_path):
    # A path below a regular file cannot be created by anyone, root included.
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(LibraryError) as err:
        write_footprint(load_spec("soic8"), blocker / "My.pretty")
    assert "cannot create library folder" in str(err.value)
    assert blocker.read_text() == "x"


def test_library_path_that_is_a_file(tmp_path):
    lib = tmp_path / "My.pretty"
    lib.write_text("oops")
    with pytest.raises(LibraryError):
        write_footprint(load_spec("soic8"), lib)
    assert lib.read_text() == "oops"


def test_library_must_end_in_pretty(tmp_path):
    with pytest.raises(LibraryError) as err:
        write_footprint(load_spec("soic8"), tmp_path / "My")
    assert ".pretty" in str(err.value)


def test_ten_thousand_pads_rejected_by_schema():
    spec = load_spec("soic8")
    pads = [Pad(number=str(i), x=i * 0.01, y=0, size_x=0.005, size_y=0.005)
            for i in range(10_000)]
    with pytest.raises(ValueError):
        type(spec).model_validate({**spec.model_dump(), "pads": [p.model_dump() for p in pads]})


# --- fp-lib-table ---------------------------------------------------------------------------

def test_register_creates_table_with_version(tmp_path):
    table = tmp_path / "fp-lib-table"
    assert register_library(table, "ds2fp", "${KIPRJMOD}/ds2fp.pretty", descr="made by ds2fp")
    text = table.read_text()
    assert text.startswith("(fp_lib_table\n  (version 7)\n")
    assert read_library_entries(table) == [("ds2fp", "${KIPRJMOD}/ds2fp.pretty")]
    assert not (tmp_path / "fp-lib-table.bak").exists()  # nothing to back up


EXISTING = """(fp_lib_table
  (version 7)
  (lib (name "Other")(type "KiCad")(uri "/libs/Other.pretty")(options "")(descr "")(hidden))
)
"""


def test_register_backs_up_and_keeps_existing_entries(tmp_path):
    table = tmp_path / "fp-lib-table"
    table.write_text(EXISTING)
    assert register_library(table, "ds2fp", "${KIPRJMOD}/ds2fp.pretty")
    assert (tmp_path / "fp-lib-table.bak").read_text() == EXISTING
    text = table.read_text()
    assert "(version 7)" in text and "(hidden)" in text
    assert read_library_entries(table) == [("Other", "/libs/Other.pretty"),
                                           ("ds2fp", "${KIPRJMOD}/ds2fp.pretty")]


def test_register_same_entry_twice_is_a_no_op(tmp_path):
    table = tmp_path / "fp-lib-table"
    register_library(table, "ds2fp", "/x/ds2fp.pretty")
    before = table.read_text()
    assert register_library(table, "ds2fp", "/x/ds2fp.pretty") is False
    assert table.read_text() == before
    assert len(read_library_entries(table)) == 1


def test_register_same_name_other_uri_is_an_error(tmp_path):
    table = tmp_path / "fp-lib-table"
    register_library(table, "ds2fp", "/x/ds2fp.pretty")
    before = table.read_text()
    with pytest.raises(LibraryError) as err:
        register_library(table, "ds2fp", "/y/ds2fp.pretty")
    assert "already registered" in str(err.value)
    assert table.read_text() == before


def test_register_rejects_garbage_table(tmp_path):
    table = tmp_path / "fp-lib-table"
    table.write_text("hello")
    with pytest.raises(LibraryError):
        register_library(table, "ds2fp", "/x.pretty")
    assert table.read_text() == "hello"


def test_registered_table_parses_in_kiutils(tmp_path):
    from kiutils.libraries import LibTable

    table = tmp_path / "fp-lib-table"
    table.write_text(EXISTING)
    register_library(table, "my lib", '/x y/ds2 "fp".pretty')
    libs = LibTable.from_file(str(table)).libs
    assert [(lib.name, lib.uri) for lib in libs] == [("Other", "/libs/Other.pretty"),
                                                     ("my lib", '/x y/ds2 "fp".pretty')]
    with pytest.raises(LibraryError):  # KiCad library nicknames cannot hold quotes or ':'
        register_library(table, 'we"ird', "/z.pretty")


def test_project_paths(tmp_path):
    pro = tmp_path / "board.kicad_pro"
    pro.write_text("{}")
    assert project_table_path(pro) == tmp_path / "fp-lib-table"
    assert project_table_path(tmp_path) == tmp_path / "fp-lib-table"
    assert project_library_uri(tmp_path / "libs" / "ds2fp.pretty", pro) == \
        "${KIPRJMOD}/libs/ds2fp.pretty"
    with pytest.raises(LibraryError):
        project_table_path(tmp_path / "nothing")
    assert global_table_path("6.0", home=tmp_path).name == "fp-lib-table"


def test_failure_during_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    spec = load_spec("soic8")
    lib = tmp_path / "My.pretty"
    path = write_footprint(spec, lib)
    path.write_text("previous version")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("footprint_writer.library.os.replace", broken_replace)
    with pytest.raises(LibraryError) as err:
        write_footprint(spec, lib, replace=True)
    assert "No space left" in str(err.value)
    assert path.read_text() == "previous version"
    assert _files(lib) == [path.name]
