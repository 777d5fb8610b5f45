"""Rows of an imported sheet while they are checked: their cells as text, their problems,
where each problem is (file, sheet, row, column letter, header), import keys, and the
rejected rows written back beside the source with their reasons.

Used by services.importing; nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.exchange import cell as cells
from village_tally.exchange.header import Table
from village_tally.exchange.writer import XlsxWriter
from village_tally.i18n import describe, tr

NEW, PRESENT, REJECTED = "new", "present", "rejected"
STEP = 500


P = TypeVar("P")


@dataclass(slots=True)
class Row(Generic[P]):
    """A row while it is being planned: its cells as text by field, its problems, and what
    to write if it is good (`payload`: a checked deed, a roster line, ratings)."""

    row: int
    cells: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    status: str = NEW
    payload: P | None = None


def problem_text(problem: Problem, lang: str, fields: Mapping[Field, str] | None = None
                 ) -> str:
    """A problem as one line for a person, with the cell's value when there is one (a field
    it names in the shell's words, `fields`)."""
    line = describe(problem, lang, fields)
    value = problem.params.get("cell")
    if value not in (None, "") and str(value) not in line:
        line += tr("import.cell_value", lang, value=value)
    return line


def place(table: Table, row: int, name: str | None = None) -> Where:
    """Where a row (and, with a field name, its cell) is, as a person finds it."""
    column = table.columns.get(name) if name else None
    if column is None:
        return Where(file=table.file, sheet=table.sheet, row=row)
    return Where(file=table.file, sheet=table.sheet, row=row, column=column.letter,
                 header=column.header)


def cell_value(table: Table, r: Row[Any], raw: list[Any], name: str,
               convert: Callable[[Any], Any], *, required: bool = False) -> Any:
    """A converted cell, or None; a bad or missing required cell becomes a problem."""
    value = table.cell(raw, name)
    if cells.is_blank(value):
        if required:
            r.problems.append(Problem.at("cell.required", place(table, r.row, name), cell=""))
        return None
    try:
        return convert(value)
    except ParseError as exc:
        params = {**exc.params, "cell": r.cells.get(name, "")}
        r.problems.append(Problem.at(exc.code, place(table, r.row, name), **params))
        return None


def new_row(table: Table, number: int, raw: list[Any], places: list[tuple[str, int]]
            ) -> Row[Any]:
    """A data row with its cells as text by field; a hidden row is a problem already."""
    texts = {}
    for n, j in places:
        value = raw[j] if j < len(raw) else None
        texts[n] = value.strip() if type(value) is str else cells.text(value)
    r: Row[Any] = Row(number, texts)
    if number in table.hidden_rows:
        r.problems.append(Problem.at("import.row_hidden", place(table, number)))
    return r


def spots(table: Table) -> list[tuple[str, int]]:
    """(field, column index) of every column found."""
    return [(c.field, c.index) for c in table.columns.values()]


def start_rows(table: Table, step: Callable[[int, int], None]
               ) -> list[tuple[Row[Any], list[Any]]]:
    out = []
    total = len(table.rows)
    places = spots(table)
    for i, (number, raw) in enumerate(table.rows):
        if i % STEP == 0:
            step(i, total)
        out.append((new_row(table, number, raw, places), raw))
    return out


KEY_FIELDS = ("date", "name", "household", "rule", "deed", "quantity", "points", "recorder",
              "sheet", "line", "note")


def import_key(table: Table, r: Row[Any], occurrences: dict[str, tuple[int, int]]
               ) -> tuple[str, int | None]:
    """The file's ID with the deed's content, else the content, the file name and the sheet;
    identical rows in one file are told apart by their order. Also the row an identical one
    came first on (None for the first): `occurrences` holds (first row, count) by content."""
    content = "\x1f".join([r.cells.get(f, "") for f in KEY_FIELDS])
    file_id = r.cells.get("id", "").strip()
    if file_id:
        return content_key(f"id\x1e{file_id}\x1e", content, r.row, occurrences)
    return content_key(key_prefix(table), content, r.row, occurrences)


def key_prefix(table: Table) -> str:
    """What an import key without the file's ID starts from: the file name and the sheet."""
    return f"row\x1e{table.file}\x1e{table.sheet or ''}\x1e"


def content_key(prefix: str, content: str, row: int,
                occurrences: dict[str, tuple[int, int]]) -> tuple[str, int | None]:
    """`import_key` from its parts: the prefix (the file's ID, or `key_prefix`) and the
    row's KEY_FIELDS texts joined by \\x1f."""
    keys, firsts = content_keys(prefix, [content], [row], occurrences)
    return keys[0], firsts[0]


def content_keys(prefix: str, contents: Sequence[str], rows: Sequence[int],
                 occurrences: dict[str, tuple[int, int]]
                 ) -> tuple[list[str], list[int | None]]:
    """`content_key` of many rows (a chunk of a plain sheet)."""
    keys, firsts = [], []
    sha256 = hashlib.sha256
    for content, row in zip(contents, rows, strict=True):
        basis = prefix + content
        first, n = occurrences.get(basis, (row, 0))
        occurrences[basis] = (first, n + 1)
        keys.append(sha256(f"{basis}\x1e{n}".encode()).hexdigest()[:32])
        firsts.append(first if n else None)
    return keys, firsts


def rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.rejected.xlsx")


def write_rejects(source: Path, table: Table, rejected: Sequence[Row[Any]], lang: str
                  ) -> Path:
    """The rejected rows, as they were written, with their reasons, beside the source."""
    target = rejects_path(source)
    with XlsxWriter() as book:
        ws = book.sheet(tr("sheet.rejected", lang), [8] + [14] * len(table.columns) + [60])
        book.header(ws, [tr("xcol.row", lang)] + [c.header for c in table.columns.values()]
                    + [tr("xcol.reason", lang)])
        book.rows(ws, ([r.row] + [r.cells.get(n, "") for n in table.columns]
                       + ["；".join(problem_text(p, lang) for p in r.problems)]
                       for r in rejected))
        book.save(target)
    return target
