"""A copy of the installed package with one shipped file taken away, as a damaged installation
would be; run the program from it with the environment this returns."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import village_tally

PACKAGE = Path(village_tally.__file__).resolve().parent


def broken_install(tmp_path: Path, missing: str) -> dict[str, str]:
    """The package copied under tmp_path without `missing` (a path inside the package); the
    environment puts that copy first on Python's path, ahead of the real install."""
    site = tmp_path / "site"
    shutil.copytree(PACKAGE, site / "village_tally",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (site / "village_tally" / missing).unlink()
    return {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}
