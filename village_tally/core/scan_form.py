"""The scan sheet (forms/scan_sheet.toml) as millimetre positions: corner markers, QR codes and,
per line, every bubble and the name and note boxes. The printer draws these places and the
reader measures them, so both follow one layout. Pure: parses text and does arithmetic."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from village_tally.core.form import FormSpec, parse_form
from village_tally.core.problem import ParseError

PAPER_MM = {"A4": (210.0, 297.0)}
MAX_DIGITS = 3  # residents numbered up to 999 in an area
FIELDS = ("resident", "rule", "quantity")
HEADER_H = 7.0  # the row of column titles above the first line


@dataclass(frozen=True, slots=True)
class Geometry:
    """Sizes in millimetres (see forms/scan_sheet.toml)."""

    margin: float = 8.0
    marker: float = 12.0
    qr: float = 20.0
    bubble: float = 3.2
    pitch: float = 4.0
    row_pitch: float = 4.2
    line_gap: float = 2.0
    group_gap: float = 3.0
    top: float = 44.0
    bottom: float = 36.0


@dataclass(frozen=True, slots=True)
class Marker:
    """A corner marker: its id in the dictionary and its 4x4 bits (1 = white), row by row."""

    id: int
    bits: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class ScanForm:
    spec: FormSpec
    geometry: Geometry
    dictionary: str
    markers: tuple[Marker, ...]
    rule_choices: int = 10
    quantity: int = 9
    resident_digits: int = 2

    def number(self, area: str, month: str, n: int) -> str:
        """The sheet number printed on sheet n of an area's month (unique in the village)."""
        try:
            text = self.spec.sheet_number.format(area=area, month=month, n=n)
        except (KeyError, IndexError, ValueError):
            text = f"{area}-{month}-{n:03d}"
        return text.strip("-")


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class Bubble:
    """A bubble's centre (mm from the page's top-left) and the value it stands for."""

    x: float
    y: float
    value: int


@dataclass(frozen=True, slots=True)
class Group:
    """One row of bubbles choosing one value: a digit (place 0 units, 1 tens …) of a field,
    or, for a field of one row, the field itself (place 0)."""

    field: str
    place: int
    bubbles: tuple[Bubble, ...]


@dataclass(frozen=True, slots=True)
class LineLayout:
    line: int
    box: Rect  # the whole line, name and note boxes included: the crop shown to a person
    groups: tuple[Group, ...]
    name: Rect
    note: Rect


@dataclass(frozen=True, slots=True)
class MarkerPlace:
    marker: Marker
    box: Rect


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Where everything is on one scan sheet for an area of `residents` and `rules`."""

    width: float
    height: float
    markers: tuple[MarkerPlace, ...]
    qr_top: Rect
    qr_bottom: Rect
    header_y: float
    columns: tuple[tuple[str, float, float], ...]  # column key, left and right edge
    lines: tuple[LineLayout, ...]
    resident_digits: int
    rule_digits: int  # 0: one row, a bubble per rule
    rules: int


def _fail(source: str, detail: str) -> ParseError:
    return ParseError("form.invalid", file=source, detail=detail)


def _bits(text: object, source: str) -> tuple[tuple[int, ...], ...]:
    digits = [ch for ch in str(text) if ch in "01"]
    if len(digits) != 16 or len(str(text).replace(" ", "")) != 16:
        raise _fail(source, f"marker bits '{text}' are not 16 ones and zeros")
    return tuple(tuple(int(d) for d in digits[r * 4:r * 4 + 4]) for r in range(4))


def _number(table: dict[str, object], key: str, default: float, source: str) -> float:
    value = table.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise _fail(source, f"[geometry] {key} must be a positive number of millimetres")
    return float(value)


def parse_scan_form(text: str, source: str = "") -> ScanForm:
    """A ScanForm from TOML text; ParseError('form.invalid', file, detail) says what is wrong."""
    spec = parse_form(text, source)
    data = tomllib.loads(text)  # parse_form has read it once without error
    if spec.paper not in PAPER_MM or spec.orientation != "portrait":
        raise _fail(source, "a scan sheet is A4 portrait")
    keys = [c.key for c in spec.columns if c.kind == "bubbles"]
    if keys != list(FIELDS):
        raise _fail(source, "bubble columns must be resident, rule, quantity in that order")
    geo_raw = data.get("geometry", {})
    defaults = Geometry()
    geometry = Geometry(**{name: _number(geo_raw, name, getattr(defaults, name), source)
                           for name in Geometry.__slots__})
    raw = data.get("markers", {})
    ids, bits = raw.get("ids", []), raw.get("bits", [])
    if len(ids) != 4 or len(bits) != 4 or len(set(ids)) != 4:
        raise _fail(source, "[markers] needs four different ids and their bits")
    markers = tuple(Marker(int(i), _bits(b, source)) for i, b in zip(ids, bits, strict=True))
    bub = data.get("bubbles", {})
    choices, quantity = bub.get("rule_choices", 10), bub.get("quantity", 9)
    digits = bub.get("resident_digits", 2)
    if not (isinstance(choices, int) and 2 <= choices <= 10 and isinstance(quantity, int)
            and 1 <= quantity <= 9 and isinstance(digits, int) and 1 <= digits <= MAX_DIGITS):
        raise _fail(source, "[bubbles]: rule_choices 2-10, quantity 1-9, resident_digits 1-3")
    return ScanForm(spec, geometry, str(raw.get("dictionary", "DICT_4X4_50")), markers,
                    choices, quantity, digits)


def resident_digits(form: ScanForm, residents: int) -> int:
    """Digit rows for an area's resident numbers 1..residents (at least the form's minimum)."""
    return max(form.resident_digits, len(str(max(1, residents))))


def rule_digits(form: ScanForm, rules: int) -> int:
    """0 when one row holds a bubble per rule; else digit rows for rule numbers 1..rules."""
    return 0 if rules <= form.rule_choices else len(str(rules))


def _row(field: str, place: int, x0: float, y: float, *, values: range,
         pitch: float) -> Group:
    return Group(field, place, tuple(Bubble(x0 + pitch / 2 + i * pitch, y, v)
                                     for i, v in enumerate(values)))


def _digit_rows(field: str, digits: int, x0: float, top: float, *, g: Geometry,
                highest: int) -> list[Group]:
    """Rows top to bottom: the most significant digit first (only the values it can take)."""
    groups = []
    for k in range(digits):
        place = digits - 1 - k
        top_value = min(9, highest // 10 ** place) if k == 0 else 9
        groups.append(_row(field, place, x0, top + g.row_pitch * (k + 0.5),
                           values=range(top_value + 1), pitch=g.pitch))
    return groups


def _widths(form: ScanForm, rdigits: int, rules: int) -> dict[str, float]:
    g = form.geometry
    return {"resident": 10 * g.pitch, "rule": (10 if rdigits else rules) * g.pitch,
            "quantity": form.quantity * g.pitch}


def layout(form: ScanForm, *, residents: int, rules: int) -> SheetLayout:
    """The sheet for an area with `residents` (numbered from 1) and `rules` (numbered from 1)."""
    g = form.geometry
    width, height = PAPER_MM[form.spec.paper]
    res_d, rule_d = resident_digits(form, residents), rule_digits(form, rules)
    rows = max(res_d, rule_d, 1)
    line_h = rows * g.row_pitch + g.line_gap
    first = g.top + HEADER_H
    room = height - g.bottom - first
    count = max(1, min(form.spec.lines, int(room // line_h)))
    left, right = g.margin + 2, width - g.margin - 2
    fixed = _widths(form, rule_d, max(1, rules))
    spans: list[tuple[str, float, float]] = []
    x = left
    text_cols = [c for c in form.spec.columns if c.kind not in ("bubbles", "line")]
    used = sum(fixed.values()) + sum(c.width for c in form.spec.columns if c.kind == "line")
    room_x = right - left - used - g.group_gap * (len(form.spec.columns) - 1)
    rel = sum(c.width for c in text_cols) or 1.0
    for col in form.spec.columns:
        if col.kind == "bubbles":
            w = fixed[col.key]
        elif col.kind == "line":
            w = col.width
        else:
            w = room_x * col.width / rel
        spans.append((col.key, x, x + w))
        x += w + g.group_gap
    where = {key: (a, b) for key, a, b in spans}
    lines = []
    for i in range(count):
        top = first + i * line_h
        inner = rows * g.row_pitch
        groups: list[Group] = []
        groups += _digit_rows("resident", res_d, where["resident"][0], top, g=g,
                              highest=max(residents, 10 ** (res_d - 1)))
        if rule_d:
            groups += _digit_rows("rule", rule_d, where["rule"][0], top, g=g, highest=rules)
        else:
            groups.append(_row("rule", 0, where["rule"][0], top + inner / 2,
                               values=range(1, rules + 1), pitch=g.pitch))
        groups.append(_row("quantity", 0, where["quantity"][0], top + inner / 2,
                           values=range(1, form.quantity + 1), pitch=g.pitch))
        name = Rect(where["name"][0], top, where["name"][1] - where["name"][0], inner)
        note = Rect(where["note"][0], top, where["note"][1] - where["note"][0], inner)
        box = Rect(left, top - g.line_gap / 2, right - left, line_h)
        lines.append(LineLayout(i + 1, box, tuple(groups), name, note))
    return SheetLayout(width, height, _markers(form, width, height),
                       Rect(width - g.margin - g.marker - 4 - g.qr, g.margin, g.qr, g.qr),
                       Rect(g.margin + g.marker + 4, height - g.margin - g.qr, g.qr, g.qr),
                       g.top, tuple(spans), tuple(lines), res_d, rule_d, rules)


def _markers(form: ScanForm, width: float, height: float) -> tuple[MarkerPlace, ...]:
    g = form.geometry
    far_x, far_y = width - g.margin - g.marker, height - g.margin - g.marker
    corners = ((g.margin, g.margin), (far_x, g.margin), (far_x, far_y), (g.margin, far_y))
    return tuple(MarkerPlace(m, Rect(x, y, g.marker, g.marker))
                 for m, (x, y) in zip(form.markers, corners, strict=True))


def field_value(digits: dict[int, int]) -> int:
    """A number from its digits by place (0 units, 1 tens …)."""
    return sum(v * 10 ** place for place, v in digits.items())
