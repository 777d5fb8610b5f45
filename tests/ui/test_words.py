"""Every visible string of the desktop program exists in Chinese and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

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
    from village_tally.core.scheme import PRESETS
    from village_tally.services.importing import KINDS
    from village_tally.services.roster import ROLES, STATUSES

    codes = ([f"ui.preset.{p}" for p in PRESETS] + [f"ui.import.kind.{k}" for k in KINDS]
             + [f"ui.roster.status.{s}" for s in STATUSES] + [f"ui.role.{r}" for r in ROLES]
             + [f"ui.roster.mark_{s}" for s in STATUSES]
             + [f"ui.filter.status.{s}" for s in ("any", "approved", "pending", "void")]
             + [f"ui.import.status.{s}" for s in ("new", "present", "rejected")]
             + [f"ui.print.form.{k}" for k in ("field-sheet", "inspection", "scan-sheet")])
    assert [c for c in codes if not has_message(c)] == []
