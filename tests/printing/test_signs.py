"""Door signs: one per household, categories with filled and empty stars, two to a sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
    ratings.set_ratings(ledger, [Rating(h, "2026-Q3", cat, n) for h, cats in STARS.items()
                                 for cat, n in cats.items()], by="检查员")
    return ledger


def test_one_sign_per_household_with_head_door_and_quarter(yangqiao: Ledger,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "signs.pdf"
    result = print_signs(yangqiao, quarter="2026-Q3", out=out)
    texts = pdf_text(out)
    assert result.pages == len(texts) == 2  # three signs, two to a sheet
    text = "\n".join(texts)
    for words in ("户主：王䶮", "户主：李桂英", "户主：赵大海", "户号：0001", "2026年第3季度",
                  "庭院整洁", "遵纪守法", "垃圾分类", "诚信", "家风", "测试村", "沿虚线剪开",
                  "本季度未评"):
        assert words in text
    assert result.unrated == ("0003",)
    assert all(embedded_fonts(out).values())


def test_filled_and_empty_stars_match_the_ratings(yangqiao: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "signs.pdf"
    print_signs(yangqiao, quarter="2026-Q3", out=out)
    pages = sign.layout(sign_data(yangqiao, "2026-Q3"), 2)
    filled, empty = form_counts(out, art.STAR), form_counts(out, art.EMPTY_STAR)
    assert filled == [p.filled for p in pages]
    assert empty == [p.empty for p in pages]
    assert sum(filled) == sum(sum(c.values()) for c in STARS.values())  # 19 + 5
    assert sum(empty) == 2 * 25 - sum(filled)


def test_one_per_sheet_and_by_area(yangqiao: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "east.pdf"
    result = print_signs(yangqiao, quarter="2026Q3", out=out, per_sheet=1, area="东片")
    assert result.pages == 2
    assert "赵大海" not in "\n".join(pdf_text(out))


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
