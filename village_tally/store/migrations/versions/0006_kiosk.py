"""A way back and the village-hall screen: a rule's cap period and the months after which its
deductions lapse (信用修复), and the lapses a closed month took into account, kept for ever.

Revision ID: 0006
Revises: 0005
"""

from alembic import op
from sqlalchemy import Column, ForeignKey, Integer, Text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The tables as they are at this revision, frozen here (schema.py describes the newest).


def _create_tables() -> None:
    op.create_table(
        "lapse",
        Column("id", Integer, primary_key=True),
        # the constraints in the order schema.py's table writes them (verify compares the text)
        Column("village_id", Integer, ForeignKey("village.id"), nullable=False),
        Column("deed_id", Integer, ForeignKey("deed.id"), nullable=False, unique=True),
        Column("month", Text, nullable=False),  # the month from which the deed stops counting
        Column("at", Text, nullable=False),
    )


INDEXES = ["CREATE INDEX ix_lapse_month ON lapse (village_id, month)"]

# Invariant 3: a lapse is written when its month closes and never changes afterwards.
_CLOSED = ("SELECT 1 FROM month m WHERE m.village_id = NEW.village_id AND m.closed "
           "AND m.month >= NEW.month")
SQLITE_TRIGGERS = [
    *(f"CREATE TRIGGER lapse_no_{op_} BEFORE {op_.upper()} ON lapse "
      f"BEGIN SELECT RAISE(ABORT, 'lapse is append-only'); END" for op_ in ("update", "delete")),
    f"CREATE TRIGGER lapse_closed_month BEFORE INSERT ON lapse WHEN EXISTS ({_CLOSED}) "
    f"BEGIN SELECT RAISE(ABORT, 'month is closed'); END",
]
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER lapse_append_only BEFORE UPDATE OR DELETE ON lapse "
    "FOR EACH ROW EXECUTE FUNCTION vt_append_only()",
    "CREATE FUNCTION vt_lapse_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_CLOSED}) THEN "
    "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER lapse_closed_month BEFORE INSERT ON lapse "
    "FOR EACH ROW EXECUTE FUNCTION vt_lapse_closed()",
]


def upgrade() -> None:
    bind = op.get_bind()
    # Every existing rule keeps its monthly cap and never lapses, as before.
    op.add_column("rule", Column("cap_period", Text, nullable=False, server_default="month"))
    op.add_column("rule", Column("lapse_months", Integer))
    _create_tables()
    for statement in INDEXES:
        op.execute(statement)
    triggers = POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)
