"""How many lines the paper field sheet has (forms/field_sheet.toml, when it exists)."""

from __future__ import annotations

import tomllib
from pathlib import Path

FORM_FILE = Path(__file__).resolve().parents[2] / "forms" / "field_sheet.toml"
DEFAULT_LINES = 20


def field_sheet_lines(path: Path = FORM_FILE) -> int:
    """The number of lines on the printed field sheet, so the grid follows it line for line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_LINES
    for key in ("lines", "rows"):
        value = data.get(key) or data.get("form", {}).get(key)
        if isinstance(value, int) and value > 0:
            return value
    return DEFAULT_LINES
