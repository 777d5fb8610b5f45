"""Problems in the desktop program's words, without Qt (the entry sheet uses it too): each
domain field a problem can name has a label here, and a problem is said with its place in words
("月份：2026-11 还没结束"), never with an option of the command line."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from village_tally.core.problem import Field, Problem
from village_tally.i18n import describe, tr

# Each domain field a problem can name, as the desktop program says it (an i18n code).
FIELD_LABELS: dict[Field, str] = {field: f"ui.place.{field.value}" for field in Field}


@cache
def field_words(lang: str) -> Mapping[Field, str]:
    """Every domain field's label in `lang` (what describe() names a field with)."""
    return MappingProxyType({field: tr(code, lang) for field, code in FIELD_LABELS.items()})


def problem_text(problem: Problem, lang: str, *, place: bool = True) -> str:
    """A problem as the desktop program says it: its place in words ("月份：2026-11 还没结束"),
    never a command-line option. Without `place` where the problem shows says it (a line of
    the entry grid)."""
    if not place:
        return tr(problem.code, lang, **dict(problem.params))
    return describe(problem, lang, field_words(lang))


def problem_lines(problems: tuple[Problem, ...] | list[Problem], lang: str) -> str:
    """One line a problem, in words."""
    return "\n".join(problem_text(p, lang) for p in problems)
