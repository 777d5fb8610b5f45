"""People who sign in: their roles, areas, PIN hashes, lockouts, and the secretary's recovery
code. The unused `user` table of 0001 is folded into `person` (its names keep their roles).

Revision ID: 0002
Revises: 0001
"""

from alembic import op
from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Integer,
    PrimaryKeyConstraint,
    Text,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The tables as they are at this revision, frozen here (schema.py describes the newest).


def _create_tables() -> None:
    op.create_table(
        "person",
        Column("id", Integer, primary_key=True),
        Column("village_id", Integer, nullable=False),
        Column("name", Text, nullable=False),
        Column("role", Text, nullable=False),
        Column("resident_id", Integer),
        Column("created_at", Text, nullable=False),
        Column("retired_at", Text),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
        ForeignKeyConstraint(["resident_id"], ["resident.id"]),
    )
    op.create_table(
        "person_area",
        Column("person_id", Integer, nullable=False),
        Column("area_id", Integer, nullable=False),
        PrimaryKeyConstraint("person_id", "area_id"),
        ForeignKeyConstraint(["person_id"], ["person.id"]),
        ForeignKeyConstraint(["area_id"], ["area.id"]),
    )
    op.create_table(
        "pin",
        Column("person_id", Integer, primary_key=True, autoincrement=False),
        Column("hash", Text, nullable=False),
        Column("set_at", Text, nullable=False),
        ForeignKeyConstraint(["person_id"], ["person.id"]),
    )
    op.create_table(
        "lockout",
        Column("person_id", Integer, primary_key=True, autoincrement=False),
        Column("failures", Integer, nullable=False),
        Column("locked_until", Text),
        ForeignKeyConstraint(["person_id"], ["person.id"]),
    )
    op.create_table(
        "recovery",
        Column("village_id", Integer, primary_key=True, autoincrement=False),
        Column("hash", Text, nullable=False),
        Column("set_at", Text, nullable=False),
        ForeignKeyConstraint(["village_id"], ["village.id"]),
    )


INDEXES = [
    "CREATE UNIQUE INDEX ux_person ON person (village_id, name)",
    "CREATE INDEX ix_person_area ON person_area (area_id)",
    # Ctrl+Z undoes the last line the signed-in person typed.
    "CREATE INDEX ix_deed_typist ON deed (created_by, id)",
]

# A person is never deleted (retired instead), so every name in the ledger stays somebody's.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER person_no_delete BEFORE DELETE ON person "
    "BEGIN SELECT RAISE(ABORT, 'person is append-only'); END",
]
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER person_no_delete BEFORE DELETE ON person "
    "FOR EACH ROW EXECUTE FUNCTION vt_append_only()",
]

# The old `user` rows (names with a role, never checked) become people without a PIN; the
# secretary sets their PINs and confirms their roles.
FOLD_USERS = (
    'INSERT INTO person (village_id, name, role, created_at) '
    'SELECT u.village_id, u.name, u.role, v.created_at FROM "user" u '
    'JOIN village v ON v.id = u.village_id ORDER BY u.id'
)


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    for statement in INDEXES:
        op.execute(statement)
    triggers = POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)
    op.execute(FOLD_USERS)
    op.execute('DROP INDEX ux_user')
    op.drop_table("user")
