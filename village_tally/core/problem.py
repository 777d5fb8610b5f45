"""Problems are values: a code, where it happened, and the values a message needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True, slots=True)
class Where:
    """Where a problem is: any of file, sheet, row, column (letter), header, or a field/option."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    field: str | None = None


NOWHERE = Where()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with user input. `code` is translated by village_tally.i18n."""

    code: str
    where: Where = NOWHERE
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def at(cls, code: str, where: Where = NOWHERE, /, **params: Any) -> Problem:
        return cls(code, where, MappingProxyType(dict(params)))


class ParseError(ValueError):
    """A value could not be read; carries a problem code and its parameters."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def problem(self, where: Where = NOWHERE) -> Problem:
        return Problem.at(self.code, where, **self.params)
