"""`--register project|global` (issue 14 item 5): the CLI registers a library as the plugin
does: the project's table with ${KIPRJMOD}, or the newest global one; a backup, no duplicate
rows, a clashing nickname refused before anything is written, never a new global table."""

from pathlib import Path

import pytest

from daemon.cli import main
from footprint_writer.library import read_library_entries
from footprint_writer.registration import newest_global_table
from tests.daemon.fake_readers import RECORDED
from tests.daemon.images_data import page_png

READING = Path(__file__).resolve().parents[1] / "fixtures" / "readings" / \
    "03_LM358_TI_D0008A_SOIC-8.json"


@pytest.fixture()
def project(tmp_path):
    folder = tmp_path / "board"
    folder.mkdir()
    (folder / "board.kicad_pro").write_text("{}")
    return folder


def test_build_registers_in_the_project(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    lib = project / "parts" / "Mine.pretty"
    argv = ["build", str(READING), "--lib", str(lib), "--register", "project"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "registered 'Mine' -> ${KIPRJMOD}/parts/Mine.pretty" in out
    table = project / "fp-lib-table"
    assert read_library_entries(table) == [("Mine", "${KIPRJMOD}/parts/Mine.pretty")]
    # again, replacing the footprint: no second row, the table is kept and backed up
    assert main(argv + ["--replace"]) == 0
    assert "already registered" in capsys.readouterr().out
    assert read_library_entries(table) == [("Mine", "${KIPRJMOD}/parts/Mine.pretty")]


def test_clashing_nickname_writes_nothing(project, capsys):
    (project / "fp-lib-table").write_text(
        '(fp_lib_table\n  (lib (name "Mine")(type "KiCad")(uri "/elsewhere/Mine.pretty")'
        '(options "")(descr ""))\n)\n')
    lib = project / "Mine.pretty"
    code = main(["build", str(READING), "--lib", str(lib), "--register", "project"])
    assert code == 2
    err = capsys.readouterr().err
    assert "already points to /elsewhere/Mine.pretty" in err and "nickname" in err
    assert not lib.exists()
    assert main(["build", str(READING), "--lib", str(lib), "--register", "project",
                 "--nickname", "Mine2"]) == 0
    assert [n for n, _ in read_library_entries(project / "fp-lib-table")] == ["Mine", "Mine2"]
    assert (project / "fp-lib-table.bak").exists()


def test_no_project_says_how(tmp_path, capsys):
    code = main(["build", str(READING), "--lib", str(tmp_path / "A.pretty"),
                 "--register", "project"])
    assert code == 2
    assert "no KiCad project" in capsys.readouterr().err
    assert not (tmp_path / "A.pretty").exists()


def test_global_uses_the_newest_kicad_and_never_creates_a_table(tmp_path, capsys,
                                                                monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    lib = tmp_path / "G.pretty"
    argv = ["build", str(READING), "--lib", str(lib), "--register", "global"]
    assert main(argv) == 2
    assert "start KiCad once" in capsys.readouterr().err
    assert not lib.exists()
    for version in ("6.0", "9.0"):
        folder = tmp_path / ".config" / "kicad" / version
        folder.mkdir(parents=True)
        (folder / "fp-lib-table").write_text("(fp_lib_table\n  (version 7)\n)\n")
    (tmp_path / ".config" / "kicad" / "10.0").mkdir()  # no table: not a KiCad that ran
    assert newest_global_table().parent.name == "9.0"
    assert main(argv) == 0
    table9 = tmp_path / ".config" / "kicad" / "9.0" / "fp-lib-table"
    assert read_library_entries(table9) == [("G", lib.resolve().as_posix())]
    assert read_library_entries(tmp_path / ".config" / "kicad" / "6.0" / "fp-lib-table") == []


def test_extract_registers_too(project, capsys):
    lib = project / "X.pretty"
    page = project / "page.png"
    page.write_bytes(page_png(300, 200))
    assert main(["extract", str(page), "--in-process", "--reader", f"file:{RECORDED}",
                 "--lib", str(lib), "--register", "project"]) == 0
    assert read_library_entries(project / "fp-lib-table") == [("X", "${KIPRJMOD}/X.pretty")]


def test_ipc_registers_too(project, capsys):
    lib = project / "I.pretty"
    assert main(["ipc", "--family", "soic", "--pins", "8", "--pitch", "1.27",
                 "--overall-width", "5.8..6.2", "--body-width", "3.8..4.0",
                 "--body-length", "4.8..5.0", "--lead-width", "0.31..0.51",
                 "--lead-length", "0.4..1.27", "--height", "1.75",
                 "--lib", str(lib), "--register", "project"]) == 0
    assert read_library_entries(project / "fp-lib-table") == [("I", "${KIPRJMOD}/I.pretty")]


def test_register_needs_lib(capsys):
    assert main(["build", str(READING), "--json", "--register", "project"]) == 2
    assert "--register needs --lib" in capsys.readouterr().err
