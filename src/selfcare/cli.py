"""The command line: ``selfcare [--data-dir DIR] [--config FILE] [COMMAND]``.

Exit codes: 0 ok; 1 usage, refused, malformed input; 2 wrong passphrase or recovery
code; 3 damaged store; 4 already open; 5 cannot write; 6 made by a newer version;
70 internal error; 130 interrupted. Errors are one sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from selfcare import __version__, commands
from selfcare.crash import EXIT_INTERNAL, crash_sentence, harden_process
from selfcare.store.errors import SelfcareError, UsageError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error exits 1 (not 2, which means a wrong passphrase)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"selfcare: {message}\n")


def _stdin_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase (and any other secrets) as lines of standard input",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    parser = _Parser(
        prog="selfcare",
        description="A private wellbeing companion for health and social-care practitioners.",
        epilog="Crisis contacts, no passphrase needed: selfcare help",
    )
    parser.add_argument("--version", action="version", version=f"selfcare {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where the store lives")
    parser.add_argument("--config", metavar="FILE", help="the settings file")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway store of made-up data (deleted when you quit)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("help", help="crisis and support contacts (no passphrase needed)")
    sub.add_parser("paths", help="show where the store and settings live")

    p = sub.add_parser("init", help="create a new store and show its recovery code once")
    _stdin_flag(p)

    p = sub.add_parser("check", help="open and verify the store and its backup generation")
    p.add_argument("--use-backup", action="store_true", help="check the backup generation")
    _stdin_flag(p)

    p = sub.add_parser("export", help="write everything to a plaintext file")
    p.add_argument("--format", choices=["json"], default="json", help="file format")
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--use-backup", action="store_true", help="export the backup generation")
    _stdin_flag(p)

    p = sub.add_parser("import", help="merge a JSON export into the store (by id)")
    p.add_argument("file", metavar="FILE", help="a file written by 'selfcare export'")
    _stdin_flag(p)

    p = sub.add_parser("backup", help="write a sealed copy (same passphrase) to a file")
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _stdin_flag(p)

    p = sub.add_parser("restore", help="make a sealed copy the current store")
    p.add_argument("file", metavar="FILE", help="a file written by 'selfcare backup'")
    _stdin_flag(p)

    p = sub.add_parser("passwd", help="change the passphrase (stdin: old, then new)")
    _stdin_flag(p)

    p = sub.add_parser("recover", help="set a new passphrase with the recovery code")
    p.add_argument("--new-code", action="store_true", help="also issue a new recovery code")
    _stdin_flag(p)
    return parser


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "help": commands.cmd_help,
    "paths": commands.cmd_paths,
    "init": commands.cmd_init,
    "check": commands.cmd_check,
    "export": commands.cmd_export,
    "import": commands.cmd_import,
    "backup": commands.cmd_backup,
    "restore": commands.cmd_restore,
    "passwd": commands.cmd_passwd,
    "recover": commands.cmd_recover,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    harden_process()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return commands.cmd_app(args)
        return HANDLERS[args.command](args)
    except SelfcareError as err:
        print(f"selfcare: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("\nselfcare: stopped; nothing was changed by this command.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: type only, no text
        print(crash_sentence(exc), file=sys.stderr)
        return EXIT_INTERNAL


__all__ = ["UsageError", "build_parser", "main"]
