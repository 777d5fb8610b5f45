"""Paper-form definitions (forms/*.toml): the columns and lines of the field sheet and the
inspection sheet. The printer draws blank forms from them and the entry screen follows the same
columns line for line, so one file is the source of truth for both. Pure: parses text."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from village_tally.core.problem import ParseError

KINDS = ("line", "date", "text", "code", "number", "prefilled", "ratings", "bubbles")
# A column printed only for a scheme that has this property (Rongcheng's document number).
WHENS = ("", "document_required")
HEADER_FIELDS = ("village", "area", "gatherer", "sheet_no", "month", "quarter", "inspector",
                 "date")


@dataclass(frozen=True, slots=True)
class FormColumn:
    """One column: the field it fills (`key`), its titles, relative width and kind; `when`
    names the scheme property it needs to be printed ('' for always)."""

    key: str
    title_zh: str
    title_en: str
    width: float
    kind: str
    when: str = ""

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A paper form. `lines` numbered lines per sheet (field sheet) or, when `rows` is
    'households', one pre-printed row per household (inspection sheet)."""

    id: str
    title_zh: str
    title_en: str
    columns: tuple[FormColumn, ...]
    paper: str = "A4"
    orientation: str = "portrait"
    lines: int = 0
    rows: str = "lines"
    boxes: int = 5
    header: tuple[str, ...] = ()
    rules: str = "foot"
    sheet_number: str = "{area}-{n:04d}"

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def column(self, key: str) -> FormColumn | None:
        return next((c for c in self.columns if c.key == key), None)


def _fail(source: str, detail: str) -> ParseError:
    return ParseError("form.invalid", file=source, detail=detail)


def _columns(raw: list[dict[str, object]], source: str) -> list[FormColumn]:
    columns = []
    for i, col in enumerate(raw, start=1):
        missing = [k for k in ("key", "title_zh", "title_en") if k not in col]
        if missing:
            raise _fail(source, f"column {i} lacks {', '.join(missing)}")
        kind = col.get("kind", "text")
        if kind not in KINDS:
            raise _fail(source, f"column {i}: kind '{kind}' is not one of {', '.join(KINDS)}")
        width = col.get("width", 1.0)
        # A bubble column may say 0: as wide as its bubbles (the scan sheet).
        if not isinstance(width, int | float) or width < 0 or (width == 0 and kind != "bubbles"):
            raise _fail(source, f"column {i}: width must be a positive number")
        when = col.get("when", "")
        if when not in WHENS:
            raise _fail(source, f"column {i}: when '{when}' is not one of {', '.join(WHENS[1:])}")
        columns.append(FormColumn(str(col["key"]), str(col["title_zh"]), str(col["title_en"]),
                                  float(width), str(kind), str(when)))
    if not columns:
        raise _fail(source, "no [[columns]]")
    return columns


def parse_form(text: str, source: str = "") -> FormSpec:
    """A FormSpec from TOML text; ParseError('form.invalid', file, detail) says what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, str(exc)) from None
    form = data.get("form")
    if not isinstance(form, dict):
        raise _fail(source, "no [form] table")
    columns = _columns(data.get("columns", []), source)
    header = tuple(form.get("header", ()))
    unknown = [h for h in header if h not in HEADER_FIELDS]
    if unknown:
        raise _fail(source, f"unknown header field(s): {', '.join(unknown)}")
    rows = form.get("rows", "lines")
    lines = form.get("lines", 0)
    if rows not in ("lines", "households"):
        raise _fail(source, "rows must be 'lines' or 'households'")
    if rows == "lines" and (not isinstance(lines, int) or not 1 <= lines <= 60):
        raise _fail(source, "lines must be a whole number from 1 to 60")
    boxes = form.get("boxes", 5)
    if not isinstance(boxes, int) or not 1 <= boxes <= 10:
        raise _fail(source, "boxes must be a whole number from 1 to 10")
    if form.get("rules", "foot") not in ("foot", "back"):
        raise _fail(source, "rules must be 'foot' or 'back'")
    if form.get("orientation", "portrait") not in ("portrait", "landscape"):
        raise _fail(source, "orientation must be 'portrait' or 'landscape'")
    try:
        return FormSpec(
            id=str(form["id"]), title_zh=str(form["title_zh"]), title_en=str(form["title_en"]),
            columns=tuple(columns), paper=str(form.get("paper", "A4")),
            orientation=str(form.get("orientation", "portrait")), lines=int(lines), rows=rows,
            boxes=boxes, header=header, rules=str(form.get("rules", "foot")),
            sheet_number=str(form.get("sheet_number", "{area}-{n:04d}")))
    except KeyError as exc:
        raise _fail(source, f"[form] lacks {exc.args[0]}") from None


def sheet_number(spec: FormSpec, area: str, n: int) -> str:
    """The number printed in advance on sheet n of an area (unique in the village)."""
    try:
        text = spec.sheet_number.format(area=area, n=n)
    except (KeyError, IndexError, ValueError):
        text = f"{area}-{n:04d}"
    return text.strip("-") or f"{n:04d}"
