"""The command-line contract of DESIGN.md: exit status 0/2/1, messages that name the option,
ids on stdout, JSON points as strings, every resident a row."""

import subprocess
import sys
from decimal import Decimal

import pytest

from tests.cli.conftest import THIS_MONTH, new_village


def setup_village(cli):
    new_village(cli)
    for args in (["--name", "马少军", "--household", "0001", "--area", "一片", "--head"],
                 ["--name", "马少军", "--household", "0003", "--area", "二片"],
                 ["--name", "王芳", "--household", "0004"]):
        assert cli("resident", "add", *args).code == 0


def test_enter_tally_json_and_close(cli):
    setup_village(cli)
    r = cli("enter", "--name", "王芳", "--date", "2026-10-03", "--rule", "L1", "--quantity", "2",
            "--sheet", "A-01", "--line", "1")
    assert r.code == 0, r.err
    assert r.out.strip().isdigit()
    r = cli("enter", "--name", "马少军", "--household", "0003", "--date", "2026-10-04",
            "--points", "0.5", "--deed", "帮忙抄水表", "--sheet", "A-01", "--line", "2")
    assert r.code == 0, r.err
    pending_id = r.out.strip()
    r = cli("approve", pending_id, "--by", "马主任")  # 马书记 typed it: someone else approves
    assert r.code == 0, r.err
    rows = cli("tally", "--month", "2026-10", "--format", "json").json()
    assert len(rows) == 3
    by_key = {(row["name"], row["household"]): row for row in rows}
    fang = by_key[("王芳", "0004")]
    assert fang["month_points"] == "2" and fang["total_points"] == "2"
    assert (fang["star_total"], fang["flags"], fang["stars"]) == (2, 0, 2)
    assert fang["pending_points"] == "0"
    assert by_key[("马少军", "0003")]["total_points"] == "0.5"
    assert all(isinstance(row["total_points"], str) for row in rows)
    assert "score" not in fang
    r = cli("close", "--month", "2026-10")
    assert r.code == 0, r.err
    assert len(r.out.strip()) == 64
    r = cli("verify")
    assert r.code == 0 and "verified" in r.err


def test_bad_input_exits_2_naming_every_problem_and_writes_nothing(cli):
    setup_village(cli)
    r = cli("enter", "--name", "王芳", "--date", "2026-13-40", "--points", "两", "--deed", "x")
    assert r.code == 2
    assert "--date" in r.err and "--points" in r.err
    r = cli("enter", "--name", "马少军", "--date", "2026-10-03", "--rule", "L1")
    assert r.code == 2
    assert "0001" in r.err and "0003" in r.err
    r = cli("enter", "--name", "无名", "--date", "2026-10-03", "--rule", "XX")
    assert r.code == 2 and "无名" in r.err and "XX" in r.err
    totals = cli("tally", "--month", THIS_MONTH, "--format", "json").json()
    assert totals[0]["total_points"] == "0"
    r = cli("tally", "--month", "2026/10", "--format", "json")
    assert r.code == 2 and "--month" in r.err
    r = cli("approve", "999", "--by", "马主任")
    assert r.code == 2 and "999" in r.err
    r = cli("frobnicate")
    assert r.code == 2


def test_a_problem_names_the_option_of_its_field(cli):
    """Services name domain fields; the command line says them as the options typed."""
    setup_village(cli)
    r = cli("enter", "--name", "王芳", "--date", "2026-10-03", "--points", "5", "--deed", "扫雪")
    assert r.code == 0, r.err
    pending = r.out.strip()
    r = cli("approve", pending, "--by", "马书记")  # who typed it
    assert r.code == 2 and "DEED_ID" in r.err and "马书记 recorded deed" in r.err
    r = cli("void", "999", "--reason", "x")
    assert r.code == 2 and "DEED_ID" in r.err
    r = cli("void", pending, "--reason", " ")
    assert r.code == 2 and "--reason" in r.err
    r = cli("close", "--month", "2026-10")
    assert r.code == 2 and "--month" in r.err
    r = cli("enter", "--name", "无名", "--date", "2026-10-03", "--rule", "L1")
    assert r.code == 2 and "--name" in r.err
    r = cli("area", "rename", "三片", "四片")
    assert r.code == 2 and "OLD" in r.err and "--area" not in r.err


def test_a_month_is_read_strictly_and_must_be_in_the_ledger(cli, tmp_path):
    """2026-1, 2026-13, 0000-01, 26-10 and 2026-10-01 are refused saying why; a month before
    the ledger began or after this one has nothing to tally or print, and the message names
    the months there are."""
    setup_village(cli)
    for text, why in (("2026-1", "two digits"), ("2026-13", "01 to 12"), ("0000-01", "0000"),
                      ("26-10", "YYYY-MM"), ("2026-10-01", "a day")):
        r = cli("tally", "--month", text)
        assert r.code == 2 and "--month" in r.err and why in r.err, (text, r.err)
    for verb in (["tally"], ["board", "--out", str(tmp_path / "b.pdf")]):
        r = cli(*verb, "--month", "1999-01")
        assert r.code == 2 and f"from {THIS_MONTH} to {THIS_MONTH}" in r.err, r.err
    assert not (tmp_path / "b.pdf").exists()


def test_messages_in_chinese(cli):
    setup_village(cli)
    r = cli("enter", "--name", "无名", "--date", "2026-10-03", "--rule", "L1", lang="zh")
    assert r.code == 2 and "没有叫“无名”的村民" in r.err


def test_cap_override_and_void_from_the_command_line(cli):
    setup_village(cli)
    r = cli("enter", "--name", "王芳", "--date", "2026-10-03", "--rule", "A1")
    assert r.code == 0
    first = r.out.strip()
    r = cli("enter", "--name", "王芳", "--date", "2026-10-04", "--rule", "A1")
    assert r.code == 2 and "A1" in r.err
    r = cli("enter", "--name", "王芳", "--date", "2026-10-04", "--rule", "A1",
            "--override", "两个儿子参军")
    assert r.code == 0, r.err
    assert cli("void", first, "--reason", "登记重复").code == 0
    rows = cli("tally", "--month", "2026-10", "--format", "json").json()
    fang = next(r for r in rows if r["name"] == "王芳")
    assert (fang["total_points"], fang["pending_points"]) == ("0", "10")  # the override waits


def test_rules_json_and_schemes(cli):
    assert cli("init", "--village", "东岛卢家", "--scheme", "dongdao-lujia",
               "--secretary", "卢文书").code == 0
    rules = cli("rules", "--format", "json").json()
    h4 = next(r for r in rules if r["code"] == "H4")
    assert Decimal(h4["points"]) == Decimal("0.5")
    assert cli("init", "--village", "again", "--secretary", "卢文书").code == 2


def test_rules_say_their_cap_period_and_way_back_and_kiosk_takes_no_command(cli):
    """The army rule is once a year (PRESETS); no rule lapses until the committee says so;
    --kiosk opens the desktop program and is refused beside a command."""
    assert cli("init", "--village", "马家村", "--secretary", "马书记").code == 0
    army = next(r for r in cli("rules", "--format", "json").json() if r["code"] == "A1")
    assert (army["monthly_cap"], army["cap_period"], army["lapse_months"]) == ("1", "year", None)
    assert "1 每年" in cli("rules", lang="zh").out
    refused = cli("--kiosk", "rules")
    assert refused.code == 2 and "--kiosk" in refused.err and "Traceback" not in refused.err


def test_rongcheng_rows_have_score_and_grade(cli):
    assert cli("init", "--village", "荣成", "--scheme", "rongcheng",
               "--secretary", "马书记").code == 0
    assert cli("resident", "add", "--name", "张伟", "--household", "1").code == 0
    r = cli("enter", "--name", "张伟", "--date", "2026-10-03", "--rule", "R1")
    assert r.code == 2 and "document" in r.err
    assert cli("enter", "--name", "张伟", "--date", "2026-10-03", "--rule", "R1",
               "--sheet", "荣文〔2026〕12号").code == 0
    (row,) = cli("tally", "--month", "2026-10", "--format", "json").json()
    assert (row["score"], row["grade"]) == ("1030", "AA")
    head, line = cli("tally", "--month", "2026-10", "--format", "csv").out.splitlines()
    assert head.split(",") == ["Name", "Household", "Area", "Previous total", "Added",
                               "Deducted", "This month", "Total", "Flags", "Stars", "Score",
                               "Grade", "Pending"]
    assert line.split(",") == ["张伟", "1", "", "0", "+30", "0", "+30", "30", "5", "0", "1030",
                               "AA", "0"]
    table = cli("tally", "--month", "2026-10").out.splitlines()
    assert table[0].split() == ["Name", "Household", "Area", "Previous", "total", "Added",
                                "Deducted", "This", "month", "Total", "Flags", "Stars", "Score",
                                "Grade", "Pending"]


def test_demo_then_csv_tally(cli):
    r = cli("demo", "--residents", "60", "--months", "3", "--seed", "7")
    assert r.code == 0, r.err
    r = cli("tally", "--month", "2026-10", "--format", "csv")
    lines = r.out.strip().splitlines()
    assert r.code == 0 and len(lines) == 61
    assert cli("verify").code == 0


def test_unopenable_database_is_a_plain_message(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    r = cli("tally", "--month", "2026-10", db_path=junk)
    assert r.code == 1
    assert "Traceback" not in r.err and "junk.db" in r.err


@pytest.mark.parametrize(("argv", "db", "lang"), [
    ([], None, None), (["--db", "v.db"], "v.db", None),
    (["--lang", "en", "--db=v.db"], "v.db", "en"), (["--kiosk", "--db", "v.db"], "v.db", None),
])
def test_no_command_opens_the_program(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                      db: str | None, lang: str | None) -> None:
    from village_tally.cli import main
    from village_tally.ui import app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda **kw: opened.append(kw) or 0)
    assert main(argv) == 0
    assert opened == [{"db": db, "lang": lang, "kiosk": "--kiosk" in argv}]


def test_the_program_starts_without_loading_the_ledger_code() -> None:
    """`village-tally` shows its window before SQLAlchemy is imported (bench_startup (d))."""
    code = ("import sys, village_tally.cli; "
            "print(any(m.startswith('sqlalchemy') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
