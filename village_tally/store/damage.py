"""Damage is a message, not a crash: reading what the ledger stored (JSON, settings, dates,
points written as text) fails as `db.damaged`, naming where, however the bytes were broken."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from village_tally.core.problem import Phrase
from village_tally.store.db import StoreError

# What reading a damaged stored value raises: bad JSON or numbers (ValueError, ParseError), a
# key or element missing, a value of another type.
DAMAGE = (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError)


@contextmanager
def reading(place: Phrase) -> Iterator[None]:
    """Read a stored value: if it cannot be read, StoreError `db.damaged` at `place`."""
    try:
        yield
    except DAMAGE:
        raise StoreError("db.damaged", place=place) from None
