"""People and signing in: PINs kept only as salted scrypt hashes, wrong PINs locking a person
out for a growing time that survives a restart, the secretary's recovery code, an old village
file naming its secretary and turning the names it recorded into people, every change to a
person audited with their new state (never the PIN), and names that cannot pass as another's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import NOW, as_, enter
from village_tally.core.deed import Status
from village_tally.core.person import Role, lock_after
from village_tally.services import audit, deeds, people, pins
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, init_village, open_ledger
from village_tally.store.schema import audit as audit_table
from village_tally.store.schema import lockout, pin


def codes(call: Callable[[], object]) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [p.code for p in caught.value.problems]


def at(ledger: Ledger, seconds: float) -> Ledger:
    """The same ledger some seconds after the tests' clock."""
    moment = NOW + dt.timedelta(seconds=seconds)
    return dataclasses.replace(ledger, clock=lambda: moment)


def entries(ledger: Ledger, action: str | None = None) -> list[dict[str, object]]:
    with ledger.engine.connect() as conn:
        rows = list(conn.execute(select(audit_table).order_by(audit_table.c.id)))
    return [{"actor": r.actor, "action": r.action, **json.loads(r.details)} for r in rows
            if action is None or r.action == action]


def said(entry: dict[str, object]) -> dict[str, object]:
    """An entry as the audit log says it, without what it records for verify (#12)."""
    from village_tally.store.audit import RECORD_KEYS

    return {k: v for k, v in entry.items() if k not in RECORD_KEYS}


def test_sign_in_with_the_pin_binds_the_ledger_to_the_person(ledger: Ledger) -> None:
    plain = ledger.acting_as(None)
    signed = people.sign_in(plain, "马主任", "1234")
    assert signed.actor is not None
    assert (signed.actor.name, signed.actor.role) == ("马主任", Role.COMMITTEE)
    assert codes(lambda: people.sign_in(plain, "无名氏", "1234")) == ["person.unknown"]
    assert codes(lambda: people.sign_in(plain, "马主任", "12a4")) == ["pin.invalid"]
    assert people.sign_in(plain, "马主任", "１２３４").actor == signed.actor  # full-width digits


def test_the_pin_is_stored_only_as_a_salted_scrypt_hash(ledger: Ledger) -> None:
    people.set_pin(as_(ledger, "马书记"), "马主任", "8642")
    with ledger.engine.connect() as conn:
        hashes = list(conn.execute(select(pin.c.hash)).scalars())
    assert not any("8642" in h or "1234" in h for h in hashes)
    mine = next(h for h in hashes if pins.check_secret("8642", h))
    assert mine.startswith(f"scrypt${pins.COST.n}${pins.COST.r}${pins.COST.p}$")
    assert pins.COST.memory >= 128 * 8 * 2**14  # at least the memory of n=2**14, r=8
    assert pins.hash_secret("8642") != pins.hash_secret("8642")  # a fresh salt each time
    # audited as "PIN set", never the PIN or its hash
    last = entries(ledger, "set_pin")[-1]
    assert last["pin"] == "set" and last["name"] == "马主任"
    assert not any("8642" in json.dumps(e) or mine[20:40] in json.dumps(e)
                   for e in entries(ledger))


def test_a_cheaper_hash_is_hashed_again_and_a_too_cheap_one_never_matches(
        ledger: Ledger) -> None:
    from village_tally.store import people as people_repo

    old = pins.hash_secret("1357", pins.FLOOR)
    person = people.find_person(ledger, "马主任")
    assert person is not None
    with ledger.engine.begin() as conn:
        people_repo.set_pin(conn, person.id, old, "2026-01-01")
    people.sign_in(ledger, "马主任", "1357")
    with ledger.engine.connect() as conn:
        now = people_repo.pin_hash(conn, person.id)
    assert now is not None and now != old and not pins.outdated(now)
    weak = pins.hash_secret("1357", pins.Cost(n=2**4, r=1, p=1))
    assert not pins.check_secret("1357", weak)


def test_wrong_pins_lock_out_for_a_growing_time_audited_and_kept_over_a_restart(
        ledger: Ledger) -> None:
    plain = ledger.acting_as(None)
    assert codes(lambda: people.sign_in(plain, "马秀兰", "0000")) == ["signin.wrong_pin"]
    assert codes(lambda: people.sign_in(plain, "马秀兰", "0001")) == ["signin.wrong_pin"]
    assert codes(lambda: people.sign_in(plain, "马秀兰", "0002")) == ["signin.locked"]
    # locked: even the right PIN is refused, unchecked, for 30 s
    assert codes(lambda: people.sign_in(at(plain, 10), "马秀兰", "1234")) == ["signin.locked"]
    # a restart (the file opened again) does not lift it
    again = open_ledger(str(ledger.engine.url.database), clock=lambda: NOW)
    try:
        assert codes(lambda: people.sign_in(again, "马秀兰", "1234")) == ["signin.locked"]
    finally:
        again.close()
    # after 30 s one more wrong PIN locks for 60 s
    assert codes(lambda: people.sign_in(at(plain, 31), "马秀兰", "0003")) == ["signin.locked"]
    with ledger.engine.connect() as conn:
        (failures, until) = conn.execute(select(lockout.c.failures,
                                                lockout.c.locked_until)).one()
    assert failures == 4
    assert dt.datetime.fromisoformat(until) == NOW + dt.timedelta(seconds=31 + 60)
    assert [(e["failures"], e["locked_until"] is not None)
            for e in entries(ledger, "sign_in_failed")] == [(1, False), (2, False), (3, True),
                                                            (4, True)]
    assert people.sign_in(at(plain, 92), "马秀兰", "1234").actor is not None
    with ledger.engine.connect() as conn:  # a good PIN clears the count
        assert conn.execute(select(lockout)).first() is None


def test_the_lockout_grows_to_an_hour_and_a_reset_lifts_it(ledger: Ledger) -> None:
    assert [lock_after(n) for n in range(1, 5)] == [None, None, dt.timedelta(seconds=30),
                                                     dt.timedelta(seconds=60)]
    assert lock_after(50) == dt.timedelta(hours=1) == lock_after(10**6)
    plain = ledger.acting_as(None)
    for n in range(3):
        with pytest.raises(InputError):
            people.sign_in(plain, "马秀兰", f"999{n}")
    people.set_pin(as_(ledger, "马书记"), "马秀兰", "2468")  # the secretary resets it
    assert people.sign_in(plain, "马秀兰", "2468").actor is not None


def test_a_person_changes_their_own_pin_and_nobody_elses(ledger: Ledger) -> None:
    gatherer = as_(ledger, "马秀兰")
    people.set_pin(gatherer, "马秀兰", "9753")
    assert people.sign_in(ledger, "马秀兰", "9753").actor is not None
    assert codes(lambda: people.set_pin(gatherer, "马主任", "9753")) == [
        "authority.role_may_not"]


def test_a_retired_person_cannot_sign_in_and_the_last_secretary_stays(ledger: Ledger) -> None:
    secretary = as_(ledger, "马书记")
    people.retire_person(secretary, "马秀兰")
    assert codes(lambda: people.sign_in(ledger, "马秀兰", "1234")) == ["authority.retired"]
    assert codes(lambda: enter(ledger, "王芳", rule="L1")) == ["authority.retired"]
    people.retire_person(secretary, "马秀兰", retired=False)
    assert codes(lambda: people.retire_person(secretary, "马书记")) == [
        "person.last_secretary"]
    assert codes(lambda: people.set_role(secretary, "马书记", "committee")) == [
        "person.last_secretary"]
    people.set_role(secretary, "马主任", "secretary")
    people.set_role(secretary, "马书记", "committee")  # another secretary can sign in now
    assert {p.name: p.role for p in people.list_people(ledger)}["马书记"] is Role.COMMITTEE
    assert [e["role"] for e in entries(ledger, "set_role")] == ["secretary", "committee"]


def test_every_change_to_a_person_is_audited_with_their_new_state(ledger: Ledger) -> None:
    secretary = as_(ledger, "马书记")
    people.add_person(secretary, people.NewPerson("李春梅", Role.GATHERER, ("一片",),
                                                  resident="王芳"), pin="1357")
    people.set_areas(secretary, "李春梅", ["一片", "二片"])
    people.retire_person(secretary, "李春梅")
    added, areas, retired = (said(entries(ledger, a)[-1]) for a in ("add_person", "set_areas",
                                                               "retire"))
    wang = next(p for p in people.list_people(ledger) if p.name == "李春梅")
    assert added == {"actor": "马书记", "action": "add_person", "name": "李春梅",
                     "role": "gatherer", "areas": ["一片"], "resident_id": wang.resident_id,
                     "retired": False, "pin": "set"}
    assert areas["areas"] == ["一片", "二片"] and retired["retired"] is True
    assert wang.household == "0004" and wang.retired
    assert audit.verify(ledger).ok


def test_names_with_invisible_or_bidi_characters_cannot_pass_as_someone_else(
        ledger: Ledger) -> None:
    """U+200E (left-to-right mark) is dropped by the one normalisation: the same person, who
    still needs her own PIN. U+202C and U+2066 (bidi controls) are refused outright."""
    secretary = as_(ledger, "马书记")
    assert people.sign_in(ledger, "马秀兰\u200e", "1234").actor == \
        people.find_person(ledger, "马秀兰")
    assert codes(lambda: people.sign_in(ledger, "马书\u200e记", "0000")) == [
        "signin.wrong_pin"]  # 马书记 himself, and the wrong PIN
    for mark in ("\u202c", "\u2066"):
        assert codes(lambda m=mark: people.sign_in(ledger, f"马秀兰{m}", "1234")) == [
            "text.bidi"]
        assert codes(lambda m=mark: people.add_person(
            secretary, people.NewPerson(f"马秀{m}兰", Role.COMMITTEE))) == ["text.bidi"]
    assert codes(lambda: people.add_person(
        secretary, people.NewPerson("马\u200e秀兰", Role.COMMITTEE))) == ["person.exists"]
    # approving: a recorder written with an invisible mark is still the approver himself
    deed = enter(secretary, "王芳", points="3", deed="修路", recorder="马主任\u200e")
    assert deed.recorder == "马主任"
    assert codes(lambda: deeds.approve_deed(as_(ledger, "马主任"), deed.id)) == [
        "authority.approve_recorded"]
    assert codes(lambda: enter(secretary, "王芳", rule="L1", recorder="马主任\u202c")) == [
        "text.bidi"]


def test_a_new_village_names_its_secretary_and_gets_a_recovery_code(tmp_path: Path) -> None:
    ledger = init_village(str(tmp_path / "v.db"), name="新村", clock=lambda: NOW)
    try:
        assert people.needs_secretary(ledger)
        assert codes(lambda: people.sign_in(ledger, "张文书", "1234")) == ["person.unknown"]
        made = people.name_first_secretary(ledger, name="张文书", pin="2580")
        assert made.ledger.actor is not None and made.ledger.actor.role is Role.SECRETARY
        assert not people.needs_secretary(ledger) and made.brought_in == ()
        assert codes(lambda: people.name_first_secretary(ledger, name="李四", pin="1111")) == [
            "person.secretary_exists"]
        # a forgotten PIN: the recovery code sets a new one, once, and a new code replaces it
        code = made.recovery_code
        assert len(pins.recovery_digits(code)) == 12
        assert codes(lambda: people.recover_secretary(ledger, name="张文书",
                                                      code="0000-0000-0000", pin="3690")) == [
            "signin.wrong_recovery"]
        again = people.recover_secretary(ledger, name="张文书", code=code.replace("-", " "),
                                         pin="3690")
        assert again.recovery_code != code
        assert people.sign_in(ledger, "张文书", "3690").actor is not None
        assert codes(lambda: people.recover_secretary(ledger, name="张文书", code=code,
                                                      pin="4444")) == ["signin.wrong_recovery"]
        assert [e["action"] for e in entries(ledger)] == [
            "init", "add_person", "recovery_failed", "recover", "recovery_failed"]
    finally:
        ledger.close()


def test_an_old_village_file_brings_the_names_it_recorded_in_as_people(
        tmp_path: Path) -> None:
    """The witness file (tests/data) was written before anyone signed in: its recorders,
    typists, approvers and closers become people with a suggested role, a gatherer with the
    areas she recorded for; none can sign in until the secretary sets their PIN."""
    import gzip

    from tests.services.test_digest_pinned import WITNESS

    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(WITNESS.read_bytes()))
    ledger = open_ledger(str(path), clock=lambda: NOW)
    try:
        before = [(d.id, d.points, d.status) for d in deeds.list_deeds(ledger)]
        assert people.needs_secretary(ledger) and people.list_people(ledger) == []
        assert codes(lambda: enter(ledger, "王芳", rule="L1")) == ["authority.signed_out"]
        made = people.name_first_secretary(ledger, name="马书记", pin="2468")
        assert {(p.name, p.role, p.areas, p.pin_set) for p in made.brought_in} == {
            ("马秀兰", Role.GATHERER, frozenset({"一片", "二片"}), False)}
        assert codes(lambda: people.sign_in(ledger, "马秀兰", "1234")) == ["person.no_pin"]
        assert [(d.id, d.points, d.status) for d in deeds.list_deeds(ledger)] == before
        assert audit.verify(ledger).ok
        assert [e["action"] for e in entries(ledger)][-2:] == ["add_person", "bring_in"]
    finally:
        ledger.close()


def test_the_old_user_list_becomes_people(tmp_path: Path) -> None:
    """Revision 0001's `user` table (names with a role, never checked) is folded into people."""
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from village_tally.store.db import create_store_engine, open_store

    db = str(tmp_path / "v.db")
    engine = create_store_engine(db)
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", "village_tally.store:migrations")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    raw = sqlite3.connect(db)
    raw.execute("INSERT INTO village (name, preset, settings, created_at) VALUES "
                "('旧村', 'jiakuang-majia', '{}', '2025-01-01T08:00:00+08:00')")
    raw.executemany('INSERT INTO "user" (village_id, name, role) VALUES (1, ?, ?)',
                    [("老王", "gatherer"), ("老李", "committee")])
    raw.commit()
    raw.close()
    open_store(db).dispose()
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT name, role, created_at FROM person ORDER BY id").fetchall() == [
        ("老王", "gatherer", "2025-01-01T08:00:00+08:00"),
        ("老李", "committee", "2025-01-01T08:00:00+08:00")]
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'user'").fetchone() == (
        0,)
    raw.close()


def test_a_deed_a_gatherer_typed_for_herself_waits_for_someone_else(ledger: Ledger) -> None:
    people.set_resident(as_(ledger, "马书记"), "马秀兰", "马丽")
    mine = enter(ledger, "马丽", rule="L1")
    assert mine.status is Status.PENDING
    deeds.approve_deed(as_(ledger, "马主任"), mine.id)
    assert deeds.get_deed(ledger, mine.id).approved_by == "马主任"
