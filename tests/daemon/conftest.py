"""A real daemon subprocess for the server tests (python -m daemon.cli serve, port chosen by
ZeroMQ on 127.0.0.1) and a small raw-socket helper for malformed traffic."""

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]
# CI keeps shared/ beside the clone; DS2FP_SHARED points elsewhere (e.g. from a git worktree).
EVAL_DIR = Path(os.environ.get("DS2FP_SHARED", REPO.parent / "shared")) / "eval" / "datasheets"
SCRIPTED = "python:tests.daemon.fake_readers:scripted"


class Daemon:
    def __init__(self, args: List[str], tmp: Path):
        tmp.mkdir(parents=True, exist_ok=True)
        self.log_file = tmp / "daemon.log"
        self.stderr_path = tmp / "daemon.stderr"
        self._stderr = open(self.stderr_path, "wb")
        cmd = [sys.executable, "-m", "daemon.cli", "serve", "--bind", "tcp://127.0.0.1:*",
               "--log-file", str(self.log_file), *args]
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.proc = subprocess.Popen(cmd, cwd=REPO, stderr=self._stderr,
                                     stdout=subprocess.DEVNULL, env=env)
        self.endpoint = self._wait_for_endpoint()

    def _wait_for_endpoint(self, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.stderr()
            if "listening on " in text:
                return text.split("listening on ", 1)[1].split()[0]
            if self.proc.poll() is not None:
                raise RuntimeError(f"daemon exited {self.proc.returncode}:\n{text}")
            time.sleep(0.02)
        raise RuntimeError(f"daemon did not start:\n{self.stderr()}")

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def client(self, **kw):
        from daemon.client import ZmqClient

        return ZmqClient(self.endpoint, **kw)

    def wait_ready(self, timeout: float = 10.0) -> None:
        with self.client(timeout_s=1.0) as c:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                reply = c.ping()
                if reply.ok and reply.ping.state in ("ready", "busy"):
                    return
                time.sleep(0.05)
        raise RuntimeError(f"daemon not ready:\n{self.stderr()}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    """One shared scripted-reader daemon per test module (small limits so tests stay fast)."""
    d = Daemon(["--reader", SCRIPTED, "--queue", "8", "--max-image-bytes", "3000000",
                "--image-token-budget", "1024"], tmp_path_factory.mktemp("daemon"))
    d.wait_ready()
    yield d
    code = d.stop()
    assert code == 0, d.stderr()


@pytest.fixture
def start_daemon(tmp_path):
    """Start a private daemon with given serve arguments (for tests that stop or break it)."""
    started = []

    def start(*args: str) -> Daemon:
        d = Daemon(list(args), tmp_path / f"d{len(started)}")
        started.append(d)
        return d

    yield start
    for d in started:
        d.stop()


def eval_pages(case: str):
    """(bytes, role, name) for a case's pages in ../shared/eval/datasheets, or skip."""
    import json

    folder = EVAL_DIR / case
    if not (folder / "gt.json").exists():
        pytest.skip(f"{folder} not available")
    gt = json.loads((folder / "gt.json").read_text())
    roles = {"package_and_land_pattern": "both", "land_pattern_tht": "land_pattern",
             "full_page": "other"}
    return [((folder / img["file"]).read_bytes(), roles.get(img["role"], img["role"]),
             img["file"]) for img in gt["images"]]
