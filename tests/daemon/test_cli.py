"""`ds2fp extract / status / keys` as a user runs them: to a daemon subprocess or in-process."""

import importlib.util
import io
import json
import time

import pytest

from daemon.cli import main
from daemon.commands.extract_cmd import default_roles
from daemon.commands.progress import ProgressDisplay
from schemas.protocol import Progress
from tests.daemon.conftest import SCRIPTED, eval_pages
from tests.daemon.fake_readers import RECORDED
from tests.daemon.images_data import page_png

CAN_WRITE = all(importlib.util.find_spec(m) is not None
                for m in ("footprint_writer.builder", "footprint_writer.library"))
needs_writer = pytest.mark.skipif(not CAN_WRITE, reason="builder/library not merged yet")


@pytest.fixture
def pages(tmp_path):
    paths = []
    for n, role in enumerate(("package", "land_pattern")):
        path = tmp_path / f"{role}.png"
        path.write_bytes(page_png(300 + n, 200))
        paths.append(str(path))
    return paths


def test_default_roles():
    assert default_roles(1) == ["both"]
    assert default_roles(2) == ["package", "land_pattern"]
    assert default_roles(3) == ["other"] * 3


@pytest.mark.parametrize("extra,message", [
    (["--json", "--role", "package"], "1 --role values for 2 images"),
    ([], "nothing to do"),
])
def test_usage_errors_are_one_line(pages, capsys, extra, message):
    assert main(["extract", *pages, "--in-process", "--reader", f"file:{RECORDED}",
                 *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ds2fp: error: ") and message in err and "Traceback" not in err


def test_unreadable_image_file_and_bad_image(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "missing.png"), "--json", "--in-process",
                 "--reader", f"file:{RECORDED}"]) == 2
    assert "cannot read" in capsys.readouterr().err
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a png")
    assert main(["extract", str(junk), "--json", "--in-process", "--reader",
                 f"file:{RECORDED}"]) == 2
    assert "image_invalid: junk.png: not a readable image" in capsys.readouterr().err


def test_no_daemon_gives_a_hint(pages, capsys):
    assert main(["status", "--connect", "tcp://127.0.0.1:9", "--timeout", "0.3"]) == 2
    err = capsys.readouterr().err
    assert "no daemon at tcp://127.0.0.1:9" in err and "ds2fp serve" in err


def test_progress_bar_on_a_terminal():
    out = io.StringIO()
    with ProgressDisplay(stream=out, tty=True) as shown:
        shown.update(Progress(stage="queued", queue_position=2))
        time.sleep(0.25)
        shown.update(Progress(stage="reading", step="page 2/2: OCR", done=1, total=4))
        time.sleep(0.25)
    text = out.getvalue()
    assert "queued (position 2)" in text and " s" in text
    assert "[#####...............]  25% page 2/2: OCR" in text
    assert text.endswith("\r\033[K")


def test_plain_step_lines_otherwise():
    out = io.StringIO()
    with ProgressDisplay(stream=out, tty=False) as shown:
        for step in ("page 1/2: OCR", "page 1/2: OCR", "page 2/2: OCR", "reading the values"):
            shown.update(Progress(stage="reading", step=step, done=0, total=4))
    lines = out.getvalue().splitlines()
    assert [line.split(" s  ")[1] for line in lines] == \
        ["page 1/2: OCR", "page 2/2: OCR", "reading the values"]
    assert all(line.startswith("ds2fp: ") for line in lines) and "\r" not in out.getvalue()


def test_keys_command(tmp_path, capsys):
    assert main(["keys", str(tmp_path / "k")]) == 0
    assert (tmp_path / "k" / "server.key_secret").exists()
    assert (tmp_path / "k" / "authorized" / "client.key").exists()
    assert main(["keys", str(tmp_path / "k")]) == 2  # never overwrites keys
    assert "not overwriting" in capsys.readouterr().err


@needs_writer
def test_in_process_json(pages, capsys):
    assert main(["extract", *pages, "--json", "--in-process", "--reader",
                 f"file:{RECORDED}"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reading"]["family"] == "soic"
    assert len([p for p in out["footprint"]["pads"] if p["role"] == "signal"]) == 8


@needs_writer
def test_real_pages_through_the_daemon_into_a_library(start_daemon, tmp_path, capsys):
    """The issue's end-to-end check: subprocess daemon, real PNGs, footprint in a library."""
    images = eval_pages("03_LM358_TI_D0008A_SOIC-8")
    files = []
    for data, _role, name in images:
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    d = start_daemon("--reader", SCRIPTED)
    d.wait_ready()
    lib = tmp_path / "Test.pretty"
    args = ["extract", *files, "--lib", str(lib), "--name", "LM358_SOIC-8",
            "--connect", d.endpoint]
    assert main(args) == 0, capsys.readouterr().err
    written = lib / "LM358_SOIC-8.kicad_mod"
    assert written.exists() and "(pad \"8\"" in written.read_text().replace("(pad 8", "(pad \"8\"")
    assert main(args) == 2  # exists, no --replace
    assert "exists" in capsys.readouterr().err
    assert main([*args, "--replace"]) == 0
