"""Exports: the whole ledger round-trips through import, cells are inert, the tally sheet prints
on A4 landscape; each checked with a different reader than openpyxl, which wrote them."""

from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import NOW, as_, enter
from village_tally.core.month import Month
from village_tally.services import deeds, exporting, importing, months, ratings, roster
from village_tally.services.session import Ledger

ROSTER = """
王大明 0012 东片 户主
李秀英 0012 东片
𠀀明 0013 西片 户主
=1+1 0014 西片 户主
@SUM(1) 0015 西片 户主
"""


def village(make_ledger: Callable[..., Ledger], tmp: Path) -> Ledger:
    """A Yangqiao village with every kind of entry: approved, pending, approved later, void,
    replaced, free points, a closed month corrected by an adjustment, door-sign ratings."""
    ledger = make_ledger("yangqiao", ROSTER)
    enter(ledger, "王大明", rule="Y1", date="2026-10-05", sheet="Y-01", line=1)
    enter(ledger, "李秀英", rule="Y3", date="2026-10-06", sheet="Y-01", line=2)
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    deeds.void_deed(as_(ledger, "马主任"), 2, reason="认错了人")  # → adjustment in November
    enter(ledger, "𠀀明", rule="Y2", quantity="2", date="2026-11-02", sheet="Y-02", line=1)
    wrong = enter(ledger, "=1+1", rule="Y4", date="2026-11-03", sheet="Y-02", line=2)
    deeds.void_deed(as_(ledger, "马主任"), wrong.id, reason="抄错")
    fixed, _ = deeds.enter_deed(ledger, deeds.DeedInput(
        resident="@SUM(1)", date=wrong.date, rule="Y4", recorder="马秀兰",
        source=wrong.source, replaces=wrong.id, note="+更正"))
    free = enter(ledger, "王大明", points="2.5", deed="-帮邻居修屋顶", date="2026-11-04")
    deeds.approve_deed(as_(ledger, "马主任"), free.id)
    enter(ledger, "李秀英", points="1", deed="扫雪", date="2026-11-05")  # stays pending
    gathered = tmp / "东片十一月.csv"
    gathered.write_text("日期,姓名,编码\n2026-11-06,𠀀明,Y1\n", encoding="utf-8")
    importing.import_file(ledger, "deeds", gathered)  # its source: that file, row 2
    ratings.set_ratings(as_(ledger, "马主任"), [
        ratings.Rating("0012", "2026-Q3", "tidy", 5), ratings.Rating("0012", "2026-Q3", "law", 4),
        ratings.Rating("0013", "2026-Q3", "family", 3),
        ratings.Rating("0013", "2026-Q4", "family", 4)])
    moved = next(p for p in roster.list_residents(ledger) if p.name == "李秀英")
    # history kept
    roster.set_resident_status(as_(ledger, "马书记"), moved.id, "moved", reason="嫁到邻村")
    del fixed
    return ledger


def snapshot(ledger: Ledger) -> dict[str, Any]:
    """What must survive export → import: roster, deeds with status and links, ratings,
    every month's tally."""
    people = sorted((p.name, p.household, p.area, p.is_head, p.door_plate, p.status)
                    for p in roster.list_residents(ledger))
    all_deeds = deeds.list_deeds(ledger, newest_first=False)
    by_id = {d.id: (d.name, d.date, d.title, d.points) for d in all_deeds}
    # A deed that came from a file (or was marked as typed in by hand) keeps that source;
    # one from a paper sheet keeps its sheet and line (above) and names the export as its file.
    from_files = sorted((d.name, d.title, d.source.file, d.source.row or 0) for d in all_deeds
                        if d.source.file and not d.source.file.startswith("导出"))
    rows = sorted((d.name, d.household, d.date, d.rule_code or "", d.title, d.quantity,
                   d.points, d.recorder, d.source.sheet, d.source.line, d.note, d.status,
                   d.approved_by, d.void_reason, d.voided_by, d.override_reason,
                   by_id.get(d.adjusts) if d.adjusts else None,
                   by_id.get(d.replaces) if d.replaces else None) for d in all_deeds)
    tallies = {m: [r.as_json() for r in months.tally(ledger, Month.parse(m)).rows]
               for m in ("2026-10", "2026-11")}
    stars = {q: ratings.ratings_for(ledger, q) for q in ("2026-Q3", "2026-Q4")}
    return {"roster": people, "deeds": rows, "tallies": tallies, "ratings": stars,
            "from_files": from_files}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_then_import_gives_the_same_ledger(make_ledger: Callable[..., Ledger],
                                                  tmp_path: Path, lang: str) -> None:
    source = village(make_ledger, tmp_path)
    out = tmp_path / "导出.xlsx"
    done = exporting.export_workbook(as_(source, "马主任"), out, lang=lang)
    assert (done.residents, done.deeds, done.closed_months) == (5, 9, 1)
    copy = as_(make_ledger("yangqiao"), "马书记")  # the secretary moves the ledger
    for kind in ("roster", "deeds", "ratings"):
        importing.import_file(copy, kind, out)
    assert snapshot(copy) == snapshot(source)
    for kind in ("roster", "deeds", "ratings"):  # and once more adds nothing
        again = importing.import_file(copy, kind, out)
        assert again.added == 0, kind
    # Imported back into the very ledger it came from, it adds nothing either.
    assert importing.import_file(as_(source, "马书记"), "deeds", out).added == 0


def sheet_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/")]


def test_exports_are_inert_and_keep_rare_characters(make_ledger: Callable[..., Ledger],
                                                    tmp_path: Path) -> None:
    ledger = village(make_ledger, tmp_path)
    out = tmp_path / "e.xlsx"
    exporting.export_workbook(as_(ledger, "马主任"), out, lang="zh")
    assert not any(re.search(r"<f[ >]", xml) for xml in sheet_xml(out))
    with CalamineWorkbook.from_path(str(out)) as wb:
        assert wb.sheet_names == ["村民", "积分细则", "积分记录", "评星", "已结账月份", "说明"]
        people = wb.get_sheet_by_name("村民").to_python()
        deed_rows = wb.get_sheet_by_name("积分记录").to_python()
    assert people[0] == ["姓名", "户号", "门牌号", "户主", "片区", "状态", "备注"]
    assert {r[0] for r in people[1:]} == {"王大明", "李秀英", "𠀀明", "=1+1", "@SUM(1)"}
    assert {r[1] for r in people[1:]} == {"0012", "0013", "0014", "0015"}  # text, not numbers
    by_title = {r[5]: r for r in deed_rows[1:]}
    assert by_title["-帮邻居修屋顶"][7] == 2.5  # points stay numbers
    assert by_title["-帮邻居修屋顶"][12] == "已审批"
    assert [r[11] for r in deed_rows if r[11] == "+更正"] == ["+更正"]


def test_tally_sheet_for_printing(make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    ledger = village(make_ledger, tmp_path)
    out = tmp_path / "十一月.xlsx"
    exporting.write_tally_xlsx(ledger, Month.parse("2026-11"), out, lang="zh")
    with CalamineWorkbook.from_path(str(out)) as wb:
        rows = wb.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "测试村 2026-11 积分汇总表"
    assert rows[1][0] == "未结账"
    # Yangqiao has a score but no grades: a score column, no grade column
    assert rows[2] == ["姓名", "户号", "片区", "上月累计", "本月加分", "本月扣分", "本月合计",
                       "累计", "旗", "星", "分数", "待审批"]
    body = {r[0]: r for r in rows[3:-1]}
    assert len(body) == 5
    assert body["王大明"][3:10] == [3.0, 2.5, 0.0, 2.5, 5.5, 0.0, 5.0]
    assert body["李秀英"][3:8] == [-5.0, 5.0, 0.0, 5.0, 0.0]  # the adjustment gives 5 back
    assert rows[-1][0] == "合计"
    assert rows[-1][3:10] == [sum(r[i] for r in body.values()) for i in range(3, 10)]
    assert rows[-1][10] == ""  # scores do not add up
    xml = sheet_xml(out)[0]
    assert 'orientation="landscape"' in xml and 'paperSize="9"' in xml
    assert 'fitToPage="1"' in xml


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install "
                           "libreoffice-calc")
def test_libreoffice_reads_the_export(make_ledger: Callable[..., Ledger],
                                      tmp_path: Path) -> None:
    ledger = village(make_ledger, tmp_path)
    out = tmp_path / "村民.xlsx"
    exporting.export_workbook(as_(ledger, "马主任"), out, lang="zh")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path / "csv"), str(out)],
                   check=True, capture_output=True, timeout=180)
    text = (tmp_path / "csv" / "村民.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["姓名", "户号", "门牌号", "户主", "片区", "状态", "备注"]
    names = {r[0]: r for r in rows[1:]}
    assert set(names) == {"王大明", "李秀英", "𠀀明", "=1+1", "@SUM(1)"}
    assert names["=1+1"][1] == "0014"  # not 2, not 14: text stayed text
    assert names["王大明"][3] == "是"


def test_tally_sheet_with_score_and_grade(make_ledger: Callable[..., Ledger],
                                          tmp_path: Path) -> None:
    ledger = make_ledger("rongcheng", "张伟 0001 一网格 户主\n李娜 0002 一网格 户主")
    enter(ledger, "张伟", rule="R1", date="2026-11-02", sheet="荣文〔2026〕12号", line=1)
    out = exporting.write_tally_xlsx(ledger, Month.parse("2026-11"), tmp_path / "t.xlsx", lang="en")
    with CalamineWorkbook.from_path(str(out)) as wb:
        rows = wb.get_sheet_by_index(0).to_python()
    assert rows[2] == ["Name", "Household", "Area", "Previous total", "Added", "Deducted",
                       "This month", "Total", "Flags", "Stars", "Score", "Grade", "Pending"]
    assert rows[3][:2] == ["张伟", "0001"] and rows[3][10:12] == [1030.0, "AA"]
    assert rows[4][10:12] == [1000.0, "A"]
    assert rows[5][0] == "Totals" and rows[5][10:12] == ["", ""]


def test_files_written_get_the_usual_permissions(make_ledger: Callable[..., Ledger],
                                                 tmp_path: Path) -> None:
    """Every spreadsheet the program writes (export, tally sheet, rejected rows) is created
    like any program's new file: 0666 less the umask, readable by a colleague under 022."""
    ledger = village(make_ledger, tmp_path)
    bad = tmp_path / "有错.csv"
    bad.write_text("日期,姓名,编码\n2026-11-06,没这人,Y1\n2026-11-06,𠀀明,Y1\n",
                   encoding="utf-8")
    old = os.umask(0o022)
    try:
        written = [exporting.export_workbook(as_(ledger, "马主任"), tmp_path / "全部.xlsx").path,
                   exporting.write_tally_xlsx(ledger, Month.parse("2026-11"),
                                              tmp_path / "汇总.xlsx"),
                   importing.import_file(ledger, "deeds", bad, valid_only=True).rejects_file]
        os.umask(0o077)  # a stricter umask is kept too
        written.append(exporting.export_workbook(as_(ledger, "马主任"), tmp_path / "私.xlsx").path)
    finally:
        os.umask(old)
    modes = [stat.S_IMODE(Path(str(p)).stat().st_mode) for p in written]
    assert modes == [0o644, 0o644, 0o644, 0o600]
    assert not list(tmp_path.glob(".village-tally-*"))  # no temporary file left behind


def test_entered_and_voided_at_are_date_times(make_ledger: Callable[..., Ledger],
                                              tmp_path: Path) -> None:
    """Read back by calamine (not openpyxl, which wrote them): real date-time cells in local
    time, which a spreadsheet can sort and filter by."""
    ledger = village(make_ledger, tmp_path)
    out = tmp_path / "e.xlsx"
    exporting.export_workbook(as_(ledger, "马主任"), out, lang="en")
    with CalamineWorkbook.from_path(str(out)) as wb:
        header, *rows = wb.get_sheet_by_name("Deeds").to_python()
    entered, voided = header.index("Entered at"), header.index("Voided at")
    stamp = NOW.astimezone().replace(tzinfo=None)  # the fixed clock, in this machine's zone
    assert {r[entered] for r in rows} == {stamp}
    assert sorted({type(r[voided]).__name__ for r in rows}) == ["datetime", "str"]  # or empty
    assert [r[voided] for r in rows if r[voided] != ""] == [stamp]  # "=1+1", voided
