"""A spinner with the elapsed time on stderr while the CLI waits (terminal only)."""

import itertools
import sys
import threading
import time
from typing import Optional, TextIO

from schemas.protocol import Progress


class Spinner:
    FRAMES = "|/-\\"

    def __init__(self, stream: Optional[TextIO] = None, enabled: Optional[bool] = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.stage = "sending"
        self.detail = ""
        self._start = time.monotonic()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._spin, name="ds2fp-spinner", daemon=True)

    def update(self, progress: Progress) -> None:
        """The client's progress callback."""
        self.stage = progress.stage
        self.detail = f" (position {progress.queue_position})" \
            if progress.queue_position else ""

    def __enter__(self) -> "Spinner":
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        if self.enabled:
            self._thread.join()
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _spin(self) -> None:
        for frame in itertools.cycle(self.FRAMES):
            if self._done.wait(0.1):
                return
            elapsed = time.monotonic() - self._start
            self.stream.write(f"\r\033[K{frame} {self.stage}{self.detail} {elapsed:5.1f} s")
            self.stream.flush()
