"""Text goes to the first shipped font that has each character; rare ones still print."""

from __future__ import annotations

from village_tally.printing import fonts


def test_runs_split_by_coverage() -> None:
    assert fonts.runs("马少军") == ((fonts.MAIN, "马少军"),)
    assert fonts.runs("王䶮") == ((fonts.MAIN, "王"), (fonts.RARE, "䶮"))
    assert fonts.runs("𠮷田花") == ((fonts.RARE, "𠮷"), (fonts.MAIN, "田花"))
    assert fonts.runs("") == ()


def test_missing_names_characters_no_font_has() -> None:
    assert fonts.missing("王䶮 𠮷田 ★ 12") == set()
    assert fonts.missing("\U0002B740") == {"\U0002B740"}  # Ext D: not shipped


def test_markup_escapes_and_switches_font() -> None:
    assert fonts.markup("a<b & 䶮") == f'a&lt;b &amp; <font name="{fonts.RARE}">䶮</font>'


def test_to_unicode_writes_supplementary_characters_as_utf16_pairs() -> None:
    fonts.register()
    from reportlab.pdfbase import ttfonts

    cmap = ttfonts.makeToUnicodeCMap("X", [0x41, 0x20BB7])
    assert "<01> <D842DFB7>" in cmap and "<00> <0041>" in cmap
