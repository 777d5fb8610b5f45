"""The command line's words for the domain fields a problem names: its options and arguments.

Services name fields (`core.problem.Field`); the command line prints a problem with the option
a person typed for that field (`--month: 2026-11 has not ended`). A command whose positional
argument stands for a field says so where it declares it (`set_defaults(options={...})`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from village_tally.core.month import Month
from village_tally.core.person import Role
from village_tally.core.problem import Field, ParseError, Where
from village_tally.i18n import LANGS, tr
from village_tally.services.errors import InputError

T = TypeVar("T")

OPTIONS: Mapping[Field, str] = {
    Field.MONTH: "--month", Field.QUARTER: "--quarter", Field.DATE: "--date",
    Field.PERSON: "--as", Field.PIN: "PIN", Field.ROLE: "--role", Field.RECORDER: "--recorder",
    Field.NAME: "--name", Field.HOUSEHOLD: "--household", Field.DOOR_PLATE: "--door-plate",
    Field.AREA: "--area", Field.NEW_NAME: "NEW",
    Field.VILLAGE: "--village", Field.SCHEME: "--scheme", Field.RULE: "--rule",
    Field.QUANTITY: "--quantity", Field.POINTS: "--points", Field.TEXT: "--deed",
    Field.NOTE: "--note", Field.OVERRIDE: "--override", Field.SHEET: "--sheet",
    Field.LINE: "--line", Field.REASON: "--reason", Field.DEED: "DEED_ID", Field.FILE: "FILE",
    Field.OUT: "--out",
    Field.DATABASE: "--db", Field.KIND: "KIND", Field.PAPER: "--paper", Field.ORDER: "--order",
    Field.PER_SHEET: "--per-sheet", Field.SHEETS: "--sheets", Field.BRACKETS: "--brackets",
    Field.DAYS: "--days", Field.CONTACT: "--contact", Field.PLACE: "--place",
    Field.ENDS: "--until", Field.OBJECTION: "OBJECTION_ID", Field.RAISED_BY: "--raised-by",
    Field.HAND_TALLY: "--hand-tally", Field.EXPLANATION: "--explain",
    Field.VERIFICATION_CODE: "--code", Field.RECOVERY_CODE: "--recovery-code",
}


def options_for(positionals: Mapping[Field, str] | None) -> Mapping[Field, str]:
    """The table for one command: its positional arguments over the common options."""
    return {**OPTIONS, **positionals} if positionals else OPTIONS


def parsed(about: Field, parse: Callable[[str], T], text: str) -> T:
    """An option's value read once where it enters, or bad input naming the option."""
    try:
        return parse(text)
    except ParseError as exc:
        raise InputError([exc.problem(Where(field=about))]) from None


def month_option(text: str) -> Month:
    """`--month YYYY-MM` as a Month (2026-1, 2026-13, 2026-10-01 are refused, saying why)."""
    return parsed(Field.MONTH, Month.parse, text)


def role_option(text: str) -> str:
    """`--role` as a role's code, typed as the code (gatherer) or as the role is called in
    either language (信息员, 村委委员, 文书; committee member). Anything else is passed on for
    the service to refuse, with the other problems of the same command."""
    word = " ".join(text.split()).lower()
    for role in Role:
        if word in (role.value, *(tr(f"role.{role.value}", lang).lower() for lang in LANGS)):
            return role.value
    return text


def role_metavar(lang: str) -> str:
    """The roles as `--help` shows them, in the reader's language."""
    return "{" + ",".join(tr(f"role.{r.value}", lang) if lang == "zh" else r.value
                          for r in Role) + "}"
