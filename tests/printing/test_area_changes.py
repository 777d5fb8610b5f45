"""After an area is renamed and a household moves to another area, every printout that groups
or names residents by area reads the new names: the board, the tally sheet, the rewards list
and the field sheets of an area."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import as_
from tests.printing.conftest import pdf_text
from village_tally.core.month import Month
from village_tally.services import months, roster
from village_tally.services.errors import InputError
from village_tally.services.printing import (
    print_board,
    print_form,
    print_rewards,
    print_tally_sheet,
)
from village_tally.services.session import Ledger


@pytest.fixture
def changed(village: Ledger) -> Ledger:
    roster.rename_area(as_(village, "马书记"), "二片", "河东片")
    roster.set_household_area(as_(village, "马书记"), "0004", "一片", reason="搬到村西")
    return village


def test_the_open_months_board_shows_the_new_area_names(changed: Ledger,
                                                        tmp_path: Path) -> None:
    month = months.open_month(changed)
    out = tmp_path / "board.pdf"
    print_board(changed, month=month, out=out, paper="A4")
    text = "\n".join(pdf_text(out))
    assert "草稿" in text
    assert "河东片" in text and "二片" not in text
    # Under the headings (after the role models): 王芳's household now stands under 一片,
    # before the 河东片 heading; 王䶮's household under 河东片.
    body = text[text.index("一片\n0001户"):]
    assert body.index("0004户") < body.index("河东片") < body.index("0003户")


def cells_after(text: str, name: str) -> list[str]:
    """The household and area printed after a name (one cell a word in the text)."""
    cells = text.split()
    at = cells.index(name)
    return cells[at + 1:at + 3]


def test_the_tally_sheet_and_the_rewards_list_show_the_new_area_names(
        changed: Ledger, tmp_path: Path) -> None:
    tally, rewards = tmp_path / "tally.pdf", tmp_path / "rewards.pdf"
    print_tally_sheet(changed, month=Month.parse("2026-10"), out=tally)
    print_rewards(changed, month=Month.parse("2026-10"), out=rewards)
    for out in (tally, rewards):
        text = "\n".join(pdf_text(out))
        assert "二片" not in text, out.name
        assert cells_after(text, "王䶮") == ["0003", "河东片"], out.name
    # 王芳 (-2 points, no reward) is on the tally sheet only: in her household's new area.
    assert cells_after("\n".join(pdf_text(tally)), "王芳") == ["0004", "一片"]


def test_field_sheets_are_printed_for_the_new_name_and_refused_for_the_old(
        changed: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "field.pdf"
    print_form(changed, kind="field-sheet", out=out, area="河东片")
    assert "河东片" in "\n".join(pdf_text(out))
    with pytest.raises(InputError) as caught:
        print_form(changed, kind="field-sheet", out=out, area="二片")
    assert [p.code for p in caught.value.problems] == ["print.area_unknown"]
    assert "河东片" in caught.value.problems[0].params["choices"]
