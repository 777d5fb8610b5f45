"""Qt's own dialogs speak Chinese in a Chinese window: every word of the file dialog (whose
"&Look in:" and "Files of &type:" Qt's translation lacks) and of the print dialog."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget

import village_tally
from village_tally.ui.qt_words import install_qt_translations

WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def chinese_qt(qapp: QApplication):
    assert install_qt_translations(qapp, "zh")
    yield
    install_qt_translations(qapp, "en")  # Qt's own English again for the other tests


def words(dialog: QWidget) -> list[str]:
    """The labels and buttons a person reads."""
    return [w.text() for w in dialog.findChildren(QWidget)
            if isinstance(w, QLabel | QAbstractButton) and w.text()]


def test_the_file_dialog_is_chinese(qtbot, chinese_qt, tmp_path):
    dialog = QFileDialog(None, "保存", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = words(dialog)
    assert "查找范围(&L)：" in shown and "文件类型(&T)：" in shown
    assert [w for w in shown if WORD.search(w.replace("PDF", ""))] == []


def test_the_print_dialog_is_chinese(qtbot, chinese_qt):
    printer = QPrinter()  # outlives its dialog (the dialog keeps a pointer to it)
    dialog = QPrintDialog(printer)
    dialog.show()
    shown = words(dialog)
    dialog.close()
    dialog.deleteLater()
    assert "打印(&P)" in shown or "打印" in shown
    assert [w for w in shown if WORD.search(w.replace("PDF", ""))] == []


def test_the_shipped_extra_words_are_compiled_from_their_source(tmp_path):
    """assets/translations/qt_extra_zh_CN.qm is what lrelease makes of the .ts beside it."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease (PySide6's) is not installed here")
    folder = Path(village_tally.__file__).parent / "assets" / "translations"
    shutil.copy(folder / "qt_extra_zh_CN.ts", tmp_path)
    subprocess.run([lrelease, str(tmp_path / "qt_extra_zh_CN.ts")], check=True,
                   capture_output=True, timeout=60)
    assert (tmp_path / "qt_extra_zh_CN.qm").read_bytes() == \
        (folder / "qt_extra_zh_CN.qm").read_bytes()
