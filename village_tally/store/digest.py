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

from sqlalchemy import (
    ColumnElement,
    Connection,
    LargeBinary,
    Text,
    cast,
    func,
    literal,
    select,
)

from village_tally.store.schema import deed

# The columns a digest covers, in this order: a file format. A new deed column needs a new
# digest (and verify reading both).
COLUMNS = ("id", "village_id", "resident_id", "date", "month", "rule_id", "rule_code", "title",
           "quantity_h", "points_h", "needs_approval", "recorder", "source_sheet",
           "source_line", "source_file", "source_row", "note", "override_reason",
           "adjusts_deed_id", "replaces_deed_id", "import_key", "created_at", "created_by")
KEY = "digest2"
CHUNK = 50_000  # deeds joined into one text by the database at a time


def row_text(conn: Connection) -> ColumnElement[Any]:
    """A deed row as the database writes it out as JSON."""
    cols = [deed.c[name] for name in COLUMNS]
    if conn.dialect.name == "postgresql":
        return cast(func.json_build_array(*cols), Text)
    return func.json_array(*cols)


def utf8(conn: Connection, text: ColumnElement[Any]) -> ColumnElement[Any]:
    """A text as its UTF-8 bytes, as the database stores it: read without the driver decoding
    it into a Python str (to be encoded again for a digest)."""
    if conn.dialect.name == "postgresql":
        return func.convert_to(text, "UTF8")
    return cast(text, LargeBinary)


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
    for first, last in runs:
        for start in range(first, last + 1, CHUNK):
            found, lines = chunk(conn, start, min(last, start + CHUNK - 1))
            if found:
                sha.update(lines)
                sha.update(b"\n")
    return sha.hexdigest()


def entry_fields(conn: Connection, deed_ids: Iterable[int], known: str | None = None
                 ) -> dict[str, Any]:
    """What an audit entry says about the deeds its action wrote (`known`: their digest,
    already taken batch by batch as they were written: `Running`)."""
    runs = ranges(deed_ids)
    return {"deeds": runs, KEY: known or deeds_digest(conn, runs)} if runs else {}


class Running:
    """The digest of deeds taken batch by batch as a writer writes them, each batch read back
    right after it is written (the same text `deeds_digest` reads: every row and a newline,
    whatever the chunks): an import's writer thread takes it while the rows after the batch
    are checked. Valid when the batches are handed in id order with no id missed."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self._last = 0
        self.whole = True

    def add(self, conn: Connection, first: int, last: int) -> None:
        found, lines = chunk(conn, first, last)
        if first <= self._last or found != last - first + 1:
            self.whole = False
        self._last = last
        self._sha.update(lines)
        self._sha.update(b"\n")

    def hexdigest(self) -> str | None:
        return self._sha.hexdigest() if self.whole else None


def chunk(conn: Connection, first: int, last: int) -> tuple[int, bytes]:
    """How many deeds have ids from `first` to `last`, and their row texts joined by newlines
    in id order as UTF-8 bytes, written by the database in one go (no Python object per
    deed, no decoding and encoding again)."""
    text = row_text(conn)
    inner = (select(text.label("row"), deed.c.id).where(deed.c.id.between(first, last))
             .order_by(deed.c.id).subquery())
    joined: ColumnElement[Any]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by  # not on SQLite

        joined = func.string_agg(inner.c.row, aggregate_order_by(literal("\n"), inner.c.id))
    else:  # SQLite: the subquery's order is the order the rows are joined in
        joined = func.group_concat(inner.c.row, "\n")
    count, lines = conn.execute(select(func.count(), utf8(conn, joined))
                                .select_from(inner)).one()
    return int(count), bytes(lines or b"")


def stream(conn: Connection, first: int, last: int) -> Iterator[tuple[int, str]]:
    """The deeds with ids from `first` to `last` as (id, row text), in id order."""
    query = (select(deed.c.id, row_text(conn)).where(deed.c.id.between(first, last))
             .order_by(deed.c.id))
    for deed_id, text in conn.execute(query):
        yield int(deed_id), str(text)


def ids(conn: Connection) -> Iterator[int]:
    """Every deed's id, in order."""
    for deed_id in conn.execute(select(deed.c.id).order_by(deed.c.id)).scalars():
        yield int(deed_id)


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(deed)).scalar_one())
