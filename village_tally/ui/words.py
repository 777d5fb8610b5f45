"""Problems in the desktop program's words, without Qt (the entry sheet uses it too): each
domain field a problem can name has a label here, and a problem is said with its place in words
("月份：2026-11 还没结束"), never with an option of the command line."""

from __future__ import annotations

from dataclasses import replace

from village_tally.core.problem import Field, Problem, Where
from village_tally.i18n import describe, tr

# Each domain field a problem can name, as the desktop program says it (an i18n code).
FIELD_LABELS: dict[Field, str] = {field: f"ui.place.{field.value}" for field in Field}


def field_of(where: Where) -> Field | None:
    """The domain field a problem names, if it names one (not an option or a widget)."""
    try:
        return Field(where.field) if where.field else None
    except ValueError:
        return None


def problem_text(problem: Problem, lang: str, *, place: bool = True) -> str:
    """A problem as the desktop program says it: its place in words ("月份：2026-11 还没结束"),
    never a command-line option; a place that is not a domain field is left out. Without
    `place` where the problem shows says it (a line of the entry grid)."""
    if not place:
        return tr(problem.code, lang, **dict(problem.params))
    field = field_of(problem.where)
    label = tr(FIELD_LABELS[field], lang) if field is not None else None
    return describe(Problem(problem.code, replace(problem.where, field=label), problem.params),
                    lang)


def problem_lines(problems: tuple[Problem, ...] | list[Problem], lang: str) -> str:
    """One line a problem, in words."""
    return "\n".join(problem_text(p, lang) for p in problems)
