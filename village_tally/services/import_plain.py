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

from collections.abc import Callable, Iterable, Iterator, Sequence, Set
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
from village_tally.exchange.rows import KEY_FIELDS, content_keys, key_prefix
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
from village_tally.store.deeds import LeanColumns, Shared

PLAIN_FIELDS = frozenset(("date", "name", "household", "rule", "deed", "quantity", "points",
                          "recorder", "sheet", "line", "note", "override"))
# The texts the full check looks at for refused characters and length, by column.
_TEXTS = (("recorder", Field.RECORDER), ("deed", Field.TEXT), ("note", Field.NOTE),
          ("override", Field.OVERRIDE), ("sheet", Field.SHEET))
_BAD = object()  # a cell that does not convert: its row takes the full check
_MEMO = 20_000  # the distinct cells of a column a memo of `_mapped` holds, at most


def plain_sheet(table: Table, approver: Person | None) -> bool:
    return approver is None and set(table.columns) <= PLAIN_FIELDS


def _mapped(values: Sequence[Any], convert: Callable[[Any], Any],
            memo: dict[type, dict[Any, Any]] | None = None) -> list[Any]:
    """`convert` over a column, once per distinct value (True == 1 == 1.0 in a set: a column
    holding a bool is converted cell by cell). With a `memo` (what `convert` gave for the
    earlier chunks, by the cells' one type) a value seen before is not converted again."""
    types = set(map(type, values))
    if bool in types:
        return [convert(v) for v in values]
    if memo is None or len(types) != 1:
        found = {v: convert(v) for v in set(values)}
    else:
        found = memo.setdefault(types.pop(), {})
        if len(found) > _MEMO:  # a column of values all different (notes): kept small
            found.clear()
        found.update({v: convert(v) for v in set(values) - found.keys()})
    return list(map(found.__getitem__, values))


def _checked(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A cell converter giving None for a blank cell and _BAD for one that does not convert
    (a bool among them: the full check says why)."""
    def one(value: Any) -> Any:
        if type(value) is bool:
            return _BAD
        if cells.is_blank(value):
            return None
        try:
            return convert(value)
        except ParseError:
            return _BAD
    return one


def _text(value: Any) -> str:
    """A cell as text, as exchange.rows.new_row writes it."""
    return value.strip() if type(value) is str else cells.text(value)


def _key(value: Any) -> Any:
    """A quantity or points cell as a key (True == 1: a bool is kept apart)."""
    if type(value) is bool:
        return (bool, value)
    return None if cells.is_blank(value) else value


def _columns(part: list[tuple[int, list[Any]]], places: list[tuple[str, int]]
             ) -> dict[str, Sequence[Any]]:
    """The raw cells of the chunk's rows by field."""
    rows = [raw for _, raw in part]
    width = max((j for _, j in places), default=-1) + 1
    if rows and min(map(len, rows)) >= width:  # calamine's rows are all as wide
        by_index = list(zip(*rows, strict=False))
        return {f: by_index[j] for f, j in places}
    return {f: [raw[j] if j < len(raw) else None for raw in rows] for f, j in places}


class Chunk:
    """A chunk of rows by column: raw cells, texts, import keys and converted values."""

    def __init__(self, plain: PlainRows, part: list[tuple[int, list[Any]]],
                 occurrences: dict[str, tuple[int, int]]) -> None:
        self.n = n = len(part)
        self.numbers = [number for number, _ in part]
        self.raw = raw = _columns(part, plain.places)
        self.text = text = {f: _mapped(values, _text) for f, values in raw.items()}
        blank, none = [""] * n, [None] * n
        joined = list(map("\x1f".join, zip(*(text.get(f, blank) for f in KEY_FIELDS),
                                            strict=True)))
        self.keys, self.firsts = content_keys(plain.prefix, joined, self.numbers, occurrences)
        self.dates = _mapped(raw.get("date", none), plain.date)
        self.lines = _mapped(raw.get("line", none), plain.line)
        # a household cell's code asks the roster: remembered across chunks
        self.households = _mapped(raw.get("household", none), plain.household, plain.codes)
        self.residents = plain.residents(text["name"], self.households)
        self.sheets = _mapped(text.get("sheet", blank), lambda s: normalize_name(s) if s else None)
        self.refused = plain.refused(text)
        self.raw_dates = raw.get("date", none)
        self.recorders = text.get("recorder", blank)
        self.notes = text.get("note", blank)
        self.overrides = text.get("override", blank)
        deeds = text.get("deed", blank)
        self.point_keys = list(zip(text.get("rule", blank),
                                   _mapped(raw.get("quantity", none), _key),
                                   _mapped(raw.get("points", none), _key),
                                   map(bool, deeds), strict=True))

    def cells(self, i: int) -> dict[str, str]:
        return {f: t[i] for f, t in self.text.items()}

    def dates_and_sheets(self) -> tuple[Iterable[Any], Iterable[str]]:
        """The dates and paper sheets the chunk names (what caps and lines are read for)."""
        return ({d for d in self.dates if d is not None and d is not _BAD},
                {s for s in self.text.get("sheet", ()) if s})


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
        self.prefix = key_prefix(table)
        self.date = _checked(lambda v: cells.date(v, date1904=table.date1904))
        self.line = _checked(cells.whole)
        self._household = _checked(cells.household)
        self._residents: dict[tuple[str, str | None], Resident | None] = {}
        self._clean: set[tuple[str, str]] = set()
        self.days: dict[Any, tuple[str, str, Month]] = {}  # a good date cell → its forms
        # a rule, quantity and points cell → the rule, its id, points, quantity, title, code
        # and whether a cap or an approval threshold counts it
        self.points: dict[tuple[Any, ...], tuple[Rule, int, int, int, str, str, bool]] = {}
        self.people: dict[tuple[str, str],
                          tuple[Person | None, str, frozenset[int], frozenset[str]]] = {}
        # the columns every deed of the import has alike (store.deeds.SHARED)
        self.shared: Shared = (ledger.village_id, table.file, ledger.now_text(),
                               ledger.actor_name)
        self.codes: dict[type, dict[Any, Any]] = {}  # household cells converted, by type

    def household(self, raw: Any) -> Any:
        """A household cell's code; a number cell's through the roster (12 → '0012')."""
        code = self._household(raw)
        if code is None or code is _BAD or not cells.is_number(raw):
            return code
        return self.household_code(code)

    def residents(self, names: list[str], households: list[Any]) -> list[Resident | None]:
        """The resident each row means, where the roster gives exactly one without a problem
        (resolve_resident, as the full check asks it)."""
        known = self._residents
        for key in set(zip(names, households, strict=True)) - known.keys():
            name, code = key
            found = None
            if code is not _BAD and "?" not in name and "\ufffd" not in name:
                who, problems = resolve_resident(self.conn, self.ledger, name, code or None,
                                                 Where(), lookups=self.q)
                found = None if problems else who
            known[key] = found
        return list(map(known.__getitem__, zip(names, households, strict=True)))

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
        if type(chunk.raw_dates[i]) is not bool:
            self.days[chunk.raw_dates[i]] = (new.date.isoformat(), str(new.month), new.month)
        resident = chunk.residents[i]
        if resident is None:
            return
        counted = rule.monthly_cap is not None or rule.approval_above is not None
        self.points[chunk.point_keys[i]] = (rule, new.rule, new.points.hundredths,
                                            hundredths(new.quantity), new.title, new.rule_code,
                                            counted)
        key = people_key(self.ledger, Action.IMPORT_DEEDS, True, resident.area, d.recorder)
        if key in self.q.memo:  # the recorder, the name written, and whose deeds wait
            recorder = self.q.memo[key]
            self.people[(resident.area, d.recorder)] = (recorder, new.recorder,
                                                        *kin(recorder, self.ledger.actor))

    def vouch(self, chunk: Chunk, present: set[str], hidden: Set[int], *, repeats: bool
              ) -> Iterator[tuple[int, list[LeanColumns]]]:
        """The rows of the chunk the caller must take itself, in order, each as its index and
        the deeds vouched for in the rows before it since the last one (as the deed's own
        columns, store.deeds.LEAN; the running counts took them in); last (chunk.n, the
        rest). The caller takes a row whose import key is held, that repeats an earlier row
        (unless `repeats`) or is hidden, and one this path cannot vouch for: the full check,
        which teaches this path (`learn`) before the next row is looked at."""
        days, points, people, seen = self.days, self.points, self.people, self.lines_seen
        q, running, line_taken = self.q, self.running, self.q.line_taken
        units, sums = running.units, running.points
        residents, refused, raw_dates = chunk.residents, chunk.refused, chunk.raw_dates
        point_keys, recorders, lines, sheets = (chunk.point_keys, chunk.recorders,
                                                chunk.lines, chunk.sheets)
        keys, firsts, numbers = chunk.keys, chunk.firsts, chunk.numbers
        notes, overrides = chunk.notes, chunk.overrides

        def one(i: int) -> LeanColumns | None:
            """Row i's columns if every answer it needs is known and good, else None."""
            resident = residents[i]
            if resident is None or i in refused:
                return None
            raw_date = raw_dates[i]
            day = None if type(raw_date) is bool else days.get(raw_date)
            point = points.get(point_keys[i])
            who = people.get((resident.area, recorders[i]))
            line = lines[i]
            if day is None or point is None or who is None or line is _BAD:
                return None
            rule, rule_id, points_h, quantity_h, title, code, counted = point
            override = overrides[i]
            over, key = False, (resident.id, rule_id, day[2])
            if rule.monthly_cap is not None:
                over = cap_counted(q, running, rule, key, quantity_h)[2]
                if over and not override:
                    return None
            sheet = sheets[i]
            if line is not None:
                if not sheet or (sheet, line) in seen or line_taken(sheet, line) is not None:
                    return None
                seen[(sheet, line)] = numbers[i]
            pending = (over or resident.id in who[2] or resident.household in who[3] or
                       (rule.approval_above is not None and
                        over_threshold(q, running, rule, key, points_h)))
            if counted:  # what a cap or a threshold counts (no other rule's counts are read)
                units[key] = units.get(key, 0) + quantity_h
                sums[key] = sums.get(key, 0) + points_h
            return (resident.id, day[0], day[1], rule_id, code, title, quantity_h, points_h,
                    pending, who[1], sheet, line, numbers[i], notes[i] or None,
                    override or None, keys[i])

        good: list[LeanColumns] = []
        for i in range(chunk.n):
            columns = (one(i) if keys[i] not in present and (repeats or firsts[i] is None)
                       and numbers[i] not in hidden else None)
            if columns is None:
                yield i, good
                good = []
            else:
                good.append(columns)
        yield chunk.n, good
