"""The other formats committees send: OpenDocument (.ods) and old Excel (.xls)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.conftest import as_
from village_tally.i18n import describe
from village_tally.services import deeds, importing, people
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice or WPS would save one."""
    body = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p>'
            "</table:table-cell>" for c in row) + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="十一月">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", MANIFEST)
        zf.writestr("content.xml", content)
    return path


ROWS = [["日期", "姓名", "户号", "编码", "记录人"],
        ["2026年11月3日", "马丽", "0001", "L1", "马秀兰"],
        ["2026.11.4", "王芳", "", "N1", "马秀兰"]]


def test_ods(ledger: Ledger, tmp_path: Path) -> None:
    result = importing.import_file(ledger, "deeds", ods(tmp_path / "十一月.ods", ROWS))
    assert (result.added, result.sheet) == (2, "十一月")
    assert [(d.name, str(d.points)) for d in deeds.list_deeds(ledger, newest_first=False)] == [
        ("马丽", "1"), ("王芳", "-2")]


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: it writes the .xls here")
def test_xls_saved_by_libreoffice(ledger: Ledger, xlsx: Callable[..., Path],
                                  tmp_path: Path) -> None:
    source = xlsx("十一月.xlsx", {"十一月": ROWS})
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path / "xls"), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = importing.import_file(ledger, "deeds", tmp_path / "xls" / "十一月.xls")
    assert result.added == 2
    assert [d.date.isoformat() for d in deeds.list_deeds(ledger, newest_first=False)] == [
        "2026-11-03", "2026-11-04"]


# --- the format is told by the bytes, whatever the name says ---------------------------------

REAL_XLS = Path(__file__).parents[1] / "data" / "november-libreoffice.xls"  # LibreOffice 7.4


@pytest.mark.parametrize("name", ["十一月.xlsx", "十一月.ods", "十一月.xlsm", "十一月.xls"])
def test_a_real_xls_imports_whatever_it_is_called(ledger: Ledger, tmp_path: Path,
                                                  name: str) -> None:
    path = tmp_path / name
    shutil.copyfile(REAL_XLS, path)
    people.set_areas(as_(ledger, "马书记"), "王建国", ["一片", "二片"])
    result = importing.import_file(as_(ledger, "王建国"), "deeds", path)  # his own sheet
    assert (result.added, result.sheet) == (2, "十一月")


@pytest.mark.parametrize("name", ["十一月.xls", "十一月.ods"])
def test_an_xlsx_imports_whatever_it_is_called(ledger: Ledger, xlsx: Callable[..., Path],
                                               name: str) -> None:
    result = importing.import_file(ledger, "deeds", xlsx(name, {"十一月": ROWS}))
    assert result.added == 2


def test_an_ods_named_xlsx_imports(ledger: Ledger, tmp_path: Path) -> None:
    result = importing.import_file(ledger, "deeds", ods(tmp_path / "十一月.xlsx", ROWS))
    assert result.added == 2


# --- zips written by other systems (HR and government software) -------------------------------

def rezip(source: Path, target: Path, rename: Callable[[str], str],
          rewrite: Callable[[str, bytes], bytes] = lambda _n, data: data) -> Path:
    """The same workbook packed again the way another system packs it."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(rename(info.filename), rewrite(info.filename, src.read(info)))
    return target


def without_xl_folder(name: str, data: bytes) -> bytes:
    """Relationship targets and content types pointing at parts moved out of xl/."""
    if name.endswith(".rels") or name == "[Content_Types].xml":
        return data.replace(b"/xl/", b"/").replace(b'Target="xl/', b'Target="')
    return data


def test_backslash_member_names(ledger: Ledger, xlsx: Callable[..., Path],
                                tmp_path: Path) -> None:
    source = xlsx("plain.xlsx", {"说明": [["本表由人事系统导出"]], "十一月": ROWS},
                  active="十一月", hidden_rows={"十一月": [3]})
    path = rezip(source, tmp_path / "人事系统.xlsx", lambda n: n.replace("/", "\\"))
    preview = importing.preview_import(ledger, "deeds", path)
    assert preview.sheet == "十一月"  # the active tab, read from the workbook part
    assert [p.code for p in preview.problems] == ["import.row_hidden"]  # and its hidden rows


def test_no_xl_folder(ledger: Ledger, xlsx: Callable[..., Path], tmp_path: Path) -> None:
    source = xlsx("plain.xlsx", {"说明": [["政务系统导出"]], "十一月": ROWS}, active="十一月")
    path = rezip(source, tmp_path / "政务系统.xlsx",
                 lambda n: n.removeprefix("xl/"), without_xl_folder)
    assert "xl/workbook.xml" not in zipfile.ZipFile(path).namelist()
    result = importing.import_file(ledger, "deeds", path)
    assert (result.added, result.sheet) == (2, "十一月")


def test_a_zip_no_reader_can_follow_says_save_it_again(ledger: Ledger,
                                                       xlsx: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    """The workbook part is there but its sheets are not where it says: no guessing, and
    the message says what a person can do about it."""
    source = xlsx("plain.xlsx", {"十一月": ROWS})
    path = rezip(source, tmp_path / "导出.xlsx",
                 lambda n: n.removeprefix("xl/").replace("worksheets/", "ws/"),
                 without_xl_folder)
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    (problem,) = info.value.problems
    assert problem.code == "file.resave"
    assert "WPS 或 Excel 中打开后重新保存" in describe(problem, "zh")
    assert "不受支持" not in describe(problem, "zh")
