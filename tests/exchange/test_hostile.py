"""Hostile and broken files get one clear, translated message and nothing is written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from village_tally.i18n import describe, has_message
from village_tally.services import deeds, importing
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GOOD_ROWS = [["日期", "姓名", "户号", "编码"], ["2026-11-03", "马丽", "0001", "L1"]]


def refused(ledger: Ledger, path: Path, kind: str = "deeds") -> str:
    """Import a file that must be refused; return the one problem's code."""
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, kind, path)
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert has_message(problem.code)
    for lang in ("zh", "en"):
        text = describe(problem, lang)
        assert path.name in text and "Traceback" not in text and "Error" not in text
    assert deeds.count_deeds(ledger) == 0
    return problem.code


def test_empty_file(ledger: Ledger, tmp_path: Path) -> None:
    (tmp_path / "空.xlsx").write_bytes(b"")
    assert refused(ledger, tmp_path / "空.xlsx") == "file.empty"


def test_missing_file(ledger: Ledger, tmp_path: Path) -> None:
    assert refused(ledger, tmp_path / "nope.csv") == "file.missing"


def test_extension_lies(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("<html><body>not a workbook</body></html>", encoding="utf-8")
    assert refused(ledger, path) == "file.not_spreadsheet"


def test_xlsx_named_csv_is_read_by_its_bytes(ledger: Ledger,
                                             xlsx: Callable[..., Path]) -> None:
    path = xlsx("real.csv", {"S": GOOD_ROWS})
    result = importing.import_file(ledger, "deeds", path)
    assert result.added == 1


def test_encrypted_workbook(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    # An Office-encrypted xlsx is an OLE2 file holding EncryptionInfo and EncryptedPackage.
    path.write_bytes(OLE2 + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
                     + b"\x00" * 1024)
    assert refused(ledger, path) == "file.encrypted"


def test_truncated_workbook(ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    path = xlsx("半截.xlsx", {"S": GOOD_ROWS})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert refused(ledger, path) == "file.damaged"


def test_corrupt_at_last_byte_imports_nothing(ledger: Ledger,
                                              xlsx: Callable[..., Path]) -> None:
    path = xlsx("坏尾.xlsx", {"S": GOOD_ROWS * 1 + [GOOD_ROWS[1]] * 50})
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # the end-of-central-directory record no longer adds up
    data[-22:] = b"\x00" * 22
    path.write_bytes(bytes(data))
    assert refused(ledger, path) == "file.damaged"


def test_csv_corrupt_at_last_byte_imports_nothing(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "尾.csv"
    good = "日期,姓名,户号,编码\n" + "2026-11-03,马丽,0001,L1\n" * 20
    path.write_bytes(good.encode("utf-8")[:-1] + b"\xff")
    assert refused(ledger, path) == "file.encoding"


def test_zip_bomb_is_refused_before_unpacking(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x20" * (40 * 1024 * 1024))
    assert path.stat().st_size < 200 * 1024
    assert refused(ledger, path) == "file.zip_bomb"


def test_xml_entities_are_refused(ledger: Ledger, xlsx: Callable[..., Path],
                                  tmp_path: Path) -> None:
    good = xlsx("ok.xlsx", {"S": GOOD_ROWS})
    path = tmp_path / "实体.xlsx"
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml" or info.filename.endswith("sheet1.xml"):
                data = data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                                    b"").replace(b"<?xml version='1.0' encoding='UTF-8'?>", b"")
                data = laughs.encode() + data
            dst.writestr(info, data)
    assert refused(ledger, path) == "file.xml_entities"


def test_other_zip_is_said_to_hold_no_spreadsheet(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "照片.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    assert refused(ledger, path) == "file.zip_not_sheet"


def test_xlsb_and_word_documents_are_named_in_plain_words(ledger: Ledger,
                                                          tmp_path: Path) -> None:
    """What a file is, in words a secretary knows: no 'ole2' or 'zip' format names."""
    xlsb = tmp_path / "二进制.xlsx"
    with zipfile.ZipFile(xlsb, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    word = tmp_path / "通知.xls"
    word.write_bytes(OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 512)
    for path, code in ((xlsb, "file.xlsb"), (word, "file.ole2_not_sheet")):
        assert refused(ledger, path) == code
        with pytest.raises(InputError) as info:
            importing.import_file(ledger, "deeds", path)
        for lang in ("zh", "en"):
            text = describe(info.value.problems[0], lang).lower()
            assert "ole2" not in text and "(zip)" not in text and "（zip）" not in text


def test_binary_csv_is_not_guessed(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\x00\x01\x02\xff\xfe\xfd" * 50)
    assert refused(ledger, path) == "file.encoding"
