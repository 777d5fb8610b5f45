"""Whose paper sheet a sheet number is: the gatherer the entry screen takes from the sheet
number where the village knows it — the recorder of the lines already entered from it, else
the one active gatherer of the area a printed scan sheet of that number was issued for."""

from __future__ import annotations

from dataclasses import dataclass

from village_tally.core.deed import Deed
from village_tally.core.person import Role
from village_tally.services import browse, people
from village_tally.services.session import Ledger


@dataclass(frozen=True, slots=True)
class SheetOwner:
    """The gatherer whose sheet it is, and how that is known: `entered` (lines of it are in
    the ledger) or `issued` (a printed scan sheet for her area)."""

    name: str
    known_by: str


def sheet_gatherer(ledger: Ledger, sheet: str, entered: list[Deed] | None = None
                   ) -> SheetOwner | None:
    """The gatherer whose sheet this number is, or None where the village does not know.
    `entered`: the sheet's saved lines if just read (else they are read here)."""
    if not sheet.strip():
        return None
    if entered is None:
        entered = browse.sheet_deeds(ledger, sheet)
    if entered:
        return SheetOwner(entered[0].recorder, "entered")
    from village_tally.services import scan_sheets  # its form layouts: not before a sheet

    issued = scan_sheets.issued_sheets(ledger).get(sheet.strip())
    if issued is None:
        return None
    gatherers = [p.name for p in people.list_people(ledger)
                 if p.role is Role.GATHERER and not p.retired and issued.area in p.areas]
    return SheetOwner(gatherers[0], "issued") if len(gatherers) == 1 else None


def prepare(ledger: Ledger) -> None:
    """Do once, off the screen's thread, what the first sheet number typed would otherwise pay
    under its Enter: the printed scan sheets' module imported and the reads of a sheet's lines
    and of the sheets issued compiled (SQLAlchemy compiles a statement the first time it runs;
    bench/bench_gui.py's first sheet number on the 1,000,000-deed village)."""
    from village_tally.services import scan_sheets

    browse.sheet_deeds(ledger, "")
    scan_sheets.issued_sheets(ledger)
