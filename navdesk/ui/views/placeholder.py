"""An honest stand-in for a screen that is not built yet: what it will hold, and no made-up data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from navdesk.i18n import _
from navdesk.ui.views.heading import screen_heading


class PlaceholderView(QWidget):
    """A heading, a sentence saying the screen is not built yet, and what it will contain."""

    def __init__(self, title: str, will_contain: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        heading = screen_heading(title)
        self.message = QLabel(
            _("This screen is not built yet. It will contain: {what}").format(what=will_contain)
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addStretch(1)
