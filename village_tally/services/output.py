"""Files written for a person (PDFs, workbooks, rejected rows): the target is checked before any
work, and a failure while writing is said with the target's name, never a temporary file's."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from village_tally.core.problem import Field, Problem, Where
from village_tally.services.errors import EnvironmentFault, refuse

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM}
_SQLITE = b"SQLite format 3\0"


def output_problems(path: Path | str, about: Field = Field.OUT) -> list[Problem]:
    """A file can be written there: the name is not a folder, its folder exists, and it is not
    a database (`board --out village.db` would replace the ledger with a PDF)."""
    target = Path(path)
    where = Where(field=about)
    if target.is_dir():
        return [Problem.at("out.is_folder", where, path=str(target))]
    folder = target.parent
    if not folder.is_dir():
        return [Problem.at("out.no_folder", where, folder=str(folder))]
    if _database(target):
        return [Problem.at("out.is_database", where, path=str(target))]
    return []


def _database(target: Path) -> bool:
    try:
        with target.open("rb") as f:
            return f.read(16) == _SQLITE
    except OSError:  # not there (the usual case), or unreadable: the write will say
        return False


def write_fault(exc: OSError, path: Path | str) -> EnvironmentFault:
    """An OSError while writing `path`, in plain words that name it."""
    if exc.errno in _FULL:
        return EnvironmentFault("env.disk_full", path=str(path))
    if exc.errno == errno.EROFS:
        return EnvironmentFault("env.read_only", path=str(path))
    if exc.errno in _DENIED:
        return EnvironmentFault("env.no_permission", path=str(path))
    return EnvironmentFault("env.cannot_write", path=str(path),
                            detail=exc.strerror or type(exc).__name__)


@contextmanager
def output(path: Path | str, about: Field = Field.OUT) -> Iterator[Path]:
    """The target checked first (InputError naming `about`), then the block that writes it;
    an OSError inside becomes an EnvironmentFault naming the target."""
    target = Path(path)
    refuse(output_problems(target, about))
    try:
        yield target
    except OSError as exc:
        raise write_fault(exc, target) from None


@contextmanager
def atomic_output(path: Path | str, about: Field = Field.OUT) -> Iterator[Path]:
    """A temporary path beside the target, renamed onto it only if the block succeeds; a
    cancelled or failed job leaves no half-written file."""
    with output(path, about) as target:
        # One name per thread: two writes of one file at once (a preview made again) must
        # not rename each other's half-written file.
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.part")
        try:
            yield tmp
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
