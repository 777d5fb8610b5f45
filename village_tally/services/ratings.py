"""Household door-sign ratings: entered on the inspection grid or imported, read for signs."""

from __future__ import annotations

from collections.abc import Sequence

from village_tally.core.authority import Action
from village_tally.core.month import parse_quarter
from village_tally.core.problem import ParseError, Problem, Where
from village_tally.core.rating import Rating
from village_tally.services.changes import RATINGS, Changes
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, read, write
from village_tally.store import ratings as rating_repo
from village_tally.store import roster as roster_repo


def rating_problems(ledger: Ledger, rating: Rating, where: Where = Where()) -> list[Problem]:
    problems = []
    codes = {c.code for c in ledger.scheme.categories}
    if rating.category not in codes:
        problems.append(Problem.at("rating.category_unknown", where, value=rating.category,
                                   choices=", ".join(sorted(codes))))
    if not 1 <= rating.stars <= 5:
        problems.append(Problem.at("rating.not_1_to_5", where, value=rating.stars))
    try:
        parse_quarter(rating.quarter)
    except ParseError as exc:
        problems.append(exc.problem(where))
    return problems


def set_ratings(ledger: Ledger, ratings: Sequence[Rating], *, source: str | None = None,
                wheres: Sequence[Where] | None = None) -> Changes:
    """Record ratings (a newer rating of the same household, quarter and category wins)."""
    places = list(wheres) if wheres is not None else [Where()] * len(ratings)
    problems = [p for r, w in zip(ratings, places, strict=True)
                for p in rating_problems(ledger, r, w)]
    with write(ledger, "rate", "rating", needs=Action.RATINGS) as w:
        rows = []
        for rating, where in zip(ratings, places, strict=True):
            hh = roster_repo.household_row(w.conn, ledger.village_id, rating.household)
            if hh is None:
                problems.append(Problem.at("household.unknown", where, value=rating.household))
                continue
            rows.append({"village_id": ledger.village_id, "household_id": hh.id,
                         "quarter": parse_quarter(rating.quarter) if not problems
                         else rating.quarter, "category": rating.category,
                         "stars": rating.stars, "by": w.actor_name, "at": w.at,
                         "source": source})
        if problems:
            raise InputError(problems)
        rating_repo.insert_ratings(w.conn, rows)
        w.details = {"count": len(rows), "source": source}
    return RATINGS


def ratings_for(ledger: Ledger, quarter: str) -> dict[str, dict[str, int]]:
    """household code → category code → stars for a quarter."""
    with read(ledger) as conn:
        return rating_repo.current_ratings(conn, ledger.village_id, parse_quarter(quarter))
