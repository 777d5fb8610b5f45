"""What a reader sees is in their words: a rule's deeds under the rule's English title in
English (everywhere a deed is named), and times in the computer's time zone, to the minute."""

from __future__ import annotations

import time

import pytest
from pypdf import PdfReader

from tests.conftest import as_, enter
from village_tally.core.month import Month
from village_tally.i18n import local_time
from village_tally.services import deeds, months, printing
from village_tally.ui.deed_dialogs import void_prompt
from village_tally.ui.deed_model import COL_TITLE, DeedTableModel
from village_tally.ui.month_view import MonthView


@pytest.fixture
def shanghai(monkeypatch):
    """This computer's time zone is China's (the process's zone, as a person sets it)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_local_and_to_the_minute(shanghai):
    assert local_time("2026-11-30T02:03:52+00:00") == "2026-11-30 10:03"
    assert local_time("2026-11-30T10:03:52+08:00") == "2026-11-30 10:03"
    assert local_time(None) == local_time("") == ""


def test_the_month_header_says_when_it_was_closed_in_local_time(qtbot, make_ctx, ledger,
                                                                 shanghai):
    enter(ledger, "王芳", rule="L1", date="2026-10-05", sheet="S1", line=1)
    # the test clock: 2026-11-22 10:00 +08:00
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    view = MonthView(make_ctx(ledger))
    qtbot.addWidget(view)
    view.set_month("2026-10")
    text = view.state_label.text()
    assert "2026-11-22 10:00" in text and "+08:00" not in text and "T10" not in text


def test_english_shows_the_rules_english_titles(qtbot, ledger, tmp_path):
    enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    enter(ledger, "马丽", points="1", deed="帮邻居修屋顶", sheet="S1", line=2)
    titles = {}
    for lang in ("zh", "en"):
        model = DeedTableModel(ledger, lang)
        model.fetchMore()
        titles[lang] = [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]
    assert titles == {"zh": ["帮邻居修屋顶", "义务劳动"],
                      "en": ["帮邻居修屋顶", "Public labour"]}  # free words stay as written
    labour = deeds.get_deed(ledger, 1)
    assert "Public labour" in void_prompt(labour, "en", ledger.scheme.deed_titles("en"))
    assert "义务劳动" in void_prompt(labour, "zh", ledger.scheme.deed_titles("zh"))
    out = printing.print_statement(as_(ledger, "马主任"), name="王芳", out=tmp_path / "s.pdf",
                                   lang="en").path
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Public labour" in text and "义务劳动" not in text
