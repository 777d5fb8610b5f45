"""What every command handler gets: the language, the database, and where to write."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from village_tally.cli.fields import OPTIONS, options_for
from village_tally.core.names import normalize_name
from village_tally.core.problem import Field, Problem
from village_tally.core.text import shown
from village_tally.i18n import describe, tr
from village_tally.services import people
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
    as_name: str | None = None  # --as (or a command's --by): who signs in
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    _opened: Ledger | None = None
    # How the village did not match its own record when this command opened it.
    unverified: tuple[Problem, ...] = ()

    @classmethod
    def from_args(cls, args: argparse.Namespace, lang: str) -> Context:
        own = not args.db and not os.environ.get("VILLAGE_TALLY_DB")
        return cls(lang, args.db or default_db(os.environ), sys.stdout, sys.stderr,
                   options_for(getattr(args, "options", None)), own, signing_in(args))

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

    def ledger(self, *, quiet: bool = False) -> Ledger:
        """The village, signed in as --as NAME when given (its PIN checked once, here);
        without --as it reads, and the services refuse every change. It is verified as it
        opens: if it does not match its own record, this says so first (unless `quiet`: verify
        says it all), and the services refuse changes."""
        if self._opened is None:
            ledger = open_ledger(self.db)
            self.unverified = ledger.differences
            if ledger.differences and not quiet:
                self._say_unverified(ledger.differences)
            if self.as_name:
                try:
                    ledger = people.sign_in(ledger, self.as_name, self.pin(self.as_name))
                except BaseException:
                    ledger.close()
                    raise
            self._opened = ledger
        return self._opened

    def _say_unverified(self, found: tuple[Problem, ...]) -> None:
        self.err(tr("cli.unverified", self.lang, count=len(found)))
        for problem in found[:SHOWN]:
            self.err("  " + self.describe(problem))
        if len(found) > SHOWN:
            self.err("  " + tr("verify.more", self.lang, count=len(found) - SHOWN))

    def also_signed_in(self, name: str, variable: str) -> Ledger:
        """A second person signed in on the same village (an import's approver), the PIN
        from `variable`, else asked."""
        return people.sign_in(self.ledger().acting_as(None), name, self.pin(name, variable))

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None

    def pin(self, name: str, variable: str = "VILLAGE_TALLY_PIN") -> str:
        """A PIN from the environment, else asked on the terminal without echo; with neither,
        refused plainly (never read from a pipe, where it would show)."""
        given = self.environ.get(variable)
        if given is not None:
            return given
        if not sys.stdin.isatty():
            raise UsageError("cli.pin_needed", name=name, variable=variable)
        return getpass.getpass(tr("cli.pin_prompt", self.lang, name=name))

    def new_pin(self, name: str) -> str:
        """A new PIN: $VILLAGE_TALLY_NEW_PIN, else asked twice without echo."""
        given = self.environ.get("VILLAGE_TALLY_NEW_PIN")
        if given is not None:
            return given
        if not sys.stdin.isatty():
            raise UsageError("cli.pin_needed", name=name, variable="VILLAGE_TALLY_NEW_PIN")
        first = getpass.getpass(tr("cli.new_pin_prompt", self.lang, name=name))
        if getpass.getpass(tr("cli.new_pin_again", self.lang)) != first:
            raise UsageError("pin.mismatch")
        return first


def signing_in(args: argparse.Namespace) -> str | None:
    """--as NAME, or a command's older --by NAME (an alias); both, they must agree."""
    as_name, by = getattr(args, "as_name", None), getattr(args, "by", None)
    if as_name and by and normalize_name(as_name) != normalize_name(by):
        raise UsageError("cli.as_by_differ", as_name=as_name, by=by)
    return as_name or by or None
