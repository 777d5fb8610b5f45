"""Start-up on the demo village against a bare PySide6 script that shows an empty QMainWindow.

Every run is a fresh process (interpreter start and imports included), timed from just before
the process is started to a moment the process itself reports (its wall clock), so process
teardown is counted for neither side. In one run it measures, against the same bare script, the
path a person meets:

(a) data ready (the headline): the sign-in screen showed, the secretary's PIN was typed the
    moment it took the keyboard (no person is that quick: no overlap with typing is credited),
    checked, and the entry grid's first line is shown with the ledger's own check on opening
    (verify) done, so a line typed now is saved — what a person waits for before typing a
    sheet. Target: <= 3x the bare window. Beside it, the ratio to the bare window plus one
    `hashlib.scrypt` of the PIN's cost (services.pins.COST), timed in the bare process after
    its window is up: the PIN check is work any program that signs people in does.
(b) sign-in screen: the village's people listed and the search taking the keyboard (the loop
    has turned once since), what a person waits for before doing anything.
(c) window up: the main window's frame is shown (title, menus, the "opening …" page) and the
    event loop has turned once, so it takes input. The bare script is timed to the same
    moment: its empty QMainWindow shown and the loop's first turn.
(d) the same as (c), but with `village_tally.cli` imported first, as the `village-tally`
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
import hashlib, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def up():
    print("up", time.time(), flush=True)
    n, r, p = (int(x) for x in sys.argv[1:4])
    hashlib.scrypt(b"1234", salt=b"0123456789abcdef", n=n, r=r, p=p, maxmem=4 * 128 * r * n,
                   dklen=32)
    print("pin", time.time(), flush=True)
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
def sign_in():
    page = controller.window.sign_in_page
    assert page.isVisible() and page.names.count() > 0, "the sign-in screen lists nobody"
    print("signin", time.time(), flush=True)
    page.sign_in(sys.argv[5], sys.argv[6])
def ready():
    w = controller.window
    if w.is_loaded and w.ctx.person is not None and w.ctx.ledger.check.done \
            and w.entry.lines[0].name.isVisible():
        print("ready", time.time(), flush=True)
        app.quit()
window.sign_in_shown.connect(lambda: QTimer.singleShot(0, sign_in))
window.loaded.connect(lambda: QTimer.singleShot(0, ready))
def watch_person():
    controller.window.ctx.bus.person_changed.connect(lambda _p: QTimer.singleShot(0, ready))
window.sign_in_shown.connect(watch_person)
QTimer.singleShot(0, up)
app.exec()
QThreadPool.globalInstance().waitForDone()
"""


def demo_db() -> Path:
    path = CACHE / "demo-people.db"  # since #11 its people have PINs (services.demo)
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
    done = subprocess.run([sys.executable, "-c", code, *args], check=False, env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    moments = {}
    for line in done.stdout.splitlines():
        what, _, at = line.partition(" ")
        moments[what] = float(at) - started
    if done.returncode != 0 or "Traceback" in done.stderr:
        sys.exit(f"the child failed:\n{done.stderr}")
    return moments


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from village_tally.services.demo import DEMO_PIN, SECRETARY
    from village_tally.services.pins import COST

    db = str(demo_db())
    cost = (str(COST.n), str(COST.r), str(COST.p))
    moments: dict[str, list[float]] = {k: [] for k in ("bare", "pin", "up", "signin", "ready",
                                                       "cli")}
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        pyc = str(Path(tmp) / "pycache")
        ours = (db, ini, tmp)
        who = (SECRETARY, DEMO_PIN)
        # Warm the disk and byte-code caches; the first run also remembers the village's name.
        run(BARE, *cost, pycache=pyc)
        run(OURS, *ours, "cli", *who, pycache=pyc)
        run(OURS, *ours, "ui", *who, pycache=pyc)
        for _ in range(args.repeat):  # interleaved, so all see the same machine
            bare = run(BARE, *cost, pycache=pyc)
            moments["bare"].append(bare["up"])
            moments["pin"].append(bare["pin"])
            got = run(OURS, *ours, "ui", *who, pycache=pyc)
            for what in ("up", "signin", "ready"):
                moments[what].append(got[what])
            moments["cli"].append(run(OURS, *ours, "cli", *who, pycache=pyc)["up"])
    b, pin, a, s, r, c = (statistics.median(moments[k])
                          for k in ("bare", "pin", "up", "signin", "ready", "cli"))
    print(f"bare PySide6, empty QMainWindow shown:            {b:.3f} s")
    print(f"  and one scrypt of the PIN's cost after it:       {pin:.3f} s")
    print(f"(a) data ready: signed in, entry grid, checked:    {r:.3f} s   {r / b:.2f}x   "
          f"target <= {TARGET}x  {'OK' if r / b <= TARGET else 'SLOW'}   "
          f"({r / pin:.2f}x the bare window and PIN check)")
    print(f"(b) the sign-in screen, its people listed:         {s:.3f} s   {s / b:.2f}x")
    print(f"(c) Village Tally window up, taking input:         {a:.3f} s   {a / b:.2f}x")
    print(f"(d) as (c) through the village-tally command:      {c:.3f} s   {c / b:.2f}x")
    print(f"medians of {args.repeat} runs each")


if __name__ == "__main__":
    main()
