"""The monthly tally: points become stars, flags, a score and a grade (pure arithmetic)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from village_tally.core.month import Month
from village_tally.core.points import ZERO, Points, hundredths
from village_tally.core.scheme import Scheme


@dataclass(frozen=True, slots=True)
class Marks:
    """What the board shows: star_total = flags * stars_per_flag + stars."""

    star_total: int
    flags: int
    stars: int


def marks_for(total: Points, scheme: Scheme) -> Marks:
    """Stars and flags for a total; a total at or below zero shows nothing (no public shaming)."""
    return Marks(*_marks(total.hundredths, scheme.points_per_star.hundredths,
                         scheme.stars_per_flag))


def _marks(total_h: int, per_star: int, per_flag: int) -> tuple[int, int, int]:
    """Star total, flags and stars of a total in hundredths (nothing at or below zero)."""
    star_total = total_h // per_star if total_h > 0 else 0
    return (star_total, *divmod(star_total, per_flag))


def score_for(total: Points, scheme: Scheme, bonus: Points = ZERO) -> Points | None:
    """Base plus total (plus what door-sign ratings add, `rating_bonus`), clamped to the
    scheme's floor and ceiling; None without a base."""
    if scheme.base is None:
        return None
    score = scheme.base + total + bonus
    if scheme.floor is not None and score < scheme.floor:
        score = scheme.floor
    if scheme.ceiling is not None and score > scheme.ceiling:
        score = scheme.ceiling
    return score


def grade_for(score: Points | None, scheme: Scheme, capped_at: Iterable[str] = ()) -> str | None:
    """The grade bracket for a score, held down to the worst active cap (drunk driving: C)."""
    if score is None or not scheme.grades:
        return None
    names = scheme.grade_names
    grade = names[-1]
    for name, minimum in scheme.grades:
        if score >= minimum:
            grade = name
            break
    worst = names.index(grade)
    for cap in capped_at:
        if cap in names:
            worst = max(worst, names.index(cap))
    return names[worst]


def rating_bonus(stars: Mapping[str, int], scheme: Scheme) -> Points:
    """What a household's door sign adds to its residents' scores (Yangqiao, PRESETS): each
    of the scheme's categories in its latest rated quarter adds its stars minus 3 (5★ +2 …
    1★ −2); a category not rated adds nothing. Nothing for a scheme without a score."""
    if scheme.base is None:
        return ZERO
    codes = {c.code for c in scheme.categories}
    return Points.of(sum(v - 3 for k, v in stars.items() if k in codes))


# One resident's approved sums in hundredths: this month's gains and losses, the running total
# and this month's points still waiting for approval (`store.months.tally_sums`).
Sums = Sequence[int]  # added, deducted, total, pending
NO_SUMS: Sums = (0, 0, 0, 0)
# A roster line as a tally names it: resident id, name, household code, area ("" for none).
Named = tuple[int, str, str, str]


@dataclass(frozen=True, slots=True)
class ResidentRef:
    resident_id: int
    name: str
    household: str
    area: str
    status: str = "active"


class TallyRow(NamedTuple):
    """One resident's line of a month's tally. Points are kept as hundredths and given as
    `Points` when asked for: a 5,000-row tally makes no object nobody reads. Immutable as a
    frozen dataclass is, but a named tuple: made ten times faster (0.4 against 4 us a row of
    15 fields, a fifth of a tally beside bare SQL: bench/bench_tally.py)."""

    resident_id: int
    name: str
    household: str
    area: str
    previous_h: int
    added_h: int
    deducted_h: int
    month_h: int
    total_h: int
    star_total: int
    flags: int
    stars: int
    score: Points | None
    grade: str | None
    pending_h: int
    lapsed_h: int = 0  # what deductions that stopped counting this month give back (信用修复)

    @property
    def previous_total(self) -> Points:
        return hundredths(self.previous_h)

    @property
    def added(self) -> Points:
        return hundredths(self.added_h)

    @property
    def deducted(self) -> Points:
        return hundredths(self.deducted_h)

    @property
    def month_points(self) -> Points:
        return hundredths(self.month_h)

    @property
    def total_points(self) -> Points:
        return hundredths(self.total_h)

    @property
    def pending_points(self) -> Points:
        return hundredths(self.pending_h)

    @property
    def lapsed(self) -> Points:
        return hundredths(self.lapsed_h)

    def as_json(self) -> dict[str, object]:
        """The CLI contract's object: points as strings such as "2.5"."""
        out: dict[str, object] = {
            "name": self.name,
            "household": self.household,
            "area": self.area,
            "previous_total": str(self.previous_total),
            "added": str(self.added),
            "deducted": str(self.deducted),
            "month_points": str(self.month_points),
            "total_points": str(self.total_points),
            "star_total": self.star_total,
            "flags": self.flags,
            "stars": self.stars,
            "pending_points": str(self.pending_points),
        }
        if self.score is not None:
            out["score"] = str(self.score)
        if self.grade is not None:
            out["grade"] = self.grade
        if self.lapsed_h:  # only where something lapsed: earlier stored rows stay as they were
            out["lapsed"] = str(self.lapsed)
        return out


def tally_rows(
    residents: Iterable[Named],
    sums: Mapping[int, Sums],
    scheme: Scheme,
    grade_caps: Mapping[int, Iterable[str]] | None = None,
    *,
    bonuses: Mapping[str, Points] | None = None,
    lapsed: Mapping[int, int] | None = None,
) -> list[TallyRow]:
    """One row per resident, in roster order; a resident with no deeds has zeros. `bonuses`
    are the door signs' additions to the score, by household (`rating_bonus`); `lapsed` what
    deductions that stopped counting this month give back, by resident, in hundredths (already
    in the sums' totals: `core.lapse.with_lapses`).

    Worked on hundredths: a 5,000-resident tally makes no object it does not keep
    (bench/bench_tally.py)."""
    caps = grade_caps or {}
    per_star, per_flag = scheme.points_per_star.hundredths, scheme.stars_per_flag
    scored = scheme.base is not None
    get = sums.get
    bonus = (bonuses or {}).get
    lapsed_get = (lapsed or {}).get
    rows: list[TallyRow] = []
    append = rows.append
    for rid, name, household, area in residents:
        added, deducted, total, pending = get(rid, NO_SUMS)
        month_points = added + deducted
        star_total, flags, stars = _marks(total, per_star, per_flag)
        score = grade = None
        if scored:
            score = score_for(Points(total), scheme, bonus(household, ZERO))
            grade = grade_for(score, scheme, caps.get(rid, ()))
        back = lapsed_get(rid, 0)
        append(TallyRow(rid, name, household, area, total - month_points - back, added,
                        deducted, month_points, total, star_total, flags, stars, score, grade,
                        pending, back))
    return rows


POINT_FIELDS = ("previous_total", "added", "deducted", "month_points", "total_points", "lapsed")


def stored_rows(rows: Iterable[TallyRow]) -> list[dict[str, object]]:
    """A month's tally as stored when it is closed: one object per resident, by id."""
    return [{"id": r.resident_id, **r.as_json()}
            for r in sorted(rows, key=lambda r: r.resident_id)]


def row_from_stored(r: Mapping[str, object]) -> TallyRow:
    """A closed month's row as its stored tally keeps it (`stored_rows`): names, households,
    areas, points, marks, score and grade as they were at the close. ValueError, KeyError or
    TypeError if it cannot be read."""
    def h(key: str) -> int:
        return Points.of(Decimal(str(r[key]))).hundredths

    return TallyRow(
        resident_id=int(str(r["id"])), name=str(r["name"]), household=str(r["household"]),
        area=str(r.get("area") or ""), previous_h=h("previous_total"), added_h=h("added"),
        deducted_h=h("deducted"), month_h=h("month_points"), total_h=h("total_points"),
        star_total=int(str(r["star_total"])), flags=int(str(r["flags"])),
        stars=int(str(r["stars"])),
        score=Points.of(Decimal(str(r["score"]))) if "score" in r else None,
        grade=str(r["grade"]) if r.get("grade") is not None else None,
        pending_h=h("pending_points"), lapsed_h=h("lapsed") if "lapsed" in r else 0)


def stored_totals(text: str) -> dict[int, int]:
    """Each resident's total in hundredths from a closed month's stored tally (`stored_rows`
    as JSON): the checkpoint later tallies start from (invariant 3). Read without a `Points`
    each (5,000 of them: bench/bench_tally.py). ValueError, KeyError, TypeError or
    ArithmeticError if it cannot be read."""
    return {int(r["id"]): int(Decimal(r["total_points"]).scaleb(2)) for r in json.loads(text)}


def checksum_of(month: Month, stored: list[dict[str, object]]) -> str:
    """SHA-256 of the canonical JSON of a stored tally (invariant 3); the month as its text,
    'YYYY-MM', as it always was (closed months' checksums are verified against it)."""
    payload = sorted(stored, key=lambda r: int(str(r["id"])))
    text = json.dumps({"month": str(month), "rows": payload}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checksum(month: Month, rows: Iterable[TallyRow]) -> str:
    return checksum_of(month, stored_rows(rows))


def points_digest(items: Iterable[tuple[int, int, int, int]]) -> str:
    """A fingerprint of a month's points: (resident id, total, added, deducted) in hundredths,
    residents with all three zero left out. The close records it; verify recomputes it from the
    deeds in one pass (store.verify), without reading the stored tally back."""
    lines = [f"{rid}:{total}:{added}:{deducted}\n" for rid, total, added, deducted in sorted(items)
             if total or added or deducted]
    return hashlib.sha256("".join(lines).encode("ascii")).hexdigest()


def row_points(rows: Iterable[TallyRow]) -> list[tuple[int, int, int, int]]:
    """The items of `points_digest` for tally rows."""
    return [(r.resident_id, r.total_h, r.added_h, r.deducted_h) for r in rows]


def points_differ(stored: list[dict[str, object]], rows: Iterable[TallyRow]) -> list[int]:
    """Residents whose points now differ from a closed month's stored tally.

    Only points are compared: names, households and the star settings may change after a
    month is closed; points may not. A resident added later must have no points then.
    """
    by_id = {int(str(r["id"])): r for r in stored}
    differ = []
    for row in rows:
        now = row.as_json()
        before = by_id.get(row.resident_id)
        if before is None:
            if any(now.get(f, "0") != "0" for f in POINT_FIELDS):
                differ.append(row.resident_id)
        elif any(before.get(f, "0") != now.get(f, "0") for f in POINT_FIELDS):
            differ.append(row.resident_id)
    return differ
