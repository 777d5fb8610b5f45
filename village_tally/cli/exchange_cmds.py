"""Command-line commands for spreadsheets: `import roster|deeds|ratings FILE` and `export`."""

from __future__ import annotations

import argparse
from typing import Any

from village_tally.cli.context import Context, UsageError
from village_tally.i18n import tr
from village_tally.services import exporting, importing
from village_tally.services.errors import InputError


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add this area's commands to the parser."""
    p = sub.add_parser("import", help=tr("cli.help.import", lang))
    p.add_argument("kind", choices=importing.KINDS)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", help=tr("cli.help.sheet", lang))
    p.add_argument("--valid-only", action="store_true", help=tr("cli.help.valid_only", lang))
    p.add_argument("--approve-as", metavar="NAME", help=tr("cli.help.approve_as", lang))
    p.add_argument("--count-repeats", action="store_true",
                   help=tr("cli.help.count_repeats", lang))
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help=tr("cli.help.export", lang))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    if args.approve_as is not None and args.kind != "deeds":
        raise UsageError("cli.usage", detail="--approve-as: deeds")
    ledger = ctx.ledger()
    approver = (ctx.also_signed_in(args.approve_as, "VILLAGE_TALLY_APPROVER_PIN")
                if args.approve_as else None)
    try:
        result = importing.import_file(ledger, args.kind, args.file, sheet=args.sheet,
                                       valid_only=args.valid_only, approve_as=approver,
                                       repeats=args.count_repeats, lang=ctx.lang)
    except InputError as exc:  # every problem, with the cell's value; nothing was written
        for problem in exc.problems:
            ctx.err(importing.problem_text(problem, ctx.lang, ctx.options))
        if args.kind == "deeds" and any(p.code == "import.same_as_row" for p in exc.problems):
            ctx.err(tr("cli.help.repeats_hint", ctx.lang))
        return 2
    if result.ignored:
        ctx.err(tr("cli.ignored_columns", ctx.lang, columns=result.ignored))
    ctx.err(tr("cli.imported", ctx.lang, file=result.file, added=result.added,
               present=result.present, rejected=result.rejected))
    if result.rejects_file:
        ctx.err(tr("cli.rejects_written", ctx.lang, path=result.rejects_file))
    if result.backup_file:
        ctx.err(tr("cli.backup_made", ctx.lang, path=result.backup_file,
                   kept=ledger.scheme.backups_kept))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    if not args.out.lower().endswith(".xlsx"):
        raise UsageError("cli.out_not_xlsx", path=args.out)
    done = exporting.export_workbook(ctx.ledger(), args.out, lang=ctx.lang)
    ctx.err(tr("cli.exported", ctx.lang, path=done.path, residents=done.residents,
               deeds=done.deeds))
    return 0
