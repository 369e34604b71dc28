"""Clients with one interface: `ZmqClient` talks to a daemon, `InProcessClient` calls the
pipeline directly (no sockets, no GPU) so the plugin and CLI tests run anywhere.

Both return `schemas.protocol.Reply`; an error reply is a value, not an exception, so every
front-end decides how to present it. `ZmqClient` is a Lazy Pirate client: DEALER socket,
request ids, poll with a timeout, retry on a fresh socket (LINGER=0), and it accepts only the
reply whose id matches. The daemon never runs one id twice, so a retry is always safe.
"""

import logging
import threading
import time
import uuid
from typing import Callable, List, Optional, Sequence, Tuple

from schemas.protocol import (
    FIRST_KINDS,
    PROTOCOL_VERSION,
    REQUEST_KINDS,
    SUPPORTED_VERSIONS,
    CancelResult,
    ExtractOptions,
    ImageMeta,
    Limits,
    Progress,
    Reply,
    Request,
)

log = logging.getLogger(__name__)

ImageArg = Tuple[bytes, str]  # (file bytes, role); or (bytes, role, name)
ProgressCallback = Callable[[Progress], None]
DEFAULT_ENDPOINT = "tcp://127.0.0.1:5557"
PING_TIMEOUT_S = 1.0


def new_request_id() -> str:
    return uuid.uuid4().hex


def _split_images(images: Sequence[tuple]) -> Tuple[List[bytes], List[ImageMeta]]:
    datas, metas = [], []
    for item in images:
        data, role = item[0], item[1]
        name = item[2] if len(item) > 2 else ""
        datas.append(bytes(data))
        metas.append(ImageMeta(role=role, name=name))
    return datas, metas


def _local_error(request_id: str, kind: str, code: str, message: str,
                 hint: Optional[str] = None) -> Reply:
    return Reply.failure(request_id, code, message, hint=hint, kind=kind)


class ZmqClient:
    """A client of a running daemon. One thread at a time per client (ZeroMQ sockets are not
    thread-safe), except `cancel`, which may be called from any thread.

    `timeout_s`: how long to wait for any message of a request before retrying (the daemon's
    I/O thread acknowledges an extract at once, then sends progress while the model works).
    `extract_timeout_s`: the overall limit for an extract, also sent as the server deadline.
    """

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, timeout_s: float = 5.0,
                 retries: int = 2, extract_timeout_s: float = 600.0,
                 curve_server_public: Optional[bytes] = None,
                 curve_client_secret_file: Optional[str] = None):
        import zmq

        self._zmq = zmq
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        self.retries = retries
        self.extract_timeout_s = extract_timeout_s
        self._curve_server = curve_server_public
        self._curve_secret_file = curve_client_secret_file
        self._context = zmq.Context()
        self._socket = None
        self.limits: Optional[Limits] = None  # learnt from ping; used to refuse early
        self.kinds: List[str] = list(FIRST_KINDS)  # request kinds the daemon serves (ping)

    # ---- socket ------------------------------------------------------------------------

    def _fresh_socket(self):
        zmq = self._zmq
        if self._socket is not None:
            self._socket.close(linger=0)
        sock = self._context.socket(zmq.DEALER)
        sock.setsockopt(zmq.LINGER, 0)
        if self._curve_server is not None:
            from zmq.auth import load_certificate

            public, secret = load_certificate(self._curve_secret_file)
            sock.curve_publickey = public
            sock.curve_secretkey = secret
            sock.curve_serverkey = self._curve_server
        try:
            sock.connect(self.endpoint)
        except zmq.ZMQError as exc:
            sock.close(linger=0)
            from footprint_writer.errors import Ds2fpError

            raise Ds2fpError(f"cannot connect to {self.endpoint!r}: {exc.strerror}",
                             hint="give tcp://HOST:PORT, e.g. tcp://127.0.0.1:5557") from None
        self._socket = sock
        return sock

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close(linger=0)
            self._socket = None
        self._context.destroy(linger=0)

    def __enter__(self) -> "ZmqClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- requests ----------------------------------------------------------------------

    def ping(self, timeout_s: Optional[float] = None) -> Reply:
        """The I/O thread answers within milliseconds, so silence soon means no daemon."""
        wait = min(self.timeout_s, PING_TIMEOUT_S) if timeout_s is None else timeout_s
        reply = self._call(Request(protocol=PROTOCOL_VERSION, id=new_request_id(), kind="ping"),
                           [], timeout_s=wait, retries=min(self.retries, 1))
        if reply.ok and reply.ping is not None:
            self.limits = reply.ping.limits
            self.kinds = list(reply.ping.kinds)
        return reply

    def info(self) -> Reply:
        return self._call(Request(protocol=PROTOCOL_VERSION, id=new_request_id(), kind="info"),
                          [])

    def cancel(self, request_id: str) -> Reply:
        """Cancel a request; safe from another thread (e.g. a dialog's Cancel button while
        `extract` waits on this client): it uses its own short-lived socket."""
        side = ZmqClient(self.endpoint, timeout_s=self.timeout_s, retries=1,
                         curve_server_public=self._curve_server,
                         curve_client_secret_file=self._curve_secret_file)
        try:
            return side._call(Request(protocol=PROTOCOL_VERSION, id=new_request_id(),
                                      kind="cancel", target=request_id), [])
        finally:
            side.close()

    def shutdown(self) -> Reply:
        return self._call(Request(protocol=PROTOCOL_VERSION, id=new_request_id(),
                                  kind="shutdown"), [], retries=0)

    def extract(self, images: Sequence[tuple], options: Optional[ExtractOptions] = None,
                progress: Optional[ProgressCallback] = None,
                request_id: Optional[str] = None,
                timeout_s: Optional[float] = None) -> Reply:
        """Send 1-4 (bytes, role[, name]) images; returns the final reply (ok or error)."""
        datas, metas = _split_images(images)
        rid = request_id or new_request_id()
        total = timeout_s or self.extract_timeout_s
        request = Request(protocol=PROTOCOL_VERSION, id=rid, kind="extract", images=metas,
                          options=options or ExtractOptions(), timeout_s=total)
        refused = self._refuse_early(rid, datas)
        if refused is not None:
            return refused
        return self._call(request, datas, progress=progress, overall_s=total + self.timeout_s)

    def batch(self, parts: Sequence[tuple], options: Optional[ExtractOptions] = None,
              progress: Optional[ProgressCallback] = None,
              request_id: Optional[str] = None,
              timeout_s: Optional[float] = None) -> Reply:
        """Send up to MAX_BATCH_PARTS parts, each (name, images[, options]) with images as
        for `extract`; the final reply's `batch.parts` holds one item per part."""
        from schemas.protocol import BatchPart

        rid = request_id or new_request_id()
        datas, metas = [], []
        for part in parts:
            part_datas, part_metas = _split_images(part[1])
            datas += part_datas
            metas.append(BatchPart(name=part[0], images=part_metas,
                                   options=part[2] if len(part) > 2 else None))
        total = timeout_s or self.extract_timeout_s * max(1, len(metas))
        request = Request(protocol=PROTOCOL_VERSION, id=rid, kind="batch", parts=metas,
                          options=options or ExtractOptions(), timeout_s=min(total, 3600.0))
        refused = self._refuse_early(rid, datas, kind="batch")
        if refused is not None:
            return refused
        if self.limits is not None and "batch" not in self.kinds:
            return _local_error(rid, "batch", "bad_request",
                                f"the daemon at {self.endpoint} has no batch requests",
                                hint="update the daemon, or send the parts one by one")
        return self._call(request, datas, progress=progress,
                          overall_s=request.timeout_s + self.timeout_s)

    def _refuse_early(self, rid: str, datas: List[bytes],
                      kind: str = "extract") -> Optional[Reply]:
        """The daemon drops over-size frames silently (MAXMSGSIZE): say so before sending."""
        if self.limits is None:
            pinged = self.ping()
            if not pinged.ok:
                return Reply(id=rid, kind=kind, status="error", error=pinged.error)
        limits = self.limits
        if limits is None:
            return None
        if kind == "extract" and len(datas) > limits.max_images:
            return _local_error(rid, kind, "too_large",
                                f"{len(datas)} images; the daemon takes {limits.max_images}")
        for index, data in enumerate(datas):
            if len(data) > limits.max_message_bytes:
                return _local_error(rid, kind, "too_large",
                                    f"image {index + 1} is {len(data)} bytes; the daemon "
                                    f"accepts {limits.max_message_bytes}",
                                    hint="crop the screenshot or save it as PNG")
        return None

    def _call(self, request: Request, images: List[bytes],
              progress: Optional[ProgressCallback] = None, timeout_s: Optional[float] = None,
              retries: Optional[int] = None, overall_s: Optional[float] = None) -> Reply:
        """Send, wait for the matching final reply; retry on silence with a fresh socket."""
        zmq = self._zmq
        from daemon.wire import decode_reply, encode_request

        frames = encode_request(request, images)
        wait = self.timeout_s if timeout_s is None else timeout_s
        attempts = 1 + (self.retries if retries is None else retries)
        give_up = time.monotonic() + (overall_s or wait * attempts)
        for attempt in range(attempts):
            sock = self._socket if (attempt == 0 and self._socket is not None) \
                else self._fresh_socket()
            sock.send_multipart(frames, copy=False)
            silent_until = time.monotonic() + wait
            while True:
                now = time.monotonic()
                limit = min(silent_until, give_up)
                if now >= limit:
                    break
                if not sock.poll(int((limit - now) * 1000) + 1, zmq.POLLIN):
                    continue
                try:
                    reply = decode_reply(sock.recv_multipart())
                except ValueError as exc:
                    log.warning("ignoring an unreadable reply: %s", exc)
                    continue
                if reply.id != request.id:
                    if reply.id is None and reply.error is not None:
                        return Reply(id=request.id, kind=request.kind, status="error",
                                     error=reply.error)
                    continue  # a late reply to an earlier request on this socket
                if reply.final:
                    return reply
                silent_until = time.monotonic() + wait  # the daemon is alive and working
                if progress is not None and reply.progress is not None:
                    progress(reply.progress)
            if time.monotonic() >= give_up:
                break
            log.info("no reply to %s %s within %.1f s; retrying on a fresh socket",
                     request.kind, request.id, wait)
        self._fresh_socket()  # do not let a late reply confuse the next request
        return _local_error(request.id, request.kind, "timeout",
                            f"no reply from the daemon at {self.endpoint}",
                            hint="is it running? start it with `ds2fp serve`")


class InProcessClient:
    """The same interface, calling daemon.pipeline.extract directly with a local reader."""

    def __init__(self, reader, limits=None):
        from daemon.images import ImageLimits

        self.reader = reader
        self.image_limits = limits or ImageLimits()
        self.started = time.monotonic()
        self._running = {}  # request id -> threading.Event, so cancel() works from any thread
        self._lock = threading.Lock()

    def ping(self, timeout_s: Optional[float] = None) -> Reply:
        from schemas.protocol import PingResult

        info = self._reader_info()
        lim = self.image_limits
        limits = Limits(max_message_bytes=lim.max_bytes, max_image_bytes=lim.max_bytes,
                        max_image_pixels=lim.max_pixels, image_token_budget=lim.token_budget,
                        queue_capacity=0, default_timeout_s=0.0)
        return Reply(id=new_request_id(), kind="ping", status="ok", ping=PingResult(
            state="ready", queue_length=0, reader=str(info.get("reader", "?")),
            model=info.get("model"), limits=limits, protocol_versions=list(SUPPORTED_VERSIONS),
            kinds=list(REQUEST_KINDS),
            uptime_s=round(time.monotonic() - self.started, 3)))

    def info(self) -> Reply:
        from daemon.server import versions
        from schemas.protocol import InfoResult

        info = self._reader_info()
        from daemon.readers.base import display_name

        return Reply(id=new_request_id(), kind="info", status="ok", info=InfoResult(
            reader=str(info.get("reader", "?")), model=info.get("model"),
            display_name=display_name(info),
            device=info.get("device"), dtype=info.get("dtype"), details=info,
            versions=versions()))

    def extract(self, images: Sequence[tuple], options: Optional[ExtractOptions] = None,
                progress: Optional[ProgressCallback] = None,
                request_id: Optional[str] = None,
                timeout_s: Optional[float] = None) -> Reply:
        from daemon import pipeline
        from daemon.errors import error_from_exception

        datas, metas = _split_images(images)
        inputs = [pipeline.ImageInput(data=d, role=m.role, name=m.name)
                  for d, m in zip(datas, metas)]
        with _LocalRequest(self, request_id, timeout_s, progress) as req:
            try:
                result = pipeline.extract(inputs, options or ExtractOptions(), self.reader,
                                          limits=self.image_limits, should_stop=req.stop,
                                          progress=req.notify)
            except Exception as exc:
                error = error_from_exception(exc)
                if error.code == "cancelled" and req.timed_out() and \
                        not req.cancelled.is_set():
                    error = error.model_copy(update={"code": "timeout"})
                if error.code == "internal":
                    log.exception("in-process extract failed")
                return Reply(id=req.id, kind="extract", status="error", error=error)
        return Reply(id=req.id, kind="extract", status="ok", extract=result)

    def batch(self, parts: Sequence[tuple], options: Optional[ExtractOptions] = None,
              progress: Optional[ProgressCallback] = None,
              request_id: Optional[str] = None,
              timeout_s: Optional[float] = None) -> Reply:
        """The same batch as the daemon runs (pipeline.extract_batch), in this process."""
        from daemon import pipeline

        inputs = []
        for part in parts:
            datas, metas = _split_images(part[1])
            inputs.append(pipeline.BatchInput(
                name=part[0], options=part[2] if len(part) > 2 else None,
                images=[pipeline.ImageInput(data=d, role=m.role, name=m.name)
                        for d, m in zip(datas, metas)]))
        with _LocalRequest(self, request_id, timeout_s, progress) as req:
            result = pipeline.extract_batch(inputs, options or ExtractOptions(), self.reader,
                                            limits=self.image_limits, should_stop=req.stop,
                                            progress=req.notify)
        return Reply(id=req.id, kind="batch", status="ok", batch=result)

    def cancel(self, request_id: str) -> Reply:
        """Stop a running extract (called from another thread, e.g. a dialog's Cancel)."""
        with self._lock:
            event = self._running.get(request_id)
        if event is not None:
            event.set()
        return Reply(id=new_request_id(), kind="cancel", status="ok", cancel=CancelResult(
            target=request_id, state="running" if event is not None else "unknown",
            cancelled=event is not None))

    def shutdown(self) -> Reply:
        self.close()
        return Reply(id=new_request_id(), kind="shutdown", status="ok")

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> "InProcessClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _reader_info(self) -> dict:
        try:
            return dict(self.reader.info())
        except Exception as exc:
            return {"reader": getattr(self.reader, "name", "?"), "info_error": str(exc)}


class _LocalRequest:
    """One in-process request: its id, its cancel flag (registered so `cancel` finds it),
    its deadline, and pipeline steps turned into Progress for the caller."""

    def __init__(self, client: "InProcessClient", request_id: Optional[str],
                 timeout_s: Optional[float], progress: Optional[ProgressCallback]):
        self.client, self.progress = client, progress
        self.id = request_id or new_request_id()
        self.started = time.monotonic()
        self.deadline = self.started + timeout_s if timeout_s else None
        self.cancelled = threading.Event()

    def __enter__(self) -> "_LocalRequest":
        with self.client._lock:
            self.client._running[self.id] = self.cancelled
        return self

    def __exit__(self, *exc) -> None:
        with self.client._lock:
            self.client._running.pop(self.id, None)

    def timed_out(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def stop(self) -> bool:
        return self.cancelled.is_set() or self.timed_out()

    def notify(self, step) -> None:
        if self.progress is not None:
            self.progress(Progress(stage=step.stage, step=step.step, done=step.done,
                                   total=step.total,
                                   elapsed_s=round(time.monotonic() - self.started, 3)))
