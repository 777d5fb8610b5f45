"""A way back (信用修复), as a village lives it month by month on each backend: a littering
deduction stops counting after three clean months, a second one in between keeps the first
on the books, a closed month's figures never move when the handbook changes later, and the
army rule's cap counts a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import NOW, add_roster, as_, enter, make_village
from village_tally.core.month import Month
from village_tally.core.tally_column import tally_columns
from village_tally.printing.statement import months_of, status_text
from village_tally.services import audit, deeds, months, printing, rules
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, open_ledger

ROSTER = """
王芳 0004 二片 户主
马丽 0001 一片 户主
曾重行 0002 一片 户主
"""


class Calendar:
    """The village's clock, turned forward as the months go by."""

    def __init__(self) -> None:
        self.now = NOW.replace(year=2026, month=1, day=20)

    def __call__(self) -> dt.datetime:
        return self.now

    def go(self, day: str) -> None:
        self.now = self.now.replace(**dict(zip(("year", "month", "day"),
                                               map(int, day.split("-")), strict=True)))


@pytest.fixture(params=["sqlite", "postgresql"])
def village(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Ledger, Calendar]]:
    db = str(tmp_path / "v.db") if request.param == "sqlite" else request.getfixturevalue(
        "pg_url")
    make_village(db)
    when = Calendar()
    ledger = open_ledger(db, clock=when)
    add_roster(ledger, ROSTER)
    yield ledger, when
    ledger.close()


def row(ledger: Ledger, month: str, name: str) -> dict[str, object]:
    found = next(r for r in months.tally(ledger, Month.parse(month)).rows if r.name == name)
    return found.as_json()


def lapse_after(ledger: Ledger, months_: int) -> None:
    """The secretary sets how long littering (N1) counts; the shared ledger reads it again."""
    littering = ledger.rule("N1")
    assert littering is not None
    rules.update_rule(as_(ledger, "马书记"), replace(littering, lapse_months=months_))
    ledger.reload()


def close(ledger: Ledger, month: str) -> None:
    months.close_month(as_(ledger, "马书记"), Month.parse(month))


def test_a_deduction_lapses_after_three_clean_months_and_closed_months_never_move(
        village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    lapse_after(ledger, 3)
    # January: both litter; 王芳 also does a day's public labour
    littered = enter(gatherer, "王芳", rule="N1", date="2026-01-10", sheet="1月", line=1)
    enter(gatherer, "王芳", rule="L1", quantity="2", date="2026-01-12", sheet="1月", line=2)
    enter(gatherer, "马丽", rule="N1", date="2026-01-10", sheet="1月", line=3)
    when.go("2026-03-05")
    close(ledger, "2026-01")
    # March: 马丽 litters again before her first has lapsed: both now wait for June
    enter(gatherer, "马丽", rule="N1", date="2026-03-01", sheet="3月", line=1)
    when.go("2026-04-20")
    close(ledger, "2026-03")
    assert row(ledger, "2026-03", "王芳")["total_points"] == "0"
    # April: three clean months since 10 January, 王芳's −2 no longer counts
    april = row(ledger, "2026-04", "王芳")
    assert (april["previous_total"], april["lapsed"], april["month_points"],
            april["total_points"], april["stars"]) == ("0", "2", "0", "2", 2)
    assert row(ledger, "2026-04", "马丽")["total_points"] == "-4"
    # the tally's shells (table, CSV, sheet, window) show the column once a rule lapses
    assert [c.key for c in tally_columns(ledger.scheme)][-1] == "lapsed"
    # her statement keeps the deed, marked, and gives its points back in April
    data = printing.statement_data(as_(ledger, "马主任"), "王芳")
    assert data.lapses == {littered.id: Month.parse("2026-04")}
    [*_, april_block] = months_of(data.deeds, data.lapses)
    assert (april_block.month, str(april_block.counted), str(april_block.running)) == (
        Month.parse("2026-04"), "2", "2")
    assert status_text(littered, "en", data.lapses[littered.id]) == (
        "no longer counts from 2026-04 (a way back)")
    when.go("2026-05-03")
    close(ledger, "2026-04")
    # the committee shortens the way back to one month: April, closed, does not move …
    lapse_after(ledger, 1)
    assert row(ledger, "2026-04", "马丽")["total_points"] == "-4"
    assert audit.verify(ledger).ok
    # … and 马丽's deductions, overdue under the new rule, stop counting in May, the first
    # open month: from her last one (1 March) plus one month
    may = row(ledger, "2026-05", "马丽")
    assert (may["previous_total"], may["lapsed"], may["total_points"]) == ("-4", "4", "0")
    when.go("2026-06-02")
    close(ledger, "2026-05")
    # the lapse is on the record: lengthening the rule again changes nothing closed or after
    lapse_after(ledger, 12)
    assert row(ledger, "2026-05", "马丽")["total_points"] == "0"
    assert row(ledger, "2026-06", "马丽")["total_points"] == "0"
    assert "lapsed" not in row(ledger, "2026-06", "马丽")
    assert audit.verify(ledger).ok
    # the deeds stay on the record, approved, never voided
    lapsed = [d for d in deeds.list_deeds(ledger) if d.name == "马丽"]
    assert [(d.points.signed(), d.status.value) for d in lapsed] == [
        ("-2", "approved"), ("-2", "approved")]


def test_a_voided_or_corrected_deduction_never_lapses_into_points(
        village: tuple[Ledger, Calendar]) -> None:
    """A deduction taken back by a correction is not given back a second time by a lapse."""
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    lapse_after(ledger, 2)
    wrong = enter(gatherer, "曾重行", rule="N1", date="2026-01-10", sheet="1月", line=1)
    when.go("2026-02-03")
    close(ledger, "2026-01")
    deeds.void_deed(as_(ledger, "马主任"), wrong.id, reason="记错了人")  # an adjustment in Feb
    when.go("2026-04-02")
    assert row(ledger, "2026-02", "曾重行")["total_points"] == "0"
    assert row(ledger, "2026-03", "曾重行")["total_points"] == "0"
    assert "lapsed" not in row(ledger, "2026-03", "曾重行")


def test_the_army_rule_is_once_a_year(village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    army = ledger.rule("A1")
    assert army is not None and army.cap_period == "year"
    enter(gatherer, "王芳", rule="A1", date="2026-01-15")
    when.go("2026-03-10")
    with pytest.raises(InputError) as caught:
        enter(gatherer, "王芳", rule="A1", date="2026-03-02")
    assert [p.code for p in caught.value.problems] == ["deed.cap_reached_year"]


def test_a_lapsed_deduction_cannot_be_taken_back_twice(village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    lapse_after(ledger, 1)
    old = enter(as_(ledger, "马秀兰"), "王芳", rule="N1", date="2026-01-10")
    when.go("2026-03-02")
    close(ledger, "2026-01")
    close(ledger, "2026-02")  # it lapsed in February, as February closed
    with pytest.raises(InputError) as caught:
        deeds.void_deed(as_(ledger, "马主任"), old.id, reason="重复")
    assert [(p.code, p.params["month"]) for p in caught.value.problems] == [
        ("deed.lapsed", "2026-02")]
    assert row(ledger, "2026-03", "王芳")["total_points"] == "0"
