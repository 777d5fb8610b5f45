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


def _sheet(out: object, chars: str) -> None:
    from village_tally.printing import page

    c = page.new_canvas(str(out), (595.0, 842.0), "t")
    for row in range(0, len(chars), 40):
        fonts.draw(c, 20, 800 - (row // 40) * 12, chars[row:row + 40], 10)
    c.save()


def test_two_pdfs_saved_at_once_embed_their_own_glyphs(tmp_path) -> None:
    """A preview and a print drawn on two threads: reportlab's font reader keeps one read
    position per font file, so unguarded saves read each other's glyphs (a KeyError, or a
    wrong glyph). Each PDF must be byte for byte the one drawn alone."""
    from concurrent.futures import ThreadPoolExecutor

    fonts.register()
    texts = ["".join(chr(0x4E00 + (i * 7 + k) % 20000) for i in range(1500)) for k in range(4)]
    alone = []
    for k, text in enumerate(texts):
        _sheet(tmp_path / f"alone{k}.pdf", text)
        alone.append((tmp_path / f"alone{k}.pdf").read_bytes())
    with ThreadPoolExecutor(4) as pool:
        for round_ in range(3):
            outs = [tmp_path / f"at-once{round_}-{k}.pdf" for k in range(len(texts))]
            list(pool.map(_sheet, outs, texts))
            for k in range(len(texts)):
                assert outs[k].read_bytes() == alone[k]
