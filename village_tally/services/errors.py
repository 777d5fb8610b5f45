"""What a service call can raise: bad input, a fault of the environment, or a cancelled job."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from village_tally.core.problem import Problem


class InputError(Exception):
    """The user's input is wrong; every problem is listed and nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.code for p in self.problems))


def refuse(problems: Iterable[Problem]) -> None:
    """Raise InputError if there is any problem (every one of them at once)."""
    found = tuple(problems)
    if found:
        raise InputError(found)


class EnvironmentFault(Exception):
    """The database or disk failed us (locked, damaged, full): shown plainly, not as a bug."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class Cancelled(Exception):
    """A long job was cancelled by the user; nothing was written."""
