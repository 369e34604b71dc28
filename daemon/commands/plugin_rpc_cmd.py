"""`ds2fp plugin-rpc`: the JSON-lines bridge the KiCad plugin starts (daemon.plugin_bridge)."""

import argparse


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "plugin-rpc", help="serve the KiCad plugin over stdin/stdout (started by the plugin)")
    from daemon.plugin_bridge import add_arguments

    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from daemon.plugin_bridge import run_from_args

    return run_from_args(args)
