"""Command-line commands for the roster's areas: `area rename OLD NEW` and
`household area CODE AREA --reason TEXT` (a household moved to another area)."""

from __future__ import annotations

import argparse
from typing import Any

from village_tally.cli.context import Context
from village_tally.core.names import normalize_name
from village_tally.core.problem import Field
from village_tally.i18n import tr
from village_tally.services import roster


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add this area's commands to the parser."""
    p = sub.add_parser("area", help=tr("cli.help.area", lang))
    asub = p.add_subparsers(dest="area_command", required=True)
    a = asub.add_parser("rename", help=tr("cli.help.area_rename", lang))
    a.add_argument("old", metavar="OLD")
    a.add_argument("new", metavar="NEW")
    a.set_defaults(handler=cmd_area_rename, options={Field.AREA: "OLD", Field.NEW_NAME: "NEW"})

    p = sub.add_parser("household", help=tr("cli.help.household", lang))
    hsub = p.add_subparsers(dest="household_command", required=True)
    a = hsub.add_parser("area", help=tr("cli.help.household_area", lang))
    a.add_argument("code", metavar="CODE")
    a.add_argument("area", metavar="AREA")
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_household_area,
                   options={Field.HOUSEHOLD: "CODE", Field.AREA: "AREA"})


def cmd_area_rename(args: argparse.Namespace, ctx: Context) -> int:
    roster.rename_area(ctx.ledger(), args.old, args.new)
    ctx.err(tr("cli.area_renamed", ctx.lang, old=normalize_name(args.old),
               new=normalize_name(args.new)))
    return 0


def cmd_household_area(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    code = normalize_name(args.code)
    before = next((h.area for h in roster.list_households(ledger) if h.code == code), "")
    roster.set_household_area(ledger, code, args.area, reason=args.reason)
    ctx.err(tr("cli.household_moved", ctx.lang, household=code,
               old=before or tr("print.no_area", ctx.lang), new=normalize_name(args.area)))
    return 0
