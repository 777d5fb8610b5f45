"""Printing fixtures: villages written as on paper, and readers for what a PDF shows."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import enter
from village_tally.services.session import Ledger

# A small village: 王䶮 and 𠮷田花 have rare characters (CJK Ext A and Ext B).
VILLAGE = """
马少军 0001 一片 户主
马丽   0001 一片
曾重行 0002 一片 户主
王䶮   0003 二片 户主
𠮷田花 0003 二片
王芳   0004 二片 户主
"""

# Deeds of October 2026 as (name, household, quantity of L1 = points).
OCTOBER = [("马少军", "0001", 8), ("马丽", "0001", 13), ("曾重行", "0002", 1),
           ("王䶮", "0003", 7), ("𠮷田花", "0003", 2)]


@pytest.fixture
def village(make_ledger: Callable[..., Ledger]) -> Ledger:
    """October: public labour for five residents, a littering for 王芳 (total -2)."""
    ledger = make_ledger(roster_text=VILLAGE)
    for name, household, qty in OCTOBER:
        enter(ledger, name, household=household, date="2026-10-05", rule="L1",
              quantity=str(qty), sheet="一片-0001", line=OCTOBER.index((name, household, qty)) + 1)
    enter(ledger, "王芳", date="2026-10-06", rule="N1", sheet="一片-0001", line=9)
    return ledger


def pdf_text(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def form_counts(path: Path, form: str) -> list[int]:
    """How many marks of a form (star, flag) are drawn on each page: a `Do` of the form counts
    one, a `Do` of its run form `<form><n>` (n marks side by side) counts n."""
    pattern = re.compile(rb"/FormXob\." + form.encode() + rb"([0-9]*) Do\b")
    return [sum(int(n or 1) for n in pattern.findall(p.get_contents().get_data()))
            for p in PdfReader(str(path)).pages]


def embedded_fonts(path: Path) -> dict[str, bool]:
    """BaseFont → whether its program is embedded, over every page."""
    out: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out[str(font["/BaseFont"])] = any(k in desc for k in
                                              ("/FontFile", "/FontFile2", "/FontFile3"))
    return out
