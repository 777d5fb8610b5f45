"""The audit log's deed digests and its chain are a file format: a village written by an earlier
version must still verify. Since #12 a deed's digest is the database's own JSON text of its row
(store/digest.py, key `digest2`) and every entry records the bound rows it changed; the values
below were computed by that code. The head covers those rows too, so a change to what a new
village starts with (a scheme setting) moves it: pin it again, knowing that files already
written keep their own heads and still verify. A village written before
(tests/data/village-2026-11.db.gz, digests of the older kind) is given a baseline when it is
opened (store/baseline.py).
Since people sign in (#11) the history is written by signed-in people (the correction of
October is typed by the secretary who makes it), so that digest and the chain moved once more.
Since the villager's side (#13) a new village's settings carry the notice days, contact and
place, so the head moved again (the deeds' digests did not). The witness file keeps its own
head."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from tests.conftest import enter, fixed_clock
from tests.history import make_history
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.services import audit, deeds, months, people
from village_tally.services.session import Ledger, open_ledger
from village_tally.store.audit import GENESIS, canonical, entry_hash
from village_tally.store.record import fields_of
from village_tally.store.schema import audit as audit_table

PINNED_DIGESTS = [
    ("enter", "deed", "90e90708e3fe2abe00ec62e780e342f48efe24642b50fd8407eec024cec8ce20"),
    ("enter", "deed", "405d6d7b285b6c4428e826d23be7cb3a5c8822f5917af5b5cc149f9023bbff73"),
    ("import", "deeds", "45f8b9d041604aa7b851a8e084239926f68d286fe6ff7ca3e6b0075a32166def"),
    ("enter", "deed", "009c76debfbeb3aecc4f13df10ecd82d0f19a30c6d4514026277d9cc8e6b78cc"),
    ("enter", "deed", "1c2aca886e11efccb04709dee18a7ba8a76a9223bb9d18b3f00dfdc6c1dbb064"),
    # the correction of a deed of the closed month October: an adjustment in November
    ("void", "deed", "c566ff97b8efa5b730125bc9d5658d7d66c71100a56cae403737b41e76344b56"),
]
PINNED_HEAD = "00d01e43d9ee6341b2b22a1a679c13314a9707b337e482527f486637c295615e"
# A PIN's hash is salted at random, and the entries that set one record it (store.bound): the
# head is pinned with those hashes masked, every other byte of every entry as written.
SALTED = ("pin", "recovery")


def masked_head(rows: list) -> str:
    prev = GENESIS
    for row in rows:
        details = json.loads(row.details)
        for table in SALTED:
            recorded = (details.get("state") or {}).get(table)
            if recorded:
                at = recorded[0].index("hash")
                for values in recorded[1:]:
                    values[at] = "salted"
        entry = {**row._mapping, "details": canonical(details)}
        prev = entry_hash(prev, fields_of(SimpleNamespace(**entry)))
    return prev
# The head of the chain in the file written before #12 (its last entry before the baseline).
WITNESS_HEAD = "58da64ccdf5655629e188d5c620d0043683d102e17f1d68f4b130c903004e3b2"


def test_deed_digests_and_the_chain_are_what_they_always_were(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    ledger = make_ledger()
    make_history(ledger, tmp_path)
    with ledger.engine.connect() as conn:
        rows = list(conn.execute(select(audit_table).order_by(audit_table.c.id)))
    digests = [(r.action, r.entity, json.loads(r.details).get("digest2")) for r in rows
               if "digest2" in json.loads(r.details)]
    assert digests == PINNED_DIGESTS
    assert masked_head(rows) == PINNED_HEAD
    assert audit.verify(ledger).ok


WITNESS = Path(__file__).parents[1] / "data" / "village-2026-11.db.gz"


def test_a_village_file_written_before_still_opens_verifies_and_adds_up(tmp_path: Path) -> None:
    """tests/data/village-2026-11.db.gz was made by the program before deeds were typed
    records (tests/data/make_village.py); it is opened as a person would open their file.
    Nobody could sign in then: it opens in its set-up state, asks for its secretary, and the
    names it recorded become people (tests/services/test_people.py looks at those)."""
    path = tmp_path / "village.db"
    path.write_bytes(gzip.decompress(WITNESS.read_bytes()))
    ledger = open_ledger(str(path), clock=fixed_clock)
    try:
        report = audit.verify(ledger)
        assert report.ok, report.problems
        assert (report.months, report.deeds) == (1, 8)
        with ledger.engine.connect() as conn:
            rows = list(conn.execute(select(audit_table).order_by(audit_table.c.id)))
        assert rows[-2].hash == WITNESS_HEAD
        assert (rows[-1].action, rows[-1].prev_hash) == ("baseline", WITNESS_HEAD)
        assert people.needs_secretary(ledger)
        secretary = people.name_first_secretary(ledger, name="马书记", pin="2468").ledger
        totals = {(r.name, r.household): (str(r.month_points), str(r.total_points))
                  for r in months.tally(ledger, Month.parse("2026-11")).rows}
        assert totals[("王芳", "0004")] == ("28", "30")  # +30 imported, October's 2 taken back
        assert totals[("曾重行", "0002")] == ("0.5", "1")
        voided = [d for d in deeds.list_deeds(ledger) if d.status is Status.VOID]
        assert [(d.name, d.void_reason) for d in voided] == [("马丽", "姓名抄错")]
        # the file takes new deeds, and still verifies after them
        people.set_pin(secretary, "马秀兰", "1357")
        enter(people.sign_in(ledger, "马秀兰", "1357"), "王芳", rule="L1", sheet="S3", line=1)
        assert audit.verify(ledger).ok
    finally:
        ledger.close()
