"""ZmqClient's Lazy Pirate behaviour against a scripted ROUTER: retry on silence with the same
id on a fresh socket, ignore replies to other ids, keep waiting while progress arrives."""

import json
import threading

import pytest
import zmq

from daemon.client import ZmqClient
from schemas.protocol import ExtractOptions, Limits, PingResult, Progress, Reply

LIMITS = Limits(max_message_bytes=1000, max_image_bytes=1000, max_image_pixels=10**6,
                image_token_budget=64, queue_capacity=1, default_timeout_s=10)


class ScriptedRouter(threading.Thread):
    """Answers each received request with `script(n, header)` -> list of Reply (or [] = drop)."""

    def __init__(self, script):
        super().__init__(daemon=True)
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.ROUTER)
        self.sock.setsockopt(zmq.LINGER, 0)
        port = self.sock.bind_to_random_port("tcp://127.0.0.1")
        self.endpoint = f"tcp://127.0.0.1:{port}"
        self.script = script
        self.seen = []  # (identity, header) per message
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            if not self.sock.poll(20):
                continue
            frames = self.sock.recv_multipart()
            identity, header = frames[0], json.loads(frames[2])
            self.seen.append((identity, header))
            for reply in self.script(len(self.seen), header):
                self.sock.send_multipart([identity, b"", reply.model_dump_json().encode()])

    def close(self):
        self.stop.set()
        self.join()
        self.sock.close()
        self.ctx.term()


def ping_reply(rid):
    return Reply(id=rid, kind="ping", status="ok", ping=PingResult(
        state="ready", queue_length=0, reader="fake", limits=LIMITS, protocol_versions=[1],
        uptime_s=1.0))


@pytest.fixture
def router_factory():
    made = []

    def make(script):
        r = ScriptedRouter(script)
        r.start()
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


def test_silence_is_retried_with_the_same_id_on_a_fresh_socket(router_factory):
    router = router_factory(lambda n, h: [] if n == 1 else [ping_reply(h["id"])])
    with ZmqClient(router.endpoint, timeout_s=0.3, retries=2) as client:
        reply = client.ping()
    assert reply.ok
    (first_identity, first), (second_identity, second) = router.seen
    assert first["id"] == second["id"]
    assert first_identity != second_identity  # a fresh DEALER socket


def test_replies_to_other_ids_are_ignored(router_factory):
    def script(n, h):
        return [ping_reply("somebody-else"), ping_reply(h["id"])]

    router = router_factory(script)
    with ZmqClient(router.endpoint, timeout_s=0.5) as client:
        reply = client.ping()
    assert reply.ok and reply.id == router.seen[0][1]["id"]


def test_progress_keeps_the_client_waiting_and_is_reported(router_factory):
    def script(n, h):
        if h["kind"] == "ping":
            return [ping_reply(h["id"])]
        rid = h["id"]
        return [Reply(id=rid, kind="extract", status="progress",
                      progress=Progress(stage="queued", queue_position=1)),
                Reply(id=rid, kind="extract", status="progress",
                      progress=Progress(stage="reading")),
                Reply.failure(rid, "model_error", "scripted failure", kind="extract")]

    router = router_factory(script)
    stages = []
    with ZmqClient(router.endpoint, timeout_s=0.5) as client:
        reply = client.extract([(b"x" * 10, "both")], ExtractOptions(),
                               progress=lambda p: stages.append(p.stage))
    assert reply.error.code == "model_error"
    assert stages == ["queued", "reading"]
    assert [h["kind"] for _, h in router.seen] == ["ping", "extract"]  # no retry


def test_over_limit_images_are_refused_before_sending(router_factory):
    router = router_factory(lambda n, h: [ping_reply(h["id"])])
    with ZmqClient(router.endpoint, timeout_s=0.5) as client:
        reply = client.extract([(b"x" * 2000, "both")])
    assert reply.error.code == "too_large" and "accepts 1000" in reply.error.message
    assert [h["kind"] for _, h in router.seen] == ["ping"]


def test_no_daemon_is_a_timeout_error_not_an_exception():
    with ZmqClient("tcp://127.0.0.1:9", timeout_s=0.2, retries=1) as client:
        reply = client.extract([(b"x", "both")])
    assert reply.status == "error" and reply.error.code == "timeout"
    assert "ds2fp serve" in reply.error.hint
