"""Where a village database is, checked before SQLite or a driver touches anything: a SQLite file
(its folder exists, it is not a folder, an empty file is not a village, a file that cannot be
written is opened read-only) or a PostgreSQL URL (with its driver installed)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class StoreError(Exception):
    """A fault of the environment around the database, with a message code for the user."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# The server the program supports, and the driver its `postgres` extra installs.
POSTGRES_DRIVER = "postgresql+psycopg"


# What is said of a file whose list of tables cannot even be read.
SCHEMA_DAMAGED = "sqlite_master"

def database_url(db: str) -> str:
    """A SQLAlchemy URL from a --db value: a path as SQLite, `postgresql://` with the driver
    the program ships (psycopg); any other kind of server is refused plainly."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"{POSTGRES_DRIVER}://{rest}"
    if scheme.split("+")[0] in ("postgresql", "sqlite"):
        return db
    raise StoreError("db.unsupported", scheme=scheme)


def display_name(db: str) -> str:
    """The database as a message names it: the file's full path, or the URL without its
    password."""
    if "://" not in db:
        return str(Path(db).expanduser().resolve())
    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return db.split("://", 1)[0] + "://…"


def check_file(path: Path, *, create: bool) -> None:
    """A SQLite village file's place. Nothing is created here, not even a folder: a mistyped
    --db (or a USB stick not mounted) must not make a new, empty village somewhere else.
    Only `create` (init, demo) may start a file, in a folder that exists."""
    if path.is_dir():
        raise StoreError("db.is_folder", path=str(path))
    if not path.parent.is_dir():
        raise StoreError("db.no_folder", folder=str(path.parent))
    if create:
        return
    if not path.exists():
        raise StoreError("db.no_file", path=str(path))
    if path.stat().st_size == 0:
        raise StoreError("village.missing", path=str(path))


def writable(path: Path) -> bool:
    """Can SQLite write the file (and its -wal and -shm beside it)? A read-only disk, or a
    file or folder without write permission, says no."""
    return not path.exists() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads the file without writing anything. On a read-only disk the
    WAL's shared-memory file cannot be made, so the file is read as immutable (nobody can be
    writing it there)."""
    uri = f"{path.as_uri()}?mode=ro"
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.OperationalError:
        return f"{uri}&immutable=1"
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return uri  # damaged (its error quoting broken text): the open that follows says so
    return uri


def refuse_foreign_file(path: Path, *, create: bool) -> None:
    """An SQLite file with tables but without our migration table is another program's, and
    one without tables holds no village: each is refused before our connection settings (WAL)
    touch it (read-only, with plain sqlite3). An empty one may become a village by `create`."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise StoreError("db.not_a_database", path=str(path)) from None
        return  # damaged or locked: the open that follows says which
    except UnicodeDecodeError:  # SQLite's error quotes a damaged schema's broken bytes
        raise StoreError("db.corrupt", path=str(path), detail=SCHEMA_DAMAGED) from None
    if tables and "alembic_version" not in tables:
        raise StoreError("db.not_a_database", path=str(path))
    if not tables and not create:
        raise StoreError("village.missing", path=str(path))
