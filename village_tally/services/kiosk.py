"""The village-hall screen (Yangqiao's kiosk): a villager finds their household, reads this
month's board and their own statement, and reports a good deed for the committee to approve.

The screen runs on the authority of the committee member who opened it (`Action.KIOSK`); what
a villager does there is limited here, not only on the screen: reading, and reports that wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from village_tally.core.authority import Action
from village_tally.core.deed import Deed, Resident, ResidentId, Source
from village_tally.core.kiosk import KIOSK, door_number, reportable
from village_tally.core.names import normalize_name
from village_tally.core.points import ZERO
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.rule import Rule
from village_tally.i18n import tr
from village_tally.printing import statement as paper
from village_tally.services import deeds, months, printing, roster
from village_tally.services.changes import DEEDS, Changes
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, write


def find_residents(ledger: Ledger, door: str, name: str) -> list[Resident]:
    """The residents of the household whose door plate (or code) carries the number typed,
    with the name typed (after the one normalisation); none when either is empty."""
    number, wanted = door_number(door), normalize_name(name)
    if not number or not wanted:
        return []
    return [r for r in roster.list_residents(ledger)
            if r.status == "active" and r.name == wanted
            and number in (door_number(r.door_plate or ""), door_number(r.household))]


def good_deeds(ledger: Ledger) -> list[Rule]:
    """The rules a villager may report at the screen (core.kiosk.reportable)."""
    return reportable(ledger.scheme.rules)


def board(ledger: Ledger) -> months.Tally:
    """This month's board, as posted in the village hall."""
    return months.tally(ledger, months.open_month(ledger))


@dataclass(frozen=True, slots=True)
class Statement:
    """A villager's statement as the screen shows it: newest first, each line (date, deed,
    points, status) in words as the printed statement says them, and the total (and score)."""

    lines: tuple[tuple[str, str, str, str], ...]
    total: str


def statement(ledger: Ledger, resident: Resident, lang: str) -> Statement:
    data = printing.statement_data(ledger, resident.name, resident.household)
    titles = data.scheme.deed_titles(lang)
    lines = tuple((d.date.isoformat(), paper.deed_text(d, titles, lang), d.points.signed(),
                   paper.status_text(d, lang, data.lapses.get(d.id)))
                  for d in reversed(data.deeds))
    total = sum((d.points for d in data.deeds if paper.counts(d) and d.id not in data.lapses),
                ZERO)
    score = paper.score_text(data, total, months.open_month(ledger), lang)
    return Statement(lines, tr("kiosk.total", lang, total=str(total)) + (
        ("　" if lang == "zh" else "  ") + score if score else ""))


@dataclass(frozen=True, slots=True)
class Report:
    """A good deed as a villager reports it at the screen."""

    reporter: ResidentId  # who is at the screen (found by door number and name)
    resident: ResidentId  # whose deed it is: the reporter or a neighbour
    rule: str
    date: dt.date
    quantity: Decimal = Decimal(1)
    note: str | None = None


def report_deed(ledger: Ledger, report: Report) -> tuple[Deed, Changes]:
    """Write a villager's report as a deed waiting for the committee's approval: a good deed
    under a handbook rule only, its source and typist the screen, its recorder the villager
    who reported it (so they never approve it themselves). Every problem at once, else the
    deed."""
    with write(ledger, "report", "deed", needs=Action.KIOSK) as w:
        problems: list[Problem] = []
        rule = ledger.rule(report.rule)
        if rule is not None and rule not in reportable(ledger.scheme.rules):
            problems.append(Problem.at("kiosk.good_deeds_only", Where(field=Field.RULE),
                                       code=rule.code))
        reporter, found = deeds.resolve_resident(w.conn, ledger, report.reporter, None)
        problems += found
        checked = deeds.check_in(w.conn, ledger.acting_as(w.actor), deeds.DeedInput(
            resident=report.resident, date=report.date, rule=report.rule,
            quantity=report.quantity, note=report.note, source=Source(sheet=KIOSK)),
            Where(), action=Action.KIOSK)
        problems += checked.problems
        if problems or checked.deed is None or checked.resident is None or reporter is None:
            raise InputError(problems)
        new = replace(checked.deed, recorder=reporter.name, created_by=KIOSK,
                      needs_approval=True)
        deed_id = deeds.insert_new(w, ledger, new)
        w.entity_id = str(deed_id)
        w.details = {"reporter": reporter.name, "household": reporter.household}
    return deeds.as_deed(deed_id, new, checked.resident), DEEDS
