"""The first ledger: villages, roster, rules, deeds, voids, approvals, months, ratings, audit.

Revision ID: 0001
Revises:
"""

from alembic import op
from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The tables as they were at this revision, frozen here (schema.py describes the newest
# revision): a later migration changes them step by step, so an old village file upgrades
# without loss.
metadata = MetaData()  # as of revision 0001

village = Table(
    "village", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("preset", Text, nullable=False),
    Column("settings", Text, nullable=False),  # scheme settings as canonical JSON
    Column("created_at", Text, nullable=False),
)

area = Table(
    "area", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("name", Text, nullable=False),
)

household = Table(
    "household", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("code", Text, nullable=False),
    Column("door_plate", Text),
    Column("area_id", ForeignKey("area.id")),
    Column("note", Text),
)

resident = Table(
    "resident", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("household_id", ForeignKey("household.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("initials", Text, nullable=False),  # every pinyin-initials variant, space-separated
    Column("is_head", Boolean, nullable=False),
    Column("status", Text, nullable=False),  # active | moved | deceased
    Column("note", Text),
    Column("created_at", Text, nullable=False),
)

user = Table(
    "user", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),  # gatherer | committee
)

rule = Table(
    "rule", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("code", Text, nullable=False),
    Column("title_zh", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("points_h", Integer, nullable=False),
    Column("unit_zh", Text, nullable=False),
    Column("unit_en", Text, nullable=False),
    Column("cap_h", Integer),
    Column("approval_above_h", Integer),
    Column("document_required", Boolean, nullable=False),
    Column("grade_cap", Text),
    Column("grade_cap_months", Integer),
    Column("active", Boolean, nullable=False),
)

deed = Table(
    "deed", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("resident_id", ForeignKey("resident.id"), nullable=False),
    Column("date", Text, nullable=False),
    Column("month", Text, nullable=False),
    Column("rule_id", ForeignKey("rule.id")),
    Column("rule_code", Text),
    Column("title", Text, nullable=False),
    Column("quantity_h", Integer, nullable=False),
    Column("points_h", Integer, nullable=False),
    Column("needs_approval", Boolean, nullable=False),
    Column("recorder", Text, nullable=False),
    Column("source_sheet", Text),
    Column("source_line", Integer),
    Column("source_file", Text),
    Column("source_row", Integer),
    Column("note", Text),
    Column("override_reason", Text),
    Column("adjusts_deed_id", ForeignKey("deed.id")),
    Column("replaces_deed_id", ForeignKey("deed.id")),
    Column("import_key", Text, unique=True),
    Column("created_at", Text, nullable=False),
    Column("created_by", Text, nullable=False),
)

void = Table(
    "void", metadata,
    Column("id", Integer, primary_key=True),
    Column("deed_id", ForeignKey("deed.id"), nullable=False, unique=True),
    Column("reason", Text, nullable=False),
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
)

approval = Table(
    "approval", metadata,
    Column("id", Integer, primary_key=True),
    Column("deed_id", ForeignKey("deed.id"), nullable=False, unique=True),
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
)

month = Table(
    "month", metadata,
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("month", Text, nullable=False),
    Column("closed", Boolean, nullable=False),
    Column("closed_at", Text),
    Column("closed_by", Text),
    Column("checksum", Text),
    Column("tally", Text),
    PrimaryKeyConstraint("village_id", "month"),
)

rating = Table(
    "rating", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("household_id", ForeignKey("household.id"), nullable=False),
    Column("quarter", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("stars", Integer, nullable=False),
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("source", Text),
)

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", Integer),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("entity", Text, nullable=False),
    Column("entity_id", Text),
    Column("details", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)


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
