"""The village row and its handbook: the scheme's settings and the rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    insert,
    select,
    update,
)

from village_tally.core.rule import Rule
from village_tally.store import codec
from village_tally.store.bound import inserted, touch
from village_tally.store.schema import (
    rule,
    village,
)


def insert_village(conn: Connection, *, name: str, preset: str, settings: str, at: str) -> int:
    result = conn.execute(insert(village).values(name=name, preset=preset, settings=settings,
                                                 created_at=at))
    return inserted(conn, village, result)


def find_village(conn: Connection, name: str | None = None) -> Any:
    query = select(village).order_by(village.c.id).limit(1)
    if name is not None:
        query = query.where(village.c.name == name)
    return conn.execute(query).first()


def update_settings(conn: Connection, village_id: int, settings: str) -> None:
    conn.execute(update(village).where(village.c.id == village_id).values(settings=settings))
    touch(conn, village, [village_id])


def insert_rule(conn: Connection, village_id: int, r: Rule) -> int:
    result = conn.execute(insert(rule).values(village_id=village_id, **codec.rule_values(r)))
    return inserted(conn, rule, result)


def update_rule(conn: Connection, village_id: int, r: Rule) -> None:
    conn.execute(update(rule).where(rule.c.village_id == village_id, rule.c.code == r.code)
                 .values(**codec.rule_values(r)))
    touch(conn, rule, conn.execute(select(rule.c.id).where(rule.c.village_id == village_id,
                                                           rule.c.code == r.code)).scalars())


def load_rules(conn: Connection, village_id: int) -> list[tuple[int, Rule]]:
    rows = conn.execute(select(rule).where(rule.c.village_id == village_id).order_by(rule.c.id))
    return [(row.id, codec.rule_from(row)) for row in rows]
