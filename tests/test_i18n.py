"""Every message code the program uses has a Chinese and an English text."""

import re
from pathlib import Path

from village_tally.core.problem import Problem, Where
from village_tally.i18n import _CATALOGUE, describe, tr

ROOT = Path(__file__).resolve().parents[1] / "village_tally"
CALL = re.compile(r"(?:Problem\.at|\btr|ParseError|EnvironmentFault|StoreError|UsageError|"
                  r"\bproblem|\bt|_say|_action|_button|_run|Phrase\.of|Difference)\(\s*\"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\"")


def used_codes():
    for path in ROOT.rglob("*.py"):
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(ROOT.parent), match.group(1)


def test_every_code_used_has_both_languages():
    missing = sorted({f"{code} ({path})" for path, code in used_codes()
                      if code not in _CATALOGUE})
    assert not missing, missing


def test_no_text_is_empty():
    empty = [code for code, (zh, en) in _CATALOGUE.items() if not zh.strip() or not en.strip()]
    assert not empty


def test_a_problem_reads_with_its_place():
    problem = Problem.at("points.not_a_number", Where(file="deeds.xlsx", sheet="十月", row=7,
                                                      column="F", header="积分"), value="两")
    assert describe(problem, "en") == ("deeds.xlsx, sheet '十月', row 7, column F (积分): "
                                       "'两' is not a number of points (such as 2, -5 or 0.5)")
    assert describe(problem, "zh").startswith("deeds.xlsx，工作表“十月”，第 7 行，F (积分) 列：")
    assert tr("no.such.code", "en") == "no.such.code"


def test_no_code_is_defined_in_two_catalogues():
    """One code, one text: a second definition would silently win over the first."""
    from village_tally.i18n import exchange, ledger, notice, people, printing, scan, ui

    seen: dict[str, str] = {}
    twice = []
    for module in (ledger, exchange, printing, scan, people, notice, ui):
        for code in module.MESSAGES:
            if code in seen:
                twice.append(f"{code}: {seen[code]} and {module.__name__}")
            seen[code] = module.__name__
    assert twice == []
