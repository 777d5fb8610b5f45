"""Run inside the program (VILLAGE_TALLY_RUN_SCRIPT, or a venv's python) by
packaging/fcitx_test.sh: the program's input-method choice, then a text field that prints what
was typed into it after SECONDS."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from village_tally.ui.input_method import apply_input_method

choice = apply_input_method()
print("input method:", os.environ.get("QT_IM_MODULE", ""), choice.reason, flush=True)
app = QApplication(sys.argv[:1])
edit = QLineEdit()
edit.setWindowTitle("vt-typing")
edit.resize(400, 60)
edit.show()
edit.activateWindow()
edit.setFocus()


def report() -> None:
    print("typed:", edit.text(), flush=True)
    app.quit()


QTimer.singleShot(int(sys.argv[1]) * 1000, report)
app.exec()
