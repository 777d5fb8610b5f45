"""How the desktop program's modules are cut: table models live in modules of their own, not
inside the views and dialogs that show them."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "village_tally" / "ui"


def model_classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(ast.unparse(base).endswith(("Model", "ProxyModel")) for base in node.bases)]


def test_no_view_or_dialog_holds_a_table_model():
    views = [p for p in UI.glob("*.py") if p.stem.endswith(("_view", "_dialog", "_dialogs",
                                                             "_page", "_window"))]
    assert len(views) > 8
    assert {p.name: model_classes(p) for p in views if model_classes(p)} == {}
    assert model_classes(UI / "rule_model.py") == ["RuleTableModel"]  # the check sees models
