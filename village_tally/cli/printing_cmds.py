"""Command-line commands for printing: board, signs, statement, forms, tally-sheet, rewards.

PDFs are in Chinese unless `--lang en` is given (the board is for the village); messages follow
the usual language. Each command writes one PDF and prints its path and page count.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from village_tally.cli.context import Context
from village_tally.cli.fields import month_option
from village_tally.i18n import tr
from village_tally.services import printing, scan_sheets
from village_tally.services.printing import DEFAULT_PAPER, FORMS, ORDERS, PAPERS, Printed


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add this area's commands to the parser."""
    def h(key: str) -> str:
        return tr(f"cli.help.{key}", lang)

    p = sub.add_parser("board", help=h("board"))
    p.add_argument("--month", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--paper", type=str.upper, choices=list(PAPERS), default=DEFAULT_PAPER,
                   help=tr("cli.help.paper", lang, paper=DEFAULT_PAPER))
    p.add_argument("--order", choices=list(ORDERS), default="area", help=h("order"))
    p.set_defaults(handler=cmd_board)

    p = sub.add_parser("signs", help=h("signs"))
    p.add_argument("--quarter", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--per-sheet", type=int, choices=(1, 2), default=2)
    p.add_argument("--area")
    p.set_defaults(handler=cmd_signs)

    p = sub.add_parser("statement", help=h("statement"))
    p.add_argument("--name", required=True)
    p.add_argument("--household")
    p.add_argument("--out", required=True)
    p.set_defaults(handler=cmd_statement)

    p = sub.add_parser("forms", help=h("forms"))
    p.add_argument("kind", choices=[*FORMS, "scan-sheet"])
    p.add_argument("--area")
    p.add_argument("--out", required=True)
    p.add_argument("--sheets", type=int, default=1)
    p.add_argument("--first", type=int, help=h("first"))
    p.add_argument("--quarter")
    p.add_argument("--month", help=h("scan_month"))
    p.set_defaults(handler=cmd_forms)

    p = sub.add_parser("tally-sheet", help=h("tally_sheet"))
    p.add_argument("--month", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(handler=cmd_tally_sheet)

    p = sub.add_parser("rewards", help=h("rewards"))
    p.add_argument("--month", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--brackets", help=h("brackets"))
    p.add_argument("--save", action="store_true", help=h("brackets_save"))
    p.set_defaults(handler=cmd_rewards)


def _pdf_lang(args: argparse.Namespace) -> str:
    return str(args.lang or "zh")


def _report(ctx: Context, result: Printed) -> int:
    ctx.out(tr("print.written", ctx.lang, path=str(result.path), pages=result.pages))
    if result.missing_chars:
        ctx.err(tr("print.missing_chars", ctx.lang, chars=" ".join(result.missing_chars)))
    if result.unrated:
        shown = ", ".join(result.unrated[:20]) + (" …" if len(result.unrated) > 20 else "")
        ctx.err(tr("print.unrated", ctx.lang, count=len(result.unrated), households=shown))
    return 0


def _print(ctx: Context, verb: Callable[..., printing.Printed], **kwargs: Any) -> int:
    """Run one printing service on the ledger, report what was written."""
    return _report(ctx, verb(ctx.ledger(), **kwargs))


def cmd_board(args: argparse.Namespace, ctx: Context) -> int:
    return _print(ctx, printing.print_board, month=month_option(args.month), out=args.out,
                  paper=args.paper, order=args.order, lang=_pdf_lang(args))


def cmd_signs(args: argparse.Namespace, ctx: Context) -> int:
    return _print(ctx, printing.print_signs, quarter=args.quarter, out=args.out,
                  per_sheet=args.per_sheet, area=args.area, lang=_pdf_lang(args))


def cmd_statement(args: argparse.Namespace, ctx: Context) -> int:
    return _print(ctx, printing.print_statement, name=args.name, household=args.household,
                  out=args.out, lang=_pdf_lang(args))


def cmd_forms(args: argparse.Namespace, ctx: Context) -> int:
    if args.kind == "scan-sheet":
        return _print(ctx, scan_sheets.print_scan_sheets, out=args.out, area=args.area,
                      month=month_option(args.month) if args.month else None,
                      sheets=args.sheets, first=args.first, lang=_pdf_lang(args))
    return _print(ctx, printing.print_form, kind=args.kind, out=args.out, area=args.area,
                  sheets=args.sheets, first=args.first or 1, quarter=args.quarter,
                  lang=_pdf_lang(args))


def cmd_tally_sheet(args: argparse.Namespace, ctx: Context) -> int:
    return _print(ctx, printing.print_tally_sheet, month=month_option(args.month), out=args.out,
                  lang=_pdf_lang(args))


def cmd_rewards(args: argparse.Namespace, ctx: Context) -> int:
    return _print(ctx, printing.print_rewards, month=month_option(args.month), out=args.out,
                  brackets=args.brackets, save=args.save, lang=_pdf_lang(args))
