"""`ds2fp status`: is a daemon running, what does it hold, how busy is it."""

import argparse
import json

from daemon.client import DEFAULT_ENDPOINT
from daemon.commands.argtypes import endpoint, positive_float


def register(subparsers) -> None:
    p = subparsers.add_parser("status", help="ask a running daemon how it is")
    p.add_argument("--connect", default=DEFAULT_ENDPOINT, type=endpoint,
                   help="daemon endpoint")
    p.add_argument("--timeout", type=positive_float, default=3.0)
    p.add_argument("--json", action="store_true", help="print ping and info replies as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daemon.client import ZmqClient
    from footprint_writer.errors import Ds2fpError

    with ZmqClient(args.connect, timeout_s=args.timeout, retries=0) as client:
        ping = client.ping()
        if not ping.ok:
            raise Ds2fpError(f"no daemon at {args.connect}: {ping.error.message}",
                             hint=ping.error.hint)
        info = client.info()
    if args.json:
        print(json.dumps({"ping": ping.ping.model_dump(),
                          "info": info.info.model_dump() if info.ok else None}, indent=2))
        return 0
    p = ping.ping
    print(f"daemon at {args.connect}: {p.state}")
    print(f"  reader: {p.reader}   model: {p.model or '-'}")
    print(f"  queue: {p.queue_length}/{p.limits.queue_capacity}   running: {p.running or '-'}")
    if info.ok and info.info is not None:
        i = info.info
        if i.display_name:
            print(f"  reading with: {i.display_name}")
        print(f"  device: {i.device or '-'}   dtype: {i.dtype or '-'}")
        for key, value in sorted(i.memory.items()):
            print(f"  memory {key}: {value}")
    print(f"  limits: {p.limits.max_images} images, {p.limits.max_image_bytes} bytes and "
          f"{p.limits.max_image_pixels} px each, {p.limits.image_token_budget} visual tokens")
    print(f"  protocol: {p.protocol_versions} ({', '.join(p.kinds)})   "
          f"uptime: {p.uptime_s:.0f} s")
    return 0
