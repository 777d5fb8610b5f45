"""Every command with generated arguments, as a careless or hostile user types them (#12 item 7):
odd numbers, odd months, names with control and format characters, folders, missing and empty
files, odd databases. Whatever comes, the command line answers 0 or 2 (1 only for a fault of the
environment, said plainly), prints no traceback, leaves no partial file, and writes nothing to
the ledger when it refuses.

Runs in-process through `village_tally.cli.main`, one fresh copy of a small demo village per
example. VILLAGE_TALLY_CLI_EXAMPLES sets how many examples (default 150: about 10 s here);
raise it to hunt, e.g. `VILLAGE_TALLY_CLI_EXAMPLES=2000 pytest tests/cli/test_every_command.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from village_tally.cli import main

EXAMPLES = int(os.environ.get("VILLAGE_TALLY_CLI_EXAMPLES", "150"))
UNEXPECTED = ("an internal error occurred", "程序内部出错")

# --- what a careless or hostile user types ---------------------------------------------------

HOSTILE_CHARS = "\x00\x07\x1b\x7f\x85\x9b\u200b\u200e\u202e\u2066\ufeff\ud800"
odd_text = st.text(st.sampled_from("王芳马少军一片0 -.=" + HOSTILE_CHARS), max_size=10)


def mixed(valid: list[str], odd: list[str], more: st.SearchStrategy[str] = odd_text
          ) -> st.SearchStrategy[str]:
    """Half the time a value that works (so commands get past the first check and write),
    else an odd one: listed, or generated."""
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), st.sampled_from(odd), more)


names = mixed(["王芳", "马丽", "曾重行", "马少军"],
              ["马书记", "无名氏", "", " ", "王\u200b芳", "\x1b[31m王芳", "王\u202e芳",
               "马" * 10_000])
households = mixed(["0001", "0004", "0002"], ["0099", "", "00\u202e01", "1" * 21])
areas = mixed(["一片", "二片"], ["新片", "", "片" * 31, "东\x07片"])
texts = mixed(["抄错了", "帮忙抄水表"], ["", "原因" * 300, "\x1b]0;owned\x07", "第一行\n第二行"])
numbers = mixed(["1", "2", "2.5"],
                ["0", "-1", "0.001", "100000", "100000.01", str(10**20), str(2**70), "9" * 5000,
                 "1e5", "nan", "inf", "٣", "３", " 3 ", "", "两"],
                st.integers(-10**25, 10**25).map(str))
ids = mixed(["1", "2", "3", "40"], ["0", "-1", str(2**31), str(2**70), "x", ""],
            st.integers(-5, 10**12).map(str))
months = mixed(["2026-10", "2026-11", "2026-09"],
               ["2026-08", "2026-12", "2026-1", "0000-01", "2026-13", "", "9999-12", "2026/10",
                "2026-10-01", "２０２６-１０"])
dates = mixed(["2026-11-03", "2026-11-20"],
              ["2026-10-05", "2027-01-01", "2026-02-30", "2026-11-3", "", "0001-01-01"])
quarters = mixed(["2026-Q4", "2026-Q3"], ["2026Q4", "2026-Q5", ""])
rules = mixed(["L1", "C1", "N1"], ["D1", "A1", "N2", "l1", "XX", ""])


@dataclass(frozen=True)
class Place:
    """The folders and files one example may name: made fresh for each example."""

    root: Path
    village: Path

    def path(self, kind: str) -> str:
        return {
            "new_pdf": self.root / "out.pdf", "new_xlsx": self.root / "out.xlsx",
            "folder": self.root / "folder", "folder_xlsx": self.root / "folder.xlsx",
            "missing_folder": self.root / "no" / "such" / "out.pdf",
            "village": self.village, "empty": self.root / "empty.db",
            "junk": self.root / "junk.txt", "roster": self.root / "roster.csv",
            "deeds": self.root / "deeds.csv", "missing": self.root / "missing.csv",
            "odd_name": self.root / "\x1b[31m\u202e.pdf",
        }[kind].as_posix()


out_paths = st.sampled_from(["new_pdf", "new_xlsx"] * 3 + ["folder", "folder_xlsx",
                                                         "missing_folder", "village", "odd_name"])
in_paths = st.sampled_from(["roster", "deeds", "missing", "empty", "folder", "junk", "village"])
databases = st.sampled_from(["village"] * 12 + ["empty", "missing_folder", "folder", "junk",
                                                "mysql://u:secret@localhost/v"])


def option(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """An option given or left out."""
    return st.one_of(st.just([]), values.map(lambda v: [flag, v]))


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


def args(*parts: st.SearchStrategy[list[str]] | list[str]) -> st.SearchStrategy[list[str]]:
    """A command's words: fixed words and option strategies, in order."""
    return st.tuples(*(p if isinstance(p, st.SearchStrategy) else st.just(p) for p in parts)
                     ).map(lambda chunks: list(itertools.chain.from_iterable(chunks)))


def req(flag_: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda v: [flag_, v])


OUT = out_paths.map(lambda k: ["--out", f"@{k}"])
COMMANDS: list[st.SearchStrategy[list[str]]] = [
    args(["init"], req("--village", names),
         option("--scheme", st.sampled_from(["yangqiao", "suzhou", "nope"])),
         req("--secretary", names)),
    args(["demo"], req("--residents", st.sampled_from(["0", "1", "3", "20001", "-5", "x"])),
         req("--months", st.sampled_from(["0", "1", "2", "61", str(10**20)])),
         option("--seed", numbers)),  # small, or refused: the default demo takes seconds
    args(["resident", "add"], req("--name", names), req("--household", households),
         option("--area", areas), flag("--head"), option("--door-plate", texts)),
    args(["rules"], option("--format", st.sampled_from(["table", "json", "xml"]))),
    args(["enter"], req("--name", names), option("--household", households),
         req("--date", dates),
         st.one_of(args(req("--rule", rules), option("--quantity", numbers)),
                   args(req("--points", numbers), option("--deed", texts))),
         option("--recorder", names), option("--sheet", texts), option("--line", ids),
         option("--note", texts), option("--override", texts)),
    args(["enter"], req("--name", st.sampled_from(["王芳", "马丽"])),
         req("--date", st.sampled_from(["2026-11-03", "2026-11-28"])), req("--rule", rules),
         option("--quantity", numbers)),
    args(["approve"], ids.map(lambda i: [i]), req("--by", names)),
    args(["void"], ids.map(lambda i: [i]), req("--reason", texts), option("--by", names)),
    args(["tally"], req("--month", months),
         option("--format", st.sampled_from(["table", "csv", "json"])),
         st.one_of(st.just([]), OUT)),
    args(["close"], req("--month", months), option("--by", names),
         option("--hand-tally", st.tuples(areas, numbers).map("=".join)),
         option("--hand-sheet", st.tuples(texts, numbers).map("=".join)),
         option("--explain", st.tuples(areas, texts).map("=".join))),
    args(["publish"], req("--month", months),
         option("--days", st.sampled_from(["0", "1", "7", "61", "-2", "x", str(10**20)])),
         option("--contact", texts), option("--place", texts),
         st.one_of(st.just([]), args(req("--until", dates), option("--reason", texts)))),
    args(["object"], ids.map(lambda i: [i]), req("--raised-by", names),
         option("--household", households), req("--text", texts), option("--date", dates)),
    args(["answer"], ids.map(lambda i: [i]),
         st.sampled_from([["--uphold"], ["--reject"], [], ["--uphold", "--reject"]]),
         req("--reason", texts)),
    args(["objections"], flag("--all"), option("--format", st.sampled_from(["table", "json"]))),
    args(["verify"]),
    args(["area", "rename"], areas.map(lambda a: [a]), areas.map(lambda a: [a])),
    args(["household", "area"], households.map(lambda h: [h]), areas.map(lambda a: [a]),
         req("--reason", texts)),
    args(["import"], st.sampled_from(["roster", "deeds", "ratings"]).map(lambda k: [k]),
         in_paths.map(lambda k: [f"@{k}"]), option("--sheet", texts), flag("--valid-only"),
         option("--approve-as", names)),
    args(["export"], OUT),
    args(["board"], req("--month", months), OUT,
         option("--paper", st.sampled_from(["A4", "a3", "A2", "A0"])),
         option("--order", st.sampled_from(["area", "household", "rank", "size"]))),
    args(["signs"], req("--quarter", quarters), OUT,
         option("--per-sheet", st.sampled_from(["1", "2", "3"])), option("--area", areas)),
    args(["statement"], req("--name", names), option("--household", households), OUT),
    args(["forms"], st.sampled_from(["field-sheet", "inspection", "scan-sheet", "x"]).map(
        lambda k: [k]), option("--area", areas), OUT,
         option("--sheets", st.sampled_from(["0", "1", "2", "1001", "-3", str(2**70)])),
         option("--first", ids), option("--quarter", quarters), option("--month", months)),
    args(["tally-sheet"], req("--month", months), OUT),
    args(["rewards"], req("--month", months), OUT,
         option("--brackets", in_paths.map(lambda k: f"@{k}")), flag("--save")),
    args(["scan"], st.lists(in_paths, min_size=1, max_size=2).map(
        lambda ks: [f"@{k}" for k in ks]), option("--format", st.sampled_from(["json", "x"]))),
]
# Who signs in (#11): nobody, one of the demo's people (every PIN 1234), or an odd name.
signing_in = st.one_of(st.just([]), st.sampled_from([["--as", "马书记"], ["--as", "马主任"],
                                                     ["--as", "马秀兰"]]),
                       names.map(lambda n: ["--as", n]))
invocations = st.tuples(databases, st.sampled_from(["en", "zh"]), signing_in,
                        st.one_of(*COMMANDS))
# The PINs a command reads (the demo's: 1234), so nothing waits for a terminal.
PINS = {"VILLAGE_TALLY_PIN": "1234", "VILLAGE_TALLY_NEW_PIN": "1234",
        "VILLAGE_TALLY_APPROVER_PIN": "1234"}


@contextlib.contextmanager
def pins() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in PINS}
    os.environ.update(PINS)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

# --- one example: a fresh place, the command, what must hold -----------------------------------


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("every_command")
    db = folder / "demo.db"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(db), "demo", "--residents", "30", "--months", "3",
                     "--seed", "9"]) == 0
        for name, household, area in (("王芳", "0004", "二片"), ("马丽", "0001", "一片")):
            with pins():
                assert main(["--db", str(db), "--as", "马书记", "resident", "add", "--name",
                             name, "--household", household, "--area", area]) == 0
    return db


def fresh_place(root: Path, demo: Path) -> Place:
    root.mkdir(parents=True)
    village = root / "village.db"
    shutil.copy(demo, village)
    (root / "folder").mkdir()
    (root / "folder.xlsx").mkdir()
    (root / "empty.db").touch()
    (root / "junk.txt").write_text("not a ledger\n" * 20, encoding="utf-8")
    (root / "roster.csv").write_text("姓名,户号,片区\n赵新,0201,一片\n\x1b[31m钱,0202,二片\n",
                                     encoding="utf-8")
    (root / "deeds.csv").write_text(
        "日期,姓名,户号,细则编号,数量,积分,单号,行号\n"
        f"2026-11-02,马少军,0001,L1,2,,Z-1,1\n2026-11-02,王芳,,L1,{10**20},,Z-1,2\n"
        f"2026-11-03,无名,,,,{2**70},Z-1,{2**70}\n", encoding="utf-8")
    return Place(root, village)


def ledger_content(db: Path) -> str | None:
    if not db.is_file() or db.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    except sqlite3.DatabaseError:
        return "not sqlite"
    finally:
        conn.close()


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pins():
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def leftovers(root: Path) -> list[str]:
    """Temporary files a write left behind (the ledger's own -wal and -shm are not)."""
    return [p.name for p in root.rglob(".*") if p.is_file()]


counter = itertools.count()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(invocations)
def test_every_command_answers_plainly(demo_village, tmp_path_factory, invocation) -> None:
    database, lang, who, words = invocation
    place = fresh_place(tmp_path_factory.getbasetemp() / f"example-{next(counter)}",
                        demo_village)
    db = place.path(database) if "://" not in database else database
    argv = ["--lang", lang, "--db", db, *who,
            *(place.path(w[1:]) if w.startswith("@") else w for w in words)]
    targets = [Path(place.path(w[1:])) for w in words if w.startswith("@")]
    existed = {t: t.exists() for t in targets}
    before = ledger_content(place.village)

    code, out, err = run(argv)
    event(f"{words[0]} exit {code}")  # pytest --hypothesis-show-statistics shows the mix

    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "Exception ignored" not in err, (argv, err)
    assert not any(marker in err for marker in UNEXPECTED), (argv, err)
    if code == 1:  # a fault of the environment, said in words: not of a sound village
        assert err.strip(), argv
        assert database != "village", (argv, err)
    if code != 0:
        assert err.strip(), (argv, code)
        assert ledger_content(place.village) == before, (argv, err)
        for target in targets:  # nothing written where the command was to write
            if not existed[target]:
                assert not target.exists(), (argv, err)
    assert leftovers(place.root) == [], (argv, err)
    assert not (place.root / "no").exists(), argv
    shutil.rmtree(place.root, ignore_errors=True)
