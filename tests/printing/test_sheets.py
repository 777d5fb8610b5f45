"""The monthly tally sheet and the rewards list."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import enter
from tests.printing.conftest import embedded_fonts, pdf_text
from village_tally.core.points import Points
from village_tally.core.problem import ParseError
from village_tally.core.reward import DEFAULT_REWARDS, Bracket, Rewards, award, parse_rewards
from village_tally.services import months
from village_tally.services.errors import InputError
from village_tally.services.printing import print_rewards, print_tally_sheet, sheet_data
from village_tally.services.session import Ledger


def test_tally_sheet_has_every_resident_and_the_sums(village: Ledger, tmp_path: Path) -> None:
    months.close_month(village, "2026-10")
    out = tmp_path / "tally.pdf"
    result = print_tally_sheet(village, month="2026-10", out=out)
    text = "\n".join(pdf_text(out))
    words = text.split()
    for name in ("马少军", "马丽", "曾重行", "王䶮", "𠮷田花", "王芳"):
        assert name in text
    assert "2旗1星" in words  # 马丽, 13 points
    assert "+29" in words  # the month's sum: 8 + 13 + 1 + 7 + 2 - 2
    assert "统计人" in text and "校验码" in text and "草稿" not in text
    assert f"第 {result.pages} 页 / 共 {result.pages} 页" in text
    assert all(embedded_fonts(out).values())


def test_an_open_month_tally_sheet_is_a_draft(village: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    print_tally_sheet(village, month="2026-10", out=out, lang="en")
    assert "DRAFT" in "\n".join(pdf_text(out))


def test_rewards_follow_the_brackets(village: Ledger, tmp_path: Path) -> None:
    brackets = tmp_path / "brackets.json"
    brackets.write_text(json.dumps({"basis": "total", "brackets": [
        {"name": "甲", "minimum": 10, "rice": 20, "oil": 2, "cash": 100},
        {"name": "乙", "minimum": "7", "rice": 10, "oil": 1}]}, ensure_ascii=False),
        encoding="utf-8")
    out = tmp_path / "rewards.pdf"
    print_rewards(village, month="2026-10", out=out, brackets=brackets)
    text = "\n".join(pdf_text(out))
    flat = text.replace("\n", " ")
    assert "马丽" in text and "马少军" in text and "王䶮" in text
    assert "曾重行" not in text and "王芳" not in text
    assert "合计：3 人，大米 40 斤，食用油 4 桶，现金 100 元" in flat
    assert all(embedded_fonts(out).values())


def test_award_is_best_bracket_highest_first(village: Ledger) -> None:
    rows = sheet_data(village, "2026-10").rows
    rewards = Rewards((Bracket("A", Points.of(10), cash=5), Bracket("B", Points.of(2), rice=1)))
    got = [(r.name, b.name) for r, b in award(rows, rewards)]
    assert got == [("马丽", "A"), ("马少军", "B"), ("王䶮", "B"), ("𠮷田花", "B")]
    assert DEFAULT_REWARDS.basis == "month"


@pytest.mark.parametrize("text", ["{", '{"brackets": []}', '{"brackets": [{"name": "a"}]}',
                                  '{"basis": "year", "brackets": [{"name": "a", "minimum": 1}]}',
                                  '{"brackets": [{"name": "a", "minimum": 1, "rice": -1}]}'])
def test_bad_brackets_say_why(text: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_rewards(text)
    assert err.value.code == "rewards.invalid" and err.value.params["detail"]


def test_a_bad_brackets_file_is_input_error_naming_it(village: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError) as err:
        print_rewards(village, month="2026-10", out=tmp_path / "r.pdf", brackets=bad)
    assert err.value.problems[0].where.file == str(bad)
    assert not (tmp_path / "r.pdf").exists()


def test_same_data_same_bytes(village: Ledger, tmp_path: Path) -> None:
    enter(village, "王芳", date="2026-11-05", rule="L1", quantity="30")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_rewards(village, month="2026-11", out=a)
    print_rewards(village, month="2026-11", out=b)
    assert a.read_bytes() == b.read_bytes()
    print_tally_sheet(village, month="2026-11", out=a)
    print_tally_sheet(village, month="2026-11", out=b)
    assert a.read_bytes() == b.read_bytes()


def test_the_villages_own_brackets_are_kept_and_printed(village: Ledger, tmp_path: Path) -> None:
    from village_tally.services import audit, rules

    mine = Rewards((Bracket("甲", Points.of(10), rice=20, oil=2, cash=100),
                    Bracket("乙", Points.of(7), rice=10, oil=1)), basis="total")
    rules.update_rewards(village, mine)
    assert village.scheme.rewards == mine
    out = tmp_path / "rewards.pdf"
    print_rewards(village, month="2026-10", out=out)  # no file given: the kept brackets
    flat = "\n".join(pdf_text(out)).replace("\n", " ")
    assert "合计：3 人，大米 40 斤，食用油 4 桶，现金 100 元" in flat
    # changing how stars are counted keeps the brackets, and both are audited
    rules.update_scheme(village, replace(village.scheme, stars_per_flag=5))
    assert village.scheme.rewards == mine and village.scheme.stars_per_flag == 5
    assert audit.verify(village).ok


def test_brackets_that_make_no_sense_are_refused(village: Ledger) -> None:
    from village_tally.services import rules

    bad = Rewards((Bracket("", Points.of(10), rice=-1), Bracket("乙", Points.of(10))))
    with pytest.raises(InputError) as caught:
        rules.update_rewards(village, bad)
    codes = {p.code for p in caught.value.problems}
    assert codes == {"rewards.name_missing", "rewards.amount_negative",
                     "rewards.minimum_repeated"}
    assert village.scheme.rewards == DEFAULT_REWARDS
