"""Damage is a message, not a crash (#12 item 4): copies of a small demo village with random
bits flipped and stored values cut short. No command shows a traceback; `verify` never exits 0
when a value the ledger holds changed (3 when it finds the damage), and the other commands
exit 0, 1 or 2 with words.

Seeded; VILLAGE_TALLY_FLIPS and VILLAGE_TALLY_CUTS ask for more (defaults 200 and 20).
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.conftest import fixed_clock
from tests.tamper import tamper_file
from village_tally.cli import main
from village_tally.services.demo import make_demo

FLIPS = int(os.environ.get("VILLAGE_TALLY_FLIPS", "200"))
CUTS = int(os.environ.get("VILLAGE_TALLY_CUTS", "20"))
# Other commands tried on each damaged copy, in turn: they read what verify reads and more.
COMMANDS = (("tally", "--month", "2026-10"), ("tally", "--month", "2026-11", "--format", "json"),
            ("export", "--out", "{out}.xlsx"), ("rules",),
            ("enter", "--name", "马少军", "--household", "0001", "--date", "2026-11-20",
             "--rule", "L1"))
# Stored values cut short: (table, column) — JSON, settings, text, dates.
VALUES = (("village", "settings"), ("month", "tally"), ("snapshot", "roster"),
          ("audit", "details"), ("resident", "name"), ("deed", "date"), ("deed", "title"),
          ("deed", "month"), ("rule", "title_zh"), ("approval", "at"), ("void", "reason"),
          ("household", "door_plate"), ("month", "checksum"), ("area", "name"),
          ("person", "role"), ("rule", "unit_en"), ("deed", "recorder"), ("audit", "hash"),
          ("month", "closed_at"), ("resident", "status"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "demo.db"
    make_demo(str(path), residents=40, months=3, seed=7, clock=fixed_clock)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # the whole village in the one file
    conn.close()
    return path


def everything(path: Path) -> list[tuple[str, list[tuple[object, ...]]]] | None:
    """Every row of every table, values as stored (text as bytes); None if unreadable."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        conn.text_factory = bytes
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = [(t.decode() if isinstance(t, bytes) else t, conn.execute(
            f'SELECT * FROM "{t.decode() if isinstance(t, bytes) else t}" ORDER BY rowid'
        ).fetchall()) for t in tables]
        # The schema with its names' case and its text's spacing normalised: SQLite reads
        # names in any case, and spacing in a CREATE TABLE decides nothing (verify holds
        # triggers and indexes to their exact text).
        out.append(("schema", [(row[0], row[1].lower(), row[2].lower(), row[3],
                                b" ".join((row[4] or b"").split()))
                               for row in conn.execute("SELECT * FROM sqlite_master "
                                                       "ORDER BY name")]))
        conn.close()
        return out
    except (sqlite3.Error, UnicodeDecodeError):
        return None


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def tried(path: Path, turn: int) -> tuple[int, str, int]:
    """verify, and one other command, on a damaged copy: their exit codes and words."""
    verified, said = run("--db", str(path), "--lang", "en", "verify")
    other = [a.format(out=path.with_suffix("")) for a in COMMANDS[turn % len(COMMANDS)]]
    code, words = run("--db", str(path), "--lang", "en", *other)
    for text in (said, words):
        assert "Traceback" not in text and "internal error" not in text, text
    assert code in (0, 1, 2), (other, words)
    return verified, said, code


def test_random_bits_flipped_are_a_message_and_never_pass_unseen(demo, tmp_path):
    rng = random.Random(20261130)
    original = everything(demo)
    assert original is not None
    size = demo.stat().st_size
    caught = 0
    for turn in range(FLIPS):
        copy = tmp_path / f"flip-{turn}.db"
        shutil.copy(demo, copy)
        data = bytearray(copy.read_bytes())
        offset = rng.randrange(size)
        data[offset] ^= 1 << rng.randrange(8)
        copy.write_bytes(bytes(data))
        changed = everything(copy) != original
        verified, said, _ = tried(copy, turn)
        assert verified in (0, 3), said
        if changed:
            assert verified == 3, (offset, said)
            caught += 1
        for leftover in tmp_path.glob(f"flip-{turn}*"):
            leftover.unlink()
    assert caught >= FLIPS // 10  # most flips land in what the ledger holds


def test_stored_values_cut_short_are_found(demo, tmp_path):
    rng = random.Random(11)
    for turn in range(CUTS):
        table, column = VALUES[turn % len(VALUES)]
        copy = tmp_path / f"cut-{turn}.db"
        shutil.copy(demo, copy)
        conn = sqlite3.connect(copy)
        ids = [r[0] for r in conn.execute(
            f'SELECT rowid FROM "{table}" WHERE length("{column}") > 1')]
        conn.close()
        assert ids, (table, column)
        rowid = rng.choice(ids)
        tamper_file(copy, f'UPDATE "{table}" SET "{column}" = substr("{column}", 1, '
                          f'length("{column}") / 2) WHERE rowid = {rowid}')
        verified, said, _ = tried(copy, turn)
        assert verified == 3, (table, column, said)
