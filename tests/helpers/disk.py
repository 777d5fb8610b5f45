"""A small disk of our own for a test: a tmpfs mounted in a private mount namespace
(`unshare --user --map-root-user --mount`, no root needed where user namespaces are allowed),
so a full disk and a read-only disk are real ones, not simulated.

`on_small_disk(tmp_path, size, steps)` runs `steps` (Python source) inside the namespace with
`DISK` (the mounted folder), `cli(*args, db=...)` (the command line in a subprocess, returning
{"code", "out", "err"}), `fill()` (fill the disk to the last byte) and `read_only()` (remount it
read-only) defined; whatever `steps` puts in `result` comes back as JSON.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers.signing import PIN, SECRETARY, SIGNED

UNSHARE = ["unshare", "--user", "--map-root-user", "--mount"]

PRELUDE = r'''
import json, os, subprocess, sys
DISK, SIZE = sys.argv[1], sys.argv[2]
os.makedirs(DISK, exist_ok=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", DISK], check=True)

def cli(*args, db, lang="en"):
    signed = ["--as", SECRETARY] if args and args[0] in SIGNED else []
    env = {**os.environ, "VILLAGE_TALLY_PIN": PIN, "VILLAGE_TALLY_NEW_PIN": PIN}
    proc = subprocess.run([sys.executable, "-m", "village_tally", "--lang", lang, "--db", db,
                           *signed, *args], capture_output=True, text=True, timeout=300,
                          env=env)
    return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}

def fill():
    fd = os.open(os.path.join(DISK, "filler"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for block in (65536, 4096, 1):  # to the last byte
        try:
            while True:
                os.write(fd, b"\0" * block)
        except OSError:
            pass
    os.close(fd)

def read_only():
    subprocess.run(["mount", "-o", "remount,ro", DISK], check=True)

result = {}
'''


def small_disks_possible() -> bool:
    """Can this machine give a test a private tmpfs (see the module docstring)?"""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run([*UNSHARE, "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def on_small_disk(tmp_path: Path, size: str, steps: str) -> dict[str, Any]:
    driver = tmp_path / "on_small_disk.py"
    signing = f"SIGNED, PIN, SECRETARY = {set(SIGNED)!r}, {PIN!r}, {SECRETARY!r}\n"
    driver.write_text(signing + PRELUDE + steps + "\nprint(json.dumps(result))\n", encoding="utf-8")
    disk = tmp_path / "disk"
    proc = subprocess.run([*UNSHARE, sys.executable, str(driver), str(disk), size],
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result
