"""Printing scan sheets, and the record of what each printed sheet's numbers mean.

A scan sheet's row 7 means the seventh resident listed on its back *as printed*, whatever the
roster says later; so printing records, per sheet number, the resident ids by row and the rule
codes by bubble, in the audit log (entity `scan_sheet`): one entry per print job, who printed
what and when, tamper-evident like every entry. The reader looks sheets up there. Printing a
number again gives the same sheet when its area's residents and rules are unchanged, and is
refused when they changed (new numbers are printed instead): one number, one meaning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from village_tally.core.authority import Action
from village_tally.core.deed import Resident
from village_tally.core.month import Month
from village_tally.core.problem import Field, ParseError, Phrase, Problem, Where
from village_tally.core.rule import Rule
from village_tally.services import roster, shipped
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.session import Ledger, read, stored, write
from village_tally.store import audit
from village_tally.store import village as village_repo

if TYPE_CHECKING:  # reportlab is imported only to print (the entry screen uses this module)
    from village_tally.core.scan_form import ScanForm
    from village_tally.printing import scan_sheet
    from village_tally.services.printing import Printed

ENTITY = "scan_sheet"
FORM_FILE = "scan_sheet.toml"
MAX_SHEETS = 1000
MAX_RESIDENTS = 999


@dataclass(frozen=True, slots=True)
class IssuedSheet:
    """A printed scan sheet: its number and what its rows and rule bubbles stand for."""

    number: str
    area: str
    month: str
    n: int
    residents: tuple[int, ...]  # resident id by row, row 1 first
    rules: tuple[str, ...]  # rule code by bubble, bubble 1 first
    printed_at: str
    printed_by: str


def load_scan_form() -> ScanForm:
    """The shipped scan sheet (forms/scan_sheet.toml); a missing or broken one is a fault of
    the installation, as for the other forms."""
    from village_tally.core.scan_form import parse_scan_form  # not for a sheet number typed

    try:
        return parse_scan_form(shipped.read_form(FORM_FILE), FORM_FILE)
    except ParseError as exc:
        raise EnvironmentFault("print.form_invalid", file=f"forms/{FORM_FILE}",
                               detail=exc.params.get("detail", exc.code)) from None


def village_secret(ledger: Ledger) -> str:
    """What the QR check is keyed with: when this village was created (namesake villages in
    other files differ)."""
    with read(ledger) as conn:
        row = village_repo.find_village(conn)
    return f"{ledger.village_id}:{row.created_at if row is not None else ''}"


def issued_sheets(ledger: Ledger) -> dict[str, IssuedSheet]:
    """Every scan sheet printed in this village, by number."""
    with read(ledger) as conn:
        rows = audit.entries_about(conn, ENTITY)
    out: dict[str, IssuedSheet] = {}
    for row in rows:
        with stored(Phrase.of("damage.audit", entry=row.id)):
            details = json.loads(row.details)
            for d in details["areas"]:
                for n, number in zip(d["n"], d["numbers"], strict=True):
                    out[number] = IssuedSheet(number, d["area"], details["month"], n,
                                              tuple(d["residents"]), tuple(d["rules"]),
                                              row.at, row.actor)
    return out


def area_residents(people: list[Resident], area: str) -> list[Resident]:
    """The area's active residents in the order the back of a sheet lists them: by household,
    the head first, then as they were added."""
    mine = [r for r in people if r.area == area and r.status == "active"]
    return sorted(mine, key=lambda r: (r.household, not r.is_head, r.id))


def _areas(ledger: Ledger, area: str | None) -> list[str]:
    areas = roster.list_areas(ledger) or [""]
    if area is None:
        return areas
    if area not in areas:
        raise InputError([Problem.at("print.area_unknown", Where(field=Field.AREA), value=area,
                                     choices=", ".join(areas))])
    return [area]


@dataclass(frozen=True, slots=True)
class _Plan:
    area: str
    people: tuple[Resident, ...]
    numbers: tuple[int, ...]
    new: tuple[int, ...]  # the numbers printed for the first time


def _plan(sf: ScanForm, area: str, month: str, *, people: list[Resident],
          rules: tuple[Rule, ...], sheets: int, first: int | None,
          issued: dict[str, IssuedSheet]) -> _Plan:
    ids = tuple(r.id for r in people)
    codes = tuple(r.code for r in rules)
    taken = sorted(s.n for s in issued.values() if s.area == area and s.month == month)
    start = first if first is not None else (taken[-1] + 1 if taken else 1)
    numbers = tuple(range(start, start + sheets))
    new = []
    for n in numbers:
        before = issued.get(sf.number(area, month, n))
        if before is None:
            new.append(n)
        elif before.residents != ids or before.rules != codes:
            raise InputError([Problem.at(
                "scan.sheet_changed", Where(field=Field.SHEETS),
                number=before.number, next=(taken[-1] + 1) if taken else 1)])
    return _Plan(area, tuple(people), numbers, tuple(new))


def _sheets_data(ledger: Ledger, sf: ScanForm, plan: _Plan, *, month: str,
                 rules: tuple[Rule, ...], secret: str, lang: str) -> scan_sheet.ScanSheets:
    from village_tally.core.scan_form import layout
    from village_tally.core.scan_id import BACK, FRONT, SheetId, check, encode
    from village_tally.printing import form, scan_sheet

    lay = layout(sf, residents=len(plan.people), rules=len(rules))
    sheets = []
    for n in plan.numbers:
        code = check(secret, ledger.village_name, plan.area, month, n)
        ident = SheetId(ledger.village_name, plan.area, month, n, FRONT, code)
        back = SheetId(ledger.village_name, plan.area, month, n, BACK, code)
        sheets.append(scan_sheet.ScanSheet(sf.number(plan.area, month, n), encode(ident),
                                           encode(back)))
    names = tuple(f"{r.name}（{r.household}）" for r in plan.people)
    return scan_sheet.ScanSheets(ledger.village_name, plan.area, month, sf, lay, tuple(sheets),
                                 names, tuple(form.rule_lines(rules, lang)),
                                 ledger.today().isoformat())


def print_scan_sheets(ledger: Ledger, *, out: Path | str, area: str | None = None,
                      month: Month | None = None, sheets: int = 1, first: int | None = None,
                      lang: str = "zh", job: JobControl = NO_JOB) -> Printed:
    """Scan sheets numbered from `first` (default: after the last printed for the area's
    month), `sheets` of them for the area (every area when none is named). Records what the
    new numbers mean (one audit entry) once the PDF is drawn and before it is put in place:
    a refused or failed print (a folder, a full disk) records nothing."""
    from village_tally.printing import scan_sheet
    from village_tally.services.printing import Printed, atomic_pdf, unprintable

    if not 1 <= sheets <= MAX_SHEETS or (first is not None and first < 1):
        raise InputError([Problem.at("print.sheets_invalid", Where(field=Field.SHEETS),
                                     value=sheets)])
    # The sheets' numbers and QR codes carry the month as its text, YYYY-MM.
    month_text = str(month or Month.of(ledger.today()))
    sf = load_scan_form()
    rules = tuple(r for r in ledger.scheme.rules if r.active)
    people = roster.list_residents(ledger)
    issued = issued_sheets(ledger)
    plans = []
    for name in _areas(ledger, area):
        mine = area_residents(people, name)
        if len(mine) > MAX_RESIDENTS:
            raise InputError([Problem.at("scan.area_too_big", Where(field=Field.AREA),
                                         area=name, count=len(mine))])
        plans.append(_plan(sf, name, month_text, people=mine, rules=rules, sheets=sheets,
                           first=first, issued=issued))
    secret = village_secret(ledger)
    groups = [_sheets_data(ledger, sf, p, month=month_text, rules=rules, secret=secret, lang=lang)
              for p in plans]
    with atomic_pdf(out) as tmp:
        pages = scan_sheet.draw_scan_sheets(groups, tmp, lang=lang, step=job.step)
        if any(p.new for p in plans):
            _record(ledger, sf, plans, month_text, rules)
    texts = [ledger.village_name] + [f"{r.name}" for p in plans for r in p.people]
    return Printed(Path(out), pages, unprintable(texts + [p.area for p in plans]))


def _record(ledger: Ledger, sf: ScanForm, plans: list[_Plan], month: str,
            rules: tuple[Rule, ...]) -> None:
    with write(ledger, "print_scan_sheets", ENTITY, needs=Action.ISSUE_SHEETS) as w:
        w.entity_id = month
        w.details = {"month": month, "areas": [
            {"area": p.area, "n": list(p.new),
             "numbers": [sf.number(p.area, month, n) for n in p.new],
             "residents": [r.id for r in p.people], "rules": [r.code for r in rules]}
            for p in plans if p.new]}
