"""The desktop program when the ledger does not match its own record (#12 item 3): it says so
over the window as the village opens, refuses every change, and offers the two ways out — a
verified backup put back (each backup verified before it is offered), or the differences
recorded as understood with a reason; and a code from the paper is checked in a field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import as_, enter
from tests.tamper import tamper_file
from tests.ui.conftest import settle
from village_tally.core.month import Month
from village_tally.services import months, people, proof
from village_tally.services.session import open_ledger
from village_tally.store.db import sqlite_path
from village_tally.ui.app import AppController
from village_tally.ui.backup_model import BackupModel
from village_tally.ui.proof_dialogs import CodeCheckDialog, UnderstoodDialog
from village_tally.ui.restore_dialog import RestoreDialog


@pytest.fixture(autouse=True)
def no_window_left_open(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture
def closed_village(ledger) -> Path:
    enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    months.close_month(as_(ledger, "马书记"), Month(2026, 10))  # a backup first, then the close
    enter(ledger, "王芳", date="2026-11-05", rule="L1")
    path = sqlite_path(ledger.engine)
    ledger.close()
    return path


def opened(qtbot, qapp, settings, path: Path, lang: str = "en") -> AppController:
    controller = AppController(qapp, settings, lang,
                               {"HOME": str(path.parent / "home"),
                                "XDG_DATA_HOME": str(path.parent / "data")})
    window = controller.open_db(str(path))
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    return controller


def test_a_ledger_that_matches_shows_no_bar(qtbot, qapp, settings, closed_village):
    controller = opened(qtbot, qapp, settings, closed_village)
    assert not controller.window.unverified_toolbar.isVisible()
    controller.window.close()


def test_the_window_says_so_and_refuses_changes_until_understood(qtbot, qapp, settings,
                                                                  closed_village):
    tamper_file(closed_village, "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    controller = opened(qtbot, qapp, settings, closed_village)
    window = controller.window
    qtbot.waitUntil(window.unverified_toolbar.isVisible)
    text = window.unverified.text.text()
    assert "does not match its own record (1 differences)" in text
    assert "resident 王芳 (id 5): the name was changed from '王芳' to '王小芳'" in text
    window.unverified.grab().save(str(closed_village.parent / "bar.png"))
    # a change is refused, in words
    from village_tally.services import roster
    from village_tally.ui.operation import write

    window.ctx.person = people.find_person(window.ctx.ledger, "马书记")  # signed in
    write(window.ctx, window, lambda ledger: roster.add_area(ledger, "新片"))
    settle(qtbot)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    assert "nothing can be changed until a secretary restores" in box.text()
    box.close()
    # recorded as understood, with a reason
    dialog = UnderstoodDialog(window.ctx, window, done=window._understood)
    dialog.record()  # no reason
    settle(qtbot)
    assert "reason" in dialog.problems.text().lower()
    dialog.reason.setText("户籍更名，库里直接改了")
    dialog.record()
    settle(qtbot)
    assert not window.unverified_toolbar.isVisible() and not window.ctx.ledger.differences
    write(window.ctx, window, lambda ledger: roster.add_area(ledger, "新片"))
    settle(qtbot)
    assert "新片" in roster.list_areas(window.ctx.ledger)
    window.close()


def test_the_backups_are_verified_before_they_are_offered_and_one_is_put_back(
        qtbot, qapp, settings, closed_village, qtmodeltester):
    folder = closed_village.parent / f"{closed_village.stem}.backups"
    backups = sorted(folder.glob("*.db"))
    bad = folder / (backups[0].stem.replace("close-2026-10", "import-deeds") + "9.db")
    bad.write_bytes(backups[0].read_bytes())
    tamper_file(bad, "DELETE FROM rule WHERE code = 'L1'")
    tamper_file(closed_village, "DELETE FROM month")
    controller = opened(qtbot, qapp, settings, closed_village)
    window = controller.window
    chosen: list[tuple[Path, str, str]] = []
    dialog = RestoreDialog(str(closed_village), "en", window,
                           chosen=lambda *picked: chosen.append(picked))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20000)
    qtmodeltester.check(dialog.model)
    states = [dialog.model.cells(b)[BackupModel.COL_STATE] for b in dialog.model.items]
    assert sorted(s.split(" (")[0].split(":")[0] for s in states) == ["does not match",
                                                                       "matches"]
    assert "rule L1 is missing" in " ".join(states)
    good = next(i for i, b in enumerate(dialog.model.items) if b.ok)
    assert dialog.table.selectionModel().selectedRows()[0].row() == good
    dialog.name.setText("马书记")
    dialog.pin.setText("1234")
    dialog.restore()
    assert chosen == [(dialog.model.items[good].path, "马书记", "1234")]
    # a wrong PIN: the start page says so and offers the backups again; nothing is put back
    controller.restore(str(closed_village), chosen[0][0], "马书记", "9999")
    qtbot.waitUntil(lambda: controller.start_page is not None
                    and controller.start_page.restore_button.isVisible(), timeout=30000)
    assert "wrong PIN" in controller.start_page.message.text()
    # the window closes the village, the backup takes its place, the village opens again
    controller.restore(str(closed_village), *chosen[0])
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.is_loaded,
                    timeout=30000)
    assert not controller.window.ctx.ledger.differences
    assert list(folder.glob("replaced-*.db"))
    controller.window.close()


def test_a_code_from_the_paper_is_checked_in_a_field(qtbot, qapp, settings, closed_village):
    ledger = open_ledger(str(closed_village))
    sealed = proof.sealed_month(ledger, Month(2026, 10))
    ledger.close()
    assert sealed is not None
    controller = opened(qtbot, qapp, settings, closed_village, lang="zh")
    dialog = CodeCheckDialog(controller.window.ctx, controller.window)
    dialog.code.setText(sealed.code.lower())
    dialog.check()
    settle(qtbot)
    assert f"核验码 {sealed.code} 对应 2026-10 的结账" in dialog.answer.text()
    dialog.code.setText(sealed.code[:-1] + ("0" if sealed.code[-1] != "0" else "1"))
    dialog.check()
    settle(qtbot)
    assert "抄错了" in dialog.answer.text()
    controller.window.close()


def test_a_restore_waits_for_the_changes_being_saved_and_says_what_the_backup_lacks(
        qtbot, qapp, settings, closed_village):
    """A save asked for before the restore lands on the file being replaced, never on the
    backup after it; the reopened window says how many changes the backup lacks and where
    they are kept."""
    import threading

    from village_tally.services import roster
    from village_tally.ui.jobs import Job, writer_pool
    from village_tally.ui.operation import write

    folder = closed_village.parent / f"{closed_village.stem}.backups"
    (backup,) = folder.glob("*close-2026-10*.db")
    controller = opened(qtbot, qapp, settings, closed_village)
    window = controller.window
    window.ctx.person = people.find_person(window.ctx.ledger, "马书记")  # signed in
    held = threading.Event()
    Job(lambda _control: held.wait()).start(writer_pool())  # an earlier save, still writing
    write(window.ctx, window, lambda ledger: roster.add_area(ledger, "新片"))  # queued behind
    controller.restore(str(closed_village), backup, "马书记", "1234")

    def restored() -> bool:
        return controller.window is not None and controller.window.is_loaded

    def waiting() -> bool:
        page = controller.start_page
        return page is not None and "changes being saved (2)" in page.message.text()

    qtbot.waitUntil(lambda: restored() or waiting(), timeout=30000)
    if controller.start_page is not None:
        controller.start_page.grab().save(str(closed_village.parent / "waiting.png"))
    held.set()  # the earlier save ends: the queued one, then the restore
    qtbot.waitUntil(restored, timeout=30000)
    settle(qtbot)
    assert "新片" not in roster.list_areas(controller.window.ctx.ledger)
    (kept,) = folder.glob("replaced-*.db")
    replaced = open_ledger(str(kept))
    try:
        assert "新片" in roster.list_areas(replaced)  # saved, then kept with the file replaced
    finally:
        replaced.close()
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    # after the backup: 王芳's November deed, the month's close, the new area
    assert f"restored from the backup '{backup.name}'" in box.text()
    assert "3 changes made after it was taken are not in the restored village" in box.text()
    assert kept.name in box.text()
    box.grab().save(str(closed_village.parent / "restored.png"))
    box.close()
    controller.window.close()
