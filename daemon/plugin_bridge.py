"""The KiCad plugin's way into ds2fp: JSON lines on stdin/stdout (`ds2fp plugin-rpc`).

KiCad's own Python has wx and pcbnew but not pydantic, pyzmq or torch, so the plugin keeps
to the standard library and starts this bridge with the ds2fp environment's Python (the
path install.py records). Every request is one JSON object per line with an `id` and an
`op`; every answer is one JSON line with the same `id`: `{"id", "ok": true, "result"}` or
`{"id", "ok": false, "error": {"code", "message", "hint"}}`, plus `{"id", "event":
"progress", ...}` lines while an extract runs. The bridge calls the same core functions as
the CLI and the daemon (client.extract, builder, write_footprint, register_library); only
the presentation of errors differs.

Ops: `hello`, `status`, `extract` (image files + options; runs on a thread so `cancel` is
read meanwhile), `cancel`, `rebuild` (reading + edited key values -> footprint again),
`write` (footprint -> .pretty, optional fp-lib-table registration), `shutdown`.
"""

import argparse
import json
import logging
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Optional

BRIDGE_PROTOCOL = 1
log = logging.getLogger(__name__)

# The key values a reviewer may edit (mm, except pin_count), in display order.
EDITABLE = ("pin_count", "pitch", "pad_width", "pad_length", "row_spacing",
            "exposed_pad_width", "exposed_pad_length", "drill", "pad_diameter")
# Land attribute each editable value is read from after a build.
_LAND_ATTR = {"pitch": "pitch", "pad_width": "pad_width", "pad_length": "pad_length",
              "row_spacing": "row_spacing", "exposed_pad_width": "ep_across",
              "exposed_pad_length": "ep_along", "drill": "drill",
              "pad_diameter": "pad_diameter"}
# Land attribute -> LandPattern field, used to write the resolved pattern back for edits.
_LAND_TO_PATTERN = {"pitch": "pitch", "pad_width": "pad_width", "pad_length": "pad_length",
                    "row_spacing": "row_spacing", "row_spacing_2": "row_spacing_2",
                    "ep_across": "exposed_pad_width", "ep_along": "exposed_pad_length",
                    "drill": "drill", "pad_diameter": "pad_diameter",
                    "tab_width": "tab_width", "tab_length": "tab_length"}


class BridgeError(Exception):
    """A request the bridge refuses; becomes an error line with code and hint."""

    def __init__(self, code: str, message: str, hint: Optional[str] = None):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def error_dict(exc: BaseException) -> Dict[str, Any]:
    """Any exception as the plugin shows it: code, message, what to do."""
    from footprint_writer.errors import Ds2fpError

    if isinstance(exc, BridgeError):
        return {"code": exc.code, "message": exc.message, "hint": exc.hint}
    if isinstance(exc, Ds2fpError):
        return {"code": exc.code, "message": exc.message, "hint": exc.hint}
    try:
        from pydantic import ValidationError
    except ImportError:  # pragma: no cover - pydantic is a ds2fp dependency
        ValidationError = ()  # noqa: N806
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return {"code": "bad_request", "message": f"{where}: {first.get('msg', '')}",
                "hint": "check the value you typed"}
    return {"code": "internal", "message": f"{type(exc).__name__}: {exc}",
            "hint": "this is a ds2fp bug: please report it with the bridge log"}


# --- review payload -------------------------------------------------------------------------

def land_values(reading, options) -> Dict[str, Any]:
    """The land values the builder uses for `reading` (mm), and where they come from.

    Runs the builder's own unit conversion and land resolution, so the numbers shown for
    editing are exactly those the pads were placed from."""
    from footprint_writer.builder.context import BuildContext, Land
    from footprint_writer.builder.convert import reading_to_mm
    from footprint_writer.builder.land import resolve_land

    values: Dict[str, Any] = {"pin_count": reading.pin_count}
    try:
        ctx = BuildContext(reading=reading_to_mm(reading), land=Land(),
                           options=options.build_options())
        land = resolve_land(ctx)
    except Exception as exc:  # the review still shows the reading; the build said why
        log.info("land values unavailable: %s", exc)
        return {"values": values, "origin": None}
    for key, attr in _LAND_ATTR.items():
        value = getattr(land, attr)
        if value is not None:
            values[key] = round(float(value), 4)
    return {"values": values, "origin": land.origin}


def drawing(spec) -> Dict[str, Any]:
    """What the writer will draw (fab outline with bevel, courtyard, silk, pin-1 mark) and
    each pad's exact outline, so the plugin's preview is the file, not a guess of it."""
    from footprint_writer import graphics
    from footprint_writer.shapes import drill_outline, pad_outlines

    pads = []
    for pad in spec.pads:
        outlines = [{"points": [list(p) for p in o.points], "radius": o.radius}
                    for o in pad_outlines(pad)] if pad.size_x > 0 and pad.size_y > 0 else []
        drills = [{"points": [list(p) for p in o.points], "radius": o.radius}
                  for o in drill_outline(pad)] if pad.drill is not None else []
        pads.append({"number": pad.number, "kind": pad.kind, "role": pad.role,
                     "x": pad.x, "y": pad.y, "outlines": outlines, "drills": drills})
    court = graphics.courtyard_box(spec)
    return {
        "pads": pads,
        "fab": [list(p) for p in graphics.fab_outline(spec)],
        "courtyard": list(court) if court is not None else None,
        "silk": [[list(a), list(b)] for a, b in graphics.silk_outline(spec)],
        "pin1_mark": [list(p) for p in graphics.pin1_mark(spec)],
        "pin1": spec.pin1,
    }


def review_payload(reading, footprint, issues, options, reader: str = "") -> Dict[str, Any]:
    """Everything the review step shows, as plain JSON (the plugin has no pydantic)."""
    return {
        "reading": reading.model_dump(mode="json", exclude_none=True),
        "footprint": footprint.model_dump(mode="json") if footprint is not None else None,
        "drawing": drawing(footprint) if footprint is not None else None,
        "issues": [i.model_dump(mode="json") for i in issues],
        "land": land_values(reading, options),
        "options": options.model_dump(mode="json", exclude_none=True),
        "reader": reader,
    }


# --- edits ----------------------------------------------------------------------------------

def apply_edits(reading, edits: Dict[str, Any], options):
    """The reading with the reviewer's values (mm) in place, marked `user_edit`.

    The land pattern the builder used (datasheet or IPC) is written out in full first, so an
    edit of one value keeps all the others exactly as shown; the spans/gaps that would
    contradict an explicit row spacing are dropped. Returns (reading, options): the edited
    pattern is then the datasheet pattern."""
    from footprint_writer.builder.context import BuildContext, Land
    from footprint_writer.builder.convert import reading_to_mm
    from footprint_writer.builder.land import resolve_land
    from schemas.reading import LandPattern
    from schemas.toleranced import Toleranced
    from schemas.units import MM_PER_UNIT, round_mm

    unknown = sorted(set(edits) - set(EDITABLE))
    if unknown:
        raise BridgeError("bad_request", f"cannot edit {', '.join(unknown)}",
                          hint=f"editable: {', '.join(EDITABLE)}")
    if not edits:
        return reading, options
    factor = MM_PER_UNIT[reading.units]

    def printed(mm: float) -> float:
        # 9 digits: an inch value must come back to the typed mm after the builder's
        # conversion and its 6-digit rounding (1.95 mm -> 0.076771654 in -> 1.95 mm)
        return round_mm(float(mm) / factor, 9)

    update: Dict[str, Any] = {}
    pattern: Dict[str, Any] = {}
    if reading.land_pattern is not None:
        pattern = {k: v for k, v in reading.land_pattern if v is not None}
    try:
        land = resolve_land(BuildContext(reading=reading_to_mm(reading), land=Land(),
                                         options=options.build_options()))
    except Exception:
        land = None
    if land is not None:
        src = "ipc_calculation" if land.origin == "ipc" else None
        for attr, key in _LAND_TO_PATTERN.items():
            value = getattr(land, attr)
            if value is not None and (key not in pattern or land.origin == "ipc"):
                pattern[key] = Toleranced(nom=printed(value), source=src or "derived")
    for key, value in edits.items():
        if key == "pin_count":
            update["pin_count"] = int(value)
            continue
        if value is None or float(value) <= 0.0:
            if key in ("exposed_pad_width", "exposed_pad_length"):
                pattern.pop("exposed_pad_width", None)
                pattern.pop("exposed_pad_length", None)
                update.update(exposed_pad=False, exposed_pad_width=None,
                              exposed_pad_length=None)
                continue
            raise BridgeError("bad_request", f"{key} must be a positive size in mm",
                              hint="type a number like 0.5")
        tol = Toleranced(nom=printed(value), source="user_edit")
        pattern[key] = tol
        if key == "pitch":
            update["pitch"] = tol
        if key == "row_spacing":
            for contradicting in ("overall_span", "gap"):
                pattern.pop(contradicting, None)
        if key.startswith("exposed_pad"):
            update["exposed_pad"] = True
    if "row_spacing" in pattern:
        pattern.pop("overall_span", None)
        pattern.pop("gap", None)
    if "row_spacing_2" in pattern:
        pattern.pop("overall_span_2", None)
        pattern.pop("gap_2", None)
    update["land_pattern"] = LandPattern(**pattern)
    edited = reading.model_validate({**reading.model_dump(), **{
        k: (v.model_dump() if hasattr(v, "model_dump") else v) for k, v in update.items()}})
    return edited, options.model_copy(update={"pattern": "datasheet"})


# --- the bridge -----------------------------------------------------------------------------

class Bridge:
    """Serves one plugin session. Clients come from `client_factory` lazily (so `hello` and
    `write` work while no daemon runs). `shared`: one client for everything (the in-process
    client, whose reader is loaded once); otherwise ZeroMQ clients, which are not
    thread-safe: the status pings on the request thread use one client, each extract (on its
    own thread) gets a fresh one."""

    def __init__(self, client_factory: Callable[[], Any], emit: Callable[[dict], None],
                 endpoint: str = "", shared: bool = True):
        self._client_factory = client_factory
        self._client = None
        self._shared = shared
        self._emit = emit
        self.endpoint = endpoint
        self._lock = threading.Lock()
        self._jobs: Dict[str, threading.Thread] = {}

    # client ------------------------------------------------------------------------------

    def client(self):
        """The shared client (in-process), or the request thread's own ZeroMQ client."""
        with self._lock:
            if self._client is None:
                self._client = self._client_factory()
            return self._client

    def _job_client(self):
        """(client, close_after) for work on another thread."""
        if self._shared:
            return self.client(), False
        return self._client_factory(), True

    def close(self) -> None:
        """The plugin went away: cancel what still runs (the daemon must not keep reading
        for nobody), then free the client."""
        for rid in list(self._jobs):
            try:
                self.cancel({"target": rid}, rid)
            except Exception as exc:  # the daemon may be gone too; closing goes on
                log.warning("cancelling %s at close failed: %s", rid, exc)
        for job in list(self._jobs.values()):
            job.join(timeout=5.0)
        with self._lock:
            if self._client is not None and hasattr(self._client, "close"):
                try:
                    self._client.close()
                except Exception as exc:  # closing is best effort at exit; say so
                    log.warning("closing the client failed: %s", exc)
            self._client = None

    # dispatch ----------------------------------------------------------------------------

    def handle_line(self, line: str) -> bool:
        """Handle one request line; False after `shutdown`."""
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("a request is a JSON object")
        except ValueError as exc:
            self._emit({"id": None, "ok": False, "error": {
                "code": "bad_request", "message": f"unreadable request: {exc}", "hint": None}})
            return True
        rid = str(request.get("id", ""))
        op = request.get("op")
        if op == "shutdown":
            self._emit({"id": rid, "ok": True, "result": {}})
            return False
        if op == "extract":
            job = threading.Thread(target=self._run, args=(rid, self.extract, request),
                                   name=f"ds2fp-extract-{rid}", daemon=True)
            self._jobs[rid] = job
            job.start()
            return True
        handler = {"hello": self.hello, "status": self.status, "cancel": self.cancel,
                   "rebuild": self.rebuild, "write": self.write}.get(op)
        if handler is None:
            self._emit({"id": rid, "ok": False, "error": {
                "code": "bad_request", "message": f"unknown op {op!r}", "hint": None}})
            return True
        self._run(rid, handler, request)
        return True

    def _run(self, rid: str, handler, request: dict) -> None:
        try:
            result = handler(request, rid)
        except Exception as exc:
            if not isinstance(exc, BridgeError):
                log.exception("bridge op %s failed", request.get("op"))
            self._emit({"id": rid, "ok": False, "error": error_dict(exc)})
        else:
            self._emit({"id": rid, "ok": True, "result": result})
        finally:
            self._jobs.pop(rid, None)

    # ops ---------------------------------------------------------------------------------

    def hello(self, request: dict, rid: str) -> dict:
        import platform

        from daemon.server import versions

        return {"bridge_protocol": BRIDGE_PROTOCOL, "python": sys.executable,
                "python_version": platform.python_version(), "endpoint": self.endpoint,
                "versions": versions()}

    def status(self, request: dict, rid: str) -> dict:
        client = self.client()
        reply = client.ping(timeout_s=float(request.get("ping_timeout_s", 1.0)))
        if not reply.ok:
            return {"state": "not_running", "endpoint": self.endpoint,
                    "detail": reply.error.message if reply.error else "no answer",
                    "hint": "start it with `ds2fp serve` (or the Start button)"}
        p = reply.ping
        return {"state": p.state, "endpoint": self.endpoint, "queue_length": p.queue_length,
                "reader": p.reader, "model": p.model, "running": p.running,
                "detail": f"{p.reader}" + (f" {p.model}" if p.model else ""), "hint": None}

    def extract(self, request: dict, rid: str) -> dict:
        from schemas.protocol import ExtractOptions

        images = request.get("images") or []
        if not images:
            raise BridgeError("bad_request", "no images to read",
                              hint="paste a screenshot or add an image file")
        loaded = []
        for item in images:
            path = Path(item.get("path", ""))
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise BridgeError("image_invalid", f"cannot read {path}: {exc.strerror}",
                                  hint="add the image again") from None
            loaded.append((data, item.get("role", "both"), item.get("name") or path.name))
        options = ExtractOptions.model_validate(request.get("options") or {})

        def progress(p) -> None:
            self._emit({"id": rid, "event": "progress", "stage": p.stage,
                        "elapsed_s": p.elapsed_s, "queue_position": p.queue_position,
                        "step": p.step, "done": p.done, "total": p.total})

        client, close_after = self._job_client()
        try:
            reply = client.extract(loaded, options, progress=progress, request_id=rid,
                                   timeout_s=request.get("timeout_s"))
        finally:
            if close_after:
                client.close()
        if not reply.ok:
            err = reply.error
            raise BridgeError(err.code, err.message, err.hint)
        result = reply.extract
        return review_payload(result.reading, result.footprint, result.issues, options,
                              reader=result.reader)

    def cancel(self, request: dict, rid: str) -> dict:
        target = str(request.get("target", ""))
        if target not in self._jobs:
            return {"target": target, "cancelled": False}
        client, close_after = self._job_client()
        try:
            reply = client.cancel(target)
        finally:
            if close_after:
                client.close()
        return {"target": target, "cancelled": bool(reply.ok and reply.cancel
                                                     and reply.cancel.cancelled)}

    def rebuild(self, request: dict, rid: str) -> dict:
        from daemon.pipeline import build
        from schemas.protocol import ExtractOptions
        from schemas.reading import DatasheetReading

        reading = DatasheetReading.model_validate(request.get("reading") or {})
        options = ExtractOptions.model_validate(request.get("options") or {})
        edits = dict(request.get("edits") or {})
        reading, options = apply_edits(reading, edits, options)
        footprint, issues = build(reading, options)
        if footprint is not None:
            issues = issues + list(footprint.issues)
        payload = review_payload(reading, footprint, issues, options, reader="user_edit")
        payload["edited"] = sorted(edits)
        return payload

    def write(self, request: dict, rid: str) -> dict:
        from footprint_writer.library import write_footprint
        from footprint_writer.registration import (
            RegistrationPlan,
            plan_registration,
            register,
        )
        from schemas.footprint import FootprintSpec

        spec = FootprintSpec.model_validate(request.get("footprint") or {})
        name = request.get("name")
        if name:
            spec = FootprintSpec.model_validate({**spec.model_dump(), "name": name})
        library = request.get("library")
        if not library:
            raise BridgeError("bad_request", "no library folder given",
                              hint="choose or create a .pretty folder")
        reg = request.get("register")
        plan = None
        if reg:  # checked before writing: a clashing nickname leaves nothing half done
            if reg.get("project"):  # the project's table, ${KIPRJMOD} inside the project
                plan = plan_registration(library, "project", project=reg["project"],
                                         nickname=reg.get("name"))
            elif reg.get("table") and reg.get("uri") and reg.get("name"):
                plan = RegistrationPlan(table=reg["table"], nickname=reg["name"],
                                        uri=reg["uri"], scope="global")
            else:
                raise BridgeError("bad_request", "registration needs a project (or a table "
                                  "and uri) and a library nickname")
        path = write_footprint(spec, library, replace=bool(request.get("replace")))
        result = {"path": str(path), "name": spec.name, "registered": False, "table": None}
        if plan is not None:
            done = register(plan, descr=reg.get("descr", ""))
            result["registered"] = done.added
            result["table"], result["uri"] = str(plan.table), plan.uri
            result["nickname"] = plan.nickname
        return result


def make_client_factory(in_process: bool, reader: str, endpoint: str,
                        timeout_s: float) -> Callable[[], Any]:
    def factory():
        if in_process:
            from daemon.client import InProcessClient
            from daemon.readers.factory import make_reader

            return InProcessClient(make_reader(reader))
        from daemon.client import ZmqClient

        return ZmqClient(endpoint, timeout_s=timeout_s)

    return factory


def serve(stdin, stdout, bridge_factory: Callable[[Callable[[dict], None]], Bridge]) -> int:
    """Read requests until EOF or `shutdown`; one JSON line per answer, never interleaved."""
    lock = threading.Lock()

    def emit(message: dict) -> None:
        line = json.dumps(message, separators=(",", ":"))
        with lock:
            stdout.write(line + "\n")
            stdout.flush()

    bridge = bridge_factory(emit)
    try:
        for line in stdin:
            if line.strip() and not bridge.handle_line(line):
                break
    finally:
        bridge.close()
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    from daemon.client import DEFAULT_ENDPOINT
    from daemon.commands.argtypes import endpoint, positive_float

    p.add_argument("--connect", default=DEFAULT_ENDPOINT, type=endpoint,
                   help="daemon endpoint")
    p.add_argument("--in-process", action="store_true",
                   help="read in this process instead of asking a daemon (no GPU needed)")
    p.add_argument("--reader", default="ocr",
                   help="reader for --in-process: ocr, file:READING.json, model, ...")
    p.add_argument("--timeout", type=positive_float, default=5.0, help="daemon silence timeout (s)")
    p.add_argument("--log", default=None, help="log file (stderr if not given)")


def run_from_args(args: argparse.Namespace, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    handler: logging.Handler = (logging.FileHandler(args.log, encoding="utf-8") if args.log
                                else logging.StreamHandler(sys.stderr))
    logging.basicConfig(level=logging.INFO, handlers=[handler],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    factory = make_client_factory(args.in_process, args.reader, args.connect, args.timeout)
    endpoint = "in-process:" + args.reader if args.in_process else args.connect
    return serve(stdin, stdout, lambda emit: Bridge(factory, emit, endpoint=endpoint,
                                                    shared=args.in_process))
