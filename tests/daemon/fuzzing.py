"""Seeded malformed messages for the daemon, and a driver that counts how each was answered.

Used by tests/daemon/test_fuzz.py (5,000 messages a run) and benchmarks/daemon_fuzz.py (the
full count with the daemon's memory). Every message must get exactly one final reply that
decodes as a `Reply` with a documented error code (or ok); the daemon must never die.
Messages over the socket's MAXMSGSIZE are not sent: libzmq drops those by closing the
connection, by design (PROTOCOL.md, Limits), and the client refuses them first.
"""

import io
import json
import random
import struct
import time
import uuid
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

import zmq

from daemon.wire import decode_reply
from schemas.protocol import ERROR_CODES
from tests.daemon.images_data import bomb_png, page_png

Frames = List[bytes]
FIELDS = ["protocol", "id", "kind", "images", "options", "target", "timeout_s",
          "images.0.role", "images.0.name", "options.name", "options.part_name",
          "options.package_hint", "options.units_hint", "options.density", "options.pattern",
          "options.build"]
WRONG_VALUES = [None, True, False, 0, -1, 1.5, 10 ** 17, -1e300, "", "x" * 5000, "\u0000",
                "ünïcödé", [], [1, 2], {}, {"a": {"b": []}}, "1", "ping", [[[]]]]


def _png(width: int, height: int) -> bytes:
    return page_png(max(width, 1), max(height, 1))


def _png_with_size(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height (0 included), with one tiny IDAT."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


def _multipage_tiff() -> bytes:
    from PIL import Image

    pages = [Image.new("L", (64, 48), shade) for shade in (255, 128, 0)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:])
    return buf.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" '
       b'height="100"><rect width="50" height="50"/></svg>')
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class Corpus:
    """Images made once per run (the bomb and the pages cost milliseconds each)."""

    def __init__(self):
        self.page = _png(96, 64)
        self.jpeg = page_png(96, 64, fmt="JPEG")
        self.bomb = bomb_png(20000)
        self.tiff = _multipage_tiff()


def _header(rng: random.Random, kind: str = "extract", n_images: int = 1, **over) -> dict:
    base = {"protocol": 1, "id": uuid.UUID(int=rng.getrandbits(128)).hex, "kind": kind}
    if kind == "extract":
        base["images"] = [{"role": rng.choice(["both", "package", "land_pattern", "other"])}
                          for _ in range(n_images)]
        base["options"] = {"build": rng.random() < 0.5}
    base.update(over)
    return base


def _dump(header: dict) -> bytes:
    return json.dumps(header).encode()


def _set(header: dict, path: str, value) -> dict:
    keys = path.split(".")
    target = header
    for key in keys[:-1]:
        if key.isdigit():
            if not isinstance(target, list) or not target:
                return header
            target = target[int(key)]
        else:
            target = target.setdefault(key, {})
            if not isinstance(target, (dict, list)):
                return header
    if isinstance(target, dict):
        target[keys[-1]] = value
    return header


# ---- message classes: each returns the frames after the ROUTER identity ------------------

def random_frames(rng, corpus) -> Frames:
    return [rng.randbytes(rng.choice([0, 1, 7, 64, 1000, 20000])) for _ in range(rng.randint(1, 6))]


def truncated_header(rng, corpus) -> Frames:
    text = _dump(_header(rng, rng.choice(["ping", "info", "extract", "cancel"]),
                         target="abc"))
    return [b"", text[:rng.randint(0, len(text) - 1)], corpus.page]


def oversized_header(rng, corpus) -> Frames:
    pad = "x" * rng.randint(65 * 1024, 300 * 1024)
    return [b"", _dump(_header(rng, "ping", filler=pad))]


def deep_nesting(rng, corpus) -> Frames:
    depth = rng.choice([33, 100, 1000, 10000, 30000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    text = '{"protocol":1,"id":"deep","kind":"ping","options":' + opener * depth \
        + closer * depth + "}"
    return [b"", text.encode()]


def non_finite(rng, corpus) -> Frames:
    value = rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "9" * 400,
                        "1" + "0" * 30, "1e-400"])
    key = rng.choice(["timeout_s", "protocol", "\"options\": {\"x\": 1}, \"y\""])
    if key == "protocol":
        text = '{"protocol": ' + value + ', "id": "nf2", "kind": "ping"}'
    else:
        text = '{"protocol": 1, "id": "nf1", "kind": "ping", "' + key + '": ' + value + "}"
    return [b"", text.encode()]


def wrong_types(rng, corpus) -> Frames:
    header = _header(rng)
    _set(header, rng.choice(FIELDS), rng.choice(WRONG_VALUES))
    return [b"", _dump(header), corpus.page]


def unknown_kind_or_version(rng, corpus) -> Frames:
    if rng.random() < 0.5:
        header = _header(rng, "ping")
        header["kind"] = rng.choice(["dance", "PING", "extract_batch", "", "shutdown ",
                                     "models"])
    else:
        header = _header(rng, "ping", protocol=rng.choice([0, 2, 3, 99, -1, 2 ** 40]))
    return [b"", _dump(header)]


def non_utf8(rng, corpus) -> Frames:
    text = _dump(_header(rng, "ping"))
    cut = rng.randint(1, len(text) - 2)
    return [b"", text[:cut] + rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80"])
            + text[cut:]]


def frame_count_mismatch(rng, corpus) -> Frames:
    header = _header(rng, n_images=rng.randint(1, 4))
    extra = rng.choice([0, 2, 5, 9])
    return [b"", _dump(header)] + [corpus.page] * extra


def garbage_image(rng, corpus) -> Frames:
    data = rng.choice([rng.randbytes(rng.randint(1, 5000)), b"", b"\x89PNG\r\n\x1a\n",
                       b"\xff\xd8\xff" + rng.randbytes(100), b"GIF89a" + rng.randbytes(50),
                       b"BM" + rng.randbytes(60)])
    return [b"", _dump(_header(rng)), data]


def truncated_image(rng, corpus) -> Frames:
    data = rng.choice([corpus.page, corpus.jpeg, corpus.tiff])
    return [b"", _dump(_header(rng)), data[:rng.randint(8, len(data) - 1)]]


def decompression_bomb(rng, corpus) -> Frames:
    return [b"", _dump(_header(rng)), corpus.bomb]


def tiny_images(rng, corpus) -> Frames:
    data = rng.choice([_png_with_size(0, 0), _png_with_size(0, 10), _png_with_size(1, 1),
                       _png(1, 1), _png_with_size(2 ** 31 - 1, 1)])
    return [b"", _dump(_header(rng)), data]


def other_formats(rng, corpus) -> Frames:
    return [b"", _dump(_header(rng)), rng.choice([corpus.tiff, SVG, PDF, b"<html></html>"])]


def valid_control(rng, corpus) -> Frames:
    kind = rng.choice(["ping", "info", "extract", "cancel"])
    if kind == "extract":
        return [b"", _dump(_header(rng)), rng.choice([corpus.page, corpus.jpeg])]
    if kind == "cancel":
        return [b"", _dump(_header(rng, "cancel", target="nothing-running"))]
    return [b"", _dump(_header(rng, kind))]


def malformed_batch(rng, corpus) -> Frames:
    """Batch headers gone wrong: part counts, frame counts, types, bad images inside."""
    n = rng.randint(1, 18)
    parts = [{"name": f"p{i}", "images": [{"role": "both"}] * rng.randint(1, 4)}
             for i in range(n)]
    header = _header(rng, "batch", parts=parts)
    frames = sum(len(p["images"]) for p in parts)
    choice = rng.randrange(6)
    if choice == 0:
        frames += rng.choice([-1, 1, 7])
    elif choice == 1:
        header["parts"] = rng.choice(WRONG_VALUES)
    elif choice == 2:
        parts[0]["images"] = rng.choice([[], [{"role": "wrong"}] * 5, "x", None])
    elif choice == 3:
        parts[-1]["options"] = {"density": rng.choice(WRONG_VALUES)}
    elif choice == 4:
        parts[0]["name"] = "\x00\x1f" * rng.randint(1, 100)
    images = [rng.choice([corpus.page, b"garbage", corpus.jpeg]) for _ in range(max(0, frames))]
    return [b"", _dump(header)] + images


def no_delimiter(rng, corpus) -> Frames:
    return valid_control(rng, corpus)[1:] if rng.random() < 0.5 else random_frames(rng, corpus)


CLASSES: Dict[str, Callable] = {
    "random frames": random_frames, "truncated header": truncated_header,
    "oversized header": oversized_header, "deep nesting": deep_nesting,
    "NaN/Infinity/huge numbers": non_finite, "wrong types": wrong_types,
    "unknown kind/version": unknown_kind_or_version, "non-UTF-8": non_utf8,
    "frame count mismatch": frame_count_mismatch, "garbage image": garbage_image,
    "truncated image": truncated_image, "PNG bomb": decompression_bomb,
    "0x0 / 1x1 images": tiny_images, "TIFF/SVG/PDF": other_formats,
    "no delimiter": no_delimiter, "malformed batch": malformed_batch,
    "valid (control)": valid_control,
}


def messages(seed: int, count: int) -> List[Tuple[str, Frames]]:
    rng = random.Random(seed)
    corpus = Corpus()
    names = list(CLASSES)
    return [(name, CLASSES[name](rng, corpus))
            for name in (names[k % len(names)] for k in range(count))]


# ---- the driver ----------------------------------------------------------------------------

@dataclass
class Tally:
    """Per message class: tried, typed (ok or a documented error code), untyped, no reply."""

    counts: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    codes: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    deaths: int = 0
    examples: Dict[str, str] = field(default_factory=dict)

    def add(self, name: str, outcome: str, detail: str = "", code: str = "") -> None:
        self.counts[name]["tried"] += 1
        self.counts[name][outcome] += 1
        if code:
            self.codes[name][code] += 1
        if outcome != "typed" and name not in self.examples:
            self.examples[name] = detail[:200]

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.counts.values())

    def table(self) -> str:
        rows = ["| class | tried | typed | untyped | no reply | replies |",
                "|---|---|---|---|---|---|"]
        for name, c in self.counts.items():
            codes = ", ".join(f"{k} {v}" for k, v in self.codes[name].most_common())
            rows.append(f"| {name} | {c['tried']} | {c['typed']} | {c['untyped']} | "
                        f"{c['no_reply']} | {codes} |")
        rows.append(f"| **all** | {self.total('tried')} | {self.total('typed')} | "
                    f"{self.total('untyped')} | {self.total('no_reply')} | |")
        return "\n".join(rows)


def _final_reply(sock, timeout_s: float):
    """The next final reply on `sock` (progress skipped), or None after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not sock.poll(int(left * 1000) + 1):
            return None, "no reply"
        raw = sock.recv_multipart()
        try:
            reply = decode_reply(raw)
        except ValueError as exc:
            return False, f"undecodable reply {raw!r:.100}: {exc}"
        if reply.final:
            return reply, ""


def _names_id(frames: Frames, rid: str) -> bool:
    """Whether the message's header frame carries `rid` as its id (a reply may only name
    the id it was sent, salvaged from a broken header included)."""
    body = frames[1:] if frames and frames[0] == b"" else frames
    return bool(body) and f'"id": "{rid}"'.encode() in body[0].replace(b'"id":"', b'"id": "')


def run(endpoint: str, items: List[Tuple[str, Frames]], alive: Callable[[], bool],
        batch: int = 250, reply_timeout_s: float = 10.0,
        after_batch: Optional[Callable[[int], None]] = None) -> Tally:
    """Send each message, wait for its final reply, classify; after every batch check that
    a fresh client's ping is answered and the process lives."""
    ctx = zmq.Context()
    tally = Tally()
    sock = None
    try:
        for index, (name, frames) in enumerate(items):
            if sock is None:
                sock = ctx.socket(zmq.DEALER)
                sock.setsockopt(zmq.LINGER, 0)
                sock.connect(endpoint)
            sock.send_multipart(frames)
            reply, detail = _final_reply(sock, reply_timeout_s)
            if reply is None:
                tally.add(name, "no_reply", f"{frames!r:.150}")
                sock.close()
                sock = None
            elif reply is False:
                tally.add(name, "untyped", detail)
            elif reply.status == "error" and (reply.error is None
                                              or reply.error.code not in ERROR_CODES):
                tally.add(name, "untyped", reply.model_dump_json()[:200])
            elif reply.id is not None and not _names_id(frames, reply.id):
                tally.add(name, "untyped", f"reply id {reply.id} for {frames!r:.100}")
            else:
                tally.add(name, "typed", code=reply.error.code if reply.error else "ok")
            if (index + 1) % batch == 0 or index + 1 == len(items):
                if not alive() or not ping_ok(ctx, endpoint):
                    tally.deaths += 1
                    break
                if after_batch is not None:
                    after_batch(index + 1)
    finally:
        if sock is not None:
            sock.close()
        ctx.term()
    return tally


def ping_ok(ctx, endpoint: str, timeout_s: float = 5.0) -> bool:
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)
    try:
        sock.send_multipart([b"", b'{"protocol": 1, "id": "fuzz-ping", "kind": "ping"}'])
        reply, _ = _final_reply(sock, timeout_s)
        return bool(reply) and reply.ok and reply.id == "fuzz-ping"
    finally:
        sock.close()


def rss_kib(pid: int) -> Dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB (Linux)."""
    out = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    return out
