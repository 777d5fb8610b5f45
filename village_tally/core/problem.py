"""Problems are values: a code, where it happened, and the values a message needs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Field(StrEnum):
    """The domain fields a problem can name. Core and services name these, never a
    command-line option or a widget; each shell maps a field to its own words (the CLI to an
    option such as `--month`, the desktop program to a label or the widget to focus)."""

    MONTH = "month"
    QUARTER = "quarter"
    DATE = "date"
    PERSON = "person"  # the signed-in person acting: who approves, voids, closes
    PIN = "pin"  # the signed-in person's PIN, or a new one
    ROLE = "role"  # a person's role (gatherer, committee, secretary)
    RECORDER = "recorder"  # the gatherer whose paper sheet a deed came from
    NAME = "name"  # a resident's name
    HOUSEHOLD = "household"
    DOOR_PLATE = "door_plate"  # a household's address on its door
    AREA = "area"
    NEW_NAME = "new_name"  # what something is renamed to
    VILLAGE = "village"
    SCHEME = "scheme"
    RULE = "rule"
    QUANTITY = "quantity"
    POINTS = "points"
    TEXT = "text"  # a deed written out in words (free points)
    NOTE = "note"
    OVERRIDE = "override"  # the reason for going beyond a rule's cap
    SHEET = "sheet"
    LINE = "line"
    REASON = "reason"
    DEED = "deed"  # a deed by its id
    FILE = "file"
    OUT = "out"  # the file to write
    DATABASE = "database"  # the village's database: a file or a server
    KIND = "kind"  # what to import, which form to print
    PAPER = "paper"
    ORDER = "order"
    PER_SHEET = "per_sheet"
    SHEETS = "sheets"  # how many blank sheets to print
    BRACKETS = "brackets"  # the rewards list's brackets
    CODE = "code"  # a rule's code
    TITLE = "title"
    CAP = "cap"
    CAP_PERIOD = "cap_period"  # a rule's cap counts per month, quarter or year
    LAPSE = "lapse"  # the months after which a rule's deductions lapse (信用修复)
    APPROVAL = "approval"  # a rule's approval threshold
    POINTS_PER_STAR = "points_per_star"
    STARS_PER_FLAG = "stars_per_flag"
    VERIFICATION_CODE = "verification_code"  # the code on a closed month's paper
    RECOVERY_CODE = "recovery_code"  # the secretary's one-time code for a forgotten PIN
    BACKUPS_KEPT = "backups_kept"  # copies of the village file kept
    MAX_DEED_POINTS = "max_deed_points"  # the most points one deed may carry
    DAYS = "days"  # how long a month stays on public notice
    CONTACT = "contact"  # who takes objections during the notice period
    PLACE = "place"  # where objections are taken
    ENDS = "ends"  # the day a shortened notice period ends
    OBJECTION = "objection"  # an objection by its id
    RAISED_BY = "raised_by"  # the villager who raised an objection
    HAND_TALLY = "hand_tally"  # a gatherer's calculator total for an area or a sheet
    EXPLANATION = "explanation"  # why a hand total differs from the ledger's


@dataclass(frozen=True, slots=True)
class Where:
    """Where a problem is: any of file, sheet, row, column (letter), header, or a domain field."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    field: Field | None = None

    def about(self, field: Field) -> Where:
        """The same place, about a field (`dataclasses.replace` does it at a tenth of the
        speed: an import asks for millions, bench/bench_import.py)."""
        return Where(self.file, self.sheet, self.row, self.column, self.header, field)


NOWHERE = Where()


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of a message that is itself a message code (a row named in words, a column):
    i18n translates it in the reader's language before the message that holds it."""

    code: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, code: str, /, **params: Any) -> Phrase:
        return cls(code, MappingProxyType(dict(params)))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with user input. `code` is translated by village_tally.i18n."""

    code: str
    where: Where = NOWHERE
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def at(cls, code: str, where: Where = NOWHERE, /, **params: Any) -> Problem:
        return cls(code, where, MappingProxyType(dict(params)))


def fingerprint(problem: Problem) -> str:
    """The same difference found again has the same fingerprint (an acknowledgement names the
    differences it covers by these)."""
    text = json.dumps(plain(problem), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def plain(value: Any) -> Any:
    """A problem (or phrase) as plain JSON values: [code, {param: value}], nested."""
    if isinstance(value, Problem | Phrase):
        return [value.code, {k: plain(v) for k, v in value.params.items()}]
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Moment):  # as stored: an acknowledgement's fingerprint stays the same
        return value.iso
    return value


@dataclass(frozen=True, slots=True)
class Terms:
    """A message parameter listing things by their message codes (the columns a sheet needs:
    `xcol.name`, `xcol.household`): each is said in the reader's language. A plain tuple of
    strings as a parameter lists names as they are written (sheet names), each quoted."""

    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Moment:
    """A stored timestamp in a message ('2026-11-30T02:03:52+00:00'): the reader sees it in
    their own time zone, to the minute."""

    iso: str


class ParseError(ValueError):
    """A value could not be read; carries a problem code and its parameters."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def problem(self, where: Where = NOWHERE) -> Problem:
        return Problem.at(self.code, where, **self.params)
