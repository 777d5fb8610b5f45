"""Command-line commands of the villager's side: publish (public notice), object, answer,
objections (the queue); and close's hand tallies and explanations."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from typing import Any

from village_tally.cli.context import Context
from village_tally.cli.fields import month_option, parsed
from village_tally.core.month import parse_date
from village_tally.core.objection import Objection
from village_tally.core.points import parse_points
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.i18n import tr
from village_tally.services import notices, objections
from village_tally.services.errors import InputError
from village_tally.services.hand_tally import HandTotal


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    def h(key: str) -> str:
        return tr(f"cli.help.{key}", lang)

    p = sub.add_parser("publish", help=h("publish"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=h("notice_month"))
    p.add_argument("--days", type=int, help=h("days"))
    p.add_argument("--contact", help=h("contact"))
    p.add_argument("--place", help=h("place"))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=h("until"))
    p.add_argument("--reason", help=h("shorten_reason"))
    p.set_defaults(handler=cmd_publish)

    p = sub.add_parser("object", help=h("object"))
    p.add_argument("deed_id", type=int, metavar="DEED_ID", help=h("deed_id"))
    p.add_argument("--raised-by", required=True, metavar="NAME", help=h("raised_by"))
    p.add_argument("--household", help=h("raised_household"))
    p.add_argument("--text", required=True, help=h("objection_text"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=h("raised_on"))
    p.set_defaults(handler=cmd_object, options={Field.TEXT: "--text"})

    p = sub.add_parser("answer", help=h("answer"))
    p.add_argument("objection_id", type=int, metavar="OBJECTION_ID", help=h("objection_id"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--uphold", action="store_true", help=h("uphold"))
    how.add_argument("--reject", action="store_true", help=h("reject"))
    p.add_argument("--reason", required=True, help=h("answer_reason"))
    p.set_defaults(handler=cmd_answer)

    p = sub.add_parser("objections", help=h("objections"))
    p.add_argument("--all", action="store_true", help=h("objections_all"))
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help=h("objections_format"))
    p.set_defaults(handler=cmd_objections)


def add_close_options(p: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    p.add_argument("--hand-tally", action="append", default=[], metavar="AREA=TOTAL",
                   help=h("hand_tally"))
    p.add_argument("--hand-sheet", action="append", default=[], metavar="SHEET=TOTAL",
                   help=h("hand_sheet"))
    p.add_argument("--explain", action="append", default=[], metavar="KEY=TEXT",
                   help=h("explain"))


def _pair(text: str, about: Field) -> tuple[str, str]:
    key, sep, value = unicodedata.normalize("NFC", text).partition("=")
    if not sep or not key.strip():
        raise InputError([Problem.at("cli.hand_format", Where(field=about), value=text)])
    return key.strip(), value.strip()


def hand_totals(args: argparse.Namespace) -> list[HandTotal]:
    """`--hand-tally AREA=TOTAL` and `--hand-sheet SHEET=TOTAL`, read once here."""
    out: list[HandTotal] = []
    problems: list[Problem] = []
    for scope, given in (("area", args.hand_tally), ("sheet", args.hand_sheet)):
        for text in given:
            key, value = _pair(text, Field.HAND_TALLY)
            try:
                out.append(HandTotal(scope, key, parse_points(value)))
            except ParseError as exc:
                problems.append(exc.problem(Where(field=Field.HAND_TALLY)))
    if problems:
        raise InputError(problems)
    return out


def explanations(args: argparse.Namespace) -> dict[str, str]:
    return dict(_pair(text, Field.EXPLANATION) for text in args.explain)


def cmd_publish(args: argparse.Namespace, ctx: Context) -> int:
    month = month_option(args.month)
    if args.until is not None:  # a secretary ends the period early, with a reason
        ends = parsed(Field.ENDS, parse_date, args.until)
        if not (args.reason or "").strip():
            raise InputError([Problem.at("deed.reason_missing", Where(field=Field.REASON))])
        done = notices.shorten(ctx.ledger(), month, ends=ends, reason=args.reason)
        ctx.err(tr("cli.shortened", ctx.lang, month=str(month),
                   ends=done.period.ends.isoformat()))
        return 0
    done = notices.publish_month(ctx.ledger(), month, days=args.days, contact=args.contact,
                           place=args.place)
    if done.earlier is not None:
        ctx.err(tr("cli.republished", ctx.lang, starts=done.earlier.starts.isoformat(),
                   ends=done.earlier.ends.isoformat()))
    ctx.err(tr("cli.published", ctx.lang, month=str(month),
               starts=done.period.starts.isoformat(), ends=done.period.ends.isoformat()))
    ctx.out(done.period.ends.isoformat())
    return 0


def cmd_object(args: argparse.Namespace, ctx: Context) -> int:
    day = None if args.date is None else parsed(Field.DATE, parse_date, args.date)
    done = objections.object_to(ctx.ledger(), args.deed_id, raised_by=args.raised_by,
                                household=args.household, text=args.text, raised_on=day)
    o = done.objection
    ctx.out(str(o.id))
    ctx.err(tr("cli.objected", ctx.lang, id=o.id, name=o.raised_by, deed_id=o.deed_id,
               due=o.due.isoformat()))
    return 0


def cmd_answer(args: argparse.Namespace, ctx: Context) -> int:
    done = objections.answer(ctx.ledger(), args.objection_id, upheld=args.uphold,
                             reason=args.reason, lang=ctx.lang)
    o = done.objection
    if done.correction is not None:
        ctx.out(str(done.correction.id))
    ctx.err(tr("cli.upheld" if args.uphold else "cli.rejected", ctx.lang, id=o.id,
               deed_id=o.deed_id))
    return 0


def answer_text(o: Objection, lang: str) -> str:
    if o.answer is None:
        return tr("objection.waiting", lang)
    verdict = tr("objection.upheld" if o.answer.upheld else "objection.rejected", lang)
    return f"{verdict}: {o.answer.reason} ({o.answer.by})"


def cmd_objections(args: argparse.Namespace, ctx: Context) -> int:
    from village_tally.cli.ledger_cmds import table

    ledger = ctx.ledger()
    found = objections.queue(ledger, open_only=not args.all)
    today = ledger.today()
    if args.format == "json":
        ctx.out(json.dumps([{
            "id": o.id, "deed_id": o.deed_id, "month": str(o.deed_month),
            "raised_by": o.raised_by, "household": o.household,
            "raised_on": o.raised_on.isoformat(), "text": o.text, "recorded_by": o.recorded_by,
            "days_left": o.days_left(today) if o.open else None,
            "answer": None if o.answer is None else {
                "upheld": o.answer.upheld, "reason": o.answer.reason, "by": o.answer.by},
        } for o in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        ctx.err(tr("cli.no_objections", ctx.lang))
        return 0
    head = [tr(f"col.{k}", ctx.lang) for k in ("objection", "deed", "raised_by", "raised_on",
                                               "says", "days_left", "answer")]
    ctx.out(table(head, [[f"#{o.id}", f"#{o.deed_id}", f"{o.raised_by} ({o.household})",
                          o.raised_on.isoformat(), o.text,
                          str(o.days_left(today)) if o.open else "", answer_text(o, ctx.lang)]
                         for o in found]))
    return 0
