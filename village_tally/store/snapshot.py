"""The roster as it stood at each close (table `snapshot`): village, scheme, rules and every
resident with household, area, door plate and status, in board order; taken in the close's
transaction and sealed by its audit entry (store.seal)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select

from village_tally.core.closed import AtClose
from village_tally.core.deed import Resident, ResidentId
from village_tally.core.month import Month
from village_tally.core.problem import Phrase
from village_tally.store import codec
from village_tally.store import roster as roster_repo
from village_tally.store import village as village_repo
from village_tally.store.db import StoreError
from village_tally.store.schema import snapshot


def take(conn: Connection, village_id: int) -> str:
    """The village as it stands now, as canonical JSON text."""
    row = village_repo.find_village(conn)
    rules = [codec.rule_values(r) for _, r in village_repo.load_rules(conn, village_id)]
    people = [[r.id, r.name, r.household, r.area, r.status, r.is_head, r.door_plate]
              for r in roster_repo.residents(conn, village_id)]
    return json.dumps({"village": row.name, "preset": row.preset, "settings": row.settings,
                       "rules": rules, "residents": people},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def keep(conn: Connection, village_id: int, month: Month, text: str) -> None:
    conn.execute(insert(snapshot).values(village_id=village_id, month=str(month), roster=text))


def text_of(conn: Connection, village_id: int, month: Month) -> str | None:
    return conn.execute(select(snapshot.c.roster).where(
        snapshot.c.village_id == village_id, snapshot.c.month == str(month))).scalar()


def load(conn: Connection, village_id: int, month: Month) -> AtClose | None:
    """The month's village at its close; None for a month closed before snapshots were kept.
    StoreError `db.damaged` if the stored text cannot be read."""
    text = text_of(conn, village_id, month)
    if text is None:
        return None
    try:
        return parse(text)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise StoreError("db.damaged", place=Phrase.of("damage.snapshot", month=str(month))
                         ) from None


def parse(text: str) -> AtClose:
    data: dict[str, Any] = json.loads(text)
    rules = tuple(codec.rule_from_values(values) for values in data["rules"])
    scheme = codec.scheme_from(data["preset"], data["settings"], rules)
    people = tuple(Resident(id=ResidentId(int(p[0])), name=str(p[1]), household=str(p[2]),
                            area=str(p[3] or ""), is_head=bool(p[5]), status=str(p[4]),
                            initials=frozenset(), door_plate=p[6])
                   for p in data["residents"])
    return AtClose(str(data["village"]), scheme, people)

