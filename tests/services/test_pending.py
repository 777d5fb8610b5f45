"""Why each pending deed waits, and whether the signed-in person may approve it: the pending
list's words (services.pending), said from the deed as stored."""

from __future__ import annotations

from tests.conftest import as_, enter
from village_tally.core.month import Month
from village_tally.services import pending, people
from village_tally.services.session import Ledger

OCTOBER = Month.parse("2026-10")


def why(ledger: Ledger, lang: str = "en") -> dict[int, list[str]]:
    from village_tally.i18n import tr

    return {w.deed.id: [tr(p.code, lang, **dict(p.params)) for p in w.why]
            for w in pending.pending_deeds(ledger, OCTOBER)}


def test_each_reason_a_deed_waits_is_said(ledger: Ledger) -> None:
    people.set_resident(as_(ledger, "马书记"), "马秀兰", "马丽", "0001")
    split = [enter(ledger, "王芳", rule="D1", quantity="5", date=f"2026-10-0{d}", sheet="S1",
                   line=d) for d in (2, 3, 4)]
    whole = enter(ledger, "曾重行", rule="D1", quantity="30", date="2026-10-05")
    free = enter(ledger, "王芳", points="3", deed="修好路灯", date="2026-10-06")
    own = enter(ledger, "马丽", rule="L1", date="2026-10-07")
    always = enter(ledger, "王芳", rule="N2", date="2026-10-08")
    said = why(ledger)
    assert split[0].id not in said and split[1].id not in said  # 5, then 10: not above 10
    assert said[split[2].id] == [
        "15 this month under the same rule, above the approval line of 10"]
    assert said[whole.id] == ["30 in one deed, above the approval line of 10"]
    assert said[free.id] == ["free points, under no rule"]
    assert said[own.id] == ["马秀兰 recorded it for themselves"]
    assert said[always.id] == ["rule N2 has every deed approved"]
    assert why(ledger, "zh")[split[2].id] == ["本月同一细则合计 15 分，超过审批线 10 分"]


def test_who_may_not_approve_is_told_why_per_deed(ledger: Ledger) -> None:
    deed = enter(ledger, "曾重行", rule="D1", quantity="30", date="2026-10-05")
    (mine,) = pending.pending_deeds(as_(ledger, "马秀兰"), OCTOBER)  # the gatherer's role
    assert [p.code for p in mine.refused] == ["authority.role_may_not"]
    (theirs,) = pending.pending_deeds(as_(ledger, "马主任"), OCTOBER)
    assert theirs.deed.id == deed.id and theirs.refused == ()
    (unsigned,) = pending.pending_deeds(ledger.acting_as(None), OCTOBER)  # reading is anyone's
    assert [p.code for p in unsigned.refused] == ["authority.signed_out"]
