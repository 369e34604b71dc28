"""End to end through a daemon subprocess: every eval case's real pages in, reading + footprint
out, with per-stage timings. Any reader: pass `serve` arguments after `--`.

    python3 benchmarks/daemon_end_to_end.py -- \
        --reader file:tests/daemon/data/lm358_d0008a_reading.json
    python3 benchmarks/daemon_end_to_end.py -- \
        --reader model --model /tmp/tiny-qwen3-vl --device cpu --offline --max-new-tokens 64

Prints figures (latency per case, stage medians, reply codes); asserts nothing. Needs
../shared/eval/datasheets (or DS2FP_SHARED).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.protocol import ExtractOptions  # noqa: E402
from tests.daemon.conftest import EVAL_DIR, Daemon  # noqa: E402

ROLES = {"package_and_land_pattern": "both", "land_pattern_tht": "land_pattern",
         "full_page": "other"}


def cases():
    for folder in sorted(p for p in EVAL_DIR.iterdir() if (p / "gt.json").exists()):
        gt = json.loads((folder / "gt.json").read_text())
        yield folder.name, [((folder / i["file"]).read_bytes(), ROLES.get(i["role"], i["role"]),
                             i["file"]) for i in gt["images"]]


def main() -> None:
    argv = sys.argv[1:]
    serve_args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if not EVAL_DIR.is_dir():
        sys.exit(f"{EVAL_DIR} not found (set DS2FP_SHARED)")
    os.environ.setdefault("PYTHONPATH", str(REPO))
    stages, codes = {}, Counter()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        daemon = Daemon(serve_args, Path(tmp))
        try:
            daemon.wait_ready(timeout=args.timeout)
            print(f"daemon ready in {time.perf_counter() - t0:.1f} s ({' '.join(serve_args)})")
            with daemon.client(extract_timeout_s=args.timeout) as client:
                for _ in range(args.repeat):
                    for name, images in cases():
                        t1 = time.perf_counter()
                        reply = client.extract(images, ExtractOptions())
                        took = time.perf_counter() - t1
                        code = "ok" if reply.ok else reply.error.code
                        codes[code] += 1
                        detail = ""
                        if reply.ok:
                            for k, v in reply.extract.timings.items():
                                stages.setdefault(k, []).append(v)
                            fp = reply.extract.footprint
                            detail = f"footprint {fp.name} ({len(fp.pads)} pads)" if fp else \
                                "no footprint: " + "; ".join(
                                    i.message[:60] for i in reply.extract.issues
                                    if i.severity == "error")
                        else:
                            detail = reply.error.message[:100]
                        print(f"  {name:36s} {took * 1e3:9.1f} ms  {code:12s} {detail}")
        finally:
            daemon.stop()
    print("replies:", dict(codes))
    for k, v in stages.items():
        print(f"  stage {k:14s} median {statistics.median(v) * 1e3:9.1f} ms  "
              f"max {max(v) * 1e3:9.1f} ms")


if __name__ == "__main__":
    main()
