"""Public notice (公示), objections and their answers, and the hand tally at close: four
append-only tables, kept like the deed tables (never updated, never deleted).

Revision ID: 0005
Revises: 0004
"""

from alembic import op
from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Integer,
    Text,
    UniqueConstraint,
)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The tables as they are at this revision, frozen here (schema.py describes the newest).
# Self-contained: it adds tables and guards only, and uses 0001's vt_append_only() on
# PostgreSQL, so renumbering it is a change of `revision`/`down_revision` alone.

TABLES = ("notice", "objection", "answer", "hand_tally")


def _create_tables() -> None:
    op.create_table(  # each publication, re-publication and shortening is a row of its own
        "notice",
        Column("id", Integer, primary_key=True),
        Column("village_id", Integer, nullable=False),
        Column("month", Text, nullable=False),
        Column("kind", Text, nullable=False),  # publish | shorten
        Column("starts", Text, nullable=False),
        Column("ends", Text, nullable=False),
        Column("contact", Text, nullable=False),
        Column("place", Text, nullable=False),
        Column("reason", Text),
        Column("by", Text, nullable=False),
        Column("at", Text, nullable=False),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
    )
    op.create_table(
        "objection",
        Column("id", Integer, primary_key=True),
        Column("village_id", Integer, nullable=False),
        Column("deed_id", Integer, nullable=False),
        Column("resident_id", Integer, nullable=False),  # who raised it
        Column("raised_by", Text, nullable=False),
        Column("household", Text, nullable=False),
        Column("raised_on", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("by", Text, nullable=False),  # who recorded it on the villager's behalf
        Column("at", Text, nullable=False),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
        ForeignKeyConstraint(["deed_id"], ["deed.id"]),
        ForeignKeyConstraint(["resident_id"], ["resident.id"]),
    )
    op.create_table(
        "answer",
        Column("id", Integer, primary_key=True),
        Column("objection_id", Integer, nullable=False),
        Column("upheld", Boolean, nullable=False),
        Column("reason", Text, nullable=False),
        Column("correction_id", Integer),  # the adjustment deed an upheld answer made
        Column("by", Text, nullable=False),
        Column("at", Text, nullable=False),
        UniqueConstraint("objection_id"),  # as schema.py's unique column writes it
        ForeignKeyConstraint(["objection_id"], ["objection.id"]),
        ForeignKeyConstraint(["correction_id"], ["deed.id"]),
    )
    op.create_table(  # a gatherer's calculator total, or an explanation of its difference
        "hand_tally",
        Column("id", Integer, primary_key=True),
        Column("village_id", Integer, nullable=False),
        Column("month", Text, nullable=False),
        Column("scope", Text, nullable=False),  # area | sheet
        Column("key", Text, nullable=False),  # the area's name or the sheet's number
        Column("total_h", Integer),
        Column("explanation", Text),
        Column("by", Text, nullable=False),
        Column("at", Text, nullable=False),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
    )


INDEXES = [
    "CREATE INDEX ix_notice_month ON notice (village_id, month, id)",
    "CREATE INDEX ix_objection_deed ON objection (deed_id)",
    "CREATE INDEX ix_hand_tally_month ON hand_tally (village_id, month, id)",
]

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {t}_no_{op_} BEFORE {op_.upper()} ON {t} "
    f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END"
    for t in TABLES for op_ in ("update", "delete")
]
POSTGRES_TRIGGERS = [
    f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
    f"FOR EACH ROW EXECUTE FUNCTION vt_append_only()"
    for t in TABLES
]


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    for statement in INDEXES:
        op.execute(statement)
    triggers = POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)
