"""Every document for every preset, on every paper it offers, from one small village per preset:
ties, namesakes, long minority names, rare characters, totals below zero, a closed month and an
open one on public notice. The gallery test reads them back; run as a program it renders the
pages README shows:

    .venv/bin/python -m tests.printing.gallery docs/gallery
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import add_roster, as_, enter, fixed_clock, make_village
from village_tally.core.month import Month
from village_tally.core.notice import Notice
from village_tally.core.points import MAX_POINTS, Points
from village_tally.core.rating import Rating
from village_tally.core.reward import award
from village_tally.core.rule import Rule
from village_tally.printing import board
from village_tally.services import months, printing, ratings, rules
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, open_ledger

PRESETS = ("jiakuang-majia", "yangqiao", "rongcheng", "dongdao-lujia", "suzhou")
CLOSED, OPEN = Month(2026, 10), Month(2026, 11)
ROSTER = """
马少军 0001 一片 户主
马丽 0001 一片
阿依古丽·买买提 0002 一片 户主
玉素甫江·阿不都热合曼 0002 一片
马秀华 0003 二片 户主
王䶮 0003 二片
马秀华 0010 十片 户主
𠮷田花 0010 十片
曾重行 0004 三片 户主
李桂英 0004 三片
赵大海 0005 二片 户主
王芳 0006 十片 户主
张伟 0008 一片 户主
刘洋 0008 一片
陈静 0009 二片 户主
"""
# October, in units of the preset's smallest plain good deed: a three-way tie at 12, namesakes.
OCTOBER = {("马少军", "0001"): 12, ("马丽", "0001"): 12, ("阿依古丽·买买提", "0002"): 12,
           ("玉素甫江·阿不都热合曼", "0002"): 20, ("马秀华", "0003"): 7, ("王䶮", "0003"): 3,
           ("马秀华", "0010"): 1, ("𠮷田花", "0010"): 5, ("李桂英", "0004"): 2,
           ("赵大海", "0005"): 9, ("张伟", "0008"): 30, ("刘洋", "0008"): 1}
NOVEMBER = {("马丽", "0001"): 3, ("张伟", "0008"): 2, ("王芳", "0006"): 1}
BELOW = (("王芳", "0006", 2), ("陈静", "0009", 1))  # deductions: below zero
NOTICE = Notice(dt.date(2026, 11, 20), dt.date(2026, 11, 27),
                "马秀兰（信息员，电话 139 0000 1234）", "村委会办公室", dt.date(2026, 11, 27))
STARS = {"0001": (5, 5, 5, 5, 5), "0002": (5, 4, 3, 5, 2), "0003": (1, 1, 1, 1, 1),
         "0005": (3, 3, 4, 3, 3)}


def _plain(ledger: Ledger, sign: int) -> Rule | None:
    """The preset's smallest rule of that sign without a cap or an approval threshold."""
    plain = [r for r in ledger.scheme.rules if r.points.hundredths * sign > 0
             and r.monthly_cap is None and r.approval_above is None]
    return min(plain, key=lambda r: abs(r.points.hundredths), default=None)


def build(preset: str, folder: Path) -> Ledger:
    """The preset's village: October closed, November open; ratings where the preset has them."""
    make_village(folder / f"{preset}.db", preset, name="马家村")
    ledger = as_(open_ledger(str(folder / f"{preset}.db"), clock=fixed_clock), "马秀兰")
    add_roster(ledger, ROSTER)
    # A resident's month is one deed here (many flags on the wall): the village allows it.
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(
        ledger.scheme, max_deed_points=Points.of(MAX_POINTS)))
    ledger.reload()  # the gatherer\'s view of the scheme, as the secretary left it
    good, bad = _plain(ledger, 1), _plain(ledger, -1)
    assert good is not None
    line = iter(range(1, 1000))

    def deed(name: str, household: str, day: str, rule: Rule, qty: int) -> None:
        n = next(line)
        enter(ledger, name, household=household, date=day, rule=rule.code, quantity=str(qty),
              sheet=f"文{n // 20 + 1:03d}号", line=n % 20 + 1)

    for (name, household), qty in OCTOBER.items():
        deed(name, household, "2026-10-08", good, qty)
    if bad is not None:
        for name, household, qty in BELOW:
            deed(name, household, "2026-10-09", bad, qty)
    months.close_month(as_(ledger, "马书记"), CLOSED)
    for (name, household), qty in NOVEMBER.items():
        deed(name, household, "2026-11-05", good, qty)
    cap = next((r for r in ledger.scheme.rules if r.grade_cap is not None), None)
    if cap is not None:  # Rongcheng: drunk driving holds a positive total's grade at C
        deed("赵大海", "0005", "2026-11-06", cap, 1)
    if ledger.scheme.categories:
        ratings.set_ratings(as_(ledger, "马主任"), [
            Rating(h, "2026-Q4", c.code, n) for h, stars in STARS.items()
            for c, n in zip(ledger.scheme.categories, stars, strict=True)])
    return ledger


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed document and what a reader must find on it."""

    name: str
    path: Path
    paper: str  # A4, A3, A2 (the board's type floor depends on it)
    names: tuple[str, ...]  # every one must be findable in the text
    board: bool = False
    absent: tuple[str, ...] = field(default=())  # names that must not be there


def _names(ledger: Ledger, month: Month, above_zero: bool = False) -> tuple[str, ...]:
    rows = printing.board_data(ledger, month).rows
    return tuple(r.name for r in rows if not above_zero or r.total_points.hundredths > 0)


def documents(ledger: Ledger, out: Path, lang: str) -> Iterator[Printed]:
    """Print every document of the village into `out`, yielding each as it is written."""
    everyone = _names(ledger, OPEN)
    for paper in board.PAPERS:
        for order in board.ORDERS:
            month = CLOSED if order == "rank" else OPEN
            path = out / f"board-{order}-{paper}-{lang}.pdf"
            printing.print_board(ledger, month=month, out=path, paper=paper, order=order,
                                 lang=lang, notice=None if month == CLOSED else NOTICE)
            shown = _names(ledger, month, above_zero=True) if order == "rank" else everyone
            hidden = tuple(n for n in everyone if n not in shown)
            yield Printed(path.stem, path, paper, shown, True, hidden)
    path = out / f"tally-{lang}.pdf"
    printing.print_tally_sheet(ledger, month=OPEN, out=path, lang=lang, notice=NOTICE)
    yield Printed(path.stem, path, "A4", everyone)
    path = out / f"rewards-{lang}.pdf"
    printing.print_rewards(ledger, month=CLOSED, out=path, lang=lang)
    winners = tuple(r.name for r, _ in award(printing.sheet_data(ledger, CLOSED).rows,
                                             ledger.scheme.rewards))
    yield Printed(path.stem, path, "A4", winners)
    for who, household in (("赵大海", "0005"), ("王芳", "0006")):
        path = out / f"statement-{household}-{lang}.pdf"
        printing.print_statement(as_(ledger, "马主任"), name=who, household=household,
                                 out=path, lang=lang)
        yield Printed(path.stem, path, "A4", (who,))
    if ledger.scheme.categories:
        heads = ("马少军", "阿依古丽·买买提", "马秀华", "赵大海")
        for per_sheet in (1, 2):
            path = out / f"signs-{per_sheet}-{lang}.pdf"
            printing.print_signs(ledger, quarter="2026-Q4", out=path, per_sheet=per_sheet,
                                 lang=lang)
            yield Printed(path.stem, path, "A4", heads)
    else:
        try:
            printing.print_signs(ledger, quarter="2026-Q4", out=out / "none.pdf", lang=lang)
        except InputError as exc:
            assert [p.code for p in exc.problems] == ["print.no_categories"]
    for kind in printing.FORMS:
        if kind == "inspection" and not ledger.scheme.categories:
            continue
        path = out / f"{kind}-{lang}.pdf"
        printing.print_form(ledger, kind=kind, out=path, area="一片", lang=lang)
        heads = ("马少军", "阿依古丽·买买提", "张伟") if kind == "inspection" else ()
        yield Printed(path.stem, path, "A4", heads)


# The pages README's gallery shows: (preset, document, language, page).
SHOWN = (("jiakuang-majia", "board-area-A3", "zh", 1), ("rongcheng", "board-rank-A2", "zh", 1),
         ("yangqiao", "board-household-A4", "en", 1), ("suzhou", "board-area-A2", "en", 1),
         ("rongcheng", "tally", "zh", 1), ("yangqiao", "tally", "en", 1),
         ("dongdao-lujia", "rewards", "zh", 1), ("jiakuang-majia", "rewards", "en", 1),
         ("yangqiao", "statement-0006", "zh", 1), ("rongcheng", "statement-0005", "en", 1),
         ("yangqiao", "signs-2", "zh", 1), ("yangqiao", "signs-1", "en", 1),
         ("rongcheng", "field-sheet", "en", 1), ("jiakuang-majia", "field-sheet", "zh", 1),
         ("yangqiao", "inspection", "zh", 1))


def render(target: Path, dpi: int = 50, step: Callable[[str], None] = print) -> None:
    """Print every document of every preset and render the pages of SHOWN as PNG into
    `target` (small: `dpi` 50)."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for preset in PRESETS:
            ledger = build(preset, folder)
            try:
                for lang in ("zh", "en"):
                    out = folder / preset / lang
                    out.mkdir(parents=True)
                    done = {p.name: p.path for p in documents(ledger, out, lang)}
                    for shown, name, want, number in SHOWN:
                        if (shown, want) == (preset, lang):
                            _png(done[f"{name}-{lang}"], target / f"{preset}-{name}-{lang}",
                                 number, dpi)
                            step(f"{preset} {name} {lang}")
            finally:
                ledger.close()


def _png(pdf: Path, stem: Path, number: int, dpi: int) -> None:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(number), "-l", str(number),
                    "-singlefile", str(pdf), str(stem)], check=True)


if __name__ == "__main__":
    where = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/gallery")
    if where.exists():
        shutil.rmtree(where)
    render(where)
