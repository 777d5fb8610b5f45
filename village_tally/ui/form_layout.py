"""The paper field sheet's layout (forms/field_sheet.toml through services.printing.load_form),
so the entry grid follows the printed form line for line and column for column."""

from __future__ import annotations

from village_tally.core.form import FormSpec
from village_tally.services.errors import InputError
from village_tally.services.printing import load_form

DEFAULT_LINES = 20


def field_sheet_spec() -> FormSpec | None:
    try:
        return load_form("field-sheet")
    except InputError:
        return None


def field_sheet_lines(spec: FormSpec | None = None) -> int:
    """Numbered lines per printed sheet (20 if the form file is missing or broken)."""
    spec = spec if spec is not None else field_sheet_spec()
    return spec.lines if spec is not None and spec.lines > 0 else DEFAULT_LINES


def column_title(spec: FormSpec | None, key: str, lang: str, fallback: str) -> str:
    column = spec.column(key) if spec is not None else None
    return column.title(lang) if column is not None else fallback
