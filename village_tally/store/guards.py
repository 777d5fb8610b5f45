"""The database's guards as the migrations leave them (triggers, indexes, the tables' own
constraints), and what differs from them in a file now: a guard dropped or altered by hand.

Like schema.py, this is the newest revision's picture; each migration keeps its own frozen
statements, and tests/store/test_guards.py checks that a freshly migrated file (SQLite and
PostgreSQL) has exactly these.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

from village_tally.store.schema import metadata

_APPEND_ONLY = ("deed", "void", "approval", "audit", "snapshot")
# 0005: public notice, objections, answers and hand totals
_NOTICE_TABLES = ("notice", "objection", "answer", "hand_tally")
_CLOSED_FOR_DEED = ("SELECT 1 FROM month m WHERE m.village_id = NEW.village_id AND m.closed "
                    "AND (m.month >= NEW.month OR m.month >= substr(NEW.date, 1, 7))")
_CLOSED_FOR_ID = ("SELECT 1 FROM deed d JOIN month m ON m.village_id = d.village_id AND m.closed "
                  "AND m.month >= d.month WHERE d.id = NEW.deed_id")
_DATE_DISAGREES = "NEW.month IS NOT substr(NEW.date, 1, 7)"
_CLOSED_FOR_LAPSE = ("SELECT 1 FROM month m WHERE m.village_id = NEW.village_id AND m.closed "
                     "AND m.month >= NEW.month")

INDEXES = {
    "ux_area": "CREATE UNIQUE INDEX ux_area ON area (village_id, name)",
    "ux_household": "CREATE UNIQUE INDEX ux_household ON household (village_id, code)",
    "ix_resident_household": "CREATE INDEX ix_resident_household ON resident (household_id)",
    "ix_resident_village": "CREATE INDEX ix_resident_village ON resident (village_id, name)",
    "ux_rule": "CREATE UNIQUE INDEX ux_rule ON rule (village_id, code)",
    "ix_deed_tally": "CREATE INDEX ix_deed_tally ON deed (village_id, month, resident_id, "
                     "points_h)",
    "ix_deed_resident": "CREATE INDEX ix_deed_resident ON deed (resident_id, month)",
    "ix_deed_recorder": "CREATE INDEX ix_deed_recorder ON deed (recorder, id)",
    "ix_deed_source": "CREATE INDEX ix_deed_source ON deed (source_sheet, source_line)",
    "ix_deed_pending": "CREATE INDEX ix_deed_pending ON deed (needs_approval, id)",
    "ix_deed_adjusts": "CREATE INDEX ix_deed_adjusts ON deed (adjusts_deed_id)",
    "ix_rating": "CREATE INDEX ix_rating ON rating (household_id, quarter, category)",
    # 0002: people who sign in
    "ux_person": "CREATE UNIQUE INDEX ux_person ON person (village_id, name)",
    "ix_person_area": "CREATE INDEX ix_person_area ON person_area (area_id)",
    "ix_deed_typist": "CREATE INDEX ix_deed_typist ON deed (created_by, id)",
    # 0004: scanned lines and the pictures kept with their deeds
    "ix_scan_line_sheet": "CREATE INDEX ix_scan_line_sheet ON scan_line (village_id, sheet, line)",
    "ux_scan_line_proposed": "CREATE UNIQUE INDEX ux_scan_line_proposed ON scan_line "
                             "(village_id, sheet, line) WHERE status = 'proposed'",
    # 0005: the notice periods, objections and hand totals of a month
    "ix_notice_month": "CREATE INDEX ix_notice_month ON notice (village_id, month, id)",
    "ix_objection_deed": "CREATE INDEX ix_objection_deed ON objection (deed_id)",
    "ix_hand_tally_month": "CREATE INDEX ix_hand_tally_month ON hand_tally "
                           "(village_id, month, id)",
    # 0006: the lapses closed months took into account
    "ix_lapse_month": "CREATE INDEX ix_lapse_month ON lapse (village_id, month)",
}


def _sqlite_triggers() -> dict[str, str]:
    out = {}
    for t in _APPEND_ONLY + _NOTICE_TABLES:
        for op_ in ("update", "delete"):
            out[f"{t}_no_{op_}"] = (f"CREATE TRIGGER {t}_no_{op_} BEFORE {op_.upper()} ON {t} "
                                    f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END")
    out["deed_closed_month"] = (
        f"CREATE TRIGGER deed_closed_month BEFORE INSERT ON deed WHEN EXISTS "
        f"({_CLOSED_FOR_DEED}) BEGIN SELECT RAISE(ABORT, 'month is closed'); END")
    out["deed_month_date"] = (
        f"CREATE TRIGGER deed_month_date BEFORE INSERT ON deed WHEN {_DATE_DISAGREES} "
        "BEGIN SELECT RAISE(ABORT, 'month does not agree with the date'); END")
    for t in ("void", "approval"):
        out[f"{t}_closed_month"] = (
            f"CREATE TRIGGER {t}_closed_month BEFORE INSERT ON {t} WHEN EXISTS "
            f"({_CLOSED_FOR_ID}) BEGIN SELECT RAISE(ABORT, 'month is closed'); END")
    out["month_closed_update"] = ("CREATE TRIGGER month_closed_update BEFORE UPDATE ON month "
                                  "WHEN OLD.closed BEGIN SELECT RAISE(ABORT, 'month is closed'); "
                                  "END")
    out["month_closed_delete"] = ("CREATE TRIGGER month_closed_delete BEFORE DELETE ON month "
                                  "WHEN OLD.closed BEGIN SELECT RAISE(ABORT, 'month is closed'); "
                                  "END")
    out["person_no_delete"] = ("CREATE TRIGGER person_no_delete BEFORE DELETE ON person "
                               "BEGIN SELECT RAISE(ABORT, 'person is append-only'); END")
    for o in ("update", "delete"):  # 0004: a deed's picture; a confirmed scanned line
        out[f"deed_image_no_{o}"] = (
            f"CREATE TRIGGER deed_image_no_{o} BEFORE {o.upper()} ON deed_image "
            "BEGIN SELECT RAISE(ABORT, 'deed_image is append-only'); END")
        out[f"scan_line_confirmed_{o}"] = (
            f"CREATE TRIGGER scan_line_confirmed_{o} BEFORE {o.upper()} ON scan_line "
            "WHEN OLD.status = 'confirmed' "
            "BEGIN SELECT RAISE(ABORT, 'scan_line is confirmed'); END")
    for o in ("update", "delete"):  # 0006: a lapse is kept for ever
        out[f"lapse_no_{o}"] = (f"CREATE TRIGGER lapse_no_{o} BEFORE {o.upper()} ON lapse "
                                "BEGIN SELECT RAISE(ABORT, 'lapse is append-only'); END")
    out["lapse_closed_month"] = (
        f"CREATE TRIGGER lapse_closed_month BEFORE INSERT ON lapse WHEN EXISTS "
        f"({_CLOSED_FOR_LAPSE}) BEGIN SELECT RAISE(ABORT, 'month is closed'); END")
    return out


SQLITE_TRIGGERS = _sqlite_triggers()

# PostgreSQL: each trigger and the function it runs; the functions' bodies as written.
POSTGRES_TRIGGERS = {
    **{f"{t}_append_only": (t, "vt_append_only") for t in _APPEND_ONLY},
    "deed_closed_month": ("deed", "vt_deed_closed"),
    "deed_month_date": ("deed", "vt_deed_month_date"),
    "void_closed_month": ("void", "vt_ref_closed"),
    "approval_closed_month": ("approval", "vt_ref_closed"),
    "month_frozen": ("month", "vt_month_frozen"),
    "person_no_delete": ("person", "vt_append_only"),
    "deed_image_append_only": ("deed_image", "vt_append_only"),
    "scan_line_confirmed": ("scan_line", "vt_scan_line_confirmed"),
    **{f"{t}_append_only": (t, "vt_append_only") for t in _NOTICE_TABLES},
    "lapse_append_only": ("lapse", "vt_append_only"),
    "lapse_closed_month": ("lapse", "vt_lapse_closed"),
}
POSTGRES_FUNCTIONS = {
    "vt_append_only": " BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END ",
    "vt_deed_closed": f" BEGIN IF EXISTS ({_CLOSED_FOR_DEED}) THEN "
                      "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END ",
    "vt_deed_month_date": f" BEGIN IF {_DATE_DISAGREES.replace('IS NOT', 'IS DISTINCT FROM')} "
                          "THEN RAISE EXCEPTION 'month does not agree with the date'; END IF; "
                          "RETURN NEW; END ",
    "vt_ref_closed": f" BEGIN IF EXISTS ({_CLOSED_FOR_ID}) THEN "
                     "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END ",
    "vt_month_frozen": " BEGIN IF OLD.closed THEN RAISE EXCEPTION 'month is closed'; END IF; "
                       "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END ",
    "vt_scan_line_confirmed": " BEGIN IF OLD.status = 'confirmed' THEN RAISE EXCEPTION "
                              "'scan_line is confirmed'; END IF; IF TG_OP = 'DELETE' THEN "
                              "RETURN OLD; END IF; RETURN NEW; END ",
    "vt_lapse_closed": f" BEGIN IF EXISTS ({_CLOSED_FOR_LAPSE}) THEN "
                       "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END ",
}
_SCHEMA = re.compile(r" ON \w+\.")


@dataclass(frozen=True, slots=True)
class GuardDifference:
    """A guard that is not as defined: `missing`, `altered` or `unknown` (a trigger nobody
    defined), with its kind (trigger, index, table, function) and name."""

    change: str
    kind: str
    name: str


def _norm(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def differences(conn: Connection) -> list[GuardDifference]:
    """Every guard that is missing, altered, or a trigger nobody defined."""
    if conn.dialect.name == "postgresql":
        return list(_postgres(conn))
    return list(_sqlite(conn))


def _compare(kind: str, expected: dict[str, str], actual: dict[str, str], *,
             exact: bool = False) -> Iterator[GuardDifference]:
    """SQLite keeps each statement's text as it was given: our triggers and indexes are held
    to it byte for byte (`exact`); other text with its spacing normalised."""
    for name, sql in expected.items():
        if name not in actual:
            yield GuardDifference("missing", kind, name)
        elif (actual[name] != sql) if exact else (_norm(actual[name]) != _norm(sql)):
            yield GuardDifference("altered", kind, name)


@functools.cache
def _sqlite_tables() -> dict[str, str]:
    """Each table's CREATE TABLE as SQLAlchemy writes it for SQLite (compiled once)."""
    return {t.name: str(CreateTable(t).compile(dialect=sqlite.dialect())).strip()
            for t in metadata.sorted_tables}


def _sqlite(conn: Connection) -> Iterator[GuardDifference]:
    rows = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master "
                                "WHERE sql IS NOT NULL").fetchall()
    found: dict[str, dict[str, str]] = {"table": {}, "index": {}, "trigger": {}}
    for kind, name, sql in rows:
        if kind in found:
            found[kind][name] = sql
    # Tables as SQLAlchemy writes them: their spacing may differ between its versions.
    yield from _compare("table", _sqlite_tables(), found["table"])
    yield from _compare("index", INDEXES, found["index"], exact=True)
    yield from _compare("trigger", SQLITE_TRIGGERS, found["trigger"], exact=True)
    for name in sorted(set(found["trigger"]) - set(SQLITE_TRIGGERS)):
        yield GuardDifference("unknown", "trigger", name)


def _postgres(conn: Connection) -> Iterator[GuardDifference]:
    triggers = {name: (table, function, enabled) for name, table, function, enabled in
                conn.exec_driver_sql(
                    "SELECT t.tgname, c.relname, p.proname, t.tgenabled FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE NOT t.tgisinternal AND n.nspname = current_schema()")}
    for name, (table, function) in POSTGRES_TRIGGERS.items():
        found = triggers.get(name)
        if found is None:
            yield GuardDifference("missing", "trigger", name)
        elif found != (table, function, "O"):  # "O": enabled (ALTER TABLE ... DISABLE: "D")
            yield GuardDifference("altered", "trigger", name)
    for name in sorted(set(triggers) - set(POSTGRES_TRIGGERS)):
        yield GuardDifference("unknown", "trigger", name)
    bodies: dict[str, str] = dict(conn.exec_driver_sql(
        "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = "
        "p.pronamespace WHERE n.nspname = current_schema() AND left(p.proname, 3) = 'vt_'"
    ).fetchall())
    yield from _compare("function", POSTGRES_FUNCTIONS, bodies)
    yield from _postgres_indexes(conn)
    yield from _postgres_constraints(conn)


def _postgres_indexes(conn: Connection) -> Iterator[GuardDifference]:
    """Indexes as PostgreSQL writes them back (schema-qualified, `USING btree`), read as the
    migrations wrote them."""
    defs: dict[str, str] = {name: _partial(_SCHEMA.sub(" ON ", sql.replace(" USING btree", "")))
                            for name, sql in conn.exec_driver_sql(
                                "SELECT indexname, indexdef FROM pg_indexes "
                                "WHERE schemaname = current_schema()")}
    yield from _compare("index", INDEXES, defs)


_WHERE = re.compile(r" WHERE \((.*)\)$")


def _partial(sql: str) -> str:
    """A partial index's condition as written (PostgreSQL adds brackets and `::text`)."""
    return _WHERE.sub(r" WHERE \1", sql.replace("'::text", "'"))


def _postgres_constraints(conn: Connection) -> Iterator[GuardDifference]:
    """Primary keys, unique columns, foreign keys and NOT NULL of schema.py's tables."""
    have = {(table, kind, tuple(cols)) for table, kind, cols in conn.exec_driver_sql(
        "SELECT c.relname, k.contype, array(SELECT a.attname FROM unnest(k.conkey) WITH "
        "ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n "
        "ORDER BY u.i) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()")}
    nullable = {(t, col): flag == "YES" for t, col, flag in conn.exec_driver_sql(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns "
        "WHERE table_schema = current_schema()")}
    for table in metadata.sorted_tables:
        wanted = [("p", tuple(c.name for c in table.primary_key.columns))]
        wanted += [("u", (c.name,)) for c in table.columns if c.unique]
        wanted += [("f", (fk.parent.name,)) for fk in table.foreign_keys]
        for kind, cols in wanted:
            if (table.name, kind, cols) not in have:
                yield GuardDifference("missing", "constraint", f"{table.name}({', '.join(cols)})")
        for column in table.columns:
            if not column.nullable and nullable.get((table.name, column.name), False):
                yield GuardDifference("missing", "constraint", f"{table.name}.{column.name}")
