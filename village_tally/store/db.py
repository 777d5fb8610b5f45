"""Opening a village database: SQLite pragmas, integrity check, migrations, rolling backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

KEEP_BACKUPS = 10


class StoreError(Exception):
    """A fault of the environment around the database, with a message code for the user."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a --db value: a URL as is, a path as SQLite."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    return Path(database) if database and database != ":memory:" else None


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is off: every transaction starts with
    # BEGIN IMMEDIATE (below), so two writers never read the same audit head.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # survives a power cut (TECH-NOTES)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Statement journals and temp tables in memory, and a 64 MB page cache: a 200,000-deed
    # import spends half the time in seven index b-trees and the closed-month trigger's
    # statement journal otherwise (47.7 -> 16 us a deed; bench/bench_import.py).
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock at once, so two never read the same audit head; readers
    # take a plain snapshot and never block a gatherer's entry.
    writing = conn.get_execution_options().get("vt_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def create_store_engine(db: str) -> Engine:
    url = database_url(db)
    if make_url(url).get_backend_name() == "sqlite":
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, poolclass=None)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


# The newest migration. Opening a file at this revision skips Alembic (0.3 s of imports);
# tests/store checks that it matches the migrations folder.
HEAD_REVISION = "0002"


def _script_directory() -> Any:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "village_tally.store:migrations")
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str | None:
    return str(_script_directory().get_current_head())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# A full integrity check reads every page: 0.08 s for the demo village, 10.6 s for a
# 1,000,000-deed file. Files up to this size are checked on every open; bigger ones on the
# first open of each day (the day is remembered in SQLite's user_version).
ALWAYS_CHECK_BYTES = 64 * 1024 * 1024


def check_integrity(engine: Engine, today: dt.date | None = None) -> None:
    """PRAGMA integrity_check on SQLite; raises StoreError('db.corrupt') if it is not ok.

    With `today`, a file bigger than ALWAYS_CHECK_BYTES already checked today is not read
    again."""
    if engine.dialect.name != "sqlite":
        return
    path = sqlite_path(engine)
    big = path is not None and path.exists() and path.stat().st_size > ALWAYS_CHECK_BYTES
    try:
        with engine.connect() as conn:
            if big and today is not None:
                checked = conn.exec_driver_sql("PRAGMA user_version").scalar()
                if checked == today.toordinal():
                    return
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if rows == ["ok"] and big and today is not None:
                conn.exec_driver_sql(f"PRAGMA user_version = {today.toordinal()}")
                conn.commit()
    except DBAPIError as exc:
        raise _environment_error(exc, engine) from None
    if rows != ["ok"]:
        raise StoreError("db.corrupt", path=str(sqlite_path(engine)), detail="; ".join(rows[:3]))


def open_store(db: str, *, create: bool = True, check: bool = True,
               today: dt.date | None = None) -> Engine:
    """Open (and if needed create and migrate) a village database, checking its integrity
    (see `check_integrity` for `today`).

    Raises StoreError with a user-facing code: not a database, damaged, locked, newer version.
    """
    engine = create_store_engine(db)
    path = sqlite_path(engine)
    if path is not None and not create and not path.exists():
        raise StoreError("db.unreachable", path=str(path))
    try:
        if path is not None:
            _refuse_foreign_file(path)
        current = current_revision(engine)
        if current is None and path is None:
            _refuse_foreign_server(engine)
        if check:
            check_integrity(engine, today)
        migrate(engine, current)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _environment_error(exc, engine) from None
    return engine


def _refuse_foreign_file(path: Path) -> None:
    """An SQLite file with tables but without our migration table is another program's: it is
    refused before our connection settings (WAL) touch it. Read-only, with plain sqlite3."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise StoreError("db.not_a_database", path=str(path)) from None
        return  # damaged or locked: the open that follows says which
    if tables and "alembic_version" not in tables:
        raise StoreError("db.not_a_database", path=str(path))


def _refuse_foreign_server(engine: Engine) -> None:
    """On a server a database may hold other tables beside ours; one with our table names but
    no migration table is not ours to take over."""
    from .schema import metadata

    with engine.connect() as conn:
        clash = set(inspect(conn).get_table_names()) & set(metadata.tables)
    if clash:
        raise StoreError("db.not_a_database",
                         path=engine.url.render_as_string(hide_password=True))


def migrate(engine: Engine, current: str | None) -> None:
    """Bring the file from revision `current` to the newest schema; an old village file opens
    without loss."""
    if current == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    known = {s.revision for s in _script_directory().walk_revisions()}
    if current is not None and current not in known:
        raise StoreError("db.newer")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", "village_tally.store:migrations")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _environment_error(exc: DBAPIError, engine: Engine) -> StoreError:
    message = str(exc.orig).lower() if exc.orig is not None else ""
    path = str(sqlite_path(engine) or engine.url.render_as_string(hide_password=True))
    if "locked" in message or "busy" in message:
        return StoreError("db.locked")
    if "not a database" in message or "file is encrypted" in message:
        return StoreError("db.not_a_database", path=path)
    if "malformed" in message or "corrupt" in message:
        return StoreError("db.corrupt", path=path, detail=message)
    if isinstance(exc, OperationalError):
        return StoreError("db.unreachable", path=path)
    raise exc


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction per user action; environment faults become StoreError."""
    try:
        with engine.connect() as plain:
            conn = plain.execution_options(vt_write=True)
            with conn.begin():
                yield conn
    except IntegrityError as exc:
        # A trigger said no (append-only ledger, closed month): the services check first, so
        # reaching this is a second line of defence, reported plainly.
        message = str(exc.orig)
        if "append-only" in message or "month is closed" in message:
            raise StoreError("db.refused", detail=message) from None
        raise
    except OperationalError as exc:
        raise _environment_error(exc, engine) from None


def backup(engine: Engine, label: str, now: dt.datetime) -> Path | None:
    """Copy a SQLite village file with SQLite's backup API, keeping the newest KEEP_BACKUPS."""
    path = sqlite_path(engine)
    if path is None:
        return None
    folder = path.parent / f"{path.stem}.backups"
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S%f}-{label}.db"
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    for old in sorted(folder.glob(f"{path.stem}-*.db"))[:-KEEP_BACKUPS]:
        old.unlink()
    return target
