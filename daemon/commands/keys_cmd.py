"""`ds2fp keys DIR`: CURVE key pairs for a daemon that serves other machines."""

import argparse
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("keys", help="create CURVE keys for remote clients")
    p.add_argument("folder", type=Path)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daemon.security import make_keys

    server_secret, client_secret = make_keys(args.folder)
    print(f"server secret key: {server_secret} (keep on the daemon machine)")
    print(f"client secret key: {client_secret} (copy to the client machine)")
    print(f"authorised clients: {args.folder / 'authorized'} (add more client .key files here)")
    print(f"serve:   ds2fp serve --bind tcp://0.0.0.0:5557 --curve-dir {args.folder}")
    print(f"connect: ds2fp extract ... --connect tcp://HOST:5557 --curve-dir {args.folder}")
    return 0
