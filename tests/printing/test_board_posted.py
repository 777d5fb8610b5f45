"""The board as it is posted: ranks that never shame, ties and namesakes, areas in natural order
and headed again where they continue, the month's change, household totals, the notice period,
and the committee that issues it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import as_, enter
from tests.printing.conftest import pdf_text
from village_tally.core.month import Month
from village_tally.core.notice import Notice
from village_tally.core.points import Points
from village_tally.printing import board
from village_tally.services import rules
from village_tally.services.printing import board_data, print_board
from village_tally.services.session import Ledger

# Three at 140 (a tie), one at 150, two namesakes 马秀华, one at zero and one below it.
TIES = """
甲一 0001 一片 户主
甲二 0001 一片
乙一 0002 二片 户主
马秀华 0003 二片 户主
马秀华 0004 十片 户主
丙一 0005 十片 户主
丁一 0006 三片 户主
"""
TOTALS = {("甲一", "0001"): 150, ("甲二", "0001"): 140, ("乙一", "0002"): 140,
          ("马秀华", "0003"): 140, ("马秀华", "0004"): 5}


@pytest.fixture
def ties(make_ledger: Callable[..., Ledger]) -> Ledger:
    ledger = make_ledger(roster_text=TIES)
    # Each total is one deed here: the village allows a deed that large.
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(
        ledger.scheme, max_deed_points=Points.of(1000)))
    ledger.reload()  # the gatherer\'s view of the scheme, as the secretary left it
    for (name, household), points in TOTALS.items():
        enter(ledger, name, household=household, date="2026-10-03", rule="L1",
              quantity=str(points))
    enter(ledger, "丁一", date="2026-10-04", rule="N1")  # -2
    return ledger


def _rows(pages: list[board.BoardPage], kind: str = "row") -> list[board.Item]:
    return [i for p in pages for i in p.items if i.kind == kind]


def test_rank_order_lists_only_totals_above_zero_and_ties_share_a_rank(ties: Ledger) -> None:
    pages = board.layout(board_data(ties, Month.parse("2026-10")), "A3", "rank")
    got = [(i.rank, i.text, i.sub, i.total) for i in _rows(pages)]
    assert got == [(1, "甲一", "", "150"), (2, "甲二", "", "140"), (2, "乙一", "", "140"),
                   (2, "马秀华", "0003户", "140"), (5, "马秀华", "0004户", "5")]
    assert not any(i.rank is not None and i.total == "—" for i in _rows(pages, "row"))


def test_the_band_takes_every_tie_at_its_cut_or_none(ties: Ledger,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    data = board_data(ties, Month.parse("2026-10"))
    monkeypatch.setattr(board, "BAND", 3)  # the three at 140 do not fit with 150: all out
    assert [(i.rank, i.text) for i in _rows(board.layout(data, "A4"), "model")] == [(1, "甲一")]
    monkeypatch.setattr(board, "BAND", 4)
    assert [i.rank for i in _rows(board.layout(data, "A4"), "model")] == [1, 2, 2, 2]


def test_the_printed_rank_board_never_names_a_total_at_or_below_zero(
        ties: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "rank.pdf"
    print_board(ties, month=Month.parse("2026-10"), out=out, paper="A3", order="rank")
    text = "\n".join(pdf_text(out))
    assert "甲一" in text and "0004户" in text
    assert "丙一" not in text and "丁一" not in text
    assert "只列累计积分在零以上的村民" in text


def test_areas_come_in_natural_order_and_household_order_names_the_area(
        ties: Ledger) -> None:
    data = board_data(ties, Month.parse("2026-10"))
    areas = [i.text for i in _rows(board.layout(data, "A4", "area"), "area")]
    assert areas == ["一片", "二片", "三片", "十片"]
    lines = [i.text for i in _rows(board.layout(data, "A4", "household"), "household")]
    assert lines[0] == "0001户 · 一片 · 全户 290 分"
    assert lines[-1] == "0006户 · 三片"  # -2: no household figure


@pytest.fixture
def big_area(make_ledger: Callable[..., Ledger]) -> Ledger:
    """Two areas: 一片 long enough to run over several columns of an A4 board."""
    lines = [f"村民{n:03d} {n // 2 + 1:04d} {'一片' if n < 150 else '二片'}"
             f"{' 户主' if n % 2 == 0 else ''}" for n in range(170)]
    return make_ledger(roster_text="\n".join(lines))


def test_an_area_continuing_onto_a_new_column_or_page_is_headed_again(
        big_area: Ledger) -> None:
    pages = board.layout(board_data(big_area, Month.parse("2026-11")), "A4", "area")
    assert len(pages) > 1
    for p in pages:
        tops = [i for i in p.items if i.kind == "colhead"]
        for head in tops:  # whatever comes first in a column is an area heading
            below = [i for i in p.items if i.x == head.x and i.y < head.y]
            first = max(below, key=lambda i: i.y)
            assert first.kind in ("area", "closing"), (p.number, first)
    headings = [i.text for i in _rows(pages, "area")]
    assert headings[0] == "一片" and "一片（续）" in headings and "二片" in headings


def test_the_months_change_and_the_household_total(ties: Ledger) -> None:
    enter(ties, "甲二", date="2026-11-02", rule="L1", quantity="3")
    enter(ties, "丁一", date="2026-11-02", rule="L1", quantity="1")  # -2 + 1: still below
    pages = board.layout(board_data(ties, Month.parse("2026-11")), "A4", "area")
    rows = {i.text: i for i in _rows(pages)}
    assert rows["甲二"].change == "本月 +3" and rows["甲二"].total == "143"
    assert rows["甲一"].change == ""  # nothing added this month
    assert rows["丁一"].change == "" and rows["丁一"].total == "—"
    households = [i.text for i in _rows(pages, "household")]
    assert "0001户 · 全户 293 分" in households
    assert not any("0006户 · 全户" in h for h in households)  # -1: no figure


NOTICE = Notice(dt.date(2026, 11, 1), dt.date(2026, 11, 7), "马秀兰（电话 139 0000 1234）",
                "村委会办公室", dt.date(2026, 11, 7))


def test_the_notice_period_the_committee_its_seal_and_the_statement_line(
        ties: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    print_board(ties, month=Month.parse("2026-10"), out=out, paper="A3", notice=NOTICE)
    flat = "".join("\n".join(pdf_text(out)).split())
    for words in ("公示期：2026年11月1日至2026年11月7日", "请于2026年11月7日前到村委会办公室",
                  "马秀兰（电话13900001234）", "测试村村民委员会", "（盖章）", "《村民积分明细》",
                  "A3纸"):
        assert words in flat, words
    plain = tmp_path / "plain.pdf"
    print_board(ties, month=Month.parse("2026-10"), out=plain, paper="A3", lang="en")
    text = "\n".join(pdf_text(plain))
    assert "public notice" not in text.lower().replace("draft · for public notice", "")
    assert "Villagers' Committee" in text


def test_a_closed_months_papers_reprint_byte_for_byte_after_the_next_months_deeds(
        ties: Ledger, tmp_path: Path) -> None:
    from village_tally.services import months
    from village_tally.services.printing import print_rewards, print_tally_sheet

    months.close_month(as_(ties, "马书记"), Month.parse("2026-10"))
    october = Month.parse("2026-10")
    verbs = {"board": lambda out: print_board(ties, month=october, out=out, order="rank"),
             "tally": lambda out: print_tally_sheet(ties, month=october, out=out),
             "rewards": lambda out: print_rewards(ties, month=october, out=out)}
    for name, verb in verbs.items():
        verb(tmp_path / f"{name}-first.pdf")
    enter(ties, "乙一", date="2026-11-02", rule="C1")  # a role model does more in November
    enter(ties, "丙一", date="2026-11-02", rule="L1", quantity="200")
    for name, verb in verbs.items():
        verb(tmp_path / f"{name}-again.pdf")
        first = (tmp_path / f"{name}-first.pdf").read_bytes()
        assert (tmp_path / f"{name}-again.pdf").read_bytes() == first, name


def test_what_a_role_model_did_counts_approved_deeds_with_points_up_to_the_month(
        ties: Ledger) -> None:
    """The band says what each role model did, most points first, as the rules name it: a
    voided deed, a deduction and a later month's deed are not among them."""
    from village_tally.services import deeds

    enter(ties, "甲一", date="2026-10-05", rule="C1")
    enter(ties, "甲一", date="2026-10-06", rule="C1")
    gone = enter(ties, "甲一", date="2026-10-07", rule="C1")
    deeds.void_deed(as_(ties, "马书记"), gone.id, reason="抄错")
    enter(ties, "甲一", date="2026-10-08", rule="N1")  # a deduction: not a good deed
    enter(ties, "甲一", date="2026-11-02", rule="C1")  # after the month
    enter(ties, "乙一", date="2026-10-05", rule="C1")
    title = {r.code: r.title("zh") for r in ties.scheme.rules}
    data = board_data(ties, Month.parse("2026-10"))
    by_name = {r.name: r.resident_id for r in data.rows}
    assert data.did[by_name["甲一"]] == ((title["L1"], 1), (title["C1"], 2))
    assert data.did[by_name["乙一"]] == ((title["L1"], 1), (title["C1"], 1))
    assert data.did[by_name["甲二"]] == ((title["L1"], 1),)


def test_an_open_months_board_names_who_lives_here_with_their_door_plates(
        ties: Ledger) -> None:
    """Someone who moved away is not on the open month's board; a household's door plate is
    on its line, a household without one has none."""
    from village_tally.services import roster

    secretary = as_(ties, "马书记")
    roster.add_resident(secretary, roster.NewResident(name="新来的", household="0007",
                                                      area="三片", door_plate="幸福路8号"))
    gone = next(r for r in roster.list_residents(ties) if r.name == "丙一")
    roster.set_resident_status(secretary, gone.id, "moved", reason="外迁")
    data = board_data(ties, Month.parse("2026-10"))
    assert "丙一" not in {r.name for r in data.rows}
    assert "新来的" in {r.name for r in data.rows}
    assert dict(data.door_plates) == {"0007": "幸福路8号"}
    lines = [i.text for i in _rows(board.layout(data, "A4"), "household")]
    assert any("幸福路8号" in line for line in lines)
