"""The paper on the wall is the witness (#12 items 5 and 6): a closed month's board, tally
sheet, rewards list and statement carry the verification code of its close and a QR code of
it; a closed month reprints as it was, whatever the roster became; and a month whose ledger
does not match its record is not printed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import as_, enter
from tests.printing.conftest import pdf_text
from tests.tamper import rewrite_history, tamper_file
from village_tally.core.month import Month
from village_tally.core.witness import parse_code
from village_tally.services import audit, months, printing, proof, roster, rules
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger
from village_tally.store.db import sqlite_path


@pytest.fixture
def closed(village: Ledger) -> Ledger:
    months.close_month(as_(village, "马书记"), Month(2026, 10))
    enter(village, "马丽", date="2026-11-02", rule="L1", sheet="一片-0002", line=1)
    return village


OCTOBER = Month(2026, 10)


def papers(ledger: Ledger, folder: Path, month: Month = OCTOBER) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    out = {name: folder / f"{name}.pdf" for name in ("board", "sheet", "rewards", "statement")}
    printing.print_board(ledger, month=month, out=out["board"], paper="A4")
    printing.print_tally_sheet(ledger, month=month, out=out["sheet"])
    printing.print_rewards(ledger, month=month, out=out["rewards"])
    printing.print_statement(as_(ledger, "马主任"), name="马少军", household="0001",
                             out=out["statement"])
    return out


def text_of(pdf: Path) -> str:
    return "\n".join(pdf_text(pdf))


def qr_on(pdf: Path, folder: Path) -> list[str]:
    """The QR codes a phone would read on the first page (rendered at 150 dpi)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(folder / pdf.stem)], check=True)
    with image.open(folder / f"{pdf.stem}.png") as picture:
        return [r.text for r in zxingcpp.read_barcodes(picture)]


def test_every_closed_months_paper_carries_the_code_of_its_close(closed, tmp_path):
    sealed = proof.sealed_month(closed, Month(2026, 10))
    assert sealed is not None and parse_code(sealed.code) == sealed.code
    for name, pdf in papers(closed, tmp_path / "p").items():
        assert f"核验码（2026-10 结账）{sealed.code}" in text_of(pdf), name
        assert qr_on(pdf, tmp_path) == [sealed.code], name
    check = proof.check_code(closed, sealed.code.lower().replace("-", " "))
    assert (check.month, check.ok) == ("2026-10", True)


def test_an_open_months_board_has_no_code(closed, tmp_path):
    out = tmp_path / "november.pdf"
    printing.print_board(closed, month=Month(2026, 11), out=out, paper="A4")
    assert "核验码" not in text_of(out)


def test_a_closed_month_reprints_byte_for_byte_after_the_roster_changed(closed, tmp_path):
    first = {k: p.read_bytes() for k, p in papers(closed, tmp_path / "first").items()
             if k != "statement"}
    mali = next(r for r in roster.list_residents(closed) if r.name == "马丽")
    wangfang = next(r for r in roster.list_residents(closed) if r.name == "王芳")
    secretary = as_(closed, "马书记")  # who keeps the roster and the handbook
    roster.rename_area(secretary, "二片", "河东片")
    roster.move_household(secretary, mali.id, "0009", reason="分户")
    roster.set_resident_status(secretary, wangfang.id, "moved", reason="外迁")
    roster.add_resident(secretary, roster.NewResident(name="新来的", household="0001",
                                                      area="一片"))
    roster.add_resident(secretary, roster.NewResident(name="马丽", household="0010",
                                                      area="一片"))
    roster.set_household_area(secretary, "0003", "一片", reason="划片")
    scheme = closed.scheme
    rules.update_scheme(secretary, type(scheme)(**{**{f: getattr(scheme, f) for f in (
        "preset", "points_per_star", "base", "floor", "ceiling", "grades", "categories",
        "document_required", "rules", "rewards")}, "stars_per_flag": 3}))
    again = {k: p.read_bytes() for k, p in papers(secretary, tmp_path / "again").items()
             if k != "statement"}
    assert again == first
    today = tmp_path / "today.pdf"  # while the open month prints today's roster
    printing.print_board(secretary, month=Month(2026, 11), out=today, paper="A4")
    assert "新来的" in text_of(today)
    assert "新来的" not in text_of(tmp_path / "again" / "board.pdf")
    assert "＝3颗星" in text_of(today) and "＝6颗星" in text_of(tmp_path / "again" / "board.pdf")


def test_a_closed_month_is_not_printed_while_the_ledger_does_not_match(closed, tmp_path):
    tamper_file(sqlite_path(closed.engine), "UPDATE resident SET name = '马小丽' "
                                            "WHERE name = '马丽'")
    for name in ("board", "sheet", "rewards", "statement"):
        with pytest.raises(InputError) as caught:
            papers_one(closed, name, tmp_path / f"{name}.pdf")
        assert [p.code for p in caught.value.problems] == ["print.unverified"]
        assert not (tmp_path / f"{name}.pdf").exists()


def papers_one(ledger: Ledger, name: str, out: Path) -> None:
    if name == "board":
        printing.print_board(ledger, month=Month(2026, 10), out=out, paper="A4")
    elif name == "sheet":
        printing.print_tally_sheet(ledger, month=Month(2026, 10), out=out)
    elif name == "rewards":
        printing.print_rewards(ledger, month=Month(2026, 10), out=out)
    else:
        printing.print_statement(as_(ledger, "马主任"), name="王芳", out=out)


def test_a_rewrite_that_recomputes_every_hash_is_caught_by_the_old_papers_code(closed,
                                                                               tmp_path):
    posted = proof.sealed_month(closed, Month(2026, 10))
    assert posted is not None
    mali = next(r for r in roster.list_residents(closed) if r.name == "马丽")
    rewrite_history(closed, f"UPDATE deed SET points_h = 50000 WHERE resident_id = {mali.id} "
                            "AND month = '2026-10'")
    assert audit.verify(closed).ok  # the file alone cannot tell
    reprinted = tmp_path / "rewritten.pdf"
    printing.print_board(closed, month=Month(2026, 10), out=reprinted, paper="A4")
    assert "500" in text_of(reprinted) and posted.code not in text_of(reprinted)
    check = proof.check_code(closed, posted.code)
    assert (check.month, check.ok) == (None, False)  # the paper on the wall can
