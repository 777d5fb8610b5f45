"""The installed program's self-check (run in the bundle by packaging/smoke.py, and by a person
on a real machine) opens the window on a demo village, prints a board and reports the font,
Qt's translation and the input method."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_the_self_check_passes_on_a_whole_installation(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "village_tally.ui.selfcheck", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["window_loaded"] and report["printed_pages"] >= 1
    assert "WenQuanYi Micro Hei" in report["cjk_families"] and report["qt_cancel"] == "取消"
    assert "libibusplatforminputcontextplugin.so" in report["im_plugins"]
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")
