"""The first-run page: try the demo village, create a village from a preset, or open a file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.scheme import DEFAULT_PRESET, PRESETS
from village_tally.i18n import tr
from village_tally.ui.named import named


class StartPage(QWidget):
    """Emits what the person chose; the application does the work (off the GUI thread)."""

    demo_requested = Signal()
    create_requested = Signal(str, str, str)  # name, preset, path
    open_requested = Signal(str)

    def __init__(self, lang: str, suggested_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("startPage")
        self.setWindowTitle(tr("ui.app.title", lang))
        title = QLabel(f"<h1>{tr('ui.app.title', lang)}</h1><p>{tr('ui.start.intro', lang)}</p>",
                       self)
        title.setWordWrap(True)
        self.demo_button = named(QPushButton(tr("ui.start.demo", lang), self), "demoButton")
        self.demo_button.clicked.connect(self.demo_requested.emit)
        demo_box = QGroupBox(tr("ui.start.demo_title", lang), self)
        demo_layout = QVBoxLayout(demo_box)
        demo_text = named(QLabel(tr("ui.start.demo_text", lang), demo_box), "demoText")
        demo_text.setWordWrap(True)  # the page keeps its size in large text
        demo_layout.addWidget(demo_text)
        demo_layout.addWidget(self.demo_button)

        self.name_edit = named(QLineEdit(self), "villageName")
        self.preset_box = named(QComboBox(self), "presetBox")
        for preset in PRESETS:
            self.preset_box.addItem(tr(f"ui.preset.{preset}", lang), preset)
        self.preset_box.setCurrentIndex(list(PRESETS).index(DEFAULT_PRESET))
        self.path_edit = named(QLineEdit(suggested_path, self), "villagePath")
        browse = QPushButton(tr("ui.start.browse", lang), self)
        browse.clicked.connect(self._browse_new)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.create_button = named(QPushButton(tr("ui.start.create", lang), self), "createButton")
        self.create_button.clicked.connect(self._create)
        new_box = QGroupBox(tr("ui.start.new_title", lang), self)
        form = QFormLayout(new_box)
        form.addRow(tr("ui.start.village_name", lang), self.name_edit)
        form.addRow(tr("ui.start.preset", lang), self.preset_box)
        form.addRow(tr("ui.start.file", lang), path_row)
        form.addRow("", self.create_button)

        self.open_button = named(QPushButton(tr("ui.start.open", lang), self), "openButton")
        self.open_button.clicked.connect(self._open)
        self.message = named(QLabel(self), "startMessage")
        self.message.setWordWrap(True)
        self.restore_button = self._restore_button(lang)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(demo_box)
        layout.addWidget(new_box)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.resize(640, 560)

    def busy(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.progress.show()
        for b in (self.demo_button, self.create_button, self.open_button):
            b.setEnabled(False)

    def idle(self, error: str = "") -> None:
        self.progress.hide()
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(error)
        for b in (self.demo_button, self.create_button, self.open_button):
            b.setEnabled(True)

    def _restore_button(self, lang: str) -> QPushButton:
        """Offered when a file did not open (`offer_restore`): its backups may be good."""
        button = named(QPushButton(tr("ui.proof.restore", lang), self), "startRestore")
        button.hide()
        button.clicked.connect(self._restore_asked)
        self.ask_restore: Callable[[], object] = _nothing
        return button

    def _restore_asked(self) -> None:
        self.ask_restore()

    def offer_restore(self, ask: Callable[[], object]) -> None:
        """The file that did not open may have good backups: a button to choose one (offered
        again after a refused restore: one connection, the newest)."""
        self.ask_restore = ask
        self.restore_button.show()

    def _create(self) -> None:
        self.create_requested.emit(self.name_edit.text(), self.preset_box.currentData(),
                                   self.path_edit.text().strip())

    def _browse_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("ui.start.file", self.lang),
                                              self.path_edit.text(), "Village (*.db)")
        if name:
            self.path_edit.setText(name)

    def _open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("ui.start.open", self.lang), "",
                                              "Village (*.db);;* (*)")
        if name:
            self.open_requested.emit(name)


def _nothing() -> None:
    """No restore offered yet."""
