"""The plugin bridge (daemon/plugin_bridge.py): in this process and as the real subprocess
the plugin starts, through the plugin's own client (kicad_plugin/bridge.py)."""

import json
import sys
import time

import pytest

from daemon.client import InProcessClient
from daemon.plugin_bridge import Bridge, apply_edits
from daemon.readers.file_reader import FileReader
from footprint_writer.library import read_library_entries
from kicad_plugin.bridge import BridgeCallError, BridgeClient
from schemas.protocol import ExtractOptions
from schemas.reading import DatasheetReading
from tests.plugin.conftest import DFN, READINGS, REPO, SOIC


def reading(name: str) -> DatasheetReading:
    return DatasheetReading.model_validate_json((READINGS / f"{name}.json").read_text())


class Recorder:
    def __init__(self):
        self.lines = []

    def __call__(self, message):
        self.lines.append(json.loads(json.dumps(message)))  # must be plain JSON

    def answer(self, rid):
        for _ in range(500):
            for line in self.lines:
                if line.get("id") == rid and "ok" in line:
                    return line
            time.sleep(0.01)
        raise AssertionError(f"no answer to {rid}: {self.lines}")


@pytest.fixture
def bridge():
    rec = Recorder()
    b = Bridge(lambda: InProcessClient(FileReader(READINGS / f"{DFN}.json")), rec,
               endpoint="in-process")
    yield b, rec
    b.close()


@pytest.fixture
def png(tmp_path):
    from PIL import Image

    path = tmp_path / "land_pattern.png"
    Image.new("RGB", (64, 48), "white").save(path)
    return path


def call(b, rec, **request):
    rid = request.setdefault("id", f"r{len(rec.lines)}")
    assert b.handle_line(json.dumps(request))
    return rec.answer(rid)


def test_extract_gives_review_payload_with_drawing(bridge, png):
    b, rec = bridge
    answer = call(b, rec, op="extract", images=[{"path": str(png), "role": "land_pattern"}],
                  options={"density": "nominal"})
    assert answer["ok"], answer
    result = answer["result"]
    fp = result["footprint"]
    assert fp["name"] == "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm"
    assert result["land"]["values"]["pitch"] == 0.5
    assert result["land"]["values"]["exposed_pad_width"] == 1.75
    assert result["land"]["origin"] == "datasheet"
    drawing = result["drawing"]
    numbers = [p["number"] for p in drawing["pads"] if p["role"] == "signal"]
    assert numbers == [str(n) for n in range(1, 9)]
    assert drawing["courtyard"] is not None and len(drawing["fab"]) == 5  # bevelled corner
    assert drawing["pin1"] == "1"
    progress = [m["stage"] for m in rec.lines if m.get("event") == "progress"]
    assert "reading" in progress


def test_extract_missing_image_is_a_clear_error(bridge, tmp_path):
    b, rec = bridge
    answer = call(b, rec, op="extract", images=[{"path": str(tmp_path / "gone.png")}])
    assert not answer["ok"]
    assert answer["error"]["code"] == "image_invalid"
    assert "add the image again" in answer["error"]["hint"]
    assert call(b, rec, op="extract", images=[])["error"]["code"] == "bad_request"


def test_unknown_op_and_garbage_lines(bridge):
    b, rec = bridge
    assert call(b, rec, op="frobnicate")["error"]["code"] == "bad_request"
    assert b.handle_line("{not json")
    assert rec.lines[-1]["error"]["code"] == "bad_request"


def test_rebuild_with_edits_goes_through_the_builder(bridge):
    b, rec = bridge
    base = reading(SOIC).model_dump(mode="json")
    answer = call(b, rec, op="rebuild", reading=base,
                  edits={"pad_length": 1.95, "row_spacing": 4.9}, options={})
    assert answer["ok"], answer
    result = answer["result"]
    assert result["land"]["values"]["pad_length"] == 1.95
    assert result["land"]["values"]["row_spacing"] == 4.9
    pads = [p for p in result["footprint"]["pads"] if p["number"] == "1"]
    assert pads[0]["size_y"] == pytest.approx(0.6096) and pads[0]["size_x"] == 1.95
    assert pads[0]["x"] == pytest.approx(-4.9 / 2)
    assert result["edited"] == ["pad_length", "row_spacing"]
    assert result["footprint"]["provenance"]["row_spacing"]["source"] == "user_edit"


def test_rebuild_pin_count_and_removing_the_exposed_pad(bridge):
    b, rec = bridge
    base = reading(DFN).model_dump(mode="json")
    result = call(b, rec, op="rebuild", reading=base,
                  edits={"pin_count": 10, "exposed_pad_width": 0.0}, options={})["result"]
    roles = [p["role"] for p in result["footprint"]["pads"]]
    assert roles.count("signal") == 10 and "exposed" not in roles
    assert result["reading"]["exposed_pad"] is False


def test_rebuild_rejects_nonsense(bridge):
    b, rec = bridge
    base = reading(DFN).model_dump(mode="json")
    bad = call(b, rec, op="rebuild", reading=base, edits={"pitch": -1}, options={})
    assert bad["error"]["code"] == "bad_request" and "positive" in bad["error"]["message"]
    unknown = call(b, rec, op="rebuild", reading=base, edits={"colour": 1}, options={})
    assert "cannot edit colour" in unknown["error"]["message"]


def test_apply_edits_on_an_ipc_pattern_keeps_the_other_values():
    r = reading(SOIC)
    options = ExtractOptions(pattern="ipc")
    edited, new_options = apply_edits(r, {"pitch": 1.27}, options)
    assert new_options.pattern == "datasheet"
    lp = edited.land_pattern
    # every IPC value was written out (in the page's units), the edit marked as such
    assert lp.pad_width is not None and lp.pad_length is not None and lp.row_spacing
    assert lp.pitch.source == "user_edit"
    assert lp.overall_span is None and lp.gap is None


def test_write_registers_and_never_overwrites_silently(bridge, tmp_path):
    b, rec = bridge
    project = tmp_path / "proj"
    project.mkdir()
    (project / "proj.kicad_pro").write_text("{}")
    fp = call(b, rec, op="rebuild", reading=reading(DFN).model_dump(mode="json"), edits={},
              options={})["result"]["footprint"]
    lib = project / "Mine.pretty"
    reg = {"project": str(project), "name": "Mine"}
    first = call(b, rec, op="write", footprint=fp, library=str(lib), register=reg)
    assert first["ok"], first
    assert first["result"]["registered"] is True
    assert read_library_entries(project / "fp-lib-table") == [
        ("Mine", "${KIPRJMOD}/Mine.pretty")]
    again = call(b, rec, op="write", footprint=fp, library=str(lib), register=reg)
    assert again["error"]["code"] == "exists"
    replaced = call(b, rec, op="write", footprint=fp, library=str(lib), register=reg,
                    replace=True)
    assert replaced["ok"] and replaced["result"]["registered"] is False  # no duplicate
    other = call(b, rec, op="write", footprint=fp, library=str(tmp_path / "X.pretty"),
                 register=reg)
    assert other["error"]["code"] == "library" and "nickname" in other["error"]["hint"]
    assert not (tmp_path / "X.pretty").exists()  # refused before writing anything
    named = call(b, rec, op="write", footprint=fp, library=str(lib), name="My_DFN")
    assert named["ok"] and (lib / "My_DFN.kicad_mod").exists()


def bridge_command(*reader_args):
    return [sys.executable, "-m", "daemon.cli", "plugin-rpc", *reader_args]


def test_subprocess_bridge_through_the_plugin_client(tmp_path, png):
    client = BridgeClient(bridge_command("--in-process", "--reader",
                                         f"file:{READINGS / f'{DFN}.json'}"),
                          env={"PYTHONPATH": str(REPO)}, cwd=str(REPO))
    try:
        hello = client.call("hello", timeout_s=60)
        assert hello["bridge_protocol"] == 1
        assert client.call("status", timeout_s=60)["state"] == "ready"
        stages = []
        result = client.call("extract", timeout_s=60, progress=stages.append,
                             images=[{"path": str(png), "role": "land_pattern"}], options={})
        assert result["footprint"]["name"].startswith("DFN-8-1EP")
        assert stages and stages[0]["event"] == "progress"
        with pytest.raises(BridgeCallError) as err:
            client.call("write", timeout_s=60, footprint=result["footprint"],
                        library=str(tmp_path / "no_suffix"))
        assert err.value.code == "library" and ".pretty" in err.value.hint
    finally:
        client.close()
    assert not client.running


def test_cancel_through_the_subprocess_bridge(png):
    client = BridgeClient(bridge_command("--in-process", "--reader",
                                         "python:tests.plugin.slow_reader:make"),
                          env={"PYTHONPATH": str(REPO)}, cwd=str(REPO))
    import threading

    outcome = {}
    rid = client.new_id()

    def extract():
        try:
            client.call("extract", timeout_s=60, request_id=rid,
                        images=[{"path": str(png), "role": "both"}], options={})
        except BridgeCallError as exc:
            outcome["code"] = exc.code

    try:
        client.call("hello", timeout_s=60)
        worker = threading.Thread(target=extract)
        started = time.monotonic()
        worker.start()
        time.sleep(1.0)
        assert client.call("cancel", timeout_s=30, target=rid)["cancelled"] is True
        worker.join(timeout=20)
        assert not worker.is_alive()
        assert outcome["code"] == "cancelled"
        assert time.monotonic() - started < 20  # the 30 s read was stopped
        assert client.call("status", timeout_s=30)["state"] == "ready"  # bridge still serves
    finally:
        client.close()


def test_missing_python_is_reported_with_the_fix():
    client = BridgeClient(["/nonexistent/ds2fp/python", "-m", "daemon.cli", "plugin-rpc"])
    with pytest.raises(BridgeCallError) as err:
        client.call("hello", timeout_s=5)
    assert err.value.code == "not_installed" and "install.py" in err.value.hint


def test_bridge_that_dies_fails_pending_calls():
    client = BridgeClient([sys.executable, "-c", "import sys; sys.stdin.readline(); "
                                                 "sys.stderr.write('boom\\n'); sys.exit(3)"])
    with pytest.raises(BridgeCallError) as err:
        client.call("hello", timeout_s=30)
    assert err.value.code == "bridge_died"
    client.close()


def test_bridge_to_a_real_daemon_and_to_none(tmp_path, png):
    """Default mode: the bridge is a ZmqClient of a running `ds2fp serve` (here with the
    recorded-reading reader); with no daemon, status says `not_running` with the fix."""
    from tests.daemon.conftest import Daemon

    daemon = Daemon(["--reader", f"file:{READINGS / f'{SOIC}.json'}"], tmp_path / "d")
    try:
        daemon.wait_ready()
        client = BridgeClient(bridge_command("--connect", daemon.endpoint),
                              env={"PYTHONPATH": str(REPO)}, cwd=str(REPO))
        try:
            status = client.call("status", timeout_s=60)
            assert status["state"] == "ready" and status["reader"] == "file"
            result = client.call("extract", timeout_s=120,
                                 images=[{"path": str(png), "role": "land_pattern"}],
                                 options={"part_name": "LM358"})
            assert result["footprint"]["name"] == "SOIC-8_3.9x4.9mm_P1.27mm"
            assert result["reader"] == "file"
        finally:
            client.close()
    finally:
        assert daemon.stop() == 0, daemon.stderr()
    nobody = BridgeClient(bridge_command("--connect", "tcp://127.0.0.1:9", "--timeout", "0.5"),
                          env={"PYTHONPATH": str(REPO)}, cwd=str(REPO))
    try:
        status = nobody.call("status", timeout_s=60)
        assert status["state"] == "not_running" and "ds2fp serve" in status["hint"]
    finally:
        nobody.close()


def test_status_pings_while_the_daemon_reads_and_cancel_reaches_it(tmp_path, png):
    """ZeroMQ sockets are not thread-safe: the status pings (request thread) and the extract
    (its own thread) must use separate clients; cancel goes to the daemon."""
    import threading

    from tests.daemon.conftest import Daemon

    daemon = Daemon(["--reader", f"file:{READINGS / f'{SOIC}.json'}",
                     "--simulate-latency", "2.0"], tmp_path / "d")
    client = None
    try:
        daemon.wait_ready()
        client = BridgeClient(bridge_command("--connect", daemon.endpoint),
                              env={"PYTHONPATH": str(REPO)}, cwd=str(REPO))
        client.call("hello", timeout_s=60)
        done = {}

        def extract(key, rid):
            try:
                done[key] = client.call("extract", timeout_s=60, request_id=rid,
                                        images=[{"path": str(png), "role": "both"}],
                                        options={})
            except BridgeCallError as exc:
                done[key] = exc.code

        first = threading.Thread(target=extract, args=("first", client.new_id()))
        first.start()
        states = []
        while first.is_alive() and len(states) < 40:
            states.append(client.call("status", timeout_s=30)["state"])
            time.sleep(0.05)
        first.join(timeout=30)
        assert done["first"]["footprint"]["name"] == "SOIC-8_3.9x4.9mm_P1.27mm"
        assert "busy" in states and set(states) <= {"ready", "busy"}

        rid = client.new_id()
        second = threading.Thread(target=extract, args=("second", rid))
        second.start()
        time.sleep(0.7)
        assert client.call("cancel", timeout_s=30, target=rid)["cancelled"] is True
        second.join(timeout=30)
        assert done["second"] == "cancelled"
    finally:
        if client is not None:
            client.close()
        assert daemon.stop() == 0, daemon.stderr()


def test_closing_the_bridge_cancels_a_running_read(png):
    from daemon.readers.file_reader import FileReader as Slow

    rec = Recorder()
    b = Bridge(lambda: InProcessClient(Slow(READINGS / f"{SOIC}.json", delay_s=30.0)), rec)
    assert b.handle_line(json.dumps({"id": "x", "op": "extract",
                                     "images": [{"path": str(png)}], "options": {}}))
    time.sleep(0.5)
    started = time.monotonic()
    b.close()
    assert time.monotonic() - started < 5.0
    assert rec.answer("x")["error"]["code"] == "cancelled"


def test_request_ids_differ_between_dialogs():
    """Two dialogs in one KiCad (one process) must not send the same request id: the daemon
    answers a repeated id with the first request's cached reply. Found in the running GUI:
    a read after a cancelled one came back 'cancelled'."""
    from kicad_plugin.bridge import BridgeClient

    clients = [BridgeClient(["true"]) for _ in range(3)]  # never started: ids only
    ids = {c.new_id() for c in clients} | {clients[0].new_id()}
    assert len(ids) == 4
