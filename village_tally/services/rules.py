"""The village handbook and scheme settings, kept by the committee."""

from __future__ import annotations

import dataclasses

from village_tally.core.authority import Action
from village_tally.core.names import normalize_name
from village_tally.core.points import MAX_POINTS
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.reward import Rewards, rewards_problems
from village_tally.core.rule import Rule
from village_tally.core.scheme import MAX_BACKUPS_KEPT, MAX_NOTICE_DAYS, Scheme
from village_tally.core.text import text_problems
from village_tally.services.changes import RULES, Changes
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, write
from village_tally.store import codec
from village_tally.store import village as village_repo


def list_rules(ledger: Ledger, *, active_only: bool = False) -> list[Rule]:
    return [r for r in ledger.scheme.rules if r.active or not active_only]


def _rule_problems(rule: Rule) -> list[Problem]:
    problems = text_problems({Field.CODE: rule.code, Field.TITLE: rule.title_zh})
    problems += text_problems({Field.TITLE: rule.title_en})
    if not rule.code.strip():
        problems.append(Problem.at("rule.code_empty", Where(field=Field.CODE)))
    if not (rule.title_zh.strip() or rule.title_en.strip()):
        problems.append(Problem.at("rule.title_empty", Where(field=Field.TITLE)))
    if rule.monthly_cap is not None and rule.monthly_cap <= 0:
        problems.append(Problem.at("quantity.not_positive", Where(field=Field.CAP),
                                   value=str(rule.monthly_cap)))
    return problems


def add_rule(ledger: Ledger, rule: Rule) -> Changes:
    rule = dataclasses.replace(rule, code=normalize_name(rule.code).upper())
    problems = _rule_problems(rule)
    if ledger.rule(rule.code) is not None:
        problems.append(Problem.at("rule.exists", Where(field=Field.CODE), code=rule.code))
    if problems:
        raise InputError(problems)
    with write(ledger, "add", "rule", needs=Action.HANDBOOK) as w:
        village_repo.insert_rule(w.conn, ledger.village_id, rule)
        w.entity_id = rule.code
        w.details = codec.rule_values(rule)
    ledger.reload()
    return RULES


def update_rule(ledger: Ledger, rule: Rule) -> Changes:
    """Change a rule for deeds entered from now on; deeds already entered keep their points."""
    problems = _rule_problems(rule)
    if ledger.rule(rule.code) is None:
        problems.append(Problem.at("rule.unknown", Where(field=Field.CODE), code=rule.code))
    if problems:
        raise InputError(problems)
    with write(ledger, "update", "rule", needs=Action.HANDBOOK) as w:
        village_repo.update_rule(w.conn, ledger.village_id, rule)
        w.entity_id = rule.code
        w.details = codec.rule_values(rule)
    ledger.reload()
    return RULES


def update_rewards(ledger: Ledger, rewards: Rewards) -> Changes:
    """Keep the committee's reward brackets; the rewards list prints by them from now on."""
    problems = [Problem.at(code, Where(field=Field.BRACKETS), **params)
                for code, params in rewards_problems(rewards)]
    if problems:
        raise InputError(problems)
    return update_scheme(ledger, dataclasses.replace(ledger.scheme, rewards=rewards))


def update_scheme(ledger: Ledger, scheme: Scheme) -> Changes:
    """Change how points become stars, flags and grades (rules are kept separately)."""
    problems = []
    if scheme.points_per_star.hundredths <= 0:
        problems.append(Problem.at("scheme.points_per_star", Where(field=Field.POINTS_PER_STAR)))
    if scheme.stars_per_flag < 1:
        problems.append(Problem.at("scheme.stars_per_flag", Where(field=Field.STARS_PER_FLAG)))
    if not 0 < scheme.max_deed_points.decimal <= MAX_POINTS:
        problems.append(Problem.at("scheme.max_deed_points", Where(field=Field.MAX_DEED_POINTS),
                                   value=str(scheme.max_deed_points), most=MAX_POINTS))
    if not 1 <= scheme.notice_days <= MAX_NOTICE_DAYS:
        problems.append(Problem.at("notice.days", Where(field=Field.DAYS),
                                   value=scheme.notice_days, most=MAX_NOTICE_DAYS))
    problems += text_problems({Field.CONTACT: scheme.notice_contact,
                               Field.PLACE: scheme.notice_place})
    if not 1 <= scheme.backups_kept <= MAX_BACKUPS_KEPT:
        problems.append(Problem.at("scheme.backups_kept", Where(field=Field.BACKUPS_KEPT),
                                   most=MAX_BACKUPS_KEPT))
    if problems:
        raise InputError(problems)
    settings = codec.scheme_settings(scheme)
    with write(ledger, "update", "scheme", needs=Action.HANDBOOK) as w:
        village_repo.update_settings(w.conn, ledger.village_id, settings)
        w.details = {"settings": settings}
    ledger.reload()
    return RULES
