"""The plugin's end of the JSON-lines bridge (`ds2fp plugin-rpc`, daemon/plugin_bridge.py).

Standard library only: KiCad's Python runs this. One bridge process per dialog; requests
are made from worker threads (never the GUI thread) and block until their answer line, while
a reader thread routes answer and progress lines by request id.
"""

import itertools
import json
import os
import subprocess
import sys
import threading
import uuid
from collections import deque
from typing import Any, Callable, Dict, List, Optional

ProgressCallback = Callable[[Dict[str, Any]], None]


class BridgeCallError(Exception):
    """An error the user can act on: `code`, `message`, `hint` (what to do)."""

    def __init__(self, code: str, message: str, hint: Optional[str] = None):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint

    def __str__(self) -> str:
        return self.message + (f"\n\n{self.hint}" if self.hint else "")


class _Pending:
    def __init__(self, progress: Optional[ProgressCallback]):
        self.done = threading.Event()
        self.answer: Optional[Dict[str, Any]] = None
        self.progress = progress


class BridgeClient:
    """Starts `command` and talks JSON lines with it. Thread-safe `call()`."""

    def __init__(self, command: List[str], env: Optional[Dict[str, str]] = None,
                 cwd: Optional[str] = None, log_path: Optional[str] = None):
        self.command = list(command)
        self.env = dict(env or {})
        self.cwd = cwd
        self.log_path = log_path
        self._proc: Optional[subprocess.Popen] = None
        self._pending: Dict[str, _Pending] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._session = uuid.uuid4().hex[:8]
        self._stderr_tail: deque = deque(maxlen=40)
        self._log = None

    # process -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        env = dict(os.environ)
        for key in ("PYTHONHOME", "PYTHONPATH"):  # KiCad's own Python must not leak in
            env.pop(key, None)
        env.update(self.env)
        env["PYTHONIOENCODING"] = "utf-8"
        flags = 0
        if sys.platform.startswith("win"):
            flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        try:
            self._proc = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, cwd=self.cwd, env=env, creationflags=flags,
                text=True, encoding="utf-8", bufsize=1)
        except OSError as exc:
            raise BridgeCallError(
                "not_installed", f"cannot start ds2fp ({self.command[0]}): {exc.strerror}",
                hint="Install ds2fp's environment with `python3 install.py` (it records the "
                     "Python the plugin uses).") from None
        threading.Thread(target=self._read_stdout, name="ds2fp-bridge-out",
                         daemon=True).start()
        threading.Thread(target=self._read_stderr, name="ds2fp-bridge-err",
                         daemon=True).start()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def close(self, timeout_s: float = 3.0) -> None:
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                self._send({"id": "shutdown", "op": "shutdown"})
                proc.wait(timeout=timeout_s)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                proc.terminate()
                try:
                    proc.wait(timeout=timeout_s)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self._proc = None
        self._fail_all("bridge_closed", "the ds2fp bridge was closed")

    # reading -----------------------------------------------------------------------------

    def _read_stdout(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for line in proc.stdout:
            line = line.strip()
            if not line.startswith("{"):
                self._stderr_tail.append(line)  # a stray print: keep it for the report
                continue
            try:
                message = json.loads(line)
            except ValueError:
                self._stderr_tail.append(line)
                continue
            with self._lock:
                pending = self._pending.get(str(message.get("id")))
            if pending is None:
                continue  # an answer to a request given up on (cancelled, timed out)
            if message.get("event") == "progress":
                if pending.progress is not None:
                    pending.progress(message)
                continue
            pending.answer = message
            pending.done.set()
        self._fail_all("bridge_died", "the ds2fp bridge stopped unexpectedly")

    def _read_stderr(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stderr is not None
        log = None
        if self.log_path:
            try:
                log = open(self.log_path, "a", encoding="utf-8")
            except OSError:
                log = None  # the tail kept in memory still goes into error messages
        try:
            for line in proc.stderr:
                self._stderr_tail.append(line.rstrip())
                if log is not None:
                    log.write(line)
                    log.flush()
        finally:
            if log is not None:
                log.close()

    def stderr_tail(self, lines: int = 8) -> str:
        return "\n".join(list(self._stderr_tail)[-lines:])

    def _fail_all(self, code: str, message: str) -> None:
        with self._lock:
            pending = list(self._pending.values())
        tail = self.stderr_tail()
        for p in pending:
            if not p.done.is_set():
                p.answer = {"ok": False, "error": {
                    "code": code, "message": message + (f":\n{tail}" if tail else ""),
                    "hint": "Check that `python3 install.py --check` passes; the bridge log "
                            "has the details."}}
                p.done.set()

    # calls -------------------------------------------------------------------------------

    def new_id(self) -> str:
        """Unique across dialogs: the daemon answers a repeated id with the first request's
        cached reply (a retry), so a second dialog in the same KiCad must not reuse ids."""
        return f"p{os.getpid()}-{self._session}-{next(self._ids)}"

    def _send(self, message: Dict[str, Any]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.poll() is not None:
            raise BridgeCallError("bridge_died", "the ds2fp bridge is not running:\n"
                                  + self.stderr_tail(),
                                  hint="Run `python3 install.py --check` to see what is "
                                       "missing.")
        with self._write_lock:
            try:
                proc.stdin.write(json.dumps(message) + "\n")
                proc.stdin.flush()
            except (OSError, ValueError) as exc:
                raise BridgeCallError("bridge_died", f"the ds2fp bridge stopped: {exc}",
                                      hint="Run `python3 install.py --check`.") from None

    def call(self, op: str, timeout_s: Optional[float] = 60.0,
             progress: Optional[ProgressCallback] = None, request_id: Optional[str] = None,
             **params: Any) -> Dict[str, Any]:
        """Send one request and wait for its answer; the result dict, or BridgeCallError."""
        self.start()
        rid = request_id or self.new_id()
        pending = _Pending(progress)
        with self._lock:
            self._pending[rid] = pending
        try:
            self._send(dict(params, id=rid, op=op))
            if not pending.done.wait(timeout_s):
                raise BridgeCallError("timeout", f"ds2fp did not answer '{op}' within "
                                      f"{timeout_s:.0f} s",
                                      hint="Is the daemon overloaded? Try again, or restart it.")
        finally:
            with self._lock:
                self._pending.pop(rid, None)
        answer = pending.answer or {}
        if answer.get("ok"):
            return answer.get("result") or {}
        err = answer.get("error") or {}
        raise BridgeCallError(str(err.get("code", "error")), str(err.get("message", "failed")),
                              err.get("hint"))

    def abandon(self, request_id: str) -> None:
        """Stop waiting for `request_id` (after Cancel): its late answer is dropped."""
        with self._lock:
            pending = self._pending.get(request_id)
        if pending is not None and not pending.done.is_set():
            pending.answer = {"ok": False, "error": {"code": "cancelled",
                                                     "message": "cancelled", "hint": None}}
            pending.done.set()
