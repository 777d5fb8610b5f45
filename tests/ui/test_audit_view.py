"""The audit screen: the whole log in sentences (Chinese or English, local times, never JSON),
filtered by person, kind of action, resident and dates; a deed's trail is the same screen
showing that deed only."""

from __future__ import annotations

from tests.conftest import as_, enter
from tests.ui.conftest import settle, show_active
from village_tally.services import deeds
from village_tally.ui.audit_model import AuditModel
from village_tally.ui.audit_view import AuditView
from village_tally.ui.ledger_view import LedgerView


def texts(view: AuditView, column: int = AuditModel.COL_WHAT) -> list[str]:
    model = view.model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def audit_view(qtbot, make_ctx, ledger, lang="zh") -> AuditView:  # noqa: ANN001
    view = AuditView(make_ctx(ledger, lang=lang, user="马主任"))
    show_active(qtbot, view)
    settle(qtbot)
    return view


def history(ledger):  # noqa: ANN001, ANN201
    tv = enter(ledger, "王芳", rule="D1", quantity="30", sheet="S1", line=1)
    litter = enter(ledger, "马丽", rule="N1", sheet="S1", line=2)
    deeds.approve_deed(as_(ledger, "马主任"), tv.id)
    deeds.void_deed(as_(ledger, "马主任"), litter.id, reason="认错了人")
    return tv, litter


def test_the_whole_log_reads_as_sentences_newest_first(qtbot, make_ctx, ledger,
                                                       qtmodeltester) -> None:
    tv, litter = history(ledger)
    view = audit_view(qtbot, make_ctx, ledger)
    qtmodeltester.check(view.model)
    said = texts(view)
    assert said[0] == f"作废了积分 #{litter.id}（马丽 乱扔垃圾 -2），原因：认错了人"
    assert said[1].startswith(f"审批了积分 #{tv.id}：王芳（0004）")
    assert not any("{" in s or '"' in s for s in said)  # never raw JSON
    assert texts(view, AuditModel.COL_WHO)[:2] == ["马主任", "马主任"]
    assert texts(view, AuditModel.COL_WHEN)[0] == "2026-11-22 10:00"  # the village's clock
    assert "条" in view.note.text()


def test_filters_by_person_kind_resident_and_date(qtbot, make_ctx, ledger) -> None:
    tv, _litter = history(ledger)
    view = audit_view(qtbot, make_ctx, ledger)
    everything = view.model.rowCount()
    view.person_box.setCurrentIndex(view.person_box.findData("马主任"))
    settle(qtbot)
    assert set(texts(view, AuditModel.COL_WHO)) == {"马主任"} and view.model.rowCount() == 2
    view.kind_box.setCurrentIndex(view.kind_box.findData("approve"))
    settle(qtbot)
    assert len(texts(view)) == 1 and texts(view)[0].startswith(f"审批了积分 #{tv.id}")
    view.person_box.setCurrentIndex(0)
    view.kind_box.setCurrentIndex(0)
    view.resident_edit.setText("王芳（0004）")
    view.reload()
    settle(qtbot)
    assert texts(view) and all("王芳" in s for s in texts(view))
    view.resident_edit.setText("msj")  # two residents of that name
    view.reload()
    assert "有好几位" in view.note.text() and "马少军（0001）" in view.note.text()
    view.resident_edit.clear()
    view.since_edit.setText("2026-11-23")
    view.reload()
    settle(qtbot)
    assert view.model.rowCount() == 0
    view.since_edit.setText("2026-11-31")
    view.reload()
    assert "不是日期" in view.note.text()
    view.since_edit.setText("2026-11-22")
    view.until_edit.setText("2026-11-22")
    view.reload()
    settle(qtbot)
    assert view.model.rowCount() == everything


def test_english_sentences(qtbot, make_ctx, ledger) -> None:
    _tv, litter = history(ledger)
    view = audit_view(qtbot, make_ctx, ledger, lang="en")
    assert texts(view)[0] == f"voided deed #{litter.id} (马丽 乱扔垃圾 -2): 认错了人"


def test_a_deeds_trail_is_the_screen_filtered_to_it(qtbot, make_ctx, ledger) -> None:
    tv, _litter = history(ledger)
    view = LedgerView(make_ctx(ledger, user="马秀兰"))  # a gatherer reads a deed's trail too
    show_active(qtbot, view)
    settle(qtbot)
    row = next(r for r in range(view.model.rowCount()) if view.model.deed_at(r).id == tv.id)
    view.select_row(row)
    dialog = view.show_audit()
    settle(qtbot)
    said = texts(dialog.view)
    assert len(said) == 2 and said[0].startswith(f"录入积分 #{tv.id}：王芳（0004）")
    assert said[1].startswith(f"审批了积分 #{tv.id}")
    assert not hasattr(dialog.view, "person_box")  # no filters: that deed only
    dialog.reject()
