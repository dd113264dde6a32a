"""`witsmith serve`: run the language server (stdio, or TCP for debugging)."""

from __future__ import annotations

import argparse
import logging



def register(commands) -> None:
    command = commands.add_parser(
        "serve",
        help="run the language server",
        description="Run the language server over standard input and output (what editors start), or on a TCP port.",
    )
    command.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    command.add_argument("--tcp", type=int, metavar="PORT", help="listen on 127.0.0.1:PORT instead, for debugging")
    command.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")
    command.add_argument("--clientProcessId", "--client-process-id", dest="client_process_id", type=int,
                         metavar="PID", help="exit when the editor's process PID ends")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from witsmith.lsp.server import serve  # the server's imports are only paid for when serving

    return serve(tcp_port=args.tcp, client_process_id=args.client_process_id)
