"""The state of one line of the paper sheet being typed, and the plain values the entry sheet
(entry_sheet.py) answers with: what a line's status says, where the keyboard goes, a line ready
to be saved. No Qt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from village_tally.core.deed import Resident
from village_tally.core.points import ZERO, Points
from village_tally.core.problem import Field, Problem
from village_tally.core.rule import Rule
from village_tally.services.deeds import DeedInput


@dataclass(frozen=True, slots=True)
class Say:
    """What a line's status says: a message code and its values, or problems; `kind` is ok,
    pending, problem or info (its colour), empty for nothing."""

    kind: str = ""
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, kind: str, code: str, **params: Any) -> Say:
        return cls(kind, code, MappingProxyType(params))

    @classmethod
    def refused(cls, problems: Sequence[Problem]) -> Say:
        return cls("problem", problems=tuple(problems))


NOTHING = Say()


@dataclass(frozen=True, slots=True)
class Focus:
    """Where the keyboard goes: a field of a line, or of the header when `line` is None."""

    field: Field
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Save:
    """A line ready to be saved as this deed (the screen hands it to the writer thread)."""

    line: int
    deed: DeedInput


@dataclass
class SheetLine:
    """One paper line: the texts typed, the resident and rule picked, and what became of it."""

    number: int
    date: str = ""
    name: str = ""
    rule_text: str = ""
    quantity: str = ""
    points: str = ""  # a rule's points as shown, or the free points typed
    witness: str = ""
    reason: str = ""  # over the monthly cap: why
    household: str = ""  # the picked resident's household and area, as shown
    resident: Resident | None = None
    rule: Rule | None = None
    free_text: str | None = None  # the deed in words, when no rule is used (free points)
    needs_reason: bool = False
    say: Say = NOTHING
    saved_id: int | None = None
    saved_points: Points = ZERO
    saving: bool = False  # handed to the writer thread, not saved yet
    pending: bool = False
    asked_which: bool = False  # namesakes: the line asked which one (Enter again takes it)
    repeat_of: int | None = None  # the same deed on that line: warned (Enter again saves)

    @property
    def saved(self) -> bool:
        return self.saved_id is not None

    @property
    def open(self) -> bool:
        """Still to be typed: neither saved nor being saved."""
        return not self.saved and not self.saving

    @property
    def free(self) -> bool:
        return self.free_text is not None

    @property
    def touched(self) -> bool:
        return bool(self.name.strip() or self.rule_text.strip())
