"""The bulletin board: names, totals, stars and flags as the tally says, pages, checksum."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib import colors

from tests.conftest import as_, enter
from tests.printing import pdfread
from tests.printing.conftest import embedded_fonts, form_counts, pdf_text
from village_tally.core.month import Month
from village_tally.printing import art, board, page
from village_tally.printing.board_draw import segments
from village_tally.services import months
from village_tally.services.errors import InputError
from village_tally.services.printing import board_data, print_board
from village_tally.services.session import Ledger


def test_board_shows_every_resident_with_total_and_page_numbers(village: Ledger,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    result = print_board(village, month=Month.parse("2026-10"), out=out, paper="A4")
    text = "\n".join(pdf_text(out))
    for name in ("马少军", "马丽", "曾重行", "王䶮", "𠮷田花", "王芳"):
        assert name in text
    words = text.split()
    for total in ("8", "13", "7", "2", "1"):
        assert total in words
    assert result.pages == 1
    assert "第 1 页 / 共 1 页" in text
    assert "打印日期 2026-11-22" in text
    assert result.missing_chars == ()


def test_rare_characters_use_the_fallback_font_and_every_font_is_embedded(
        village: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    print_board(village, month=Month.parse("2026-10"), out=out, paper="A4")
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert any("HanaMin" in name for name in fonts), fonts
    assert any("WenQuanYi" in name for name in fonts), fonts


def test_marks_drawn_match_the_tally(village: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    print_board(village, month=Month.parse("2026-10"), out=out, paper="A4", order="household")
    data = board_data(village, Month.parse("2026-10"))
    pages = board.layout(data, "A4", "household")
    rows = {i.resident_id: i for p in pages for i in p.items if i.kind == "row"}
    tally = months.tally(village, Month.parse("2026-10"))
    for row in tally.rows:
        assert (rows[row.resident_id].flags, rows[row.resident_id].stars) == (row.flags, row.stars)
    # 马丽 has 13 points: 2 flags and 1 star; 王芳 (-2) shows nothing.
    by_name = {i.text: i for i in rows.values()}
    assert (by_name["马丽"].flags, by_name["马丽"].stars) == (2, 1)
    assert (by_name["王芳"].flags, by_name["王芳"].stars, by_name["王芳"].total) == (0, 0, "—")
    # What the PDF draws: one Do per mark, plus the legend's one star and one flag per page.
    stars, flags = form_counts(out, art.STAR), form_counts(out, art.FLAG)
    assert stars == [p.stars + 1 for p in pages]
    assert flags == [p.flags + 1 for p in pages]
    on_rows = sum(r.stars for r in tally.rows), sum(r.flags for r in tally.rows)
    models = [i for p in pages for i in p.items if i.kind == "model"]
    assert sum(stars) - len(pages) == on_rows[0] + sum(m.stars for m in models)
    assert sum(flags) - len(pages) == on_rows[1] + sum(m.flags for m in models)


def test_role_models_are_the_highest_totals(village: Ledger) -> None:
    data = board_data(village, Month.parse("2026-10"))
    models = [(i.rank, i.text) for i in board.layout(data, "A4")[0].items if i.kind == "model"]
    assert models == [(1, "马丽"), (2, "马少军"), (3, "王䶮"), (4, "𠮷田花"), (5, "曾重行")]


def test_same_data_gives_the_same_bytes(village: Ledger, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    print_board(village, month=Month.parse("2026-10"), out=a, paper="A3", order="rank")
    print_board(village, month=Month.parse("2026-10"), out=b, paper="A3", order="rank")
    assert a.read_bytes() == b.read_bytes()


def test_open_month_is_a_draft_and_closed_month_carries_its_checksum(
        village: Ledger, tmp_path: Path) -> None:
    draft = tmp_path / "draft.pdf"
    print_board(village, month=Month.parse("2026-10"), out=draft, paper="A4")
    text = "\n".join(pdf_text(draft))
    assert "草稿" in text and "校验码" not in text
    digest, _ = months.close_month(as_(village, "马书记"), Month.parse("2026-10"))
    final = tmp_path / "final.pdf"
    print_board(village, month=Month.parse("2026-10"), out=final, paper="A4", lang="en")
    text = "\n".join(pdf_text(final))
    assert f"checksum {digest}" in text
    assert "DRAFT" not in text


def test_each_text_is_drawn_in_its_colour(village: Ledger, tmp_path: Path) -> None:
    """Read back from the PDF: names and totals black, the month's change red, household
    lines grey (a page's texts are written together, each colour set where it changes)."""
    out = tmp_path / "board.pdf"
    print_board(village, month=Month.parse("2026-10"), out=out, paper="A4", order="household")
    sheet = pdfread.read(out)[0]
    colours: dict[str, set[tuple[float, ...] | None]] = {}
    for w in sheet.words:
        colours.setdefault(w.text, set()).add(pdfread.colour_of(sheet, w))
    black, red, grey = ((c.red, c.green, c.blue) for c in (colors.black, art.RED, art.GREY))
    for text in ("马丽", "马少军", "王䶮", "13", "—"):
        assert colours[text] == {black}, text
    words = sheet.words
    changes = [words[i - 1] for i, w in enumerate(words)  # 本月 +8: the change starts at 本月
               if w.text.startswith("+") and words[i - 1].text == "本月"]
    assert changes
    assert {pdfread.colour_of(sheet, w) for w in changes} == {red}
    households = [t for t in colours if t.endswith("户") and t[:-1].isdigit()]
    assert households
    assert all(colours[t] == {grey} for t in households), colours


@pytest.fixture
def long_village(make_ledger: Callable[..., Ledger]) -> Ledger:
    """240 residents in households of one to five, in three areas, with points."""
    lines, n, hh = [], 0, 0
    while n < 240:
        hh += 1
        for k in range(1 + hh % 5):
            lines.append(f"村民{n:03d} {hh:04d} {'一二三'[hh % 3]}片{' 户主' if k == 0 else ''}")
            n += 1
    ledger = make_ledger(roster_text="\n".join(lines))
    for i in range(0, n, 7):
        enter(ledger, f"村民{i:03d}", date="2026-11-02", rule="L1", quantity=str(1 + i % 40))
    return ledger


@pytest.mark.parametrize(("paper", "order"), [("A4", "area"), ("A4", "household"),
                                              ("A3", "area")])
def test_a_long_village_never_splits_a_household(long_village: Ledger, tmp_path: Path,
                                                 paper: str, order: str) -> None:
    data = board_data(long_village, Month.parse("2026-11"))
    pages = board.layout(data, paper, order)
    assert len(pages) > 1
    seen = Counter(code for p in pages for code in p.households)
    assert set(seen) == {r.household for r in data.rows}
    assert max(seen.values()) == 1
    for p in pages:
        members = {i.resident_id for i in p.items if i.kind == "row"}
        households = {r.household for r in data.rows if r.resident_id in members}
        assert households == set(p.households)
    out = tmp_path / "long.pdf"
    result = print_board(long_village, month=Month.parse("2026-11"), out=out, paper=paper,
                         order=order)
    texts = pdf_text(out)
    assert result.pages == len(pages) == len(texts)
    for number, (p, text) in enumerate(zip(pages, texts, strict=True), start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in text
        for code in p.households:
            assert f"{code}户" in text


def test_nothing_overflows_the_page(long_village: Ledger) -> None:
    data = board_data(long_village, Month.parse("2026-11"))
    for paper in board.PAPERS:
        for p in board.layout(data, paper, "area"):
            lowest = min(i.y - i.height for i in p.items)
            assert lowest >= page.MARGIN + page.FOOTER - 0.01


def test_unknown_paper_is_refused_naming_the_option(village: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        print_board(village, month=Month.parse("2026-10"), out=tmp_path / "x.pdf", paper="B5")
    assert err.value.problems[0].where.field == "paper"
    assert not (tmp_path / "x.pdf").exists()


def test_many_flags_wrap_onto_more_lines_and_are_all_drawn(village: Ledger,
                                                          tmp_path: Path) -> None:
    for day in ("2026-10-20", "2026-10-21"):  # 150 in all: 25 flags (at most 100 a deed)
        enter(village, "王芳", date=day, rule="L1", quantity="76")
    data = board_data(village, Month.parse("2026-10"))
    pages = board.layout(data, "A4", "household")
    row = next(i for i in pages[0].items if i.kind == "row" and i.text == "王芳")
    assert (row.flags, row.stars, row.total) == (25, 0, "150")
    assert row.lines == -(-25 // board.geometry(data, "A4").slots) > 1
    assert segments(25, 3, 17) == ((0, 0, art.FLAG, 17), (1, 0, art.FLAG, 8),
                                   (1, 8, art.STAR, 3))
    out = tmp_path / "b.pdf"
    print_board(village, month=Month.parse("2026-10"), out=out, paper="A4", order="household")
    assert form_counts(out, art.FLAG) == [p.flags + 1 for p in pages]
    assert form_counts(out, art.STAR) == [p.stars + 1 for p in pages]


def test_a_cancelled_job_leaves_no_file(long_village: Ledger, tmp_path: Path) -> None:
    from village_tally.services.errors import Cancelled
    from village_tally.services.jobs import JobControl

    seen: list[tuple[int, int]] = []
    job = JobControl(progress=lambda done, total: seen.append((done, total)))

    def stop_after_first_page(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 1:
            job.cancel.set()

    job.progress = stop_after_first_page
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "board.pdf"
    with pytest.raises(Cancelled):
        print_board(long_village, month=Month.parse("2026-11"), out=out, paper="A4", job=job)
    assert not list(folder.iterdir())  # neither the PDF nor its temporary part
    assert seen[0] == (0, 1) and seen[1][0] == 1
