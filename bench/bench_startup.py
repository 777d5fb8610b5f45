"""Start-up on the demo village against a bare PySide6 script that shows an empty QMainWindow.

Every run is a fresh process (interpreter start and imports included), timed from just before
the process is started to a moment the process itself reports (its wall clock), so process
teardown is counted for neither side. In one run it measures, against the same bare script, the
path a person meets:

(a) data ready (the headline): the sign-in screen showed, the secretary's PIN was typed the
    moment it took the keyboard (no person is that quick: no overlap with typing is credited),
    checked, and the entry grid's first line is shown (the window `usable`: the other tabs'
    places may still be blank) with the ledger's own check on opening (verify) done, so a
    line typed now is saved — what a person waits for before typing a sheet. The headline
    ratio is to the bare side doing the same work: the bare window plus one `hashlib.scrypt`
    of the PIN's cost (services.pins.COST), run in the bare process after its window is up —
    the PIN check is deliberate (0.17 s) and work any program that signs people in does.
    Target: <= 3x that, in CPU time (the process's, all its threads together: on cores
    shared by six the wall clock mostly counts the time others ran, and the CPU time does
    not credit our work done in parallel); the wall clock, and the ratio to the bare window
    alone, beside.
(b) sign-in screen: the village's people listed and the search taking the keyboard (the loop
    has turned once since), what a person waits for before doing anything.
(c) window up: the main window's frame is shown (title, menus, the "opening …" page) and the
    event loop has turned once, so it takes input. The bare script is timed to the same
    moment: its empty QMainWindow shown and the loop's first turn.
(d) the same as (c), but with `village_tally.cli` imported first, as the `village-tally`
    command does before it opens the window.

The program is started as `run_app` starts it (its module imported first, as the
`village-tally` command imports it, then the application, font, Qt's translations, the
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
    print("up", time.time(), time.process_time(), flush=True)
    n, r, p = (int(x) for x in sys.argv[1:4])
    hashlib.scrypt(b"1234", salt=b"0123456789abcdef", n=n, r=r, p=p, maxmem=4 * 128 * r * n,
                   dklen=32)
    print("pin", time.time(), time.process_time(), flush=True)
    app.quit()
QTimer.singleShot(0, up)
app.exec()
"""

OURS = """
import sys, time
if sys.argv[4] == "cli":
    import village_tally.cli
from village_tally.ui.app import AppController, install_qt_translations, make_application
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from village_tally.ui.settings import Settings
app = make_application()
install_qt_translations(app, "zh")
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
controller = AppController(app, settings, "zh", {"HOME": sys.argv[3]})
window = controller.start(sys.argv[1])
assert window.objectName() == "mainWindow" and not window.is_loaded, window
def up():
    print("up", time.time(), time.process_time(), flush=True)
    if sys.argv[4] == "cli":
        app.quit()
def sign_in():
    page = controller.window.sign_in_page
    assert page.isVisible() and page.names.count() > 0, "the sign-in screen lists nobody"
    print("signin", time.time(), time.process_time(), flush=True)
    checking = getattr(controller.window, "checking", None)  # verify may finish last
    if checking is not None:
        checking.finished.connect(lambda _found: QTimer.singleShot(0, ready))
    page.sign_in(sys.argv[5], sys.argv[6])
said = []
def ready():
    w = controller.window
    if not said and w.is_usable and w.ctx.person is not None and w.ctx.ledger.check.done \
            and w.entry.lines[0].name.isVisible():
        said.append(True)
        print("ready", time.time(), time.process_time(), flush=True)
        app.quit()
window.sign_in_shown.connect(lambda: QTimer.singleShot(0, sign_in))
window.usable.connect(lambda: QTimer.singleShot(0, ready))
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
    """Seconds from the start of the process to each moment it reports, and (as "… cpu")
    the CPU time the process had used by then, all its threads together."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], check=False, env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    moments = {}
    for line in done.stdout.splitlines():
        what, at, cpu = line.split()
        moments[what] = float(at) - started
        moments[f"{what} cpu"] = float(cpu)
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
    kinds = ("bare", "pin", "up", "signin", "ready", "cli")
    moments: dict[str, list[float]] = {k: [] for k in kinds + tuple(f"{k} cpu" for k in kinds)}
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
            for cpu in ("", " cpu"):
                moments[f"bare{cpu}"].append(bare[f"up{cpu}"])
                moments[f"pin{cpu}"].append(bare[f"pin{cpu}"])
            got = run(OURS, *ours, "ui", *who, pycache=pyc)
            for what in ("up", "signin", "ready"):
                for cpu in ("", " cpu"):
                    moments[f"{what}{cpu}"].append(got[f"{what}{cpu}"])
            cli = run(OURS, *ours, "cli", *who, pycache=pyc)
            for cpu in ("", " cpu"):
                moments[f"cli{cpu}"].append(cli[f"up{cpu}"])
    wall = {k: statistics.median(moments[k]) for k in kinds}
    cpu = {k: statistics.median(moments[f"{k} cpu"]) for k in kinds}

    def line(label: str, what: str, *, headline: bool = False) -> str:
        text = (f"{label:52s} {wall[what]:6.3f} s {wall[what] / wall['bare']:6.2f}x   "
                f"CPU {cpu[what]:6.3f} s {cpu[what] / cpu['bare']:6.2f}x")
        if headline:  # against the bare side doing the same work: a window and a PIN check
            ratio = cpu[what] / cpu["pin"]
            text += (f"\n{'':52s} headline: {ratio:.2f}x (CPU) the bare window and PIN check, "
                     f"target <= {TARGET}x {'OK' if ratio <= TARGET else 'SLOW'}")
        return text

    print(f"{'':52s} {'wall':>8s} {'ratio':>7s}   {'CPU (all threads)':>18s}")
    print(line("bare PySide6, empty QMainWindow shown", "bare"))
    print(line("  and one scrypt of the PIN's cost after it", "pin"))
    print(line("(a) data ready: signed in, entry grid, checked", "ready", headline=True))
    print(line("(b) the sign-in screen, its people listed", "signin"))
    print(line("(c) Village Tally window up, taking input", "up"))
    print(line("(d) as (c) through the village-tally command", "cli"))
    print(f"medians of {args.repeat} runs each; ratios to the bare window's (wall, CPU)")


if __name__ == "__main__":
    main()
