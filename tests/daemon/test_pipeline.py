"""daemon.pipeline.extract through the in-process client: the core call without sockets."""

import importlib.util
import json

import pytest

from daemon.client import InProcessClient
from daemon.images import ImageLimits
from daemon.readers.base import ReaderError
from daemon.readers.factory import make_reader
from daemon.readers.file_reader import FileReader
from schemas.protocol import ExtractOptions
from schemas.reading import DatasheetReading
from tests.daemon.fake_readers import RECORDED, ScriptedReader
from tests.daemon.images_data import bomb_png, page_png

HAS_BUILDER = importlib.util.find_spec("footprint_writer.builder") is not None


@pytest.fixture
def client():
    with InProcessClient(ScriptedReader()) as c:
        yield c


def read_only(**kw) -> ExtractOptions:
    return ExtractOptions(build=False, **kw)


def test_reading_comes_back_schema_valid(client):
    stages = []
    reply = client.extract([(page_png(), "package"), (page_png(), "land_pattern")],
                           read_only(), progress=lambda p: stages.append(p.stage))
    assert reply.ok, reply.error
    result = reply.extract
    expected = DatasheetReading.model_validate(json.loads(RECORDED.read_text()))
    assert result.reading == expected
    assert result.footprint is None  # build=False
    assert [r.role for r in result.images] == ["package", "land_pattern"]
    assert {"images", "read", "validate"} <= set(result.timings)
    assert stages == ["reading"]


@pytest.mark.parametrize("images,code", [
    ([], "bad_request"),
    ([(page_png(), "both")] * 5, "bad_request"),
    ([(b"garbage", "both")], "image_invalid"),
    ([(page_png(), "both"), (bomb_png(), "other")], "too_large"),
])
def test_bad_images_are_typed_errors(client, images, code):
    reply = client.extract(images, read_only())
    assert reply.status == "error" and reply.error.code == code
    assert client.reader.reads == 0  # refused before the reader ran


@pytest.mark.parametrize("command,code", [
    ("raise:boom", "internal"), ("raise:oom", "model_error"), ("return:garbage", "model_error"),
])
def test_reader_failures_are_typed_errors(client, command, code):
    reply = client.extract([(page_png(), "both")], read_only(part_name=command))
    assert reply.error.code == code
    if command == "raise:oom":
        assert "out of GPU memory" in reply.error.message and reply.error.hint


def test_deadline_stops_a_slow_reader(client):
    reply = client.extract([(page_png(), "both")], read_only(part_name="sleep:5"),
                           timeout_s=0.2)
    assert reply.error.code == "timeout"


def test_image_budget_reaches_the_reader():
    seen = []

    class Spy(ScriptedReader):
        def read(self, pages, hints):
            seen.extend(p.image.size for p in pages)
            return super().read(pages, hints)

    with InProcessClient(Spy(), limits=ImageLimits(token_budget=256)) as c:
        reply = c.extract([(page_png(2000, 2500), "package")], read_only())
    assert reply.ok
    assert seen == [tuple(reply.extract.images[0].size)]
    assert reply.extract.images[0].visual_tokens <= 256
    assert [i.code for i in reply.extract.issues if i.code != "reader_notes"] == [
        "image_downscaled"]


def test_reader_notes_reach_the_user():
    """What a reader assumed (a unit, a convention) comes back as an info issue."""
    from daemon.pipeline import extract
    from schemas.reading import DatasheetReading

    class Noting(ScriptedReader):
        def read(self, pages, hints):
            raw = super().read(pages, hints)
            reading = DatasheetReading.model_validate(raw) if not isinstance(
                raw, DatasheetReading) else raw
            return reading.model_copy(update={"notes": "unit not printed; mm assumed"})

    result = extract([(page_png(), "both")], read_only(), Noting())
    noted = [i for i in result.issues if i.code == "reader_notes"]
    assert len(noted) == 1 and noted[0].severity == "info"
    assert "mm assumed" in noted[0].message


def test_file_reader_refuses_a_bad_recording(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"units": "mm"}')
    with pytest.raises(ReaderError, match="not a valid DatasheetReading"):
        FileReader(bad)
    with pytest.raises(ReaderError, match="cannot read"):
        make_reader(f"file:{tmp_path / 'missing.json'}")
    with pytest.raises(ReaderError, match="unknown reader"):
        make_reader("crystal-ball")


def test_ping_and_info_in_process(client):
    ping = client.ping()
    assert ping.ok and ping.ping.state == "ready" and ping.ping.reader == "scripted"
    info = client.info()
    assert info.ok and info.info.device == "cpu" and "python" in info.info.versions


@pytest.mark.skipif(not HAS_BUILDER, reason="footprint_writer.builder not merged yet")
def test_footprint_is_built_from_the_recorded_reading(client):
    reply = client.extract([(page_png(), "both")], ExtractOptions(name="SOIC-8_Test"))
    assert reply.ok, reply.error
    spec = reply.extract.footprint
    assert spec is not None and spec.name == "SOIC-8_Test"
    assert len([p for p in spec.pads if p.role == "signal"]) == 8


@pytest.mark.skipif(not HAS_BUILDER, reason="footprint_writer.builder not merged yet")
def test_unbuildable_reading_returns_reading_with_an_error_issue(tmp_path):
    data = json.loads(RECORDED.read_text())
    data.pop("land_pattern")
    path = tmp_path / "no_land.json"
    path.write_text(json.dumps(data))
    with InProcessClient(FileReader(path)) as c:
        reply = c.extract([(page_png(), "both")], ExtractOptions(pattern="datasheet"))
    assert reply.ok
    assert reply.extract.footprint is None
    assert any(i.code == "build_failed" and i.severity == "error" for i in reply.extract.issues)


def test_in_process_cancel_from_another_thread(client):
    import threading
    import time

    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("reply", client.extract(
        [(page_png(), "both")], read_only(part_name="sleep:10"), request_id="ip1")))
    thread.start()
    deadline = time.monotonic() + 5
    while client.reader.reads == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    cancel = client.cancel("ip1")
    assert cancel.cancel.cancelled and cancel.cancel.state == "running"
    thread.join(5)
    assert result["reply"].error.code == "cancelled"
    assert not client.cancel("ip1").cancel.cancelled  # finished: nothing to cancel
