"""The packaging files stay in step with the package: one version everywhere, the icon sizes the
.deb installs exist, and the .deb's menu entry runs the command pip and the .deb both install."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import village_tally

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))


def test_the_windows_installer_names_the_package_version() -> None:
    text = (ROOT / "packaging" / "windows" / "village-tally.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "([^"]+)"', text).group(1) == village_tally.__version__


def test_the_deb_takes_the_package_version_and_every_icon_size() -> None:
    import deb

    assert deb.version() == village_tally.__version__
    icons = ROOT / "village_tally" / "assets" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert (icons / f"village-tally-{size}.png").is_file()
    assert "Exec=/usr/bin/village-tally\n" in deb.DESKTOP and "Icon=village-tally\n" in deb.DESKTOP


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
def test_the_glibc_check_fails_above_its_floor(tmp_path: Path) -> None:
    """The floor check reads real version references: this interpreter's own libc needs."""
    python = Path(sys.executable).resolve()
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "python").write_bytes(python.read_bytes())
    low = subprocess.run([sys.executable, str(ROOT / "packaging" / "glibc_floor.py"),
                          str(folder), "--floor", "2.0"], capture_output=True, text=True,
                         check=False)
    high = subprocess.run([sys.executable, str(ROOT / "packaging" / "glibc_floor.py"),
                           str(folder), "--floor", "9.99"], capture_output=True, text=True,
                          check=False)
    assert low.returncode == 1 and "FAIL" in low.stderr
    assert high.returncode == 0 and "highest GLIBC_2." in high.stdout
