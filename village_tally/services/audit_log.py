"""The audit log as readable sentences: who did what to which deed, resident, rule, month or
person, and why, at what local time; filtered by person, kind of action, resident and date.

Each entry becomes a `LogLine` holding a message code and its parameters (never raw JSON);
`LogLine.text(lang)` says it in Chinese or English (i18n/people.py, `log.*`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, Row

from village_tally.core.authority import Action
from village_tally.core.deed import Deed
from village_tally.core.names import normalize_name
from village_tally.core.person import Role
from village_tally.core.points import Points
from village_tally.core.problem import Phrase, Terms
from village_tally.i18n import tr
from village_tally.services.session import Ledger, read, stored
from village_tally.store import audit as chain
from village_tally.store import deeds as deed_repo
from village_tally.store import roster as roster_repo
from village_tally.store.deeds import DeedFilter
from village_tally.store.notices import TABLES as NOTICE_TABLES

# Kinds of action a person filters by (the CLI's --action, the audit screen's choices).
KINDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "enter": frozenset({"enter", "report"}),
    "approve": frozenset({"approve"}),
    "void": frozenset({"void", "undo"}),
    "close": frozenset({"close"}),
    "import": frozenset({"import"}),
    "roster": frozenset({"add", "move", "rename", "status"}),
    "handbook": frozenset({"update"}),
    "ratings": frozenset({"rate"}),
    "people": frozenset({"add_person", "bring_in", "set_pin", "set_role", "set_areas",
                         "set_resident", "retire", "reinstate", "recover"}),
    "sign_in": frozenset({"sign_in_failed", "recovery_failed"}),
    "notice": frozenset({"publish", "shorten", "object", "answer", "hand_total", "explain"}),
})
PERSON_ACTIONS = KINDS["people"] | KINDS["sign_in"]


@dataclass(frozen=True, slots=True)
class LogFilter:
    """What the audit screen and `audit` filter on; None means any. Dates are local."""

    since: dt.date | None = None
    until: dt.date | None = None  # inclusive
    person: str | None = None  # who acted
    kind: str | None = None  # a key of KINDS
    resident_id: int | None = None  # entries about this resident or their deeds


@dataclass(frozen=True, slots=True)
class LogLine:
    """One audit entry as a sentence."""

    id: int
    at: dt.datetime  # local time
    actor: str  # "" when nobody was signed in (a wrong PIN, naming the first secretary)
    action: str
    entity: str
    entity_id: str | None
    code: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def text(self, lang: str) -> str:
        return tr(self.code, lang, **self.params)

    def who(self, lang: str) -> str:
        return self.actor or tr("log.nobody", lang)

    def when(self) -> str:
        return self.at.strftime("%Y-%m-%d %H:%M")


def audit_log(ledger: Ledger, filters: LogFilter = LogFilter(), *, limit: int | None = 1000,
              newest_first: bool = True) -> list[LogLine]:
    """The log as sentences, newest first (committee and secretary: Action.AUDIT)."""
    ledger.require(Action.AUDIT)
    zone = ledger.now().tzinfo
    with read(ledger) as conn:
        rows = _rows(conn, ledger, filters, newest_first=newest_first, limit=limit)
        words = _Words(conn, ledger)
        return [line for row in rows
                if (line := words.line(row, zone)) is not None and _on_days(line, filters)]


def deed_history(ledger: Ledger, deed_id: int) -> list[LogLine]:
    """The sentences about one deed, oldest first: entered (or imported), approved, voided or
    corrected. Like the ledger itself, readable without signing in."""
    zone = ledger.now().tzinfo
    with read(ledger) as conn:
        words = _Words(conn, ledger)
        return [line for row in chain.entries_for_deed(conn, deed_id)
                if (line := words.line(row, zone)) is not None]


def _rows(conn: Connection, ledger: Ledger, f: LogFilter, *, newest_first: bool,
          limit: int | None) -> list[Row[Any]]:
    actions = sorted(KINDS[f.kind]) if f.kind is not None and f.kind in KINDS else None
    # `at` is stored with its UTC offset: a day's margin, then the exact local day below.
    since = (f.since - dt.timedelta(days=1)).isoformat() if f.since else None
    until = (f.until + dt.timedelta(days=2)).isoformat() if f.until else None
    actor = normalize_name(f.person) if f.person else None
    if f.resident_id is None:
        return chain.select_entries(conn, actor=actor, actions=actions, since=since,
                                    until=until, newest_first=newest_first, limit=limit)
    ids = [d.id for d in deed_repo.deeds(conn, ledger.village_id,
                                         DeedFilter(resident_id=f.resident_id))]
    about = chain.entries_for_deeds(conn, ids) + [
        r for r in chain.select_entries(conn, entities=["resident"], newest_first=False)
        if r.entity_id == str(f.resident_id)]
    rows = sorted({r.id: r for r in about}.values(), key=lambda r: r.id,
                  reverse=newest_first)
    rows = [r for r in rows if (actor is None or r.actor == actor)
            and (actions is None or r.action in actions)]
    return rows[:limit] if limit is not None else rows


def _on_days(line: LogLine, f: LogFilter) -> bool:
    day = line.at.date()
    return (f.since is None or day >= f.since) and (f.until is None or day <= f.until)


class _Words:
    """Turns entries into sentences, reading the deeds and residents they name once each."""

    def __init__(self, conn: Connection, ledger: Ledger) -> None:
        self.conn = conn
        self.ledger = ledger
        self._deeds: dict[int, Deed | None] = {}

    def deed(self, deed_id: int) -> Deed | None:
        if deed_id not in self._deeds:
            self._deeds[deed_id] = deed_repo.deed_by_id(self.conn, self.ledger.village_id, deed_id)
        return self._deeds[deed_id]

    def resident(self, resident_id: str | None) -> str:
        if resident_id is None or not resident_id.isdigit():
            return resident_id or ""
        found = roster_repo.residents(self.conn, self.ledger.village_id,
                               resident_id=int(resident_id))
        return f"{found[0].name}（{found[0].household}）" if found else resident_id

    def line(self, row: Row[Any], zone: dt.tzinfo | None) -> LogLine | None:
        with stored(Phrase.of("damage.audit", entry=row.id)):
            details = json.loads(row.details)
        code, params = self.sentence(row, details)
        at = dt.datetime.fromisoformat(row.at)
        local = at.astimezone(zone) if at.tzinfo is not None else at
        return LogLine(row.id, local, row.actor, row.action, row.entity, row.entity_id, code,
                       MappingProxyType(params))

    def sentence(self, row: Row[Any], d: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if row.entity == "deed" and row.entity_id and row.entity_id.isdigit():
            return self._deed_sentence(row, d)
        if row.entity == "person":
            return _person_sentence(row.action, d)
        if row.action == "import":
            return _import_sentence(row.entity, d)
        key = f"log.{row.action}.{row.entity}"
        params = {**{k: _plain(v) for k, v in d.items()}, "entity_id": row.entity_id or ""}
        if row.entity in NOTICE_TABLES:
            params |= _notice_params(_state_row(d, row.entity))
        if isinstance(d.get("deeds"), list):  # a bulk write names its deeds as id runs
            params["deeds"] = sum(b - a + 1 for a, b in d["deeds"])
        if row.entity == "resident":
            params["resident"] = self.resident(row.entity_id)
        if "status" in d:
            params["status"] = Terms((f"status.{d['status']}",))
        if row.entity == "month":
            params["checksum"] = str(d.get("checksum", ""))[:12]
        if key == "log.restore.village" and d.get("later_changes"):
            key = "log.restore.village_later"  # what the backup lacked, kept in the file replaced
        if key in _KNOWN:
            return key, params
        return "log.other", {"action": row.action, "entity": row.entity,
                             "entity_id": row.entity_id or ""}

    def _deed_sentence(self, row: Row[Any], d: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        deed_id = int(row.entity_id)
        found = self.deed(deed_id)
        params: dict[str, Any] = {"deed": deed_id, "reason": d.get("reason", ""),
                                  "adjustment": d.get("adjustment", "")}
        if found is not None:
            params |= {"resident": found.name, "household": found.household,
                       "title": found.title, "points": found.points.signed(),
                       "recorder": found.recorder}
        else:
            params |= {"resident": "?", "household": "?", "title": "", "points": "",
                       "recorder": ""}
        action = row.action
        if action == "enter" and found is not None and found.recorder != row.actor:
            return "log.enter.deed_for", params
        if action == "void" and d.get("adjustment"):
            return "log.void.adjusted", params
        code = f"log.{action}.deed"
        return (code, params) if code in _KNOWN else ("log.other", {
            "action": action, "entity": row.entity, "entity_id": row.entity_id})


def _state_row(d: dict[str, Any], table: str) -> dict[str, Any] | None:
    """The first row of `table` an entry recorded (store.bound's `state`: column names, then
    each row's values), as a mapping; None if it recorded none."""
    found = d.get("state", {}).get(table) if isinstance(d.get("state"), dict) else None
    if not isinstance(found, list) or len(found) < 2:
        return None
    return dict(zip(found[0], found[1], strict=False))


def _notice_params(row: Any) -> dict[str, Any]:
    """A notice, objection, answer or hand total as its entry's sentence says it (the row
    the entry recorded: services.notices.record)."""
    if not isinstance(row, dict):
        return {}
    params = {k: _plain(v) for k, v in row.items() if v is not None}
    if "upheld" in row:
        params["verdict"] = Terms(("objection.upheld" if row["upheld"] else "objection.rejected",))
    if row.get("total_h") is not None:
        params["total"] = str(Points(int(row["total_h"])))
    return params


def _plain(value: Any) -> Any:
    if value is None:
        return "—"
    return "、".join(map(str, value)) if isinstance(value, list) else value


def _person_sentence(action: str, d: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"name": d.get("name", ""),
                              "failures": d.get("failures", ""),
                              "until": str(d.get("locked_until") or "")[11:19],
                              "resident_id": d.get("resident_id") or "—"}
    if "role" in d:
        params["role"] = Terms((f"role.{Role(d['role']).value}",))
        params["areas"] = "、".join(d.get("areas", [])) or "—"
    if action == "add_person":
        params["pin"] = Terms(("log.pin.set" if d.get("pin") == "set" else "log.pin.none",))
    if action == "sign_in_failed" and d.get("locked_until"):
        return "log.sign_in_failed.locked", params
    code = f"log.{action}.person"
    return (code, params) if code in _KNOWN else ("log.other", {
        "action": action, "entity": "person", "entity_id": d.get("name", "")})


def _import_sentence(kind: str, d: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    params = {"kind": Terms((f"log.kind.{kind}",)), "file": d.get("file", ""),
              "added": d.get("added", 0),
              "present": d.get("present", 0), "rejected": d.get("rejected", 0),
              "approver": d.get("approve_as") or ""}
    return ("log.import.approved" if params["approver"] else "log.import"), params


# The sentence codes this module knows (each has a text in i18n/people.py).
_KNOWN = frozenset({
    "log.init.village", "log.demo.village", "log.enter.deed", "log.enter.deed_for",
    "log.report.deed",
    "log.approve.deed", "log.void.deed", "log.undo.deed", "log.close.month",
    "log.add.resident", "log.add.area", "log.move.household", "log.rename.area",
    "log.status.resident", "log.move.resident", "log.add.rule", "log.update.rule",
    "log.update.scheme", "log.rate.rating", "log.print_scan_sheets.scan_sheet",
    "log.add_person.person", "log.bring_in.person", "log.set_pin.person",
    "log.set_role.person", "log.set_areas.person", "log.set_resident.person",
    "log.retire.person", "log.reinstate.person", "log.recover.person",
    "log.sign_in_failed.person", "log.recovery_failed.person", "log.sign_in.person",
    "log.acknowledge.ledger", "log.restore.village", "log.restore.village_later",
    "log.baseline.village",
    "log.publish.notice", "log.shorten.notice", "log.object.objection", "log.answer.answer",
    "log.hand_total.hand_tally", "log.explain.hand_tally",
})
