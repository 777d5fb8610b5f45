"""Proof: a deed's month agrees with its date (and the closed-month guard reads the date too),
and the roster as it stood at each close. (The baseline of a village written before is recorded
after the last migration, with the newest schema: store.db.migrate, store/baseline.py.)

Revision ID: 0003
Revises: 0002
"""

from alembic import op
from sqlalchemy import Column, ForeignKey, Integer, MetaData, PrimaryKeyConstraint, Table, Text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The tables this revision adds, frozen here (schema.py describes the newest revision).
metadata = MetaData()  # as of revision 0003

village = Table("village", metadata, Column("id", Integer, primary_key=True))  # for the key

snapshot = Table(
    "snapshot", metadata,
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("month", Text, nullable=False),
    Column("roster", Text, nullable=False),  # the roster at the close, canonical JSON
    PrimaryKeyConstraint("village_id", "month"),
)

_CLOSED_FOR_DEED = ("SELECT 1 FROM month m WHERE m.village_id = NEW.village_id AND m.closed "
                    "AND (m.month >= NEW.month OR m.month >= substr(NEW.date, 1, 7))")
_DATE_DISAGREES = "NEW.month IS NOT substr(NEW.date, 1, 7)"

SQLITE = [
    # Invariant 3 by the deed's date as well as its month column.
    "DROP TRIGGER deed_closed_month",
    f"CREATE TRIGGER deed_closed_month BEFORE INSERT ON deed WHEN EXISTS ({_CLOSED_FOR_DEED}) "
    "BEGIN SELECT RAISE(ABORT, 'month is closed'); END",
    f"CREATE TRIGGER deed_month_date BEFORE INSERT ON deed WHEN {_DATE_DISAGREES} "
    "BEGIN SELECT RAISE(ABORT, 'month does not agree with the date'); END",
    *(f"CREATE TRIGGER snapshot_no_{op_} BEFORE {op_.upper()} ON snapshot "
      f"BEGIN SELECT RAISE(ABORT, 'snapshot is append-only'); END"
      for op_ in ("update", "delete")),
]

POSTGRES = [
    "CREATE OR REPLACE FUNCTION vt_deed_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_CLOSED_FOR_DEED}) THEN "
    "RAISE EXCEPTION 'month is closed'; END IF; RETURN NEW; END $$",
    "CREATE FUNCTION vt_deed_month_date() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF {_DATE_DISAGREES.replace('IS NOT', 'IS DISTINCT FROM')} THEN "
    "RAISE EXCEPTION 'month does not agree with the date'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER deed_month_date BEFORE INSERT ON deed "
    "FOR EACH ROW EXECUTE FUNCTION vt_deed_month_date()",
    "CREATE TRIGGER snapshot_append_only BEFORE UPDATE OR DELETE ON snapshot "
    "FOR EACH ROW EXECUTE FUNCTION vt_append_only()",
]


def upgrade() -> None:
    bind = op.get_bind()
    snapshot.create(bind)
    for statement in POSTGRES if bind.dialect.name == "postgresql" else SQLITE:
        op.execute(statement)
