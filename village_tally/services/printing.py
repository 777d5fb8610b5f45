"""Printing use cases: each gathers the ledger's data, hands it to `printing`, writes one PDF.

Each call reads only (no audit entry: printing changes nothing), in one read transaction
(`session.snapshot`: a deed saved meanwhile is on none of the page's parts), writes to a
temporary file beside `out` and renames it at the end, so a cancelled or failed job leaves no
half-written PDF.
The print date is the ledger clock's date, passed into the PDF as data (invariant 7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from village_tally.core.authority import Action
from village_tally.core.deed import Household, Resident
from village_tally.core.form import FormSpec, parse_form, sheet_number
from village_tally.core.month import Month, parse_quarter
from village_tally.core.notice import Notice
from village_tally.core.order import band
from village_tally.core.points import ZERO
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.core.reward import DEFAULT_REWARDS, Rewards, parse_rewards
from village_tally.core.scheme import Scheme
from village_tally.printing import board, board_draw, fonts, form, sheet, sign, statement
from village_tally.services import (
    deeds,
    months,
    notices,
    objections,
    proof,
    ratings,
    roster,
    rules,
    shipped,
)
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.output import atomic_output
from village_tally.services.session import Ledger, read, snapshot
from village_tally.store import deeds as deed_repo
from village_tally.store import roster as roster_repo
from village_tally.store.deeds import DeedFilter


@dataclass(frozen=True, slots=True)
class Printed:
    """What a print call produced: the file, its pages, and anything the reader should know."""

    path: Path
    pages: int
    missing_chars: tuple[str, ...] = ()
    unrated: tuple[str, ...] = ()


def _choice(value: str, choices: tuple[str, ...] | list[str], code: str, about: Field) -> str:
    for choice in choices:
        if value.upper() == choice.upper():
            return choice
    raise InputError([Problem.at(code, Where(field=about), value=value,
                                 choices=", ".join(choices))])


def quarter_arg(text: str) -> str:
    """A quarter from user input, or InputError naming the quarter."""
    try:
        return parse_quarter(text)
    except ParseError as exc:
        raise InputError([exc.problem(Where(field=Field.QUARTER))]) from None


@contextmanager
def atomic_pdf(out: Path | str) -> Iterator[Path]:
    """A temporary path beside `out`, renamed onto it only if the block succeeds (see
    services.output: a folder or a missing folder is refused first, a full disk named); a
    shipped font found missing while drawing becomes a fault of the environment naming it."""
    try:
        with atomic_output(out) as tmp:
            yield tmp
    except fonts.FontMissing as exc:  # the installation lost a font: say which
        raise EnvironmentFault("env.shipped_missing", file=exc.file) from None


def unprintable(texts: list[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for text in texts:
        if not text.isascii():
            found |= fonts.missing(text)
    return tuple(sorted(found))


def _step(job: JobControl) -> Callable[[int, int], None]:
    return job.step


def month_tally(ledger: Ledger, month: Month
                ) -> tuple[months.Tally, set[int], dict[str, str], str | None]:
    """What a month's paper prints from: the tally, who is active, the door plates, and the
    verification code. An open month: today's tally, roster and plates (only who is active
    and the plates are read, not the whole roster: bench/bench_board.py). A closed month as it
    was closed (months.as_closed: its roster, names, households, areas, door plates and
    scheme of that day), with its code — refused while the ledger does not match its own
    record (services.proof)."""
    t = months.as_closed(ledger, month)
    if not t.closed:
        with read(ledger) as conn:
            active = roster_repo.active_ids(conn, ledger.village_id)
            plates = roster_repo.door_plates(conn, ledger.village_id)
        return t, active, plates, None
    sealed = proof.sealed_month(ledger, t.month)
    people = list(t.roster) if t.roster is not None else roster.list_residents(ledger)
    return (t, {r.id for r in people if r.status == "active"},
            {r.household: r.door_plate for r in people if r.door_plate},
            sealed.code if sealed else None)


def board_data(ledger: Ledger, month: Month, lang: str = "zh",
               notice: Notice | None = None) -> board.BoardData:
    """The month's tally for the board: residents still living in the village, roster order,
    and what each role model did (their approved deeds up to the month's end)."""
    with snapshot(ledger) as now:  # one moment: a deed saved meanwhile is on no part
        t, active, plates, code = month_tally(now, month)
        notice = notice or notices.notice_for(now, month, lang)
        rows = tuple(r for r in t.rows if r.resident_id in active)
        models = band(rows, lambda r: r.total_points, board.BAND)
        did = deeds_done(now, [r.resident_id for _, r in models], t.month, lang,
                         scheme=t.scheme)
    return board.BoardData(t.village, t.month, t.closed, t.checksum, rows, t.scheme,
                           ledger.today().isoformat(), plates, did, notice, code)


def deeds_done(ledger: Ledger, residents: list[int], month: Month, lang: str,
               most: int = 3, *, scheme: Scheme | None = None
               ) -> dict[int, tuple[tuple[str, int], ...]]:
    """Each resident's kinds of good deed up to a month's end, most points first: (title,
    times), the titles the rules had in `scheme` (a closed month's: its close's)."""
    titles = {r.code: r.title(lang) for r in (scheme or ledger.scheme).rules}
    with read(ledger) as conn:
        found = deed_repo.kinds_done(conn, ledger.village_id, residents, month)
    points: dict[int, dict[str, int]] = {rid: {} for rid in residents}
    times: dict[int, dict[str, int]] = {rid: {} for rid in residents}
    for rid, code, deed_title, hundredths, count in found:
        title = titles.get(code or "", deed_title)
        points[rid][title] = points[rid].get(title, 0) + hundredths
        times[rid][title] = times[rid].get(title, 0) + count
    return {rid: _most(points[rid], times[rid], most) for rid in residents}


def _most(points: dict[str, int], times: dict[str, int], most: int
          ) -> tuple[tuple[str, int], ...]:
    best = sorted(points, key=lambda k: (-points[k], k))[:most]
    return tuple((k, times[k]) for k in best)


def print_board(ledger: Ledger, *, month: Month, out: Path | str,
                paper: str = board.DEFAULT_PAPER, order: str = "area", lang: str = "zh",
                notice: Notice | None = None, job: JobControl = NO_JOB) -> Printed:
    """The month's bulletin board (draft mark if open; checksum in the footer if closed)."""
    paper = _choice(paper, board.PAPERS, "print.paper_unknown", Field.PAPER)
    order = _choice(order, board.ORDERS, "print.order_unknown", Field.ORDER)
    data = board_data(ledger, month, lang, notice)
    job.step(0, 1)
    with atomic_pdf(out) as tmp:  # the layout measures names with the shipped fonts
        pages = board.layout(data, paper, order, lang)
        board_draw.draw(data, pages, tmp, paper=paper, order=order, lang=lang,
                        step=_step(job))
    return Printed(Path(out), len(pages), unprintable([r.name for r in data.rows]))


def sign_data(ledger: Ledger, quarter: str, area: str | None = None) -> sign.SignData:
    """Households with at least one active member and a rating for the quarter; the ones
    without a rating are named, not signed. A quarter nobody in the area was rated for is
    refused (`print.quarter_unrated`), so no sheet of empty signs is printed."""
    quarter = quarter_arg(quarter)
    if not ledger.scheme.categories:
        raise InputError([Problem.at("print.no_categories", Where(field=Field.QUARTER))])
    with snapshot(ledger) as now:  # the ratings and the households of one moment
        found = ratings.ratings_for(now, quarter)
        households = live_households(now)
    if area is not None:
        households = _in_area(households, area)
    if not households:
        raise InputError([Problem.at("print.no_households", Where(field=Field.QUARTER))])
    signs = tuple(sign.SignHousehold(h.code, h.head or "", h.door_plate, h.area,
                                     found[h.code]) for h in households if found.get(h.code))
    if not signs:
        raise InputError([Problem.at("print.quarter_unrated", Where(field=Field.QUARTER),
                                     quarter=quarter)])
    return sign.SignData(ledger.village_name, quarter, ledger.scheme.categories, signs,
                         ledger.today().isoformat(),
                         tuple(h.code for h in households if not found.get(h.code)))


def live_households(ledger: Ledger) -> list[Household]:
    """Households with at least one active member, by code; the head is the active member
    marked head, else the first active member. (Built from the residents in one query:
    roster.list_households compares every household with every resident.)"""
    members: dict[str, list[Resident]] = {}
    for r in roster.list_residents(ledger):
        if r.status == "active":
            members.setdefault(r.household, []).append(r)
    out = []
    for code in sorted(members):
        people = members[code]
        head = next((r.name for r in people if r.is_head), people[0].name)
        plate = next((r.door_plate for r in people if r.door_plate), None)
        out.append(Household(code, plate, people[0].area, head, tuple(r.name for r in people)))
    return out


def _in_area(households: list[Household], area: str) -> list[Household]:
    areas = sorted({h.area for h in households if h.area})
    if area not in areas:
        raise InputError([Problem.at("print.area_unknown", Where(field=Field.AREA), value=area,
                                     choices=", ".join(areas))])
    return [h for h in households if h.area == area]


def print_signs(ledger: Ledger, *, quarter: str, out: Path | str, per_sheet: int = 2,
                area: str | None = None, lang: str = "zh",
                job: JobControl = NO_JOB) -> Printed:
    """One door sign per rated household for a quarter, two to an A4 sheet (or one per sheet).

    A scheme without categories has no signs: refused with `print.no_categories` (stars from
    members' points are what the board is for). Unrated households are named in `unrated`."""
    if per_sheet not in (1, 2):
        raise InputError([Problem.at("print.per_sheet", Where(field=Field.PER_SHEET),
                                     value=per_sheet)])
    data = sign_data(ledger, quarter, area)
    pages = sign.layout(data, per_sheet)
    job.step(0, len(pages))
    with atomic_pdf(out) as tmp:
        sign.draw(data, pages, tmp, per_sheet=per_sheet, lang=lang, step=_step(job))
    return Printed(Path(out), len(pages),
                   unprintable([h.head for h in data.households] + [data.village]),
                   data.unrated)


def statement_data(ledger: Ledger, name: str, household: str | None = None) -> (
        statement.StatementData):
    """The resident meant by a name (and household, for namesakes) and all their deeds, as
    of one moment (a deed saved meanwhile is on none of its parts)."""
    with snapshot(ledger) as now, read(now) as conn:
        person, problems = deeds.resolve_resident(conn, now, name, household)
        if person is None:
            raise InputError(problems)
        found = deeds.list_deeds(now, DeedFilter(resident_id=person.id),
                                 newest_first=False)
        month = Month.of(now.today())
        lapses = {x.deed_id: x.month for x in months.lapses_by(conn, now, month)
                  if x.resident_id == person.id}
        bonus = months.bonuses(conn, now, month).get(person.household, ZERO)
        last = months.closed_months(now)
        sealed = proof.sealed_month(now, last[-1].month) if last else None
        answered = tuple(objections.for_resident(now, person.id))
    return statement.StatementData(ledger.village_name, person, tuple(found),
                                   ledger.today().isoformat(), ledger.scheme, lapses, bonus,
                                   answered, (sealed.month, sealed.code) if sealed else None)


def print_statement(ledger: Ledger, *, name: str, household: str | None = None,
                    out: Path | str, lang: str = "zh", job: JobControl = NO_JOB) -> Printed:
    """Everything that changed one resident's points, month by month, who recorded, typed and
    approved each, and how to object (personal data: committee and secretary)."""
    ledger.require(Action.PRINT_STATEMENT)
    data = statement_data(ledger, name, household)
    job.step(0, 1)
    with atomic_pdf(out) as tmp:
        pages = statement.draw(data, tmp, lang=lang, step=_step(job))
    texts = [data.resident.name] + [d.title for d in data.deeds] + [d.recorder for d in data.deeds]
    return Printed(Path(out), pages, unprintable(texts))


def sheet_data(ledger: Ledger, month: Month, notice: Notice | None = None) -> board.BoardData:
    """The tally sheet's and the rewards list's rows: active residents, and any other with
    points (a closed month as it was closed, with its verification code)."""
    with snapshot(ledger) as now:  # one moment: a deed saved meanwhile is on no row
        t, active, _plates, code = month_tally(now, month)
    rows = tuple(r for r in t.rows if r.resident_id in active or r.total_points
                 or r.month_points)
    return board.BoardData(t.village, t.month, t.closed, t.checksum, rows, t.scheme,
                           ledger.today().isoformat(), notice=notice, code=code)


def print_tally_sheet(ledger: Ledger, *, month: Month, out: Path | str, lang: str = "zh",
                      notice: Notice | None = None, job: JobControl = NO_JOB) -> Printed:
    """The month's tally sheet: every resident's points before, added, deducted, total."""
    with snapshot(ledger) as now:
        data = sheet_data(now, month, notice or notices.notice_for(now, month, lang))
    job.step(0, 1)
    with atomic_pdf(out) as tmp:
        pages = sheet.draw_tally(data, tmp, lang=lang, step=_step(job))
    return Printed(Path(out), pages, unprintable([r.name for r in data.rows]))


def load_rewards(path: Path | str | None, kept: Rewards = DEFAULT_REWARDS) -> Rewards:
    """The committee's reward brackets from a JSON file, else the ones the village keeps."""
    if path is None:
        return kept
    where = Where(file=str(path), field=Field.BRACKETS)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError([Problem.at("print.brackets_invalid", where, file=str(path),
                                     detail=exc.strerror or "")]) from None
    except UnicodeDecodeError:  # a spreadsheet, a picture, the village file itself
        raise InputError([Problem.at("print.brackets_not_text", where, file=str(path))]
                         ) from None
    try:
        return parse_rewards(text)
    except ParseError as exc:
        raise InputError([Problem.at("print.brackets_invalid", where, file=str(path),
                                     detail=exc.params.get("detail", ""))]) from None


def print_rewards(ledger: Ledger, *, month: Month, out: Path | str,
                  brackets: Path | str | None = None, save: bool = False, lang: str = "zh",
                  notice: Notice | None = None, job: JobControl = NO_JOB) -> Printed:
    """Who gets rice, oil and cash this month, by the brackets (a JSON file's, else the
    village's), with a column to sign. `save` keeps the file's brackets for next time."""
    if save and brackets is not None:
        rules.update_rewards(ledger, load_rewards(brackets, ledger.scheme.rewards))
    with snapshot(ledger) as now:
        data = sheet_data(now, month, notice or notices.notice_for(now, month, lang))
    # A closed month's list by the brackets of its close, unless a file is given.
    rewards = load_rewards(brackets, data.scheme.rewards)
    job.step(0, 1)
    with atomic_pdf(out) as tmp:
        pages = sheet.draw_rewards(data, rewards, tmp, lang=lang, step=_step(job))
    return Printed(Path(out), pages, unprintable([r.name for r in data.rows]))


FORMS = {"field-sheet": "field_sheet.toml", "inspection": "inspection.toml"}
# The choices the command line and the desktop program offer.
PAPERS = board.PAPERS
DEFAULT_PAPER = board.DEFAULT_PAPER
ORDERS = board.ORDERS


def load_form(kind: str) -> FormSpec:
    """The definition of a paper form ('field-sheet' or 'inspection'), as the entry screen and
    the printer both read it."""
    if kind not in FORMS:
        raise InputError([Problem.at("print.form_unknown", Where(field=Field.KIND), value=kind,
                                     choices=", ".join(FORMS))])
    name = FORMS[kind]
    try:
        return parse_form(shipped.read_form(name), name)
    except ParseError as exc:  # the installation's file, not the user's: a fault
        raise EnvironmentFault("print.form_invalid", file=f"forms/{name}",
                               detail=exc.params.get("detail", exc.code)) from None


def print_form(ledger: Ledger, *, kind: str, out: Path | str, area: str | None = None,
               sheets: int = 1, first: int = 1, quarter: str | None = None,
               lang: str = "zh", job: JobControl = NO_JOB) -> Printed:
    """Blank forms: field sheets numbered first..first+sheets-1 for an area (with the rule
    codes), or the inspection sheet with the area's households pre-printed."""
    spec = load_form(kind)
    households = live_households(ledger)
    if area is not None:
        households = _in_area(households, area)
    printed = ledger.today().isoformat()
    if kind == "field-sheet":
        if not 1 <= sheets <= 1000 or first < 1:
            raise InputError([Problem.at("print.sheets_invalid", Where(field=Field.SHEETS),
                                         value=sheets)])
        numbers = tuple(sheet_number(spec, area or "", n) for n in range(first, first + sheets))
        data = form.FieldSheets(ledger.village_name, area or "", spec, numbers,
                                ledger.scheme.rules, printed, ledger.scheme.document_required)
        with atomic_pdf(out) as tmp:
            pages = form.draw_field_sheets(data, tmp, lang=lang, step=_step(job))
        return Printed(Path(out), pages, unprintable([ledger.village_name, area or ""]))
    if not ledger.scheme.categories:
        raise InputError([Problem.at("print.no_categories", Where(field=Field.KIND))])
    rows = tuple(form.InspectionRow(h.code, h.head or "", h.door_plate or "")
                 for h in households)
    idata = form.Inspection(ledger.village_name, area or "", spec, ledger.scheme.categories,
                            rows, quarter_arg(quarter) if quarter else None, printed)
    with atomic_pdf(out) as tmp:
        pages = form.draw_inspection(idata, tmp, lang=lang, step=_step(job))
    return Printed(Path(out), pages, unprintable([r.head for r in rows]))
