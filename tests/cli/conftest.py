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

    def run(*args: str, lang: str = "en", db_path: Path | None = None) -> Result:
        env = {**os.environ, "VILLAGE_TALLY_DB": str(db_path or db), "USER": "马秀兰",
               "VILLAGE_TALLY_USER": "马秀兰"}
        proc = subprocess.run([sys.executable, "-m", "village_tally", "--lang", lang, *args],
                              capture_output=True, text=True, env=env, timeout=120, check=False,
                              cwd=tmp_path)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    run.db = db  # type: ignore[attr-defined]
    return run
