"""When the ledger does not match its own record, and the paper on the wall as its witness.

- `acknowledge`: a secretary records, audited with a reason, that the differences verify finds
  now are understood; they refuse changes no longer (a new difference does).
- `restore`: a backup replaces the village file, only if it verifies; the file it replaces is
  kept beside the backups (`replaced-…`).
- `backups`: the rolling backups, newest first, each verified (the restore screen).
- `sealed_month`: a closed month may be printed only while the ledger matches its record; its
  verification code (core.witness) comes from the close's entry in the audit chain.
- `check_code`: what a code from a paper on the wall says about the ledger now.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from village_tally.core.authority import Action, refusals
from village_tally.core.month import Month
from village_tally.core.problem import Field, ParseError, Phrase, Problem, Where, fingerprint, plain
from village_tally.core.text import text_problems
from village_tally.core.witness import code_for, parse_code
from village_tally.services import people
from village_tally.services.audit import VerifyReport, verify
from village_tally.services.changes import NOTHING, Changes
from village_tally.services.errors import EnvironmentFault, InputError, refuse
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.session import (
    Clock,
    Ledger,
    open_ledger,
    read,
    system_clock,
    write,
)
from village_tally.store import audit as audit_repo
from village_tally.store import db as store_db
from village_tally.store.record import Close

# --- acknowledging -------------------------------------------------------------------------------

def acknowledge(ledger: Ledger, *, reason: str) -> tuple[VerifyReport, Changes]:
    """Record that the differences verify finds now are understood, with a reason (audited:
    who, when, why, and each difference in words). Returns the report after it."""
    refuse(text_problems({Field.REASON: reason}))
    reason = reason.strip()
    if not reason:
        raise InputError([Problem.at("deed.reason_missing", Where(field=Field.REASON))])
    ledger.require(Action.ACKNOWLEDGE)
    found = verify(ledger)
    if found.ok:
        raise InputError([Problem.at("proof.nothing_to_acknowledge")])
    with write(ledger, "acknowledge", "ledger", needs=Action.ACKNOWLEDGE,
               despite_differences=True) as w:
        w.details = {"reason": reason, "count": len(found.problems),
                     "differences": [fingerprint(p) for p in found.problems],
                     "said": [plain(p) for p in found.problems]}
    after = verify(ledger)
    ledger.differences = after.problems
    return after, NOTHING


# --- backups and restoring -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Backup:
    """A rolling backup and what verifying it found (nothing: it may be restored)."""

    path: Path
    label: str  # close-2026-10, import-deeds …
    taken: str  # 2026-11-22 10:00:00
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def backups(db: str, *, clock: Clock = system_clock, job: JobControl = NO_JOB
            ) -> list[Backup]:
    """A village file's rolling backups (`<name>.backups/` beside it), newest first, each
    verified on a copy (the backup itself is never opened for writing). The village need not
    open: a damaged file's backups are found by its path."""
    path = store_db.local_path(db)
    if path is None:
        return []
    folder = path.parent / f"{path.stem}.backups"
    files = sorted(folder.glob(f"{path.stem}-*.db"), reverse=True) if folder.is_dir() else []
    out = []
    for n, file in enumerate(files):
        job.step(n, len(files))
        with _checked_copy(file, clock) as (_copy, problems, _none):
            out.append(Backup(file, *_name_parts(file, path.stem), problems))
    job.step(len(files), len(files))
    return out


def _name_parts(file: Path, stem: str) -> tuple[str, str]:
    """(label, when) from `<stem>-YYYYmmdd-HHMMSSffffff-<label>.db` (store.db.backup)."""
    rest = file.stem[len(stem) + 1:]
    day, _, rest = rest.partition("-")
    clock, _, label = rest.partition("-")
    if len(day) == 8 and len(clock) >= 6:
        return label, f"{day[:4]}-{day[4:6]}-{day[6:]} {clock[:2]}:{clock[2:4]}:{clock[4:6]}"
    return rest, ""


@contextmanager
def _checked_copy(source: Path, clock: Clock, *, keep_open: bool = False
                  ) -> Iterator[tuple[Path, tuple[Problem, ...], Ledger | None]]:
    """A copy of a village file in a temporary folder, opened and verified (a copy: opening
    migrates and verifying reads; the file itself stays as it is). With `keep_open` the copy's
    ledger is handed over open (the caller closes it), else closed."""
    with tempfile.TemporaryDirectory(prefix="village-tally-") as folder:
        copy = Path(folder) / "check.db"
        try:
            store_db.copy_file(source, copy)
            ledger = open_ledger(str(copy), clock=clock)
        except (store_db.StoreError, EnvironmentFault) as exc:
            yield copy, (Problem.at(exc.code, **exc.params),), None
            return
        problems = ledger.differences
        if not keep_open:
            ledger.close()
        yield copy, problems, ledger if keep_open else None


@dataclass(frozen=True, slots=True)
class Restored:
    source: Path
    kept: Path  # the file it replaced, kept as it was
    # Changes the file replaced had after the backup was taken (sign-ins left out), which the
    # restored village lacks and `kept` still has; None when that file could not be opened.
    later: int | None = None

    @property
    def said(self) -> tuple[Phrase, ...]:
        """What the person is told: which backup, where the replaced file is kept, and what
        the restored village lacks (changes made after the backup, the last saves too)."""
        done = Phrase.of("restore.done", file=self.source.name, kept=str(self.kept))
        if not self.later:
            return (done,)
        return done, Phrase.of("restore.later", count=self.later)


def restore(db: str, backup: str | Path, *, name: str, pin: str,
            clock: Clock = system_clock) -> Restored:
    """Replace the village file with a backup that verifies, as a secretary of the village the
    backup holds (signed in there with `name` and `pin`: the file being replaced may not match
    its own record, so its people are not trusted). The file replaced is kept in the backups
    folder as `replaced-<name>-<when>.db`; the restored ledger's audit log says who restored
    which backup, when, what the replaced file differed by, and how many changes it had after
    the backup was taken (`later_changes`: the restored village lacks them, `kept` has them).

    Nothing is changed when the backup does not verify, is not a village file, the person may
    not restore, or the village is on a server (whose own backups keep it)."""
    target = store_db.local_path(db)
    source = Path(backup)
    where = Where(file=str(source), field=Field.FILE)
    if not name:
        refuse(refusals(None, Action.RESTORE))
    if target is None:
        raise InputError([Problem.at("restore.server", where)])
    if not source.is_file():
        raise InputError([Problem.at("restore.missing", where, file=str(source))])
    with _checked_copy(source, clock, keep_open=True) as (copy, problems, opened):
        if problems or opened is None:
            first = problems[0]
            raise InputError([Problem.at("restore.unverified", where, file=source.name,
                                         count=len(problems),
                                         first=Phrase.of(first.code, **first.params))])
        try:
            with read(opened) as conn:
                taken = audit_repo.last_id(conn)
            before, later = _replaced_now(db, clock, taken)
            secretary = people.sign_in(opened, name, pin)
            with write(secretary, "restore", "village", needs=Action.RESTORE) as w:
                w.details = {"from": source.name,
                             "replaced_differences": [plain(p) for p in before]}
                if later is not None:
                    w.details["later_changes"] = later
        finally:
            opened.close()
        try:
            kept = store_db.keep_replaced(target, clock())
            store_db.replace_file(copy, target)
        except store_db.StoreError as exc:
            raise EnvironmentFault(exc.code, **exc.params) from None
    return Restored(source, kept, later)


# Entries that change nothing a backup would lack.
_NOT_CHANGES = ("sign_in", "sign_in_failed", "recovery_failed")


def _replaced_now(db: str, clock: Clock, taken: int
                  ) -> tuple[tuple[Problem, ...], int | None]:
    """What the file about to be replaced differs by, and how many changes it has after the
    backup's last audit entry (`taken`), both said in the restore's audit entry."""
    try:
        ledger = open_ledger(db, clock=clock)
    except EnvironmentFault as exc:
        return (Problem.at(exc.code, **exc.params),), None
    try:
        with read(ledger) as conn:
            later = audit_repo.count_after(conn, taken, besides=_NOT_CHANGES)
        return ledger.differences, later
    except EnvironmentFault:
        return ledger.differences, None
    finally:
        ledger.close()


# --- the paper on the wall -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Sealed:
    """A closed month as its paper shows it: the verification code of its close."""

    month: str
    code: str
    closed_at: str


def sealed_month(ledger: Ledger, month: Month) -> Sealed | None:
    """The verification code of a closed month's close, for its paper; InputError when the
    ledger does not match its record now (a closed month is not printed then). None for a
    month that is not closed."""
    report = verify(ledger)
    close = _last_close(report.closes, str(month))
    if close is None:
        return None
    if not report.ok:
        first = report.problems[0]
        raise InputError([Problem.at("print.unverified", Where(field=Field.MONTH), month=str(month),
                                     count=len(report.problems),
                                     first=Phrase.of(first.code, **first.params))])
    return Sealed(str(month), code_for(close.hash), close.at)


def _last_close(closes: tuple[Close, ...], month: str) -> Close | None:
    mine = [c for c in closes if c.month == month]
    return mine[-1] if mine else None


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """What a verification code from a paper says: the close it matches (if any) and whether
    the ledger matches its own record now."""

    code: str
    month: str | None
    closed_at: str | None
    report: VerifyReport

    @property
    def ok(self) -> bool:
        return self.month is not None and self.report.ok


def check_code(ledger: Ledger, text: str) -> CodeCheck:
    """The close whose code this is, and verify's report; InputError if the text is no code
    or one of its characters was mistyped (its check character says so)."""
    try:
        code = parse_code(text)
    except ParseError as exc:
        raise InputError([exc.problem(Where(field=Field.VERIFICATION_CODE))]) from None
    report = verify(ledger)
    for close in reversed(report.closes):
        if code_for(close.hash) == code:
            return CodeCheck(code, close.month, close.at, report)
    return CodeCheck(code, None, None, report)
