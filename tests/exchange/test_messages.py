"""Every problem code the spreadsheet code can raise has a Chinese and an English message."""

from __future__ import annotations

import re
from pathlib import Path

import village_tally
from village_tally.i18n import exchange, has_message

ROOT = Path(village_tally.__file__).parent
SOURCES = [*sorted((ROOT / "exchange").glob("*.py")), ROOT / "services" / "importing.py",
           ROOT / "services" / "exporting.py", ROOT / "cli" / "exchange_cmds.py"]
CODE = re.compile(r'"((?:file|cell|import|points|quantity|quarter|rating|household|name|'
                  r'deed|date|cli|sheet|xcol|status|export)\.[a-z_0-9]+)"')


def test_every_code_has_both_languages() -> None:
    codes = {c for path in SOURCES for c in CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(codes) > 30
    assert sorted(c for c in codes if not has_message(c)) == []
    for code, (zh, en) in exchange.MESSAGES.items():
        assert zh.strip() and en.strip(), code
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), code
