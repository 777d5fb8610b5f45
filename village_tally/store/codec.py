"""Converting between database rows and core records (points as hundredths, dates as text)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Row

from village_tally.core.deed import Deed, DeedId, ResidentId, Source, Status
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.core.problem import Phrase
from village_tally.core.reward import DEFAULT_REWARDS, parse_rewards, rewards_data
from village_tally.core.rule import GradeCap, Rule
from village_tally.core.scheme import (
    DEFAULT_BACKUPS_KEPT,
    DEFAULT_NOTICE_DAYS,
    PRESETS,
    Category,
    Scheme,
)
from village_tally.store.damage import reading


def hundredths(value: Decimal) -> int:
    return int(value * 100)


def from_hundredths(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def scheme_settings(scheme: Scheme) -> str:
    """The scheme's settings (not its rules, which have their own table) as canonical JSON."""
    def h(p: Points | None) -> int | None:
        return None if p is None else p.hundredths

    return json.dumps({
        "points_per_star_h": scheme.points_per_star.hundredths,
        "stars_per_flag": scheme.stars_per_flag,
        "base_h": h(scheme.base), "floor_h": h(scheme.floor), "ceiling_h": h(scheme.ceiling),
        "grades": [[name, p.hundredths] for name, p in scheme.grades],
        "categories": [[c.code, c.title_zh, c.title_en] for c in scheme.categories],
        "document_required": scheme.document_required,
        "rewards": rewards_data(scheme.rewards),
        "backups_kept": scheme.backups_kept,
        "max_deed_points_h": scheme.max_deed_points.hundredths,
        "notice_days": scheme.notice_days, "notice_contact": scheme.notice_contact,
        "notice_place": scheme.notice_place,
    }, ensure_ascii=False, sort_keys=True)


def scheme_from(preset: str, settings: str, rules: tuple[Rule, ...]) -> Scheme:
    s = json.loads(settings)

    def p(key: str) -> Points | None:
        return None if s.get(key) is None else Points(s[key])

    return Scheme(
        preset=preset, points_per_star=Points(s["points_per_star_h"]),
        stars_per_flag=s["stars_per_flag"], base=p("base_h"), floor=p("floor_h"),
        ceiling=p("ceiling_h"), grades=tuple((n, Points(v)) for n, v in s["grades"]),
        categories=tuple(Category(*c) for c in s["categories"]),
        document_required=s["document_required"], rules=rules,
        # villages made before the brackets were kept have the default table
        rewards=parse_rewards(json.dumps(s["rewards"])) if "rewards" in s else DEFAULT_REWARDS,
        backups_kept=s.get("backups_kept", DEFAULT_BACKUPS_KEPT),
        # villages made before the limit was kept have their preset's
        max_deed_points=(Points(s["max_deed_points_h"]) if "max_deed_points_h" in s
                         else PRESETS[preset].max_deed_points),
        # villages made before the notice work have the default period and words
        notice_days=s.get("notice_days", DEFAULT_NOTICE_DAYS),
        notice_contact=s.get("notice_contact", ""), notice_place=s.get("notice_place", ""),
    )


def rule_values(r: Rule) -> dict[str, Any]:
    return {
        "code": r.code, "title_zh": r.title_zh, "title_en": r.title_en,
        "points_h": r.points.hundredths, "unit_zh": r.unit_zh, "unit_en": r.unit_en,
        "cap_h": None if r.monthly_cap is None else hundredths(r.monthly_cap),
        "approval_above_h": None if r.approval_above is None else r.approval_above.hundredths,
        "document_required": r.document_required,
        "grade_cap": r.grade_cap.grade if r.grade_cap else None,
        "grade_cap_months": r.grade_cap.months if r.grade_cap else None,
        "active": r.active,
    }


def rule_from(row: Row[Any]) -> Rule:
    return rule_from_values(dict(row._mapping))


def rule_from_values(v: Mapping[str, Any]) -> Rule:
    """A rule from its columns (a row's, or a snapshot's `rule_values`)."""
    return Rule(
        code=v["code"], title_zh=v["title_zh"], title_en=v["title_en"],
        points=Points(v["points_h"]), unit_zh=v["unit_zh"], unit_en=v["unit_en"],
        monthly_cap=None if v["cap_h"] is None else from_hundredths(v["cap_h"]),
        approval_above=None if v["approval_above_h"] is None else Points(v["approval_above_h"]),
        document_required=bool(v["document_required"]),
        grade_cap=GradeCap(v["grade_cap"], v["grade_cap_months"]) if v["grade_cap"] else None,
        active=bool(v["active"]),
    )


def deed_from(row: Row[Any]) -> Deed:
    """A deed row joined with its resident, household, area, void and approval; a row that
    cannot be read is StoreError `db.damaged` naming the deed."""
    with reading(Phrase.of("damage.deed", deed_id=row.id)):
        return _deed_from(row)


def _deed_from(row: Row[Any]) -> Deed:
    if row.void_reason is not None:
        status = Status.VOID
    elif row.needs_approval and row.approved_by is None:
        status = Status.PENDING
    else:
        status = Status.APPROVED
    return Deed(
        id=DeedId(row.id), resident_id=ResidentId(row.resident_id), name=row.name,
        household=row.household, area=row.area or "", date=dt.date.fromisoformat(row.date),
        month=Month.parse(row.month), rule_code=row.rule_code, title=row.title,
        quantity=from_hundredths(row.quantity_h), points=Points(row.points_h),
        recorder=row.recorder,
        source=Source(row.source_sheet, row.source_line, row.source_file, row.source_row),
        note=row.note, status=status, needs_approval=bool(row.needs_approval),
        approved_by=row.approved_by, override_reason=row.override_reason,
        void_reason=row.void_reason, voided_by=row.voided_by, voided_at=row.voided_at,
        adjusts=None if row.adjusts_deed_id is None else DeedId(row.adjusts_deed_id),
        replaces=None if row.replaces_deed_id is None else DeedId(row.replaces_deed_id),
        created_at=row.created_at, typist=row.created_by,
    )
