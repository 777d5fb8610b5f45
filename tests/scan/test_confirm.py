"""Confirming scanned lines: proposals kept until a person confirms them, deeds through hand
entry's checks with their source and picture, and scanning again enters nothing twice."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import as_
from tests.scan import synth
from village_tally.services import audit, deeds, people
from village_tally.services.errors import InputError
from village_tally.services.scan_confirm import (
    Confirmation,
    ScannedSheet,
    confirm_lines,
    deed_image,
    open_sheets,
    store_scans,
)
from village_tally.services.scanning import read_scans
from village_tally.services.session import Ledger
from village_tally.store.db import sqlite_path

DAY = dt.date(2026, 11, 20)


def sure(sheet: ScannedSheet) -> list[Confirmation]:
    return [Confirmation(p.sheet, p.line, DAY, p.resident_id, p.rule_code or "",
                         Decimal(p.quantity.value or 0))
            for p in sheet.lines if p.ready and p.resident_id is not None]


def scanned(ledger: Ledger, out: Path, seed: int = 5) -> tuple[synth.Made, ScannedSheet]:
    made = synth.make_sheets(ledger, out, area="东片", month="2026-11",
                             combos=[("scanner", "instructed")], seed=seed)
    stored = store_scans(ledger, read_scans(ledger, [made[0].path]))
    assert len(stored.sheets) == 1
    return made[0], stored.sheets[0]


def test_sure_lines_become_deeds_with_their_source_and_picture(scan_village: Ledger,
                                                               out: Path) -> None:
    made, sheet = scanned(scan_village, out)
    assert deeds.count_deeds(scan_village) == 0  # read and kept, not entered
    used = [t for t in made.truth if t.used]
    assert len(sheet.lines) == len(used)
    done = confirm_lines(scan_village, sure(sheet))
    # random quantities run into the handbook's monthly caps, as typed ones would
    assert {p.code for ps in done.refused.values() for p in ps} <= deeds.CAP_CODES
    assert len(done.deeds) + len(done.refused) == len(sure(sheet)) and done.deeds
    deed = done.deeds[0]
    truth = next(t for t in used if t.line == deed.source.line)
    assert (sheet.residents[truth.resident - 1][0], deed.rule_code) == (
        deed.resident_id, sheet.rules[truth.rule - 1])
    assert deed.quantity == truth.quantity and deed.date == DAY
    assert (deed.source.sheet, deed.source.file, deed.source.row) == (
        made.number, made.path.name, 1)
    assert deed.typist == scan_village.actor_name
    image = deed_image(scan_village, deed.id)
    assert image is not None and image.startswith(b"\x89PNG")
    assert deed_image(scan_village, deeds.enter_deed(scan_village, deeds.DeedInput(
        resident=deed.resident_id, date=DAY, rule="L1"))[0].id) is None  # typed: no picture


def test_scanning_again_replaces_only_what_is_unconfirmed(scan_village: Ledger,
                                                          out: Path) -> None:
    made, sheet = scanned(scan_village, out)
    first = sure(sheet)[:2]
    confirm_lines(scan_village, first)
    again = store_scans(scan_village, read_scans(scan_village, [made.path]))
    assert again.entered == 2
    lines = {p.line for p in again.sheets[0].lines}
    assert lines == {p.line for p in sheet.lines} - {c.line for c in first}
    assert again.sheets[0].entered == tuple(sorted(c.line for c in first))
    refused = confirm_lines(scan_village, first)  # the same lines once more: nothing twice
    assert refused.deeds == () and set(refused.refused) == {(c.sheet, c.line) for c in first}
    assert deeds.count_deeds(scan_village) == 2
    assert len(open_sheets(scan_village)[0].lines) == len(lines)  # kept across a restart


def test_a_confirmed_line_goes_through_hand_entrys_checks(scan_village: Ledger,
                                                          out: Path) -> None:
    _, sheet = scanned(scan_village, out)
    line = sheet.lines[0]
    wrong = Confirmation(line.sheet, line.line, DAY, "没有这个人", "L1", Decimal(1))
    over = Confirmation(sheet.lines[1].sheet, sheet.lines[1].line, DAY,
                        sheet.residents[0][0], "L1", Decimal(1_000_000))
    done = confirm_lines(scan_village, [wrong, over])
    assert done.deeds == () and deeds.count_deeds(scan_village) == 0
    codes = {k: {p.code for p in v} for k, v in done.refused.items()}
    assert "resident.unknown" in codes[(line.sheet, line.line)]
    assert codes[(over.sheet, over.line)]  # the quantity beyond what a deed may hold
    assert len(open_sheets(scan_village)[0].lines) == len(sheet.lines)  # still proposed


def test_a_fix_typed_by_row_or_bubble_number(scan_village: Ledger, out: Path) -> None:
    _, sheet = scanned(scan_village, out)
    assert sheet.resident_for("2") == sheet.residents[1][0]
    assert sheet.resident_for("东003") == "东003"  # a name
    assert sheet.rule_for(" 1 ") == sheet.rules[0] and sheet.rule_for("l2") == "L2"


def test_only_someone_who_may_enter_deeds_keeps_or_confirms_scans(scan_village: Ledger,
                                                                  out: Path) -> None:
    made, sheet = scanned(scan_village, out)
    report = read_scans(scan_village, [made.path])
    with pytest.raises(InputError):
        store_scans(scan_village.acting_as(None), report)
    people.set_areas(as_(scan_village, "马书记"), "王建国", ["西片"])
    gatherer = as_(scan_village, "王建国")  # 西片's gatherer, not 东片's
    done = confirm_lines(gatherer, sure(sheet)[:1])
    assert done.deeds == () and {p.code for ps in done.refused.values() for p in ps} == {
        "authority.outside_area"}


def test_a_deeds_picture_and_a_confirmed_line_cannot_be_changed(scan_village: Ledger,
                                                                out: Path) -> None:
    _, sheet = scanned(scan_village, out)
    deed = confirm_lines(scan_village, sure(sheet)[:1]).deeds[0]
    conn = sqlite3.connect(sqlite_path(scan_village.engine))
    for sql in ("UPDATE deed_image SET png = x'00'", "DELETE FROM deed_image",
                "UPDATE scan_line SET quantity = 9 WHERE status = 'confirmed'",
                "DELETE FROM scan_line WHERE status = 'confirmed'"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    assert deed_image(scan_village, deed.id) is not None
    assert audit.verify(scan_village).ok
    # Someone with the file swaps the picture behind the program's back: verify says so.
    conn.execute("DROP TRIGGER deed_image_no_update")
    conn.execute("UPDATE deed_image SET png = x'00' WHERE deed_id = ?", (deed.id,))
    conn.execute("DROP TRIGGER deed_image_no_delete")
    conn.commit()
    # The dropped guards are named too (store/guards.py), beside the picture that changed.
    found = audit.verify(scan_village).problems
    assert [(p.code, p.params.get("deed_id")) for p in found
            if p.code.startswith("verify.image")] == [("verify.image_changed", deed.id)]
    assert sorted(str(p.params["name"]) for p in found if p.code == "verify.guard_missing") == [
        "deed_image_no_delete", "deed_image_no_update"]
    conn.execute("DELETE FROM deed_image")
    conn.commit()
    conn.close()
    assert [p.code for p in audit.verify(scan_village).problems
            if p.code.startswith("verify.image")] == ["verify.image_changed"]


def test_on_postgresql_too(pg_url: str, tmp_path: Path) -> None:
    """The same on a shared server: proposals replaced, lines confirmed, the picture and the
    confirmed line guarded by the server's triggers, verify content."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from tests.conftest import add_roster, fixed_clock, make_village
    from tests.scan.conftest import roster_text
    from village_tally.services.session import open_ledger

    make_village(pg_url)
    ledger = as_(open_ledger(pg_url, clock=fixed_clock), "马秀兰")
    try:
        add_roster(ledger, roster_text(37, 0))
        folder = tmp_path / "scans"
        folder.mkdir()
        made, sheet = scanned(ledger, folder)
        deed = confirm_lines(ledger, sure(sheet)[:1]).deeds[0]
        again = store_scans(ledger, read_scans(ledger, [made.path]))
        assert again.entered == 1 and deed_image(ledger, deed.id) is not None
        for statement in ("UPDATE deed_image SET line = 2", "DELETE FROM deed_image",
                          "UPDATE scan_line SET quantity = 9 WHERE status = 'confirmed'"):
            with pytest.raises(DBAPIError, match="append-only|confirmed"), \
                    ledger.engine.begin() as conn:
                conn.execute(text(statement))
        assert audit.verify(ledger).ok
    finally:
        ledger.close()
