"""A resident's statement: every entry month by month, its source, approval, void, totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import as_, enter
from tests.printing.conftest import embedded_fonts, pdf_text
from village_tally.core.month import Month
from village_tally.services import deeds, months
from village_tally.services.errors import InputError
from village_tally.services.printing import print_statement
from village_tally.services.session import Ledger


def test_statement_lists_every_entry_with_source_status_and_totals(ledger: Ledger,
                                                                   tmp_path: Path) -> None:
    enter(ledger, "曾重行", date="2026-10-05", rule="L1", quantity="2", sheet="一片-0007", line=3)
    enter(ledger, "曾重行", date="2026-10-09", rule="N1", sheet="一片-0007", line=4)
    big = enter(ledger, "曾重行", date="2026-10-12", rule="D1", quantity="30",
                sheet="一片-0008", line=1)
    deeds.approve_deed(as_(ledger, "马书记"), big.id)
    wrong = enter(ledger, "曾重行", date="2026-11-02", rule="C1", sheet="一片-0009", line=2)
    deeds.void_deed(as_(ledger, "马主任"), wrong.id, reason="抄错了行")
    pending = enter(ledger, "曾重行", date="2026-11-03", rule="N2", sheet="一片-0009", line=5)
    enter(as_(ledger, "马书记"), "曾重行", date="2026-11-04", rule="L1", sheet="一片-0009",
          line=6, recorder="马秀兰")  # the secretary typed 马秀兰's paper
    out = tmp_path / "statement.pdf"
    result = print_statement(as_(ledger, "马主任"), name="曾重行", out=out)
    text = "\n".join(pdf_text(out))
    flat = text.replace("\n", " ")
    assert "曾重行" in text and "0002户" in text
    for words in ("2026年10月", "2026年11月", "L1 义务劳动 ×2", "记分单 一片-0007 第 3 行",
                  "马书记 审批", "已作废：抄错了行（马主任）", "待审批（不计入）",
                  "本月计入 +30 分，累计 30 分", "本月计入 +1 分，累计 31 分",
                  "合计：已计入 31 分；待审批 -10 分（不计入）", "如何提出异议"):
        assert words in flat, words
    assert "马秀兰（马书记录入）" in flat.replace(" ", "")  # the recorder, and who typed it
    assert str(pending.id) in text.split()
    assert "第 1 页 / 共" in text
    assert result.pages >= 1
    assert all(embedded_fonts(out).values())


def test_a_closed_month_correction_names_the_original(ledger: Ledger, tmp_path: Path) -> None:
    first = enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    deeds.void_deed(as_(ledger, "马主任"), first.id, reason="重复记录")
    out = tmp_path / "s.pdf"
    print_statement(as_(ledger, "马主任"), name="王芳", out=out, lang="en")
    flat = " ".join(pdf_text(out)).replace("\n", " ")
    assert f"corrects entry no. {first.id}" in flat
    assert "running total 3" in flat and "running total 0" in flat


def test_namesakes_need_the_household(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        print_statement(as_(ledger, "马主任"), name="马少军", out=tmp_path / "x.pdf")
    assert err.value.problems[0].code == "resident.ambiguous"
    out = tmp_path / "ok.pdf"
    print_statement(as_(ledger, "马主任"), name="马少军", household="0003", out=out)
    assert "没有任何记录" in "".join(pdf_text(out))


def test_same_data_same_bytes(ledger: Ledger, tmp_path: Path) -> None:
    enter(ledger, "王芳", date="2026-11-05", rule="L1")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_statement(as_(ledger, "马主任"), name="王芳", out=a)
    print_statement(as_(ledger, "马主任"), name="王芳", out=b)
    assert a.read_bytes() == b.read_bytes()


def test_entries_within_a_month_are_in_date_order(ledger: Ledger, tmp_path: Path) -> None:
    late = enter(ledger, "王芳", date="2026-10-20", rule="L1", sheet="一片-0001", line=1)
    early = enter(ledger, "王芳", date="2026-10-02", rule="C1", sheet="一片-0002", line=1)
    out = tmp_path / "s.pdf"
    print_statement(as_(ledger, "马主任"), name="王芳", out=out)
    text = "".join(pdf_text(out))
    assert text.index("2026-10-02") < text.index("2026-10-20")
    assert late.id < early.id  # typed first


def test_a_long_month_goes_on_over_the_next_page_with_its_heading(ledger: Ledger,
                                                                  tmp_path: Path) -> None:
    enter(ledger, "王芳", date="2026-09-03", rule="L1")
    for day in range(1, 29):
        for line in (1, 2):
            enter(ledger, "王芳", date=f"2026-10-{day:02d}", rule="L1", sheet=f"S{day}",
                  line=line)
    out = tmp_path / "s.pdf"
    result = print_statement(as_(ledger, "马主任"), name="王芳", out=out)
    pages = pdf_text(out)
    assert result.pages >= 2
    assert "2026-10-01" in pages[0]  # October starts on the first page, not on the next
    assert "2026年10月" in pages[1] and "日期" in pages[1]  # headed again where it goes on


def test_a_yangqiao_statement_shows_the_score_not_a_negative_total(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    village = make_ledger("yangqiao", "李四 0001 东片 户主")
    for day in range(1, 26):
        enter(village, "李四", date=f"2026-10-{day:02d}", rule="Y3")  # -5 each: -125
    out = tmp_path / "s.pdf"
    print_statement(as_(village, "马主任"), name="李四", out=out)
    flat = "".join("".join(pdf_text(out)).split())
    assert "本月计入-125分，得分0" in flat
    assert "现在得分0（基础分80，各条合计-125分，得分在0–100之间）" in flat
    assert "累计-125" not in flat


def test_a_rongcheng_statement_shows_the_grade_held_down_by_drunk_driving(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    village = make_ledger("rongcheng", "张伟 0001 一网格 户主")
    enter(village, "张伟", rule="R1", date="2026-10-02", sheet="荣文〔2026〕12号", line=1)
    enter(village, "张伟", rule="R7", date="2026-11-02", sheet="荣交〔2026〕3号", line=1)
    out = tmp_path / "s.pdf"
    print_statement(as_(village, "马主任"), name="张伟", out=out, lang="en")
    flat = " ".join(" ".join(pdf_text(out)).split())
    assert "counted this month +30, score 1030, grade AA" in flat
    assert "score 1030, grade C (Drunk driving: grade at most C until 2027-10)" in flat
