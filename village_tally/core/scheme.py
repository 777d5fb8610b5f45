"""Schemes: how points become stars, flags, a score and a grade; and the five shipped presets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from village_tally.core.points import Points
from village_tally.core.reward import DEFAULT_REWARDS, Bracket, Rewards
from village_tally.core.rule import GradeCap, Rule

DEFAULT_BACKUPS_KEPT = 10
MAX_BACKUPS_KEPT = 100
DEFAULT_NOTICE_DAYS = 7
MAX_NOTICE_DAYS = 60


@dataclass(frozen=True, slots=True)
class Category:
    """A door-sign category rated 1–5 stars each quarter (Yangqiao: 庭院整洁 …)."""

    code: str
    title_zh: str
    title_en: str


@dataclass(frozen=True, slots=True)
class Scheme:
    """A village's points system. Grades are (name, minimum score), best first."""

    preset: str
    points_per_star: Points = Points(100)
    stars_per_flag: int = 6
    base: Points | None = None
    floor: Points | None = None
    ceiling: Points | None = None
    grades: tuple[tuple[str, Points], ...] = ()
    categories: tuple[Category, ...] = ()
    document_required: bool = False
    rules: tuple[Rule, ...] = field(default=())
    rewards: Rewards = DEFAULT_REWARDS  # the committee's brackets for the rewards list
    # Copies of the village file kept before each import and month close (the newest).
    backups_kept: int = DEFAULT_BACKUPS_KEPT
    # The most points one deed may carry, up or down: beyond it a deed is refused with the
    # limit named (a typing slip, 1,000,000 for 100). Each preset has its own (village's
    # choice), which the committee may change.
    max_deed_points: Points = Points(100 * 100)
    # The public-notice period (公示期) a published month stays up for, and who takes
    # objections where ("" prints the committee and its office: i18n's defaults).
    notice_days: int = DEFAULT_NOTICE_DAYS
    notice_contact: str = ""
    notice_place: str = ""

    @property
    def has_score(self) -> bool:
        return self.base is not None

    @property
    def household_total(self) -> bool:
        """Whether the board prints a household's total on its line: the village schemes whose
        rewards go to households do (village's choice); the personal credit scores do not."""
        return self.preset in HOUSEHOLD_TOTALS

    @property
    def grade_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.grades)

    def deed_titles(self, lang: str) -> Mapping[str, str]:
        """A rule's deeds as a reader of `lang` names them, by rule code: `titles.get(code,
        deed.title)`. A deed keeps the Chinese title it was entered with (a rule renamed
        later does not rename it); in English it takes its rule's English title, and free
        words stay as they were written."""
        if lang == "zh":
            return {}
        return {r.code: r.title_en for r in self.rules if r.title_en.strip()}


def _p(text: str) -> Points:
    return Points.of(Decimal(text))


def _bracket(name: str, minimum: str, rice: int = 0, oil: int = 0, cash: int = 0) -> Bracket:
    return Bracket(name, _p(minimum), rice, oil, cash)


def _rule(code: str, zh: str, en: str, pts: str,  # noqa: PLR0917 - the presets read as rows
          unit_zh: str = "次", unit_en: str = "time",
          cap: int | None = None, approval: str | None = None, **kw: object) -> Rule:
    return Rule(code, zh, en, _p(pts), unit_zh, unit_en,
                None if cap is None else Decimal(cap),
                None if approval is None else _p(approval), **kw)  # type: ignore[arg-type]


JIAKUANG_MAJIA = Scheme(
    preset="jiakuang-majia",
    # Village's choice: a 10,000-yuan donation (D1, +1 per 100 yuan) is the largest deed.
    max_deed_points=_p("100"),
    rules=(
        _rule("L1", "义务劳动", "Public labour", "1", "4小时", "4 hours"),
        _rule("D1", "捐款捐物", "Donation to the community", "1", "100元", "100 yuan",
              approval="10"),
        _rule("A1", "子女参军", "Family member serving in the army", "10", "人", "person", cap=1),
        _rule("C1", "照顾孤寡老人", "Caring for a lonely elder", "2", "次", "visit", cap=4),
        _rule("N1", "乱扔垃圾", "Littering", "-2"),
        _rule("N2", "不赡养老人", "Neglecting elderly parents", "-10", "次", "finding",
              approval="0"),
    ),
)

DONGDAO_LUJIA = Scheme(
    preset="dongdao-lujia",
    # Village's choice: the handbook's deeds are worth a point or half; fines ten.
    max_deed_points=_p("20"),
    # Village's choice: the handbook's deeds are worth a point or half a point, so the
    # brackets are low; counted on the month's points.
    rewards=Rewards((_bracket("一等", "8", rice=10, oil=1), _bracket("二等", "5", rice=10),
                     _bracket("三等", "3", oil=1)), basis="month"),
    rules=(
        _rule("H1", "修剪邻居树木", "Pruning a neighbour's tree", "1"),
        _rule("H2", "带老人看病或赶集", "Taking an older person to hospital or market", "1",
              "趟", "trip", cap=2),
        _rule("H3", "帮忙把车拉出沟", "Getting a car out of a ditch", "1"),
        _rule("H4", "帮忙抄水表", "Helping read a water meter", "0.5"),
        _rule("H5", "借出工具", "Lending tools", "0.5"),
        _rule("P1", "散放鸡（罚款200元）", "Letting chickens out of the coop (fine 200 yuan)",
              "-10"),
        _rule("P2", "打架斗殴（罚款1000元）", "Getting into a fight (fine 1,000 yuan)", "-10"),
        _rule("P3", "向河道倾倒垃圾（罚款500元）", "Throwing waste into the river (fine 500 yuan)",
              "-5"),
    ),
)

YANGQIAO = Scheme(
    preset="yangqiao",
    # Village's choice: a score of 0–100; the largest rule gives 6 (two visits: 12).
    max_deed_points=_p("20"),
    # Village's choice: the "morality bank" pays out in daily goods; two visits to parents
    # (Y2, +6 each) in a month reach the first bracket.
    rewards=Rewards((_bracket("一等", "12", oil=2, cash=50), _bracket("二等", "6", oil=1)),
                    basis="month"),
    base=_p("80"),
    floor=_p("0"),
    ceiling=_p("100"),
    categories=(
        Category("tidy", "庭院整洁", "Courtyard tidiness"),
        Category("law", "遵纪守法", "Observance of laws"),
        Category("waste", "垃圾分类", "Recycling and rubbish disposal"),
        Category("credit", "诚信", "Financial credit"),
        Category("family", "家风", "Family values"),
    ),
    rules=(
        _rule("Y1", "爱岗敬业", "Ardent dedication to one's job", "3", "次表彰", "recognition"),
        _rule("Y2", "看望父母或陪父母看病", "Visiting elderly parents or taking them to the doctor",
              "6", cap=2),
        _rule("Y3", "河埠头乱扔垃圾", "Littering at the river docks", "-5"),
        _rule("Y4", "贷款逾期", "A late loan payment", "-5"),
    ),
)

RONGCHENG = Scheme(
    preset="rongcheng",
    # Village's choice: a city-level award (R1) gives 30.
    max_deed_points=_p("50"),
    # Village's choice: a city-level award (R1, +30) in the month reaches the first bracket,
    # a department-level award or blood donation (+5) the third.
    rewards=Rewards((_bracket("一等", "30", cash=200), _bracket("二等", "10", cash=100),
                     _bracket("三等", "5", rice=10, oil=1)), basis="month"),
    base=_p("1000"),
    grades=(("AAA", _p("1050")), ("AA", _p("1030")), ("A", _p("960")), ("B", _p("850")),
            ("C", _p("600")), ("D", _p("-1000000"))),
    document_required=True,
    rules=(
        _rule("R1", "市级表彰", "City-level award", "30", "项", "award", document_required=True),
        _rule("R2", "部门级表彰", "Department-level award", "5", "项", "award",
              document_required=True),
        _rule("R3", "志愿服务", "Volunteering in the city programme", "1", "10小时", "10 hours",
              document_required=True),
        _rule("R4", "无偿献血", "Donating blood", "5", document_required=True),
        _rule("R5", "看望患病村民", "Visiting a sick villager", "4", document_required=True),
        _rule("R6", "交通违法", "Traffic ticket", "-5", document_required=True),
        _rule("R7", "醉酒驾驶", "Drunk driving", "0", document_required=True,
              grade_cap=GradeCap("C", 12)),
    ),
)

SUZHOU = Scheme(
    preset="suzhou",
    # Village's choice: a heroic act (S3) gives 20, on a score of 0–200.
    max_deed_points=_p("50"),
    # Village's choice: a heroic act (S3, +20) reaches the first bracket, blood donation (+5)
    # the second.
    rewards=Rewards((_bracket("一等", "20", cash=200), _bracket("二等", "5", rice=10, oil=1)),
                    basis="month"),
    base=_p("100"),
    floor=_p("0"),
    ceiling=_p("200"),
    rules=(
        _rule("S1", "志愿服务", "Volunteer service", "1", "10小时", "10 hours"),
        _rule("S2", "无偿献血", "Donating blood", "5"),
        _rule("S3", "见义勇为", "Heroic act", "20"),
    ),
)

# Presets whose board prints a household total (village's choice, see Scheme.household_total).
HOUSEHOLD_TOTALS = frozenset({"jiakuang-majia", "dongdao-lujia"})

PRESETS: dict[str, Scheme] = {
    s.preset: s for s in (JIAKUANG_MAJIA, YANGQIAO, RONGCHENG, DONGDAO_LUJIA, SUZHOU)
}
DEFAULT_PRESET = "jiakuang-majia"
