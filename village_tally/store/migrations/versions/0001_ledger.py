"""The first ledger: villages, roster, rules, deeds, voids, approvals, months, ratings, audit.

Revision ID: 0001
Revises:
"""

from alembic import op

from village_tally.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# While 0001 is the only migration, schema.py is its table list. The first migration that
# changes a table must first copy the tables as they are now into this file, so an old village
# file still upgrades step by step.
INDEXES = [
    "CREATE UNIQUE INDEX ux_area ON area (village_id, name)",
    "CREATE UNIQUE INDEX ux_household ON household (village_id, code)",
    "CREATE INDEX ix_resident_household ON resident (household_id)",
    "CREATE INDEX ix_resident_village ON resident (village_id, name)",
    "CREATE UNIQUE INDEX ux_user ON \"user\" (village_id, name)",
    "CREATE UNIQUE INDEX ux_rule ON rule (village_id, code)",
    # The monthly tally reads only this covering index (TECH-NOTES: 19 ms on 1M deeds).
    "CREATE INDEX ix_deed_tally ON deed (village_id, month, resident_id, points_h)",
    "CREATE INDEX ix_deed_resident ON deed (resident_id, month)",
    "CREATE INDEX ix_deed_recorder ON deed (recorder, id)",
    "CREATE INDEX ix_deed_source ON deed (source_sheet, source_line)",
    "CREATE INDEX ix_deed_pending ON deed (needs_approval, id)",
    "CREATE INDEX ix_deed_adjusts ON deed (adjusts_deed_id)",
    "CREATE INDEX ix_rating ON rating (household_id, quarter, category)",
]

_CLOSED_FOR_DEED = ("SELECT 1 FROM month m WHERE m.village_id = {d}.village_id AND m.closed "
                    "AND m.month >= {d}.month")
_CLOSED_FOR_ID = ("SELECT 1 FROM deed d JOIN month m ON m.village_id = d.village_id AND m.closed "
                  "AND m.month >= d.month WHERE d.id = NEW.deed_id")

SQLITE_TRIGGERS = [
    # Invariant 2: the ledger is append-only; invariant 4: so is the audit log.
    *(f"CREATE TRIGGER {t}_no_{op_} BEFORE {op_.upper()} ON {t} "
      f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END"
      for t in ("deed", "void", "approval", "audit") for op_ in ("update", "delete")),
    # Invariant 3: a closed month never changes.
    f"CREATE TRIGGER deed_closed_month BEFORE INSERT ON deed "
    f"WHEN EXISTS ({_CLOSED_FOR_DEED.format(d='NEW')}) "
    f"BEGIN SELECT RAISE(ABORT, 'month is closed'); END",
    *(f"CREATE TRIGGER {t}_closed_month BEFORE INSERT ON {t} WHEN EXISTS ({_CLOSED_FOR_ID}) "
      f"BEGIN SELECT RAISE(ABORT, 'month is closed'); END" for t in ("void", "approval")),
    "CREATE TRIGGER month_closed_update BEFORE UPDATE ON month WHEN OLD.closed "
    "BEGIN SELECT RAISE(ABORT, 'month is closed'); END",
    "CREATE TRIGGER month_closed_delete BEFORE DELETE ON month WHEN OLD.closed "
    "BEGIN SELECT RAISE(ABORT, 'month is closed'); END",
]

POSTGRES_TRIGGERS = [
    "CREATE FUNCTION vt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
    *(f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
      f"FOR EACH ROW EXECUTE FUNCTION vt_append_only()"
      for t in ("deed", "void", "approval", "audit")),
    "CREATE FUNCTION vt_deed_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_CLOSED_FOR_DEED.format(d='NEW')}) THEN "
    "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER deed_closed_month BEFORE INSERT ON deed "
    "FOR EACH ROW EXECUTE FUNCTION vt_deed_closed()",
    "CREATE FUNCTION vt_ref_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_CLOSED_FOR_ID}) THEN "
    "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END $$",
    *(f"CREATE TRIGGER {t}_closed_month BEFORE INSERT ON {t} "
      f"FOR EACH ROW EXECUTE FUNCTION vt_ref_closed()" for t in ("void", "approval")),
    "CREATE FUNCTION vt_month_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF OLD.closed THEN RAISE EXCEPTION 'month is closed'; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER month_frozen BEFORE UPDATE OR DELETE ON month "
    "FOR EACH ROW EXECUTE FUNCTION vt_month_frozen()",
]


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    for statement in INDEXES:
        op.execute(statement)
    triggers = POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)
