"""Scan fixtures: a village with two areas (one of 120 residents: three digit rows), its
printed scan sheets, and seeded synthetic fillings of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import add_roster
from village_tally.services.session import Ledger

pytest.importorskip("cv2", reason="the scan extra: pip install 'village-tally[scan]'")


def roster_text(east: int, west: int) -> str:
    lines = [f"东{i:03d} {1000 + i // 3:04d} 东片{' 户主' if i % 3 == 0 else ''}"
             for i in range(east)]
    lines += [f"西{i:03d} {2000 + i // 3:04d} 西片{' 户主' if i % 3 == 0 else ''}"
              for i in range(west)]
    return "\n".join(lines)


@pytest.fixture
def scan_village(make_ledger: Callable[..., Ledger]) -> Ledger:
    """东片 with 37 residents (two digit rows), 西片 with 120 (three)."""
    ledger = make_ledger()
    add_roster(ledger, roster_text(37, 120))
    return ledger


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    return folder
