"""Where the village file's backups are: copies made before each import and month close, the
newest `Scheme.backups_kept` of them (a village setting, edited with the scheme)."""

from __future__ import annotations

from village_tally.services.session import Ledger
from village_tally.store.db import backup_folder


def backups_folder(ledger: Ledger) -> str | None:
    """The folder of a SQLite village's backups (`<name>.backups/` beside the file); None for
    a server's database, which the server's own backups keep."""
    folder = backup_folder(ledger.engine)
    return None if folder is None else str(folder)
