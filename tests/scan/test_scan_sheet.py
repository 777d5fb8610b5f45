"""Printing scan sheets: what the paper says, what each number means, and that it stays so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import add_roster
from tests.printing.conftest import embedded_fonts, pdf_text
from village_tally.core.month import Month
from village_tally.services.errors import InputError
from village_tally.services.scan_sheets import issued_sheets, print_scan_sheets
from village_tally.services.session import Ledger

NOVEMBER = Month(2026, 11)


def test_front_and_back_of_each_sheet(scan_village: Ledger, tmp_path: Path) -> None:
    pdf = tmp_path / "s.pdf"
    result = print_scan_sheets(scan_village, out=pdf, area="东片", month=NOVEMBER, sheets=2)
    texts = pdf_text(pdf)
    assert result.pages == len(texts) == 4
    front, back = texts[0], texts[1]
    assert front.count("东片-2026-11-001") == 2  # top and bottom
    assert "东片-2026-11-002" in texts[2]
    assert "2B" in front and "村民序号" in front and "姓名" in front and "备注" in front
    assert all(str(n) in front.split() for n in range(1, 21))
    assert "01\n东000（1000）" in back and "37\n东036（1012）" in back
    assert "西000" not in back
    assert "L1 义务劳动" in back and "N2" in back
    assert all(embedded_fonts(pdf).values())


def test_the_same_sheets_print_the_same_bytes(scan_village: Ledger, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_scan_sheets(scan_village, out=a, area="东片", month=NOVEMBER, sheets=2)
    print_scan_sheets(scan_village, out=b, area="东片", month=NOVEMBER, sheets=2, first=1)
    assert a.read_bytes() == b.read_bytes()


def test_numbers_continue_and_keep_their_meaning(scan_village: Ledger, tmp_path: Path) -> None:
    print_scan_sheets(scan_village, out=tmp_path / "a.pdf", area="东片", month=NOVEMBER,
                      sheets=2)
    add_roster(scan_village, "东新人 1999 东片 户主")
    with pytest.raises(InputError) as err:
        print_scan_sheets(scan_village, out=tmp_path / "b.pdf", area="东片", month=NOVEMBER,
                          first=2)
    assert err.value.problems[0].code == "scan.sheet_changed"
    assert err.value.problems[0].params["next"] == 3
    print_scan_sheets(scan_village, out=tmp_path / "c.pdf", area="东片", month=NOVEMBER)
    issued = issued_sheets(scan_village)
    assert sorted(issued) == ["东片-2026-11-001", "东片-2026-11-002", "东片-2026-11-003"]
    assert len(issued["东片-2026-11-002"].residents) == 37
    assert len(issued["东片-2026-11-003"].residents) == 38
    assert "东片-2026-11-003" in pdf_text(tmp_path / "c.pdf")[0]


def test_every_area_when_none_is_named(scan_village: Ledger, tmp_path: Path) -> None:
    result = print_scan_sheets(scan_village, out=tmp_path / "all.pdf", month=NOVEMBER)
    texts = pdf_text(tmp_path / "all.pdf")
    assert result.pages == 4
    assert "东片-2026-11-001" in texts[0] and "西片-2026-11-001" in texts[2]
    assert "120" in texts[3] and "（3 行" in texts[2]


def test_bad_input_names_the_field(scan_village: Ledger, tmp_path: Path) -> None:
    # (the month is a Month value, read where it is typed: core/test_month, the CLI's tests)
    for kwargs, code in (({"area": "北片"}, "print.area_unknown"),
                         ({"sheets": 0}, "print.sheets_invalid")):
        with pytest.raises(InputError) as err:
            print_scan_sheets(scan_village, out=tmp_path / "x.pdf", **kwargs)
        assert err.value.problems[0].code == code
    assert not (tmp_path / "x.pdf").exists()
    assert issued_sheets(scan_village) == {}
