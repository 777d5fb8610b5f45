"""The ledger's main path: enter, tally."""

from tests.conftest import enter
from village_tally.services import months


def test_entered_deed_counts_in_the_tally(ledger):
    enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    rows = {r.name: r for r in months.tally(ledger, "2026-11").rows if r.household == "0004"}
    assert str(rows["王芳"].total_points) == "2"
