"""The daemon as a subprocess, spoken to by real clients over tcp://127.0.0.1.

Every request must end in exactly one final reply, ok or a typed error; the daemon must stay up.
"""

import json
import threading
import time
import uuid

import pytest
import zmq

from daemon.wire import decode_reply
from schemas.protocol import ERROR_CODES, ExtractOptions, Request
from schemas.reading import DatasheetReading
from tests.daemon.conftest import eval_pages
from tests.daemon.fake_readers import RECORDED
from tests.daemon.images_data import bomb_png, page_png, truncated

PAGE = page_png(640, 480)


def read_only(**kw) -> ExtractOptions:
    return ExtractOptions(build=False, **kw)


def reads(daemon) -> int:
    with daemon.client() as c:
        return c.info().info.details["reads"]


class Raw:
    """A bare DEALER socket for traffic no well-behaved client would send."""

    def __init__(self, endpoint: str):
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)

    def ask(self, frames, timeout_s: float = 5.0):
        self.sock.send_multipart(frames)
        while self.sock.poll(int(timeout_s * 1000)):
            reply = decode_reply(self.sock.recv_multipart())
            if reply.final:
                return reply
        raise AssertionError(f"no final reply to {frames!r:.80}")

    def close(self):
        self.sock.close()
        self.ctx.term()


@pytest.fixture
def raw(daemon):
    r = Raw(daemon.endpoint)
    yield r
    r.close()


def header(**fields) -> bytes:
    base = {"protocol": 1, "id": uuid.uuid4().hex, "kind": "extract",
            "images": [{"role": "both"}], "options": {"build": False}}
    base.update(fields)
    return json.dumps(base).encode()


def test_ping_info_and_status(daemon, capsys):
    with daemon.client() as c:
        ping = c.ping()
        assert ping.ok and ping.ping.state == "ready"
        assert ping.ping.protocol_versions == [1]
        assert ping.ping.limits.max_image_bytes == 3000000
        assert ping.ping.limits.image_token_budget == 1024
        info = c.info()
        assert info.ok and info.info.reader == "scripted" and info.info.device == "cpu"
    from daemon.cli import main

    assert main(["status", "--connect", daemon.endpoint]) == 0
    assert "ready" in capsys.readouterr().out


def test_real_datasheet_pages_give_a_schema_valid_reading(daemon):
    pages = eval_pages("03_LM358_TI_D0008A_SOIC-8")
    stages = []
    with daemon.client() as c:
        reply = c.extract(pages, read_only(), progress=lambda p: stages.append(p.stage))
    assert reply.ok, reply.error
    result = reply.extract
    assert result.reading == DatasheetReading.model_validate(json.loads(RECORDED.read_text()))
    assert [i.role for i in result.images] == ["package", "land_pattern"]
    assert [i.original_size for i in result.images] == [[2149, 2920], [2149, 2700]]
    assert all(i.visual_tokens <= 1024 for i in result.images)
    assert stages[0] == "queued" and "reading" in stages


def test_ping_is_answered_while_a_long_extract_runs(daemon):
    done = {}

    def slow():
        with daemon.client() as c:
            done["reply"] = c.extract([(PAGE, "both")], read_only(part_name="sleep:2.0"))

    thread = threading.Thread(target=slow)
    thread.start()
    with daemon.client() as c:
        deadline = time.monotonic() + 5
        while c.ping().ping.state != "busy" and time.monotonic() < deadline:
            time.sleep(0.01)
        rtts = []
        for _ in range(20):
            t0 = time.perf_counter()
            reply = c.ping()
            rtts.append(time.perf_counter() - t0)
            assert reply.ok and reply.ping.state == "busy" and reply.ping.running
    thread.join()
    assert done["reply"].ok
    # Not a benchmark (see benchmarks/daemon_ping.py): the point is that ping does not wait
    # for the 2 s read. Each answer came long before the read could have finished.
    assert max(rtts) < 0.5, rtts


@pytest.mark.parametrize("frames,code", [
    ([b"", b"not json"], "bad_request"),
    ([b"garbage without delimiter"], "bad_request"),
    ([b""], "bad_request"),
    ([b"", b"{\"protocol\": 7, \"id\": \"v7\", \"kind\": \"ping\"}"], "unsupported_version"),
    ([b"", header(images=[{"role": "both"}, {"role": "package"}]), PAGE], "bad_request"),
    ([b"", header(), b"\x89PNG garbage bytes"], "image_invalid"),
    ([b"", header(), truncated(PAGE)], "image_invalid"),
    ([b"", header(), bomb_png()], "too_large"),
    ([b"", header(), b"\0" * 3_100_000], "too_large"),  # over the image limit, under MAXMSGSIZE
])
def test_bad_traffic_gets_a_typed_error(daemon, raw, frames, code):
    reply = raw.ask(frames)
    assert reply.status == "error" and reply.error.code == code, reply
    assert daemon.alive()


def test_unsupported_version_reply_names_the_request(raw):
    reply = raw.ask([b"", json.dumps({"protocol": 2, "id": "abc", "kind": "ping"}).encode()])
    assert reply.id == "abc" and reply.error.code == "unsupported_version"


def test_frame_over_maxmsgsize_is_refused_by_the_client_before_sending(daemon):
    with daemon.client() as c:
        reply = c.extract([(b"\0" * 5_000_000, "both")], read_only())
    assert reply.error.code == "too_large" and "accepts 3000000" in reply.error.message


@pytest.mark.parametrize("command,code", [
    ("raise:boom", "internal"), ("raise:oom", "model_error"), ("return:garbage", "model_error"),
])
def test_reader_failures_leave_the_daemon_serving(daemon, command, code):
    with daemon.client() as c:
        failed = c.extract([(PAGE, "both")], read_only(part_name=command))
        assert failed.error.code == code
        after = c.extract([(PAGE, "both")], read_only())
        assert after.ok
    assert daemon.alive()


def test_retried_id_never_runs_the_reader_twice(daemon):
    before = reads(daemon)
    with daemon.client() as a, daemon.client() as b:
        first = a.extract([(PAGE, "both")], read_only(part_name="sleep:0.3"), request_id="same1")
        again = b.extract([(PAGE, "both")], read_only(part_name="sleep:0.3"), request_id="same1")
    assert first.ok and again.ok
    assert first.extract.reading == again.extract.reading
    assert reads(daemon) == before + 1


def test_retry_while_running_attaches_to_the_running_job(daemon):
    before = reads(daemon)
    gone = Raw(daemon.endpoint)
    gone.sock.send_multipart([b"", header(id="attach1", options={"build": False,
                                                                  "part_name": "sleep:0.5"}),
                              PAGE])
    time.sleep(0.2)
    gone.close()  # the client vanishes mid-request
    with daemon.client() as c:
        reply = c.extract([(PAGE, "both")], read_only(part_name="sleep:0.5"),
                          request_id="attach1")
    assert reply.ok
    assert reads(daemon) == before + 1


def test_client_that_disappears_mid_request_does_not_hurt(daemon):
    running = Raw(daemon.endpoint)
    running.sock.send_multipart([b"", header(options={"build": False,
                                                      "part_name": "sleep:0.4"}), PAGE])
    queued = Raw(daemon.endpoint)  # waits behind the first one, then vanishes too
    queued.sock.send_multipart([b"", header(options={"build": False}), PAGE])
    time.sleep(0.1)
    running.close()
    queued.close()
    time.sleep(0.8)  # replies go to vanished peers (ROUTER_MANDATORY -> logged, dropped)
    with daemon.client() as c:
        assert c.extract([(PAGE, "both")], read_only()).ok
        assert c.ping().ping.queue_length == 0
    assert daemon.alive()


def test_cancel_a_running_request(daemon):
    result = {}
    rid = uuid.uuid4().hex

    shared = daemon.client()

    def slow():  # extract and cancel share one client, from two threads (the plugin's case)
        result["reply"] = shared.extract([(PAGE, "both")], read_only(part_name="sleep:10"),
                                         request_id=rid)

    thread = threading.Thread(target=slow)
    thread.start()
    with daemon.client() as c:
        deadline = time.monotonic() + 5
        while c.ping().ping.running != rid and time.monotonic() < deadline:
            time.sleep(0.01)
        cancel = shared.cancel(rid)
        assert cancel.ok and cancel.cancel.cancelled and cancel.cancel.state == "running"
        unknown = c.cancel("no-such-request")
        assert unknown.cancel.state == "unknown" and not unknown.cancel.cancelled
    thread.join(5)
    shared.close()
    assert result["reply"].error.code == "cancelled"


def test_server_side_deadline(daemon):
    with daemon.client() as c:
        reply = c.extract([(PAGE, "both")], read_only(part_name="sleep:5"), timeout_s=0.3)
    assert reply.error.code == "timeout"


def test_concurrent_clients_none_lost(daemon):
    """20 clients x 5 requests: every one answered (ok, or busy when the queue is full)."""
    replies, lock = [], threading.Lock()
    tiny = page_png(96, 64)

    def client_thread(n: int):
        with daemon.client(timeout_s=10.0) as c:
            for k in range(5):
                reply = c.extract([(tiny, "both")], read_only(part_name="sleep:0.005"),
                                  request_id=f"c{n}-r{k}")
                with lock:
                    replies.append(reply)

    threads = [threading.Thread(target=client_thread, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(replies) == 100
    assert len({r.id for r in replies}) == 100
    assert all(r.final for r in replies)
    codes = [r.error.code for r in replies if not r.ok]
    assert set(codes) <= {"busy"}, codes
    assert sum(r.ok for r in replies) >= 20
    with daemon.client() as c:
        assert c.ping().ping.state == "ready"
    assert all(code in ERROR_CODES for code in codes)


def test_sigterm_answers_queued_requests_and_exits_cleanly(start_daemon):
    from tests.daemon.conftest import SCRIPTED

    d = start_daemon("--reader", SCRIPTED)
    d.wait_ready()
    raw = Raw(d.endpoint)
    raw.sock.send_multipart([b"", header(id="long", options={"build": False,
                                                              "part_name": "sleep:30"}), PAGE])
    raw.sock.send_multipart([b"", header(id="queued"), PAGE])
    time.sleep(0.3)
    d.proc.terminate()
    finals = {}
    while len(finals) < 2 and raw.sock.poll(5000):
        reply = decode_reply(raw.sock.recv_multipart())
        if reply.final:
            finals[reply.id] = reply.error.code
    raw.close()
    assert finals == {"long": "cancelled", "queued": "cancelled"}
    assert d.proc.wait(10) == 0
    assert "stopped" in d.stderr()
    assert d.log_file.exists() and "listening on" in d.log_file.read_text()
    # a restart on the same endpoint serves at once (the port was released cleanly)
    again = start_daemon("--reader", SCRIPTED, "--bind", d.endpoint)
    again.wait_ready()
    with again.client() as c:
        assert c.extract([(PAGE, "both")], read_only()).ok


def test_shutdown_request_from_a_local_client(start_daemon):
    from tests.daemon.conftest import SCRIPTED

    d = start_daemon("--reader", SCRIPTED)
    d.wait_ready()
    with d.client() as c:
        # Not a model reader: pages are not scaled to a visual-token budget by default.
        assert c.ping().ping.limits.image_token_budget == 64_000_000 // 1024 + 1
        assert c.shutdown().ok
    assert d.proc.wait(10) == 0


def test_reader_that_fails_to_load_exits_with_a_message(start_daemon, tmp_path):
    broken = tmp_path / "reading.json"
    broken.write_text("{not json")
    d = start_daemon("--reader", f"file:{broken}")
    assert d.proc.wait(10) == 2
    err = d.stderr()
    assert "ds2fp: error: the reader failed to load:" in err
    assert "Traceback" not in err  # a load failure the reader explains needs no traceback


@pytest.mark.parametrize("reader,says", [
    ("file:/nonexistent/reading.json", "no such file"),
    ("nonsense", "unknown reader"),
    ("python:nomodule", "python:MODULE:CALLABLE"),
])
def test_a_reader_that_names_nothing_is_refused_before_binding(reader, says):
    import subprocess
    import sys

    from tests.daemon.conftest import REPO

    done = subprocess.run([sys.executable, "-m", "daemon.cli", "serve", "--reader", reader,
                           "--bind", "tcp://127.0.0.1:*", "--log-file", "none"],
                          cwd=REPO, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert says in done.stderr and "listening" not in done.stderr
    assert "Traceback" not in done.stderr


def test_non_loopback_bind_without_keys_is_refused(tmp_path):
    import subprocess
    import sys

    from tests.daemon.conftest import REPO

    out = subprocess.run([sys.executable, "-m", "daemon.cli", "serve", "--bind",
                          "tcp://0.0.0.0:0", "--reader", f"file:{RECORDED}", "--log-file",
                          "none"], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "refusing to listen" in out.stderr and "ds2fp keys" in out.stderr


def test_curve_keys_admit_only_authorised_clients(start_daemon, tmp_path):
    from zmq.auth import load_certificate

    from daemon.client import ZmqClient
    from daemon.security import make_keys
    from tests.daemon.conftest import SCRIPTED

    keys = tmp_path / "keys"
    make_keys(keys)
    d = start_daemon("--reader", SCRIPTED, "--curve-dir", str(keys))
    server_public, _ = load_certificate(str(keys / "server.key"))
    with ZmqClient(d.endpoint, curve_server_public=server_public,
                   curve_client_secret_file=str(keys / "client.key_secret")) as ok:
        assert ok.ping().ok
    with ZmqClient(d.endpoint, timeout_s=0.5, retries=0) as plain:
        assert plain.ping().error.code == "timeout"


def test_port_in_use_is_a_clear_error(daemon):
    import subprocess
    import sys

    from tests.daemon.conftest import REPO

    out = subprocess.run([sys.executable, "-m", "daemon.cli", "serve", "--bind", daemon.endpoint,
                          "--reader", f"file:{RECORDED}", "--log-file", "none"], cwd=REPO,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "cannot listen on" in out.stderr and "Traceback" not in out.stderr
    assert daemon.alive()


def test_cancel_and_deadline_of_queued_requests_answer_at_once(daemon):
    raw = Raw(daemon.endpoint)
    raw.sock.send_multipart([b"", header(id="blocker", options={"build": False,
                                                                 "part_name": "sleep:1.5"}),
                             PAGE])
    raw.sock.send_multipart([b"", header(id="waiting"), PAGE])
    raw.sock.send_multipart([b"", header(id="short", timeout_s=0.3), PAGE])
    time.sleep(0.1)
    with daemon.client() as c:
        assert c.ping().ping.queue_length == 2
        cancel = c.cancel("waiting")
    assert cancel.cancel.state == "queued" and cancel.cancel.cancelled
    finals = {}
    t0 = time.monotonic()
    while len(finals) < 3 and raw.sock.poll(5000):
        reply = decode_reply(raw.sock.recv_multipart())
        if reply.final:
            finals[reply.id] = (reply.status if reply.ok else reply.error.code,
                                time.monotonic() - t0)
    raw.close()
    assert {k: v[0] for k, v in finals.items()} == {
        "waiting": "cancelled", "short": "timeout", "blocker": "ok"}
    # Both queued requests were answered while the blocker was still being read.
    assert finals["waiting"][1] < finals["blocker"][1]
    assert finals["short"][1] < finals["blocker"][1]


def test_a_dead_worker_answers_everyone_and_exits_non_zero(start_daemon):
    from tests.daemon.conftest import SCRIPTED

    d = start_daemon("--reader", SCRIPTED)
    d.wait_ready()
    with d.client() as c:
        reply = c.extract([(PAGE, "both")], read_only(part_name="raise:exit"))
    assert reply.error.code == "internal" and "worker thread stopped" in reply.error.message
    assert d.proc.wait(10) == 2
    assert "ds2fp: error: the worker thread stopped" in d.stderr()


def test_job_table_drops_images_and_keeps_recent_replies():
    from daemon.jobs import Job, JobTable

    table = JobTable(keep=2)
    jobs = [Job(request=Request(protocol=1, id=f"j{n}", kind="extract",
                                images=[{"role": "both"}]),
                images=[b"x" * 1000], identity=b"i", delimiter=True, deadline=1e18)
            for n in range(4)]
    for job in jobs:
        table.add(job)
    for job in jobs:
        table.finish(job, [b"", b"{}"])
    assert all(job.images == [] for job in jobs)
    assert table.get("j0") is None and table.get("j3").reply == [b"", b"{}"]
    assert table.counts() == {"queued": 0, "running": 0, "done": 2}


def test_plain_serve_without_weights_serves_the_ocr_reader(start_daemon, tmp_path, monkeypatch):
    """`ds2fp serve` with no model configured and none downloaded: the CPU OCR reader
    answers (the issue's embedded default), and says why on stderr."""
    pytest.importorskip("rapidocr_onnxruntime")
    from daemon.client import ZmqClient

    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-hf-home"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    d = start_daemon()
    assert "serving the CPU OCR reader" in d.stderr()
    with ZmqClient(d.endpoint, timeout_s=30) as client:
        deadline = time.monotonic() + 60
        reply = client.ping()
        while not (reply.ok and reply.ping.state == "ready") and time.monotonic() < deadline:
            time.sleep(0.2)
            reply = client.ping()
        assert reply.ok and reply.ping.state == "ready"
        assert reply.ping.reader == "ocr" and "rapidocr" in reply.ping.model
