"""Command-line commands of the ledger: init, demo, resident, rules, enter, approve, void,
tally, close (verify and restore: proof_cmds.py)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from village_tally.cli import notice_cmds
from village_tally.cli.context import Context, UsageError
from village_tally.cli.fields import month_option
from village_tally.core.deed import Source, id_number
from village_tally.core.month import parse_date
from village_tally.core.points import parse_points, parse_quantity
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.core.scheme import DEFAULT_PRESET, PRESETS
from village_tally.core.tally import TallyRow
from village_tally.core.tally_column import ColumnKind, TallyColumn, tally_columns
from village_tally.core.text import shown, starts_a_formula
from village_tally.i18n import tr
from village_tally.services import deeds, demo, months, objections, people, roster
from village_tally.services.errors import InputError
from village_tally.services.session import init_village


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    def h(key: str) -> str:
        return tr(f"cli.help.{key}", lang)

    _register_village(sub, h)
    _register_deeds(sub, h)
    _register_months(sub, h)


def _register_village(sub: argparse._SubParsersAction[Any], h: Callable[[str], str]) -> None:
    p = sub.add_parser("init", help=h("init"))
    p.add_argument("--village", required=True)
    p.add_argument("--scheme", default=DEFAULT_PRESET, choices=list(PRESETS))
    p.add_argument("--secretary", required=True, metavar="NAME", help=h("secretary"))
    p.set_defaults(handler=cmd_init, options={Field.NAME: "--secretary"})

    p = sub.add_parser("demo", help=h("demo"))
    p.add_argument("--residents", type=int, default=1200)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scheme", default=DEFAULT_PRESET, choices=list(PRESETS))
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("resident", help=h("resident"))
    rsub = p.add_subparsers(dest="resident_command", required=True)
    a = rsub.add_parser("add", help=h("resident_add"))
    a.add_argument("--name", required=True)
    a.add_argument("--household", required=True)
    a.add_argument("--area")
    a.add_argument("--head", action="store_true")
    a.add_argument("--door-plate")
    a.set_defaults(handler=cmd_resident_add)

    p = sub.add_parser("rules", help=h("rules"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_rules)


def _register_deeds(sub: argparse._SubParsersAction[Any], h: Callable[[str], str]) -> None:
    p = sub.add_parser("enter", help=h("enter"))
    p.add_argument("--name", required=True)
    p.add_argument("--household")
    p.add_argument("--date", required=True)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--rule")
    what.add_argument("--points")
    p.add_argument("--quantity")
    p.add_argument("--deed")
    p.add_argument("--recorder")
    p.add_argument("--sheet")
    p.add_argument("--line")
    p.add_argument("--note")
    p.add_argument("--override")
    p.set_defaults(handler=cmd_enter)

    p = sub.add_parser("approve", help=h("approve"))
    p.add_argument("deed_ids", type=int, nargs="+", metavar="DEED_ID")
    p.add_argument("--by", metavar="NAME", help=h("by"))
    p.add_argument("--valid-only", action="store_true", help=h("approve_valid_only"))
    p.set_defaults(handler=cmd_approve)

    p = sub.add_parser("void", help=h("void"))
    p.add_argument("deed_id", type=int, metavar="DEED_ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--by", metavar="NAME", help=h("by"))
    p.set_defaults(handler=cmd_void)


def _register_months(sub: argparse._SubParsersAction[Any], h: Callable[[str], str]) -> None:
    p = sub.add_parser("tally", help=h("tally"))
    p.add_argument("--month", required=True)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--out")
    p.set_defaults(handler=cmd_tally)

    p = sub.add_parser("close", help=h("close"))
    p.add_argument("--month", required=True)
    p.add_argument("--by", metavar="NAME", help=h("by"))
    notice_cmds.add_close_options(p, h)
    p.set_defaults(handler=cmd_close)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    pin = ctx.new_pin(args.secretary)
    problems = people.secretary_problems(args.secretary, pin)
    if problems:  # before the village is made: nothing is written
        raise InputError(problems)
    ctx.new_village_folder()
    ledger = init_village(ctx.db, name=args.village, preset=args.scheme)
    try:
        made = people.name_first_secretary(ledger, name=args.secretary, pin=pin)
    finally:
        ledger.close()
    ctx.err(tr("cli.initialised", ctx.lang, name=ledger.village_name, scheme=args.scheme,
               path=ctx.db))
    say_recovery_code(ctx, made)
    return 0


def say_recovery_code(ctx: Context, made: people.Secretary) -> None:
    """The one-time recovery code, shown once (stdout: the code alone)."""
    assert made.ledger.actor is not None
    ctx.err(tr("cli.recovery_code", ctx.lang, name=made.ledger.actor.name))
    ctx.out(made.recovery_code)


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    if not (1 <= args.residents <= demo.MAX_RESIDENTS and 1 <= args.months <= demo.MAX_MONTHS):
        raise UsageError("cli.demo_size", residents=demo.MAX_RESIDENTS, months=demo.MAX_MONTHS)
    ctx.new_village_folder()
    made = demo.make_demo(ctx.db, residents=args.residents, months=args.months, seed=args.seed,
                          preset=args.scheme)
    ctx.err(tr("cli.demo", ctx.lang, residents=made.residents, deeds=made.deeds,
               months=made.months, path=ctx.db))
    ctx.err(tr("cli.demo_people", ctx.lang, secretary=demo.SECRETARY,
               committee="、".join(demo.COMMITTEE[1:]), gatherers="、".join(demo.GATHERERS),
               pin=demo.DEMO_PIN))
    return 0


def cmd_resident_add(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    person, _ = roster.add_resident(ledger, roster.NewResident(
        name=args.name, household=args.household, area=args.area, head=args.head,
        door_plate=args.door_plate))
    ctx.err(tr("cli.resident_added", ctx.lang, name=person.name, household=person.household))
    ctx.out(str(person.id))
    return 0


def cmd_rules(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    rules = ledger.scheme.rules
    if args.format == "json":
        ctx.out(json.dumps([{
            "code": r.code, "title_zh": r.title_zh, "title_en": r.title_en,
            "points": str(r.points), "unit_zh": r.unit_zh, "unit_en": r.unit_en,
            "monthly_cap": None if r.monthly_cap is None else str(r.monthly_cap.normalize()),
            "approval_above": None if r.approval_above is None else str(r.approval_above),
            "document_required": r.document_required, "active": r.active,
        } for r in rules], ensure_ascii=False, indent=1))
        return 0
    head = [tr(f"col.{k}", ctx.lang) for k in ("code", "title", "points", "unit", "cap",
                                               "approval")]
    body = [[r.code, r.title(ctx.lang), r.points.signed(), r.unit(ctx.lang),
             "" if r.monthly_cap is None else str(r.monthly_cap.normalize()),
             "" if r.approval_above is None else str(r.approval_above)] for r in rules]
    ctx.out(table(head, body))
    return 0


def _parse(problems: list[Problem], about: Field, fn: Any, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return fn(value)
    except ParseError as exc:
        problems.append(exc.problem(Where(field=about)))
        return None


def cmd_enter(args: argparse.Namespace, ctx: Context) -> int:
    problems: list[Problem] = []
    day = _parse(problems, Field.DATE, parse_date, args.date)
    points = _parse(problems, Field.POINTS, parse_points, args.points)
    quantity = _parse(problems, Field.QUANTITY, parse_quantity, args.quantity) or Decimal(1)
    line = _parse(problems, Field.LINE, _line, args.line)
    if args.points is not None and not (args.deed or "").strip():
        problems.append(Problem.at("deed.text_missing", Where(field=Field.TEXT)))
    if problems:
        raise InputError(problems)
    entered, _ = deeds.enter_deed(ctx.ledger(), deeds.DeedInput(
        resident=args.name, household=args.household, date=day, rule=args.rule,
        quantity=quantity, points=points, deed_text=args.deed, recorder=args.recorder or "",
        source=Source(sheet=args.sheet, line=line), note=args.note, override=args.override))
    ctx.out(str(entered.id))
    status = f" ({tr('cli.pending', ctx.lang)})" if entered.status.value == "pending" else ""
    ctx.err(tr("cli.entered", ctx.lang, deed_id=entered.id, name=entered.name,
               points=entered.points.signed()) + status)
    return 0


def _line(text: str) -> int:
    number = id_number(unicodedata.normalize("NFKC", text).strip())
    if number is None:
        raise ParseError("deed.line_invalid", value=text)
    return number


def cmd_approve(args: argparse.Namespace, ctx: Context) -> int:
    done = deeds.approve_deeds(ctx.ledger(), args.deed_ids, valid_only=args.valid_only)
    for deed_id in done.approved:
        ctx.err(tr("cli.approved", ctx.lang, deed_id=deed_id))
    for problem in done.refused:  # --valid-only: the others, and why
        ctx.err(ctx.describe(problem))
    return 0


def cmd_void(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    result = deeds.void_deed(ledger, args.deed_id, reason=args.reason)
    if result.adjustment is not None:
        ctx.out(str(result.adjustment.id))
        ctx.err(tr("cli.adjusted", ctx.lang,
                   month=str(deeds.get_deed(ledger, args.deed_id).month),
                   deed_id=args.deed_id, adjustment=result.adjustment.id))
    else:
        ctx.err(tr("cli.voided", ctx.lang, deed_id=args.deed_id))
    return 0


def cmd_tally(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    if args.out:
        from village_tally.services import exporting

        exporting.write_tally_xlsx(ledger, month_option(args.month), args.out, lang=ctx.lang)
        ctx.err(tr("cli.written", ctx.lang, path=args.out))
        return 0
    result = months.tally(ledger, month_option(args.month))
    columns = tally_columns(result.scheme)
    # residents with an unanswered objection to a deed are marked (DESIGN: until answered)
    objected = objections.open_by_resident(ledger, result.month)
    if args.format == "json":
        ctx.out(json.dumps([_marked(r.as_json(), objected.get(r.resident_id, 0))
                            for r in result.rows], ensure_ascii=False, indent=1))
    elif args.format == "csv":
        ctx.out(tally_csv(columns, result.rows, ctx.lang))
    else:
        head = [tr(c.label, ctx.lang) for c in columns]
        body = [[c.text(r) for c in columns] for r in result.rows]
        if objected:
            head.append(tr("col.objection", ctx.lang))
            for cells, r in zip(body, result.rows, strict=True):
                n = objected.get(r.resident_id, 0)
                cells.append(f"{tr('objection.open_mark', ctx.lang)} ×{n}" if n else "")
        ctx.out(table(head, body))
    return 0


def _marked(row: dict[str, object], objected: int) -> dict[str, object]:
    return {**row, "open_objections": objected} if objected else row


def guard(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if starts_a_formula(text) else text


def tally_csv(columns: tuple[TallyColumn, ...], rows: tuple[TallyRow, ...], lang: str) -> str:
    """The tally as CSV: the same columns as the table; words that a spreadsheet would run as
    a formula are made inert (numbers keep their sign)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([tr(c.label, lang) for c in columns])
    for r in rows:
        writer.writerow([guard(c.text(r)) if c.kind is ColumnKind.TEXT else c.text(r)
                         for c in columns])
    return buf.getvalue().rstrip("\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(head: list[str], body: list[list[str]]) -> str:
    """A plain text table aligned for Chinese (wide) characters; control characters in a
    cell (a name stored before they were refused) are shown escaped."""
    head, body = [shown(c) for c in head], [[shown(c) for c in row] for row in body]
    widths = [max([_width(head[i])] + [_width(row[i]) for row in body])
              for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    return "\n".join([line(head).rstrip()] + [line(r).rstrip() for r in body])


def cmd_close(args: argparse.Namespace, ctx: Context) -> int:
    month = month_option(args.month)
    digest, _ = months.close_month(ctx.ledger(), month, hand=notice_cmds.hand_totals(args),
                                   explanations=notice_cmds.explanations(args))
    ctx.err(tr("cli.closed", ctx.lang, month=str(month), checksum=digest))
    ctx.out(digest)
    return 0
