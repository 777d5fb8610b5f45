"""Scanned lines kept until a person confirms them, and confirming them into deeds.

`store_scans` keeps what `scanning.read_scans` read as proposals (table `scan_line`):
per paper line (sheet, line) only the newest proposal is kept, a line already entered as a
live deed is never proposed again, and a confirmed line is never touched (a trigger), so
scanning again after a correction enters nothing twice. `confirm_lines` makes deeds of them
through hand entry's own checks (`deeds.check_in`: authority, caps, duplicates, approval),
each with its source (sheet, line, the scan file and page) and the picture of its paper line
(table `deed_image`, whose digest the deed's audit entry carries).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from village_tally.core.authority import Action
from village_tally.core.deed import Deed, ResidentId, Source
from village_tally.core.month import Month
from village_tally.core.omr import FieldRead
from village_tally.core.problem import Field, Problem, Where
from village_tally.services import deeds, roster
from village_tally.services.changes import DEEDS, NOTHING, Changes
from village_tally.services.scan_sheets import IssuedSheet, issued_sheets
from village_tally.services.scanning import PageStatus, ProposedLine, ScannedPage, ScanReport
from village_tally.services.session import Ledger, Write, read, write
from village_tally.store import deeds as deed_repo
from village_tally.store import scans as scan_repo

FIELDS = ("resident", "rule", "quantity")


@dataclass(frozen=True, slots=True)
class Proposal:
    """A scanned line waiting for a person: what it proposes and how sure each field is."""

    sheet: str
    line: int
    file: str  # the scan's file name
    page: int
    resident: FieldRead
    rule: FieldRead
    quantity: FieldRead
    resident_id: ResidentId | None
    rule_code: str | None
    image: bytes  # PNG of the paper line, the handwritten name box included

    @property
    def ready(self) -> bool:
        """Every field read for sure: accepted with the others, unless a check refuses it."""
        return all(f.certainty == "sure" for f in (self.resident, self.rule, self.quantity))


@dataclass(frozen=True, slots=True)
class ScannedSheet:
    """One scanned sheet: what its rows and bubbles stand for, its proposed lines, and the
    lines of it already entered."""

    number: str
    area: str
    month: Month
    residents: tuple[tuple[ResidentId, str], ...]  # by row: id, "name（household）"
    rules: tuple[str, ...]  # rule codes by bubble
    lines: tuple[Proposal, ...]
    entered: tuple[int, ...] = ()

    def resident_for(self, typed: str) -> ResidentId | str:
        """What a person typed for the resident: a row number on the sheet's back, else a name."""
        text = typed.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.residents):
            return self.residents[int(text) - 1][0]
        return text

    def rule_for(self, typed: str) -> str:
        """What a person typed for the rule: a bubble number on the back, else a rule's code."""
        text = typed.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.rules):
            return self.rules[int(text) - 1]
        return text.upper()

    def name_of(self, resident: ResidentId | None) -> str:
        return next((name for rid, name in self.residents if rid == resident), "")


@dataclass(frozen=True, slots=True)
class Stored:
    sheets: tuple[ScannedSheet, ...]
    proposed: int
    entered: int  # lines of these sheets already entered: not proposed again
    changes: Changes = NOTHING


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A person's word on one scanned line: the deed it is (a resident by id, or a name with
    the household where two share it)."""

    sheet: str
    line: int
    date: dt.date
    resident: ResidentId | str
    rule: str
    quantity: Decimal
    household: str | None = None
    note: str | None = None
    override: str | None = None  # the reason for going beyond the rule's monthly cap


@dataclass(frozen=True, slots=True)
class Confirmed:
    deeds: tuple[Deed, ...]
    refused: dict[tuple[str, int], tuple[Problem, ...]] = field(default_factory=dict)
    changes: Changes = NOTHING


def _field(value: FieldRead) -> dict[str, Any]:
    return {"value": value.value, "certainty": value.certainty, "reason": value.reason}


def _digest(name: str) -> str:
    with Path(name).open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _row(w: Write, page: ScannedPage, digest: str, ln: ProposedLine) -> dict[str, Any]:
    return {"village_id": w.village_id, "sheet": ln.sheet, "line": ln.line,
            "file": Path(page.file).name, "page": page.page,
            "page_digest": f"{digest}#{page.page}",
            "resident_id": ln.resident_id, "rule_code": ln.rule_code,
            "quantity": ln.quantity.value if ln.quantity.certainty == "sure" else None,
            "fields": json.dumps({"resident": _field(ln.resident), "rule": _field(ln.rule),
                                  "quantity": _field(ln.quantity)}),
            "png": ln.image, "read_at": w.at, "read_by": w.actor_name}


def store_scans(ledger: Ledger, report: ScanReport) -> Stored:
    """Keep the lines a scan read as proposals (one transaction, one audit entry): each
    replaces only the proposal still waiting for its paper line; a line entered already, or
    confirmed, is left alone."""
    pages = [p for p in report.pages if p.status is PageStatus.READ]
    digests = {name: _digest(name) for name in {p.file for p in pages}}
    numbers: list[str] = []
    proposed = entered = 0
    with write(ledger, "scan", "scan_line", needs=Action.ENTER) as w:
        for page in pages:
            assert page.sheet is not None
            numbers.append(page.sheet)
            for ln in page.lines:
                if deed_repo.line_taken(w.conn, ledger.village_id, ln.sheet, ln.line):
                    entered += 1
                    continue
                scan_repo.drop_proposal(w.conn, ledger.village_id, ln.sheet, ln.line)
                if ln.status != "blank":
                    scan_repo.insert_proposal(w.conn, _row(w, page, digests[page.file], ln))
                    proposed += 1
        w.details = {"sheets": numbers, "proposed": proposed, "entered": entered}
    return Stored(tuple(open_sheets(ledger, numbers)), proposed, entered)


def _proposal(row: dict[str, Any]) -> Proposal:
    f = json.loads(row["fields"])
    reads = {k: FieldRead(f[k]["value"], f[k]["certainty"], f[k]["reason"]) for k in FIELDS}
    rid = row["resident_id"]
    return Proposal(row["sheet"], row["line"], row["file"], row["page"], reads["resident"],
                    reads["rule"], reads["quantity"],
                    ResidentId(rid) if rid is not None else None, row["rule_code"],
                    row["png"])


def _sheet(issued: IssuedSheet, names: dict[ResidentId, str], lines: list[Proposal],
           entered: tuple[int, ...]) -> ScannedSheet:
    rows = tuple((ResidentId(r), names.get(ResidentId(r), "")) for r in issued.residents)
    return ScannedSheet(issued.number, issued.area, Month.parse(issued.month), rows,
                        issued.rules, tuple(lines), entered)


def open_sheets(ledger: Ledger, numbers: Sequence[str] | None = None) -> list[ScannedSheet]:
    """The scanned sheets with lines waiting to be confirmed (of these numbers, or all), with
    what their rows and bubbles stand for."""
    issued = issued_sheets(ledger)
    names = {r.id: f"{r.name}（{r.household}）" for r in roster.list_residents(ledger)}
    with read(ledger) as conn:
        rows = scan_repo.proposals(conn, ledger.village_id, numbers)
        wanted = list(dict.fromkeys(numbers or [r["sheet"] for r in rows]))
        entered = scan_repo.entered_lines(conn, ledger.village_id, wanted)
    by_sheet: dict[str, list[Proposal]] = defaultdict(list)
    for row in rows:
        by_sheet[row["sheet"]].append(_proposal(row))
    return [_sheet(issued[n], names, by_sheet[n], tuple(sorted(entered.get(n, ()))))
            for n in wanted if n in issued]


def confirm_lines(ledger: Ledger, confirmations: Sequence[Confirmation]) -> Confirmed:
    """Deeds of the confirmed lines, each through hand entry's checks; a line a check refuses
    is not written and stays proposed, with its problems (the others are written). One
    transaction, one audit entry naming each deed's picture by its digest."""
    written: list[Deed] = []
    refused: dict[tuple[str, int], tuple[Problem, ...]] = {}
    images: dict[str, str] = {}
    with write(ledger, "confirm_scan", "deed", needs=Action.ENTER) as w:
        running = deeds.Running()
        acting = ledger.acting_as(w.actor)
        for c in confirmations:
            row = next((r for r in scan_repo.proposals(w.conn, ledger.village_id, [c.sheet])
                        if r["line"] == c.line), None)
            if row is None:
                refused[(c.sheet, c.line)] = (Problem.at(
                    "scan.not_proposed", Where(field=Field.LINE), sheet=c.sheet, line=c.line),)
                continue
            checked = deeds.check_in(w.conn, acting, deeds.DeedInput(
                resident=c.resident, household=c.household, date=c.date, rule=c.rule,
                quantity=c.quantity, note=c.note, override=c.override,
                source=Source(c.sheet, c.line, row["file"], row["page"])), Where(), running)
            if checked.deed is None or checked.resident is None:
                refused[(c.sheet, c.line)] = checked.problems
                continue
            running.add(checked.deed)
            deed_id = deeds.insert_new(w, ledger, checked.deed)
            scan_repo.insert_image(w.conn, {"deed_id": deed_id, "sheet": c.sheet,
                                            "line": c.line, "png": row["png"],
                                            "page_digest": row["page_digest"]})
            scan_repo.confirm(w.conn, ledger.village_id, c.sheet, c.line, deed_id)
            images[str(deed_id)] = hashlib.sha256(row["png"]).hexdigest()
            written.append(deeds.as_deed(deed_id, checked.deed, checked.resident))
        w.details = {"images": images}
        w.summary = bool(written)
    return Confirmed(tuple(written), refused, DEEDS if written else NOTHING)


def deed_image(ledger: Ledger, deed_id: int) -> bytes | None:
    """The picture of the paper line a deed was confirmed from (None: typed or imported)."""
    with read(ledger) as conn:
        found = scan_repo.image_of(conn, deed_id)
    return bytes(found["png"]) if found is not None else None


