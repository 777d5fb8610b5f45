"""The printing commands of the CLI contract: board, signs, statement, forms (and tally-sheet,
rewards) write their PDF and exit 0; bad input exits 2 naming the option and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import as_, enter
from village_tally.core.rating import Rating
from village_tally.services import ratings
from village_tally.services.session import Ledger

ROSTER = """
王䶮   0001 东片 户主
𠮷田花 0001 东片
李桂英 0002 西片 户主
"""


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "VILLAGE_TALLY_PIN": "1234"}
    return subprocess.run([sys.executable, "-m", "village_tally", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture
def db(make_ledger: Callable[..., Ledger]) -> Path:
    ledger = make_ledger("yangqiao", ROSTER)
    enter(ledger, "王䶮", date="2026-10-05", rule="Y1", sheet="东片-0001", line=1)
    enter(ledger, "李桂英", date="2026-10-06", rule="Y3", sheet="西片-0001", line=1)
    ratings.set_ratings(as_(ledger, "马主任"), [Rating("0001", "2026-Q4", c.code, 4)
                                 for c in ledger.scheme.categories])
    path = Path(ledger.engine.url.database or "")
    ledger.close()
    return path


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


@pytest.mark.parametrize(("args", "expect"), [
    (["board", "--month", "2026-10", "--paper", "a4"], ["王䶮", "𠮷田花", "积分榜", "草稿"]),
    (["signs", "--quarter", "2026-Q4"], ["户主：王䶮", "四星级文明户", "测试村村民委员会"]),
    (["--as", "马主任", "statement", "--name", "王䶮"],
     ["Y1 爱岗敬业", "记分单 东片-0001 第 1 行"]),
    (["forms", "field-sheet", "--area", "东片"], ["东片-0001", "Y3 河埠头乱扔垃圾"]),
    (["forms", "inspection", "--area", "西片"], ["李桂英", "家风"]),
    (["tally-sheet", "--month", "2026-10"], ["积分统计表", "王䶮"]),
    (["rewards", "--month", "2026-10"], ["奖励名单"]),
])
def test_each_command_writes_its_pdf(db: Path, tmp_path: Path, args: list[str],
                                     expect: list[str]) -> None:
    out = tmp_path / "out.pdf"
    done = run(db, *args, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    text = text_of(out)
    for words in expect:
        assert words in text.replace("\n", " "), words


def test_english_pdf_on_request(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    done = run(db, "--lang", "en", "board", "--month", "2026-10", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "points board" in text_of(out)


@pytest.mark.parametrize(("args", "option"), [
    (["board", "--month", "2026-13"], "--month"),
    (["board", "--month", "2026-10", "--paper", "B5"], "--paper"),
    (["signs", "--quarter", "2026-Q5"], "--quarter"),
    (["signs", "--quarter", "2026-Q4", "--area", "北片"], "--area"),
    (["signs", "--quarter", "2026-Q3"], "--quarter"),  # nobody rated: no empty signs
    (["--as", "马主任", "statement", "--name", "无此人"], "--name"),
    (["statement", "--name", "王䶮"], "--as"),  # personal data: only signed in
    (["forms", "field-sheet", "--sheets", "0"], "--sheets"),
    (["rewards", "--month", "2026-10", "--brackets", "/nonexistent.json"], "--brackets"),
])
def test_bad_input_exits_2_naming_the_option_and_writes_nothing(
        db: Path, tmp_path: Path, args: list[str], option: str) -> None:
    out = tmp_path / "out.pdf"
    done = run(db, *args, "--out", str(out))
    assert done.returncode == 2
    assert option in done.stderr or option.lstrip("-") in done.stderr
    assert not out.exists()


def test_two_runs_in_two_processes_give_the_same_bytes(db: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        done = run(db, "board", "--month", "2026-10", "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert a.read_bytes() == b.read_bytes()


def test_rewards_save_keeps_the_brackets_for_next_time(db: Path, tmp_path: Path) -> None:
    brackets = tmp_path / "奖励.json"
    brackets.write_text('{"basis": "total", "brackets": [{"name": "特等", "minimum": 1, '
                        '"rice": 5}]}', encoding="utf-8")
    first = run(db, "--as", "马书记", "rewards", "--month", "2026-10", "--brackets",
                str(brackets), "--save", "--out", str(tmp_path / "a.pdf"))
    assert first.returncode == 0, first.stderr
    again = run(db, "rewards", "--month", "2026-10", "--out", str(tmp_path / "b.pdf"))
    assert again.returncode == 0, again.stderr
    assert "特等" in text_of(tmp_path / "b.pdf")


def test_signs_name_the_households_left_without_one(db: Path, tmp_path: Path) -> None:
    done = run(db, "signs", "--quarter", "2026-Q4", "--out", str(tmp_path / "s.pdf"))
    assert done.returncode == 0, done.stderr
    assert "0002" in done.stderr and "0001" not in done.stderr
