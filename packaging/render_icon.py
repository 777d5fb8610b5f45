"""Render the program's icon (village_tally/assets/icons/village-tally.svg, drawn for the
project) to the PNG sizes Linux menus use (hicolor) and to a Windows .ico, with what the project
already has: Qt's QSvgRenderer for the pixels, Pillow (reportlab's dependency) for the .ico.

    python packaging/render_icon.py

The rendered files are committed; run this again after changing the SVG."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "village_tally" / "assets" / "icons"
SVG = ICONS / "village-tally.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO = ROOT / "packaging" / "windows" / "village-tally.ico"


def render(size: int) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    out = ICONS / f"village-tally-{size}.png"
    image.save(str(out), "PNG")
    return out


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv)
    pngs = [render(size) for size in SIZES]
    ICO.parent.mkdir(parents=True, exist_ok=True)
    largest = Image.open(pngs[-1])
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in SIZES])
    for path in (*pngs, ICO):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
