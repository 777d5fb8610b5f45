"""Signing in, accountability and proof on the command line (DESIGN's block): `--as NAME` with
the PIN from $VILLAGE_TALLY_PIN (never read from a pipe), `init --secretary` and its recovery
code, `person add|pin|list|role|areas|retire`, `approve DEED_ID…`, `audit`, and an old village
file asking for its secretary."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.cli.conftest import new_village


def count_deeds(cli) -> int:
    rows = cli("tally", "--month", "2026-11", "--format", "json").json()
    return sum(1 for r in rows if r["month_points"] != "0" or r["pending_points"] != "0")


def test_init_names_the_secretary_and_shows_the_recovery_code_once(cli, tmp_path: Path) -> None:
    r = cli("init", "--village", "马家村", "--secretary", "马书记",
            env={"VILLAGE_TALLY_NEW_PIN": "12"})
    assert r.code == 2 and "PIN" in r.err and "4 to 8 digits" in r.err
    assert not cli.db.exists()  # nothing written
    r = cli("init", "--village", "马家村", "--secretary", "马书记")
    assert r.code == 0, r.err
    code = r.out.strip()
    assert len(code) == 14 and code.replace("-", "").isdigit()
    assert "shown only this once" in r.err
    # a forgotten PIN: the code resets it, and a new code replaces it
    r = cli("person", "pin", "马书记", "--recovery-code", code, as_=None,
            env={"VILLAGE_TALLY_NEW_PIN": "8080"})
    assert r.code == 0, r.err
    assert r.out.strip() != code
    assert cli("person", "list", env={"VILLAGE_TALLY_PIN": "8080"}).code == 0


def test_a_writing_command_needs_a_signed_in_person(cli) -> None:
    new_village(cli)
    assert cli("resident", "add", "--name", "王芳", "--household", "0004", "--area", "二片"
               ).code == 0
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_=None)
    assert r.code == 2 and "--as" in r.err and "sign in" in r.err
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马秀兰",
            env={"VILLAGE_TALLY_PIN": None})
    assert r.code == 2 and "VILLAGE_TALLY_PIN" in r.err  # no terminal to ask on: refused
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马秀兰",
            env={"VILLAGE_TALLY_PIN": "4321"})
    assert r.code == 2 and "wrong PIN for 马秀兰" in r.err
    assert count_deeds(cli) == 0
    r = cli("export", "--out", str(cli.db.parent / "x.xlsx"), as_="马秀兰")
    assert r.code == 2 and "马秀兰 (gatherer) may not export the ledger" in r.err
    r = cli("close", "--month", "2026-10", as_="马主任", lang="zh")
    assert r.code == 2 and "马主任（村委委员）没有权限结账" in r.err
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马秀兰")
    assert r.code == 0, r.err


def test_people_are_added_listed_and_changed_by_the_secretary(cli) -> None:
    new_village(cli)
    r = cli("person", "add", "--name", "李春梅", "--role", "gatherer", "--area", "三片",
            env={"VILLAGE_TALLY_NEW_PIN": "5555"})
    assert r.code == 0, r.err
    r = cli("person", "add", "--name", "李\u202e春梅", "--role", "gatherer")
    assert r.code == 2 and "--name" in r.err
    r = cli("person", "areas", "李春梅", "三片", "四片")
    assert r.code == 0 and "三片、四片" in r.err
    r = cli("person", "role", "马秀兰", "committee", as_="马主任")
    assert r.code == 2 and "may not manage people" in r.err
    assert cli("person", "retire", "马主任").code == 0
    listed = {p["name"]: p for p in cli("person", "list", "--format", "json").json()}
    assert listed["李春梅"] == {"name": "李春梅", "role": "gatherer", "areas": ["三片", "四片"],
                             "resident_id": None, "household": None, "pin_set": True,
                             "retired": False}
    assert listed["马主任"]["retired"] is True
    assert list(listed)[0] == "马书记"  # secretaries first, the retired last
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马主任")
    assert r.code == 2 and "retired" in r.err


def test_approve_many_at_once_and_read_the_audit_log(cli) -> None:
    new_village(cli)
    for name, household in (("王芳", "0004"), ("马丽", "0001")):
        assert cli("resident", "add", "--name", name, "--household", household,
                   "--area", "一片").code == 0
    ids = []
    for name in ("王芳", "马丽"):
        r = cli("enter", "--name", name, "--date", "2026-11-03", "--points", "3",
                "--deed", "修路", as_="马秀兰")
        ids.append(r.out.strip())
    mine = cli("enter", "--name", "王芳", "--date", "2026-11-04", "--points", "1",
               "--deed", "扫雪", as_="马主任").out.strip()
    r = cli("approve", *ids, mine, as_="马主任")
    assert r.code == 2 and f"马主任 recorded deed #{mine}" in r.err
    assert cli("tally", "--month", "2026-11", "--format", "json").json()[0][
        "pending_points"] != "0"  # none approved
    r = cli("approve", *ids, mine, "--valid-only", as_="马主任")
    assert r.code == 0 and f"approved #{ids[0]}" in r.err and f"approved #{ids[1]}" in r.err
    assert f"马主任 recorded deed #{mine}" in r.err  # and why not the third
    lines = cli("audit", "--format", "json", "--action", "approve").json()
    assert [(x["person"], x["entity_id"]) for x in lines] == [("马主任", i) for i in ids]
    assert lines[0]["text"].startswith(f"approved deed #{ids[0]}: ")
    r = cli("audit", "--person", "马秀兰", lang="zh")
    assert r.code == 0 and "录入积分" in r.out and "马主任" not in r.out
    r = cli("audit", "--since", "2026-13-01")
    assert r.code == 2 and "--since" in r.err
    r = cli("audit", as_="马秀兰")
    assert r.code == 2 and "may not read the audit log" in r.err


def test_an_old_village_file_asks_for_its_secretary(cli) -> None:
    from tests.services.test_digest_pinned import WITNESS

    cli.db.write_bytes(gzip.decompress(WITNESS.read_bytes()))
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马秀兰")
    assert r.code == 2 and "nobody called '马秀兰' can sign in here" in r.err
    r = cli("person", "add", "--name", "马秀兰", "--role", "gatherer", as_=None)
    assert r.code == 2 and "no secretary yet" in r.err
    r = cli("person", "add", "--name", "马书记", "--role", "secretary", as_=None)
    assert r.code == 0, r.err
    assert "already in the ledger: 马秀兰 (suggested: gatherer, areas 一片、二片, no PIN yet)" \
        in r.err
    assert len(r.out.strip()) == 14  # the recovery code
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", as_="马秀兰")
    assert r.code == 2 and "has no PIN yet" in r.err
    assert cli("person", "pin", "马秀兰").code == 0
    r = cli("enter", "--name", "王芳", "--date", "2026-11-03", "--rule", "L1", "--sheet", "S9",
            "--line", "1", as_="马秀兰")
    assert r.code == 0, r.err
    assert cli("verify").code == 0
    people = json.loads(cli("person", "list", "--format", "json").out)
    assert [(p["name"], p["role"], p["pin_set"]) for p in people] == [
        ("马书记", "secretary", True), ("马秀兰", "gatherer", True)]


def test_a_role_is_typed_as_the_village_calls_it(cli) -> None:
    new_village(cli)
    pin = {"VILLAGE_TALLY_NEW_PIN": "5678"}
    r = cli("person", "add", "--name", "张三", "--role", "管理员", env=pin, lang="zh")
    assert r.code == 2 and "--role：角色“管理员”无效，可选：信息员、村委委员、文书" in r.err
    assert cli("person", "add", "--name", "张三", "--role", "信息员", "--area", "一片", env=pin,
               lang="zh").code == 0
    assert cli("person", "role", "张三", "Committee Member").code == 0
    assert cli("person", "role", "张三", "文书").code == 0
    r = cli("person", "role", "张三", "boss")
    assert r.code == 2 and "choose gatherer, committee member, secretary" in r.err
    [zhang] = [p for p in cli("person", "list", "--format", "json").json() if p["name"] == "张三"]
    assert zhang["role"] == "secretary"
