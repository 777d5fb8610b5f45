"""Every problem code the spreadsheet code can raise has a Chinese and an English message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import village_tally
from tests.conftest import as_
from village_tally.core.problem import ParseError, Problem
from village_tally.exchange.sheet import read_grid
from village_tally.i18n import describe, exchange, has_message
from village_tally.services import importing
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger

ROOT = Path(village_tally.__file__).parent
SOURCES = [*sorted((ROOT / "exchange").glob("*.py")), ROOT / "services" / "importing.py",
           ROOT / "services" / "exporting.py", ROOT / "cli" / "exchange_cmds.py"]
CODE = re.compile(r'"((?:file|cell|import|points|quantity|quarter|rating|household|name|'
                  r'deed|date|cli|sheet|xcol|status|export)\.[a-z_0-9]+)"')


def test_every_code_has_both_languages() -> None:
    codes = {c for path in SOURCES for c in CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(codes) > 30
    assert sorted(c for c in codes if not has_message(c)) == []
    for code, (zh, en) in exchange.MESSAGES.items():
        assert zh.strip() and en.strip(), code
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), code


# --- what a refused sheet's message says, in the reader's words --------------------------------

FIELD_WORDS = re.compile(r"\b(name|household|date|quarter|rule|points|deed|recorder)\b")


def refusal(ledger: Ledger, kind: str, path: Path, **kw: Any) -> Problem:
    with pytest.raises(InputError) as info:
        importing.import_file(as_(ledger, "马书记"), kind, path, **kw)
    (problem,) = info.value.problems
    return problem


def test_refusals_name_columns_and_sheets_in_the_readers_words(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    """No English field key inside a Chinese message, every sheet name quoted, the where
    (file and sheet) said once, as every other problem says it."""
    wrong = xlsx("名单.xlsx", {"Sheet1": [["序号", "名字"], [1, "马丽"]],
                               "旧表": [["姓名", "户号"]]}, hidden_sheets=["旧表"])
    cases = [
        (refusal(ledger, "roster", wrong), "“旧表”", "姓名、户号"),
        (refusal(ledger, "deeds", xlsx("x.xlsx", {"S": [["a", "b"], [1, 2]]})), "“S”",
         "日期、姓名"),
        (refusal(ledger, "ratings", wrong, sheet="Sheet1"), "“Sheet1”", "户号、季度"),
        (refusal(ledger, "deeds", wrong, sheet="十一月"), "“Sheet1”、“旧表”", "“十一月”"),
    ]
    for problem, *wanted in cases:
        zh = describe(problem, "zh")
        assert not FIELD_WORDS.search(zh), zh
        assert all(w in zh for w in wanted), zh
        assert zh.count("名单.xlsx") + zh.count("x.xlsx") == 1, zh
    assert "'Sheet1', '旧表'" in describe(cases[3][0], "en")
    assert "name, household" in describe(cases[0][0], "en").lower()


def test_a_visible_chart_sheet_is_not_a_hidden_sheet(xlsx: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    path = xlsx("图表.xlsx", {"名单": [["姓名", "户号"], ["马丽", "0001"]],
                              "旧表": [["姓名"]]}, hidden_sheets=["旧表"])
    book = openpyxl.load_workbook(path)
    book.create_chartsheet("积分图")
    book.save(path)
    grid = read_grid(path)
    assert grid.hidden_sheets == ("旧表",)  # the chart sheet is visible: not listed here
    assert grid.sheet == "名单"
    with pytest.raises(ParseError) as info:
        read_grid(path, sheet="积分图")  # a chart has no cells to read
    assert "积分图" not in info.value.params["choices"]


def test_a_time_span_cell_reads_as_a_spreadsheet_shows_it(ledger: Ledger,
                                                          xlsx: Callable[..., Path]) -> None:
    path = xlsx("时长.xlsx", {"S": [["日期", "姓名", "编码", "备注"],
                                    ["2026-11-03", "马丽", "L1",
                                     dt.timedelta(days=10, hours=15, minutes=10, seconds=10)],
                                    ["2026-11-04", "王芳", "L1", dt.time(8, 30)]]})
    preview = importing.preview_import(ledger, "deeds", path)
    assert [r.cells["note"] for r in preview.rows] == ["255:10:10", "08:30:00"]
