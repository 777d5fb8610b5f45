"""Verifying the ledger: the audit chain, every deed against its audit entry, every notice,
objection, answer and hand total against its entry, and every closed month's checksum
(invariants 2, 3 and 4)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from village_tally.core.problem import Problem
from village_tally.core.tally import checksum_of, points_differ
from village_tally.services.months import month_rows
from village_tally.services.session import Ledger, read
from village_tally.store import audit as chain
from village_tally.store import deeds as deed_repo
from village_tally.store import months as month_repo
from village_tally.store import notices as notice_repo


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int
    months: int
    deeds: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ledger: Ledger) -> VerifyReport:
    """Recompute the audit chain, each deed's digest, and each closed month's tally checksum."""
    problems: list[Problem] = []
    with read(ledger) as conn:
        entries, found = chain.verify_chain(conn)
        problems += [Problem.at(code, **params) for code, params in found]
        closed = month_repo.closed_months(conn, ledger.village_id)
        for state in closed:
            stored = json.loads(state.tally or "[]")
            if (checksum_of(state.month, stored) != state.checksum
                    or points_differ(stored, month_rows(conn, ledger, state.month,
                                                        from_scratch=True))):
                problems.append(Problem.at("verify.checksum", month=str(state.month)))
        problems += [Problem.at("verify.row_changed", table=table, id=row_id)
                     for table, row_id in notice_repo.unaudited(conn)]
        total = deed_repo.count_deeds(conn, ledger.village_id)
    return VerifyReport(entries, len(closed), total, tuple(problems))
