"""The main window: navigation on the left, one screen at a time on the right, who/where in the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from navdesk.i18n import _
from navdesk.ui.views.placeholder import PlaceholderView
from navdesk.ui.views.portfolio import PortfolioView


def _screens() -> list[tuple[str, str, str]]:
    """(key, navigation label, what a not-yet-built screen will contain)."""
    return [
        ("portfolio", _("Portfolio"), ""),
        ("deadlines", _("Deadlines"), _(
            "the deadlines coming up and overdue for your youths: plan reviews, follow-up contacts, "
            "consents that expire and meeting actions, by week."
        )),
        ("jobbklubb", _("Job club"), _(
            "the job club groups with their sessions, who attended, and the employers and placements "
            "offered to the participants."
        )),
        ("partners", _("Cooperation"), _(
            "the partners you cooperate with (school, OT, health services, employers), the consents "
            "that allow it, and the meetings held with them."
        )),
        ("reports", _("Reports"), _(
            "statistics for the office with small numbers suppressed, and printed plans and lists as PDF."
        )),
    ]  # fmt: skip


class MainWindow(QMainWindow):
    """``MainWindow(database, actor)``; ``portfolio`` is the portfolio screen."""

    def __init__(
        self, database: Any, actor: Any, *, settings: QSettings | None = None, load: bool = True
    ) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        if settings is None:
            from navdesk.ui.settings import ui_settings

            settings = ui_settings()
        self._settings = settings

        from navdesk.services.office import office_name

        with database.session() as session:
            self.office = office_name(session)
        self.setWindowTitle(_("NavDesk – {office}").format(office=self.office or _("no office")))

        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Navigation"))
        self.stack = QStackedWidget()
        self.portfolio = PortfolioView(database)
        self.screens: dict[str, QWidget] = {}
        for key, label, will_contain in _screens():
            widget: QWidget = self.portfolio if key == "portfolio" else PlaceholderView(label, will_contain)
            widget.setObjectName(key)
            self.screens[key] = widget
            self.stack.addWidget(widget)
            self.nav.addItem(label)
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setSpacing(3)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        width = max(self.nav.sizeHintForColumn(0), 100) + 2 * self.nav.frameWidth() + 40
        self.nav.setFixedWidth(width)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._restore_geometry()
        if load:
            self.portfolio.reload()

    def show_screen(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.screens).index(key))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        target = self.database.target
        if target.path is not None:
            where = target.path.name
            secured = _("encrypted") if self.database.encrypted else _("NOT encrypted")
            place = _("Database: {file} ({state})").format(file=where, state=secured)
        else:
            place = _("Database: {server}").format(server=target.label)
        self.office_label = QLabel(self.office)
        self.user_label = QLabel(_("Signed in: {initials}").format(initials=self.actor.initials))
        self.database_label = QLabel(place)
        if target.path is not None:
            self.database_label.setToolTip(str(target.path))
        for label in (self.office_label, self.user_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.office_label)
        bar.addWidget(self.user_label)
        bar.addPermanentWidget(self.database_label)
        if target.path is not None and not self.database.encrypted:
            self.database_label.setStyleSheet("color: #b00020;")

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(QSize(1280, 800))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
