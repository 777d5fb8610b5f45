"""A village written before its rows were bound to the audit chain opens with a baseline: what
it holds then is the record from there on, and what the checks of that time find wrong is kept
with it and reported ever after (store/baseline.py)."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

from tests.conftest import fixed_clock
from tests.tamper import tamper_file
from village_tally.services import audit
from village_tally.services.session import open_ledger

WITNESS = Path(__file__).parents[1] / "data" / "village-2026-11.db.gz"


def old_village(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "village.db"
    path.write_bytes(gzip.decompress(WITNESS.read_bytes()))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    tamper_file(path, *statements)
    return path


def test_an_old_village_is_bound_from_its_baseline_on(tmp_path):
    ledger = open_ledger(str(old_village(tmp_path)), clock=fixed_clock)
    try:
        assert audit.verify(ledger).ok
        conn = sqlite3.connect(tmp_path / "village.db")
        conn.execute("DROP TRIGGER void_no_delete")
        conn.execute("DELETE FROM void")
        conn.commit()
        conn.close()
        assert "verify.row_missing" in [p.code for p in audit.verify(ledger).problems]
    finally:
        ledger.close()


def test_a_rewrite_before_the_upgrade_is_not_blessed_by_the_baseline(tmp_path):
    path = old_village(tmp_path, "UPDATE deed SET points_h = 5000 WHERE id = 1")
    ledger = open_ledger(str(path), clock=fixed_clock)
    try:
        codes = [p.code for p in audit.verify(ledger).problems]
        assert "verify.deed_changed_before" in codes and "verify.checksum" in codes
    finally:
        ledger.close()
    again = open_ledger(str(path), clock=fixed_clock)  # and ever after
    try:
        assert "verify.deed_changed_before" in [p.code for p in again.differences]
    finally:
        again.close()
