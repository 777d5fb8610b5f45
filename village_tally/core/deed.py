"""Deeds as the ledger holds them: immutable records with their source and status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import NewType

from village_tally.core.month import Month
from village_tally.core.points import Points

DeedId = NewType("DeedId", int)
# The largest id, line or row number the ledger stores: PostgreSQL's integer (2**31 - 1).
# A bigger number names no deed, no paper line and no spreadsheet row.
MAX_ID = 2_147_483_647


def id_number(text: str) -> int | None:
    """A whole number from 1 to MAX_ID written in digits (an id, a line, a row), else None.
    Longer digit strings are not converted at all (Python refuses over 4,300 digits)."""
    if not text.isdigit() or not text.isascii() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None
ResidentId = NewType("ResidentId", int)
RuleId = NewType("RuleId", int)


class Status(str, Enum):
    APPROVED = "approved"
    PENDING = "pending"
    VOID = "void"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a deed came from (invariant 6): a paper sheet and line, or a file and row."""

    sheet: str | None = None
    line: int | None = None
    file: str | None = None
    row: int | None = None

    def text(self) -> str:
        if self.file:
            return f"{self.file}#{self.row}" if self.row is not None else self.file
        if self.sheet:
            return f"{self.sheet}/{self.line}" if self.line is not None else self.sheet
        return ""


@dataclass(frozen=True, slots=True)
class Deed:
    """One ledger entry with its current status (derived from voids and approvals)."""

    id: DeedId
    resident_id: ResidentId
    name: str
    household: str
    date: dt.date
    month: Month
    rule_code: str | None
    title: str
    quantity: Decimal
    points: Points
    recorder: str
    source: Source
    note: str | None
    status: Status
    needs_approval: bool
    approved_by: str | None = None
    override_reason: str | None = None
    void_reason: str | None = None
    voided_by: str | None = None
    voided_at: str | None = None
    adjusts: DeedId | None = None
    replaces: DeedId | None = None
    created_at: str = ""
    area: str = ""
    typist: str = ""  # who typed it in (the recorder's paper may be typed by the secretary)


@dataclass(frozen=True, slots=True)
class NewDeed:
    """A checked deed about to be written: everything the ledger keeps of it. The store maps it
    to the deed table's columns in one place (and the audit digest reads those columns)."""

    resident: ResidentId
    date: dt.date
    month: Month  # the month of `date`: the tally's and the closed-month guard's key
    rule: RuleId | None  # the handbook rule the points came from; None for free points
    rule_code: str | None
    title: str
    quantity: Decimal
    points: Points
    needs_approval: bool
    recorder: str  # the gatherer whose paper sheet it came from
    source: Source
    created_at: str
    created_by: str  # who typed it
    note: str | None = None
    override: str | None = None  # the reason for going beyond the rule's monthly cap
    adjusts: DeedId | None = None  # the deed of a closed month this one takes back
    replaces: DeedId | None = None
    import_key: str | None = None  # what makes importing the same file twice add nothing


@dataclass(frozen=True, slots=True)
class Resident:
    id: ResidentId
    name: str
    household: str
    area: str
    is_head: bool
    status: str
    initials: frozenset[str]
    door_plate: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Household:
    code: str
    door_plate: str | None
    area: str
    head: str | None
    members: tuple[str, ...] = ()
