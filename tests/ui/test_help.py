"""Help: the user guide in Chinese and English, shipped in the package with screenshots taken
from the program, opened from the menu and printable; About with the version and licences."""

from __future__ import annotations

import re
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QImage, QTextDocument

import village_tally
from village_tally.ui.app import make_application
from village_tally.ui.help import AboutDialog, GuideDialog, guide_document
from village_tally.ui.main_window import MainWindow
from village_tally.ui.screenshots import GUIDE
from village_tally.ui.settings import Settings

HELP = files("village_tally").joinpath("help")


def images(lang: str) -> set[str]:
    html = HELP.joinpath(f"guide.{lang}.html").read_text("utf-8")
    return set(re.findall(r'<img[^>]*src="([^"]+)"', html))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_guide_shows_every_screenshot_the_program_takes_for_it(lang: str) -> None:
    assert images(lang) == {f"guide-{name}.png" for name in GUIDE}
    for name in images(lang):
        assert HELP.joinpath(name).is_file(), name


def test_the_guide_opens_from_the_help_menu(qtbot, settings: Settings) -> None:
    window = MainWindow(None, settings, "v.db", lang="zh")
    qtbot.addWidget(window)
    actions = {name: window.findChild(QAction, name) for name in ("helpGuide", "helpAbout")}
    actions["helpGuide"].trigger()
    dialog = window.help.guide
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for words in ("信息员：录入登记表", "审批", "公示", "异议", "结账", "打印", "备份与恢复",
                  "此节会扩充"):
        assert words in text, words
    actions["helpGuide"].trigger()  # the same guide, raised, not a second one
    assert window.help.guide is dialog
    actions["helpAbout"].trigger()
    assert isinstance(window.help.about, AboutDialog) and window.help.about.isVisible()


def test_the_guide_carries_its_screenshots(qapp) -> None:
    document = guide_document("en")
    assert "Gatherer: transcribing a field sheet" in document.toPlainText()
    for name in images("en"):
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(image, QImage) and image.width() >= 480, name


def test_the_guide_prints_to_a_pdf_with_chinese_text(qtbot, tmp_path: Path) -> None:
    make_application()  # the shipped CJK font, as the program registers it at start
    dialog = GuideDialog("zh")
    qtbot.addWidget(dialog)
    out = dialog.save_pdf(tmp_path / "guide.pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "村务积分 用户指南" in text and "备份与恢复" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert "WenQuanYi" in fonts
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 4  # text and screenshots


@pytest.mark.parametrize(("lang", "words"), [("zh", "带字体例外"), ("en", "font exception")])
def test_about_names_the_version_and_the_licences(qtbot, lang: str, words: str) -> None:
    dialog = AboutDialog(lang)
    qtbot.addWidget(dialog)
    assert village_tally.__version__ in dialog.title.text()
    licences = dialog.licences.toPlainText()
    assert "GPL-3.0-or-later" in licences and words in licences and "LGPL-3.0" in licences
    assert "Hanazono Font License" in licences  # the font's own licence file, in full
    assert "Apache License" in licences or "Apache-2.0" in licences
