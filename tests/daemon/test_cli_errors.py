"""Every subcommand answers bad values with one line `ds2fp: error: <what> (<fix>)`, exit 2.

No traceback, nothing written, and for names the line suggests one that works. Runs the real
parser and commands in this process (the daemon is never reached: every case fails first).
"""

import shutil
from pathlib import Path

import pytest

from daemon.cli import main

ROOT = Path(__file__).resolve().parents[2]
READING = ROOT / "examples" / "soic8_reading.json"
PAGE = ROOT / "examples" / "pages" / "soic8_package.png"
SOIC = ["--family", "soic", "--pins", "8", "--pitch", "1.27", "--overall-width", "5.8..6.2",
        "--lead-length", "0.4..1.27", "--lead-width", "0.31..0.51", "--body-width", "3.8..4.0",
        "--body-length", "4.8..5.0"]

CASES = [
    # (argv, a phrase the error line must hold)
    (["build", "{r}", "--name", "../x", "--lib", "{lib}"], "try --name x"),
    (["build", "{r}", "--name", ".hidden", "--lib", "{lib}"], "not starting with ."),
    (["build", "{r}", "--lib", "{tmp}/notpretty"], "must end in .pretty"),
    (["build", "{bad_json}", "--lib", "{lib}"], "not valid JSON"),
    (["build", "{tmp}/missing.json", "--lib", "{lib}"], "cannot read"),
    (["build", "{r}", "--density", "huge"], "invalid choice"),
    (["build", "{r}", "--lib", "/proc/x.pretty"], "cannot create library folder"),
    (["extract", "{page}", "--in-process", "--reader", "ocr", "--name", "../x", "--lib",
      "{lib}"], "try --name x"),
    (["extract", "{page}", "--in-process", "--reader", "ocr", "--part-name", "a\x01b",
      "--lib", "{lib}"], "no control characters"),
    (["extract", "{bad_png}", "--in-process", "--reader", "file:{r}", "--lib", "{lib}"],
     "not a readable image"),
    (["extract", "{page}", "--timeout", "-5", "--lib", "{lib}"], "must be greater than 0"),
    (["extract", "{page}", "--timeout", "abc", "--lib", "{lib}"], "is not a number"),
    (["extract", "{page}", "--timeout", "nan", "--lib", "{lib}"], "not a finite number"),
    (["extract", "{page}", "--connect", "garbage", "--lib", "{lib}"], "not a ZeroMQ endpoint"),
    (["extract", "{page}", "--connect", "tcp://127.0.0.1:99999", "--lib", "{lib}"],
     "not a ZeroMQ endpoint"),
    (["extract", "{page}", "--in-process", "--reader", "nonsense", "--lib", "{lib}"],
     "unknown reader"),
    (["extract", "{page}", "{page}", "{page}", "{page}", "{page}", "--lib", "{lib}"],
     "give 1 to 4 images"),
    (["extract", "{tmp}/missing.png", "--in-process", "--reader", "ocr", "--lib", "{lib}"],
     "cannot read"),
    (["ipc", "--family", "soic", "--pins", "-3", "--pitch", "1.27"], "pin_count"),
    (["ipc", "--family", "soic", "--pins", "8", "--pitch", "abc"], "cannot read 'abc'"),
    (["ipc", "--family", "soic", "--pins", "8", "--pitch", "1.27", "--body-width", "-4"],
     "--body-width -4"),
    (["ipc", *SOIC[:5], "nan", *SOIC[6:]], "cannot read 'nan'"),
    (["ipc", *SOIC, "--name", "../x", "--lib", "{lib}"], "try --name x"),
    (["ipc", "--family", "soic"], "--family and --pins"),
    (["ipc", "{bad_json}"], "not valid YAML"),
    (["ipc", "{tmp}/missing.yaml"], "no such file"),
    (["check", "{tmp}/missing.pretty"], "no such file or folder"),
    (["import", "{bad_json}"], "not a KiCad footprint"),
    (["import", "{tmp}/missing.kicad_mod"], "no such file"),
    (["serve", "--queue", "0"], "positive whole number"),
    (["serve", "--queue", "-1", "--reader", "ocr"], "positive whole number"),
    (["serve", "--timeout", "-1", "--reader", "ocr"], "must be greater than 0"),
    (["serve", "--image-token-budget", "0", "--reader", "ocr"], "positive whole number"),
    (["serve", "--max-image-bytes", "-5", "--reader", "ocr"], "positive whole number"),
    (["serve", "--max-image-pixels", "x", "--reader", "ocr"], "is not a number"),
    (["serve", "--max-new-tokens", "0"], "positive whole number"),
    (["serve", "--bind", "garbage", "--reader", "ocr"], "not a ZeroMQ endpoint"),
    (["serve", "--bind", "tcp://0.0.0.0:5590", "--reader", "ocr"], "without encryption"),
    (["serve", "--reader", "nonsense"], "unknown reader"),
    (["serve", "--reader", "file:{tmp}/missing.json"], "no such file"),
    (["serve", "--reader", "python:nomodule"], "python:MODULE:CALLABLE"),
    (["serve", "--curve-dir", "{tmp}/nokeys", "--reader", "ocr"], "ds2fp keys"),
    (["serve", "--simulate-latency", "-1", "--reader", "ocr"], "0 or more"),
    (["status", "--connect", "garbage"], "not a ZeroMQ endpoint"),
    (["status", "--timeout", "-1"], "must be greater than 0"),
    (["eval", "{tmp}/nonexistent"], "is not a folder"),
    (["eval", "{tmp}", "--scale", "0"], "between 0.05 and 1"),
    (["schema", "nothing"], "invalid choice"),
    (["keys", "/proc/nope"], "No such file or directory"),
    (["plugin-rpc", "--connect", "garbage"], "not a ZeroMQ endpoint"),
    (["plugin-rpc", "--timeout", "0"], "must be greater than 0"),
    (["gui", "{tmp}/missing.png"], "no such image"),
    (["batch", "{tmp}/missing", "--lib", "{lib}", "--in-process", "--reader", "file:{r}"],
     "is not a folder"),
    (["batch", "{tmp}", "--in-process", "--reader", "file:{r}"], "nothing to do"),
    (["batch", "{tmp}", "--lib", "{lib}", "--timeout", "0"], "must be greater than 0"),
    (["gui", "--connect", "garbage"], "not a ZeroMQ endpoint"),
    (["build", "{r}", "--lib", "{lib}", "--register", "nowhere"], "invalid choice"),
    (["build", "{r}", "--json", "--register", "project"], "--register needs --lib"),
    (["nosuchcommand"], "invalid choice"),
]


@pytest.fixture
def paths(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{bad")
    bad_png = tmp_path / "bad.png"
    bad_png.write_bytes(b"garbage")
    shutil.copy(READING, tmp_path / "r.json")
    return {"r": str(tmp_path / "r.json"), "lib": str(tmp_path / "L.pretty"),
            "tmp": str(tmp_path), "bad_json": str(bad_json), "bad_png": str(bad_png),
            "page": str(PAGE)}


def run_cli(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exits (through daemon.cli.Parser.error)
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.err, captured.out


@pytest.mark.parametrize("argv,phrase", CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_bad_values_give_one_error_line(argv, phrase, paths, capsys, tmp_path):
    code, err, _ = run_cli([a.format(**paths) for a in argv], capsys)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.startswith("ds2fp: error: ")]
    assert len(lines) == 1, err
    assert phrase in lines[0], err
    assert "Traceback" not in err
    assert not (tmp_path / "L.pretty").exists() or not list((tmp_path / "L.pretty").iterdir())


def test_every_subcommand_is_covered():
    from daemon.cli import build_parser

    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)
    covered = {argv[0] for argv, _ in CASES}
    assert commands - covered == set(), f"no bad-value case for {commands - covered}"


def test_unicode_part_names_are_hints_not_file_names(paths, capsys):
    """`µA741` is a real part name: it is accepted as a hint; only the file name is strict."""
    code, err, _ = run_cli(["extract", paths["page"], "--in-process", "--reader",
                         f"file:{paths['r']}", "--part-name", "µA741", "--lib", paths["lib"]],
                        capsys)
    assert code == 0, err
    assert list(Path(paths["lib"]).glob("*.kicad_mod"))


def test_version(capsys):
    code, _, out = run_cli(["--version"], capsys)
    assert code == 0
    assert out.startswith("ds2fp 0.")
