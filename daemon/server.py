"""The ZeroMQ daemon: one I/O thread owns the ROUTER socket, one worker thread owns the reader.

The I/O thread (the thread that calls `Server.run`) never waits for the model: it answers
ping, info and cancel at once, queues extracts in a bounded queue (full -> `busy`), forwards
progress, enforces deadlines, and sends every final reply exactly once per request id (a retry
with the same id attaches to the running job or gets the cached reply). See schemas/PROTOCOL.md.
"""

import logging
import queue
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

import zmq

from daemon.errors import RequestError
from daemon.images import ImageLimits
from daemon.jobs import Job, JobTable
from daemon.readers.base import Reader
from daemon.security import CurveConfig, check_bind, peer_is_local, start_curve
from daemon.wire import Incoming, WireError, encode_reply, parse_frames
from daemon.worker import Worker
from footprint_writer.errors import Ds2fpError
from schemas.protocol import (
    REQUEST_KINDS,
    SUPPORTED_VERSIONS,
    CancelResult,
    ErrorInfo,
    InfoResult,
    Limits,
    PingResult,
    Progress,
    Reply,
)

log = logging.getLogger(__name__)

POLL_MS = 50
HEARTBEAT_S = 1.0  # progress to waiting clients; ZmqClient retries after 5 s of silence
HEADER_SLACK_BYTES = 1024 * 1024  # MAXMSGSIZE is per frame: an image frame plus slack


@dataclass
class ServerConfig:
    bind: str = "tcp://127.0.0.1:5557"
    limits: ImageLimits = field(default_factory=ImageLimits)
    queue_capacity: int = 8
    default_timeout_s: float = 600.0
    keep_replies: int = 256
    stop_grace_s: float = 5.0
    curve: Optional[CurveConfig] = None
    model_name: Optional[str] = None  # shown in ping before the reader has loaded

    @property
    def max_frame_bytes(self) -> int:
        return self.limits.max_bytes + HEADER_SLACK_BYTES


class Server:
    """Bind, load the reader on the worker, serve until `stop()` (thread- and signal-safe)."""

    def __init__(self, config: ServerConfig, reader_factory: Callable[[], Reader]):
        check_bind(config.bind, config.curve)
        self.config = config
        self.reader_factory = reader_factory
        self.started = time.monotonic()
        self.state = "loading"
        self.fatal_error: Optional[ErrorInfo] = None
        self.reader_info: Dict[str, Any] = {}
        self.running_id: Optional[str] = None
        self.table = JobTable(keep=config.keep_replies)
        self.jobs: queue.Queue[Job] = queue.Queue(maxsize=config.queue_capacity)
        self._stop = threading.Event()
        self._last_heartbeat = 0.0
        self.endpoint: Optional[str] = None
        self.ready = threading.Event()  # set once bound (tests and `serve` print the endpoint)
        self.counters = {"received": 0, "ok": 0, "error": 0, "busy": 0, "internal": 0}

    # ---- lifecycle -------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the I/O loop to finish; safe from signal handlers and other threads."""
        self._stop.set()

    def run(self) -> int:
        """Serve until stopped; returns 0, or 2 after a fatal error (see `fatal_error`)."""
        context = zmq.Context()
        auth = None
        router = context.socket(zmq.ROUTER)
        router.setsockopt(zmq.ROUTER_MANDATORY, 1)
        router.setsockopt(zmq.MAXMSGSIZE, self.config.max_frame_bytes)
        router.setsockopt(zmq.LINGER, 1000)
        router.setsockopt(zmq.SNDHWM, 10000)
        pull = context.socket(zmq.PULL)
        inproc = f"inproc://ds2fp-worker-{id(self)}"
        pull.bind(inproc)
        worker = Worker(context, inproc, self.reader_factory, self.config.limits, self.jobs)
        try:
            if self.config.curve is not None:
                auth = start_curve(context, router, self.config.curve)
            try:
                router.bind(self.config.bind)
            except zmq.ZMQError as exc:
                raise Ds2fpError(f"cannot listen on {self.config.bind}: {exc.strerror}",
                                 hint="is another `ds2fp serve` running there? try "
                                      "`ds2fp status`, or choose another --bind port") from None
            self.endpoint = router.getsockopt(zmq.LAST_ENDPOINT).decode()
            log.info("listening on %s (protocol %s)", self.endpoint, list(SUPPORTED_VERSIONS))
            self.ready.set()
            worker.start()
            self._loop(router, pull, worker)
        finally:
            self.state = "stopping"
            self._drain(router, pull, worker)
            router.close(linger=1000)
            pull.close(linger=0)
            if auth is not None:
                auth.stop()
            if worker.is_alive():
                log.warning("worker still busy after %.0f s; exiting without it",
                            self.config.stop_grace_s)
            else:
                context.term()
        return 2 if self.fatal_error is not None else 0

    def _loop(self, router: zmq.Socket, pull: zmq.Socket, worker: Worker) -> None:
        poller = zmq.Poller()
        poller.register(router, zmq.POLLIN)
        poller.register(pull, zmq.POLLIN)
        while not self._stop.is_set():
            if not worker.is_alive():
                self._drain_worker(router, pull)  # a load failure says so itself
                if self.state != "failed":
                    self._worker_died(router)
                break
            try:
                self._step(router, pull, poller)
            except zmq.ContextTerminated:
                raise
            except Exception:  # a bug in bookkeeping must not stop the daemon either
                self.counters["internal"] += 1
                log.exception("I/O loop step failed; serving on")

    def _step(self, router: zmq.Socket, pull: zmq.Socket, poller: zmq.Poller) -> None:
        events = dict(poller.poll(POLL_MS))
        if pull in events:
            self._drain_worker(router, pull)
        if router in events:
            for _ in range(100):  # bounded so worker messages are not starved
                try:
                    frames = router.recv_multipart(zmq.NOBLOCK, copy=False)
                except zmq.Again:
                    break
                self._on_message(router, frames)
        self._expire(router)

    # ---- incoming --------------------------------------------------------------------

    def _on_message(self, router: zmq.Socket, frames: List[zmq.Frame]) -> None:
        """Handle one message; nothing a client sends may escape and stop the I/O loop."""
        self.counters["received"] += 1
        identity = frames[0].bytes
        try:
            self._handle_message(router, identity, frames)
        except Exception as exc:  # a ds2fp bug, or a message no check foresaw
            self.counters["internal"] += 1
            log.exception("message of %d frame(s) could not be handled", len(frames))
            try:
                self._send(router, identity, Reply.failure(
                    None, "internal", f"the message could not be handled: "
                                      f"{type(exc).__name__}",
                    hint="this is a ds2fp bug; the daemon log has the traceback"))
            except Exception:
                log.exception("no error reply possible; message dropped")

    def _handle_message(self, router: zmq.Socket, identity: bytes,
                        frames: List[zmq.Frame]) -> None:
        try:
            peer = frames[-1].get("Peer-Address")
        except zmq.ZMQError:
            peer = None
        try:
            incoming = parse_frames([f.bytes for f in frames[1:]])
        except WireError as exc:
            log.info("refused message: %s: %s", exc.code, exc.message)
            self._send(router, identity, Reply.failure(exc.request_id, exc.code, exc.message,
                                                       exc.hint), exc.delimiter)
            return
        request = incoming.request
        try:
            handler = getattr(self, f"_on_{request.kind}")
            reply = handler(router, identity, incoming, peer)
        except Exception as exc:  # a bug here must not take the daemon down
            self.counters["internal"] += 1
            log.exception("handler for %s failed", request.kind)
            reply = Reply.failure(request.id, "internal", f"{type(exc).__name__}: {exc}",
                                  kind=request.kind)
        if reply is not None:
            self._send(router, identity, reply, incoming.delimiter)

    def _on_ping(self, router, identity, incoming: Incoming, peer) -> Reply:
        return Reply(id=incoming.request.id, kind="ping", status="ok", ping=self.ping_result())

    def _on_info(self, router, identity, incoming: Incoming, peer) -> Reply:
        return Reply(id=incoming.request.id, kind="info", status="ok", info=self.info_result())

    def _on_shutdown(self, router, identity, incoming: Incoming, peer) -> Reply:
        if not peer_is_local(peer):
            return Reply.failure(incoming.request.id, "forbidden",
                                 "shutdown is accepted from local clients only", kind="shutdown")
        log.info("shutdown requested by a local client")
        self.stop()
        return Reply(id=incoming.request.id, kind="shutdown", status="ok")

    def _on_cancel(self, router, identity, incoming: Incoming, peer) -> Reply:
        target = incoming.request.target or ""
        job = self.table.get(target)
        if job is None:
            result = CancelResult(target=target, state="unknown", cancelled=False)
        elif job.state == "done":
            result = CancelResult(target=target, state="done", cancelled=False)
        else:
            state = job.state
            job.stop_reason = "cancelled"
            job.stop.set()
            if state == "queued":  # answer now; the worker will skip it
                self._finish(router, job, Reply.failure(job.id, "cancelled",
                                                        "cancelled while queued",
                                                        kind=job.request.kind))
            # A running job is answered by the worker once the reader notices the stop.
            result = CancelResult(target=target, state=state, cancelled=True)
        return Reply(id=incoming.request.id, kind="cancel", status="ok", cancel=result)

    def _on_extract(self, router, identity, incoming: Incoming, peer) -> Optional[Reply]:
        request = incoming.request
        known = self.table.get(request.id)
        if known is not None:  # a retry: never run the model twice for one id
            if known.reply is not None:
                log.info("request %s retried; resending the cached reply", request.id)
                self._send_raw(router, identity, known.reply, incoming.delimiter)
                return None
            known.identity, known.delimiter = identity, incoming.delimiter
            return Reply(id=request.id, kind=request.kind, status="progress",
                         progress=Progress(stage="queued" if known.state == "queued"
                                           else "reading", elapsed_s=self._elapsed(known)))
        if self.state in ("failed", "stopping"):
            error = self.fatal_error or ErrorInfo(code="busy", message="daemon is stopping")
            return Reply(id=request.id, kind=request.kind, status="error", error=error)
        timeout = request.timeout_s or self.config.default_timeout_s
        job = Job(request=request, images=incoming.images, identity=identity,
                  delimiter=incoming.delimiter, deadline=time.monotonic() + timeout)
        try:
            self._precheck(job)
            self.jobs.put_nowait(job)
        except RequestError as exc:
            return Reply(id=request.id, kind=request.kind, status="error", error=exc.to_error())
        except queue.Full:
            self.counters["busy"] += 1
            return Reply.failure(request.id, "busy",
                                 f"{self.config.queue_capacity} requests are already waiting",
                                 hint="retry in a few seconds", kind=request.kind)
        self.table.add(job)
        position = self.table.counts()["queued"]
        return Reply(id=request.id, kind=request.kind, status="progress",
                     progress=Progress(stage="queued", queue_position=position))

    _on_batch = _on_extract  # a batch is queued and run as one job (worker: extract_batch)

    def _precheck(self, job: Job) -> None:
        """Cheap checks on the I/O thread; decoding happens on the worker."""
        limit = self.config.limits.max_bytes
        for meta, data in zip(job.request.image_metas(), job.images):
            if len(data) > limit:
                label = meta.name or "an image"
                raise RequestError(f"{label} is {len(data)} bytes; the limit is {limit}",
                                   hint="crop the screenshot or save it as PNG",
                                   code="too_large")

    # ---- from the worker -------------------------------------------------------------

    def _drain_worker(self, router: zmq.Socket, pull: zmq.Socket) -> None:
        while True:
            try:
                message = pull.recv_pyobj(zmq.NOBLOCK)
            except zmq.Again:
                return
            self._on_worker(router, message)

    def _on_worker(self, router: zmq.Socket, message: tuple) -> None:
        what = message[0]
        if what == "ready":
            self.reader_info = message[1]
            self.state = "ready"
        elif what == "info":
            self.reader_info = message[1]
        elif what == "load_failed":
            error = message[1]
            self.fatal_error = error.model_copy(
                update={"message": f"the reader failed to load: {error.message}"})
            self.state = "failed"
            log.error("%s", self.fatal_error.message)
            for job in self.table.live():
                self._finish(router, job, Reply(id=job.id, kind=job.request.kind, status="error",
                                                error=self.fatal_error))
            self.stop()
        elif what == "started":
            self.running_id = message[1]
            job = self.table.get(message[1])
            if job is not None and job.state == "queued":
                job.state = "running"
        elif what == "progress":
            job = self.table.get(message[1])
            if job is not None and job.state != "done":
                _, _, stage, step, done, total = message
                job.progress = Progress(stage=stage, step=step[:200], done=done, total=total)
                self._send(router, job.identity, Reply(
                    id=job.id, kind=job.request.kind, status="progress",
                    progress=job.progress.model_copy(
                        update={"elapsed_s": self._elapsed(job)})), job.delimiter)
        elif what == "done":
            self.running_id = None
            job = self.table.get(message[1])
            if job is not None and job.state != "done":
                self._finish(router, job, message[2])
        elif what == "skipped":
            pass

    def _worker_died(self, router: zmq.Socket) -> None:
        """A bug killed the worker thread: answer everyone, then exit non-zero to be restarted."""
        self.fatal_error = ErrorInfo(code="internal", message="the worker thread stopped",
                                    hint="see the daemon log; restart `ds2fp serve`")
        self.state = "failed"
        log.error("the worker thread died; stopping")
        for job in self.table.live():
            self._finish(router, job, Reply(id=job.id, kind=job.request.kind, status="error",
                                            error=self.fatal_error))
        self.stop()

    # ---- deadlines and shutdown ------------------------------------------------------

    def _expire(self, router: zmq.Socket) -> None:
        """Answer jobs past their deadline; send heartbeats so clients do not retry."""
        now = time.monotonic()
        heartbeat = now - self._last_heartbeat >= HEARTBEAT_S
        if heartbeat:
            self._last_heartbeat = now
        for job in self.table.live():
            if heartbeat and now <= job.deadline:
                last = job.progress if job.state != "queued" and job.progress else \
                    Progress(stage="queued" if job.state == "queued" else "reading")
                self._send(router, job.identity, Reply(
                    id=job.id, kind=job.request.kind, status="progress",
                    progress=last.model_copy(update={"elapsed_s": self._elapsed(job)})),
                    job.delimiter)
            if now > job.deadline:
                job.stop_reason = "timeout"
                job.stop.set()
                timeout = job.request.timeout_s or self.config.default_timeout_s
                self._finish(router, job, Reply.failure(
                    job.id, "timeout", f"no result within {timeout:g} s ({job.state})",
                    hint="the daemon may be overloaded; raise the timeout or use a smaller model",
                    kind=job.request.kind))

    def _drain(self, router: zmq.Socket, pull: zmq.Socket, worker: Worker) -> None:
        """Stop the worker and answer every request still open."""
        for job in self.table.live():
            job.stop_reason = "cancelled"
            job.stop.set()
            if job.state == "queued":
                self._finish(router, job, Reply.failure(job.id, "cancelled",
                                                        "the daemon is shutting down",
                                                        kind=job.request.kind))
        worker.stopping.set()
        deadline = time.monotonic() + self.config.stop_grace_s
        while worker.is_alive() and time.monotonic() < deadline:
            worker.join(timeout=POLL_MS / 1000.0)
            self._drain_worker(router, pull)
        self._drain_worker(router, pull)
        for job in self.table.live():
            self._finish(router, job, Reply.failure(job.id, "cancelled",
                                                    "the daemon is shutting down",
                                                    kind=job.request.kind))
        log.info("stopped; %s", self.counters)

    # ---- replies ---------------------------------------------------------------------

    def _finish(self, router: zmq.Socket, job: Job, reply: Reply) -> None:
        frames = encode_reply(reply, job.delimiter)
        self.table.finish(job, frames)
        self.counters["ok" if reply.ok else "error"] += 1
        self._send_raw(router, job.identity, frames, job.delimiter)

    def _send(self, router: zmq.Socket, identity: bytes, reply: Reply,
              delimiter: bool = True) -> None:
        self._send_raw(router, identity, encode_reply(reply, delimiter), delimiter)

    @staticmethod
    def _send_raw(router: zmq.Socket, identity: bytes, frames: List[bytes],
                  delimiter: bool = True) -> None:
        if not delimiter and frames and frames[0] == b"":
            frames = frames[1:]
        elif delimiter and (not frames or frames[0] != b""):
            frames = [b"", *frames]
        try:
            router.send_multipart([identity, *frames], zmq.NOBLOCK)
        except zmq.ZMQError as exc:  # the client went away (ROUTER_MANDATORY) or is stuck
            # Heartbeats to a vanished client are routine; a lost final reply is worth a line.
            final = b'"status":"progress"' not in frames[-1]
            log.log(logging.INFO if final else logging.DEBUG,
                    "reply not delivered (%s); the client may retry by id", exc.strerror)

    # ---- status ----------------------------------------------------------------------

    @staticmethod
    def _elapsed(job: Job) -> float:
        return round(time.monotonic() - job.received, 3)

    def limits(self) -> Limits:
        lim = self.config.limits
        return Limits(max_message_bytes=lim.max_bytes, max_image_bytes=lim.max_bytes,
                      max_image_pixels=lim.max_pixels, image_token_budget=lim.token_budget,
                      queue_capacity=self.config.queue_capacity,
                      default_timeout_s=self.config.default_timeout_s)

    def ping_result(self) -> PingResult:
        state = self.state
        if state == "ready" and self.running_id is not None:
            state = "busy"
        counts = self.table.counts()
        return PingResult(
            state=state, queue_length=counts["queued"], running=self.running_id,
            reader=str(self.reader_info.get("reader", "?")),
            model=self.reader_info.get("model") or self.config.model_name,
            limits=self.limits(), protocol_versions=list(SUPPORTED_VERSIONS),
            kinds=list(REQUEST_KINDS), uptime_s=round(time.monotonic() - self.started, 3))

    def info_result(self) -> InfoResult:
        info = dict(self.reader_info)
        from daemon.readers.base import display_name

        model = _str_or_none(info.get("model") or self.config.model_name)
        return InfoResult(
            reader=str(info.get("reader", "?")), model=model,
            display_name=display_name({**info, "model": model}),
            device=_str_or_none(info.get("device")), dtype=_str_or_none(info.get("dtype")),
            memory=info.get("memory") if isinstance(info.get("memory"), dict) else {},
            details=_jsonable(info), versions=versions())


def versions() -> Dict[str, str]:
    """Versions of what matters for a bug report; torch only if the reader loaded it."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version(), "pyzmq": zmq.__version__,
             "libzmq": zmq.zmq_version()}
    for module, dist in (("torch", "torch"), ("transformers", "transformers"),
                         ("xgrammar", "xgrammar"), ("PIL", "pillow"), ("pydantic", "pydantic"),
                         ("rapidocr_onnxruntime", "rapidocr-onnxruntime"), ("ds2fp", "ds2fp")):
        if module != "ds2fp" and module not in sys.modules:
            continue
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            found[dist] = str(getattr(sys.modules.get(module), "__version__", "?"))
    return found


def _str_or_none(value) -> Optional[str]:
    return None if value is None else str(value)


def _jsonable(info: Dict[str, Any]) -> Dict[str, Any]:
    import json

    return json.loads(json.dumps(info, default=str))
