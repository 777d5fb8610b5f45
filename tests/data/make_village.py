"""Makes tests/data/village-2026-11.db.gz: the fixed history of tests/history.py written by the
program as it was when the file was made (before deeds became typed records, #10), compacted
to 1 KB pages and gzipped (7 KB). Kept to show how the file was made; re-running it with a
newer program makes a different witness, so do not, unless the file format changes on purpose
(a migration). Written for the program of 01a70bf: since people sign in (#11) its calls no
longer run as they are, and the file it made is what it stands for.

    .venv/bin/python -m tests.data.make_village
"""

from __future__ import annotations

import gzip
import sqlite3
import tempfile
from pathlib import Path

from tests.conftest import fixed_clock
from tests.history import make_history
from village_tally.services.session import init_village, open_ledger

TARGET = Path(__file__).with_name("village-2026-11.db.gz")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "village.db"
        init_village(str(path), name="测试村", preset="jiakuang-majia", actor="tester",
                     clock=fixed_clock).close()
        ledger = open_ledger(str(path), actor="马秀兰", clock=fixed_clock)
        make_history(ledger, Path(folder))
        ledger.close()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA page_size=1024")
        conn.execute("VACUUM")
        conn.close()
        TARGET.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    print(TARGET, TARGET.stat().st_size)


if __name__ == "__main__":
    main()
