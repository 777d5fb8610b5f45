"""Reading scanned scan sheets back: files in, proposed lines out, every doubt shown.

`read_scans` is the seam the entry screen's confirm step will use: it reads only (nothing is
written; the ledger is not changed), and returns per page its sheet and status and per line
the resident, rule and quantity read, each field's certainty and reason, and the picture of
the line. Confirming a line (a deed, through the same checks as hand entry) is a later step.

Needs the `scan` extra (OpenCV, zxing-cpp, numpy, pdfium); without it, EnvironmentFault
('scan.unavailable') names what to install.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from village_tally.core.omr import READY, REVIEW, FieldRead, Levels, LineRead, read_line
from village_tally.core.problem import Problem, Where
from village_tally.core.scan_form import ScanForm, SheetLayout, layout
from village_tally.core.scan_id import BACK, SheetId, check, decode
from village_tally.services import roster
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.scan_sheets import (
    IssuedSheet,
    issued_sheets,
    load_scan_form,
    village_secret,
)
from village_tally.services.session import Ledger

if TYPE_CHECKING:
    from village_tally.scan.register import Registered, Rejected


class PageStatus(StrEnum):
    READ = "read"  # registered and every line read
    DUPLICATE = "duplicate"  # the same sheet as an earlier page of this batch
    BACK = "back"  # the back of a sheet (the residents and rules): nothing to read
    REJECTED = "rejected"  # not read at all; `reason` says why


@dataclass(frozen=True, slots=True)
class ProposedLine:
    """A line read from a sheet: what it proposes, how sure each field is, and its picture."""

    sheet: str  # the sheet number (a deed's source sheet)
    line: int
    status: str  # ready (every field sure), review, or blank (nothing marked)
    resident: FieldRead  # the row number on the back
    rule: FieldRead  # the rule's number on the back
    quantity: FieldRead
    resident_id: int | None  # the resident that row stood for when the sheet was printed
    resident_name: str
    rule_code: str | None
    image: bytes  # PNG of the whole line: bubbles, the handwritten name, the note


@dataclass(frozen=True, slots=True)
class ScannedPage:
    file: str
    page: int  # page number in the file, from 1
    status: PageStatus
    reason: str = ""  # why a page was rejected (a code: scan.page.*)
    sheet: str | None = None
    area: str | None = None
    month: str | None = None
    same_as: str = ""  # the earlier page of the same sheet (a duplicate)
    lines: tuple[ProposedLine, ...] = ()


@dataclass(frozen=True, slots=True)
class ScanReport:
    pages: tuple[ScannedPage, ...]

    def lines(self) -> list[ProposedLine]:
        return [ln for p in self.pages if p.status is PageStatus.READ for ln in p.lines]


def _require() -> None:
    from village_tally.scan import INSTALL, ScanUnavailable, require

    try:
        require()
    except ScanUnavailable as exc:
        raise EnvironmentFault("scan.unavailable", missing=exc.missing,
                               command=INSTALL) from None


def scan_files(paths: Sequence[Path | str]) -> list[Path]:
    """The files to read: each file named, and each folder's scan files (not its sub-folders),
    in name order. A path that does not exist is bad input."""
    from village_tally.scan import SUFFIXES

    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise InputError([Problem.at("scan.no_such_file", Where(file=p),
                                     path=p) for p in missing])
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out


@dataclass
class _Context:
    ledger: Ledger
    form: ScanForm
    frame: SheetLayout  # markers and QR codes: the same on every sheet
    issued: dict[str, IssuedSheet]
    secret: str
    names: dict[int, str]
    seen: dict[str, str]  # sheet number → the page that read it first


def _identify(ctx: _Context, text: str) -> tuple[SheetId | None, IssuedSheet | None, str]:
    sheet = decode(text)
    if sheet is None:
        return None, None, "not_ours"
    if sheet.village != ctx.ledger.village_name:
        return sheet, None, "other_village"
    expected = check(ctx.secret, sheet.village, sheet.area, sheet.month, sheet.n)
    issued = ctx.issued.get(ctx.form.number(sheet.area, sheet.month, sheet.n))
    if sheet.check != expected or issued is None:
        return sheet, None, "not_this_ledger"
    return sheet, issued, ""


def _lines(ctx: _Context, reg: Registered, issued: IssuedSheet) -> tuple[ProposedLine, ...]:
    from village_tally.scan.measure import bubble_ink, line_png

    sheet = layout(ctx.form, residents=len(issued.residents), rules=len(issued.rules))
    ink = bubble_ink(reg.page, sheet, ctx.form.geometry.bubble)
    levels = Levels.of(ink)
    out = []
    at = 0
    for line in sheet.lines:
        n = sum(len(g.bubbles) for g in line.groups)
        read: LineRead = read_line(line, ink[at:at + n], levels,
                                   residents=len(issued.residents), rules=len(issued.rules),
                                   quantity=ctx.form.quantity)
        at += n
        rid = (issued.residents[read.resident.value - 1]
               if read.resident.value and read.resident.value <= len(issued.residents)
               and read.resident.certainty == "sure" else None)
        code = (issued.rules[read.rule.value - 1]
                if read.rule.value and read.rule.value <= len(issued.rules)
                and read.rule.certainty == "sure" else None)
        out.append(ProposedLine(issued.number, line.line, read.status, read.resident,
                                read.rule, read.quantity, rid, ctx.names.get(rid or -1, ""),
                                code, line_png(reg.page, line) if read.status != "blank"
                                else b""))
    return tuple(out)


def _unregistered(ctx: _Context, rejected: ScannedPage, reg: Rejected) -> ScannedPage:
    """A page whose markers did not register: the back of a sheet (its QR says so), one of
    ours whose markers were not found, or no sheet at all."""
    sheet = decode(reg.qr) if reg.qr else None
    if sheet is not None and sheet.side == BACK:
        return replace(rejected, status=PageStatus.BACK,
                       sheet=ctx.form.number(sheet.area, sheet.month, sheet.n))
    if not reg.qr:  # no marker and no QR code: not a sheet at all
        return replace(rejected, reason="no_qr")
    return replace(rejected, reason=reg.reason if sheet is not None else "not_ours")


def _page(ctx: _Context, file: str, number: int, image: object) -> ScannedPage:
    from village_tally.scan.register import Rejected, register

    reg = register(image, ctx.frame, ctx.form.dictionary)  # type: ignore[arg-type]
    rejected = ScannedPage(file, number, PageStatus.REJECTED)
    if isinstance(reg, Rejected):
        return _unregistered(ctx, rejected, reg)
    ident, issued, problem = _identify(ctx, reg.qr)
    if issued is None or ident is None:
        return replace(rejected, reason=problem)
    if ident.side == BACK:
        return replace(rejected, status=PageStatus.BACK, sheet=issued.number)
    found = replace(rejected, sheet=issued.number, area=issued.area, month=issued.month)
    first = ctx.seen.get(issued.number)
    if first is not None:
        return replace(found, status=PageStatus.DUPLICATE, same_as=first)
    ctx.seen[issued.number] = f"{file}#{number}"
    return replace(found, status=PageStatus.READ, lines=_lines(ctx, reg, issued))


def _pages(ctx: _Context, files: list[Path], job: JobControl) -> Iterator[ScannedPage]:
    from village_tally.scan.images import pages_of

    for done, path in enumerate(files):
        job.step(done, len(files))
        for image in pages_of(path):
            if image.image is None:
                yield ScannedPage(str(path), image.page, PageStatus.REJECTED, image.problem)
            else:
                yield _page(ctx, str(path), image.page, image.image)
    job.step(len(files), len(files))


def read_scans(ledger: Ledger, paths: Sequence[Path | str], *,
               job: JobControl = NO_JOB) -> ScanReport:
    """Read scanned sheets (PDF, PNG, JPEG, TIFF files or folders of them): every page is
    read whole or rejected whole with the reason; nothing is written."""
    _require()
    files = scan_files(paths)
    form = load_scan_form()
    people = roster.list_residents(ledger)
    ctx = _Context(ledger, form, layout(form, residents=1, rules=1), issued_sheets(ledger),
                   village_secret(ledger), {r.id: f"{r.name}（{r.household}）" for r in people},
                   {})
    return ScanReport(tuple(_pages(ctx, files, job)))


def summary(report: ScanReport) -> dict[str, int]:
    """Counts a person wants first: pages by status, lines ready and to review."""
    counts = {s.value: 0 for s in PageStatus}
    for page in report.pages:
        counts[page.status.value] += 1
    lines = report.lines()
    counts["ready"] = sum(1 for ln in lines if ln.status == READY)
    counts["review"] = sum(1 for ln in lines if ln.status == REVIEW)
    return counts
