"""Build the one-folder program with PyInstaller, from a non-editable `pip install .` in a venv
of its own (an editable install is invisible to PyInstaller):

    python3 packaging/build.py [--venv build/venv] [--dist dist]

Leaves dist/village-tally/ (the program `village-tally` and its `_internal` folder) and prints
the seconds each step took. The same command builds on Windows (README: untested there)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "village-tally.spec"
PYINSTALLER = "pyinstaller==6.22.*"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*args: str | Path, cwd: Path = ROOT) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=cwd, check=True)


def install(venv: Path) -> Path:
    """The venv with PyInstaller and this checkout installed as a wheel would be."""
    python = venv_python(venv)
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
        run(python, "-m", "pip", "install", "-q", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "-q", PYINSTALLER)
    # --force-reinstall --no-deps: this checkout as it is now, even if the version is unchanged
    run(python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", ROOT)
    run(python, "-m", "pip", "install", "-q", ROOT)  # its dependencies, as pyproject says
    return python


def bundle(python: Path, dist: Path, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    # Run from the work folder with a safe path, so the source tree's village_tally can never
    # shadow the installed one.
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    print("+ pyinstaller", SPEC, flush=True)
    subprocess.run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   cwd=work, env=env, check=True)
    return dist / "village-tally"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "venv")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    started = time.monotonic()
    python = install(args.venv.resolve())
    installed = time.monotonic()
    folder = bundle(python, args.dist.resolve(), ROOT / "build" / "pyinstaller")
    done = time.monotonic()
    print(f"install {installed - started:.1f} s, bundle {done - installed:.1f} s -> {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
