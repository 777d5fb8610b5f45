"""Command-line commands for people and accountability: `person add|pin|list|role|areas|retire`
and `audit` (the log in sentences)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from village_tally.cli.context import Context, UsageError
from village_tally.cli.fields import role_metavar, role_option
from village_tally.cli.ledger_cmds import say_recovery_code, table
from village_tally.core.person import Person, Role
from village_tally.core.problem import Field, Problem, Where
from village_tally.i18n import tr
from village_tally.services import audit_log, people
from village_tally.services.errors import InputError


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add this area's commands to the parser."""
    def h(key: str) -> str:
        return tr(f"cli.help.{key}", lang)

    p = sub.add_parser("person", help=h("person"))
    psub = p.add_subparsers(dest="person_command", required=True)
    a = psub.add_parser("add", help=h("person_add"))
    a.add_argument("--name", required=True)
    a.add_argument("--role", required=True, type=role_option, metavar=role_metavar(lang),
                   help=h("person_role_word"))
    a.add_argument("--area", action="append", default=[], help=h("person_area"))
    a.add_argument("--resident", metavar="NAME", help=h("person_resident"))
    a.add_argument("--household")
    a.set_defaults(handler=cmd_person_add)

    a = psub.add_parser("pin", help=h("person_pin"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("--recovery-code", metavar="CODE", help=h("recovery_code"))
    a.set_defaults(handler=cmd_person_pin, options={Field.NAME: "NAME", Field.PERSON: "NAME"})

    a = psub.add_parser("list", help=h("person_list"))
    a.add_argument("--format", choices=("table", "json"), default="table")
    a.set_defaults(handler=cmd_person_list)

    a = psub.add_parser("role", help=h("person_role"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("role", metavar="ROLE", type=role_option, help=h("person_role_word"))
    a.set_defaults(handler=cmd_person_role, options={Field.NAME: "NAME", Field.ROLE: "ROLE"})

    a = psub.add_parser("areas", help=h("person_areas"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("areas", metavar="AREA", nargs="*")
    a.set_defaults(handler=cmd_person_areas, options={Field.NAME: "NAME", Field.AREA: "AREA"})

    a = psub.add_parser("retire", help=h("person_retire"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("--undo", action="store_true", help=h("person_reinstate"))
    a.set_defaults(handler=cmd_person_retire, options={Field.NAME: "NAME"})

    p = sub.add_parser("audit", help=h("audit"))
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--person", metavar="NAME")
    p.add_argument("--action", choices=list(audit_log.KINDS))
    p.add_argument("--resident", metavar="NAME")
    p.add_argument("--household")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_audit, options={Field.DATE: "--since", Field.NAME: "--resident"})


def cmd_person_add(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    new = people.NewPerson(args.name, args.role, tuple(args.area), args.resident,
                           args.household)
    pin = ctx.new_pin(args.name)
    if ledger.actor is None and people.needs_secretary(ledger):
        # The village's set-up state (a new or an old file): only its first secretary.
        if args.role != Role.SECRETARY.value:
            raise InputError([Problem.at("person.needs_secretary", Where(field=Field.ROLE))])
        made = people.name_first_secretary(ledger, name=args.name, pin=pin,
                                           resident=args.resident, household=args.household)
        ctx.err(tr("cli.person_added", ctx.lang, name=_name(made.ledger.actor),
                   role=tr("role.secretary", ctx.lang)))
        for person in made.brought_in:
            ctx.err(tr("cli.brought_in", ctx.lang, **_words(person, ctx.lang)))
        say_recovery_code(ctx, made)
        return 0
    person, _ = people.add_person(ledger, new, pin=pin)
    ctx.err(tr("cli.person_added", ctx.lang, name=person.name,
               role=tr(f"role.{person.role.value}", ctx.lang)))
    return 0


def _name(person: Person | None) -> str:
    return person.name if person is not None else ""


def _words(person: Person, lang: str) -> dict[str, str]:
    return {"name": person.name, "role": tr(f"role.{person.role.value}", lang),
            "areas": "、".join(sorted(person.areas)) or "—",
            "pin": tr("log.pin.set" if person.pin_set else "log.pin.none", lang),
            "retired": tr("cli.retired", lang) if person.retired else ""}


def cmd_person_pin(args: argparse.Namespace, ctx: Context) -> int:
    pin = ctx.new_pin(args.name)
    if args.recovery_code is not None:
        made = people.recover_secretary(ctx.ledger(), name=args.name, code=args.recovery_code,
                                        pin=pin)
        ctx.err(tr("cli.pin_set", ctx.lang, name=_name(made.ledger.actor)))
        say_recovery_code(ctx, made)
        return 0
    people.set_pin(ctx.ledger(), args.name, pin)
    ctx.err(tr("cli.pin_set", ctx.lang, name=args.name))
    return 0


def cmd_person_list(args: argparse.Namespace, ctx: Context) -> int:
    everyone = people.list_people(ctx.ledger())
    if args.format == "json":
        ctx.out(json.dumps([{
            "name": p.name, "role": p.role.value, "areas": sorted(p.areas),
            "resident_id": p.resident_id, "household": p.household, "pin_set": p.pin_set,
            "retired": p.retired} for p in everyone], ensure_ascii=False, indent=1))
        return 0
    head = [tr(f"col.{k}", ctx.lang) for k in ("name", "role", "areas", "household", "pin")]
    body = []
    for p in everyone:
        words = _words(p, ctx.lang)
        body.append([p.name + (f" {words['retired']}" if p.retired else ""), words["role"],
                     words["areas"], p.household or "", words["pin"]])
    ctx.out(table(head, body))
    return 0


def _changed(ctx: Context, done: Callable[[], object], name: str) -> int:
    done()
    person = people.find_person(ctx.ledger(), name)
    if person is not None:
        ctx.err(tr("cli.person_now", ctx.lang, **_words(person, ctx.lang)))
    return 0


def cmd_person_role(args: argparse.Namespace, ctx: Context) -> int:
    return _changed(ctx, lambda: people.set_role(ctx.ledger(), args.name, args.role), args.name)


def cmd_person_areas(args: argparse.Namespace, ctx: Context) -> int:
    return _changed(ctx, lambda: people.set_areas(ctx.ledger(), args.name, args.areas),
                    args.name)


def cmd_person_retire(args: argparse.Namespace, ctx: Context) -> int:
    return _changed(ctx, lambda: people.retire_person(ctx.ledger(), args.name,
                                                      retired=not args.undo), args.name)


def _day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError("cli.bad_date", option=option, value=text) from None


def cmd_audit(args: argparse.Namespace, ctx: Context) -> int:
    ledger = ctx.ledger()
    resident_id = None
    if args.resident:
        resident_id = _resident_id(ctx, args.resident, args.household)
    filters = audit_log.LogFilter(since=_day(args.since, "--since"),
                                  until=_day(args.until, "--until"), person=args.person,
                                  kind=args.action, resident_id=resident_id)
    lines = audit_log.audit_log(ledger, filters, limit=args.limit, newest_first=False)
    if args.format == "json":
        ctx.out(json.dumps([{
            "id": line.id, "at": line.at.isoformat(timespec="seconds"), "person": line.actor,
            "action": line.action, "entity": line.entity, "entity_id": line.entity_id,
            "text": line.text(ctx.lang)} for line in lines], ensure_ascii=False, indent=1))
        return 0
    head = [tr(f"col.{k}", ctx.lang) for k in ("when", "who", "what")]
    ctx.out(table(head, [[line.when(), line.who(ctx.lang), line.text(ctx.lang)]
                         for line in lines]))
    return 0


def _resident_id(ctx: Context, name: str, household: str | None) -> int:
    from village_tally.services import roster

    found = [r for r in roster.find_residents(ctx.ledger(), name, limit=50)
             if r.name == name and (household is None or r.household == household)]
    if len(found) != 1:
        code = "resident.unknown" if not found else "resident.ambiguous"
        listed = ", ".join(f"{r.name} ({r.household})" for r in found)
        raise InputError([Problem.at(code, Where(field=Field.NAME), name=name,
                                     candidates=listed)])
    return int(found[0].id)

