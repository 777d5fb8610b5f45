"""The files the program ships inside its package — the paper forms (forms/*.toml) — read with
importlib.resources, so a wheel, an editable install and a one-folder bundle all find them the
same way. A missing or unreadable one is a fault of the installation and says which file."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from village_tally.core.form import FormSpec, parse_form
from village_tally.core.problem import ParseError
from village_tally.services.errors import EnvironmentFault

PACKAGE = "village_tally"


def shipped(*parts: str) -> Traversable:
    """A file shipped in the package, e.g. shipped("forms", "field_sheet.toml")."""
    return files(PACKAGE).joinpath(*parts)


def read_form(name: str) -> str:
    """The text of a shipped paper form (e.g. 'field_sheet.toml')."""
    try:
        return shipped("forms", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise EnvironmentFault("env.shipped_missing", file=f"forms/{name}") from None


def missing_forms(names: tuple[str, ...]) -> tuple[str, ...]:
    """Which of the named shipped forms are not there (for the desktop program's start-up)."""
    return tuple(f"forms/{n}" for n in names if not shipped("forms", n).is_file())


def form_or_none(name: str, text: str | None = None) -> FormSpec | None:
    """A shipped form (or one given as text) parsed; None if it is missing or broken — for the
    desktop program, whose start-up has already named the file (ui.shipped)."""
    try:
        return parse_form(text if text is not None else read_form(name), name)
    except (EnvironmentFault, ParseError):
        return None
