"""Help → User guide: ``docs/brukerveiledning.md`` (bokmål) shown in a window beside the work.

The Markdown is rendered by Qt (``QTextDocument.setMarkdown``) with the docs folder as the base, so
``screenshots/x.png`` in the guide finds ``docs/screenshots/x.png``; pictures wider than the window
are scaled down (smoothly) to fit. The guide is looked up with :func:`navdesk.resources.docs_dir` (source tree,
wheel or frozen build).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPixmap,
    QTextCursor,
    QTextDocument,
    QTextFragment,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _

GUIDE_FILE = "brukerveiledning.md"
MAX_IMAGE_WIDTH = 760  # pixels: a screenshot fits the window without scrolling sideways


def fitted_name(name: str) -> str:
    """The resource name of a picture scaled down to fit (kept apart from the file's own)."""
    return f"navdesk-fitted:{name}"


def guide_path() -> Path:
    from navdesk.resources import docs_dir

    return docs_dir() / GUIDE_FILE


class UserGuide(QDialog):
    """The user guide in a resizable, non-modal window."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(_("User guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.resize(QSize(900, 760))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("userGuideText")
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        document.setMarkdown(
            path.read_text(encoding="utf-8"), QTextDocument.MarkdownFeature.MarkdownDialectGitHub
        )
        self.images = self._fit_images(document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _fit_images(self, document: QTextDocument) -> dict[str, QImage]:
        """Load each picture (relative to the docs folder) and scale the wide ones down; name → image."""
        found: dict[str, QImage] = {}
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().isImageFormat():
                    name = fragment.charFormat().toImageFormat().name()
                    found[name] = self._fit(document, fragment, self._load(document, name))
                it += 1
            block = block.next()
        return found

    @staticmethod
    def _load(document: QTextDocument, name: str) -> QImage:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        if isinstance(image, QPixmap):
            image = image.toImage()
        if not isinstance(image, QImage) or image.isNull():
            image = QImage(str(Path(document.baseUrl().toLocalFile()) / name))
        return image

    def _fit(self, document: QTextDocument, fragment: QTextFragment, image: QImage) -> QImage:
        """Show a picture wider than the window smoothly scaled down, under its own resource name."""
        if image.isNull() or image.width() <= MAX_IMAGE_WIDTH:
            return image
        smaller = image.scaledToWidth(MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        image_format: QTextImageFormat = fragment.charFormat().toImageFormat()
        fitted = fitted_name(image_format.name())
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(fitted), smaller)
        image_format.setName(fitted)
        image_format.setWidth(smaller.width())
        image_format.setHeight(smaller.height())
        cursor = QTextCursor(document)
        cursor.setPosition(fragment.position())
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(image_format)
        return image

    def headings(self) -> list[str]:
        """The guide's headings, in order (for tests and a table of contents)."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                found.append(block.text())
            block = block.next()
        return found


def show_user_guide(parent: QWidget | None = None) -> UserGuide | None:
    """Open the user guide (a second call brings the open one forward); None when it is missing."""
    existing = parent.findChild(UserGuide) if parent is not None else None
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    try:
        path = guide_path()
    except FileNotFoundError:
        QMessageBox.warning(parent, _("User guide"), _("The user guide was not found in this installation."))
        return None
    guide = UserGuide(path, parent)
    guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    guide.show()
    return guide


def add_user_guide_action(window: Any, menu: QMenu) -> Any:
    """Help → User guide (F1), as ``window.user_guide_action``."""
    action = menu.addAction(_("User guide"))
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.triggered.connect(lambda: show_user_guide(window))
    window.user_guide_action = action
    return action
