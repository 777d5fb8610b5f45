"""The resident page: totals, a chart of points by month, and the deeds behind them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from tests.conftest import enter
from tests.ui.conftest import settle
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.services import roster
from village_tally.ui.main_window import MainWindow
from village_tally.ui.points_chart import GAIN, PointsChart
from village_tally.ui.resident_page import points_by_month


def test_points_by_month_counts_approved_deeds_only(ledger):
    enter(ledger, "王芳", rule="L1", quantity="2", date="2026-09-03", sheet="S1", line=1)
    enter(ledger, "王芳", rule="N1", date="2026-11-03", sheet="S1", line=2)
    enter(ledger, "王芳", rule="N2", date="2026-11-04", sheet="S1", line=3)  # pending
    from village_tally.services import deeds

    series = points_by_month(deeds.list_deeds(ledger), Month.parse("2026-11"), 3)
    assert series == [("2026-09", Points(200)), ("2026-10", Points(0)),
                      ("2026-11", Points(-200))]


def test_resident_page_from_the_main_window(qtbot, ctx, settings):
    enter(ctx.ledger, "王芳", rule="L1", quantity="8", date="2026-10-03", sheet="S1", line=1)
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    wang = next(r for r in roster.list_residents(ctx.ledger) if r.name == "王芳")
    page = window.open_resident(wang.id)
    settle(qtbot)  # the page's data, read off the GUI thread
    assert window.tabs.currentWidget() is page
    assert window.tabs.tabText(window.tabs.currentIndex()) == "王芳"
    assert "0004" in page.title.text()
    assert "累计 +8 分：1 面旗、2 颗星" in page.totals.text()
    assert page.model.total == 1
    assert window.open_resident(wang.id) is page  # one tab per resident
    window.tabs.tabCloseRequested.emit(window.tabs.indexOf(page))
    assert window.tabs.count() == window.fixed_tabs


def test_chart_draws_a_bar_for_a_gain(qtbot):
    chart = PointsChart()
    qtbot.addWidget(chart)
    chart.resize(300, 160)
    chart.set_series([("2026-10", Points(0)), ("2026-11", Points(500))])
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(150, 300, 5)
               for y in range(20, 140, 5)}
    assert QColor(GAIN).name() in colours
