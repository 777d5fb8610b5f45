"""Hostile text and numbers are refused by the services themselves, so the command line, the
desktop program and imports refuse them alike: each problem names its field (or its cell), and
nothing is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import as_, enter
from village_tally.core.deed import MAX_ID, Source
from village_tally.core.points import MAX_POINTS, Points
from village_tally.core.problem import Field
from village_tally.core.rule import Rule
from village_tally.services import audit, deeds, importing, people, roster, rules
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, init_village

ESCAPE = "\x1b[2J\x1b[31m马少军"
OVERRIDE = "马\u202e军少"
LONG = "马" * 10_000


def head(ledger: Ledger) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT max(hash) || count(*) FROM audit").scalar())


def refused(call: Callable[[], object]) -> list[tuple[str, Field | None]]:
    with pytest.raises(InputError) as caught:
        call()
    return [(p.code, p.where.field) for p in caught.value.problems]


def test_the_roster_refuses_escapes_overrides_and_overlong_text(ledger: Ledger) -> None:
    before = head(ledger)
    assert refused(lambda: roster.add_resident(as_(ledger, "马书记"), roster.NewResident(
        name=ESCAPE, household="00\u202e01", area="片" * 31, door_plate="\x07",
        note=LONG))) == [("text.escape", Field.NAME), ("text.bidi", Field.HOUSEHOLD),
                         ("text.too_long", Field.AREA), ("text.control", Field.DOOR_PLATE),
                         ("text.too_long", Field.NOTE)]
    secretary = as_(ledger, "马书记")
    assert refused(lambda: roster.add_area(secretary, OVERRIDE)) == [("text.bidi", Field.AREA)]
    assert refused(lambda: roster.rename_area(secretary, "一片", "东\x00片")) == [
        ("text.control", Field.NEW_NAME)]
    assert refused(lambda: roster.set_household_area(secretary, "0001", "二片", reason=LONG)) == [
        ("text.too_long", Field.REASON)]
    assert head(ledger) == before


def test_a_name_with_an_invisible_character_is_the_same_person(ledger: Ledger) -> None:
    deed = enter(ledger, "\ufeff王\u200e芳\u200b", date="2026-11-03", rule="L1")
    assert deed.name == "王芳"
    assert refused(lambda: roster.add_resident(as_(ledger, "马书记"), roster.NewResident(
        name="王\u200b芳", household="0004"))) == [("resident.exists", Field.NAME)]


def test_a_deed_refuses_hostile_text_in_every_field(ledger: Ledger) -> None:
    before = head(ledger)
    assert sorted(refused(lambda: deeds.enter_deed(ledger, deeds.DeedInput(
        resident="王芳", date=dt.date(2026, 11, 3), points=Points(200), deed_text=ESCAPE,
        recorder=OVERRIDE, note=LONG, override="\x9b", source=Source(sheet="A\x7f"))))) == sorted([
            ("text.escape", Field.TEXT), ("text.bidi", Field.RECORDER),
            ("text.too_long", Field.NOTE), ("text.escape", Field.OVERRIDE),
            ("text.control", Field.SHEET)])
    assert refused(lambda: enter(ledger, ESCAPE, rule="L1")) == [("text.escape", Field.NAME)]
    assert head(ledger) == before
    deed = enter(ledger, "王芳", points="5", deed="扫雪")
    assert refused(lambda: people.sign_in(ledger, OVERRIDE, "1234")) == [
        ("text.bidi", Field.PERSON)]
    assert refused(lambda: deeds.void_deed(ledger, deed.id, reason="\x1b]0;owned\x07")) == [
        ("text.escape", Field.REASON), ("text.control", Field.REASON)]
    assert refused(lambda: people.sign_in(ledger, LONG, "1234")) == [
        ("text.too_long", Field.PERSON)]
    assert refused(lambda: rules.add_rule(as_(ledger, "马书记"),
                                          Rule("X\x1b", "扫\u202e雪", "", Points(100)))
                   ) == [("text.escape", Field.CODE), ("text.bidi", Field.TITLE)]


def test_a_village_name_is_checked(tmp_path: Path) -> None:
    assert refused(lambda: init_village(str(tmp_path / "v.db"), name="村" * 61)) == [
        ("text.too_long", Field.VILLAGE)]
    assert refused(lambda: init_village(str(tmp_path / "v.db"), name="\u202e村")) == [
        ("text.bidi", Field.VILLAGE)]


@pytest.mark.parametrize(("given", "code", "about"), [
    ({"points": Points(10**22), "deed_text": "捐款"}, "points.too_large", Field.POINTS),
    ({"points": Points(-10_000_001), "deed_text": "罚款"}, "points.too_large", Field.POINTS),
    ({"rule": "L1", "quantity": Decimal(10**20)}, "quantity.too_large", Field.QUANTITY),
    ({"rule": "N2", "quantity": Decimal(10_001)}, "deed.points_too_large", Field.QUANTITY),
    ({"rule": "L1", "source": Source("A-1", 2**70)}, "deed.line_invalid", Field.LINE),
    ({"rule": "L1", "source": Source("A-1", MAX_ID + 1)}, "deed.line_invalid", Field.LINE),
])
def test_numbers_beyond_what_a_deed_holds(ledger: Ledger, given, code, about) -> None:
    before = head(ledger)
    found = refused(lambda: deeds.enter_deed(ledger, deeds.DeedInput(
        resident="王芳", date=dt.date(2026, 11, 3), **given)))
    assert found == [(code, about)]
    assert head(ledger) == before


def test_the_largest_numbers_fit_the_database(ledger: Ledger) -> None:
    # A village may allow one deed as many points as the database holds (the scheme's limit).
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(
        ledger.scheme, max_deed_points=Points.of(MAX_POINTS)))
    ledger.reload()  # the gatherer's view of the scheme, as the secretary left it
    deed = enter(ledger, "王芳", points="-100000", deed="最大扣分", sheet="A-1", line=MAX_ID)
    assert str(deed.points) == "-100000" and deed.source.line == MAX_ID
    assert audit.verify(ledger).ok


def test_a_deed_id_beyond_the_database_is_no_deed(ledger: Ledger) -> None:
    for number in (2**70, MAX_ID + 1, 0, -1):
        assert refused(lambda n=number: deeds.approve_deed(as_(ledger, "马书记"), n)) == [
            ("deed.unknown", Field.DEED)]
        assert refused(lambda n=number: deeds.void_deed(ledger, n, reason="x")) == [
            ("deed.unknown", Field.DEED)]


def test_an_import_names_the_cell_of_hostile_text_and_huge_numbers(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    ledger = make_ledger(roster_text="王芳 0004 二片 户主")
    roster_csv = tmp_path / "roster.csv"
    roster_csv.write_text("姓名,户号,片区\n\x1b[31m马六,0009,一片\n马七,00\u202e10,一片\n",
                          encoding="utf-8")
    deeds_csv = tmp_path / "deeds.csv"
    deeds_csv.write_text("日期,姓名,细则编号,数量,积分,单号,行号,事项\n"
                         f"2026-11-03,王芳,L1,{10**20},,A-1,1,\n"
                         f"2026-11-03,王芳,,,{10**20},A-1,2,捐款\n"
                         f"2026-11-03,王芳,L1,1,,A-1,{2**70},\n"
                         f"2026-11-03,王芳,L1,1,,A-1,{'9' * 5000},\n", encoding="utf-8")
    before = head(ledger)
    with pytest.raises(InputError) as caught:
        importing.import_file(as_(ledger, "马书记"), "roster", roster_csv)
    assert [(p.code, p.where.row, p.where.column) for p in caught.value.problems] == [
        ("text.escape", 2, "A"), ("text.bidi", 3, "B")]
    with pytest.raises(InputError) as caught:
        importing.import_file(ledger, "deeds", deeds_csv)
    assert [(p.code, p.where.row, p.where.column) for p in caught.value.problems] == [
        ("quantity.too_large", 2, "D"), ("points.too_large", 3, "E"),
        ("cell.not_whole", 4, "G"), ("cell.not_whole", 5, "G")]
    # the approver of an import signs in: a name with a bidi override is refused there
    assert refused(lambda: people.sign_in(ledger, "马\u202e书记", "1234")) == [
        ("text.bidi", Field.PERSON)]
    assert head(ledger) == before
