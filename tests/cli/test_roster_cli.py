"""`area rename OLD NEW` and `household area CODE AREA --reason TEXT`: exit 0 when done; exit 2
with every problem named and nothing written."""

from tests.cli.conftest import THIS_MONTH
from tests.cli.test_ledger_cli import setup_village


def areas_by_household(cli):
    rows = cli("tally", "--month", THIS_MONTH, "--format", "json").json()
    return {row["household"]: row["area"] for row in rows}


def test_an_area_is_renamed(cli):
    setup_village(cli)
    r = cli("area", "rename", "二片", " 河东片 ", lang="zh")
    assert r.code == 0, r.err
    assert "二片" in r.err and "河东片" in r.err
    assert areas_by_household(cli) == {"0001": "一片", "0003": "河东片", "0004": ""}
    assert cli("verify").code == 0


def test_renaming_to_a_taken_name_or_from_an_unknown_one_exits_2_naming_it(cli):
    setup_village(cli)
    r = cli("area", "rename", "二片", "一片")
    assert r.code == 2 and "there is already an area '一片'" in r.err
    r = cli("area", "rename", "三片", "")
    assert r.code == 2
    assert "there is no area '三片'" in r.err and "empty" in r.err
    assert areas_by_household(cli) == {"0001": "一片", "0003": "二片", "0004": ""}


def test_a_household_moves_to_another_area_with_a_reason(cli):
    setup_village(cli)
    r = cli("household", "area", "0003", "一片", "--reason", "搬到村西")
    assert r.code == 0, r.err
    assert "0003" in r.err and "二片" in r.err and "一片" in r.err
    r = cli("household", "area", "0004", "二片", "--reason", "分片")
    assert r.code == 0, r.err
    assert areas_by_household(cli) == {"0001": "一片", "0003": "一片", "0004": "二片"}
    assert cli("verify").code == 0


def test_a_bad_move_exits_2_with_every_problem_and_writes_nothing(cli):
    setup_village(cli)
    r = cli("household", "area", "9999", "三片", "--reason", " ")
    assert r.code == 2
    assert "9999" in r.err and "三片" in r.err and "--reason" in r.err
    r = cli("household", "area", "0001", "一片", "--reason", "x", lang="zh")
    assert r.code == 2 and "已在片区“一片”" in r.err
    r = cli("household", "area", "0001", "二片")
    assert r.code == 2 and "--reason" in r.err
    assert areas_by_household(cli) == {"0001": "一片", "0003": "二片", "0004": ""}
