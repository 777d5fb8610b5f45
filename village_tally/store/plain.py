"""Big reads as the database driver gives them: tuples, without a SQLAlchemy row each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Executable


def plain_rows(conn: Connection, statement: Executable, params: Mapping[str, Any]
               ) -> list[Any]:
    """The rows of `statement` as the driver's tuples. Only for columns the driver already
    gives as Python wants them (integers, text): SQLAlchemy's per-row objects are a third of
    the tally's reads beside bare SQL (bench/bench_tally.py). The statement is compiled and
    cached, and its errors raised, as any other."""
    result = conn.execute(statement, params)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()
