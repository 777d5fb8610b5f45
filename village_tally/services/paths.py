"""Where the village file lives by default: $VILLAGE_TALLY_DB, else the user's data folder."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path


def data_folder(environ: Mapping[str, str], platform: str = sys.platform) -> Path:
    home = Path(environ.get("HOME") or environ.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        base = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
        return base / "VillageTally"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "VillageTally"
    return Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "village-tally"


def default_db(environ: Mapping[str, str], platform: str = sys.platform) -> str:
    return environ.get("VILLAGE_TALLY_DB") or str(data_folder(environ, platform) / "village.db")
