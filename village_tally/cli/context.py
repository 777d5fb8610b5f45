"""What every command handler gets: the language, the database, and where to write."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Any, TextIO

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

    @classmethod
    def from_args(cls, args: argparse.Namespace, lang: str) -> Context:
        return cls(lang, args.db or default_db(os.environ), sys.stdout, sys.stderr)

    def out(self, text: str) -> None:
        print(text, file=self.stdout)

    def err(self, text: str) -> None:
        print(text, file=self.stderr)

    def ledger(self, actor: str | None = None) -> Ledger:
        return open_ledger(self.db, actor=actor or default_actor())


def default_actor() -> str:
    return os.environ.get("VILLAGE_TALLY_USER") or os.environ.get("USER") or "village-tally"
