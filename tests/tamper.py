"""The attacker's shell, for tests of the proof (#12): a village file changed with sqlite3 as
someone holding it would, foreign keys off and every guard dropped first."""

from __future__ import annotations

import sqlite3
from pathlib import Path


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
