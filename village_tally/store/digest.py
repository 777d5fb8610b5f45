"""What binds deeds to the audit chain: each entry that wrote deeds lists them (`deeds`: id
runs) with `digest2`, the SHA-256 of their rows in id order, each row as the database's own JSON
text of its columns (SQLite `json_array`, PostgreSQL `json_build_array`) and a newline.

The database writes the text, so `verify` reads a million deeds without building a Python
object per column (bench/bench_verify.py). Entries written before (key `digest`, Python's JSON)
are covered by the baseline that replaced them (store/baseline.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Text, cast, func, select

from village_tally.store.schema import deed

# The columns a digest covers, in this order: a file format. A new deed column needs a new
# digest (and verify reading both).
COLUMNS = ("id", "village_id", "resident_id", "date", "month", "rule_id", "rule_code", "title",
           "quantity_h", "points_h", "needs_approval", "recorder", "source_sheet",
           "source_line", "source_file", "source_row", "note", "override_reason",
           "adjusts_deed_id", "replaces_deed_id", "import_key", "created_at", "created_by")
KEY = "digest2"


def row_text(conn: Connection) -> ColumnElement[Any]:
    """A deed row as the database writes it out as JSON."""
    cols = [deed.c[name] for name in COLUMNS]
    if conn.dialect.name == "postgresql":
        return cast(func.json_build_array(*cols), Text)
    return func.json_array(*cols)


def ranges(ids: Iterable[int]) -> list[list[int]]:
    """Compress deed ids into [first, last] runs for an audit entry."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def deeds_digest(conn: Connection, runs: Sequence[Sequence[int]]) -> str:
    """The digest of the deeds in these id runs, read back in the writer's transaction."""
    sha = hashlib.sha256()
    text = row_text(conn)
    for first, last in runs:
        for start in range(first, last + 1, 50_000):
            end = min(last, start + 49_999)
            for (line,) in conn.execute(select(text).where(deed.c.id.between(start, end))
                                        .order_by(deed.c.id)):
                sha.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return sha.hexdigest()


def entry_fields(conn: Connection, deed_ids: Iterable[int]) -> dict[str, Any]:
    """What an audit entry says about the deeds its action wrote."""
    runs = ranges(deed_ids)
    return {"deeds": runs, KEY: deeds_digest(conn, runs)} if runs else {}


def stream(conn: Connection, village_id: int | None = None) -> Iterator[tuple[int, str]]:
    """Every deed as (id, its row text), in id order: one pass for verify."""
    query = select(deed.c.id, row_text(conn)).order_by(deed.c.id)
    if village_id is not None:
        query = query.where(deed.c.village_id == village_id)
    result = conn.execution_options(yield_per=20_000).execute(query)
    for rows in result.partitions():
        for deed_id, text in rows:
            yield int(deed_id), str(text)
