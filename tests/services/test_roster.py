"""Areas on the roster: a household moves to another area, an area gets a new name; both are
in the audit log with the old and the new, and the ledger reads the new names at once."""

import json

import pytest

from tests.conftest import as_, enter
from village_tally.core.month import Month
from village_tally.i18n import describe
from village_tally.services import audit, deeds, months, roster
from village_tally.services.deeds import DeedFilter
from village_tally.services.errors import InputError
from village_tally.store import audit as chain


def codes(caught):
    return [p.code for p in caught.value.problems]


def last_entry(ledger):
    """The newest audit entry, its details without the rows it recorded (store.bound)."""
    with ledger.engine.connect() as conn:
        row = list(chain.entries(conn))[-1]
    details = json.loads(row.details)
    details.pop("state", None)
    return row.action, row.entity, row.entity_id, details


def areas_of_households(ledger):
    return {h.code: h.area for h in roster.list_households(ledger)}


def test_a_household_moves_to_another_area_with_its_people_and_deeds(ledger):
    deed = enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    changes = roster.set_household_area(as_(ledger, "马书记"), "0004", " 一片 ", reason="搬到村东")
    assert changes.roster
    assert areas_of_households(ledger)["0004"] == "一片"
    assert {r.area for r in roster.list_residents(ledger) if r.household == "0004"} == {"一片"}
    assert deeds.get_deed(ledger, deed.id).area == "一片"
    rows = months.tally(ledger, Month.parse("2026-11")).rows
    row = next(r for r in rows if r.household == "0004")
    assert row.area == "一片" and str(row.total_points) == "2"
    assert last_entry(ledger) == ("move", "household", "0004",
                                  {"from": "二片", "to": "一片", "reason": "搬到村东"})
    assert audit.verify(ledger).ok


def test_a_household_in_no_area_is_given_one(ledger):
    roster.add_resident(as_(ledger, "马书记"), roster.NewResident(name="李四", household="0009"))
    assert areas_of_households(ledger)["0009"] == ""
    roster.set_household_area(as_(ledger, "马书记"), "0009", "二片", reason="分片")
    assert areas_of_households(ledger)["0009"] == "二片"
    assert last_entry(ledger)[3] == {"from": None, "to": "二片", "reason": "分片"}


def test_moving_a_household_names_every_problem_and_writes_nothing(ledger):
    entries = audit.verify(ledger).entries
    with pytest.raises(InputError) as caught:
        roster.set_household_area(as_(ledger, "马书记"), "9999", " ", reason=" ")
    assert codes(caught) == ["household.unknown", "area.empty", "deed.reason_missing"]
    fields = [p.where.field for p in caught.value.problems]
    assert fields == ["household", "area", "reason"]
    with pytest.raises(InputError) as caught:
        roster.set_household_area(as_(ledger, "马书记"), "0004", "二片", reason="x")
    assert codes(caught) == ["household.same_area"]
    assert "0004" in describe(caught.value.problems[0], "en")
    assert "二片" in describe(caught.value.problems[0], "zh")
    assert audit.verify(ledger).entries == entries
    assert areas_of_households(ledger)["0004"] == "二片"


def test_an_unknown_area_is_refused_with_the_areas_there_are(ledger):
    """No area is made on the way: a slip of the pen ("三片" for "二片") would otherwise put
    a household under an area of its own on the board. New areas are added on purpose."""
    with pytest.raises(InputError) as caught:
        roster.set_household_area(as_(ledger, "马书记"), "0004", "三片", reason="x")
    assert codes(caught) == ["area.unknown"]
    text = describe(caught.value.problems[0], "en")
    assert "三片" in text and "一片" in text and "二片" in text
    assert roster.list_areas(ledger) == ["一片", "二片"]


def test_an_area_is_renamed_and_the_ledger_reads_the_new_name(ledger):
    enter(ledger, "王芳", rule="L1", sheet="S1", line=1)
    changes = roster.rename_area(as_(ledger, "马书记"), "二片", "河东 片")
    assert changes.roster
    assert roster.list_areas(ledger) == ["一片", "河东片"]
    assert areas_of_households(ledger) == {"0001": "一片", "0002": "一片", "0003": "河东片",
                                           "0004": "河东片"}
    assert [d.name for d in deeds.list_deeds(ledger, DeedFilter(area="河东片"))] == ["王芳"]
    assert deeds.list_deeds(ledger, DeedFilter(area="二片")) == []
    assert {r.area for r in months.tally(ledger, Month.parse("2026-11")).rows} == {"一片", "河东片"}
    assert last_entry(ledger)[::3] == ("rename", {"from": "二片", "to": "河东片"})
    assert audit.verify(ledger).ok


def test_renaming_names_every_problem_and_says_which_name_is_taken(ledger):
    entries = audit.verify(ledger).entries
    with pytest.raises(InputError) as caught:
        roster.rename_area(as_(ledger, "马书记"), "三片", "")
    assert codes(caught) == ["area.unknown", "area.empty"]
    with pytest.raises(InputError) as caught:
        roster.rename_area(as_(ledger, "马书记"), "二片", "一片")
    assert codes(caught) == ["area.exists"]
    assert "'一片'" in describe(caught.value.problems[0], "en")
    assert "“一片”" in describe(caught.value.problems[0], "zh")
    with pytest.raises(InputError) as caught:
        roster.rename_area(as_(ledger, "马书记"), "二片", "二片")
    assert codes(caught) == ["area.same_name"]
    assert roster.list_areas(ledger) == ["一片", "二片"]
    assert audit.verify(ledger).entries == entries


def test_a_closed_month_still_verifies_after_a_rename_and_a_move(ledger):
    """Invariant 3 covers points: a closed month's stored tally keeps the names of its day,
    and verify compares points only, so the roster may change after a close."""
    enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    digest, _ = months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    roster.rename_area(as_(ledger, "马书记"), "二片", "河东片")
    roster.set_household_area(as_(ledger, "马书记"), "0004", "一片", reason="搬家")
    report = audit.verify(ledger)
    assert report.ok and report.months == 1
    assert months.tally(ledger, Month.parse("2026-10")).checksum == digest
