"""The layers point one way (CONVENTIONS.md): import-linter contracts in pyproject.toml; and
no module reaches into another's private names."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "village_tally"


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a test dependency"
    proc = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def _private_uses(path: Path) -> list[str]:
    """Names starting with one underscore that a module takes from another of ours, by
    `from … import _name` or through an imported module (`months._compute`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("village_tally"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"from {node.module} import {alias.name}")
                else:
                    ours.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            ours |= {a.asname or a.name for a in node.names if a.name.startswith("village_tally")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in ours and node.attr.startswith("_") \
                and not node.attr.startswith("__"):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_no_module_takes_another_modules_private_names():
    offenders = [f"{p.relative_to(ROOT)}: {use}" for p in sorted(PACKAGE.rglob("*.py"))
                 for use in _private_uses(p)]
    assert offenders == []
