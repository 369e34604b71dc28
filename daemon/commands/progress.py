"""What the CLI shows while the daemon works: a bar on a terminal, plain lines otherwise.

On a terminal one line is redrawn ten times a second: `[#####.....]  50% page 2/2: OCR
3.1 s`. In a log or a pipe (CI, `2> log`), one line per step as it starts: `ds2fp: 3.1 s
page 2/2: OCR`, so a slow step shows where the time went.
"""

import itertools
import sys
import threading
import time
from typing import Optional, TextIO

from schemas.protocol import Progress

BAR_WIDTH = 20


def describe(progress: Progress) -> str:
    """The words for one progress message: the step, else the stage."""
    if progress.stage == "queued":
        where = f" (position {progress.queue_position})" if progress.queue_position else ""
        return f"queued{where}"
    return progress.step or progress.stage


def bar(fraction: Optional[float], frame: str) -> str:
    if fraction is None:
        return f"[{frame}]"
    filled = int(round(fraction * BAR_WIDTH))
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%}"


class ProgressDisplay:
    """The client's progress callback plus a redraw thread (terminal) or step lines."""

    FRAMES = "|/-\\"

    def __init__(self, stream: Optional[TextIO] = None, tty: Optional[bool] = None,
                 quiet: bool = False):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet = quiet
        self.text = "sending"
        self.fraction: Optional[float] = None
        self._last_line = ""
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._redraw, name="ds2fp-progress",
                                        daemon=True)

    def update(self, progress: Progress) -> None:
        text = describe(progress)
        with self._lock:
            self.text = text
            if progress.fraction() is not None:
                self.fraction = progress.fraction()
        if not self.tty and not self.quiet and text != self._last_line:
            self._last_line = text
            self.stream.write(f"ds2fp: {self.elapsed():5.1f} s  {text}\n")
            self.stream.flush()

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def __enter__(self) -> "ProgressDisplay":
        if self.tty and not self.quiet:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _redraw(self) -> None:
        for frame in itertools.cycle(self.FRAMES):
            if self._done.wait(0.1):
                return
            with self._lock:
                text, fraction = self.text, self.fraction
            self.stream.write(f"\r\033[K{bar(fraction, frame)} {text}  {self.elapsed():5.1f} s")
            self.stream.flush()
