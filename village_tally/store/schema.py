"""The database schema (SQLAlchemy Core tables). Points are integer hundredths (invariant 1).

The tables mirror the newest migration in `migrations/versions/`; the migrations, not this
module, create and change the database.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

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

# People who sign in (revision 0002; they replace 0001's unused `user` table). A person is never
# deleted, only retired, so every name in the ledger stays somebody's.
person = Table(
    "person", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("name", Text, nullable=False),  # normalised, unique in the village
    Column("role", Text, nullable=False),  # gatherer | committee | secretary
    Column("resident_id", ForeignKey("resident.id")),  # when the person is also a resident
    Column("created_at", Text, nullable=False),
    Column("retired_at", Text),  # null while active
)

person_area = Table(
    "person_area", metadata,
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("area_id", ForeignKey("area.id"), nullable=False),
    PrimaryKeyConstraint("person_id", "area_id"),
)

pin = Table(
    "pin", metadata,
    Column("person_id", ForeignKey("person.id"), primary_key=True, autoincrement=False),
    Column("hash", Text, nullable=False),  # scrypt$n$r$p$salt$key: never the PIN itself
    Column("set_at", Text, nullable=False),
)

# Wrong PINs in a row and the lockout they earned: kept in the ledger, so a restart does not
# reset them.
lockout = Table(
    "lockout", metadata,
    Column("person_id", ForeignKey("person.id"), primary_key=True, autoincrement=False),
    Column("failures", Integer, nullable=False),
    Column("locked_until", Text),
)

# The secretary's one-time recovery code, as its hash only.
recovery = Table(
    "recovery", metadata,
    Column("village_id", ForeignKey("village.id"), primary_key=True, autoincrement=False),
    Column("hash", Text, nullable=False),
    Column("set_at", Text, nullable=False),
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

snapshot = Table(
    "snapshot", metadata,
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("month", Text, nullable=False),
    Column("roster", Text, nullable=False),  # the roster at the close, canonical JSON
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

# Migration 0005: a scanned line proposed until a person confirms it, and the picture of the
# paper line kept with the deed confirmed from it.
scan_line = Table(
    "scan_line", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("sheet", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("file", Text, nullable=False),
    Column("page", Integer, nullable=False),
    Column("page_digest", Text, nullable=False),
    Column("resident_id", ForeignKey("resident.id")),
    Column("rule_code", Text),
    Column("quantity", Integer),
    Column("fields", Text, nullable=False),  # JSON: each field's value, certainty, reason
    Column("png", LargeBinary, nullable=False),
    Column("status", Text, nullable=False),  # proposed | confirmed
    Column("deed_id", ForeignKey("deed.id")),
    Column("read_at", Text, nullable=False),
    Column("read_by", Text, nullable=False),
)

deed_image = Table(
    "deed_image", metadata,
    Column("deed_id", ForeignKey("deed.id"), primary_key=True, autoincrement=False),
    Column("sheet", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("png", LargeBinary, nullable=False),
    Column("page_digest", Text, nullable=False),
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

# Public notice, objections and the hand tally (revision 0003): append-only, like the deeds.
# Each publication, re-publication and shortening of a month's notice period is a row.
notice = Table(
    "notice", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("month", Text, nullable=False),
    Column("kind", Text, nullable=False),  # publish | shorten
    Column("starts", Text, nullable=False),  # YYYY-MM-DD
    Column("ends", Text, nullable=False),  # the last day of the period
    Column("contact", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("reason", Text),  # why a secretary shortened it
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
)

# A villager's objection to one deed, recorded on their behalf.
objection = Table(
    "objection", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("deed_id", ForeignKey("deed.id"), nullable=False),
    Column("resident_id", ForeignKey("resident.id"), nullable=False),  # who raised it
    Column("raised_by", Text, nullable=False),
    Column("household", Text, nullable=False),
    Column("raised_on", Text, nullable=False),  # YYYY-MM-DD: the 20 days count from it
    Column("text", Text, nullable=False),
    Column("by", Text, nullable=False),  # who recorded it
    Column("at", Text, nullable=False),
)

answer = Table(
    "answer", metadata,
    Column("id", Integer, primary_key=True),
    Column("objection_id", ForeignKey("objection.id"), nullable=False, unique=True),
    Column("upheld", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("correction_id", ForeignKey("deed.id")),  # an upheld answer's adjustment deed
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
)

# A gatherer's calculator total for an area or a sheet (total_h), or a secretary's explanation
# of its difference from the ledger (explanation); the newest of each counts.
hand_tally = Table(
    "hand_tally", metadata,
    Column("id", Integer, primary_key=True),
    Column("village_id", ForeignKey("village.id"), nullable=False),
    Column("month", Text, nullable=False),
    Column("scope", Text, nullable=False),  # area | sheet
    Column("key", Text, nullable=False),
    Column("total_h", Integer),
    Column("explanation", Text),
    Column("by", Text, nullable=False),
    Column("at", Text, nullable=False),
)
