"""The spreadsheet commands of DESIGN.md's contract: `import roster|deeds|ratings FILE`
[--sheet] [--valid-only] [--approve-as], `export --out`, and `tally --out FILE.xlsx`."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from tests.cli.conftest import THIS_MONTH, new_village
from tests.helpers.signing import PIN


def workbook(path: Path, title: str, rows: list[list[object]], *, hidden: str | None = None
             ) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if hidden:
        other = wb.create_sheet(hidden)
        other.append(["姓名", "户号"])
        other.append(["藏起来的人", "0999"])
        other.sheet_state = "hidden"
    wb.save(path)
    return path


ROSTER = [["马家村花名册"], ["姓名", "户号", "片区", "户主"],
          ["马少军", "0001", "一片", "是"], ["马丽", "0001", "一片", None],
          ["马少军", "0003", "二片", "是"], ["王芳", "0004", "二片", "是"]]
DEEDS_HEAD = ["日期", "姓名", "户号", "编码", "数量", "积分", "记录人", "单号", "行号"]


def test_import_roster_then_deeds_and_export(cli, tmp_path: Path) -> None:
    new_village(cli)
    roster = workbook(tmp_path / "花名册.xlsx", "花名册", ROSTER, hidden="旧名单")
    r = cli("import", "roster", str(roster))
    assert r.code == 0, r.err
    assert "4 rows imported" in r.err
    deeds = workbook(tmp_path / "十月.xlsx", "十月", [
        ["十月积分登记"], DEEDS_HEAD,
        ["2026-10-03", "马少军", "0001", "L1", 2, 2, "马秀兰", "A-01", 1],
        ["2026/10/4", "王芳", None, "D1", 30, 30, "马秀兰", "A-01", 2],
        ["制表人：马秀兰"]])
    # the secretary imports 马秀兰's sheet; the committee member 马主任 signs in to approve
    r = cli("import", "deeds", str(deeds), "--approve-as", "马主任",
            env={"VILLAGE_TALLY_APPROVER_PIN": "1234"})
    assert r.code == 0, r.err
    backup = r.err.split("backed up before the import to ")[1].split(" (the newest 10")[0]
    assert Path(backup).is_file() and Path(backup).parent.name == "village.backups"
    rows = {(x["name"], x["household"]): x
            for x in cli("tally", "--month", "2026-10", "--format", "json").json()}
    assert rows[("马少军", "0001")]["total_points"] == "2"
    assert rows[("王芳", "0004")]["total_points"] == "30"  # approved by 马主任
    assert rows[("王芳", "0004")]["pending_points"] == "0"
    r = cli("import", "deeds", str(deeds))
    assert r.code == 0 and "0 rows imported, 2 already present" in r.err
    r = cli("export", "--out", str(tmp_path / "全部.xlsx"))
    assert r.code == 0, r.err
    with CalamineWorkbook.from_path(str(tmp_path / "全部.xlsx")) as wb:
        assert len(wb.get_sheet_by_name("Deeds").to_python()) == 3
    r = cli("tally", "--month", "2026-10", "--out", str(tmp_path / "t.xlsx"), lang="zh")
    assert r.code == 0, r.err
    with CalamineWorkbook.from_path(str(tmp_path / "t.xlsx")) as wb:
        assert wb.get_sheet_by_index(0).to_python()[-1][0] == "合计"


def test_bad_rows_exit_2_naming_file_sheet_row_column_and_nothing_is_written(
        cli, tmp_path: Path) -> None:
    new_village(cli)
    assert cli("import", "roster", str(workbook(tmp_path / "r.xlsx", "S", ROSTER))).code == 0
    deeds = workbook(tmp_path / "坏.xlsx", "十月", [
        DEEDS_HEAD,
        ["2026-10-03", "王芳", None, "L1", 1, 1, "王建国", "A-01", 1],
        ["2026-10-03", "马少军", None, "L1", 1, 1, "王建国", "A-01", 2],
        ["10/3", "王芳", None, "L1", 1, 1, "王建国", "A-01", 3]])
    r = cli("import", "deeds", str(deeds))
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("坏.xlsx, sheet '十月', row 3, column B (姓名): ")
    assert "0001" in lines[0] and "0003" in lines[0]  # the namesakes' households
    assert lines[1].startswith("坏.xlsx, sheet '十月', row 4, column A (日期): ")
    assert "10/3" in lines[1]
    assert "Traceback" not in r.err
    totals = cli("tally", "--month", THIS_MONTH, "--format", "json").json()
    assert {x["total_points"] for x in totals} == {"0"}
    r = cli("import", "deeds", str(deeds), "--valid-only", lang="zh")
    assert r.code == 0, r.err
    assert (tmp_path / "坏.rejected.xlsx").exists()
    assert "导入 1 行" in r.err and "拒绝 2 行" in r.err


def test_hostile_and_wrong_files_and_options(cli, tmp_path: Path) -> None:
    new_village(cli)
    fake = tmp_path / "加密.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    r = cli("import", "deeds", str(fake), lang="zh")
    assert r.code == 2
    assert r.err.strip() == "文件“加密.xlsx”设有密码，请在 Excel 或 WPS 中取消密码后另存再导入"
    r = cli("import", "roster", str(workbook(tmp_path / "r.xlsx", "S", ROSTER)),
            "--sheet", "没有")
    assert r.code == 2 and "no sheet '没有'" in r.err
    r = cli("export", "--out", str(tmp_path / "x.csv"))
    assert r.code == 2 and ".xlsx" in r.err
    r = cli("import", "people", "x.xlsx")
    assert r.code == 2


def test_repeats_need_count_repeats_and_approve_as_never_passes_a_deed_too_large(
        cli, tmp_path: Path) -> None:
    assert cli("init", "--village", "马家村", "--secretary", "马书记").code == 0
    assert cli("import", "roster", str(workbook(tmp_path / "r.xlsx", "S", ROSTER))).code == 0
    head = ["日期", "姓名", "户号", "编码", "数量", "记录人"]
    visit = ["2026-10-03", "王芳", None, "C1", 1, "王建国"]
    twice = workbook(tmp_path / "两次.xlsx", "十月", [head, visit, visit])
    r = cli("import", "deeds", str(twice))
    assert r.code == 2 and "row 3" in r.err and "identical to row 2" in r.err
    assert "--count-repeats" in r.err  # what to do if it really happened twice
    assert cli("import", "deeds", str(twice), "--count-repeats").code == 0
    big = workbook(tmp_path / "大.xlsx", "十月", [head, ["2026-10-04", "王芳", None, "D1", 500,
                                                        "王建国"]])
    assert cli("person", "add", "--name", "马主任", "--role", "committee").code == 0
    r = cli("import", "deeds", str(big), "--approve-as", "马主任",
            env={"VILLAGE_TALLY_APPROVER_PIN": PIN})
    assert r.code == 2 and "+500" in r.err and "(100;" in r.err
    rows = {(x["name"], x["household"]): x
            for x in cli("tally", "--month", "2026-10", "--format", "json").json()}
    assert rows[("王芳", "0004")]["total_points"] == "4"  # the two visits, nothing else
    assert rows[("王芳", "0004")]["pending_points"] == "0"
