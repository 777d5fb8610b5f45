"""Command-line commands of the proof: `verify [--code CODE] [--acknowledge REASON]` and
`restore BACKUP_FILE`. verify exits 3 when the ledger does not match its own record."""

from __future__ import annotations

import argparse
from typing import Any

from village_tally.cli.context import Context
from village_tally.core.problem import Field, Moment, Problem
from village_tally.i18n import tr
from village_tally.services import audit, proof
from village_tally.services.audit import VerifyReport
from village_tally.services.errors import EnvironmentFault

MISMATCH = 3  # the exit status of a ledger that does not match its own record
# Faults opening a file that mean it is damaged (verify: exit 3, not 1).
DAMAGED = ("db.damaged", "db.corrupt", "db.not_a_database")


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    p = sub.add_parser("verify", help=tr("cli.help.verify", lang))
    p.add_argument("--code", help=tr("cli.help.verify_code", lang))
    p.add_argument("--acknowledge", metavar="REASON", help=tr("cli.help.acknowledge", lang))
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("restore", help=tr("cli.help.restore", lang))
    p.add_argument("backup", metavar="BACKUP_FILE")
    p.set_defaults(handler=cmd_restore, options={Field.FILE: "BACKUP_FILE"})


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    """Every difference in words; exit 3 when there is one not acknowledged. With --code, what
    a paper's verification code says; with --acknowledge, record that the differences are
    understood (a secretary's, audited with the reason)."""
    try:
        ledger = ctx.ledger(quiet=True)
    except EnvironmentFault as exc:
        if exc.code not in DAMAGED:
            raise
        ctx.err(tr(exc.code, ctx.lang, **exc.params))
        return MISMATCH
    if args.acknowledge is not None:
        report, _ = proof.acknowledge(ledger, reason=args.acknowledge)
        ctx.err(tr("proof.acknowledged", ctx.lang, count=len(report.acknowledged),
                   reason=args.acknowledge.strip()))
        return _said(ctx, report)
    if args.code is not None:
        check = proof.check_code(ledger, args.code)
        if check.month is None:
            ctx.err(tr("code.unknown", ctx.lang, witness=check.code))
            return MISMATCH
        if check.ok:
            ctx.err(tr("code.matches", ctx.lang, witness=check.code, month=check.month,
                       at=Moment(check.closed_at or "")))
            return 0
        ctx.err(tr("code.matches_but", ctx.lang, witness=check.code, month=check.month,
                   at=Moment(check.closed_at or "")))
        return _said(ctx, check.report)
    return _said(ctx, audit.verify(ledger))


def _said(ctx: Context, report: VerifyReport) -> int:
    if report.acknowledged:
        ctx.err(tr("verify.acknowledged", ctx.lang, count=len(report.acknowledged)))
        _listed(ctx, report.acknowledged)
    if report.problems:
        ctx.err(tr("verify.failed", ctx.lang, count=len(report.problems)))
        _listed(ctx, report.problems)
        return MISMATCH
    ctx.err(tr("verify.ok", ctx.lang, entries=report.entries, months=report.months,
               deeds=report.deeds))
    return 0


def _listed(ctx: Context, problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        ctx.err("  " + ctx.describe(problem))


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    # Signed in on the backup, not on the file it replaces (whose people are not trusted).
    name = ctx.as_name or ""
    done = proof.restore(ctx.db, args.backup, name=name, pin=ctx.pin(name) if name else "")
    for phrase in done.said:
        ctx.err(tr(phrase.code, ctx.lang, **phrase.params))
    return 0
