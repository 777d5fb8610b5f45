"""A short, fixed history of a village that touches every way a deed is written: by hand (rule
points, free points approved later), a closed month, an import with an approval, a void, and
a correction of the closed month (an adjustment). Same clock, same files, same ids: the audit
digests it leaves are pinned (tests/services/test_digest_pinned.py), and
tests/data/village-2026-11.db was made by it (tests/data/make_village.py), before people signed
in: then 马秀兰 at the keyboard approved, closed and corrected "as 马书记"; now 马书记 signs in
to do it himself (#11)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROSTER, add_roster, as_, enter
from village_tally.core.month import Month
from village_tally.services import deeds, importing, months
from village_tally.services.session import Ledger

IMPORT_CSV = """日期,姓名,户号,编码,事项,数量,积分,记录人,单号,行号,备注
2026-11-02,马少军,0001,L1,,2,2,马秀兰,B7,1,装篮球架 8 小时
2026-11-03,王芳,,D1,捐电视,30,30,马秀兰,B7,2,
2026-11-04,曾重行,0002,,帮忙抄水表,,0.5,马秀兰,B7,3,
"""


def make_history(ledger: Ledger, folder: Path) -> None:
    """Write the history into a freshly made test village (the test templates' clock and
    people), `ledger` signed in as the gatherer 马秀兰; the secretary 马书记 approves, closes,
    signs in to approve an import, and corrects."""
    add_roster(ledger, ROSTER)
    secretary = as_(ledger, "马书记")
    october = enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="2", sheet="S1",
                    line=1)
    free = enter(ledger, "曾重行", date="2026-10-06", points="0.5", deed="帮忙抄水表",
                 sheet="S1", line=2)
    deeds.approve_deed(secretary, free.id)
    months.close_month(secretary, Month.parse("2026-10"))
    source = folder / "一片十一月.csv"
    source.write_text(IMPORT_CSV, encoding="utf-8")
    importing.import_file(ledger, "deeds", source, approve_as=secretary)
    mistake = enter(ledger, "马丽", rule="C1", sheet="S2", line=1)
    enter(ledger, "马少军", household="0003", rule="A1", override="两个儿子参军")
    deeds.void_deed(secretary, mistake.id, reason="姓名抄错")
    deeds.void_deed(secretary, october.id, reason="重复登记")
