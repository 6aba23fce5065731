"""Help → User guide opens docs/brukerveiledning.md with its headings and screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QTextDocument

from navdesk.resources import docs_dir
from navdesk.ui.user_guide import MAX_IMAGE_WIDTH, UserGuide, fitted_name, guide_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_guide_is_found_in_the_source_tree() -> None:
    assert docs_dir() == ROOT / "docs"
    assert guide_path() == ROOT / "docs" / "brukerveiledning.md"


def test_a_frozen_build_finds_the_bundled_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyInstaller unpacks to sys._MEIPASS: the guide is looked for in its docs/ folder first."""
    bundled = tmp_path / "docs"
    (bundled / "screenshots").mkdir(parents=True)
    (bundled / "brukerveiledning.md").write_text("# Brukerveiledning\n", encoding="utf-8")
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert docs_dir() == bundled
    (bundled / "brukerveiledning.md").unlink()  # not bundled: the source tree's (a checkout) is used
    assert docs_dir() == ROOT / "docs"


def test_every_picture_in_the_guide_exists() -> None:
    text = guide_path().read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 10
    missing = [p for p in pictures if not (guide_path().parent / p).is_file()]
    assert not missing, f"screenshots missing from docs/: {missing}"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: bringing the guide forward
def test_help_opens_the_guide_with_headings_and_pictures(main_window: Any, qtbot: Any) -> None:
    action = main_window.user_guide_action
    assert action in main_window.help_menu.actions()
    assert action.text() == "Brukerveiledning"
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    guide = main_window.findChild(UserGuide)
    assert guide is not None and guide.isVisible() and not guide.isModal()
    assert guide.windowTitle() == "Brukerveiledning"
    headings = guide.headings()
    assert headings[0] == "Brukerveiledning for NavDesk"
    for expected in ("Oversikten over ungdommene (Portefølje)", "Mappen til en ungdom", "Aktivitetsplanen",
                     "Møter og møtereferat", "Jobbklubb og gruppekurs", "Frister", "Samarbeid og samtykke",
                     "Rapporter", "Lås og sikkerhetskopi", "Hurtigtaster"):  # fmt: skip
        assert expected in headings
    text = guide.browser.toPlainText()
    assert "Ctrl+K" in text and "Ctrl+L" in text and "# " not in text  # rendered, not raw Markdown
    # the pictures are found relative to docs/ and scaled to fit the window
    document = guide.browser.document()
    original = guide.images["screenshots/main-window.png"]
    assert not original.isNull() and original.width() == 1280  # read from docs/screenshots
    shown = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl(fitted_name("screenshots/main-window.png"))
    )
    assert isinstance(shown, (QImage, QPixmap)) and shown.width() == MAX_IMAGE_WIDTH  # scaled to fit
    assert guide.images and all(not image.isNull() for image in guide.images.values())
    widths = _image_widths(document)
    assert widths and max(widths) <= MAX_IMAGE_WIDTH
    # a second Help → User guide brings the same window forward
    action.trigger()
    assert len(main_window.findChildren(UserGuide)) == 1
    guide.close()


def _image_widths(document: QTextDocument) -> list[float]:
    widths = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widths.append(fmt.toImageFormat().width())
            it += 1
        block = block.next()
    return widths
