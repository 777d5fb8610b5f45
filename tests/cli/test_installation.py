"""A damaged installation (a shipped form or font missing) is a named fault: exit 1 and a plain
message that names the file and says to reinstall, never an internal error, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.install import broken_install


def run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "village_tally", "--lang", "en",
                           "--db", str(cwd / "v.db"), *args], capture_output=True, text=True,
                          env={**env, "VILLAGE_TALLY_PIN": "1234",
                               "VILLAGE_TALLY_NEW_PIN": "1234"},
                          cwd=cwd, timeout=120, check=False)


def test_the_copy_is_what_runs(tmp_path: Path) -> None:
    env = broken_install(tmp_path, "forms/inspection.toml")
    done = subprocess.run([sys.executable, "-c", "import village_tally; print(village_tally"
                           ".__file__)"], capture_output=True, text=True, env=env, check=True,
                          cwd=tmp_path)
    assert done.stdout.startswith(str(tmp_path / "site")), done.stdout


def test_a_missing_form_is_named(tmp_path: Path) -> None:
    env = broken_install(tmp_path, "forms/field_sheet.toml")
    assert run(env, tmp_path, "init", "--village", "马家村", "--secretary", "马书记"
               ).returncode == 0
    done = run(env, tmp_path, "forms", "field-sheet", "--out", str(tmp_path / "f.pdf"))
    assert done.returncode == 1, done.stderr
    assert "forms/field_sheet.toml" in done.stderr and "reinstall" in done.stderr
    assert "internal" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "f.pdf").exists()


@pytest.mark.parametrize("font", ["wqy-microhei.ttc", "hanazono-ext.ttf"])
def test_a_missing_font_is_named(tmp_path: Path, font: str) -> None:
    env = broken_install(tmp_path, f"assets/fonts/{font}")
    assert run(env, tmp_path, "init", "--village", "马家村", "--secretary", "马书记"
               ).returncode == 0
    assert run(env, tmp_path, "--as", "马书记", "resident", "add", "--name", "马少军",
               "--household", "0001", "--head").returncode == 0
    done = run(env, tmp_path, "board", "--month", "2026-11", "--out", str(tmp_path / "b.pdf"))
    assert done.returncode == 1, done.stderr
    assert f"assets/fonts/{font}" in done.stderr and "reinstall" in done.stderr
    assert "internal" not in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*b.pdf*"))
