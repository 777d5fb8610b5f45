"""Start-up on the demo village against a bare PySide6 script that shows an empty QMainWindow.

Every run is a fresh process (interpreter start and imports included), timed from just before
the process is started to a moment the process itself reports (its wall clock), so process
teardown is counted for neither side. In one run it measures, against the same bare script:

(a) data ready (the headline): the demo village's ledger opened on a worker (integrity check
    included unless it already ran today on this file), the tabs built, and the entry grid's
    first line shown (the loop has turned once after `MainWindow.loaded`) — what a person
    waits for before typing a sheet. Target: <= 3x the bare window.
(b) window up: the main window's frame is shown (title, menus, the "opening …" page) and the
    event loop has turned once, so it takes input. The bare script is timed to the same
    moment: its empty QMainWindow shown and the loop's first turn.
(c) the same as (a), but with `village_tally.cli` imported first, as the `village-tally`
    command does before it opens the window.

The program is started as `run_app` starts it (application, font, Qt's translations, the
controller choosing the file), with a private settings file; the second and later runs find the
village's name in it, as a person's second start does. Modules are byte-compiled as in an
installed program: the children write and reuse .pyc files under a temporary
PYTHONPYCACHEPREFIX even where PYTHONDONTWRITEBYTECODE is set (it is on the project's
machines, where it made every start compile our ~70 modules, about 60 ms, again).

    QT_QPA_PLATFORM=offscreen python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("VILLAGE_TALLY_BENCH_CACHE", Path(__file__).parent / ".cache"))
TARGET = 3.0

BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def up():
    print("up", time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, up)
app.exec()
"""

OURS = """
import sys, time
if sys.argv[4] == "cli":
    import village_tally.cli
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from village_tally.ui.app import AppController, install_qt_translations, make_application
from village_tally.ui.settings import Settings
app = make_application()
install_qt_translations(app, "zh")
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
controller = AppController(app, settings, "zh", {"HOME": sys.argv[3]})
window = controller.start(sys.argv[1])
assert window.objectName() == "mainWindow" and not window.is_loaded, window
def up():
    print("up", time.time(), flush=True)
    if sys.argv[4] == "cli":
        app.quit()
def ready():
    assert controller.window.entry.lines[0].name.isVisible()
    print("ready", time.time(), flush=True)
    app.quit()
window.loaded.connect(lambda: QTimer.singleShot(0, ready))
QTimer.singleShot(0, up)
app.exec()
QThreadPool.globalInstance().waitForDone()
"""


def demo_db() -> Path:
    path = CACHE / "demo.db"
    if not path.exists():
        from village_tally.services.demo import make_demo

        CACHE.mkdir(parents=True, exist_ok=True)
        print("building the demo village (once) ...", file=sys.stderr)
        make_demo(str(path))
    return path


def run(code: str, *args: str, pycache: str) -> dict[str, float]:
    """Seconds from the start of the process to each moment it reports."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, cwd=ROOT,
                          capture_output=True, text=True)
    moments = {}
    for line in done.stdout.splitlines():
        what, _, at = line.partition(" ")
        moments[what] = float(at) - started
    return moments


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    db = str(demo_db())
    bare: list[float] = []
    up: list[float] = []
    ready: list[float] = []
    cli: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        pyc = str(Path(tmp) / "pycache")
        # Warm the disk and byte-code caches; the first run also remembers the village's name.
        run(BARE, pycache=pyc)
        run(OURS, db, ini, tmp, "cli", pycache=pyc)
        run(OURS, db, ini, tmp, "ui", pycache=pyc)
        for _ in range(args.repeat):  # interleaved, so all see the same machine
            bare.append(run(BARE, pycache=pyc)["up"])
            ours = run(OURS, db, ini, tmp, "ui", pycache=pyc)
            up.append(ours["up"])
            ready.append(ours["ready"])
            cli.append(run(OURS, db, ini, tmp, "cli", pycache=pyc)["up"])
    b = statistics.median(bare)
    a, r, c = (statistics.median(x) for x in (up, ready, cli))
    print(f"bare PySide6, empty QMainWindow shown:          {b:.3f} s")
    print(f"(a) demo village shown, entry grid ready:        {r:.3f} s   {r / b:.2f}x   "
          f"target <= {TARGET}x  {'OK' if r / b <= TARGET else 'SLOW'}")
    print(f"(b) Village Tally window up, taking input:       {a:.3f} s   {a / b:.2f}x")
    print(f"(c) as (b) through the village-tally command:    {c:.3f} s   {c / b:.2f}x")
    print(f"medians of {args.repeat} runs each")


if __name__ == "__main__":
    main()
