"""Readers for daemon tests, steered by the request's part-name hint.

`serve --reader python:tests.daemon.fake_readers:scripted` loads this in the daemon subprocess.
part_name "sleep:S" reads for S seconds (polling should_stop), "spin:S" burns CPU in Python
for S seconds (GIL contention, like a tokenizer or logits processor), "raise:boom" raises a plain
RuntimeError, "raise:oom" a torch-style OutOfMemoryError, "return:garbage" returns an invalid
reading; anything else returns the recorded LM358 reading. info() counts reads, so tests can
prove a retried request id did not run the reader twice.
"""

import time
from pathlib import Path

from daemon.readers.base import ReadCancelledError
from daemon.readers.file_reader import FileReader

RECORDED = Path(__file__).parent / "data" / "lm358_d0008a_reading.json"


class OutOfMemoryError(RuntimeError):
    """Stands in for torch.cuda.OutOfMemoryError (matched by name and module, not import)."""


OutOfMemoryError.__module__ = "torch.cuda"


class ScriptedReader(FileReader):
    name = "scripted"

    def __init__(self, path=RECORDED, delay_s: float = 0.0):
        super().__init__(path, delay_s=delay_s)
        self.reads = 0
        self.closed = False

    def read(self, pages, hints):
        self.reads += 1
        command = hints.part_name or ""
        if command.startswith("sleep:"):
            deadline = time.monotonic() + float(command.split(":", 1)[1])
            while time.monotonic() < deadline:
                if hints.should_stop():
                    raise ReadCancelledError("stopped while sleeping")
                time.sleep(0.01)
        elif command.startswith("spin:"):  # CPU-bound Python: holds the GIL in bursts
            deadline = time.monotonic() + float(command.split(":", 1)[1])
            while time.monotonic() < deadline and not hints.should_stop():
                sum(i * i for i in range(2000))
            if hints.should_stop():
                raise ReadCancelledError("stopped while spinning")
        elif command == "raise:exit":  # kills the worker thread (BaseException)
            raise SystemExit("reader called exit")
        elif command == "raise:boom":
            raise RuntimeError("boom: a bug inside the reader")
        elif command == "raise:oom":
            raise OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        elif command == "return:garbage":
            return {"units": "furlong", "family": "soic"}
        return super().read(pages, hints)

    def info(self):
        info = super().info()
        info.update(reader=self.name, reads=self.reads, device="cpu", dtype="none",
                    memory={"gpu_allocated": 0})
        return info

    def close(self):
        self.closed = True


def scripted(**opts):
    return ScriptedReader(**opts)
