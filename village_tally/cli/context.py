"""What every command handler gets: the language, the database, and where to write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from village_tally.cli.fields import OPTIONS, options_for
from village_tally.core.problem import Field, Problem
from village_tally.core.text import shown
from village_tally.i18n import describe, tr
from village_tally.services.paths import default_db
from village_tally.services.session import Ledger, open_ledger

SHOWN = 5  # differences listed when a command opens a ledger that does not match its record


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
    # No --db and no $VILLAGE_TALLY_DB: the village lives in the program's own data folder.
    own_folder: bool = False
    opened: Ledger | None = None  # the village this command opened (`ledger`)

    @classmethod
    def from_args(cls, args: argparse.Namespace, lang: str) -> Context:
        own = not args.db and not os.environ.get("VILLAGE_TALLY_DB")
        return cls(lang, args.db or default_db(os.environ), sys.stdout, sys.stderr,
                   options_for(getattr(args, "options", None)), own)

    def new_village_folder(self) -> None:
        """Before init or demo: the program's own data folder is made if missing. A folder
        named by --db is never made (a mistyped path, or a USB stick that is not mounted,
        would put the new village somewhere nobody looks for it)."""
        if self.own_folder:
            Path(self.db).parent.mkdir(parents=True, exist_ok=True)

    def describe(self, problem: Problem) -> str:
        """A problem in words, naming the option (or argument) of the field it is about."""
        return describe(problem, self.lang, self.options)

    def out(self, text: str) -> None:
        """Output (ids, tables, JSON, CSV): exact when it goes to a file or a pipe, with control
        characters escaped when it goes to a terminal, which would run them."""
        isatty = getattr(self.stdout, "isatty", None)
        print(shown(text) if isatty is not None and isatty() else text, file=self.stdout)

    def err(self, text: str) -> None:
        """A message for the person: a name or a cell with control characters in it is shown
        with them escaped, never run by the terminal."""
        print(shown(text), file=self.stderr)

    def ledger(self, actor: str | None = None, *, quiet: bool = False) -> Ledger:
        """The village, verified as it opens: if it does not match its own record, this says
        so first (unless `quiet`: verify says it all), and the ledger refuses changes."""
        ledger = open_ledger(self.db, actor=actor or default_actor())
        self.opened = ledger
        if ledger.differences and not quiet:
            self.err(tr("cli.unverified", self.lang, count=len(ledger.differences)))
            for problem in ledger.differences[:SHOWN]:
                self.err("  " + self.describe(problem))
            if len(ledger.differences) > SHOWN:
                self.err("  " + tr("verify.more", self.lang,
                                   count=len(ledger.differences) - SHOWN))
        return ledger


def default_actor() -> str:
    return os.environ.get("VILLAGE_TALLY_USER") or os.environ.get("USER") or "village-tally"
