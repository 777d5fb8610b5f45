"""Where the program offers to save a file or looks for one to open: the folder a person last
chose in this run, else their documents folder — never the folder the program happened to be
started from (a desktop launcher starts it in / or in the install folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QStandardPaths

_last: list[str] = []  # the folder last chosen in this run (one program, one person)


def documents_folder() -> str:
    """The person's documents folder (文档), else their home folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else QDir.homePath()


def start_folder() -> str:
    return _last[0] if _last else documents_folder()


def offered(name: str) -> str:
    """The path a save dialog offers for a file called `name`."""
    return str(Path(start_folder()) / name)


def chosen(path: str | Path) -> None:
    """A file was saved or opened here: the next dialog starts in its folder."""
    _last[:] = [str(Path(path).parent)]
