"""The paper field sheet's layout (forms/field_sheet.toml, read by core.form like the printer
reads it), so the entry grid follows the printed form line for line and column for column.

Read here with the pure parser rather than through services.printing, which would load
reportlab at start-up for nothing."""

from __future__ import annotations

from pathlib import Path

from village_tally.core.form import FormSpec, parse_form
from village_tally.core.problem import ParseError
from village_tally.core.resources import shipped_folder

DEFAULT_LINES = 20


def forms_folder() -> Path:
    return shipped_folder("forms")


def field_sheet_spec(folder: Path | None = None) -> FormSpec | None:
    path = (folder or forms_folder()) / "field_sheet.toml"
    try:
        return parse_form(path.read_text(encoding="utf-8"), str(path))
    except (OSError, ParseError):
        return None


def field_sheet_lines(spec: FormSpec | None = None) -> int:
    """Numbered lines per printed sheet (20 if the form file is missing or broken)."""
    spec = spec if spec is not None else field_sheet_spec()
    return spec.lines if spec is not None and spec.lines > 0 else DEFAULT_LINES


def column_title(spec: FormSpec | None, key: str, lang: str, fallback: str) -> str:
    column = spec.column(key) if spec is not None else None
    return column.title(lang) if column is not None else fallback
