"""A small bar chart of a resident's points by month, drawn with QPainter (no QtCharts)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from village_tally.core.points import Points

GAIN = QColor("#c62828")  # red stars on the board: gains are red, as villagers know them
LOSS = QColor("#546e7a")


class PointsChart(QWidget):
    """Bars above the line for gains, below for losses; month labels underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsChart")
        self.series: list[tuple[str, Points]] = []
        self.setMinimumHeight(160)

    def set_series(self, series: list[tuple[str, Points]]) -> None:
        self.series = series
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, 180)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.series:
            painter.end()
            return
        metrics = painter.fontMetrics()
        label_h = metrics.height() + 4
        high = max(0, *(p.hundredths for _, p in self.series))
        low = min(0, *(p.hundredths for _, p in self.series))
        # Room above for gains' values, below for losses' values, then the month labels.
        top = label_h
        bottom = self.height() - label_h - (label_h if low < 0 else 0)
        span = max(high - low, 100)
        zero_y = top + (bottom - top) * high / span
        slot = self.width() / len(self.series)
        painter.setPen(QColor("#999999"))
        painter.drawLine(0, round(zero_y), self.width(), round(zero_y))
        for i, (month, points) in enumerate(self.series):
            x = i * slot + slot * 0.2
            h = (bottom - top) * abs(points.hundredths) / span
            y = zero_y - h if points.hundredths >= 0 else zero_y
            painter.fillRect(QRectF(x, y, slot * 0.6, h), GAIN if points.hundredths >= 0
                             else LOSS)
            painter.setPen(QColor("#333333"))
            if points.hundredths:
                value_y = y - 2 if points.hundredths >= 0 else y + h + metrics.ascent()
                painter.drawText(QRectF(i * slot, value_y - metrics.ascent(), slot,
                                        metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter, points.signed())
            painter.drawText(QRectF(i * slot, self.height() - label_h, slot, label_h),
                             Qt.AlignmentFlag.AlignCenter, month[5:])
        painter.end()
