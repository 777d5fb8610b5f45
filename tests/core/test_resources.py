"""The shipped forms and fonts are found in a source checkout and in an installed wheel."""

from pathlib import Path

import pytest

from village_tally.core.resources import SOURCE_ROOT, shipped_folder


def test_source_checkout_finds_forms_and_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VILLAGE_TALLY_FORMS", raising=False)
    monkeypatch.delenv("VILLAGE_TALLY_ASSETS", raising=False)
    assert (shipped_folder("forms") / "field_sheet.toml").is_file()
    assert (shipped_folder("fonts") / "wqy-microhei.ttc").is_file()
    assert shipped_folder("forms") == SOURCE_ROOT / "forms"


def test_installed_copy_is_used_without_a_source_tree(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VILLAGE_TALLY_FORMS", raising=False)
    monkeypatch.delenv("VILLAGE_TALLY_ASSETS", raising=False)
    data = tmp_path / "share" / "village-tally"
    (data / "forms").mkdir(parents=True)
    found = shipped_folder("forms", source_root=tmp_path / "site-packages", data_root=data)
    assert found == data / "forms"
    assert shipped_folder("fonts", source_root=tmp_path / "nowhere", data_root=data) == \
        data / "fonts"


def test_environment_overrides_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VILLAGE_TALLY_FORMS", str(tmp_path / "f"))
    monkeypatch.setenv("VILLAGE_TALLY_ASSETS", str(tmp_path / "a"))
    assert shipped_folder("forms") == tmp_path / "f"
    assert shipped_folder("fonts") == tmp_path / "a" / "fonts"
