"""The audit log's deed digests and its chain are a file format: a village written by an earlier
version must still verify. These values were computed by the code as it was before deeds became
typed records (#10); a change that alters them breaks every village file already written.

Since people sign in (#11) the history is written by signed-in people: the correction of
October is typed by the secretary who makes it (its `created_by` was the gatherer at the
keyboard before), so that one digest is new, as is the chain (the people have audit entries);
the five others are what they always were. The witness file keeps its own head."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from tests.conftest import enter, fixed_clock
from tests.history import make_history
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.services import audit, deeds, months, people
from village_tally.services.session import Ledger, open_ledger
from village_tally.store.schema import audit as audit_table

PINNED_DIGESTS = [
    ("enter", "deed", "7438e93827c5b404fe56feec9753e9bab213fe8f8695e30523f5cd2e22a96941"),
    ("enter", "deed", "78bb3598abe43e8ad13d71675bd4f006814505b78042a88849b3526d23142a88"),
    ("import", "deeds", "782d6ad7a92ee7fc9dbab0150d805331770b30e505e1930eddcb555ad92f0e3c"),
    ("enter", "deed", "7bbeb7ba2d39609719e30fe29e2ac729847b5600599d9add6fd439ef69a35a2a"),
    ("enter", "deed", "96819507c583c1562cc80609be797ba51a77b2feb7256d0b034b9c7246ab8d67"),
    # the correction of a deed of the closed month October: an adjustment in November, typed
    # by the secretary who makes it (#11; b4a7637b… when the gatherer's name was its typist's)
    ("void", "deed", "3a078a160bc624e66c4f8108860a69585a0e5b5ae8d7463a4a90e97935e31404"),
]
PINNED_HEAD = "42655fd54545c3e1773a62a8add76ed33344df8cbdb6c4bab0f2061cd39bb6df"
# The head of the witness file's chain, written before people signed in.
WITNESS_HEAD = "58da64ccdf5655629e188d5c620d0043683d102e17f1d68f4b130c903004e3b2"


def test_deed_digests_and_the_chain_are_what_they_always_were(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    ledger = make_ledger()
    make_history(ledger, tmp_path)
    with ledger.engine.connect() as conn:
        rows = list(conn.execute(select(audit_table).order_by(audit_table.c.id)))
    digests = [(r.action, r.entity, json.loads(r.details).get("digest")) for r in rows
               if "digest" in json.loads(r.details)]
    assert digests == PINNED_DIGESTS
    assert rows[-1].hash == PINNED_HEAD
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
        assert rows[-1].hash == WITNESS_HEAD
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
