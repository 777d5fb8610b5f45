"""Opening a village database: SQLite pragmas, integrity check, migrations, rolling backups.

Where the database is (folder, empty file, read-only disk, driver) is checked in `place.py`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

# SQLite's dialect with the store, not at the first engine (ui/app.py imports the store before
# PySide6, whose import hook makes every module imported after it dearer).
import sqlalchemy.dialects.sqlite  # noqa: F401
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    DatabaseError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
)

from village_tally.core.problem import Phrase
from village_tally.core.scheme import DEFAULT_BACKUPS_KEPT
from village_tally.store.place import (
    SCHEMA_DAMAGED,
    StoreError,
    check_file,
    database_url,
    read_only_uri,
    refuse_foreign_file,
    writable,
)

# Every write transaction on PostgreSQL takes this lock first (store.audit takes the same key
# again for the audit head): writers queue as SQLite's BEGIN IMMEDIATE makes them, so two
# closes of one month never both pass the "already closed" check.
WRITE_LOCK = 20261122

__all__ = ["StoreError", "backup", "database_url", "open_store", "read_snapshot", "sqlite_path",
           "transaction"]


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


# A city's server holds a connection for every village program that is open (a backend each:
# `max_connections` is 100 by default). A program idle this long gives its connection back —
# the server ends the session — and the pool's ping opens a new one on its next use (about
# 15 ms): connections then follow the villages at work, not the programs left open
# (bench/bench_city.py). A timeout the server, role, database or URL sets is kept.
IDLE_SESSION_MS = 5 * 60 * 1000
_IDLE_SESSION = ("SELECT set_config('idle_session_timeout', %s, false) "
                 "WHERE current_setting('idle_session_timeout') = '0'")


def _on_postgres_connect(dbapi_connection: Any, _record: Any) -> None:
    if dbapi_connection.info.server_version < 140000:  # no idle_session_timeout before 14
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute(_IDLE_SESSION, (str(IDLE_SESSION_MS),))
    dbapi_connection.commit()  # a SET inside a transaction rolled back would be undone


# Beyond the pool's five kept connections, as many as the threads reading at once (closed again
# when given back): the desktop program reads on as many threads as the computer has (16-24),
# beside its writer and its window, and SQLAlchemy's default of ten more made the sixteenth
# read wait 30 s, then fail (tests/services/test_reads_at_once.py).
_OVERFLOW = -1


def create_store_engine(db: str, *, read_only: bool = False) -> Engine:
    """An engine for a --db value. A read-only SQLite file is opened so that nothing is
    written to it (not even the WAL's shared memory); its writes fail as `db.read_only`."""
    url = database_url(db)
    if make_url(url).get_backend_name() == "sqlite":
        path = make_url(url).database
        options: dict[str, Any] = {}
        if read_only and path:
            uri = read_only_uri(Path(path))
            options["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
            options["execution_options"] = {"vt_read_only": True}
        engine = create_engine(url, poolclass=None, max_overflow=_OVERFLOW, **options)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    try:
        engine = create_engine(url, pool_pre_ping=True, max_overflow=_OVERFLOW)
    except ImportError as exc:  # the server's driver is not installed
        raise StoreError("db.driver_missing", driver=exc.name or str(exc)) from None
    except NoSuchModuleError:
        raise StoreError("db.unsupported", scheme=make_url(url).drivername) from None
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _on_postgres_connect)
    return engine


def read_only(engine: Engine) -> bool:
    """Was the engine opened read-only (see `create_store_engine`)?"""
    return bool(engine.get_execution_options().get("vt_read_only", False))


# The newest migration. Opening a file at this revision skips Alembic (0.3 s of imports);
# tests/store checks that it matches the migrations folder.
HEAD_REVISION = "0006"


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
            if rows == ["ok"] and big and today is not None and not read_only(engine):
                conn.exec_driver_sql(f"PRAGMA user_version = {today.toordinal()}")
                conn.commit()
    except DBAPIError as exc:
        raise _environment_error(exc, engine) from None
    if rows != ["ok"]:
        raise StoreError("db.corrupt", path=str(sqlite_path(engine)), detail="; ".join(rows[:3]))


def open_store(db: str, *, create: bool = True, check: bool = True,
               today: dt.date | None = None) -> Engine:
    """Open a village database, checking its integrity (see `check_integrity` for `today`)
    and migrating an older one. Only `create` (init, demo) makes the schema in an empty file or
    database; otherwise nothing is written to one that holds no village. A SQLite file that
    cannot be written (a read-only disk) is opened read-only, so it can still be read.

    Raises StoreError with a user-facing code: no such folder or file, not a database, no
    village, damaged, locked, read-only, newer version, unsupported server, missing driver.
    """
    url = make_url(database_url(db))
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is not None:
        check_file(path, create=create)
        refuse_foreign_file(path, create=create)
    engine = create_store_engine(db, read_only=path is not None and not writable(path))
    try:
        current = current_revision(engine)
        if current is None and path is None:
            _refuse_foreign_server(engine, create=create)
        if current != HEAD_REVISION and read_only(engine):
            raise StoreError("db.read_only_old", path=str(path))
        if check:
            check_integrity(engine, today)
        migrate(engine, current)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _environment_error(exc, engine) from None
    except UnicodeDecodeError:  # SQLite's error quotes a damaged schema's broken bytes
        engine.dispose()
        raise StoreError("db.corrupt", path=str(path or db), detail=SCHEMA_DAMAGED) from None
    return engine


def _refuse_foreign_server(engine: Engine, *, create: bool) -> None:
    """On a server a database may hold other tables beside ours; one with our table names but
    no migration table is not ours to take over. Without `create`, a database without our
    tables holds no village and is left as it is."""
    from .schema import metadata

    with engine.connect() as conn:
        clash = set(inspect(conn).get_table_names()) & set(metadata.tables)
    name = engine.url.render_as_string(hide_password=True)
    if clash:
        raise StoreError("db.not_a_database", path=name)
    if not create:
        raise StoreError("village.missing", path=name)


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
        # A village written before its rows were bound to the audit chain: its rows as they
        # stand become the record verify replays from. After the migrations, not in one: the
        # baseline reads the tables as the newest schema has them.
        from village_tally.store.baseline import record_baseline

        record_baseline(conn)


# SQLite's words for a fault of the file's disk, and the message code that says it plainly.
_SQLITE_FAULTS = (
    ("readonly", "db.read_only"),  # "attempt to write a readonly database"
    ("disk is full", "db.full"),  # "database or disk is full"
    ("disk i/o error", "db.io_error"),
    ("not a database", "db.not_a_database"), ("file is encrypted", "db.not_a_database"),
)


# PostgreSQL's words when every connection it allows is taken: the server's
# (max_connections, and the slots kept for its administrators), a role's or a database's
# CONNECTION LIMIT. A failed connect carries no SQLSTATE in psycopg, only the words.
_SERVER_FULL = ("too many clients", "too many connections", "connection slots are reserved")
_FAULTS = _SQLITE_FAULTS + tuple((words, "db.server_full") for words in _SERVER_FULL)


def _full_disk(engine: Engine) -> str | None:
    """'db.full' when the SQLite file's disk has no room left: opening a WAL file there fails
    as a plain "disk I/O error" (its shared-memory file cannot grow)."""
    path = sqlite_path(engine)
    try:
        full = path is not None and shutil.disk_usage(path.parent).free < 65536
    except OSError:
        return None
    return "db.full" if full else None


def _environment_error(exc: DBAPIError, engine: Engine) -> StoreError:
    message = str(exc.orig).lower() if exc.orig is not None else ""
    path = str(sqlite_path(engine) or engine.url.render_as_string(hide_password=True))
    if "locked" in message or "busy" in message:
        return StoreError("db.locked")
    if "no such column" in message or "no such table" in message:  # our schema, broken
        return StoreError("db.damaged", place=Phrase.of("damage.file", detail=message[:120]))
    if "could not decode to utf-8" in message:  # a text's bytes damaged (a flipped bit)
        column = re.search(r"column '([^']*)'", message)
        return StoreError("db.damaged", place=Phrase.of(
            "damage.column", column=column.group(1) if column else "?"))
    for words, code in _FAULTS:
        if words in message:
            return StoreError(_full_disk(engine) or code, path=path)
    if "malformed" in message or "corrupt" in message:
        return StoreError("db.corrupt", path=path, detail=message)
    if isinstance(exc, OperationalError):
        return StoreError("db.unreachable", path=path)
    raise exc


def fault(exc: DBAPIError, engine: Engine) -> StoreError:
    """What a failed database call means for the person: locked, full, damaged …; raises `exc`
    again when it is none of those (a bug of ours, to be logged)."""
    if isinstance(exc, IntegrityError | ProgrammingError):
        raise exc
    return _environment_error(exc, engine)


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction per user action; environment faults become StoreError."""
    try:
        with engine.connect() as plain:
            conn = plain.execution_options(vt_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":  # writers queue (see WRITE_LOCK)
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                yield conn
    except IntegrityError as exc:
        # A trigger said no (append-only ledger, closed month): the services check first, so
        # reaching this is a second line of defence, reported plainly. A unique key taken by
        # a writer that came first (another program on the same server) is said the same way.
        message = str(exc.orig)
        if "append-only" in message or "month is closed" in message:
            raise StoreError("db.refused", detail=message) from None
        if "unique" in message.lower() or "duplicate key" in message.lower():
            raise StoreError("db.conflict") from None
        raise
    except (OperationalError, DatabaseError) as exc:
        raise fault(exc, engine) from None


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction in which every statement sees the database as it stood at the
    first: SQLite's BEGIN (in WAL, the snapshot of its first read; writers go on beside it),
    PostgreSQL's REPEATABLE READ (READ COMMITTED, its default, takes a snapshot a statement)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def backup_folder(engine: Engine) -> Path | None:
    """Where a SQLite village file's backups are: `<name>.backups/` beside it (a server's
    database has none of ours: the server's own backups keep it)."""
    path = sqlite_path(engine)
    return None if path is None else path.parent / f"{path.stem}.backups"


def backup(engine: Engine, label: str, now: dt.datetime, *, keep: int = DEFAULT_BACKUPS_KEPT
           ) -> Path | None:
    """Copy a SQLite village file with SQLite's backup API, keeping the newest `keep` (a
    village setting: each copy is the whole file, and a busy day makes many).

    A read-only file is not backed up (`db.read_only`: the change the backup is for cannot be
    made); a backup that cannot be written (a full disk) is `db.backup_failed`, naming it."""
    path = sqlite_path(engine)
    folder = backup_folder(engine)
    if path is None or folder is None:
        return None
    if read_only(engine):
        raise StoreError("db.read_only", path=str(path))
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S%f}-{label}.db"
    try:
        folder.mkdir(exist_ok=True)
        _copy(path, target)
        for old in sorted(folder.glob(f"{path.stem}-*.db"))[:-max(keep, 1)]:
            old.unlink()
    except (OSError, sqlite3.Error) as exc:
        with suppress(OSError):
            target.unlink(missing_ok=True)
        raise StoreError("db.backup_failed", path=str(target),
                         detail=getattr(exc, "strerror", None) or str(exc)) from None
    return target


def local_path(db: str) -> Path | None:
    """The file of a SQLite village (None for a server's database)."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def copy_file(source: Path, target: Path) -> None:
    """A consistent copy of a village file (SQLite's backup API: its WAL included);
    StoreError if the source cannot be read as a database."""
    try:
        _copy(source, target)
    except sqlite3.Error as exc:
        code = "db.not_a_database" if "not a database" in str(exc) else "db.corrupt"
        raise StoreError(code, path=str(source), detail=str(exc)) from None


def keep_replaced(path: Path, now: dt.datetime) -> Path:
    """Before a restore: the village file as it is, kept in its backups folder as
    `replaced-<name>-<when>.db` (outside the rolling backups); a file too damaged for the
    backup API is copied byte for byte, its WAL beside it."""
    folder = path.parent / f"{path.stem}.backups"
    target = folder / f"replaced-{path.stem}-{now:%Y%m%d-%H%M%S%f}.db"
    try:
        folder.mkdir(exist_ok=True)
        try:
            _copy(path, target)
        except sqlite3.Error:
            target.unlink(missing_ok=True)
            shutil.copyfile(path, target)
            wal = path.with_name(path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    except OSError as exc:
        raise StoreError("db.backup_failed", path=str(target),
                         detail=exc.strerror or str(exc)) from None
    return target


def replace_file(source: Path, target: Path) -> None:
    """Put a (verified) village file in the place of another; nobody may have either open.
    The old file's WAL and shared memory go with it."""
    tmp = target.with_name(f".{target.name}.restoring")
    try:
        _copy(source, tmp)
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise StoreError("db.restore_failed", path=str(target),
                         detail=getattr(exc, "strerror", None) or str(exc)) from None


def _copy(path: Path, target: Path) -> None:
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
