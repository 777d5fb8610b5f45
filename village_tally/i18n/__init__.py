"""Words live here: message codes from core and services become Chinese or English text.

Each area keeps its catalogue in its own module (`ledger.py`, `exchange.py`, `printing.py`,
`ui.py`); every entry is `code: (zh, en)` with `{name}` placeholders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from village_tally.core.problem import Field, Moment, Phrase, Problem, Terms, Where
from village_tally.i18n import (
    desk,
    exchange,
    kiosk,
    ledger,
    notice,
    people,
    printing,
    proof,
    scan,
    ui,
)

LANGS = ("zh", "en")
_CATALOGUE: dict[str, tuple[str, str]] = {
    **ledger.MESSAGES, **exchange.MESSAGES, **printing.MESSAGES, **scan.MESSAGES,
    **proof.MESSAGES,
    **people.MESSAGES, **desk.MESSAGES, **kiosk.MESSAGES, **notice.MESSAGES,
    **ui.MESSAGES,
}


NO_LANGUAGE = ("c", "posix")  # a bare locale names no language (C, C.UTF-8, POSIX)


def detect_lang(environ: Mapping[str, str]) -> str:
    """The language when none is asked for, the same in the command line and the desktop
    program: the first of LC_ALL, LC_MESSAGES, LANG and LANGUAGE that is set; English when
    it names another language, else Chinese (it names Chinese, or no language at all: a
    fresh machine's C locale — the program is for Chinese villages)."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(key, "").strip().lower()
        if value:
            language = value.split(":")[0].split(".")[0].split("_")[0].split("@")[0]
            return "en" if language and language not in ("zh", *NO_LANGUAGE) else "zh"
    return "zh"


def tr(code: str, lang: str, /, **params: Any) -> str:
    """The message for a code in `lang`; an unknown code is shown as itself, never hidden."""
    pair = _CATALOGUE.get(code)
    if pair is None:
        return code if not params else f"{code} {params}"
    text = pair[0] if lang == "zh" else pair[1]
    try:
        return text.format(**{k: _said(v, lang) for k, v in params.items()})
    except (KeyError, IndexError, ValueError):
        return text


def _said(value: Any, lang: str) -> Any:
    """A parameter as the message shows it: a Phrase or Terms translated, a tuple of names
    quoted."""
    if isinstance(value, Phrase):
        return tr(value.code, lang, **dict(value.params))
    if isinstance(value, Terms):
        return ("、" if lang == "zh" else ", ").join(tr(code, lang) for code in value.codes)
    if isinstance(value, tuple):
        return listed(value, lang)
    if isinstance(value, Moment):
        return local_time(value.iso)
    return value


def local_time(stamp: str | None) -> str:
    """A stored timestamp ('2026-11-30T02:03:52+00:00') as a person reads a time: in this
    computer's time zone, to the minute ('2026-11-30 10:03'); empty if there is none."""
    if not stamp:
        return ""
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp  # not ours to reword: shown as stored
    return (at.astimezone() if at.tzinfo else at).strftime("%Y-%m-%d %H:%M")


def listed(names: tuple[str, ...] | list[str], lang: str) -> str:
    """Names as a list a reader sees: “一月”、“二月” in Chinese, 'Jan', 'Feb' in English."""
    if lang == "zh":
        return "、".join(f"“{n}”" for n in names)
    return ", ".join(f"'{n}'" for n in names)


def where_text(where: Where, lang: str, fields: Mapping[Field, str] | None = None) -> str:
    """'file, sheet, row, column' in the reader's words; empty if nowhere. A domain field is
    named in the shell's own words (`fields`: the command line's options), else as itself."""
    parts: list[str] = []
    if where.file:
        parts.append(where.file)
    if where.sheet:
        parts.append(tr("where.sheet", lang, sheet=where.sheet))
    if where.row is not None:
        parts.append(tr("where.row", lang, row=where.row))
    if where.column:
        col = where.column + (f" ({where.header})" if where.header else "")
        parts.append(tr("where.column", lang, column=col))
    elif where.header:
        parts.append(tr("where.column", lang, column=where.header))
    if where.field:
        word = fields.get(where.field, where.field) if fields else where.field
        parts.append(tr("where.field", lang, field=str(word)))
    sep = "，" if lang == "zh" else ", "
    return sep.join(parts)


def describe(problem: Problem, lang: str, fields: Mapping[Field, str] | None = None) -> str:
    """One line for a problem: where it is, then what is wrong."""
    message = tr(problem.code, lang, **dict(problem.params))
    place = where_text(problem.where, lang, fields)
    if not place:
        return message
    return f"{place}：{message}" if lang == "zh" else f"{place}: {message}"


def has_message(code: str) -> bool:
    return code in _CATALOGUE


def cap_text(cap: Any, period: str, lang: str) -> str:
    """A rule's cap as the handbook says it: '4' for a month (as it always read), '1 每年'
    (a year) or '2 每季度' for another period; '' without a cap."""
    if cap is None:
        return ""
    number = f"{cap.normalize():f}"
    return number if period == "month" else f"{number} {tr(f'period.{period}', lang)}"


def aside(text: str, note: str, lang: str) -> str:
    """A note beside a text: 电视（别人捐的） in Chinese, 'TV (someone else's)' in English."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"
