"""Where the files the program ships with are: the paper-form definitions (forms/*.toml) and
the CJK fonts (assets/fonts). One place, so the printer, the entry grid and the desktop font
all read the same copy.

In a source checkout (and an editable install) they sit beside the package. A wheel installs
them under the environment's data folder as share/village-tally/{forms,fonts} (pyproject's
data-files). $VILLAGE_TALLY_FORMS and $VILLAGE_TALLY_ASSETS (holding fonts/) override both."""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]
_IN_SOURCE = {"forms": Path("forms"), "fonts": Path("assets") / "fonts"}
_OVERRIDE = {"forms": ("VILLAGE_TALLY_FORMS", Path()),
             "fonts": ("VILLAGE_TALLY_ASSETS", Path("fonts"))}


def installed_root() -> Path:
    return Path(sysconfig.get_path("data")) / "share" / "village-tally"


def shipped_folder(kind: str, *, source_root: Path = SOURCE_ROOT,
                   data_root: Path | None = None) -> Path:
    """The folder of shipped `forms` or `fonts`: the override, else the source tree's copy if
    it is there, else the installed copy (which may be missing: callers report that)."""
    variable, below = _OVERRIDE[kind]
    override = os.environ.get(variable)
    if override:
        return Path(override) / below
    beside = source_root / _IN_SOURCE[kind]
    if beside.is_dir():
        return beside
    return (data_root or installed_root()) / kind
