"""The monthly tally: points become stars, flags, a score and a grade (pure arithmetic)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

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


@dataclass(frozen=True, slots=True)
class Sums:
    """Approved sums for one resident: this month's gains and losses, and the running total.
    `lapsed` is what deductions that lapsed this month give back (already in `total`)."""

    added: Points = ZERO
    deducted: Points = ZERO
    total: Points = ZERO
    pending: Points = ZERO
    lapsed: Points = ZERO


@dataclass(frozen=True, slots=True)
class ResidentRef:
    resident_id: int
    name: str
    household: str
    area: str
    status: str = "active"


@dataclass(frozen=True, slots=True)
class TallyRow:
    resident_id: int
    name: str
    household: str
    area: str
    previous_total: Points
    added: Points
    deducted: Points
    month_points: Points
    total_points: Points
    star_total: int
    flags: int
    stars: int
    score: Points | None
    grade: str | None
    pending_points: Points
    lapsed: Points = ZERO  # deductions that stopped counting this month give back (信用修复)

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
        if self.lapsed:  # only where something lapsed: earlier stored rows stay as they were
            out["lapsed"] = str(self.lapsed)
        return out


def tally_rows(
    residents: Iterable[ResidentRef],
    sums: Mapping[int, Sums],
    scheme: Scheme,
    grade_caps: Mapping[int, Iterable[str]] | None = None,
    bonuses: Mapping[str, Points] | None = None,
) -> list[TallyRow]:
    """One row per resident, in roster order; a resident with no deeds has zeros. `bonuses`
    are the door signs' additions to the score, by household (`rating_bonus`).

    Worked on hundredths: a 5,000-resident tally makes no object it does not keep
    (bench/bench_tally.py)."""
    caps = grade_caps or {}
    per_star, per_flag = scheme.points_per_star.hundredths, scheme.stars_per_flag
    scored = scheme.base is not None
    nothing = Sums()
    rows: list[TallyRow] = []
    append = rows.append
    for ref in residents:
        s = sums.get(ref.resident_id, nothing)
        total = s.total.hundredths
        month_points = s.added.hundredths + s.deducted.hundredths
        star_total, flags, stars = _marks(total, per_star, per_flag)
        score = (score_for(s.total, scheme, bonuses.get(ref.household, ZERO) if bonuses
                           else ZERO) if scored else None)
        grade = grade_for(score, scheme, caps.get(ref.resident_id, ())) if scored else None
        append(TallyRow(ref.resident_id, ref.name, ref.household, ref.area,
                        hundredths(total - month_points - s.lapsed.hundredths), s.added,
                        s.deducted, hundredths(month_points), s.total, star_total, flags, stars,
                        score, grade, s.pending, s.lapsed))
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
    def p(key: str) -> Points:
        return Points.of(Decimal(str(r[key])))

    return TallyRow(
        resident_id=int(str(r["id"])), name=str(r["name"]), household=str(r["household"]),
        area=str(r.get("area") or ""), previous_total=p("previous_total"), added=p("added"),
        deducted=p("deducted"), month_points=p("month_points"), total_points=p("total_points"),
        star_total=int(str(r["star_total"])), flags=int(str(r["flags"])),
        stars=int(str(r["stars"])), score=p("score") if "score" in r else None,
        grade=str(r["grade"]) if r.get("grade") is not None else None,
        pending_points=p("pending_points"))


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
    return [(r.resident_id, r.total_points.hundredths, r.added.hundredths,
             r.deducted.hundredths) for r in rows]


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
