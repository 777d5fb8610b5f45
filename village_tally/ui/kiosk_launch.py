"""Opening the village-hall screen from the program (File › Village-hall screen, or
`village-tally --kiosk`): a committee member signed in opens it at once; anyone else is asked
for a committee member's name and PIN first. The main window hides while the screen runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from village_tally.core.authority import Action, may
from village_tally.services.session import Ledger
from village_tally.ui.context import UiContext
from village_tally.ui.kiosk_exit import KioskExitDialog
from village_tally.ui.kiosk_view import KioskWindow


def open_kiosk(ctx: UiContext, window: QWidget, shown: Callable[[KioskWindow], object]
               ) -> KioskWindow | KioskExitDialog:
    """The screen, full screen, as the signed-in committee member; or the dialog asking for
    one (the screen follows when their PIN is right). `shown` keeps the screen."""
    if may(ctx.person, Action.KIOSK):
        screen = _show(ctx, window)
        shown(screen)
        return screen
    dialog = KioskExitDialog(ctx, window, title="kiosk.open_title")
    dialog.signed_off.connect(lambda ledger: shown(_show(_as(ctx, ledger), window)))
    dialog.open()
    return dialog


def _as(ctx: UiContext, ledger: Ledger) -> UiContext:
    return UiContext(ctx.ledger, ctx.lang, ctx.bus, ledger.actor)


def _show(ctx: UiContext, window: QWidget) -> KioskWindow:
    kiosk = KioskWindow(UiContext(ctx.ledger, ctx.lang, ctx.bus, ctx.person))
    kiosk.closed.connect(window.show)
    kiosk.closed.connect(kiosk.deleteLater)
    window.hide()
    kiosk.showFullScreen()
    kiosk.home()
    return kiosk
