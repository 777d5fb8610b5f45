"""Scanned lines: what a scanned sheet proposes until a person confirms it (`scan_line`), and
the picture of the paper line kept with each deed confirmed from it (`deed_image`).

Revision ID: 0004
Revises: 0003
"""

from alembic import op
from sqlalchemy import Column, ForeignKeyConstraint, Integer, LargeBinary, Text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The tables as they are at this revision, frozen here (schema.py describes the newest).


def _create_tables() -> None:
    op.create_table(
        "scan_line",
        Column("id", Integer, primary_key=True),
        Column("village_id", Integer, nullable=False),
        Column("sheet", Text, nullable=False),
        Column("line", Integer, nullable=False),
        Column("file", Text, nullable=False),
        Column("page", Integer, nullable=False),
        Column("page_digest", Text, nullable=False),
        Column("resident_id", Integer),
        Column("rule_code", Text),
        Column("quantity", Integer),
        Column("fields", Text, nullable=False),
        Column("png", LargeBinary, nullable=False),
        Column("status", Text, nullable=False),
        Column("deed_id", Integer),
        Column("read_at", Text, nullable=False),
        Column("read_by", Text, nullable=False),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
        ForeignKeyConstraint(["resident_id"], ["resident.id"]),
        ForeignKeyConstraint(["deed_id"], ["deed.id"]),
    )
    op.create_table(
        "deed_image",
        Column("deed_id", Integer, primary_key=True, autoincrement=False),
        Column("sheet", Text, nullable=False),
        Column("line", Integer, nullable=False),
        Column("png", LargeBinary, nullable=False),
        Column("page_digest", Text, nullable=False),
        ForeignKeyConstraint(["deed_id"], ["deed.id"]),
    )


INDEXES = [
    "CREATE INDEX ix_scan_line_sheet ON scan_line (village_id, sheet, line)",
    # one proposal per paper line at a time: scanning again replaces it
    "CREATE UNIQUE INDEX ux_scan_line_proposed ON scan_line (village_id, sheet, line) "
    "WHERE status = 'proposed'",
]

# A deed's picture is part of the ledger (invariant 2); a confirmed line is history.
SQLITE_TRIGGERS = [
    *(f"CREATE TRIGGER deed_image_no_{o} BEFORE {o.upper()} ON deed_image "
      f"BEGIN SELECT RAISE(ABORT, 'deed_image is append-only'); END" for o in ("update", "delete")),
    *(f"CREATE TRIGGER scan_line_confirmed_{o} BEFORE {o.upper()} ON scan_line "
      f"WHEN OLD.status = 'confirmed' "
      f"BEGIN SELECT RAISE(ABORT, 'scan_line is confirmed'); END" for o in ("update", "delete")),
]
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER deed_image_append_only BEFORE UPDATE OR DELETE ON deed_image "
    "FOR EACH ROW EXECUTE FUNCTION vt_append_only()",
    "CREATE FUNCTION vt_scan_line_confirmed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF OLD.status = 'confirmed' THEN RAISE EXCEPTION 'scan_line is confirmed'; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER scan_line_confirmed BEFORE UPDATE OR DELETE ON scan_line "
    "FOR EACH ROW EXECUTE FUNCTION vt_scan_line_confirmed()",
]


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    for statement in INDEXES:
        op.execute(statement)
    triggers = POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)
