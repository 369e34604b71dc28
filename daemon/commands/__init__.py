"""One module per `ds2fp` subcommand; each exposes `register(subparsers)`.

Subcommands are thin: they parse arguments, call the same core functions the daemon and
the plugin call, and present errors for a terminal.
"""

# Modules listed here are imported by daemon.cli; keep one line per subcommand module.
COMMAND_MODULES = (
    "daemon.commands.schema_cmd",
    "daemon.commands.plugin_rpc_cmd",
    "daemon.commands.build",
    "daemon.commands.import_cmd",
    "daemon.commands.check_cmd",
    "daemon.commands.serve_cmd",
    "daemon.commands.extract_cmd",
    "daemon.commands.status_cmd",
    "daemon.commands.keys_cmd",
    "daemon.commands.ipc_cmd",
    "daemon.commands.eval_cmd",
    "daemon.commands.gui_cmd",
    "daemon.commands.batch_cmd",
)
