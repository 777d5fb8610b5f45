"""The desktop program on a damaged installation says which shipped file is missing, over its
window, instead of showing empty boxes or English buttons without a word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.install import broken_install

# Start the program as `village-tally` does; once its window is up, print the text of the
# message about missing files (or NONE) and quit.
SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from village_tally.ui.app import make_application, run_app

def report():
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "shippedMissingBox"
             and w.isVisible()]
    print(boxes[0].text() if boxes else "NONE", flush=True)
    QApplication.instance().quit()

make_application()
QTimer.singleShot(300, report)
sys.exit(run_app(db=sys.argv[1], lang=sys.argv[2]))
"""


def start(env: dict[str, str], tmp_path: Path, lang: str = "en") -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "none.db"), lang],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                          check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("missing", ["assets/fonts/wqy-microhei.ttc",
                                     "forms/field_sheet.toml"])
def test_a_missing_shipped_file_is_said_at_start(tmp_path: Path, missing: str) -> None:
    text = start(broken_install(tmp_path, missing), tmp_path)
    assert missing in text and "reinstall" in text


def test_a_whole_installation_starts_without_that_message(tmp_path: Path) -> None:
    env = broken_install(tmp_path, "forms/inspection.toml")  # not needed at start
    assert start(env, tmp_path, "zh") == "NONE"


def test_the_program_has_its_red_star_icon(qapp) -> None:
    from PySide6.QtGui import QColor

    from village_tally.ui.app import make_application

    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    centre = QColor(image.pixel(32, 36))
    assert centre.red() > 180 and centre.green() < 80 and centre.blue() < 80  # the red star
