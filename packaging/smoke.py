"""The frozen program's smoke test: every command of README's command line runs in the bundle
as in the venv — `init` (migrations), `import`, printing and the rest — with the same exit
status, the same output and byte-identical PDFs; then the bundle's self-check opens the window
offscreen on the demo village, prints a board, and shows the shipped CJK font and Qt's Chinese
translation loaded, and (with a process named fcitx5 running) Qt told to use ibus.

    python packaging/smoke.py dist/village-tally/village-tally [--venv .venv/bin/python]

Exits 1 naming each difference."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ROSTER = ("姓名,户号,片区,户主\n王䶮,0001,东片,是\n𠮷田花,0001,东片,\n李桂英,0002,西片,是\n"
          "曾重行,0002,西片,\n")
DEEDS = ("日期,姓名,户号,编码,数量,单号,行号,记录人\n2026-11-02,李桂英,0002,Y1,1,X-1,1,马秀兰\n"
         "2026-11-04,曾重行,0002,Y3,1,X-1,2,马秀兰\n")
RATINGS = "户号,季度,庭院整洁,遵纪守法,垃圾分类,诚信,家风\n0001,2026-Q4,5,4,5,4,5\n"

# Who signs in: the secretary made by init, and a committee member who approves what the
# secretary typed (nobody approves their own). Every person's PIN is in the environment.
SECRETARY, COMMITTEE = ["--as", "马书记"], ["--as", "马主任"]
PIN = "1234"

# (arguments, expected exit status); {dir} is the run's folder. The order matters: ids.
COMMANDS: list[tuple[list[str], int]] = [
    (["init", "--village", "杨桥村", "--scheme", "yangqiao", "--secretary", "马书记"], 0),
    ([*SECRETARY, "person", "add", "--name", "马主任", "--role", "committee"], 0),
    (["person", "list"], 0),
    ([*SECRETARY, "import", "roster", "{dir}/roster.csv"], 0),
    ([*SECRETARY, "resident", "add", "--name", "马少军", "--household", "0003", "--area", "东片",
      "--head"], 0),
    ([*SECRETARY, "area", "rename", "东片", "一片"], 0),
    ([*SECRETARY, "household", "area", "0002", "一片", "--reason", "搬到村东"], 0),
    (["rules", "--format", "json"], 0),
    (["rules"], 0),
    ([*SECRETARY, "enter", "--name", "王䶮", "--household", "0001", "--date", "2026-11-03",
      "--rule", "Y1", "--sheet", "一片-0001", "--line", "1"], 0),
    ([*SECRETARY, "enter", "--name", "马少军", "--date", "2026-11-03", "--points", "5", "--deed",
      "修桥", "--sheet", "一片-0001", "--line", "2"], 0),
    ([*COMMITTEE, "approve", "2"], 0),
    ([*SECRETARY, "void", "1", "--reason", "抄错了"], 0),
    ([*SECRETARY, "import", "deeds", "{dir}/deeds.csv", "--approve-as", "马主任"], 0),
    ([*SECRETARY, "import", "ratings", "{dir}/ratings.csv"], 0),
    (["tally", "--month", "2026-11", "--format", "table"], 0),
    (["tally", "--month", "2026-11", "--format", "csv"], 0),
    (["tally", "--month", "2026-11", "--format", "json"], 0),
    (["tally", "--month", "2026-11", "--out", "{dir}/tally.xlsx"], 0),
    ([*SECRETARY, "close", "--month", "2026-10"], 0),
    ([*COMMITTEE, "publish", "--month", "2026-11"], 0),  # the board below prints the notice
    ([*COMMITTEE, "object", "2", "--raised-by", "马少军", "--text", "修桥实为三分"], 0),
    ([*COMMITTEE, "objections", "--format", "json"], 0),
    ([*COMMITTEE, "answer", "1", "--reject", "--reason", "有照片为证"], 0),
    (["verify"], 0),
    ([*COMMITTEE, "export", "--out", "{dir}/ledger.xlsx"], 0),
    (["board", "--month", "2026-11", "--out", "{dir}/board.pdf", "--paper", "A4"], 0),
    (["signs", "--quarter", "2026-Q4", "--out", "{dir}/signs.pdf"], 0),
    ([*COMMITTEE, "statement", "--name", "王䶮", "--household", "0001", "--out",
      "{dir}/statement.pdf"], 0),
    (["forms", "field-sheet", "--area", "一片", "--out", "{dir}/field.pdf"], 0),
    (["forms", "inspection", "--out", "{dir}/inspection.pdf"], 0),
    ([*SECRETARY, "forms", "scan-sheet", "--area", "一片", "--month", "2026-11", "--out",
      "{dir}/scan-sheet.pdf"], 0),
    (["tally-sheet", "--month", "2026-11", "--out", "{dir}/tally-sheet.pdf"], 0),
    (["rewards", "--month", "2026-11", "--out", "{dir}/rewards.pdf"], 0),
    ([*COMMITTEE, "audit", "--format", "table"], 0),
    (["board", "--month", "2026-13", "--out", "{dir}/bad.pdf"], 2),  # bad input, said plainly
    (["void", "2", "--reason", "没有登录"], 2),  # nobody signed in: refused, nothing written
    (["--db", "{dir}/demo.db", "demo", "--residents", "60", "--months", "2", "--seed", "1"], 0),
    (["--db", "{dir}/demo.db", "verify"], 0),
]


# PDFs compared by their text, not their bytes, and why.
BY_TEXT = {"scan-sheet.pdf": "its QR codes carry each village's own random secret",
           "statement.pdf": "it carries the verification code of October's close, derived from "
                            "the audit chain, which holds when each run did each thing"}
# A verification code (core.witness): Crockford base32 in groups of four.
_CODE = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){2,}\b")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _coded(path: Path) -> str:
    """A PDF's text with its verification codes taken out."""
    return _CODE.sub("{code}", pdf_text(path))


def run_all(program: list[str], folder: Path) -> list[tuple[int, str, str]]:
    folder.mkdir(parents=True)
    for name, text in (("roster.csv", ROSTER), ("deeds.csv", DEEDS), ("ratings.csv", RATINGS)):
        (folder / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "VILLAGE_TALLY_DB": str(folder / "v.db"), "USER": "马秀兰",
           "VILLAGE_TALLY_PIN": PIN, "VILLAGE_TALLY_NEW_PIN": PIN,
           "VILLAGE_TALLY_APPROVER_PIN": PIN, "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data")}
    results = []
    for args, _status in COMMANDS:
        argv = [*program, "--lang", "zh", *(a.replace("{dir}", str(folder)) for a in args)]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=folder,
                              timeout=300, check=False)
        results.append((done.returncode, _comparable(done.stdout, folder),
                        _comparable(done.stderr, folder)))
    return results


# A backup's name carries the moment it was made (v-20261130-061005493012-import-roster.db);
# init prints the secretary's one-time recovery code (random) on a line of its own; the audit
# log says when each thing was done, to the minute.
_MOMENT = re.compile(r"-[0-9]{8}-[0-9]{12}-")
_RECOVERY = re.compile(r"^[0-9]{4}-[0-9]{4}-[0-9]{4}$", re.MULTILINE)
_MINUTE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\b")


def _comparable(text: str, folder: Path) -> str:
    """Output with what differs between two runs of the same commands taken out: the run's
    folder, the moment in a backup's file name, the recovery code and the audit log's times."""
    text = _MOMENT.sub("-{moment}-", text.replace(str(folder), "{dir}"))
    return _MINUTE.sub("{time}", _RECOVERY.sub("{recovery code}", text))


def compare_cli(bundle: list[str], venv: list[str], work: Path) -> list[str]:
    frozen, plain = run_all(bundle, work / "bundle"), run_all(venv, work / "venv")
    faults = []
    for (args, status), got, want in zip(COMMANDS, frozen, plain, strict=True):
        line = " ".join(args)
        if got[0] != status or want[0] != status:
            faults.append(f"{line}: exit {got[0]} in the bundle, {want[0]} in the venv "
                          f"(want {status}): {got[2].strip() or want[2].strip()}")
        elif got[1:] != want[1:]:
            faults.append(f"{line}: output differs:\n{got[1]}{got[2]}---\n{want[1]}{want[2]}")
    pdfs = sorted(p.name for p in (work / "venv").glob("*.pdf"))
    for name in pdfs:
        built, plain_pdf = work / "bundle" / name, work / "venv" / name
        same = built.exists() and (_coded(built) == _coded(plain_pdf) if name in BY_TEXT
                                   else built.read_bytes() == plain_pdf.read_bytes())
        if not same:
            faults.append(f"{name}: the bundle's PDF differs from the venv's")
    print(f"{len(COMMANDS)} commands, {len(pdfs)} PDFs compared")
    if len(pdfs) < 8:  # board, signs, statement, three forms, tally sheet, rewards
        faults.append(f"only {len(pdfs)} PDFs were written")
    return faults


def scan_without_the_extra(bundle: list[str], work: Path) -> list[str]:
    """The bundle is built without the optional scan extra: `scan` says so, plainly, exit 1."""
    sheet = work / "bundle" / "scan-sheet.pdf"
    done = subprocess.run([*bundle, "--lang", "en", "--db", str(work / "bundle" / "v.db"),
                           "scan", str(sheet)], capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "USER": "马秀兰"})
    if done.returncode == 1 and "scan" in done.stderr and "internal" not in done.stderr:
        return []
    return [f"scan in the bundle: exit {done.returncode}: {done.stderr.strip()}"]


def self_check(bundle: list[str], venv: list[str], work: Path) -> list[str]:
    """The bundle's self-check, with a process named fcitx5 running and QT_IM_MODULE=fcitx."""
    fake = work / "fcitx5"
    shutil.copy("/bin/sleep", fake)
    daemon = subprocess.Popen([str(fake), "300"])
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_IM_MODULE": "fcitx",
               "HOME": str(work)}
        frozen = subprocess.run(bundle, env={**env, "VILLAGE_TALLY_SELF_CHECK": str(
            work / "check-bundle")}, capture_output=True, text=True, timeout=300, check=False)
    finally:
        daemon.kill()
        daemon.wait()
    plain = subprocess.run([*venv[:1], "-m", "village_tally.ui.selfcheck",
                            str(work / "check-venv")], env={**os.environ, "HOME": str(work),
                           "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
                           timeout=300, check=False)
    faults = []
    for name, done in (("bundle", frozen), ("venv", plain)):
        if done.returncode != 0:
            faults.append(f"self-check in the {name} failed:\n{done.stdout}{done.stderr}")
    report_file = work / "check-bundle" / "report.json"
    if not report_file.exists():
        return [*faults, "the bundle's self-check wrote no report"]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    print("bundle self-check:", json.dumps(report, ensure_ascii=False))
    want = {"frozen": True, "qt_translation": True, "qt_cancel": "取消", "missing": [],
            "window_loaded": True, "im_module": "ibus", "im_reason": "fcitx5-through-ibus"}
    faults += [f"self-check {k}: {report.get(k)!r}, want {v!r}" for k, v in want.items()
               if report.get(k) != v]
    if "WenQuanYi Micro Hei" not in report.get("cjk_families", []):
        faults.append(f"the shipped CJK font was not loaded: {report.get('cjk_families')}")
    board = [work / f"check-{n}" / "board.pdf" for n in ("bundle", "venv")]
    if not all(p.exists() for p in board) or board[0].read_bytes() != board[1].read_bytes():
        faults.append("the board printed from the bundle's window differs from the venv's")
    return faults


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", type=Path, help="dist/village-tally/village-tally")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv" / "bin" / "python",
                        help="a venv's python with village_tally installed, to compare with")
    args = parser.parse_args()
    bundle = [str(args.program.resolve())]
    venv = [str(args.venv), "-m", "village_tally"]
    with tempfile.TemporaryDirectory(prefix="vt-smoke-") as tmp:
        work = Path(tmp)
        faults = (compare_cli(bundle, venv, work) + scan_without_the_extra(bundle, work)
                  + self_check(bundle, venv, work))
    for fault in faults:
        print("FAIL:", fault, file=sys.stderr)
    print("frozen smoke test:", "FAILED" if faults else "passed")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
