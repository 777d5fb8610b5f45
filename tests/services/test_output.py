"""Files written for a person: a write lands whole or not at all, even beside another."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from village_tally.services.output import atomic_output


def test_two_writes_of_one_file_at_once_both_finish_and_leave_one_whole_file(tmp_path):
    """Two printouts of one file on two threads (a preview made again for another paper while
    the first is still being made): each writes its own temporary file. With one temporary
    name per process, one rename took the other's file and the other failed ('cannot write')."""
    target = tmp_path / "board.pdf"
    both_written = threading.Barrier(2)
    contents = [b"A" * 100_000, b"B" * 50_000]

    def write(content: bytes) -> None:
        with atomic_output(target) as tmp:
            tmp.write_bytes(content)
            both_written.wait()  # both are in the middle of their write

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(write, contents))
    assert target.read_bytes() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["board.pdf"]
