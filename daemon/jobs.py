"""Extract jobs and the table of recent ones, owned by the server's I/O thread.

The table is what makes retries safe: a client that timed out resends the same request id on a
fresh socket; if the job is still queued or running, the new socket is attached to it, and if it
finished, the cached reply is sent again. The model never runs twice for one id.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from schemas.protocol import Request


@dataclass
class Job:
    """One extract request on its way through the queue and the worker."""

    request: Request
    images: List[bytes]
    identity: bytes
    delimiter: bool
    deadline: float
    received: float = field(default_factory=time.monotonic)
    state: str = "queued"  # queued -> running -> done
    stop: threading.Event = field(default_factory=threading.Event)
    stop_reason: str = "cancelled"  # or "timeout"; read by the worker when stop is set
    reply: Optional[List[bytes]] = None  # encoded final reply (without the identity)
    progress: Optional[Any] = None  # the last Progress the worker reported (heartbeats repeat it)

    @property
    def id(self) -> str:
        return self.request.id

    def should_stop(self) -> bool:
        """Polled by the reader: cancelled, past the deadline, or the daemon stopping."""
        if not self.stop.is_set() and time.monotonic() > self.deadline:
            self.stop_reason = "timeout"
            self.stop.set()
        return self.stop.is_set()


class JobTable:
    """Jobs by request id: live ones, plus the last `keep` finished ones for retries."""

    def __init__(self, keep: int = 256):
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()

    def get(self, request_id: str) -> Optional[Job]:
        return self._jobs.get(request_id)

    def add(self, job: Job) -> None:
        self._jobs[job.id] = job
        self._evict()

    def finish(self, job: Job, reply: List[bytes]) -> None:
        job.state = "done"
        job.reply = reply
        job.images = []  # the cache keeps replies, not up to 4 x 25 MB of images per id
        self._jobs.move_to_end(job.id)
        self._evict()

    def live(self) -> List[Job]:
        return [j for j in self._jobs.values() if j.state != "done"]

    def counts(self) -> Dict[str, int]:
        found = {"queued": 0, "running": 0, "done": 0}
        for job in self._jobs.values():
            found[job.state] += 1
        return found

    def _evict(self) -> None:
        done = [k for k, j in self._jobs.items() if j.state == "done"]
        for key in done[: max(0, len(done) - self.keep)]:
            del self._jobs[key]
