"""Blank forms from forms/*.toml, and the form definition the entry screen reads."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

from tests.printing.conftest import embedded_fonts, pdf_text
from village_tally.core.form import parse_form, sheet_number
from village_tally.core.problem import ParseError
from village_tally.printing import form
from village_tally.services.errors import InputError
from village_tally.services.printing import load_form, print_form
from village_tally.services.session import Ledger


def test_the_shipped_field_sheet_definition() -> None:
    spec = load_form("field-sheet")
    assert [c.key for c in spec.columns] == ["line", "date", "name", "household", "rule",
                                             "quantity", "points", "text", "document",
                                             "witness"]
    assert [c.key for c in spec.columns if c.when] == ["document"]
    assert spec.lines == 20 and spec.rules == "foot"
    assert sheet_number(spec, "一片", 7) == "一片-0007"
    assert spec.column("rule") is not None and spec.column("rule").title("zh") == "细则编号"


def test_the_shipped_inspection_definition() -> None:
    spec = load_form("inspection")
    assert spec.rows == "households" and spec.boxes == 5
    assert [c.kind for c in spec.columns].count("ratings") == 1


def test_field_sheets_are_numbered_with_lines_and_the_rule_codes(ledger: Ledger,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "field.pdf"
    result = print_form(ledger, kind="field-sheet", out=out, area="一片", sheets=3, first=11)
    texts = pdf_text(out)
    assert result.pages == len(texts) == 3
    for number, text in zip(("一片-0011", "一片-0012", "一片-0013"), texts, strict=True):
        assert number in text
        words = text.split()
        assert all(str(n) in words for n in range(1, 21))
        for words_ in ("村民积分记录单", "信息员", "证明人", "细则编号", "本片积分细则",
                       "L1 义务劳动 +1分/4小时", "C1 照顾孤寡老人 +2分/次（每月最多 4）"):
            assert words_ in text, words_
    assert all(embedded_fonts(out).values())


def test_rules_on_the_back(ledger: Ledger, tmp_path: Path) -> None:
    """A form whose definition says rules = "back" (and 12 lines) prints them on the back."""
    text = (files("village_tally") / "forms" / "field_sheet.toml").read_text(encoding="utf-8")
    spec = parse_form(text.replace('rules = "foot"', 'rules = "back"')
                      .replace("lines = 20", "lines = 12"), "field_sheet.toml")
    out = tmp_path / "f.pdf"
    data = form.FieldSheets(ledger.village_name, "", spec, ("X-0001", "X-0002"),
                            ledger.scheme.rules, "2026-11-30")
    pages = form.draw_field_sheets(data, out, lang="zh")
    texts = pdf_text(out)
    assert pages == 4
    assert "12" in texts[0].split() and "13" not in texts[0].split()
    assert "本片积分细则" in texts[1] and "本片积分细则" not in texts[0]


def test_inspection_sheet_preprints_the_area_households(
        make_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    lines = [f"户主{i:02d} {i:04d} {'东' if i <= 30 else '西'}片 户主" for i in range(1, 41)]
    ledger = make_ledger("yangqiao", "\n".join(lines))
    out = tmp_path / "insp.pdf"
    result = print_form(ledger, kind="inspection", out=out, area="东片", quarter="2026-Q4")
    text = "\n".join(pdf_text(out))
    assert result.pages == 2  # 30 households, at most 20 a page
    for i in range(1, 31):
        assert f"{i:04d}" in text and f"户主{i:02d}" in text
    assert "0031" not in text
    for cat in ("庭院整洁", "遵纪守法", "垃圾分类", "诚信", "家风", "2026年第4季度"):
        assert cat in text


def test_inspection_needs_categories(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        print_form(ledger, kind="inspection", out=tmp_path / "x.pdf")
    assert err.value.problems[0].code == "print.no_categories"


@pytest.mark.parametrize(("text", "says"), [
    ("[form", "Expected"),
    ('[form]\nid="x"\ntitle_zh="a"\ntitle_en="b"\nlines=5\n', "columns"),
    ('[form]\nid="x"\ntitle_zh="a"\ntitle_en="b"\nlines=0\n'
     '[[columns]]\nkey="a"\ntitle_zh="a"\ntitle_en="a"\n', "lines"),
    ('[form]\nid="x"\ntitle_zh="a"\ntitle_en="b"\nlines=5\n'
     '[[columns]]\nkey="a"\ntitle_zh="a"\ntitle_en="a"\nkind="blob"\n', "kind"),
    ('[form]\ntitle_zh="a"\ntitle_en="b"\nlines=5\n'
     '[[columns]]\nkey="a"\ntitle_zh="a"\ntitle_en="a"\n', "id"),
])
def test_a_wrong_form_file_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_form(text, "x.toml")
    assert err.value.code == "form.invalid"
    assert says in err.value.params["detail"]


def test_a_field_sheet_has_a_deed_or_note_column_and_rongcheng_a_document_column(
        make_ledger: Callable[..., Ledger], ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    print_form(ledger, kind="field-sheet", out=out)
    text = pdf_text(out)[0]
    assert "事项或备注" in text and "文号" not in text
    city = make_ledger("rongcheng", "张伟 0001 一网格 户主")
    print_form(city, kind="field-sheet", out=out, lang="en")
    text = pdf_text(out)[0]
    assert "Deed or note" in text and "Document no." in text


def test_english_rule_lines_wrap_instead_of_being_cut(make_ledger: Callable[..., Ledger],
                                                      tmp_path: Path) -> None:
    village = make_ledger("yangqiao", "李四 0001 东片 户主")
    out = tmp_path / "f.pdf"
    print_form(village, kind="field-sheet", out=out, lang="en")
    flat = " ".join(pdf_text(out)[0].split())
    assert "…" not in flat
    assert "Y2 Visiting elderly parents or taking them to the doctor +6/time" in flat
