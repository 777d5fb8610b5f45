"""What a file really is, by its bytes, and whether it is safe to parse (hostile files).

Every refusal is a `ParseError` whose code `village_tally.i18n` translates; no library text ever
reaches the user. Checks run before any parser sees the file: size, magic bytes, encryption,
zip member sizes and ratios, and XML prologs with DOCTYPE or ENTITY declarations.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
STANDARD_WORKBOOK = "xl/workbook.xml"
# The main part of a workbook in [Content_Types].xml (.xlsx, .xlsm, .xltx, .xltm).
_MAIN_PART = re.compile(rb"spreadsheetml\.(?:sheet|template)\.main\+xml|"
                        rb"ms-excel\.(?:sheet|template)\.macroEnabled\.main\+xml")
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_PART_NAME = re.compile(rb'PartName\s*=\s*["\']([^"\']+)["\']')
# What a suffix says a file is; a file whose bytes say otherwise is read by its bytes.
KIND_OF_SUFFIX = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A file's real kind: 'xlsx', 'xls', 'ods' or 'csv'; for an xlsx, the zip member that
    holds its workbook (`xl/workbook.xml` as Excel writes it; other HR and government systems
    write backslashes in member names or leave out the `xl/` folder)."""

    path: Path
    kind: str
    workbook: str | None = None

    @property
    def standard(self) -> bool:
        """A zip as Excel, WPS and LibreOffice write it (other readers may stumble on it)."""
        return self.kind != "xlsx" or self.workbook == STANDARD_WORKBOOK

    @property
    def named_right(self) -> bool:
        """The file's suffix says what its bytes are."""
        return KIND_OF_SUFFIX.get(self.path.suffix.lower()) == self.kind


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
        return _zip_kind(path)
    if head.startswith(OLE2_MAGIC):
        return Sniffed(path, _ole2_kind(path))
    if suffix in SPREADSHEET_SUFFIXES:
        # The name says spreadsheet but the bytes are something else (text, HTML, truncated).
        raise ParseError("file.not_spreadsheet", file=name, suffix=suffix)
    return Sniffed(path, "csv")


def member_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each member by its name as a path inside the package ('xl\\workbook.xml' written by
    some systems is 'xl/workbook.xml'), to the name the zip really holds."""
    return {PurePosixPath(i.filename.replace("\\", "/").lstrip("/")).as_posix(): i.filename
            for i in zf.infolist()}


def _zip_kind(path: Path) -> Sniffed:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_members(name, infos)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as member:
                        check_prolog(name, member.read(PROLOG_BYTES), info.filename)
            names = member_names(zf)
            if "EncryptedPackage" in names:
                raise ParseError("file.encrypted", file=name)
            workbook = _workbook_part(zf, names)
            if workbook is not None:
                return Sniffed(path, "xlsx", workbook)
            if any(n.rsplit("/", 1)[-1] == "workbook.bin" for n in names):
                raise ParseError("file.xlsb", file=name)
            if "mimetype" in names and zf.read(names["mimetype"]).strip() == ODS_MIME:
                return Sniffed(path, "ods")
            raise ParseError("file.zip_not_sheet", file=name)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError,
            OSError, ValueError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError("file.damaged", file=name) from None


def _workbook_part(zf: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    """The member holding the workbook: the one [Content_Types].xml names as a workbook's main
    part, else one called workbook.xml anywhere; as a package path ('xl/workbook.xml')."""
    types = names.get("[Content_Types].xml")
    if types is not None:
        for tag in _OVERRIDE.findall(zf.read(types)):
            part = _PART_NAME.search(tag)
            if part and _MAIN_PART.search(tag):
                found = part.group(1).decode("utf-8", "replace").replace("\\", "/").lstrip("/")
                if found in names:
                    return found
    if STANDARD_WORKBOOK in names:
        return STANDARD_WORKBOOK
    return next((n for n in sorted(names) if n.rsplit("/", 1)[-1] == "workbook.xml"), None)


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
        raise ParseError("file.ole2_not_sheet", file=path.name)
    return "xls"
