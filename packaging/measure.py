"""The install figures in one run: build time (PyInstaller and the .deb), the bundle's and the
.deb's size, what was left out of Qt, and start-up of the bundle against the venv (window up,
and the demo village's data shown) — the same moments bench/bench_startup.py times.

    python3 packaging/measure.py [--repeat 5]

Builds into build/measure and dist/ (the venv in build/venv is made once and reused)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "packaging"), str(ROOT)]
from bench.bench_startup import OURS, demo_db  # noqa: E402

import build  # noqa: E402
import deb  # noqa: E402

TARGETS = {"bundle": 185e6, "deb": 62e6, "ratio": 1.3, "build": 120.0}


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def moments(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    found = {}
    for line in done.stdout.splitlines():
        what, _, at = line.partition(" ")
        if what in ("up", "ready"):
            found[what] = float(at) - started
    return found


def startup(program: Path, venv_python: Path, repeat: int) -> dict[str, list[float]]:
    """Start-up of the bundle and the venv on the demo village, interleaved."""
    db = str(demo_db())
    times: dict[str, list[float]] = {k: [] for k in ("venv up", "venv ready", "bundle up",
                                                     "bundle ready")}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "startup.py"
        script.write_text(OURS, encoding="utf-8")
        args = [db, str(Path(tmp) / "settings.ini"), tmp, "ui"]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # the venv byte-compiled, as installed
        venv = [str(venv_python), str(script), *args]
        frozen = [str(program), *args]
        frozen_env = dict(env, VILLAGE_TALLY_RUN_SCRIPT=str(script))
        moments(venv, env), moments(frozen, frozen_env)  # warm caches, remember the name
        for _ in range(repeat):
            for name, argv, e in (("venv", venv, env), ("bundle", frozen, frozen_env)):
                got = moments(argv, e)
                times[f"{name} up"].append(got["up"])
                times[f"{name} ready"].append(got["ready"])
    return times


def cpu() -> float:
    """CPU seconds of the children so far (the machine is shared: wall time swings with it)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t0 = time.monotonic()
    python = build.install(ROOT / "build" / "venv")
    t1, c1 = time.monotonic(), cpu()
    folder = build.bundle(python, ROOT / "dist", ROOT / "build" / "measure")
    t2 = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "deb.py"), str(folder)],
                   check=True)
    t3, c3 = time.monotonic(), cpu()
    load = os.getloadavg()[0]
    package = ROOT / "dist" / f"village-tally_{deb.version()}_amd64.deb"
    site = next((ROOT / "build" / "venv" / "lib").glob("python3*/site-packages"))
    qt_venv = size(site / "PySide6")
    qt_bundle = size(folder / "_internal" / "PySide6")
    times = startup(folder / "village-tally", ROOT / ".venv" / "bin" / "python", args.repeat)
    med = {k: statistics.median(v) for k, v in times.items()}
    bundle_bytes, deb_bytes, built = size(folder), size(package), (t2 - t1) + (t3 - t2)
    up, ready = med["bundle up"] / med["venv up"], med["bundle ready"] / med["venv ready"]
    rows = [
        ("bundle size", f"{bundle_bytes / 1e6:.0f} MB", bundle_bytes <= TARGETS["bundle"]),
        (".deb size", f"{deb_bytes / 1e6:.1f} MB", deb_bytes <= TARGETS["deb"]),
        ("window up, bundle/venv", f"{med['bundle up']:.3f} s / {med['venv up']:.3f} s = "
         f"{up:.2f}x", up <= TARGETS["ratio"]),
        ("data ready, bundle/venv", f"{med['bundle ready']:.3f} s / {med['venv ready']:.3f} s"
         f" = {ready:.2f}x", ready <= TARGETS["ratio"]),
        ("build + pack", f"{t2 - t1:.0f} s PyInstaller + {t3 - t2:.0f} s dpkg-deb = "
         f"{built:.0f} s", built <= TARGETS["build"]),
    ]
    for name, value, ok in rows:
        print(f"{name:26} {value:45} {'OK' if ok else 'OVER'}")
    print(f"build + pack used {c3 - c1:.0f} s of CPU; load average {load:.1f} on "
          f"{os.cpu_count()} cores while building")
    print(f"venv install (pip install . + PyInstaller) {t1 - t0:.0f} s, not counted")
    print(f"Qt (PySide6): {qt_venv / 1e6:.0f} MB in the venv, {qt_bundle / 1e6:.0f} MB bundled "
          f"({(qt_venv - qt_bundle) / 1e6:.0f} MB of unused modules, plugins, QML and "
          "translations left out)")
    print(f"medians of {args.repeat} starts each, offscreen, on the demo village")
    return 0


if __name__ == "__main__":
    sys.exit(main())
