"""The paper field sheet's layout (forms/field_sheet.toml, read by core.form like the printer
reads it), so the entry grid follows the printed form line for line and column for column.

Read here through the small shipped-files loader rather than through services.printing, which
would load reportlab at start-up for nothing."""

from __future__ import annotations

from village_tally.core.form import FormSpec
from village_tally.services.shipped import form_or_none

DEFAULT_LINES = 20
FIELD_SHEET = "field_sheet.toml"


def field_sheet_spec(text: str | None = None) -> FormSpec | None:
    """The shipped field sheet (or one given as text); None if it is missing or broken, which
    start-up has already said (ui.shipped)."""
    return form_or_none(FIELD_SHEET, text)


def field_sheet_lines(spec: FormSpec | None = None) -> int:
    """Numbered lines per printed sheet (20 if the form file is missing or broken)."""
    spec = spec if spec is not None else field_sheet_spec()
    return spec.lines if spec is not None and spec.lines > 0 else DEFAULT_LINES


def column_title(spec: FormSpec | None, key: str, lang: str, fallback: str) -> str:
    column = spec.column(key) if spec is not None else None
    return column.title(lang) if column is not None else fallback
