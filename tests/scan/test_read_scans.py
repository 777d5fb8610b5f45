"""Reading scans back: a seeded sample of synthetic sheets (clean, scanner-like, phone-like;
filled as instructed and messily), pages in any order and upside down, duplicates, backs,
and pages that are not ours. Nothing is ever guessed: no field is accepted with a wrong value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.scan import synth
from village_tally.core.month import Month
from village_tally.core.scan_form import layout, parse_scan_form
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.services.scan_sheets import load_scan_form, print_scan_sheets
from village_tally.services.scanning import PageStatus, read_scans, summary
from village_tally.services.session import Ledger

COMBOS = [(c, s) for c in synth.CONDITIONS for s in ("instructed", "messy")]


def test_a_seeded_sample_is_read_without_a_silent_error(scan_village: Ledger,
                                                        out: Path) -> None:
    made = synth.make_sheets(scan_village, out, area="东片", month="2026-11", combos=COMBOS,
                             seed=17)
    made += synth.make_sheets(scan_village, out, area="西片", month="2026-11",
                              combos=COMBOS[:2], seed=18)
    report = read_scans(scan_village, [out])
    pages = {p.file: p for p in report.pages}
    total = synth.Tally()
    for m in made:
        total.add(synth.score(pages[str(m.path)], m.truth, m.number))
    assert total.identified == total.sheets == len(made), total.examples
    assert total.silent_field_errors == 0, total.examples
    assert total.fields_accepted > 0.85 * 3 * total.lines_used
    instructed = [m for m in made if m.style == "instructed"]
    review = sum(synth.score(pages[str(m.path)], m.truth, m.number).lines_review
                 for m in instructed)
    assert review <= 2
    line = next(ln for ln in report.lines() if ln.status == "ready")
    assert line.resident_id is not None and line.rule_code and line.resident_name
    image = cv2.imdecode(np.frombuffer(line.image, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image.shape[1] > 5 * image.shape[0]  # the whole line, name box included


def test_every_page_is_read_whole_or_refused_with_a_reason(scan_village: Ledger, out: Path,
                                                           tmp_path: Path,
                                                           make_ledger: object) -> None:
    made = synth.make_sheets(scan_village, out, area="东片", month="2026-11",
                             combos=[("clean", "instructed")], seed=3)
    (out / "again.png").write_bytes(made[0].path.read_bytes())
    pdf = tmp_path / "printed.pdf"
    print_scan_sheets(scan_village, out=pdf, area="东片", month=Month.parse("2026-11"), first=1)
    (out / "blank-printed.pdf").write_bytes(pdf.read_bytes())  # front and back, unfilled
    cv2.imwrite(str(out / "photo.png"), np.full((800, 600), 200, np.uint8))
    (out / "notes.txt").write_text("not a scan")  # a folder's other files are left alone
    (out / "broken.jpg").write_bytes(b"\xff\xd8\xff garbage")
    report = read_scans(scan_village, [out])
    by_name = {(Path(p.file).name, p.page): p for p in report.pages}
    assert by_name[(made[0].path.name, 1)].status is PageStatus.READ
    assert by_name[("again.png", 1)].status is PageStatus.DUPLICATE
    assert by_name[("again.png", 1)].same_as.endswith(made[0].path.name + "#1")
    assert by_name[("blank-printed.pdf", 1)].status is PageStatus.DUPLICATE
    assert by_name[("blank-printed.pdf", 2)].status is PageStatus.BACK
    assert by_name[("photo.png", 1)].reason == "no_qr"
    assert by_name[("broken.jpg", 1)].reason == "unreadable"
    assert not any(name == "notes.txt" for name, _ in by_name)
    counts = summary(report)
    assert counts["read"] == 1 and counts["duplicate"] == 2 and counts["back"] == 1


def test_another_villages_sheet_is_refused(scan_village: Ledger, make_ledger: object,
                                           out: Path) -> None:
    made = synth.make_sheets(scan_village, out, area="东片", month="2026-11",
                             combos=[("scanner", "instructed")], seed=4)
    other = make_ledger()  # type: ignore[operator]
    assert read_scans(other, [made[0].path]).pages[0].reason == "not_this_ledger"


def test_a_blank_sheet_has_nothing_to_read(scan_village: Ledger, out: Path) -> None:
    pdf = out / "blank.pdf"
    print_scan_sheets(scan_village, out=pdf, area="西片", month=Month.parse("2026-11"))
    page = read_scans(scan_village, [pdf]).pages[0]
    assert page.status is PageStatus.READ and page.sheet == "西片-2026-11-001"
    assert {ln.status for ln in page.lines} == {"blank"}


def test_missing_paths_are_bad_input(scan_village: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_scans(scan_village, [tmp_path / "nowhere.pdf"])
    assert err.value.problems[0].code == "scan.no_such_file"


def test_without_the_scan_extra_the_message_says_what_to_install(
        scan_village: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # as if it were not installed
    with pytest.raises(EnvironmentFault) as err:
        read_scans(scan_village, [tmp_path])
    assert err.value.code == "scan.unavailable"
    assert "village-tally[scan]" in err.value.params["command"]


def test_the_markers_on_paper_are_opencvs(tmp_path: Path) -> None:
    form = load_scan_form()
    dictionary = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, form.dictionary))
    for marker in form.markers:
        image = cv2.aruco.generateImageMarker(dictionary, marker.id, 6)
        bits = tuple(tuple(int(v == 255) for v in row) for row in image[1:5, 1:5])
        assert bits == marker.bits


def test_three_digit_rows_for_a_big_area() -> None:
    form = load_scan_form()
    big = layout(form, residents=120, rules=12)
    assert big.resident_digits == 3 and big.rule_digits == 2
    assert len(big.lines) < 20  # taller lines, fewer of them
    first = big.lines[0].groups
    assert [g.place for g in first if g.field == "resident"] == [2, 1, 0]
    assert [b.value for b in first[0].bubbles] == [0, 1]  # hundreds: 0 or 1
    with pytest.raises(Exception, match="form"):
        parse_scan_form("[form]\nid='x'\ntitle_zh='x'\ntitle_en='x'\nlines=20\n"
                        "[[columns]]\nkey='line'\ntitle_zh='行'\ntitle_en='Line'\n")


def test_the_scan_command_prints_json(scan_village: Ledger, out: Path) -> None:
    made = synth.make_sheets(scan_village, out, area="东片", month="2026-11",
                             combos=[("phone", "instructed")], seed=5)
    scan_village.close()
    db = scan_village.engine.url.database
    env = {**os.environ, "LANG": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "village_tally", "--db", str(db), "--lang",
                           "en", "scan", str(made[0].path), str(out / "none.png"),
                           "--format", "json"], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert proc.returncode == 2 and "none.png" in proc.stderr and not proc.stdout
    proc = subprocess.run([sys.executable, "-m", "village_tally", "--db", str(db), "scan",
                           str(out), "--format", "json"], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    pages = json.loads(proc.stdout)
    assert [p["status"] for p in pages] == ["read"] and pages[0]["sheet"] == made[0].number
    used = [t for t in made[0].truth if t.used]
    assert len(pages[0]["lines"]) == len(used)
    for line, want in zip(pages[0]["lines"], used, strict=True):
        fields = line["fields"]
        assert set(fields) == {"resident", "rule", "quantity"}
        for name in fields:
            assert fields[name]["certainty"] in ("sure", "uncertain", "blank")
        if line["status"] == "ready":
            assert fields["quantity"]["value"] == want.quantity
            assert line["resident"] and line["rule"]
