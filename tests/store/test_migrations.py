"""Schema changes go through migrations, so an old village file opens in a new version."""

import sqlite3

import pytest

from village_tally.store.db import HEAD_REVISION, StoreError, head_revision, open_store


def test_the_shortcut_knows_the_newest_migration():
    assert head_revision() == HEAD_REVISION


def test_a_new_file_is_migrated_to_head(tmp_path):
    engine = open_store(str(tmp_path / "v.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == \
            HEAD_REVISION
    engine.dispose()


def test_a_file_from_a_newer_version_is_refused_plainly(tmp_path):
    path = tmp_path / "v.db"
    open_store(str(path)).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert caught.value.code == "db.newer"


def test_a_damaged_file_is_refused_plainly(tmp_path):
    path = tmp_path / "v.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert caught.value.code in ("db.corrupt", "db.not_a_database")


def test_a_big_file_is_checked_fully_once_a_day(tmp_path, monkeypatch):
    import datetime as dt

    from village_tally.store import db

    path = tmp_path / "v.db"
    open_store(str(path)).dispose()
    monkeypatch.setattr(db, "ALWAYS_CHECK_BYTES", 0)  # every file counts as big
    day = dt.date(2026, 11, 22)
    open_store(str(path), today=day).dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (day.toordinal(),)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    open_store(str(path), today=day).dispose()  # checked again: 0 is not today
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (day.toordinal(),)
    conn.close()


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "accounts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoice (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert caught.value.code == "db.not_a_database"
    assert caught.value.params["path"] == str(path)
    assert path.read_bytes() == before


def test_an_empty_database_file_becomes_a_village_file_only_by_init_or_demo(tmp_path):
    path = tmp_path / "new.db"
    sqlite3.connect(path).close()  # zero bytes: nothing in it to lose
    with pytest.raises(StoreError) as caught:  # tally, enter …: nothing is written into it
        open_store(str(path), create=False)
    assert caught.value.code == "village.missing" and path.stat().st_size == 0
    open_store(str(path), create=True).dispose()  # init, demo
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    conn.close()


def test_a_file_without_tables_is_left_as_it_was(tmp_path):
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # a header, no tables
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(str(path), create=False)
    assert caught.value.code == "village.missing" and path.read_bytes() == before


@pytest.mark.parametrize("create", [False, True])
def test_no_folder_is_ever_made(tmp_path, create):
    path = tmp_path / "usb" / "villages" / "v.db"
    with pytest.raises(StoreError) as caught:
        open_store(str(path), create=create)
    assert (caught.value.code, caught.value.params) == ("db.no_folder", {
        "folder": str(path.parent)})
    assert not (tmp_path / "usb").exists()
    with pytest.raises(StoreError) as caught:
        open_store(str(tmp_path), create=create)
    assert caught.value.code == "db.is_folder"


@pytest.mark.parametrize(("url", "code"), [("mysql://u:secret@host/db", "db.unsupported"),
                                           ("oracle://u@host/db", "db.unsupported")])
def test_a_server_the_program_does_not_speak_is_refused_plainly(url, code):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.code == code and caught.value.params["scheme"] in url


def test_the_migrations_build_the_tables_schema_py_describes(tmp_path):
    """schema.py is the newest revision's tables; the migrations are what really builds a file.
    A migration that forgets a column (or schema.py that forgets one) fails here. Indexes and
    guards are raw SQL in the migrations and are not compared here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from village_tally.store.schema import metadata

    engine = open_store(str(tmp_path / "v.db"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = [d for d in compare_metadata(context, metadata)
                 if not (isinstance(d, tuple) and d[0] == "remove_index")]
    engine.dispose()
    assert diffs == []
