"""Door signs: one per rated household, its overall level, the stars each category earned, two
to a sheet, and the committee that issues them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import as_
from tests.printing.conftest import embedded_fonts, form_counts, pdf_text
from village_tally.core.rating import Rating
from village_tally.printing import art, sign
from village_tally.services import ratings
from village_tally.services.errors import InputError
from village_tally.services.printing import print_signs, sign_data
from village_tally.services.session import Ledger

ROSTER = """
王䶮   0001 东片 户主
王小明 0001 东片
李桂英 0002 东片 户主
赵大海 0003 西片 户主
"""
STARS = {"0001": {"tidy": 5, "law": 4, "waste": 3, "credit": 5, "family": 2},
         "0002": {"tidy": 1, "law": 1, "waste": 1, "credit": 1, "family": 1}}


@pytest.fixture
def yangqiao(make_ledger: Callable[..., Ledger]) -> Ledger:
    """Two households rated for 2026-Q3; 0003 not rated."""
    ledger = make_ledger("yangqiao", ROSTER)
    ratings.set_ratings(as_(ledger, "马主任"), [Rating(h, "2026-Q3", cat, n)
                                              for h, cats in STARS.items()
                                              for cat, n in cats.items()])
    return ledger


def test_one_sign_per_rated_household_with_level_head_door_quarter_and_issuer(
        yangqiao: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "signs.pdf"
    result = print_signs(yangqiao, quarter="2026-Q3", out=out)
    texts = pdf_text(out)
    assert result.pages == len(texts) == 1  # two rated households, two to a sheet
    text = "\n".join(texts)
    for words in ("户主：王䶮", "户主：李桂英", "户号：0001", "2026年第3季度", "庭院整洁",
                  "遵纪守法", "垃圾分类", "诚信", "家风", "测试村", "沿虚线剪开",
                  "测试村村民委员会", "（盖章）", "四星级文明户", "文明户创建中"):
        assert words in text, words
    assert "赵大海" not in text and "未评" not in text  # 0003 was not rated: no sign
    assert result.unrated == ("0003",)
    assert all(embedded_fonts(out).values())


def test_only_earned_stars_are_drawn_and_the_overall_ones_from_three_up(
        yangqiao: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "signs.pdf"
    print_signs(yangqiao, quarter="2026-Q3", out=out)
    pages = sign.layout(sign_data(yangqiao, "2026-Q3"), 2)
    filled, empty = form_counts(out, art.STAR), form_counts(out, art.EMPTY_STAR)
    assert filled == [p.filled for p in pages]
    # 0001: 19 stars in its categories and 4 overall (3.8 rounds up); 0002: 5 and none overall
    assert sum(filled) == 19 + 4 + 5
    assert sum(empty) == 0


def test_a_quarter_nobody_was_rated_for_is_refused(yangqiao: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        print_signs(yangqiao, quarter="2026-Q4", out=tmp_path / "x.pdf")
    assert [p.code for p in err.value.problems] == ["print.quarter_unrated"]
    assert not (tmp_path / "x.pdf").exists()


def test_one_per_sheet_and_by_area(yangqiao: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "east.pdf"
    result = print_signs(yangqiao, quarter="2026Q3", out=out, per_sheet=1, area="东片")
    assert result.pages == 2
    assert "赵大海" not in "\n".join(pdf_text(out))
    with pytest.raises(InputError):  # 西片's one household was not rated
        print_signs(yangqiao, quarter="2026Q3", out=out, area="西片")


def test_same_data_same_bytes(yangqiao: Ledger, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_signs(yangqiao, quarter="2026-Q3", out=a)
    print_signs(yangqiao, quarter="2026-Q3", out=b)
    assert a.read_bytes() == b.read_bytes()


def test_a_scheme_without_categories_is_refused_plainly(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        print_signs(ledger, quarter="2026-Q3", out=tmp_path / "x.pdf")
    assert err.value.problems[0].code == "print.no_categories"
    assert not (tmp_path / "x.pdf").exists()
