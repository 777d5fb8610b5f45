"""Who may do what, walked whole: every service verb that needs authority, called as nobody, a
gatherer, a committee member, a secretary and a retired person, on SQLite and on PostgreSQL;
each is done exactly when core.authority.MATRIX says the role may, and a refusal names the
person, their role and what the role may not do, and writes nothing. Then every relationship
rule: areas, the paper's gatherer, approving what one recorded or typed or what benefits
oneself or one's household, voiding, and the deeds that always wait."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import add_roster, as_, enter, fixed_clock, make_village
from village_tally.core.authority import MATRIX, Action
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.core.person import Role
from village_tally.core.points import Points
from village_tally.core.rating import Rating
from village_tally.core.reward import DEFAULT_REWARDS
from village_tally.core.rule import Rule
from village_tally.services import (
    audit_log,
    deeds,
    exporting,
    hand_tally,
    importing,
    months,
    notices,
    objections,
    people,
    printing,
    ratings,
    roster,
    rules,
    scan_sheets,
)
from village_tally.services.errors import InputError
from village_tally.services.hand_tally import HandTotal
from village_tally.services.session import Ledger, open_ledger

ROSTER = """
王大明 0012 东片 户主
李秀英 0012 东片
张伟   0013 西片 户主
马丽   0014 西片 户主
赵四   0015 东片 户主
钱五   0016 西片 户主
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def village(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    """The test village (Yangqiao's handbook: door-sign ratings too) on each backend, with its
    roster and people, opened by nobody."""
    sqlite = request.param == "sqlite"
    db = str(tmp_path / "v.db") if sqlite else request.getfixturevalue("pg_url")
    make_village(db, "yangqiao")
    ledger = open_ledger(db, clock=fixed_clock)
    add_roster(as_(ledger, "马书记"), ROSTER)
    yield ledger
    ledger.close()


def head(ledger: Ledger) -> str:
    with ledger.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT max(id) FROM audit").scalar())


@dataclass
class Stage:
    """What the verbs act on, made by the secretary before the walk."""

    tmp: Path
    own: int  # a line the acting person typed (none for nobody)
    others: int  # a line 马秀兰 typed
    pending: int  # free points 马秀兰 typed, waiting
    objection: int  # 钱五's objection to a deed 王建国 typed


def stage(ledger: Ledger, tmp: Path, who: str | None) -> Stage:
    secretary = as_(ledger, "马书记")
    people.set_areas(secretary, "王建国", ["东片", "西片"])
    wang = as_(ledger, "王建国")
    others = enter(wang, "赵四", rule="Y1", sheet="S1", line=1).id
    pending = enter(wang, "赵四", points="5", deed="修路", sheet="S1", line=2).id
    own = others if who is None else enter(as_(ledger, who), "钱五", rule="Y1", sheet="S2",
                                           line=1).id
    roster.add_area(secretary, "南片")
    people.add_person(secretary, people.NewPerson("待定", Role.GATHERER, ("东片",)))
    people.add_person(secretary, people.NewPerson("将退", Role.GATHERER, ("东片",)))
    (tmp / "名册.csv").write_text("姓名,户号,片区\n孙六,0020,东片\n", encoding="utf-8")
    (tmp / "评星.csv").write_text("户号,季度,庭院整洁\n0013,2026-Q4,4\n", encoding="utf-8")
    (tmp / "积分.csv").write_text(f"日期,姓名,编码,记录人\n2026-11-05,王大明,Y1,{who or ''}\n",
                                 encoding="utf-8")
    committee = as_(ledger, "马主任")
    objection = objections.object_to(committee, others, raised_by="钱五", text="不对").objection
    november = Month.parse("2026-11")
    notices.publish_month(committee, november, days=3)  # on notice until 24 November
    hand_tally.enter_totals(secretary, november, [HandTotal("area", "西片", Points(500))])
    return Stage(tmp, own, others, pending, objection.id)


def _id(ledger: Ledger, name: str) -> int:
    return next(r.id for r in roster.list_residents(ledger) if r.name == name)


Verb = Callable[[Ledger, Stage], object]
VERBS: list[tuple[str, Action, Verb]] = [
    ("enter", Action.ENTER, lambda lg, s: enter(lg, "王大明", rule="Y1")),
    ("void own line", Action.VOID_OWN, lambda lg, s: deeds.void_deed(lg, s.own, reason="抄错")),
    ("void another's", Action.VOID_ANY,
     lambda lg, s: deeds.void_deed(lg, s.others, reason="重复")),
    ("approve", Action.APPROVE, lambda lg, s: deeds.approve_deed(lg, s.pending)),
    ("export", Action.EXPORT, lambda lg, s: exporting.export_workbook(lg, s.tmp / "e.xlsx")),
    ("statement", Action.PRINT_STATEMENT,
     lambda lg, s: printing.print_statement(lg, name="赵四", out=s.tmp / "s.pdf")),
    ("scan sheets", Action.ISSUE_SHEETS,
     lambda lg, s: scan_sheets.print_scan_sheets(lg, out=s.tmp / "scan.pdf", area="东片")),
    ("rate", Action.RATINGS,
     lambda lg, s: ratings.set_ratings(lg, [Rating("0012", "2026-Q4", "tidy", 5)])),
    ("add resident", Action.ROSTER, lambda lg, s: roster.add_resident(
        lg, roster.NewResident(name="周七", household="0030", area="西片"))),
    ("add area", Action.ROSTER, lambda lg, s: roster.add_area(lg, "北片")),
    ("rename area", Action.ROSTER, lambda lg, s: roster.rename_area(lg, "南片", "河南片")),
    ("move household", Action.ROSTER,
     lambda lg, s: roster.set_household_area(lg, "0016", "东片", reason="搬家")),
    ("resident status", Action.ROSTER, lambda lg, s: roster.set_resident_status(
        lg, _id(lg, "李秀英"), "moved", reason="出嫁")),
    ("move resident", Action.ROSTER, lambda lg, s: roster.move_household(
        lg, _id(lg, "马丽"), "0013", reason="投亲")),
    ("add rule", Action.HANDBOOK, lambda lg, s: rules.add_rule(lg, Rule("Y9", "帮工", "help",
                                                                       Points(100)))),
    ("change rule", Action.HANDBOOK, lambda lg, s: rules.update_rule(
        lg, replace(lg.scheme.rules[0], title_zh="爱岗"))),
    ("change scheme", Action.HANDBOOK, lambda lg, s: rules.update_scheme(lg, lg.scheme)),
    ("rewards", Action.HANDBOOK, lambda lg, s: rules.update_rewards(lg, DEFAULT_REWARDS)),
    ("add person", Action.PEOPLE,
     lambda lg, s: people.add_person(lg, people.NewPerson("新人", Role.COMMITTEE))),
    ("reset a PIN", Action.PEOPLE, lambda lg, s: people.set_pin(lg, "待定", "4321")),
    ("change a role", Action.PEOPLE, lambda lg, s: people.set_role(lg, "待定", "committee")),
    ("change areas", Action.PEOPLE, lambda lg, s: people.set_areas(lg, "待定", ["西片"])),
    ("retire", Action.PEOPLE, lambda lg, s: people.retire_person(lg, "将退")),
    ("close a month", Action.CLOSE_MONTH,
     lambda lg, s: months.close_month(lg, Month.parse("2026-09"))),
    ("import roster", Action.IMPORT_ROSTER,
     lambda lg, s: importing.import_file(lg, "roster", s.tmp / "名册.csv")),
    ("import deeds", Action.IMPORT_DEEDS,
     lambda lg, s: importing.import_file(lg, "deeds", s.tmp / "积分.csv")),
    ("import ratings", Action.IMPORT_RATINGS,
     lambda lg, s: importing.import_file(lg, "ratings", s.tmp / "评星.csv")),
    ("read the audit log", Action.AUDIT, lambda lg, s: audit_log.audit_log(lg)),
    ("publish", Action.PUBLISH, lambda lg, s: notices.publish_month(lg, Month.parse("2026-11"))),
    ("shorten notice", Action.SHORTEN_NOTICE, lambda lg, s: notices.shorten(
        lg, Month.parse("2026-11"), ends=dt.date(2026, 11, 22), reason="年底")),
    ("object", Action.OBJECT,
     lambda lg, s: objections.object_to(lg, s.pending, raised_by="赵四", text="记错了")),
    ("answer", Action.ANSWER, lambda lg, s: objections.answer(lg, s.objection, upheld=False,
                                                              reason="没记错")),
    ("hand tally", Action.HAND_TALLY, lambda lg, s: hand_tally.enter_totals(
        lg, Month.parse("2026-11"), [HandTotal("area", "东片", Points(100))])),
    ("explain", Action.EXPLAIN, lambda lg, s: hand_tally.explain(
        lg, Month.parse("2026-11"), key="西片", explanation="漏算一行")),
]

# Who walks the matrix: the role's person ("" is nobody signed in).
WALKERS = {"nobody": None, "gatherer": "马秀兰", "committee": "马主任", "secretary": "马书记",
           "retired": "马秀兰"}


@pytest.mark.parametrize("walker", list(WALKERS))
def test_every_verb_for_every_role(village: Ledger, tmp_path: Path, walker: str) -> None:
    name = WALKERS[walker]
    s = stage(village, tmp_path, name)
    if walker == "retired":  # she typed a line, then retired
        people.retire_person(as_(village, "马书记"), "马秀兰")
    person = people.find_person(village, name) if name else None
    ledger = village.acting_as(person)
    allowed = set() if person is None or person.retired else MATRIX[person.role]
    wrong = []
    for label, action, verb in VERBS:
        before = head(village)
        try:
            verb(ledger, s)
            got = "done"
        except InputError as exc:
            got = ",".join(p.code for p in exc.problems)
            expected_code = ("authority.signed_out" if person is None else "authority.retired"
                             if person.retired else "authority.role_may_not")
            if action not in allowed:
                problem = exc.problems[0]
                if problem.code == "authority.role_may_not":
                    assert problem.params["name"] == name
                    assert problem.params["role"].codes == (f"role.{person.role.value}",)
                    assert problem.params["action"].codes[0].startswith("action.")
                got = "refused" if [p.code for p in exc.problems] == [expected_code] else got
            assert head(village) == before, label  # nothing written on refusal
        want = "done" if action in allowed else "refused"
        if got != want:
            wrong.append((label, want, got))
    assert wrong == []


def test_the_matrix_as_built() -> None:
    """DESIGN's roles: gatherers enter and void their own lines; committee members approve,
    void any deed, export, print statements; only secretaries change the roster, the handbook
    and people, close months, restore a backup and record a ledger's differences as
    understood (#12)."""
    assert MATRIX[Role.GATHERER] == {Action.ENTER, Action.VOID_OWN, Action.ISSUE_SHEETS,
                                     Action.IMPORT_DEEDS, Action.HAND_TALLY}
    assert MATRIX[Role.COMMITTEE] - MATRIX[Role.GATHERER] == {
        Action.VOID_ANY, Action.APPROVE, Action.EXPORT, Action.PRINT_STATEMENT,
        Action.RATINGS, Action.IMPORT_RATINGS, Action.AUDIT, Action.PUBLISH, Action.OBJECT,
        Action.ANSWER}
    assert MATRIX[Role.SECRETARY] - MATRIX[Role.COMMITTEE] == {
        Action.ROSTER, Action.HANDBOOK, Action.PEOPLE, Action.CLOSE_MONTH, Action.RESTORE,
        Action.ACKNOWLEDGE, Action.IMPORT_ROSTER, Action.SHORTEN_NOTICE, Action.EXPLAIN}
    assert set(Action) == set().union(*MATRIX.values())


# --- relationships ----------------------------------------------------------------------------

def codes(call: Callable[[], Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [p.code for p in caught.value.problems]


def test_a_gatherer_enters_only_for_her_areas_and_only_her_own_sheets(village: Ledger) -> None:
    secretary = as_(village, "马书记")
    people.set_areas(secretary, "王建国", ["西片"])
    wang = as_(village, "王建国")
    assert codes(lambda: enter(wang, "王大明", rule="Y1")) == ["authority.outside_area"]
    assert codes(lambda: enter(wang, "张伟", rule="Y1", recorder="马秀兰")) == [
        "authority.gatherer_own_sheets"]
    assert enter(wang, "张伟", rule="Y1").recorder == "王建国"
    # the secretary types 王建国's paper: for his areas only, and the deed says both
    typed = enter(secretary, "马丽", rule="Y1", recorder="王建国")
    assert (typed.recorder, typed.typist) == ("王建国", "马书记")
    assert codes(lambda: enter(secretary, "王大明", rule="Y1", recorder="王建国")) == [
        "authority.outside_area"]
    assert codes(lambda: enter(secretary, "王大明", rule="Y1", recorder="无名氏")) == [
        "deed.recorder_unknown"]


def test_nobody_approves_what_they_recorded_or_typed_or_what_benefits_their_household(
        village: Ledger) -> None:
    secretary = as_(village, "马书记")
    people.set_resident(secretary, "马主任", "张伟")  # 马主任 is 张伟 of household 0013
    committee = as_(village, "马主任")
    recorded = enter(committee, "王大明", points="3", deed="修路")
    typed = enter(secretary, "王大明", points="3", deed="扫雪", recorder="马主任")
    himself = enter(as_(village, "马秀兰"), "张伟", points="2", deed="修桥")
    household = enter(as_(village, "马秀兰"), "马丽", points="2", deed="修桥")
    roster.move_household(secretary, _id(village, "马丽"), "0013", reason="投亲")
    assert codes(lambda: deeds.approve_deed(committee, recorded.id)) == [
        "authority.approve_recorded"]
    assert codes(lambda: deeds.approve_deed(secretary, typed.id)) == ["authority.approve_typed"]
    assert codes(lambda: deeds.approve_deed(committee, himself.id)) == [
        "authority.approve_self"]
    assert codes(lambda: deeds.approve_deed(committee, household.id)) == [
        "authority.approve_household"]
    # approving many: one refusal, none approved; valid_only approves the others
    assert codes(lambda: deeds.approve_deeds(secretary, [recorded.id, typed.id])) == [
        "authority.approve_typed"]
    assert deeds.get_deed(village, recorded.id).status is Status.PENDING
    done = deeds.approve_deeds(secretary, [recorded.id, typed.id, himself.id],
                               valid_only=True)
    assert done.approved == (recorded.id, himself.id)
    assert [p.params["deed_id"] for p in done.refused] == [typed.id]


def test_voiding_ones_own_lines_and_the_committees_corrections(village: Ledger) -> None:
    gatherer, committee = as_(village, "马秀兰"), as_(village, "马主任")
    secretary = as_(village, "马书记")
    people.set_areas(secretary, "王建国", ["西片"])
    mine = enter(gatherer, "王大明", rule="Y1", date="2026-10-05")
    theirs = enter(as_(village, "王建国"), "张伟", rule="Y1", date="2026-10-06")
    assert codes(lambda: deeds.void_deed(gatherer, theirs.id, reason="x")) == [
        "authority.role_may_not"]
    months.close_month(secretary, Month.parse("2026-10"))
    assert codes(lambda: deeds.void_deed(gatherer, mine.id, reason="x")) == [
        "authority.void_closed"]
    assert deeds.void_deed(committee, mine.id, reason="记错人").adjustment is not None
    people.set_resident(secretary, "马主任", "张伟")
    fine = enter(gatherer, "张伟", rule="Y3")  # a deduction from 马主任 himself
    assert codes(lambda: deeds.void_deed(committee, fine.id, reason="x")) == [
        "authority.void_own_deduction"]
    deeds.void_deed(secretary, fine.id, reason="认错了人")
    assert deeds.get_deed(village, fine.id).status is Status.VOID


def test_deeds_that_always_wait(village: Ledger) -> None:
    secretary = as_(village, "马书记")
    people.set_resident(secretary, "马秀兰", "李秀英")  # 马秀兰 is 李秀英 of household 0012
    gatherer = as_(village, "马秀兰")
    for_herself = enter(gatherer, "李秀英", rule="Y1")
    for_household = enter(gatherer, "王大明", rule="Y1")
    for_another = enter(gatherer, "张伟", rule="Y1")
    typed_by_her = enter(secretary, "王大明", rule="Y1", recorder="马秀兰")
    assert [d.status for d in (for_herself, for_household, for_another, typed_by_her)] == [
        Status.PENDING, Status.PENDING, Status.APPROVED, Status.PENDING]
    free = enter(gatherer, "张伟", points="1", deed="扫雪")
    assert free.status is Status.PENDING
    enter(gatherer, "张伟", rule="Y2", quantity="2")  # the monthly cap of 2 visits
    over = enter(gatherer, "张伟", rule="Y2", override="父亲病重")
    assert over.status is Status.PENDING


def test_a_split_award_waits_like_a_whole_one(make_ledger: Callable[..., Ledger]) -> None:
    """Jiakuang Majia: donations above 10 points wait. Three +5 for one villager in a month:
    the one that brings the month's D1 points past 10 waits, and every later one."""
    ledger = make_ledger(roster_text="王芳 0004 二片 户主\n马丽 0001 一片")
    parts = [enter(ledger, "王芳", rule="D1", quantity="5", date=f"2026-11-0{d}")
             for d in (1, 2, 3)]
    assert [d.status for d in parts] == [Status.APPROVED, Status.APPROVED, Status.PENDING]
    assert enter(ledger, "马丽", rule="D1", quantity="5").status is Status.APPROVED
    assert enter(ledger, "王芳", rule="D1", quantity="1", date="2026-10-30").status is \
        Status.APPROVED  # another month counts afresh
    deeds.void_deed(ledger, parts[2].id, reason="重复")
    assert enter(ledger, "王芳", rule="D1", quantity="1").status is Status.PENDING  # 10 + 1
    row = next(r for r in months.tally(ledger, Month.parse("2026-11")).rows if r.name == "王芳")
    assert (str(row.total_points), str(row.pending_points)) == ("11", "1")  # October: 1


def test_an_import_splitting_an_award_waits_too(make_ledger: Callable[..., Ledger],
                                               tmp_path: Path) -> None:
    ledger = make_ledger(roster_text="王芳 0004 二片 户主")
    sheet = tmp_path / "十一月.csv"
    sheet.write_text("日期,姓名,编码,数量\n" + "".join(
        f"2026-11-0{d},王芳,D1,4\n" for d in (1, 2, 3, 4)), encoding="utf-8")
    importing.import_file(ledger, "deeds", sheet)
    assert [d.status for d in deeds.list_deeds(ledger, newest_first=False)] == [
        Status.APPROVED, Status.APPROVED, Status.PENDING, Status.PENDING]  # 8, then 12 > 10
