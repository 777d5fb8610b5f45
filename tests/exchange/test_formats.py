"""The other formats committees send: OpenDocument (.ods) and old Excel (.xls)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from village_tally.services import deeds, importing
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
