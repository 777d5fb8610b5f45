"""The village-hall screen in Yangqiao, on each backend: 李秀英 finds her household by the
number on her door, reads the board and her statement, reports her neighbour's visit to his
parents; it waits for the committee like any deed, names the screen, and once approved counts.
What the screen refuses, and the door signs feeding the score, as PRESETS says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW, as_, fixed_clock
from tests.helpers.story import backend, story_village
from village_tally.core.deed import Status
from village_tally.core.kiosk import KIOSK
from village_tally.core.month import Month
from village_tally.core.points import ZERO
from village_tally.core.rating import Rating
from village_tally.printing.statement import recorder_text, score_text, source_text
from village_tally.services import audit, audit_log, deeds, kiosk, months, printing, ratings
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger

ROSTER = """
王大明 0012 东片 户主
李秀英 0012 东片
张伟   0013 西片 户主
"""
TODAY = NOW.date()


@pytest.fixture(params=["sqlite", "postgresql"])
def village(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    ledger = story_village(backend(request, tmp_path), ROSTER, fixed_clock, preset="yangqiao")
    yield ledger
    ledger.close()


def screen(ledger: Ledger) -> Ledger:
    """The screen in the village hall, opened by committee member 马主任 with her PIN."""
    return as_(ledger, "马主任")


def test_a_neighbours_good_deed_reported_at_the_screen_waits_then_counts(
        village: Ledger) -> None:
    hall = screen(village)
    # the door plate reads "12"; the name as she types it
    [li] = kiosk.find_residents(hall, "１２号", " 李秀英")
    [zhang] = kiosk.find_residents(hall, "13", "张伟")
    assert kiosk.find_residents(hall, "13", "李秀英") == []  # not her door
    assert [r.code for r in kiosk.good_deeds(hall)] == ["Y1", "Y2"]  # no deductions offered
    reported, _ = kiosk.report_deed(hall, kiosk.Report(li.id, zhang.id, "Y2", TODAY,
                                                       note="陪父亲去镇医院"))
    assert (reported.status, reported.recorder, reported.typist, reported.source.sheet) == (
        Status.PENDING, "李秀英", KIOSK, KIOSK)
    assert kiosk.board(hall).rows[2].total_points.hundredths == 0  # not counted yet
    statement = printing.statement_data(hall, "张伟")
    [shown] = statement.deeds
    # the villager's note beside the deed, bracketed as each language writes it
    [(_, deed_en, _, _)] = kiosk.statement(hall, zhang, "en").lines
    [(_, deed_zh, _, _)] = kiosk.statement(hall, zhang, "zh").lines
    assert deed_en.endswith(" (陪父亲去镇医院)") and deed_zh.endswith("（陪父亲去镇医院）")
    assert (recorder_text(shown, "zh"), source_text(shown, "en")) == (
        "李秀英（自助屏报告）", "the village-hall screen")
    # the committee member who opened the screen approves it: she neither recorded nor typed it
    deeds.approve_deed(hall, reported.id)
    row = next(r for r in kiosk.board(hall).rows if r.name == "张伟")
    assert (str(row.month_points), str(row.score)) == ("6", "86")
    [line] = [x for x in audit_log.audit_log(hall) if x.action == "report"]
    assert (line.actor, line.text("en")) == (
        "马主任", "reported at the screen #1: 张伟 (0013) 看望父母或陪父母看病 +6, waiting for "
        "approval")
    assert audit.verify(hall).ok


def test_the_screen_reports_good_deeds_only_and_touches_nothing_else(village: Ledger) -> None:
    hall = screen(village)
    [li] = kiosk.find_residents(hall, "12", "李秀英")
    with pytest.raises(InputError) as caught:  # a deduction for a neighbour: never
        kiosk.report_deed(hall, kiosk.Report(li.id, li.id, "Y3", TODAY))
    assert [p.code for p in caught.value.problems] == ["kiosk.good_deeds_only"]
    with pytest.raises(InputError) as caught:  # a deed dated tomorrow, a rule that is not
        kiosk.report_deed(hall, kiosk.Report(li.id, li.id, "Y9", TODAY.replace(day=23)))
    assert sorted(p.code for p in caught.value.problems) == ["date.future", "rule.unknown"]
    kiosk.report_deed(hall, kiosk.Report(li.id, li.id, "Y2", TODAY))
    kiosk.report_deed(hall, kiosk.Report(li.id, li.id, "Y2", TODAY))
    with pytest.raises(InputError) as caught:  # twice a month is the cap: no override here
        kiosk.report_deed(hall, kiosk.Report(li.id, li.id, "Y2", TODAY))
    assert [p.code for p in caught.value.problems] == ["deed.cap_reached"]
    assert all(d.status is Status.PENDING for d in deeds.list_deeds(hall))
    # only a committee member or the secretary opens the screen
    with pytest.raises(InputError) as caught:
        kiosk.report_deed(as_(village, "马秀兰"), kiosk.Report(li.id, li.id, "Y1", TODAY))
    assert [p.code for p in caught.value.problems] == ["authority.role_may_not"]


def test_door_signs_feed_the_yangqiao_score(village: Ledger) -> None:
    """PRESETS: each category of the household's latest rated quarter adds its stars minus 3;
    base 80, clamped to 0–100."""
    committee = as_(village, "马主任")
    stars = dict(zip(("tidy", "law", "waste", "credit", "family"), (5, 4, 3, 5, 2),
                     strict=True))
    ratings.set_ratings(committee, [Rating("0012", "2026-Q3", c, 1) for c in stars])
    november = Month.parse("2026-11")
    scores = {r.name: str(r.score) for r in months.tally(village, november).rows}
    assert scores == {"王大明": "70", "李秀英": "70", "张伟": "80"}  # Q3: five 1★ signs, −10
    ratings.set_ratings(committee, [Rating("0012", "2026-Q4", c, s) for c, s in stars.items()])
    scores = {r.name: str(r.score) for r in months.tally(village, november).rows}
    assert scores == {"王大明": "84", "李秀英": "84", "张伟": "80"}  # Q4 replaces Q3: +4
    data = printing.statement_data(committee, "王大明")  # the statement says the same
    assert score_text(data, ZERO, november, "en").startswith("score 84")
