"""The paper field sheet being typed, without Qt: its header (sheet number, gatherer, date) and
the state of each line (what was typed, the resident and rule picked, saved or not), turned into
a deed input for services.deeds; the deed check's problems turned into the field that takes the
keyboard. The entry screen (entry_view.py) shows this state and hands it what was typed and
which key was pressed; tests drive it with plain values (tests/ui/test_entry_sheet.py).

It lives in ui, not in services: it is the entry screen's flow (what shows while typing, which
field comes next), not a use case, and it keeps state a verb of the services would not. It
calls the services like any view and imports no Qt (an import-linter contract checks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from village_tally.core.deed import Deed, Resident, Source, Status
from village_tally.core.names import normalize_name
from village_tally.core.points import ZERO, Points, parse_points, parse_quantity
from village_tally.core.problem import Field, ParseError, Problem
from village_tally.core.rule import Rule
from village_tally.i18n import tr
from village_tally.services import browse, deeds, roster
from village_tally.ui.entry_match import free_words, line_date, match_rules
from village_tally.ui.sheet_line import NOTHING, Focus, Save, Say, SheetLine

if TYPE_CHECKING:
    from village_tally.services.session import Ledger

# Problems about fields the gatherer has not reached yet are not shown while typing.
NOT_YET = {"deed.rule_or_points", "name.empty"}
# The line's own fields for the fields a deed check's problem names (a line's number is its
# name's row; the deed in words is typed in the rule's field).
ON_LINE = {Field.MONTH: Field.DATE, Field.HOUSEHOLD: Field.NAME, Field.LINE: Field.NAME,
           Field.TEXT: Field.RULE}
IN_HEADER = {Field.SHEET, Field.RECORDER}  # the sheet's number and its gatherer
MAX_CHOICES = 8


@dataclass(frozen=True, slots=True)
class Aside:
    """A sheet someone left half typed when another person signed in: kept for them."""

    sheet: str
    gatherer: str
    date: str
    lines: list[SheetLine]

    @property
    def unsaved(self) -> int:
        return sum(1 for ln in self.lines if ln.open and ln.touched)


class EntrySheet:
    """The sheet on screen: header, lines, and the choices (residents or rules) offered for
    the field being typed."""

    def __init__(self, ledger: Ledger, lang: str, lines: int,
                 acting: Callable[[], Ledger] | None = None) -> None:
        self.ledger = ledger
        # The ledger as whoever is signed in now: the deed check says what they may enter.
        self.acting = acting if acting is not None else (lambda: self.ledger)
        self.lang = lang
        self.sheet = ""
        self.gatherer = ""
        self.date = ledger.today().isoformat()
        self.lines = [SheetLine(n, date=self.date) for n in range(1, lines + 1)]
        self.choices: list[Resident] | list[Rule] = []
        self.choices_for: tuple[int, Field] | None = None
        self.highlighted = 0  # the choice Enter takes
        self.picked = False  # the gatherer moved to it (↑/↓), not just the first offered
        # The roster held for typing names (the entry screen reads it off the GUI thread and
        # again when the roster changes); until then each key asks the database.
        self.finder: roster.ResidentFinder | None = None
        self.entered: list[Deed] = []  # the sheet's saved lines, as read when it was opened

    def line(self, number: int) -> SheetLine:
        return self.lines[number - 1]

    # --- the header ------------------------------------------------------------------------

    def open_sheet(self, number: str) -> bool:
        """Another sheet number: the lines start again, and a sheet entered before (or half
        entered when the program was closed) shows its saved lines. True if it changed."""
        number = normalize_name(number)
        if number == self.sheet:
            return False
        self.sheet = number
        for line in self.lines:
            self.clear(line.number)
        self.offer(None, [])
        self.entered = browse.sheet_deeds(self.ledger, number) if number else []
        self._show_entered()
        return True

    def _show_entered(self) -> None:
        rules = {r.code: r for r in self.ledger.scheme.rules}
        # The residents from the roster held for typing names: no read per line.
        held = {r.id: r for r in self.finder.residents} if self.finder is not None else {}
        for deed in self.entered:
            number = deed.source.line or 0
            if not 1 <= number <= len(self.lines):
                continue
            line = self.line(number)
            line.resident = held.get(deed.resident_id) \
                or roster.get_resident(self.ledger, deed.resident_id)
            line.rule = rules.get(deed.rule_code or "")
            line.date = deed.date.isoformat()
            line.name = deed.name
            line.household = f"{deed.household} {deed.area}".strip()
            line.rule_text = deed.rule_code or deed.title
            line.quantity = f"{deed.quantity.normalize():f}"
            line.points = deed.points.signed()
            line.saved_id = deed.id
            line.saved_points = deed.points
            line.pending = deed.status == Status.PENDING
            line.say = Say.of("info", "ui.entry.entered_before", deed_id=deed.id,
                              recorder=deed.recorder)

    @property
    def gatherer_name(self) -> str:
        return normalize_name(self.gatherer)

    def sheet_day(self) -> dt.date:
        """The sheet's date (ParseError if it is not one)."""
        return line_date(self.date, self.ledger.today())

    def header_problem(self) -> tuple[Problem, Focus] | None:
        """What the header still lacks before a line can be saved, and where to fill it in."""
        if not self.sheet:
            return Problem.at("ui.entry.need_sheet"), Focus(Field.SHEET)
        if not self.gatherer_name:
            return Problem.at("ui.entry.need_gatherer"), Focus(Field.RECORDER)
        try:
            self.sheet_day()
        except ParseError as exc:
            return exc.problem(), Focus(Field.DATE)
        return None

    def date_entered(self) -> Focus | None:
        """Enter on the sheet's date: every line not begun takes it; on to the first open
        line. None if it is not a date (the field keeps it to be mended)."""
        try:
            day = self.sheet_day().isoformat()
        except ParseError:
            return None
        self.date = day
        for line in self.lines:
            if line.open and not line.touched:
                line.date = day
        return Focus(Field.NAME, self.first_open())

    # --- typing ----------------------------------------------------------------------------

    def typed(self, number: int, where: Field, text: str) -> None:
        """Text typed into a field of a line: what it changes and what the line says now."""
        line = self.line(number)
        line.repeat_of = None  # another deed now: a warning given before no longer holds
        if where == Field.NAME:
            self._name_typed(line, text)
        elif where == Field.RULE:
            self._rule_typed(line, text)
        elif where == Field.QUANTITY:
            line.quantity = text
            self._show_points(line)
        elif where == Field.POINTS:
            line.points = text
            self._live_check(line)
        elif where == Field.DATE:
            line.date = text
        elif where == Field.NOTE:
            line.witness = text
        elif where == Field.OVERRIDE:
            line.reason = text

    def _name_typed(self, line: SheetLine, text: str) -> None:
        line.name = text
        line.resident = None
        line.household = ""
        line.asked_which = False
        found = ([] if not text.strip()
                 else self.finder.find(text, limit=MAX_CHOICES) if self.finder is not None
                 else roster.find_residents(self.ledger, text, limit=MAX_CHOICES))
        self.offer((line.number, Field.NAME), found)
        if text.strip() and not found:
            line.say = Say.refused([Problem.at("resident.unknown", name=normalize_name(text))])
        else:
            line.say = NOTHING

    def _rule_typed(self, line: SheetLine, text: str) -> None:
        line.rule_text = text
        line.rule = None
        line.points = ""
        line.free_text = None
        found = match_rules(list(self.ledger.scheme.rules), text, MAX_CHOICES)
        self.offer((line.number, Field.RULE), found)
        if text.strip() and not found and free_words(text):
            line.say = Say.of("pending", "ui.entry.free_hint")
        elif text.strip() and not found:
            line.say = Say.refused([Problem.at("rule.unknown", code=text.strip())])
        else:
            line.say = NOTHING
            self._live_check(line)

    def offer(self, where: tuple[int, Field] | None, items: list[Resident] | list[Rule]) -> None:
        """The residents or rules shown to choose from (↑/↓) for a line's field."""
        self.choices = items
        self.choices_for = where if items else None
        self.highlighted = 0
        self.picked = False

    def highlight(self, step: int) -> int:
        """↑/↓ among the choices (round the end): the gatherer picks one."""
        if self.choices:
            self.highlighted = (self.highlighted + step) % len(self.choices)
            self.picked = True
        return self.highlighted

    def _chosen(self, line: SheetLine, where: Field, index: int) -> Resident | Rule | None:
        if self.choices_for != (line.number, where) or not self.choices:
            return None
        return self.choices[min(max(0, index), len(self.choices) - 1)]

    def _namesakes(self, person: Resident) -> list[Resident]:
        """The residents offered who share the person's name (side by side: find_residents)."""
        return [r for r in self.choices if isinstance(r, Resident) and r.name == person.name]

    def _show_points(self, line: SheetLine) -> None:
        """A rule's points for the quantity typed."""
        if line.rule is None:
            if not line.free:
                line.points = ""
            return
        try:
            line.points = line.rule.points.times(parse_quantity(line.quantity or "1")).signed()
        except ParseError as exc:
            line.points = ""
            line.say = Say.refused([exc.problem()])

    def _live_check(self, line: SheetLine) -> None:
        """Every problem the line has so far (duplicate line, cap reached …), as it is typed."""
        if line.resident is None:  # the name comes first: nothing to check yet
            return
        if line.free and not line.points.strip():
            line.say = Say.of("pending", "ui.entry.free_points")
            return
        try:
            checked = deeds.check_deed(self.acting(), self.deed_input(line))
        except ParseError as exc:
            line.say = Say.refused([exc.problem()])
            return
        shown = [p for p in checked.problems if p.code not in NOT_YET]
        if shown:
            line.say = Say.refused(shown)
        elif checked.ok and checked.pending:
            line.say = Say.of("pending", "ui.entry.will_be_pending")
        else:
            line.say = NOTHING

    # --- Enter -----------------------------------------------------------------------------

    def enter(self, number: int, where: Field, chosen: int | None = None
              ) -> Focus | Save | None:
        """Enter in a field of a line: on to the next field, or the line ready to be saved
        (`chosen`: which of the offered residents or rules is picked; by default the one
        highlighted). None: stay."""
        if chosen is not None:
            self.highlighted, self.picked = chosen, True
        chosen = self.highlighted
        line = self.line(number)
        if not line.open:
            return Focus(Field.NAME, self.next_line(number))
        lacking = self.header_problem()
        if lacking is not None:
            line.say = Say.refused([lacking[0]])
            return lacking[1]
        if where == Field.DATE:
            return self._date_entered(line)
        if where == Field.NAME:
            return self._accept_name(line, chosen)
        if where == Field.RULE:
            return self._accept_rule(line, chosen)
        return self._finish(line)

    def _date_entered(self, line: SheetLine) -> Focus | None:
        try:
            line.date = line_date(line.date, self.sheet_day()).isoformat()
        except ParseError as exc:
            line.say = Say.refused([exc.problem()])
            return None
        return Focus(Field.NAME, line.number)

    def _accept_name(self, line: SheetLine, chosen: int) -> Focus | None:
        person = line.resident or self._chosen(line, Field.NAME, chosen)
        if not isinstance(person, Resident):
            name = normalize_name(line.name)
            line.say = Say.refused([Problem.at("resident.unknown" if name else "name.empty",
                                               name=name)])
            return None
        namesakes = self._namesakes(person) if line.resident is None else []
        if len(namesakes) > 1 and not (self.picked or line.asked_which):
            # Two residents share the name and nobody chose: ask, never take the first.
            line.asked_which = True
            line.say = Say.of("problem", "ui.entry.which_namesake", name=person.name,
                              count=len(namesakes),
                              households=tuple(f"{r.household} {r.area}".strip()
                                               for r in namesakes))
            return None
        line.resident = person
        line.name = person.name
        line.household = f"{person.household} {person.area}".strip()
        self.offer(None, [])
        self._live_check(line)
        return Focus(Field.RULE, line.number)

    def _accept_rule(self, line: SheetLine, chosen: int) -> Focus | None:
        rule = line.rule or self._chosen(line, Field.RULE, chosen)
        if not isinstance(rule, Rule):
            text = line.rule_text.strip()
            if not free_words(text):
                line.say = Say.refused([Problem.at("rule.unknown", code=text)])
                return None
            # Words that match no rule: the gatherer types the points; the deed will wait for
            # the committee's approval (services.deeds: no rule, so pending).
            line.free_text = normalize_name(text)
            self.offer(None, [])
            self._live_check(line)
            return Focus(Field.POINTS, line.number)
        line.rule = rule
        line.rule_text = rule.code
        self.offer(None, [])
        self._show_points(line)
        self._live_check(line)
        return Focus(Field.QUANTITY, line.number)

    def _finish(self, line: SheetLine) -> Focus | Save | None:
        if line.resident is None:
            return Focus(Field.NAME, line.number)
        if line.rule is None and not line.free:
            return Focus(Field.RULE, line.number)
        try:
            deed = self.deed_input(line)
        except ParseError as exc:
            line.say = Say.refused([exc.problem()])
            return None
        checked = deeds.check_deed(self.acting(), deed)
        if checked.problems:
            return self.refused(line.number, checked.problems)
        twin = self._same_on_sheet(line, deed)
        if twin is not None and line.repeat_of != twin:
            # Typed twice under two line numbers? A real repeat is saved on the next Enter.
            line.repeat_of = twin
            line.say = Say.of("problem", "ui.entry.same_as_line", line=twin)
            return None
        return Save(line.number, deed)

    def _same_on_sheet(self, line: SheetLine, deed: deeds.DeedInput) -> int | None:
        """Another line of this sheet, saved or being saved, with the same resident, rule
        (or words) and date: the line number, or None."""
        for other in self.lines:
            if other.number == line.number or other.open or other.resident is None:
                continue
            try:
                day = line_date(other.date, self.sheet_day())
            except ParseError:
                continue
            same_rule = (other.rule.code if other.rule and not other.free else None,
                         other.free_text) == (deed.rule, deed.deed_text)
            if other.resident.id == deed.resident and same_rule and day == deed.date:
                return other.number
        return None

    def deed_input(self, line: SheetLine) -> deeds.DeedInput:
        """The line as a deed for services.deeds (ParseError if a field is not readable)."""
        assert line.resident is not None
        reason = line.reason.strip() if line.needs_reason else ""
        witness = normalize_name(line.witness)
        note = f"{tr('ui.entry.col.witness', self.lang)}：{witness}" if witness else None
        return deeds.DeedInput(
            resident=line.resident.id, date=line_date(line.date, self.sheet_day()),
            rule=line.rule.code if line.rule is not None and not line.free else None,
            quantity=deeds.ONE if line.free else parse_quantity(line.quantity or "1"),
            points=parse_points(line.points) if line.free else None,
            deed_text=line.free_text, recorder=self.gatherer_name,
            source=Source(self.sheet, line.number), note=note, override=reason or None)

    # --- saving ----------------------------------------------------------------------------

    def refused(self, number: int, problems: Sequence[Problem]) -> Focus:
        """Problems on the line, and the field to mend: over the monthly cap, the reason."""
        line = self.line(number)
        line.say = Say.refused(problems)
        codes = {p.code for p in problems}
        if codes and codes <= deeds.CAP_CODES:
            line.needs_reason = True  # beyond the cap only with a reason written on the line
            return Focus(Field.OVERRIDE, number)
        named = problems[0].where.field
        if named is not None and named in IN_HEADER:
            return Focus(named)
        if named is None or (named == Field.POINTS and not line.free):
            return Focus(Field.POINTS if line.free else Field.QUANTITY, number)
        return Focus(ON_LINE.get(named, named), number)

    def saving(self, save: Save) -> Focus:
        """Handed to the writer: the line is locked and the keyboard goes on to the next."""
        line = self.line(save.line)
        line.saving = True
        line.say = NOTHING
        return Focus(Field.NAME, self.next_line(save.line))

    def _still(self, save: Save) -> SheetLine | None:
        """The line a save was for, unless another sheet was opened meanwhile."""
        return self.line(save.line) if save.deed.source.sheet == self.sheet else None

    def saved(self, save: Save, deed: Deed) -> bool:
        """The writer saved the line; False if the sheet on screen is another one by now."""
        line = self._still(save)
        if line is None:
            return False
        line.saved_id = deed.id
        line.saved_points = deed.points
        line.pending = deed.status == Status.PENDING
        code = "ui.entry.saved_pending" if line.pending else "ui.entry.saved"
        line.say = Say.of("pending" if line.pending else "ok", code, deed_id=deed.id,
                          points=deed.points.signed())
        return True

    def refused_save(self, save: Save, problems: Sequence[Problem]) -> Focus | None:
        """The writer refused the line (something changed since it was checked)."""
        return self.refused(save.line, problems) if self._still(save) is not None else None

    def save_ended(self, save: Save) -> None:
        """Saved or not: a line not saved is open again with what was typed (nothing was
        written, and no work is lost)."""
        line = self._still(save)
        if line is not None:
            line.saving = False

    def undone(self, deed_id: int) -> Focus | None:
        """Ctrl+Z voided this deed: its line opens again, as typed, for a correction."""
        line = next((ln for ln in self.lines if ln.saved_id == deed_id), None)
        if line is None:
            return None
        line.saved_id = None
        line.saved_points = ZERO
        line.pending = False
        line.say = Say.of("info", "ui.entry.undone", deed_id=deed_id)
        return Focus(Field.NAME, line.number)

    # --- another person at the keyboard ---------------------------------------------------

    def put_aside(self) -> Aside | None:
        """Someone else signed in: lines typed and not saved are kept for whoever typed them,
        and the sheet starts empty, so nobody saves another's half-typed lines as their own
        typing. None when nothing was left unsaved (the sheet stays as it is)."""
        aside = Aside(self.sheet, self.gatherer, self.date, self.lines)
        if not aside.unsaved:
            return None
        self.sheet, self.gatherer = "", ""
        self.date = self.ledger.today().isoformat()
        self.lines = [SheetLine(n, date=self.date) for n in range(1, len(aside.lines) + 1)]
        self.offer(None, [])
        return aside

    def take_back(self, aside: Aside) -> None:
        """The person comes back: their sheet as they left it; a line that was being saved
        when they left shows as the ledger has it."""
        self.sheet, self.gatherer, self.date = aside.sheet, aside.gatherer, aside.date
        self.lines = [SheetLine(ln.number, date=self.date) if ln.saving else ln
                      for ln in aside.lines]
        self.offer(None, [])
        if self.sheet and any(ln.saving for ln in aside.lines):
            self._show_entered()

    # --- moving about ----------------------------------------------------------------------

    def escape(self, number: int) -> Focus | None:
        """Esc: an open line is emptied."""
        if not self.line(number).open:
            return None
        self.clear(number)
        self.offer(None, [])
        return Focus(Field.NAME, number)

    def clear(self, number: int) -> None:
        """The line empty again, with the sheet's date."""
        self.lines[number - 1] = SheetLine(number, date=self.date)

    def next_line(self, number: int) -> int:
        return min(number + 1, len(self.lines))

    def first_open(self) -> int:
        return next((ln.number for ln in self.lines if ln.open), len(self.lines))

    def total(self) -> tuple[int, Points]:
        """Lines saved, and their points."""
        saved = [ln for ln in self.lines if ln.saved]
        return len(saved), sum((ln.saved_points for ln in saved), ZERO)
