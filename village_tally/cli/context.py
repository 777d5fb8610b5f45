"""What every command handler gets: the language, the database, and where to write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from village_tally.cli.fields import OPTIONS, options_for
from village_tally.core.problem import Field, Problem
from village_tally.core.text import shown
from village_tally.i18n import describe
from village_tally.services.paths import default_db
from village_tally.services.session import Ledger, open_ledger


class UsageError(Exception):
    """A command-line option is wrong in a way argparse cannot see."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Context:
    lang: str
    db: str
    stdout: TextIO
    stderr: TextIO
    options: Mapping[Field, str] = field(default_factory=lambda: OPTIONS)

    @classmethod
    def from_args(cls, args: argparse.Namespace, lang: str) -> Context:
        return cls(lang, args.db or default_db(os.environ), sys.stdout, sys.stderr,
                   options_for(getattr(args, "options", None)))

    def describe(self, problem: Problem) -> str:
        """A problem in words, naming the option (or argument) of the field it is about."""
        return describe(problem, self.lang, self.options)

    def out(self, text: str) -> None:
        print(text, file=self.stdout)

    def err(self, text: str) -> None:
        """A message for the person: a name or a cell with control characters in it is shown
        with them escaped, never run by the terminal."""
        print(shown(text), file=self.stderr)

    def ledger(self, actor: str | None = None) -> Ledger:
        return open_ledger(self.db, actor=actor or default_actor())


def default_actor() -> str:
    return os.environ.get("VILLAGE_TALLY_USER") or os.environ.get("USER") or "village-tally"
