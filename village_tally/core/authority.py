"""Who may do what: the permission matrix as data, and the checks that say why not.

The checks are pure and return problems (never booleans): every refusal names the person,
their role and what the role may not do, or the relationship that forbids it (DESIGN "Who may
do what"). Services run them for the command line, the desktop program and imports alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from village_tally.core.deed import ResidentId
from village_tally.core.names import normalize_name
from village_tally.core.person import Person, Role
from village_tally.core.problem import Field, Problem, Terms, Where


class Action(StrEnum):
    """Everything that needs authority (#13 adds publishing, objections and answers)."""

    ENTER = "enter"  # a gatherer: only for residents of her areas
    VOID_OWN = "void_own"  # lines one recorded or typed, in the open month
    VOID_ANY = "void_any"
    APPROVE = "approve"
    EXPORT = "export"
    PRINT_STATEMENT = "print_statement"  # a villager's statement: personal data
    ISSUE_SHEETS = "issue_sheets"  # print newly numbered scan sheets (recorded)
    RATINGS = "ratings"  # door-sign stars
    ROSTER = "roster"  # residents, households, areas
    HANDBOOK = "handbook"  # rules, the scheme, reward brackets
    PEOPLE = "people"  # add, roles, areas, PINs, retire
    CLOSE_MONTH = "close_month"
    RESTORE = "restore"
    ACKNOWLEDGE = "acknowledge"  # record that what verify finds is understood (#12)
    IMPORT_ROSTER = "import_roster"
    IMPORT_DEEDS = "import_deeds"  # a gatherer: only rows for residents of her areas
    IMPORT_RATINGS = "import_ratings"
    AUDIT = "audit"  # read the audit log
    KIOSK = "kiosk"  # open the village-hall screen: villagers' reports wait on this authority
    PUBLISH = "publish"  # put a month on public notice (公示), again after a change
    SHORTEN_NOTICE = "shorten_notice"  # end a notice period early, with a reason
    OBJECT = "object"  # record a villager's objection to a deed, on their behalf
    ANSWER = "answer"  # uphold or reject an objection: not on a deed one recorded or typed
    HAND_TALLY = "hand_tally"  # a gatherer's calculator total: a gatherer only for her areas
    EXPLAIN = "explain"  # explain a difference between the hand tally and the ledger


_GATHERER = frozenset({Action.ENTER, Action.VOID_OWN, Action.ISSUE_SHEETS, Action.IMPORT_DEEDS,
                       Action.HAND_TALLY})
_COMMITTEE = _GATHERER | {Action.VOID_ANY, Action.APPROVE, Action.EXPORT,
                          Action.PRINT_STATEMENT, Action.RATINGS, Action.IMPORT_RATINGS,
                          Action.AUDIT, Action.KIOSK, Action.PUBLISH, Action.OBJECT,
                          Action.ANSWER}
_SECRETARY = _COMMITTEE | {Action.ROSTER, Action.HANDBOOK, Action.PEOPLE, Action.CLOSE_MONTH,
                           Action.RESTORE, Action.ACKNOWLEDGE, Action.IMPORT_ROSTER,
                           Action.SHORTEN_NOTICE, Action.EXPLAIN}

# The permission matrix: role -> the actions it may take.
MATRIX: MappingProxyType[Role, frozenset[Action]] = MappingProxyType({
    Role.GATHERER: _GATHERER, Role.COMMITTEE: _COMMITTEE, Role.SECRETARY: _SECRETARY})

# Actions limited to residents of a gatherer's areas.
AREA_BOUND = frozenset({Action.ENTER, Action.IMPORT_DEEDS, Action.HAND_TALLY})
# Actions on a deed that its recorder, its typist, or the resident and household it is for
# may not take (separation: approving it, answering an objection to it).
SEPARATED = frozenset({Action.APPROVE, Action.ANSWER})
VOIDING = frozenset({Action.VOID_OWN, Action.VOID_ANY})

AT_PERSON = Where(field=Field.PERSON)


@dataclass(frozen=True, slots=True)
class Target:
    """What an action is about, as far as authority cares. A deed gives all of it; entering
    gives the resident's area, id and household."""

    area: str | None = None  # the resident's area ("" when the household has none)
    resident_id: ResidentId | None = None
    household: str | None = None  # the resident's household code
    recorder: str | None = None  # the gatherer whose paper sheet the deed came from
    typist: str | None = None  # who typed it in
    deduction: bool = False  # the deed takes points away
    closed: bool = False  # the deed's month is closed


NO_TARGET = Target()


def may(person: Person | None, action: Action) -> bool:
    """Does the person's role allow the action at all (relationships aside)? For menus."""
    return person is not None and not person.retired and action in MATRIX[person.role]


def refusals(person: Person | None, action: Action, target: Target = NO_TARGET,
             where: Where = AT_PERSON) -> tuple[Problem, ...]:
    """Every reason `person` may not take `action` on `target`; empty when allowed.

    Voiding asks with VOID_ANY or VOID_OWN alike: the matrix decides which applies."""
    if person is None:
        return (Problem.at("authority.signed_out", where, action=_term(action)),)
    if person.retired:
        return (Problem.at("authority.retired", where, name=person.name),)
    if action in VOIDING:
        return _void_refusals(person, target, where)
    if action not in MATRIX[person.role]:
        return (_role_may_not(person, action, where),)
    problems: list[Problem] = []
    if action in AREA_BOUND:
        problems += _area_refusals(person, target, where)
    if action in SEPARATED:
        problems += _approval_refusals(person, target, where, action)
    return tuple(problems)


def _term(action: Action) -> Terms:
    return Terms((f"action.{action.value}",))


def role_term(role: Role) -> Terms:
    """A role as a word in a message (信息员, gatherer)."""
    return Terms((f"role.{role.value}",))


def _role_may_not(person: Person, action: Action, where: Where) -> Problem:
    return Problem.at("authority.role_may_not", where, name=person.name,
                      role=role_term(person.role), action=_term(action))


def _area_refusals(person: Person, target: Target, where: Where) -> list[Problem]:
    if person.role is not Role.GATHERER or target.area is None:
        return []
    if target.area in person.areas:
        return []
    areas = "、".join(sorted(person.areas)) or "—"
    return [Problem.at("authority.outside_area", where, name=person.name,
                       area=target.area or "—", areas=areas)]


def is_self(person: Person, target: Target) -> bool:
    """The deed is for the person themselves."""
    return person.resident_id is not None and person.resident_id == target.resident_id


def is_household(person: Person, target: Target) -> bool:
    """The deed is for someone of the person's household (themselves included)."""
    return person.household is not None and person.household == target.household


def _same(name: str | None, other: str) -> bool:
    # Names compare after the one normalisation (invisible format characters dropped).
    return name is not None and normalize_name(name) == normalize_name(other)


def _approval_refusals(person: Person, target: Target, where: Where,
                       action: Action = Action.APPROVE) -> list[Problem]:
    problems = []
    verb = "approve" if action is Action.APPROVE else action.value
    if _same(target.recorder, person.name):
        problems.append(Problem.at(f"authority.{verb}_recorded", where, name=person.name))
    elif _same(target.typist, person.name):
        problems.append(Problem.at(f"authority.{verb}_typed", where, name=person.name))
    if is_self(person, target):
        problems.append(Problem.at(f"authority.{verb}_self", where, name=person.name))
    elif is_household(person, target):
        problems.append(Problem.at(f"authority.{verb}_household", where, name=person.name,
                                   household=target.household))
    return problems


def _void_refusals(person: Person, target: Target, where: Where) -> tuple[Problem, ...]:
    allowed = MATRIX[person.role]
    problems: list[Problem] = []
    if Action.VOID_ANY not in allowed:
        if Action.VOID_OWN not in allowed:
            return (_role_may_not(person, Action.VOID_ANY, where),)
        if not (_same(target.recorder, person.name) or _same(target.typist, person.name)):
            problems.append(_role_may_not(person, Action.VOID_ANY, where))
        elif target.closed:
            problems.append(Problem.at("authority.void_closed", where, name=person.name,
                                       role=role_term(person.role)))
    if target.deduction and (is_self(person, target) or is_household(person, target)):
        problems.append(Problem.at("authority.void_own_deduction", where, name=person.name))
    return tuple(problems)


def must_wait(resident_id: ResidentId, household: str, *people: Person | None) -> bool:
    """A deed recorded or typed by the resident it is for, or by someone of their household,
    always waits for approval (separation)."""
    ids, households = kin(*people)
    return resident_id in ids or household in households


def kin(*people: Person | None) -> tuple[frozenset[int], frozenset[str]]:
    """The residents and households whose deeds these people (a recorder, a typist) may not
    let through without an approval: their own (`must_wait`; an import asks once per
    recorder)."""
    return (frozenset(p.resident_id for p in people
                      if p is not None and p.resident_id is not None),
            frozenset(p.household for p in people if p is not None and p.household is not None))
