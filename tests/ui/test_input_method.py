"""Chinese typing on fcitx desktops: the program asks Qt for ibus when fcitx5 runs and our Qt
has no fcitx plugin (fcitx5 speaks IBus's protocol), and otherwise leaves the choice alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from village_tally.ui.input_method import choose_im_module, running_programs

WHEEL = ["libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so"]
WITH_FCITX = [*WHEEL, "libfcitx5platforminputcontextplugin.so"]


@pytest.mark.parametrize(("environ", "plugins", "running", "module", "reason"), [
    ({"QT_IM_MODULE": "fcitx"}, WHEEL, {"fcitx5"}, "ibus", "fcitx5-through-ibus"),
    ({"QT_IM_MODULE": "fcitx5"}, WHEEL, {"fcitx5"}, "ibus", "fcitx5-through-ibus"),
    ({"QT_IM_MODULE": "FCITX "}, WHEEL, {"fcitx5"}, "ibus", "fcitx5-through-ibus"),
    ({"XMODIFIERS": "@im=fcitx"}, WHEEL, {"fcitx5"}, "ibus", "fcitx5-through-ibus"),
    ({"GTK_IM_MODULE": "fcitx"}, WHEEL, {"fcitx5"}, "ibus", "fcitx5-through-ibus"),
    ({"QT_IM_MODULE": "fcitx"}, WITH_FCITX, {"fcitx5"}, None, "fcitx-plugin"),
    ({"QT_IM_MODULE": "fcitx"}, WHEEL, {"fcitx"}, None, "fcitx4-unsupported"),
    ({"QT_IM_MODULE": "fcitx"}, WHEEL, set(), None, "fcitx-not-running"),
    ({"QT_IM_MODULE": "ibus"}, WHEEL, {"fcitx5"}, None, "not-fcitx"),
    ({}, WHEEL, {"fcitx5"}, None, "not-fcitx"),
])
def test_the_choice(environ, plugins, running, module, reason) -> None:
    choice = choose_im_module(environ, plugins, running)
    assert (choice.module, choice.reason) == (module, reason)


def test_running_programs_reads_process_names(tmp_path: Path) -> None:
    for pid, name in (("12", "fcitx5"), ("40", "bash"), ("7", "fcitx")):
        (tmp_path / pid).mkdir()
        (tmp_path / pid / "comm").write_text(name + "\n")
    (tmp_path / "self").mkdir()
    assert running_programs(tmp_path) == {"fcitx5", "fcitx"}
    assert running_programs(tmp_path / "missing") == set()


def test_the_program_chooses_ibus_when_a_real_fcitx5_runs(tmp_path: Path) -> None:
    """A process really named fcitx5, and the program started as village-tally starts it: the
    Qt it makes is told ibus."""
    fake = tmp_path / "fcitx5"
    shutil.copy("/bin/sleep", fake)
    daemon = subprocess.Popen([str(fake), "60"])
    code = ("import os; from village_tally.ui.input_method import apply_input_method; "
            "c = apply_input_method(); print(os.environ.get('QT_IM_MODULE'), c.reason, "
            "os.environ.get('IBUS_USE_PORTAL'))")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={"QT_IM_MODULE": "fcitx", "PATH": "/usr/bin:/bin"},
                              timeout=60, check=True)
    finally:
        daemon.kill()
        daemon.wait()
    assert done.stdout.split() == ["ibus", "fcitx5-through-ibus", "1"]
