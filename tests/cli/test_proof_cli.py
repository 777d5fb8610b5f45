"""The proof on the command line: `verify` (exit 3 when the ledger does not match its record),
`verify --code` with a code from the paper, `verify --acknowledge REASON`, `restore FILE`, and
every command saying so when the village it opens does not match."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.cli.conftest import new_village
from tests.tamper import tamper_file

ROSTER = [("马少军", "0001", "一片"), ("王芳", "0004", "二片")]


@pytest.fixture
def village(cli):
    new_village(cli)
    for name, household, area in ROSTER:
        assert cli("resident", "add", "--name", name, "--household", household,
                   "--area", area).code == 0
    assert cli("enter", "--name", "王芳", "--date", "2026-10-05", "--rule", "L1",
               "--quantity", "3").code == 0
    assert cli("close", "--month", "2026-10").code == 0
    return cli


def code_of(cli, tmp_path) -> str:
    out = tmp_path / "board.pdf"
    assert cli("board", "--month", "2026-10", "--out", str(out), "--paper", "A4").code == 0
    from pypdf import PdfReader

    text = PdfReader(str(out)).pages[0].extract_text()
    found = re.search(r"verification code \(2026-10 close\) ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})",
                      text)
    assert found, text
    return found.group(1)


def test_verify_exits_3_and_says_what_differs(village):
    assert village("verify").code == 0
    tamper_file(village.db, "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    result = village("verify")
    assert result.code == 3
    assert "resident 王芳 (id 2): the name was changed from '王芳' to '王小芳'" in result.err
    assert "Traceback" not in result.err
    assert "居民" not in village("verify", lang="zh").err
    assert "的名字被改过" in village("verify", lang="zh").err


def test_a_command_on_a_ledger_that_does_not_match_says_so_and_changes_nothing(village):
    tamper_file(village.db, "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    tally = village("tally", "--month", "2026-10")
    assert tally.code == 0 and "does not match its own record" in tally.err
    entered = village("enter", "--name", "王芳", "--date", "2026-11-05", "--rule", "L1")
    assert entered.code == 2
    assert "nothing can be changed until a secretary restores a verified backup" in entered.err


def test_a_code_from_the_paper_is_answered(village, tmp_path):
    code = code_of(village, tmp_path)
    matched = village("verify", "--code", code.lower())
    assert matched.code == 0 and f"the code {code} is the close of 2026-10" in matched.err
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    mistyped = village("verify", "--code", typo)
    assert mistyped.code == 2 and "mistyped character" in mistyped.err and "--code" in \
        mistyped.err
    assert village("verify", "--code", "hello").code == 2
    tamper_file(village.db, "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    changed = village("verify", "--code", code)
    assert changed.code == 3 and "but the ledger does not match its record now" in changed.err


def test_a_difference_acknowledged_with_a_reason_lets_the_ledger_take_changes_again(village):
    tamper_file(village.db, "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    assert village("--as", "马书记", "verify", "--acknowledge", " ").code == 2
    nobody = village("verify", "--acknowledge", "户籍更名")
    assert nobody.code == 2 and "sign in" in nobody.err
    gatherer = village("--as", "马秀兰", "verify", "--acknowledge", "户籍更名")
    assert gatherer.code == 2 and "马秀兰" in gatherer.err and "gatherer" in gatherer.err
    done = village("--as", "马书记", "verify", "--acknowledge", "户籍更名，补录时直接改了库")
    assert done.code == 0 and "1 differences recorded as understood" in done.err
    assert village("verify").code == 0
    assert village("enter", "--name", "王小芳", "--date", "2026-11-05", "--rule", "L1").code == 0
    audit = village("verify").err
    assert "differences recorded as understood (1)" in audit
    tamper_file(village.db, "UPDATE resident SET name = '马小军' WHERE name = '马少军'")
    assert village("verify").code == 3  # a new difference refuses again
    assert village("enter", "--name", "王小芳", "--date", "2026-11-06", "--rule", "L1").code == 2


def test_restore_takes_only_a_backup_that_verifies(village, tmp_path):
    backups = sorted((tmp_path / "village.backups").glob("village-*.db"))
    assert backups, "closing a month backs up first"
    good = backups[-1]
    bad = tmp_path / "bad.db"
    shutil.copy(good, bad)
    tamper_file(bad, "UPDATE resident SET name = 'x'")
    tamper_file(village.db, "DELETE FROM month")
    refused = village("restore", str(bad))
    assert refused.code == 2 and "it cannot be restored" in refused.err
    assert village("verify").code == 3
    assert village("restore", str(tmp_path / "missing.db")).code == 2
    nobody = village("restore", str(good), as_=None)
    assert nobody.code == 2 and "--as" in nobody.err
    gatherer = village("restore", str(good), as_="马秀兰")
    assert gatherer.code == 2 and "马秀兰" in gatherer.err and "gatherer" in gatherer.err
    wrong_pin = village("restore", str(good), env={"VILLAGE_TALLY_PIN": "9999"})
    assert wrong_pin.code == 2 and "wrong PIN" in wrong_pin.err
    assert village("verify").code == 3  # nothing was put back
    restored = village("restore", str(good))
    assert restored.code == 0, restored.err
    assert "the file it replaced is kept as" in restored.err
    # the close and whatever came after the backup: said, and kept in the file replaced
    assert re.search(r"\b\d+ changes made after it was taken are not in the restored village",
                     restored.err)
    assert village("verify").code == 0
    kept = list((tmp_path / "village.backups").glob("replaced-village-*.db"))
    assert len(kept) == 1
    log = village("audit", "--format", "json")
    assert log.code == 0 and "restored the village file from the backup" in log.out
    assert re.search(r"the \d+ changes the replaced file had after it were not brought over",
                     log.out)
