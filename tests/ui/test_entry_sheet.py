"""The entry sheet without Qt: a line's state becomes a deed input, and the deed check's
problems become the field that takes the keyboard. Plain values in, plain values out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import add_roster, enter
from village_tally.core.deed import Source
from village_tally.core.points import parse_points
from village_tally.core.problem import Field, Problem, Where
from village_tally.services import deeds
from village_tally.ui.entry_line import say_text
from village_tally.ui.entry_sheet import EntrySheet
from village_tally.ui.sheet_line import Focus, Save


def sheet_for(ledger, number="S-01", gatherer="马秀兰", date="2026-11-03") -> EntrySheet:
    sheet = EntrySheet(ledger, "zh", 5)
    sheet.gatherer = gatherer
    sheet.date = date
    sheet.open_sheet(number)
    return sheet


def type_line(sheet, number, name, rule, *, quantity="", chosen=0):
    sheet.typed(number, Field.NAME, name)
    assert sheet.enter(number, Field.NAME, chosen) == Focus(Field.RULE, number)
    sheet.typed(number, Field.RULE, rule)
    sheet.enter(number, Field.RULE)
    if quantity:
        sheet.typed(number, Field.QUANTITY, quantity)
    return sheet.enter(number, Field.QUANTITY)


def test_a_typed_line_becomes_the_deed_to_save(ledger):
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, "wf")
    assert [r.name for r in sheet.choices] == ["王芳"] and sheet.choices_for == (1, Field.NAME)
    assert sheet.enter(1, Field.NAME) == Focus(Field.RULE, 1)
    line = sheet.line(1)
    assert (line.name, line.household, sheet.choices) == ("王芳", "0004 二片", [])
    sheet.typed(1, Field.RULE, "L1")
    assert sheet.enter(1, Field.RULE) == Focus(Field.QUANTITY, 1)
    sheet.typed(1, Field.QUANTITY, "2")
    assert line.points == "+2"
    sheet.typed(1, Field.NOTE, "王建国")
    save = sheet.enter(1, Field.QUANTITY)
    assert isinstance(save, Save) and save.line == 1
    assert save.deed == deeds.DeedInput(
        resident=line.resident.id, date=dt.date(2026, 11, 3), rule="L1",
        quantity=Decimal(2), recorder="马秀兰", source=Source("S-01", 1),
        note="证明人：王建国")


def test_a_namesake_is_picked_from_the_choices(ledger):
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, "马少军")
    households = [r.household for r in sheet.choices]
    save = type_line(sheet, 1, "马少军", "C1", chosen=households.index("0003"))
    assert sheet.line(1).household == "0003 二片"
    assert save.deed.resident == sheet.line(1).resident.id


def test_words_that_match_no_rule_ask_for_points_and_make_a_free_points_deed(ledger):
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, "wf")
    sheet.enter(1, Field.NAME)
    sheet.typed(1, Field.RULE, "帮五保户修屋顶")
    assert sheet.line(1).say.code == "ui.entry.free_hint"
    assert sheet.enter(1, Field.RULE) == Focus(Field.POINTS, 1)
    assert sheet.line(1).free_text == "帮五保户修屋顶"
    sheet.typed(1, Field.POINTS, "abc")
    assert sheet.enter(1, Field.POINTS) is None  # not a number: stay, the problem on the line
    assert sheet.line(1).say.problems[0].code == "points.not_a_number"
    sheet.typed(1, Field.POINTS, "5.5")
    save = sheet.enter(1, Field.POINTS)
    assert (save.deed.rule, save.deed.points, save.deed.deed_text) == (
        None, parse_points("5.5"), "帮五保户修屋顶")


def test_problems_send_the_keyboard_to_their_field(ledger):
    for line in range(1, 5):
        enter(ledger, "王芳", rule="C1", sheet="OLD", line=line)
    sheet = sheet_for(ledger)
    assert type_line(sheet, 1, "wf", "C1") == Focus(Field.OVERRIDE, 1)  # over the cap: why
    assert sheet.line(1).needs_reason and sheet.line(1).say.problems[0].code == \
        "deed.cap_reached"
    assert sheet.enter(1, Field.OVERRIDE) == Focus(Field.OVERRIDE, 1)  # a reason is needed
    sheet.typed(1, Field.OVERRIDE, "五保户，村委同意")
    assert sheet.enter(1, Field.OVERRIDE).deed.override == "五保户，村委同意"
    line = sheet.line(2)
    line.free_text = None
    for named, field in ((Field.LINE, Field.NAME), (Field.HOUSEHOLD, Field.NAME),
                         (Field.RULE, Field.RULE), (Field.TEXT, Field.RULE),
                         (Field.DATE, Field.DATE), (Field.MONTH, Field.DATE),
                         (Field.NOTE, Field.NOTE), (Field.QUANTITY, Field.QUANTITY),
                         (Field.POINTS, Field.QUANTITY), (None, Field.QUANTITY)):
        problem = Problem.at("x.y", Where(field=named))
        assert sheet.refused(2, [problem]) == Focus(field, 2), named
    for named in (Field.SHEET, Field.RECORDER):  # the header's
        assert sheet.refused(2, [Problem.at("x.y", Where(field=named))]) == Focus(named)
    line.free_text = "修路"
    assert sheet.refused(2, [Problem.at("x.y", Where(field=Field.POINTS))]) == \
        Focus(Field.POINTS, 2)


def test_the_header_comes_first(ledger):
    sheet = EntrySheet(ledger, "zh", 3)
    sheet.typed(1, Field.NAME, "wf")
    assert sheet.enter(1, Field.NAME) == Focus(Field.SHEET)
    assert sheet.line(1).say.problems[0].code == "ui.entry.need_sheet"
    sheet.open_sheet("S-01")
    assert sheet.enter(1, Field.NAME) == Focus(Field.RECORDER)
    sheet.gatherer = " 马秀兰 "
    sheet.date = "11-3"
    assert sheet.date_entered() == Focus(Field.NAME, 1)
    assert sheet.date == "2026-11-03" and sheet.line(3).date == "2026-11-03"


def test_a_line_handed_to_the_writer_is_locked_then_saved_or_opened_again(ledger):
    sheet = sheet_for(ledger)
    save = type_line(sheet, 1, "wf", "L1")
    assert sheet.saving(save) == Focus(Field.NAME, 2)
    assert not sheet.line(1).open and sheet.first_open() == 2
    assert sheet.enter(1, Field.NAME) == Focus(Field.NAME, 2)  # a locked line is passed over
    deed, _ = deeds.enter_deed(ledger, save.deed)
    assert sheet.saved(save, deed)
    sheet.save_ended(save)
    assert sheet.line(1).saved and sheet.line(1).say.code == "ui.entry.saved"
    assert sheet.total() == (1, deed.points)
    again = type_line(sheet, 2, "wf", "N1")
    sheet.saving(again)
    duplicate = Problem.at("deed.duplicate_line", Where(field=Field.LINE))
    assert sheet.refused_save(again, [duplicate]) == Focus(Field.NAME, 2)
    sheet.save_ended(again)
    assert sheet.line(2).open and sheet.line(2).rule_text == "N1"  # nothing typed is lost
    assert sheet.undone(deed.id) == Focus(Field.NAME, 1) and sheet.line(1).open


def test_a_save_that_ends_after_another_sheet_was_opened_leaves_it_alone(ledger):
    sheet = sheet_for(ledger)
    save = type_line(sheet, 1, "wf", "L1")
    sheet.saving(save)
    sheet.open_sheet("S-02")
    deed, _ = deeds.enter_deed(ledger, save.deed)
    assert not sheet.saved(save, deed) and sheet.line(1).open and not sheet.line(1).name


def test_a_sheet_entered_before_shows_its_lines(ledger):
    enter(ledger, "王芳", rule="L1", quantity="2", sheet="S-01", line=1)
    enter(ledger, "马丽", rule="N2", sheet="S-01", line=3)
    sheet = sheet_for(ledger)
    first, third = sheet.line(1), sheet.line(3)
    assert (first.name, first.rule_text, first.points, first.saved) == ("王芳", "L1", "+2", True)
    assert third.pending and third.say.code == "ui.entry.entered_before"
    assert sheet.first_open() == 2 and sheet.total()[0] == 2


# --- the same deed twice, and namesakes: asked, never taken silently -------------------------

def test_exact_matches_come_first_and_namesakes_side_by_side(ledger):
    """msj: every name whose initials are all of msj (both 马少军, 马世杰) before those they
    only begin (马少军杰, 马顺 …), namesakes next to each other by household; typed in full,
    the name itself first."""
    add_roster(ledger, "马世杰 0006 三片 户主\n马少军杰 0007 三片 户主\n马顺杰 0008 三片 户主")
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, "msj")
    shown = [(r.name, r.household) for r in sheet.choices]
    assert sorted(shown[:3]) == [("马世杰", "0006"), ("马少军", "0001"), ("马少军", "0003")]
    assert shown.index(("马少军", "0003")) == shown.index(("马少军", "0001")) + 1
    assert {n for n, _ in shown[3:]} == {"马少军杰", "马顺杰"}
    sheet.typed(1, Field.NAME, "马少军")
    assert [(r.name, r.household) for r in sheet.choices] == [
        ("马少军", "0001"), ("马少军", "0003"), ("马少军杰", "0007")]


@pytest.mark.parametrize("typed", ["马少军", "msj"])
def test_a_namesake_is_asked_for_before_the_line_goes_on(ledger, typed):
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, typed)
    assert sheet.enter(1, Field.NAME) is None  # Enter straight away: which one?
    line = sheet.line(1)
    assert line.resident is None and line.say.code == "ui.entry.which_namesake"
    text = say_text(line.say, "zh")
    assert "0001 一片" in text and "0003 二片" in text and "2 位马少军" in text
    assert sheet.choices  # still offered
    sheet.highlight(+1)
    assert sheet.enter(1, Field.NAME) == Focus(Field.RULE, 1)
    assert line.household == "0003 二片"


def test_a_namesake_picked_with_the_arrows_is_taken_at_once(ledger):
    sheet = sheet_for(ledger)
    sheet.typed(1, Field.NAME, "马少军")
    sheet.highlight(+1)
    sheet.highlight(-1)  # back to the first: chosen, not defaulted
    assert sheet.enter(1, Field.NAME) == Focus(Field.RULE, 1)
    assert sheet.line(1).household == "0001 一片"
    sheet.typed(2, Field.NAME, "王芳")  # no namesake: Enter takes her
    assert sheet.enter(2, Field.NAME) == Focus(Field.RULE, 2)


@pytest.mark.parametrize(("first", "second", "warned"), [
    (("wf", "L1", ""), ("wf", "L1", ""), True),
    (("wf", "L1", ""), ("wf", "L1", "2"), True),  # another quantity, the same deed
    (("wf", "L1", ""), ("wf", "N1", ""), False),
    (("wf", "L1", ""), ("ml", "L1", ""), False),
])
def test_the_same_deed_under_another_line_number_is_warned_then_saved_on_request(
        ledger, first, second, warned):
    sheet = sheet_for(ledger)
    sheet.saving(type_line(sheet, 1, first[0], first[1], quantity=first[2]))
    outcome = type_line(sheet, 3, second[0], second[1], quantity=second[2])
    if not warned:
        assert isinstance(outcome, Save)
        return
    assert outcome is None and sheet.line(3).say.code == "ui.entry.same_as_line"
    assert "第 1 行" in say_text(sheet.line(3).say, "zh")
    again = sheet.enter(3, Field.QUANTITY)  # a real repeat: the gatherer says so
    assert isinstance(again, Save) and again.line == 3


def test_a_line_of_the_sheet_saved_before_counts_and_another_date_does_not(ledger):
    enter(ledger, "王芳", rule="L1", date="2026-11-03", sheet="S-01", line=4)
    sheet = sheet_for(ledger)
    assert type_line(sheet, 1, "wf", "L1") is None
    assert sheet.line(1).say.params["line"] == 4
    sheet.typed(1, Field.DATE, "4")  # another day: another deed
    assert isinstance(sheet.enter(1, Field.QUANTITY), Save)
