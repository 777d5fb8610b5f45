"""A realistic demo village for a seed: Chinese names with namesakes, ten areas, a year of
deeds from the preset handbook at everyday rates, some voids and some pending deeds."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from village_tally.core.authority import Action
from village_tally.core.deed import NewDeed, ResidentId, RuleId, Source
from village_tally.core.month import Month
from village_tally.core.names import name_initials
from village_tally.core.person import Role
from village_tally.core.rule import Rule
from village_tally.core.scheme import DEFAULT_PRESET
from village_tally.core.tally import ResidentRef
from village_tally.services.months import close_month
from village_tally.services.people import NewPerson, add_people_in, name_first_secretary
from village_tally.services.session import Clock, Ledger, init_village, system_clock, write
from village_tally.store import deeds as deed_repo
from village_tally.store import people as people_repo
from village_tally.store import ratings as rating_repo
from village_tally.store import roster as roster_repo

# The village's own surname dominates (马家村), as in Jiakuang Majia; polyphonic surnames
# (曾 单 解 仇) are there on purpose, so search by initials is exercised on every reading.
SURNAMES = ("马" * 30 + "王李张刘陈杨黄赵周吴徐孙朱胡郭何林高郑梁谢宋唐许韩冯邓曹彭"
            "曾曾单解仇田董潘袁蔡蒋于杜叶程魏苏吕丁任卢姚沈姜崔")
MALE = "军伟强磊洋勇杰涛明超刚平辉健峰建国志华俊文海波东林斌少永春利"
FEMALE = "芳娜敏静丽艳娟霞秀英玲桂兰红梅凤琴云莲萍华燕玉珍翠娥"
AREAS = ("一片", "二片", "三片", "四片", "五片", "六片", "七片", "八片", "九片", "十片")
GATHERERS = ("马秀兰", "王建国", "李春梅", "张志华", "刘桂英", "陈海波", "杨玉珍", "赵永春",
             "周翠娥", "吴少东")
COMMITTEE = ("马书记", "马主任", "王会计")  # 马书记 is the village's secretary (文书) too
SECRETARY = COMMITTEE[0]
DEMO_PIN = "1234"  # every demo person's PIN (README says so)
# Average deeds per resident per month, and how often each kind of rule is used.
RATE = 1.5
# The biggest demo the command line builds: four times the bench village's roster, five years.
MAX_RESIDENTS = 20_000
MAX_MONTHS = 60
WEIGHTS = {"positive": 0.82, "negative": 0.18}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    residents: int
    households: int
    deeds: int
    months: int


def _name(rng: random.Random) -> str:
    given = MALE if rng.random() < 0.5 else FEMALE
    length = 1 if rng.random() < 0.3 else 2
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(length))


def _roster(rng: random.Random, residents: int) -> list[tuple[str, str, str, bool]]:
    """(name, household code, area, head) rows; about three people a household."""
    people: list[tuple[str, str, str, bool]] = [("马少军", "0001", AREAS[0], True),
                                                ("曾重行", "0002", AREAS[0], True)]
    household = 2
    while len(people) < residents:
        household += 1
        code = f"{household:04d}"
        area = AREAS[(household - 1) * len(AREAS) // max(1, residents // 3 + 1) % len(AREAS)]
        size = min(residents - len(people), rng.choice((1, 2, 3, 3, 3, 4, 4, 5)))
        names: set[str] = set()
        for i in range(size):
            name = _name(rng)
            while name in names:
                name = _name(rng)
            names.add(name)
            people.append((name, code, area, i == 0))
    # A namesake in another household, so picking by household is always needed somewhere.
    if residents >= 10:
        people[-1] = ("马少军", people[-1][1], people[-1][2], people[-1][3])
    return people[:residents]


def _quantity(rng: random.Random, rule: Rule) -> Decimal:
    if rule.code == "D1":
        return Decimal(rng.choice((1, 2, 2, 3, 5, 5, 10, 30)))
    if rule.unit_en in ("4 hours", "10 hours"):
        return Decimal(rng.choice((1, 1, 2, 2, 3)))
    return Decimal(1)


def make_demo(db: str, *, residents: int = 1200, months: int = 12, seed: int = 1,
              preset: str = DEFAULT_PRESET, clock: Clock = system_clock) -> DemoSummary:
    """Create the demo village in an empty database and close every month but the current.
    Its people — the secretary 马书记, the committee members 马主任 and 王会计, a gatherer
    for each area — all have the PIN 1234 (DEMO_PIN)."""
    rng = random.Random(seed)
    ledger = init_village(db, name="马家村（示范）", preset=preset, clock=clock)
    try:
        secretary = name_first_secretary(ledger, name=SECRETARY, pin=DEMO_PIN)
        return _fill(secretary.ledger, rng, residents, months, seed)
    finally:
        ledger.close()


def _fill(ledger: Ledger, rng: random.Random, residents: int, months: int,
          seed: int) -> DemoSummary:
    today = ledger.today()
    current = Month.of(today)
    first = current - (months - 1)
    people = _roster(rng, residents)
    with write(ledger, "demo", "village", needs=Action.PEOPLE) as w:
        household_ids = _add_people(w.conn, ledger, people)
        assert ledger.actor is not None
        add_people_in(w, ledger, [NewPerson(name, Role.GATHERER, (area,))
                                  for name, area in zip(GATHERERS, AREAS, strict=True)]
                      + [NewPerson(name, Role.COMMITTEE) for name in COMMITTEE[1:]],
                      pin_hash=people_repo.pin_hash(w.conn, ledger.actor.id))  # 1234 too
        refs = roster_repo.resident_refs(w.conn, ledger.village_id)
        deeds: list[NewDeed] = []
        for m in range(months):
            deeds += _month_deeds(ledger, rng, refs, first + m, today)
        ids = deed_repo.insert_deeds_fast(w.conn, [deed_repo.deed_columns(ledger.village_id, d)
                                              for d in deeds])
        w.deed_ids.extend(ids)
        approvals, voids = _approvals_and_voids(rng, ids, deeds, current)
        deed_repo.insert_voids(w.conn, voids)
        deed_repo.insert_approvals(w.conn, approvals)
        if ledger.scheme.categories:
            _ratings(ledger, rng, w.conn, household_ids, first=first, current=current,
                     at=ledger.now_text())
        w.details = {"seed": seed, "residents": len(people), "deeds": len(ids)}
    for m in range(months - 1):
        close_month(ledger, first + m)
    return DemoSummary(len(people), len({p[1] for p in people}), len(ids), months)


def _add_people(conn: Any, ledger: Ledger, people: list[tuple[str, str, str, bool]]
                ) -> dict[str, int]:
    """Areas, households and residents in one go; returns household code → id."""
    at = ledger.now_text()
    household_ids: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for name, code, area, head in people:
        if code not in household_ids:
            area_id = roster_repo.area_id(conn, ledger.village_id, area, create=True)
            household_ids[code] = roster_repo.insert_household(
                conn, ledger.village_id, code, area_id=area_id, door_plate=f"马家村{int(code)}号")
        rows.append({"village_id": ledger.village_id, "household_id": household_ids[code],
                     "name": name, "initials": " ".join(sorted(name_initials(name))),
                     "is_head": head, "status": "active", "note": None, "created_at": at})
    roster_repo.insert_residents(conn, rows)
    return household_ids


def _month_deeds(ledger: Ledger, rng: random.Random, refs: list[ResidentRef], month: Month,
                 today: dt.date) -> list[NewDeed]:
    """A month of field-sheet lines: each area's gatherer fills sheets of 20 lines."""
    rules = [r for r in ledger.scheme.rules if r.active and r.grade_cap is None]
    good = [r for r in rules if r.points.hundredths > 0]
    bad = [r for r in rules if r.points.hundredths < 0]
    start = month.first_day
    days = (min(month.last_day, today) - start).days
    lines: dict[str, int] = {}
    used: dict[tuple[int, str], Decimal] = {}
    deeds = []
    for ref in refs:
        for _ in range(_poisson(rng, RATE)):
            pool = good if (rng.random() < WEIGHTS["positive"] or not bad) else bad
            rule = rng.choice(pool)
            qty = _quantity(rng, rule)
            if rule.monthly_cap is not None:  # the handbook's caps hold in the demo too
                key = (ref.resident_id, rule.code)
                if used.get(key, Decimal(0)) + qty > rule.monthly_cap:
                    continue
                used[key] = used.get(key, Decimal(0)) + qty
            area_no = AREAS.index(ref.area) + 1 if ref.area in AREAS else 1
            n = lines.get(ref.area, 0)
            lines[ref.area] = n + 1
            day = start + dt.timedelta(days=rng.randint(0, days))
            points = rule.points.times(qty)
            gatherer = GATHERERS[area_no - 1]
            deeds.append(NewDeed(
                resident=ResidentId(ref.resident_id), date=day, month=month,
                rule=RuleId(ledger.rule_ids[rule.code]), rule_code=rule.code,
                title=rule.title_zh, quantity=qty, points=points,
                needs_approval=rule.needs_approval(points), recorder=gatherer,
                source=Source(f"{month.year:04d}{month.number:02d}-{area_no:02d}-{n // 20 + 1:02d}",
                              n % 20 + 1),
                created_at=f"{day.isoformat()}T18:00:00", created_by=gatherer))
    return deeds


def _approvals_and_voids(rng: random.Random, ids: list[int], deeds: list[NewDeed],
                         current: Month) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """About 1 % of lines voided as miscopied; past months' large awards approved, and half
    of this month's, so the committee has some waiting."""
    approvals, voids = [], []
    for deed_id, d in zip(ids, deeds, strict=True):
        live = rng.random() >= 0.01
        if not live:
            voids.append({"deed_id": deed_id, "reason": "抄错了，已重新登记",
                          "by": d.recorder, "at": d.created_at})
        if d.needs_approval and live and (d.month != current or rng.random() < 0.5):
            approvals.append({"deed_id": deed_id, "by": COMMITTEE[deed_id % 3],
                              "at": d.created_at})
    return approvals, voids


def _ratings(ledger: Ledger, rng: random.Random, conn: Any, households: dict[str, int], *,
             first: Month, current: Month, at: str) -> None:
    quarters = sorted({(first + i).quarter for i in range(current.since(first) + 1)})
    rows = [{"village_id": ledger.village_id, "household_id": hid, "quarter": q,
             "category": c.code, "stars": rng.choice((3, 4, 4, 5, 5, 2)), "by": COMMITTEE[0],
             "at": at, "source": "demo"}
            for q in quarters for hid in households.values() for c in ledger.scheme.categories]
    rating_repo.insert_ratings(conn, rows)


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for small means, and deterministic for a seed.
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
