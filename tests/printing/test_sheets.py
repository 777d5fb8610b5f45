"""The monthly tally sheet and the rewards list."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import add_roster, as_, enter
from tests.printing.conftest import embedded_fonts, pdf_text
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.core.problem import ParseError
from village_tally.core.reward import DEFAULT_REWARDS, Bracket, Rewards, award, parse_rewards
from village_tally.services import months
from village_tally.services.errors import InputError
from village_tally.services.printing import print_rewards, print_tally_sheet, sheet_data
from village_tally.services.session import Ledger


def test_tally_sheet_has_every_resident_and_the_sums(village: Ledger, tmp_path: Path) -> None:
    months.close_month(as_(village, "马书记"), Month.parse("2026-10"))
    out = tmp_path / "tally.pdf"
    result = print_tally_sheet(village, month=Month.parse("2026-10"), out=out)
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
    print_tally_sheet(village, month=Month.parse("2026-10"), out=out, lang="en")
    assert "DRAFT" in "\n".join(pdf_text(out))


def test_rewards_follow_the_brackets(village: Ledger, tmp_path: Path) -> None:
    brackets = tmp_path / "brackets.json"
    brackets.write_text(json.dumps({"basis": "total", "brackets": [
        {"name": "甲", "minimum": 10, "rice": 20, "oil": 2, "cash": 100},
        {"name": "乙", "minimum": "7", "rice": 10, "oil": 1}]}, ensure_ascii=False),
        encoding="utf-8")
    out = tmp_path / "rewards.pdf"
    print_rewards(village, month=Month.parse("2026-10"), out=out, brackets=brackets)
    text = "\n".join(pdf_text(out))
    flat = text.replace("\n", " ")
    assert "马丽" in text and "马少军" in text and "王䶮" in text
    assert "曾重行" not in text and "王芳" not in text
    assert "合计：3 人，大米 40 斤，食用油 4 桶，现金 100 元" in flat
    assert all(embedded_fonts(out).values())


def test_award_is_best_bracket_highest_first(village: Ledger) -> None:
    rows = sheet_data(village, Month.parse("2026-10")).rows
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
        print_rewards(village, month=Month.parse("2026-10"), out=tmp_path / "r.pdf", brackets=bad)
    assert err.value.problems[0].where.file == str(bad)
    assert not (tmp_path / "r.pdf").exists()


def test_same_data_same_bytes(village: Ledger, tmp_path: Path) -> None:
    enter(village, "王芳", date="2026-11-05", rule="L1", quantity="30")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_rewards(village, month=Month.parse("2026-11"), out=a)
    print_rewards(village, month=Month.parse("2026-11"), out=b)
    assert a.read_bytes() == b.read_bytes()
    print_tally_sheet(village, month=Month.parse("2026-11"), out=a)
    print_tally_sheet(village, month=Month.parse("2026-11"), out=b)
    assert a.read_bytes() == b.read_bytes()


def test_the_villages_own_brackets_are_kept_and_printed(village: Ledger, tmp_path: Path) -> None:
    from village_tally.services import audit, rules

    village = as_(village, "马书记")  # the secretary keeps the handbook
    mine = Rewards((Bracket("甲", Points.of(10), rice=20, oil=2, cash=100),
                    Bracket("乙", Points.of(7), rice=10, oil=1)), basis="total")
    rules.update_rewards(village, mine)
    assert village.scheme.rewards == mine
    out = tmp_path / "rewards.pdf"
    # no file given: the kept brackets
    print_rewards(village, month=Month.parse("2026-10"), out=out)
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
        rules.update_rewards(as_(village, "马书记"), bad)
    codes = {p.code for p in caught.value.problems}
    assert codes == {"rewards.name_missing", "rewards.amount_negative",
                     "rewards.minimum_repeated"}
    assert village.scheme.rewards == DEFAULT_REWARDS


LONG = """
阿依古丽·买买提 0001 一片 户主
玉素甫江·阿不都热合曼 0001 一片
马丽 0002 十片 户主
王芳 0003 二片 户主
"""


@pytest.fixture
def long_names(make_ledger: Callable[..., Ledger]) -> Ledger:
    ledger = make_ledger("rongcheng", LONG)
    for i, name in enumerate(("阿依古丽·买买提", "马丽")):
        enter(ledger, name, rule="R1", date="2026-11-02", sheet="荣文〔2026〕12号", line=i + 1)
    enter(ledger, "马丽", rule="R7", date="2026-11-03", sheet="荣交〔2026〕3号", line=1)
    enter(ledger, "王芳", rule="R6", date="2026-11-03", sheet="荣交〔2026〕3号", line=2)
    for n in range(70):  # enough rows for a second page
        add_roster(ledger, f"村民{n:02d} {n + 10:04d} 二片 户主")
    return ledger


def test_tally_sheet_keeps_names_whole_titles_every_page_and_hides_totals_below_zero(
        long_names: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "tally.pdf"
    result = print_tally_sheet(long_names, month=Month.parse("2026-11"), out=out)
    pages = pdf_text(out)
    assert result.pages >= 2
    for text in pages:  # every page says what it is
        assert "测试村 2026年11月 积分统计表" in text
    lines = pages[0].splitlines()
    assert any(line.startswith("阿依古丽·买买提") for line in lines)  # not cut mid-name
    assert any(line.startswith("玉素甫江·") for line in lines)
    words = " ".join(pages).split()
    at = words.index("马丽")  # R1 +30, then drunk driving: 1030 but grade at most C
    assert words[at:at + 9] == ["马丽", "0002", "十片", "—", "30", "+30", "30", "5旗", "1030"]
    assert words[at + 9] == "C"
    at = words.index("王芳")  # a ticket: -5, no total, no score, no grade
    assert words[at + 3:at + 7] == ["—", "-5", "-5", "—"]
    assert "995" not in words


def test_rewards_list_has_a_date_column_a_sign_off_and_whole_headings(
        village: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "rewards.pdf"
    print_rewards(village, month=Month.parse("2026-10"), out=out, lang="en")
    text = "\n".join(pdf_text(out))
    for words in ("Date received", "Signature", "Handed out by", "Checked by", "Household"):
        assert words in text, words
    assert "Househo\n" not in text
    out = tmp_path / "zh.pdf"
    print_rewards(village, month=Month.parse("2026-10"), out=out)
    text = "\n".join(pdf_text(out))
    assert "领取日期" in text and "经办人" in text and "审核人" in text
    assert "食用油\n（桶）" in text or "食用油（桶）" in text
    assert "（\n桶）" not in text and "食用油（\n" not in text


def test_each_preset_has_its_own_brackets() -> None:
    from village_tally.core.scheme import PRESETS

    tables = {name: s.rewards for name, s in PRESETS.items()}
    assert len(set(tables.values())) == len(tables)


def test_the_notice_period_on_the_tally_sheet_and_the_rewards_list(
        village: Ledger, tmp_path: Path) -> None:
    import datetime as dt

    from village_tally.core.notice import Notice

    notice = Notice(dt.date(2026, 11, 1), dt.date(2026, 11, 7), "马秀兰", "村委会办公室",
                    dt.date(2026, 11, 7))
    for verb in (print_tally_sheet, print_rewards):
        out = tmp_path / f"{verb.__name__}.pdf"
        verb(village, month=Month.parse("2026-10"), out=out, notice=notice)
        flat = "".join("".join(pdf_text(out)).split())
        assert "公示期：2026年11月1日至2026年11月7日" in flat, verb.__name__
        assert "请于2026年11月7日前到村委会办公室找马秀兰提出" in flat
