"""The villager's side by the command line: publish, object, answer, objections, and close with
a hand tally — each refusal exit 2 naming its option, nothing written."""

from __future__ import annotations

import datetime as dt

from tests.cli.conftest import new_village
from tests.tamper import tamper_file

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1))
MONTH = LAST_MONTH.strftime("%Y-%m")
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


def test_last_month_published_objected_to_answered_reconciled_and_closed(cli) -> None:
    new_village(cli)
    for name, household in (("王芳", "0004"), ("赵四", "0005")):
        assert cli("resident", "add", "--name", name, "--household", household,
                   "--area", "一片", "--head").code == 0
    day = LAST_MONTH.replace(day=5).isoformat()
    tv = cli("enter", "--name", "王芳", "--date", day, "--rule", "L1", "--sheet", "S1",
             "--line", "1", as_="马秀兰").out.strip()
    cli("enter", "--name", "赵四", "--date", day, "--rule", "L1", "--sheet", "S1",
        "--line", "2", as_="马秀兰")

    r = cli("publish", "--month", MONTH, "--contact", "马主任 13800000000", as_="马主任")
    assert r.code == 0, r.err
    assert "objections until" in r.err
    r = cli("publish", "--month", MONTH, "--days", "0", as_="马主任")
    assert (r.code, r.err.split(":")[0]) == (2, "--days")
    r = cli("close", "--month", MONTH)
    assert r.code == 2 and "on public notice until" in r.err

    r = cli("object", tv, "--raised-by", "王芳", "--text", "电视是别人捐的", as_="马主任")
    assert r.code == 0, r.err
    objection = r.out.strip()
    r = cli("objections", "--format", "json", as_="马主任")
    assert [(o["id"], o["days_left"]) for o in r.json()] == [(int(objection), 20)]
    marked = {row["name"]: row.get("open_objections") for row in
              cli("tally", "--month", MONTH, "--format", "json").json()}
    assert marked == {"王芳": 1, "赵四": None}  # marked on the committee's tally until answered
    assert "objection open ×1" in cli("tally", "--month", MONTH).out
    r = cli("answer", objection, "--uphold", "--reason", "x", as_="马秀兰")
    assert r.code == 2 and r.err.startswith("--as: 马秀兰 (gatherer) may not")
    r = cli("publish", "--month", MONTH, "--until", YESTERDAY, "--reason", "年底结账",
            as_="马主任")
    assert r.code == 2 and "may not shorten" in r.err
    assert cli("publish", "--month", MONTH, "--until", YESTERDAY, "--reason", "年底结账").code == 0
    r = cli("close", "--month", MONTH, "--hand-tally", "一片=2")
    assert r.code == 2 and "unanswered objection" in r.err and "--hand-tally" not in r.err

    assert cli("answer", objection, "--uphold", "--reason", "核实是别家捐的",
               as_="马主任").code == 0
    r = cli("close", "--month", MONTH, "--hand-tally", "一片=2")
    assert r.code == 2
    assert r.err.startswith("--hand-tally: '一片': the hand tally says +2, the ledger +1")
    r = cli("close", "--month", MONTH, "--hand-tally", "一片=2", "--explain",
            "一片=王芳那行已作废，手算时未扣")
    assert r.code == 0, r.err
    assert cli("verify").code == 0
    said = cli("audit", "--action", "notice").out  # each step in the audit log, in words
    assert f"answered objection #{objection}: upheld, 核实是别家捐的" in said
    assert "explained" in said and "ended" in said and "published" in said


def test_an_answer_deleted_with_the_file_is_caught_by_verify(cli) -> None:
    """Someone with the file and sqlite3 drops the guard and deletes an answer (so the
    objection looks open again): verify exits 3 and says which, in Chinese and English."""
    new_village(cli)
    assert cli("resident", "add", "--name", "王芳", "--household", "0004", "--area",
               "一片").code == 0
    deed = cli("enter", "--name", "王芳", "--date", YESTERDAY, "--rule", "L1",
               as_="马秀兰").out.strip()
    objection = cli("object", deed, "--raised-by", "王芳", "--text", "记错了",
                    as_="马主任").out.strip()
    assert cli("answer", objection, "--reject", "--reason", "没记错", as_="马主任").code == 0
    assert cli("verify").code == 0
    tamper_file(cli.db, "DELETE FROM answer")
    english, chinese = cli("verify"), cli("verify", lang="zh")
    assert english.code == chinese.code == 3
    assert f"the answer to objection #{objection} is missing" in english.err
    assert f"异议 #{objection} 的答复不见了" in chinese.err
    assert "Traceback" not in english.err + chinese.err

