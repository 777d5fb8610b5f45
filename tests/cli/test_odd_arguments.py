"""The command line holds (#12 item 7): odd arguments, odd files and odd disks, tried as a
careless or hostile user would. Bad input is exit 2 naming the option, a fault of the machine is
exit 1 said plainly; never a traceback, never a partial file, nothing written on refusal."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import THIS_MONTH
from tests.cli.test_ledger_cli import setup_village
from tests.helpers.disk import on_small_disk, small_disks_possible
from tests.helpers.signing import PIN

BIG = str(10**20)
HUGE_ID = str(2**70)


def content(db: Path) -> str:
    """Everything the village file holds, as SQL text (the bytes of a WAL file can change on
    a plain read, when the last reader checkpoints)."""
    conn = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def plain(r, status: int, *words: str) -> None:
    assert r.code == status, (r.code, r.err)
    assert "Traceback" not in r.err and "Error:" not in r.err, r.err
    for word in words:
        assert word in r.err, (word, r.err)


def test_numbers_too_large_for_the_database_name_their_option(cli):
    setup_village(cli)
    before = content(cli.db)
    for args, option in [
        (["enter", "--name", "王芳", "--date", "2026-10-03", "--points", BIG, "--deed", "捐"],
         "--points"),
        (["enter", "--name", "王芳", "--date", "2026-10-03", "--rule", "L1", "--quantity", BIG],
         "--quantity"),
        (["enter", "--name", "王芳", "--date", "2026-10-03", "--rule", "L1", "--sheet", "A-1",
          "--line", HUGE_ID], "--line"),
        (["approve", HUGE_ID, "--by", "马书记"], "DEED_ID"),
        (["void", HUGE_ID, "--reason", "错"], "DEED_ID"),
    ]:
        plain(cli(*args), 2, option)
    assert content(cli.db) == before
    # The largest a village allows one deed (the scheme's: 100 here; services test the most
    # the database holds) on the highest line number goes in.
    r = cli("enter", "--name", "王芳", "--date", "2026-10-03", "--points", "100",
            "--deed", "最大的一笔", "--sheet", "A-1", "--line", "2147483647")
    assert r.code == 0, r.err
    plain(cli("enter", "--name", "王芳", "--date", "2026-10-03", "--points", "100.01",
              "--deed", "再大一点", "--sheet", "A-1", "--line", "3"), 2, "--points")


def test_a_month_is_written_in_full_and_a_closed_past_stays_closed(cli):
    assert cli("demo", "--residents", "20", "--months", "3", "--seed", "2").code == 0
    before = content(cli.db)
    plain(cli("tally", "--month", "2026-1"), 2, "--month", "2026-1")
    plain(cli("close", "--month", "2026-1"), 2, "--month")
    plain(cli("close", "--month", "2026-08"), 2, "--month", "2026-10")
    plain(cli("close", "--month", "0000-01"), 2, "--month")
    assert content(cli.db) == before


def test_names_with_controls_escapes_overrides_or_no_end_are_refused(cli, tmp_path):
    setup_village(cli)
    before = content(cli.db)
    r = cli("resident", "add", "--name", "\x1b[2J\x1b[31m马六", "--household", "00\u202e09",
            "--area", "片" * 10_000, "--door-plate", "东街\x07")
    plain(r, 2, "--name", "--household", "--area", "10000", "--door-plate", "U+202E")
    assert "\x1b" not in r.err and "\u202e" not in r.err and "\x07" not in r.err
    plain(cli("void", "1", "--reason", "\x9b6n"), 2, "--reason")
    plain(cli("area", "rename", "一片", "东\u2066片"), 2, "NEW")
    assert content(cli.db) == before
    fresh = tmp_path / "fresh.db"
    plain(cli("init", "--village", "马家村\u202e", "--secretary", "马书记", db_path=fresh), 2,
          "--village")
    plain(cli("init", "--village", "村" * 61, "--secretary", "马书记", db_path=fresh), 2,
          "--village", "60")
    assert not fresh.exists()


def test_a_terminal_never_receives_control_sequences():
    """Messages always, output when it goes to a terminal: a name stored before the checks
    (or an --out path with ESC in it) is shown escaped; output to a pipe or file stays exact."""
    import io

    from village_tally.cli.context import Context

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe, err = Terminal(), io.StringIO(), io.StringIO()
    for stdout in (terminal, pipe):
        ctx = Context("en", "v.db", stdout, err)
        ctx.out("wrote \x1b[2J\u202eboard.pdf")
        ctx.err("--name: no resident is called '\x9b31m马'")
    assert terminal.getvalue() == "wrote \\x1b[2J\\u202eboard.pdf\n"
    assert pipe.getvalue() == "wrote \x1b[2J\u202eboard.pdf\n"
    assert err.getvalue() == "--name: no resident is called '\\x9b31m马'\n" * 2


def test_db_on_an_empty_file_or_in_a_missing_folder(cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (["tally", "--month", "2026-10"], ["verify"], ["resident", "add", "--name",
                                                              "王芳", "--household", "0004"]):
        plain(cli(*args, db_path=empty), 1, str(empty), "init or demo")
    assert empty.stat().st_size == 0
    init = ["init", "--village", "马家村", "--secretary", "马书记"]
    assert cli(*init, db_path=empty).code == 0  # init may fill it

    missing = tmp_path / "usb" / "villages" / "v.db"
    for args in (["tally", "--month", "2026-10"], init,
                 ["demo", "--residents", "5", "--months", "1"]):
        plain(cli(*args, db_path=missing), 1, str(missing.parent), "does not exist")
    assert not (tmp_path / "usb").exists()
    plain(cli("verify", db_path=tmp_path), 1, "is a folder")


def test_a_database_it_cannot_use_is_a_plain_message(cli):
    plain(cli("tally", "--month", "2026-10", db_path="mysql://u:secret@localhost/v"), 1,
          "'mysql'", "not supported")
    hidden = ("import sys; sys.modules['psycopg'] = None; from village_tally.cli import main; "
              "sys.exit(main(['--lang', 'en', '--db', 'postgresql://u:secret@127.0.0.1/v', "
              "'verify']))")
    done = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "psycopg" in done.stderr and "village-tally[postgres]" in done.stderr
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


def test_out_naming_a_folder_a_missing_folder_or_the_village(cli, tmp_path):
    assert cli("demo", "--residents", "20", "--months", "2", "--seed", "3").code == 0
    folder = tmp_path / "prints.xlsx"
    folder.mkdir()
    for args in (["board", "--month", THIS_MONTH], ["tally", "--month", THIS_MONTH],
                 ["export"], ["forms", "field-sheet"], ["tally-sheet", "--month", THIS_MONTH]):
        r = cli(*args, "--out", str(folder))
        plain(r, 2, "--out", str(folder), "is a folder")
        assert ".part" not in r.err and ".village-tally-" not in r.err
    r = cli("board", "--month", THIS_MONTH, "--out", str(tmp_path / "no" / "b.pdf"))
    plain(r, 2, "--out", str(tmp_path / "no"), "does not exist")
    assert sorted(p.name for p in folder.iterdir()) == []
    assert not (tmp_path / "no").exists()
    before = content(cli.db)
    plain(cli("board", "--month", THIS_MONTH, "--out", str(cli.db)), 2, "--out", "database")
    assert content(cli.db) == before


needs_disk = pytest.mark.skipif(not small_disks_possible(),
                                reason="no private tmpfs here (unshare --user --mount)")


@needs_disk
def test_a_village_on_a_read_only_disk_can_still_be_read(cli, tmp_path):
    assert cli("demo", "--residents", "20", "--months", "3", "--seed", "4").code == 0
    out = tmp_path / "out"
    out.mkdir()
    result = on_small_disk(tmp_path, "2m", f"""
import shutil
db = os.path.join(DISK, "village.db")
shutil.copy({str(cli.db)!r}, db)
read_only()
result["tally"] = cli("tally", "--month", "2026-10", "--format", "json", db=db)
result["verify"] = cli("verify", db=db)
result["board"] = cli("board", "--month", "2026-10", "--out", {str(out / "b.pdf")!r}, db=db)
result["export"] = cli("export", "--out", {str(out / "x.xlsx")!r}, db=db)
result["add"] = cli("resident", "add", "--name", "新人", "--household", "0099", db=db)
result["close"] = cli("close", "--month", "2026-11", db=db)
result["export_here"] = cli("export", "--out", os.path.join(DISK, "x.xlsx"), db=db)
result["files"] = sorted(os.listdir(DISK))
""")
    for step in ("tally", "verify", "board", "export"):
        assert result[step]["code"] == 0, (step, result[step]["err"])
    assert len(__import__("json").loads(result["tally"]["out"])) == 20
    assert (out / "b.pdf").stat().st_size > 0 and (out / "x.xlsx").stat().st_size > 0
    for step in ("add", "export_here"):
        assert result[step]["code"] == 1, (step, result[step])
        assert "read-only" in result[step]["err"] and "Traceback" not in result[step]["err"]
    assert "village.db" in result["add"]["err"] and "x.xlsx" in result["export_here"]["err"]
    assert result["close"]["code"] in (1, 2) and "Traceback" not in result["close"]["err"]
    assert result["files"] == ["village.db"]


@needs_disk
def test_a_full_disk_names_the_file_and_leaves_nothing_behind(cli, tmp_path):
    assert cli("demo", "--residents", "300", "--months", "2", "--seed", "5").code == 0
    result = on_small_disk(tmp_path, "1m", f"""
db = os.path.join(DISK, "village.db")
result["init"] = cli("init", "--village", "满盘村", "--secretary", SECRETARY, db=db)
result["first"] = cli("resident", "add", "--name", "王芳", "--household", "0004", db=db)
fill()
result["add"] = cli("resident", "add", "--name", "马六", "--household", "0009", db=db)
result["tally"] = cli("tally", "--month", "2026-11", "--format", "json", db=db)
elsewhere = {str(cli.db)!r}  # a village on a disk with room, written to the full one
result["export"] = cli("export", "--out", os.path.join(DISK, "ledger.xlsx"), db=elsewhere)
result["board"] = cli("board", "--month", "2026-10", "--out", os.path.join(DISK, "b.pdf"),
                      db=elsewhere)
os.remove(os.path.join(DISK, "filler"))
result["verify"] = cli("verify", db=db)
result["files"] = sorted(os.listdir(DISK))
""")
    assert result["init"]["code"] == result["first"]["code"] == 0, result
    disk = str(tmp_path / "disk")
    for step, name in (("add", "village.db"), ("export", "ledger.xlsx"), ("board", "b.pdf")):
        err = result[step]["err"]
        assert result[step]["code"] == 1, (step, err)
        assert "full" in err and os.path.join(disk, name) in err, (step, err)
        assert "Traceback" not in err and "Exception ignored" not in err, (step, err)
        assert "I/O operation on closed file" not in err, (step, err)
    assert result["tally"]["code"] in (0, 1) and "Traceback" not in result["tally"]["err"]
    assert result["verify"]["code"] == 0, result["verify"]["err"]
    assert [f for f in result["files"] if not f.startswith("village.db")] == []


def test_concurrent_closes_on_a_server(cli, pg_url):
    """The secretary presses close on four computers at once: one closes, three are told it is
    closed."""
    url = pg_url
    assert cli("init", "--village", "共享村", "--secretary", "马书记", db_path=url).code == 0
    assert cli("resident", "add", "--name", "王芳", "--household", "0004", db_path=url).code == 0
    assert cli("enter", "--name", "王芳", "--date", "2026-10-03", "--rule", "L1",
               db_path=url).code == 0
    env = {**os.environ, "VILLAGE_TALLY_DB": url, "VILLAGE_TALLY_PIN": PIN}
    runs = [subprocess.Popen([sys.executable, "-m", "village_tally", "--lang", "en", "--as",
                              "马书记", "close", "--month", "2026-10"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    done = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    for p in runs:
        p.stdout.close()
        p.stderr.close()
    assert sorted(code for code, _ in done) == [0, 2, 2, 2], done
    for code, err in done:
        assert "Traceback" not in err
        if code == 2:
            assert "2026-10 is closed already" in err
    assert cli("verify", db_path=url).code == 0


def test_ctrl_c_stops_a_command_with_a_message_not_a_traceback(cli, tmp_path):
    """Ctrl-C while the command line waits for a PIN (as at any moment of its work): a plain
    line in the person's language and exit status 130, never Python's traceback."""
    import pty
    import signal

    from tests.cli.conftest import new_village

    new_village(cli)
    env = {k: v for k, v in os.environ.items() if k != "VILLAGE_TALLY_PIN"}
    env["VILLAGE_TALLY_DB"] = str(cli.db)
    keyboard, terminal = pty.openpty()  # a terminal for stdin, so the PIN is asked for
    proc = subprocess.Popen(
        [sys.executable, "-m", "village_tally", "--lang", "en", "--as", "马书记", "tally",
         "--month", THIS_MONTH],
        stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        cwd=tmp_path, start_new_session=True)  # no controlling terminal: the prompt on stderr
    os.close(terminal)
    said = b""
    while b"PIN" not in said:  # the prompt is out: the command waits for the keyboard
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, said
        said += chunk
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    os.close(keyboard)
    err = (said + err).decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "stopped (Ctrl+C): nothing unfinished was saved" in err
