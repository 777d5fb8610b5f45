"""Every visible string of the desktop program exists in Chinese and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

from village_tally.core.month import Month
from village_tally.i18n import has_message, ui

UI = Path(__file__).resolve().parents[2] / "village_tally" / "ui"
CODE = re.compile(r"""\b(?:t|tr|_say)\(\s*f?["']((?:ui|col|cli)\.[a-z0-9_.{}-]+)["']""")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_ui_message_has_both_languages_with_the_same_placeholders():
    for code, (zh, en) in ui.MESSAGES.items():
        assert zh.strip() and en.strip(), code
        assert fields(zh) == fields(en), code


def test_every_code_the_program_shows_is_in_the_catalogue():
    used = set()
    for path in UI.glob("*.py"):
        used |= set(CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100
    missing = sorted(c for c in used if "{" not in c and not has_message(c))
    assert missing == []


def test_codes_built_from_values_are_in_the_catalogue():
    from village_tally.core.authority import Action
    from village_tally.core.person import Role
    from village_tally.core.scheme import PRESETS
    from village_tally.services.audit_log import KINDS as LOG_KINDS
    from village_tally.services.importing import KINDS
    from village_tally.services.roster import STATUSES

    codes = ([f"ui.preset.{p}" for p in PRESETS] + [f"ui.import.kind.{k}" for k in KINDS]
             + [f"ui.roster.status.{s}" for s in STATUSES] + [f"role.{r}" for r in Role]
             + [f"action.{a}" for a in Action] + [f"status.{s}" for s in STATUSES]
             + [f"log.kind.{k}" for k in KINDS] + [f"audit.kind.{k}" for k in LOG_KINDS]
             + [f"ui.roster.mark_{s}" for s in STATUSES]
             + [f"ui.filter.status.{s}" for s in ("any", "approved", "pending", "void")]
             + [f"ui.import.status.{s}" for s in ("new", "present", "rejected")]
             + [f"ui.print.form.{k}" for k in ("field-sheet", "inspection", "scan-sheet")])
    assert [c for c in codes if not has_message(c)] == []


PLAUSIBLE = {"month": "2026-11", "by": "马秀兰", "name": "马秀兰", "recorder": "马秀兰",
             "deed_id": 12, "count": 3, "value": "abc", "file": "积分.xlsx", "sheet": "Sheet1",
             "row": 4, "household": "0004", "area": "二片", "code": "L1", "earlier": "2026-10"}


def gui_problems():
    """Every problem code of the catalogues (not the command line's help), with plausible
    values, at every domain field and at none."""
    from village_tally.core.problem import Field, Problem, Where
    from village_tally.i18n import exchange, ledger, printing

    for catalogue in (ledger, exchange, printing):
        for code, (zh, en) in catalogue.MESSAGES.items():
            if code.startswith("cli.help."):
                continue
            params = {n: PLAUSIBLE.get(n, "3") for n in fields(zh) | fields(en)}
            for field in (None, *Field):
                yield Problem.at(code, Where(field=field), **params)


def test_no_problem_the_program_shows_names_a_command_line_option():
    from village_tally.services.errors import InputError
    from village_tally.ui.messages import error_text
    from village_tally.ui.words import problem_text

    shown = 0
    for problem in gui_problems():
        for lang in ("zh", "en"):
            text = problem_text(problem, lang)
            assert "--" not in text, (problem, text)
            shown += 1
    assert shown > 10000
    everything = list(gui_problems())[:500]
    assert "--" not in error_text(InputError(everything), "zh")


def test_a_problem_says_its_place_in_words():
    from village_tally.core.problem import Field, Problem, Where
    from village_tally.ui.words import FIELD_LABELS, problem_text

    assert [f for f, code in FIELD_LABELS.items() if not has_message(code)] == []
    refused = Problem.at("authority.approve_recorded", Where(field=Field.PERSON), name="马秀兰",
                         deed_id=7)
    assert problem_text(refused, "zh") == "经办人：马秀兰 记录了积分 #7，不能自己审批"
    early = Problem.at("month.future", Where(field=Field.MONTH), month=Month.parse("2026-11"))
    assert problem_text(early, "zh") == "月份：2026-11 还没结束"
    assert problem_text(early, "en") == "Month: 2026-11 has not ended yet"
    assert problem_text(early, "zh", place=False) == "2026-11 还没结束"  # on an entry line
