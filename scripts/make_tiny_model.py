#!/usr/bin/env python3
"""Write the tiny random Qwen3-VL checkpoint (about 1 MB) into OUT_DIR, fully offline.

    python3 scripts/make_tiny_model.py /tmp/tiny-qwen3-vl
    python3 -m daemon.cli serve --model /tmp/tiny-qwen3-vl --device cpu --offline

The daemon then runs the real loading, prompting and grammar-forced generation code without
downloading weights; its readings are schema-valid but meaningless (the weights are random).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daemon.model.tiny import TINY_SEED, build_tiny_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=TINY_SEED, help="weights seed")
    args = parser.parse_args()
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        print(f"make_tiny_model: {args.out_dir} exists and is not empty; "
              "choose a new folder", file=sys.stderr)
        return 2
    path = build_tiny_model(args.out_dir, seed=args.seed)
    size = sum(f.stat().st_size for f in path.iterdir()) / 1e6
    print(f"tiny Qwen3-VL written to {path} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
