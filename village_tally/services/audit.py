"""Verifying the ledger against its own record: everything that decides points or their meaning,
every closed month against its close, and the database's guards (store/verify.py). Run on every
open (`session.open_ledger`); a ledger that does not match refuses changes until a secretary
restores a verified backup or records that the difference is understood (services/proof.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, IntegrityError, ProgrammingError

from village_tally.core.problem import Phrase, Problem, fingerprint
from village_tally.services.session import Ledger
from village_tally.store import verify as checking
from village_tally.store.damage import DAMAGE as DAMAGE  # noqa: PLC0414 - what the shells catch
from village_tally.store.db import StoreError
from village_tally.store.record import Close


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int
    months: int
    deeds: int
    problems: tuple[Problem, ...]  # not acknowledged: the ledger does not match its record
    acknowledged: tuple[Problem, ...] = ()  # found, and recorded as understood
    closes: tuple[Close, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ledger: Ledger) -> VerifyReport:
    """Every difference between the ledger and its own record, each in words; a file too
    damaged to read through is one difference naming where."""
    try:  # not through `read`: what fails here is what verify finds, said as damage
        with ledger.engine.connect() as conn:
            found = checking.verify(conn, ledger.village_id)
    except (DBAPIError, StoreError, UnicodeDecodeError) as exc:
        if isinstance(exc, ProgrammingError | IntegrityError):  # ours, not the file's
            raise
        return VerifyReport(0, 0, 0, (damage_problem(exc),))
    acked = [p for p in found.problems if fingerprint(p) in found.acknowledged]
    open_ = [p for p in found.problems if fingerprint(p) not in found.acknowledged]
    return VerifyReport(found.entries, found.months, found.deeds, tuple(open_), tuple(acked),
                        found.closes)


def damage_problem(exc: Exception) -> Problem:
    """What a read that failed on a damaged file says (never the library's words alone)."""
    if isinstance(exc, StoreError):
        place = exc.params.get("place") or Phrase.of("damage.file",
                                                     detail=str(exc.params.get("detail", "")))
    else:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:120]
        place = Phrase.of("damage.file", detail=detail)
    return Problem.at("verify.damaged", place=place)
