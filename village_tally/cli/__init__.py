"""The command line (DESIGN.md's stable contract). No command opens the desktop program.

Exit status: 0 done; 2 bad input or usage (a message naming the file, sheet, row, column or
option, and nothing written); 1 an unexpected error or a fault of the environment.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from village_tally.i18n import detect_lang, tr
from village_tally.services.errors import Cancelled, EnvironmentFault, InputError

if TYPE_CHECKING:
    from village_tally.cli.context import Context

log = logging.getLogger("village_tally")


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the user's language with exit status 2 (its own
    words too: see `_argparse_words`)."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, tr("cli.usage", self.lang, detail=message) + "\n")


def _argparse_words(text: str) -> str:
    """argparse asks gettext for its words at the moment it uses them: in Chinese, give ours."""
    from village_tally.i18n.argparse_zh import ZH

    return ZH.get(text, text) if Parser.lang == "zh" else text


argparse._ = _argparse_words  # type: ignore[attr-defined]  # argparse's gettext, by design


def _common(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--db", help=tr("cli.help.db", lang))
    parser.add_argument("--lang", choices=("zh", "en"), help=tr("cli.help.lang", lang))
    parser.add_argument("--kiosk", action="store_true", help=tr("cli.help.kiosk", lang))


def _signing_in(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--as", dest="as_name", metavar="NAME", help=tr("cli.help.as", lang))


def build_parser(lang: str) -> Parser:
    # The commands (and SQLAlchemy under them) load only when a command is given.
    from village_tally.cli import (
        exchange_cmds,
        ledger_cmds,
        notice_cmds,
        people_cmds,
        printing_cmds,
        proof_cmds,
        roster_cmds,
        scan_cmds,
    )

    Parser.lang = lang
    parser = Parser(prog="village-tally", description=tr("cli.description", lang))
    _common(parser, lang)
    _signing_in(parser, lang)
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for module in (ledger_cmds, notice_cmds, people_cmds, proof_cmds, roster_cmds, exchange_cmds,
                   printing_cmds, scan_cmds):
        module.register(sub, lang)
    return parser


def _lang_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]
    return detect_lang(os.environ)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(argv)
    try:
        return _run(argv, lang)
    except KeyboardInterrupt:  # Ctrl-C: each write is one transaction, each file written whole
        print(tr("cli.interrupted", lang), file=sys.stderr)
        return 130


def _run(argv: list[str], lang: str) -> int:
    program = _program_args(argv, lang)
    if program is not None:  # no command: the desktop program, its window up at once
        from village_tally.ui.app import run_app

        return run_app(db=program.db, lang=program.lang, kiosk=program.kiosk)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        from village_tally.ui.app import run_app

        return run_app(db=args.db, lang=args.lang, kiosk=args.kiosk)
    if args.kiosk:  # the screen is the desktop program's; a command does not run on it
        parser.error(tr("cli.kiosk_with_command", lang))
    from village_tally.cli.context import Context

    ctx = Context(lang, "", sys.stdout, sys.stderr)
    try:
        ctx = Context.from_args(args, lang)
        return int(args.handler(args, ctx) or 0)
    except Exception as exc:  # every failure gets a plain message and an exit status
        return _report(exc, ctx, lang)
    finally:
        ctx.close()


def _program_args(argv: Sequence[str], lang: str) -> argparse.Namespace | None:
    """--db and --lang alone (or nothing): the desktop program. Anything else, including a bad
    option or --help, goes to the full parser, which says what is wrong."""
    front = _QuietParser(prog="village-tally", add_help=False)
    _common(front, lang)
    try:
        args, rest = front.parse_known_args(argv)
    except ValueError:
        return None
    return None if rest else args


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _report(exc: Exception, ctx: Context, lang: str) -> int:
    from village_tally.cli.context import UsageError
    from village_tally.services.audit import DAMAGE

    """The message for a command that stopped, and its exit status: 2 when the input is
    wrong, 1 when the machine is (or a bug, which is logged with its traceback)."""
    if isinstance(exc, InputError):
        lines, status = [ctx.describe(problem) for problem in exc.problems], 2
    elif isinstance(exc, UsageError):
        lines, status = [tr(exc.code, lang, **exc.params)], 2
    elif isinstance(exc, Cancelled):
        lines, status = [tr("cli.cancelled", lang)], 1
    elif isinstance(exc, EnvironmentFault):
        lines, status = [tr(exc.code, lang, **exc.params)], 1
    elif isinstance(exc, OSError):
        lines, status = [tr("cli.os_error", lang, path=exc.filename or "",
                            detail=exc.strerror or "")], 1
    elif ctx.unverified and isinstance(exc, DAMAGE):
        # The file failed verification as it opened, and reading it failed: its damage, most
        # likely, and said as such (the traceback kept for a developer at INFO level).
        log.info("failure on a village that does not verify", exc_info=exc)
        lines, status = [tr("cli.damaged", lang, detail=type(exc).__name__)], 1
    else:
        log.error("unexpected error", exc_info=exc)
        lines, status = [tr("cli.unexpected", lang, detail=type(exc).__name__)], 1
    for line in lines:
        ctx.err(line)
    return status
