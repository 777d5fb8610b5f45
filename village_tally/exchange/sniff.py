"""What a file really is, by its bytes, and whether it is safe to parse (hostile files).

Every refusal is a `ParseError` whose code `village_tally.i18n` translates; no library text ever
reaches the user. Checks run before any parser sees the file: size, magic bytes, encryption,
zip member sizes and ratios, and XML prologs with DOCTYPE or ENTITY declarations.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from village_tally.core.problem import ParseError

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 600 * 1024 * 1024  # a 200,000-row sheet unpacks to well under this
MAX_MEMBER_RATIO = 200  # deflate of real sheets stays far below; bombs go to 1000:1
RATIO_FLOOR_BYTES = 4 * 1024 * 1024  # small members may compress extremely (empty styles)
MAX_MEMBERS = 5000
PROLOG_BYTES = 64 * 1024
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A file's real kind: 'xlsx', 'xls', 'ods' or 'csv'."""

    path: Path
    kind: str


def sniff(path: Path) -> Sniffed:
    """The kind of a file by its bytes, after the safety checks; raises ParseError('file.*')."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ParseError("file.missing", file=name) from None
    except IsADirectoryError:
        raise ParseError("file.missing", file=name) from None
    except PermissionError:
        raise ParseError("file.unreadable", file=name) from None
    if size == 0:
        raise ParseError("file.empty", file=name)
    if size > MAX_FILE_BYTES:
        raise ParseError("file.too_big", file=name, size=size // (1024 * 1024))
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(path)
    elif head.startswith(OLE2_MAGIC):
        kind = _ole2_kind(path)
    elif suffix in SPREADSHEET_SUFFIXES:
        # The name says spreadsheet but the bytes are something else (text, HTML, truncated).
        raise ParseError("file.not_spreadsheet", file=name, suffix=suffix)
    else:
        kind = "csv"
    return Sniffed(path, kind)


def _zip_kind(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_members(name, infos)
            names = {i.filename for i in infos}
            if "EncryptedPackage" in names:
                raise ParseError("file.encrypted", file=name)
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                    raise ParseError("file.unsupported", file=name, kind="xlsb")
                kind = "xlsx"
            elif "mimetype" in names and zf.read("mimetype").strip() == ODS_MIME:
                kind = "ods"
            else:
                raise ParseError("file.unsupported", file=name, kind="zip")
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as member:
                        check_prolog(name, member.read(PROLOG_BYTES), info.filename)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError,
            OSError, ValueError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError("file.damaged", file=name) from None
    return kind


def _check_members(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Zip bombs are refused from the central directory, before anything is unpacked."""
    if len(infos) > MAX_MEMBERS:
        raise ParseError("file.zip_bomb", file=name, member=f"{len(infos)} members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ParseError("file.encrypted", file=name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_MEMBER_RATIO:
            raise ParseError("file.zip_bomb", file=name, member=info.filename)
    if total > MAX_UNPACKED_BYTES:
        raise ParseError("file.too_big_unpacked", file=name,
                         size=total // (1024 * 1024))


def check_prolog(name: str, data: bytes, member: str = "") -> None:
    """Refuse XML that declares a DTD or entities (billion laughs, external entities).

    Such declarations may only stand in the prolog, before the root element, so the start of
    each member is enough: no parser ever sees a DTD from an imported file.
    """
    lowered = data.lower()
    for needle in (b"<!doctype", b"<!entity"):
        if needle in lowered or needle.decode().encode("utf-16-le") in lowered:
            raise ParseError("file.xml_entities", file=name, member=member)


def _ole2_kind(path: Path) -> str:
    """OLE2 is an .xls workbook, or an encrypted .xlsx (an EncryptedPackage stream)."""
    data = path.read_bytes()
    for stream in ("EncryptedPackage", "EncryptionInfo"):
        if stream.encode("utf-16-le") in data:
            raise ParseError("file.encrypted", file=path.name)
    if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
        raise ParseError("file.unsupported", file=path.name, kind="ole2")
    return "xls"
