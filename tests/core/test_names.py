"""One name normalisation, and pinyin initials over every reading."""

import pytest

from village_tally.core.names import matches, name_initials, normalize_name


@pytest.mark.parametrize(("raw", "clean"), [
    ("马少军", "马少军"), (" 马 少军 ", "马少军"), ("马\u200b少军", "马少军"),
    ("马少军\ufeff", "马少军"), ("阿卜杜•热合曼", "阿卜杜·热合曼"),
    ("阿卜杜・热合曼", "阿卜杜·热合曼"),
    ("ＭＡ　Ｌｉ", "MA Li"), ("Ma   Li", "Ma Li"),
])
def test_normalisation(raw, clean):
    assert normalize_name(raw) == clean


def test_initials_cover_every_reading_of_a_polyphonic_surname():
    variants = name_initials("曾重行")
    assert "zcx" in variants and "ccx" in variants
    assert "msj" in name_initials("马少军")
    assert {"sxx", "dxx"} <= name_initials("单小小")  # 单 Shàn as a surname, dān otherwise
    assert {"xm", "jm"} <= name_initials("解明")  # 解 Xiè
    assert "qm" in name_initials("仇明")  # 仇 Qiú


def test_search_by_initials_prefix_or_characters():
    initials = name_initials("马少军")
    assert matches("msj", "马少军", initials)
    assert matches("MS", "马少军", initials)
    assert matches("少军", "马少军", initials)
    assert not matches("wf", "马少军", initials)
    assert not matches("", "马少军", initials)
