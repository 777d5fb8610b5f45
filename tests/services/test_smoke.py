"""The ledger's main path: enter, tally."""

from tests.conftest import enter
from village_tally.core.month import Month
from village_tally.services import months


def test_entered_deed_counts_in_the_tally(ledger):
    enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    tally = months.tally(ledger, Month.parse("2026-11"))
    rows = {r.name: r for r in tally.rows if r.household == "0004"}
    assert str(rows["王芳"].total_points) == "2"
