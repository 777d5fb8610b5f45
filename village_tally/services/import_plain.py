"""A plain sheet of deeds checked by column: the cells of a chunk converted once per distinct
value, and a row written without a check of its own when every answer it needs was given by
the full check (services.deeds.check_in) of an earlier row with no problem.

A plain sheet has only the columns a gatherer's sheet has (PLAIN_FIELDS: no IDs, voids,
approvals or references) and is imported without --approve-as. A row this path cannot vouch
for (a value not seen in a good row yet, a cap reached, a paper line already taken, a text
with a refused character, a hidden row ...) goes through the full check of its own, so every
problem still names its row and column, and what that check finds good teaches this path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection

from village_tally.core.authority import Action, kin
from village_tally.core.deed import NewDeed, Resident
from village_tally.core.month import Month
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.problem import Field, ParseError, Where
from village_tally.core.rule import Rule
from village_tally.core.text import text_problems
from village_tally.exchange import cell as cells
from village_tally.exchange.header import Table
from village_tally.exchange.rows import KEY_FIELDS, content_key, key_prefix
from village_tally.services.deeds import (
    DeedInput,
    Lookups,
    Running,
    cap_counted,
    over_threshold,
    people_key,
    resolve_resident,
)
from village_tally.services.session import Ledger
from village_tally.store.codec import hundredths
from village_tally.store.deeds import DeedColumns

PLAIN_FIELDS = frozenset(("date", "name", "household", "rule", "deed", "quantity", "points",
                          "recorder", "sheet", "line", "note", "override"))
# The texts the full check looks at for refused characters and length, by column.
_TEXTS = (("recorder", Field.RECORDER), ("deed", Field.TEXT), ("note", Field.NOTE),
          ("override", Field.OVERRIDE), ("sheet", Field.SHEET))
_BAD = object()  # a cell that does not convert: its row takes the full check
_NOTHING: list[Any] = []


def plain_sheet(table: Table, approver: Person | None) -> bool:
    return approver is None and set(table.columns) <= PLAIN_FIELDS


def _converted(convert: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    """A column converter: each distinct value converted once (None for a blank cell, _BAD
    for one that does not convert). True == 1 in a dict, so a bool is never a key."""
    seen: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        if type(value) is bool:
            return _BAD
        found = seen.get(value, seen)
        if found is seen:
            try:
                found = None if cells.is_blank(value) else convert(value)
            except ParseError:
                found = _BAD
            seen[value] = found
        return found

    def column(values: list[Any]) -> list[Any]:
        return [one(v) for v in values]
    return column


def _texts(values: list[Any]) -> list[str]:
    """Cells as text, as exchange.rows.new_row writes them, each distinct number once."""
    seen: dict[Any, str] = {}

    def one(value: Any) -> str:
        if type(value) is bool:
            return cells.text(value)
        found = seen.get(value)
        if found is None:
            found = seen[value] = cells.text(value)
        return found
    return [v.strip() if type(v) is str else one(v) for v in values]


class Chunk:
    """A chunk of rows by column: raw cells, texts, import keys and converted values."""

    def __init__(self, plain: PlainRows, part: list[tuple[int, list[Any]]],
                 occurrences: dict[str, tuple[int, int]]) -> None:
        table = plain.table
        self.n = len(part)
        self.numbers = [number for number, _ in part]
        self.raw = {f: [raw[j] if j < len(raw) else None for _, raw in part]
                    for f, j in plain.places}
        self.text = {f: _texts(values) for f, values in self.raw.items()}
        blank = [""] * self.n
        joined = ["\x1f".join(t) for t in zip(*(self.text.get(f, blank) for f in KEY_FIELDS),
                                               strict=True)]
        prefix = key_prefix(table)
        keyed = [content_key(prefix, c, number, occurrences)
                 for c, number in zip(joined, self.numbers, strict=True)]
        self.keys = [k for k, _ in keyed]
        self.firsts = [first for _, first in keyed]
        none = [None] * self.n
        self.dates = plain.dates(self.raw.get("date", none))
        self.lines = plain.lines(self.raw.get("line", none))
        self.households = [None if h is None else plain.household(raw, h) for raw, h in
                           zip(self.raw.get("household", none),
                               plain.households(self.raw.get("household", none)),
                               strict=True)]
        self.names = self.text.get("name", blank)
        self.residents = plain.residents(self.names, self.households)
        self.sheets = [normalize_name(s) if s else None for s in self.text.get("sheet", blank)]
        self.refused = plain.refused(self.text)
        q = self.raw.get("quantity", none)
        p = self.raw.get("points", none)
        rules = self.text.get("rule", blank)
        deeds = self.text.get("deed", blank)
        self.point_keys = [(r, _key(a), _key(b), bool(d))
                           for r, a, b, d in zip(rules, q, p, deeds, strict=True)]

    def cells(self, i: int) -> dict[str, str]:
        return {f: t[i] for f, t in self.text.items()}

    def dates_and_sheets(self) -> tuple[Iterable[Any], Iterable[str]]:
        """The dates and paper sheets the chunk names (what caps and lines are read for)."""
        return ({d for d in self.dates if d is not None and d is not _BAD},
                {s for s in self.text.get("sheet", ()) if s})


def _key(value: Any) -> Any:
    """A quantity or points cell as a key (True == 1: a bool is kept apart)."""
    if type(value) is bool:
        return (bool, value)
    return None if cells.is_blank(value) else value


class PlainRows:
    """What the full check found good, by what the row gave, and the running counts the
    rows of the file share with it (caps, approval thresholds, paper lines)."""

    def __init__(self, conn: Connection, ledger: Ledger, table: Table, lookups: Lookups, *,
                 running: Running, lines: dict[tuple[str, int], int],
                 household_code: Callable[[str], str]) -> None:
        self.conn, self.ledger, self.table, self.q = conn, ledger, table, lookups
        self.household_code = household_code  # a number cell's household as the roster has it
        self.running, self.lines_seen = running, lines
        self.places = [(c.field, c.index) for c in table.columns.values()]
        self.dates = _converted(lambda v: cells.date(v, date1904=table.date1904))
        self.lines = _converted(cells.whole)
        self.households = _converted(cells.household)
        self._number_codes: dict[str, str] = {}
        self._residents: dict[tuple[str, str | None], Resident | None] = {}
        self._clean: set[tuple[str, str]] = set()
        self.days: dict[Any, tuple[str, str, Month]] = {}  # a good date cell → its forms
        self.points: dict[tuple[Any, ...], tuple[Rule, int, int, int, str, str]] = {}
        self.people: dict[tuple[str, str], tuple[Person | None, str]] = {}
        self._kin: dict[int, tuple[frozenset[int], frozenset[str]]] = {}
        self.created = (ledger.now_text(), ledger.actor_name)

    def household(self, raw: Any, code: Any) -> Any:
        """A household code; a number cell's through the roster (12 → '0012')."""
        if code is _BAD or not cells.is_number(raw):
            return code
        found = self._number_codes.get(code)
        if found is None:
            found = self._number_codes[code] = self.household_code(code)
        return found

    def residents(self, names: list[str], households: list[Any]) -> list[Resident | None]:
        """The resident each row means, where the roster gives exactly one without a problem
        (resolve_resident, as the full check asks it)."""
        out: list[Resident | None] = []
        for name, code in zip(names, households, strict=True):
            key = (name, code)
            if key not in self._residents:
                found = None
                if code is not _BAD and "?" not in name and "\ufffd" not in name:
                    who, problems = resolve_resident(self.conn, self.ledger, name, code or None,
                                                     Where(), lookups=self.q)
                    found = None if problems else who
                self._residents[key] = found
            out.append(self._residents[key])
        return out

    def refused(self, text: dict[str, list[str]]) -> set[int]:
        """Rows with a text the full check refuses (a control character, too long)."""
        out: set[int] = set()
        for name, about in _TEXTS:
            column = text.get(name)
            if column is None:
                continue
            bad = set()
            for value in set(column):
                if value and (name, value) not in self._clean:
                    if text_problems({about: value}):
                        bad.add(value)
                    else:
                        self._clean.add((name, value))
            if bad:
                out |= {i for i, value in enumerate(column) if value in bad}
        return out

    def learn(self, chunk: Chunk, i: int, d: DeedInput, new: NewDeed) -> None:
        """What the full check of row i found good, for the rows after it."""
        rule = self.ledger.rule(new.rule_code) if new.rule_code else None
        if rule is None or new.rule is None or new.rule_code is None:
            return
        raw = chunk.raw.get("date", _NOTHING)
        if i < len(raw) and type(raw[i]) is not bool:
            self.days[raw[i]] = (new.date.isoformat(), str(new.month), new.month)
        resident = chunk.residents[i]
        if resident is None:
            return
        self.points[chunk.point_keys[i]] = (rule, new.rule, new.points.hundredths,
                                            hundredths(new.quantity), new.title, new.rule_code)
        key = people_key(self.ledger, Action.IMPORT_DEEDS, True, resident.area, d.recorder)
        if key in self.q.memo:
            self.people[(resident.area, d.recorder)] = (self.q.memo[key], new.recorder)

    def deed(self, chunk: Chunk, i: int, village: int, file: str) -> DeedColumns | None:
        """Row i as the deed table's columns if every answer it needs is known and good (the
        running counts then take it in), else None: the row takes the full check."""
        resident = chunk.residents[i]
        if resident is None or i in chunk.refused:
            return None
        raw_date = chunk.raw["date"][i] if "date" in chunk.raw else None
        day = None if type(raw_date) is bool else self.days.get(raw_date)
        point = self.points.get(chunk.point_keys[i])
        recorder_text = chunk.text["recorder"][i] if "recorder" in chunk.text else ""
        who = self.people.get((resident.area, recorder_text))
        line = chunk.lines[i]
        if day is None or point is None or who is None or line is _BAD:
            return None
        rule, rule_id, points_h, quantity_h, title, code = point
        month = day[2]
        override = chunk.text["override"][i] if "override" in chunk.text else ""
        over, key = False, (resident.id, rule_id, month)
        if rule.monthly_cap is not None:
            over = cap_counted(self.q, self.running, rule, key, quantity_h)[2]
            if over and not override:
                return None
        sheet = chunk.sheets[i]
        if line is not None:
            if not sheet or (sheet, line) in self.lines_seen or \
                    self.q.line_taken(sheet, line) is not None:
                return None
            self.lines_seen[(sheet, line)] = chunk.numbers[i]
        pending = (over or self._waits(resident, who[0]) or
                   (rule.approval_above is not None and
                    over_threshold(self.q, self.running, rule, key, points_h)))
        units, points = self.running.units, self.running.points
        units[key] = units.get(key, 0) + quantity_h
        points[key] = points.get(key, 0) + points_h
        note = chunk.text["note"][i] if "note" in chunk.text else ""
        return (village, resident.id, day[0], day[1], rule_id, code, title, quantity_h,
                points_h, pending, who[1], sheet, line, file, chunk.numbers[i], note or None,
                override or None, None, None, chunk.keys[i], *self.created)

    def _waits(self, resident: Resident, recorder: Person | None) -> bool:
        """must_wait, with the recorder's and the typist's kin found once per recorder."""
        found = self._kin.get(id(recorder))
        if found is None:
            found = self._kin[id(recorder)] = kin(recorder, self.ledger.actor)
        return resident.id in found[0] or resident.household in found[1]
