"""The sign-in screen the window opens at (and returns to when it locks): pick your name from
the village's people, or type its pinyin initials (mzr → 马主任), then the PIN, typed hidden, on
the keyboard's number pad or the buttons on screen. A wrong PIN and a lockout are said in the
window's language (services.people.sign_in counts them, in the ledger). A village with no
secretary yet — a new one, or an old file from before people signed in — first names its
secretary (`SecretaryForm`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.names import matches, name_initials
from village_tally.core.person import Person, Role
from village_tally.services import people
from village_tally.services.session import Ledger
from village_tally.ui.context import UiContext
from village_tally.ui.messages import problems_label
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write
from village_tally.ui.pin_fields import new_pin_fields, pins_differ
from village_tally.ui.recovery_form import RecoveryForm

NAME_ROLE = Qt.ItemDataRole.UserRole
KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK")


def person_text(person: Person, t: Callable[..., str]) -> str:
    """'马主任（村委委员）' as the window says who is signed in."""
    return t("ui.signin.person", name=person.name, role=t(f"role.{person.role.value}"))


def _title(text: str, parent: QWidget, scale: float) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class PinEdit(QLineEdit):
    """The PIN, hidden; the number pad's Enter signs in like Return (Esc goes back)."""

    back = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)


class SignInPage(QWidget):
    """Who is at the keyboard. `signed_in(person)` when the PIN was right; `secretary_named`
    (a people.Secretary) when a village without a secretary has named one."""

    signed_in = Signal(object)
    secretary_named = Signal(object)
    recovered = Signal(object)  # people.Secretary: a forgotten PIN reset with the code

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, last: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        self.ctx = ctx
        self.people: list[Person] = []
        self.remembered = ""  # the person chosen for them (after a lock): only the PIN is asked
        self.operation: Operation[Ledger] | None = None
        self.heading = _title("", self, 1.6)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_sign_in())
        self.setup = SecretaryForm(ctx, self)
        self.setup.named.connect(self._secretary_named)
        self.pages.addWidget(self.setup)
        self.recovery = RecoveryForm(ctx, self)
        self.recovery.recovered.connect(self._recovered)
        self.recovery.back.connect(self._back_to_names)
        self.pages.addWidget(self.recovery)
        self.hint = named(QLabel(self), "signInHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(16)
        layout.addWidget(self.pages, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.fill(last)

    # --- building ------------------------------------------------------------------------

    def _build_sign_in(self) -> QWidget:
        t = self.ctx.t
        panel = QFrame(self)
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = named(QLineEdit(panel), "signInSearch")
        self.search.setPlaceholderText(t("ui.signin.search"))
        self.search.textEdited.connect(self._filter)
        self.search.returnPressed.connect(self._to_pin)
        self.search.installEventFilter(self)
        self.names = named(QListWidget(panel), "signInNames")
        self.names.currentItemChanged.connect(lambda _new, _old: self._chosen_changed())
        self.names.itemActivated.connect(lambda _item: self._to_pin())
        self.names.itemClicked.connect(lambda _item: self._to_pin())
        left = QVBoxLayout()
        left.addWidget(QLabel(t("ui.signin.who"), panel))
        left.addWidget(self.search)
        left.addWidget(self.names, 1)
        self.chosen_label = named(QLabel(panel), "signInChosen")
        self.pin = named(PinEdit(panel), "signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText(t("ui.signin.pin_hint"))
        self.pin.returnPressed.connect(self.submit)
        self.pin.back.connect(self._to_search)
        self.problems = problems_label(panel, "signInProblems")
        self.button = named(QPushButton(t("ui.signin.button"), panel), "signInButton")
        self.button.clicked.connect(self.submit)
        right = QVBoxLayout()
        right.addWidget(self.chosen_label)
        right.addWidget(self.pin)
        right.addLayout(self._keypad(panel))
        right.addWidget(self.button)
        self.forgot = named(QPushButton(t("ui.recover.forgot"), panel), "forgotPinButton")
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self._forgot)
        right.addWidget(self.forgot)
        right.addWidget(self.problems)
        right.addStretch(1)
        row = QHBoxLayout(panel)
        row.addLayout(left, 3)
        row.addSpacing(16)
        row.addLayout(right, 2)
        panel.setMinimumSize(600, 340)
        return panel

    def _keypad(self, parent: QWidget) -> QGridLayout:
        """Digits on screen for a mouse or a touch screen; the keyboard's work as well."""
        grid = QGridLayout()
        for i, key in enumerate(KEYPAD):
            button = named(QPushButton(key if key != "OK" else self.ctx.t("ui.signin.ok"),
                                       parent), f"pinKey{i}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, k=key: self._key(k))
            grid.addWidget(button, i // 3, i % 3)
        return grid

    def _key(self, key: str) -> None:
        if key == "OK":
            self.submit()
        elif key == "⌫":
            self.pin.backspace()
        else:
            self.pin.insert(key)
        self.pin.setFocus()

    # --- the people ----------------------------------------------------------------------

    def fill(self, chosen: str = "") -> None:
        """The village's people who may sign in (retired people are not offered); `chosen`
        is selected and the PIN field takes the keyboard (after a lock: the same person)."""
        if people.needs_secretary(self.ctx.ledger):
            self.pages.setCurrentWidget(self.setup)
            self.heading.setText(self.ctx.t("ui.signin.setup_heading",
                                            village=self.ctx.ledger.village_name))
            self.hint.setText(self.ctx.t("ui.signin.setup_hint"))
            return
        self.pages.setCurrentIndex(0)
        self.heading.setText(self.ctx.t("ui.signin.heading", village=self.ctx.ledger.village_name))
        self.hint.setText(self.ctx.t("ui.signin.hint"))
        self.people = [p for p in people.list_people(self.ctx.ledger) if not p.retired]
        self.search.clear()
        self._filter("")
        row = next((i for i in range(self.names.count())
                    if self.names.item(i).data(NAME_ROLE) == chosen), -1)
        self.remembered = chosen if row >= 0 else ""
        if row >= 0:
            self.names.setCurrentRow(row)

    def _filter(self, query: str) -> None:
        query = query.strip()
        self.names.clear()
        t = self.ctx.t
        for p in self.people:
            if query and not matches(query, p.name, name_initials(p.name)):
                continue
            text = person_text(p, t) + ("" if p.pin_set else t("ui.signin.no_pin"))
            item = QListWidgetItem(text, self.names)
            item.setData(NAME_ROLE, p.name)
        if self.names.count():
            self.names.setCurrentRow(0)
        else:
            self._chosen_changed()

    @property
    def chosen(self) -> str:
        item = self.names.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else ""

    def _chosen_changed(self) -> None:
        name = self.chosen
        chosen = next((p for p in self.people if p.name == name), None)
        self.forgot.setVisible(chosen is not None and chosen.role is Role.SECRETARY)
        self.chosen_label.setText(self.ctx.t("ui.sign_in.pin", name=name) if name
                                  else self.ctx.t("ui.signin.pick"))
        self.pin.clear()
        self.problems.clear()

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802 - Qt override
        """↑/↓ in the search box move among the names it found."""
        if obj is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = self.names.currentRow() + step
            if 0 <= row < self.names.count():
                self.names.setCurrentRow(row)
            return True
        return False

    def _to_pin(self) -> None:
        if self.chosen:
            self.pin.setFocus()

    def _to_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def take_keyboard(self) -> None:
        """The PIN field if someone is chosen (quick after a lock), else the name search."""
        if self.pages.currentWidget() is self.setup:
            self.setup.name.setFocus()
        elif self.remembered and self.chosen == self.remembered:
            self.pin.setFocus()
        else:
            self._to_search()

    # --- signing in ----------------------------------------------------------------------

    def submit(self) -> Operation[Ledger] | None:
        name, pin = self.chosen, self.pin.text()
        if not name:
            self.problems.setText(self.ctx.t("ui.signin.pick"))
            self._to_search()
            return None
        return self.sign_in(name, pin)

    def sign_in(self, name: str, pin: str) -> Operation[Ledger]:
        """Check the PIN on the writer thread (a wrong one is counted, and may lock out),
        while the ledger's check on opening may still run (signing in needs none)."""
        self.problems.clear()
        self.pin.clear()
        self.button.setEnabled(False)
        op: Operation[Ledger] = write(
            self.ctx, self, lambda ledger: people.sign_in(ledger, name, pin),
            ledger=self.ctx.ledger, done=lambda ledger: self.signed_in.emit(ledger.actor),
            problems=in_label(self.problems, self.ctx.lang), ended=self._ended,
            unchecked=True)
        self.operation = op
        return op

    def _ended(self) -> None:
        self.button.setEnabled(True)
        self.pin.setFocus()

    def _forgot(self) -> None:
        """A secretary's forgotten PIN: the recovery code the committee keeps."""
        self.pages.setCurrentWidget(self.recovery)
        self.recovery.start(self.chosen)

    def _back_to_names(self) -> None:
        self.pages.setCurrentIndex(0)
        self.pin.setFocus()

    def _recovered(self, made: people.Secretary) -> None:
        self.pages.setCurrentIndex(0)
        self.recovered.emit(made)

    def _secretary_named(self, made: people.Secretary) -> None:
        self.fill(made.ledger.actor.name if made.ledger.actor is not None else "")
        self.secretary_named.emit(made)


class SecretaryForm(QFrame):
    """A village with no secretary names one, with a PIN typed twice."""

    named = Signal(object)  # people.Secretary

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretaryForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        t = ctx.t
        self.ctx = ctx
        self.name = named(QLineEdit(self), "secretaryName")
        self.pin, self.again = new_pin_fields(self, "secretaryPin")
        self.name.returnPressed.connect(self.pin.setFocus)
        self.again.returnPressed.connect(self.submit)
        self.problems = problems_label(self, "secretaryProblems")
        self.button = named(QPushButton(t("ui.signin.name_button"), self), "secretaryButton")
        self.button.clicked.connect(self.submit)
        intro = QLabel(t("ui.signin.setup"), self)
        intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(t("ui.sign_in.secretary"), self.name)
        form.addRow(t("ui.sign_in.new_pin"), self.pin)
        form.addRow(t("ui.sign_in.new_pin_again"), self.again)
        form.addRow(self.button)
        form.addRow(self.problems)
        self.setMinimumWidth(560)

    def submit(self) -> Operation[people.Secretary] | None:
        if pins_differ(self.ctx, self.pin, self.again, self.problems):
            return None
        name, pin = self.name.text(), self.pin.text()
        return write(self.ctx, self, lambda ledger: people.name_first_secretary(
            ledger, name=name, pin=pin), ledger=self.ctx.ledger, done=self.named.emit,
            problems=in_label(self.problems, self.ctx.lang))
