"""The worker thread: the only thread that touches the reader (and so the GPU).

It builds the reader (loading a model can take minutes; the I/O thread answers ping with
"loading" meanwhile), then runs queued jobs one at a time through daemon.pipeline.extract and
hands every outcome to the I/O thread over an inproc PUSH socket: it never touches the ROUTER.
"""

import logging
import queue
import threading
import time
from typing import Any, Callable, Dict

import zmq

from daemon import pipeline
from daemon.errors import error_from_exception
from daemon.images import ImageLimits
from daemon.jobs import Job
from daemon.pipeline import ImageInput
from daemon.readers.base import ReadCancelledError, Reader, ReaderError
from footprint_writer.errors import Ds2fpError
from schemas.protocol import ErrorInfo, Reply

log = logging.getLogger(__name__)


class Worker(threading.Thread):
    def __init__(self, context: zmq.Context, endpoint: str,
                 reader_factory: Callable[[], Reader], limits: ImageLimits,
                 jobs: "queue.Queue[Job]"):
        super().__init__(name="ds2fp-worker", daemon=True)
        self.context = context
        self.endpoint = endpoint
        self.reader_factory = reader_factory
        self.limits = limits
        self.jobs = jobs
        self.stopping = threading.Event()

    def run(self) -> None:
        push = self.context.socket(zmq.PUSH)
        push.setsockopt(zmq.LINGER, 1000)
        push.connect(self.endpoint)
        try:
            reader = self._load(push)
            if reader is not None:
                try:
                    self._serve(push, reader)
                finally:
                    self._close(reader)
        finally:
            push.close()

    def _load(self, push: zmq.Socket):
        t0 = time.perf_counter()
        try:
            reader = self.reader_factory()
            warm_up = getattr(reader, "warm_up", None)
            if callable(warm_up):
                warm_up()
        except BaseException as exc:  # a load failure is reported, then the daemon exits
            if isinstance(exc, (ReaderError, Ds2fpError)):  # said in words, no traceback
                log.error("reader failed to load: %s", exc)
            else:
                log.exception("reader failed to load")
            push.send_pyobj(("load_failed", error_from_exception(exc)))
            return None
        log.info("reader %s ready in %.1f s", getattr(reader, "name", "?"),
                 time.perf_counter() - t0)
        push.send_pyobj(("ready", _safe_info(reader)))
        return reader

    def _serve(self, push: zmq.Socket, reader: Reader) -> None:
        while not self.stopping.is_set():
            try:
                job = self.jobs.get(timeout=0.1)
            except queue.Empty:
                continue
            if job.stop.is_set():  # cancelled or timed out while queued: already answered
                push.send_pyobj(("skipped", job.id))
                continue
            push.send_pyobj(("started", job.id))
            reply = self._run_job(job, reader, push)
            push.send_pyobj(("done", job.id, reply))
            push.send_pyobj(("info", _safe_info(reader)))

    def _run_job(self, job: Job, reader: Reader, push: zmq.Socket) -> Reply:
        request = job.request
        if request.kind == "batch":
            return self._run_batch(job, reader, push)
        images = [ImageInput(data=data, role=meta.role, name=meta.name)
                  for data, meta in zip(job.images, request.images)]
        t0 = time.perf_counter()
        try:
            result = pipeline.extract(
                images, request.options, reader, limits=self.limits,
                should_stop=job.should_stop,
                progress=lambda step: push.send_pyobj(
                    ("progress", job.id, step.stage, step.step, step.done, step.total)))
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if isinstance(exc, ReadCancelledError) or job.stop.is_set():
                error = ErrorInfo(code=job.stop_reason if job.stop.is_set() else "cancelled",
                                  message=f"request {job.id} stopped: {job.stop_reason}")
            else:
                error = error_from_exception(exc)
                if error.code in ("internal", "model_error"):
                    log.exception("request %s failed (%s)", job.id, error.code)
                else:
                    log.info("request %s refused: %s: %s", job.id, error.code, error.message)
            return Reply(id=job.id, kind="extract", status="error", error=error)
        result.timings["total_worker"] = round(time.perf_counter() - t0, 6)
        log.info("request %s done in %.2f s", job.id, time.perf_counter() - t0)
        return Reply(id=job.id, kind="extract", status="ok", extract=result)

    def _run_batch(self, job: Job, reader: Reader, push: zmq.Socket) -> Reply:
        """A batch: each part through pipeline.extract_batch; one part's error is its own."""
        request, frames = job.request, iter(job.images)
        parts = [pipeline.BatchInput(
            name=part.name, options=part.options,
            images=[ImageInput(data=next(frames), role=meta.role, name=meta.name)
                    for meta in part.images]) for part in request.parts]
        t0 = time.perf_counter()
        result = pipeline.extract_batch(
            parts, request.options, reader, limits=self.limits, should_stop=job.should_stop,
            progress=lambda step: push.send_pyobj(
                ("progress", job.id, step.stage, step.step, step.done, step.total)))
        failed = sum(1 for item in result.parts if item.status != "ok")
        log.info("batch %s: %d parts, %d failed, %.2f s", job.id, len(parts), failed,
                 time.perf_counter() - t0)
        return Reply(id=job.id, kind="batch", status="ok", batch=result)

    @staticmethod
    def _close(reader: Reader) -> None:
        try:
            reader.close()
        except Exception:
            log.exception("reader.close() failed")


def _safe_info(reader: Reader) -> Dict[str, Any]:
    try:
        info = dict(reader.info())
    except Exception as exc:
        log.exception("reader.info() failed")
        info = {"reader": getattr(reader, "name", "?"), "info_error": str(exc)}
    info.setdefault("reader", getattr(reader, "name", "?"))
    return info
