"""Chinese input on fcitx desktops (UOS, Kylin). PySide6's wheels ship only Qt's ibus and
compose input-method plugins, so a Qt told `QT_IM_MODULE=fcitx` (as those desktops set it) finds
no plugin and nobody can type a Chinese word. fcitx5 also speaks IBus's protocol (its ibus
frontend), so when fcitx5 is running and our Qt has no fcitx plugin, the program asks Qt for ibus
instead, through the IBus portal (IBUS_USE_PORTAL=1), which fcitx5 serves too: without it Qt's
ibus plugin counts itself usable only where an `ibus-daemon` program is installed, which a fcitx
desktop need not have (seen here: "zhong" typed under fcitx5 gave 中 only with the portal). Qt
reads these variables once, when the application is made: this runs before that.

fcitx 4 (older UOS and Kylin releases) has no ibus frontend: nothing here can help it; the
choice says so, and README names what to install."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("village_tally.ui")

FCITX = ("fcitx", "fcitx5")


@dataclass(frozen=True, slots=True)
class ImChoice:
    """What QT_IM_MODULE should become (None: leave the environment alone), and why."""

    module: str | None
    reason: str


def choose_im_module(environ: Mapping[str, str], plugins: Iterable[str],
                     running: Iterable[str]) -> ImChoice:
    """The choice for this environment, the input-context plugins our Qt has (file names) and
    the input-method programs running (process names)."""
    wanted = environ.get("QT_IM_MODULE", "").strip().lower()
    if not wanted and ("fcitx" in environ.get("XMODIFIERS", "")
                       or environ.get("GTK_IM_MODULE", "").strip().lower() in FCITX):
        wanted = "fcitx"  # desktops that set only the GTK and X variables
    if wanted not in FCITX:
        return ImChoice(None, "not-fcitx")
    if any("fcitx" in plugin for plugin in plugins):
        return ImChoice(None, "fcitx-plugin")
    names = set(running)
    if "fcitx5" in names:
        return ImChoice("ibus", "fcitx5-through-ibus")
    if "fcitx" in names:
        return ImChoice(None, "fcitx4-unsupported")
    return ImChoice(None, "fcitx-not-running")


def running_programs(proc: Path = Path("/proc"), wanted: Iterable[str] = FCITX) -> set[str]:
    """Which of the wanted program names have a running process (Linux's /proc)."""
    names = set(wanted)
    found: set[str] = set()
    try:
        entries = list(proc.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:  # the process ended meanwhile, or is not ours to read
            continue
        if name in names:
            found.add(name)
    return found


def input_context_plugins() -> list[str]:
    """The input-method plugins our Qt has (file names in plugins/platforminputcontexts)."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    try:
        return sorted(p.name for p in (folder / "platforminputcontexts").iterdir())
    except OSError:
        return []


def apply_input_method(environ: MutableMapping[str, str] = os.environ) -> ImChoice:
    """Choose, and set QT_IM_MODULE if needed; call before the QApplication is made."""
    choice = choose_im_module(environ, input_context_plugins(), running_programs())
    if choice.module is not None:
        environ["QT_IM_MODULE"] = choice.module
        environ.setdefault("IBUS_USE_PORTAL", "1")  # fcitx5 serves the portal, see above
    log.info("input method: %s (%s)", environ.get("QT_IM_MODULE", ""), choice.reason)
    return choice
