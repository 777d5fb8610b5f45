"""Run the command line as a user would: `python -m village_tally` in a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.signing import PIN, SIGNED

# The month the command line's real clock is in: the ledger of a village made by a test
# begins in it (a month before a ledger began is refused by `tally`).
THIS_MONTH = dt.date.today().strftime("%Y-%m")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path):
    db = tmp_path / "village.db"

    def run(*args: str, lang: str = "en", db_path: Path | None = None,
            as_: str | None = "马书记", env: dict[str, str] | None = None) -> Result:
        signed = (["--as", as_] if as_ and args and args[0] in SIGNED and "--by" not in args
                  else [])
        environ = {**os.environ, "VILLAGE_TALLY_DB": str(db_path or db),
                   "VILLAGE_TALLY_PIN": PIN, "VILLAGE_TALLY_NEW_PIN": PIN, **(env or {})}
        environ = {k: v for k, v in environ.items() if v is not None}
        proc = subprocess.run([sys.executable, "-m", "village_tally", "--lang", lang, *signed,
                               *args], capture_output=True, text=True, env=environ,
                              timeout=120, check=False, cwd=tmp_path, stdin=subprocess.DEVNULL)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    run.db = db  # type: ignore[attr-defined]
    return run


def new_village(cli, *args: str) -> None:
    """`init` with the secretary 马书记, then the committee member 马主任 and the gatherer
    马秀兰 (一片, 二片), each with PIN 1234."""
    r = cli("init", "--village", "马家村", "--secretary", "马书记", *args)
    assert r.code == 0, r.err
    for person in (["--name", "马主任", "--role", "committee"],
                   ["--name", "马秀兰", "--role", "gatherer", "--area", "一片", "--area", "二片"]):
        r = cli("person", "add", *person)
        assert r.code == 0, r.err
