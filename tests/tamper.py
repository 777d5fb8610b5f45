"""The attacker's shell, for tests of the proof (#12): a village file changed with sqlite3 as
someone holding it would, foreign keys off and every guard dropped first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any


def tamper_file(path: Path, *statements: str, guards_back: bool = True) -> None:
    """Drop every trigger, run the statements, and (unless told otherwise) put every trigger
    back with its very own text, so only the statements' change remains to be found."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    triggers = triggers.fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    if guards_back:
        for _, sql in triggers:
            conn.execute(sql)
    conn.commit()
    conn.close()


def tamper_either(ledger: Any, table: str, *statements: str) -> None:
    """The same hand on either backend: PostgreSQL's table owner switches the table's guards
    off, runs the statements and switches them back on; on SQLite the file's holder drops the
    guards and puts them back (tamper_file)."""
    if ledger.engine.dialect.name == "postgresql":
        with ledger.engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            for statement in statements:
                conn.exec_driver_sql(statement)
            conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    else:
        from village_tally.store.db import sqlite_path

        tamper_file(sqlite_path(ledger.engine), *statements)


def rewrite_history(ledger: Any, *statements: str) -> None:
    """The attacker who holds the file and this program's source: the guards dropped, the
    statements run, then every closed month's stored tally, checksum and seal, every deed
    digest and every hash of the audit chain recomputed, and the guards put back. Nothing in
    the file itself can tell; only a code printed before can."""
    from village_tally.core.month import Month
    from village_tally.core.tally import checksum, points_digest, row_points, stored_rows
    from village_tally.services.months import month_rows
    from village_tally.store import digest
    from village_tally.store.audit import GENESIS, canonical, entry_hash
    from village_tally.store.record import fields_of
    from village_tally.store.seal import text_digest

    with ledger.engine.begin() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.exec_driver_sql(statement)
        sealed = {}
        for (month,) in conn.exec_driver_sql(
                "SELECT month FROM month WHERE closed ORDER BY month").fetchall():
            rows = month_rows(conn, ledger, Month.parse(month))
            tally = json.dumps(stored_rows(rows), ensure_ascii=False, sort_keys=True)
            sealed[month] = {"checksum": checksum(Month.parse(month), rows),
                             "tally": text_digest(tally),
                             "points": points_digest(row_points(rows))}
            conn.exec_driver_sql("UPDATE month SET tally = ?, checksum = ? WHERE month = ?",
                                 (tally, sealed[month]["checksum"], month))
        prev = GENESIS
        for row in conn.exec_driver_sql("SELECT * FROM audit ORDER BY id").mappings().all():
            details = json.loads(row["details"])
            if digest.KEY in details:
                details[digest.KEY] = digest.deeds_digest(conn, details["deeds"])
            if row["action"] == "close" and row["entity_id"] in sealed:
                details.update(sealed[row["entity_id"]])
            entry = {**row, "details": canonical(details)}
            fields = fields_of(SimpleNamespace(**entry))
            new = entry_hash(prev, fields)
            conn.exec_driver_sql("UPDATE audit SET details = ?, prev_hash = ?, hash = ? "
                                 "WHERE id = ?", (entry["details"], prev, new, row["id"]))
            prev = new
        for _, sql in triggers:
            conn.exec_driver_sql(sql)
