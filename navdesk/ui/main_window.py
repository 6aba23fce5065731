"""The main window: navigation on the left, one screen at a time on the right, who/where in the status bar."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _
from navdesk.services.access import is_leder_or_admin
from navdesk.ui import backups, theme
from navdesk.ui.about import add_about_action
from navdesk.ui.startup_summary import StartupBanner, summarize
from navdesk.ui.users import add_users_action
from navdesk.ui.views.placeholder import PlaceholderView
from navdesk.ui.views.portfolio import PortfolioView

if TYPE_CHECKING:
    from navdesk.ui.views.deadlines import DeadlinesView


def _screens() -> list[tuple[str, str, str]]:
    """(key, navigation label, what a not-yet-built screen will contain)."""
    return [
        ("portfolio", _("Portfolio"), ""),
        ("deadlines", _("Deadlines"), _(
            "the deadlines coming up and overdue for your youths: plan reviews, follow-up contacts, "
            "consents that expire and meeting actions, by week."
        )),
        ("meetings", _("Meetings"), ""),
        ("jobbklubb", _("Job club"), ""),
        ("partners", _("Cooperation"), ""),
        ("reports", _("Reports"), ""),
    ]  # fmt: skip


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, on the event loop's next turn after ``watched`` first paints."""

    def __init__(self, watched: QWidget, then: Any) -> None:
        super().__init__(watched)
        self._then = then
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            obj.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


class _BookLoader(QObject):
    """Carries the deadline book (or the error) from the worker thread back to the GUI thread."""

    done = Signal(object)


class MainWindow(QMainWindow):
    """``MainWindow(database, actor)``; ``portfolio`` is the portfolio screen, ``deadlines`` the Frister one.

    After a fast start ``database`` is a :class:`PendingDatabase` and ``office``/``rows`` come from
    :func:`navdesk.quickstart.quick_open`; :meth:`attach_database` hands over the real one.

    ``deadlines_book`` is the office's :class:`~navdesk.services.deadlines.DeadlineBook` (None until it is
    computed, after the first paint or when the Frister screen is opened); ``deadlines_changed`` is
    emitted whenever it is computed or changed. ``today`` pins the date (tests); None means today.
    """

    deadlines_changed = Signal()

    def __init__(
        self, database: Any, actor: Any, *, settings: QSettings | None = None, load: bool = True,
        today: date | None = None, office: str | None = None, rows: Any = None,
    ) -> None:  # fmt: skip
        super().__init__()
        self.database = database
        self.actor = actor
        self.today = today
        self.deadlines_book: Any = None
        if settings is None:
            from navdesk.ui.settings import ui_settings

            settings = ui_settings()
        self._settings = settings

        if office is None:
            from navdesk.services.office import office_name

            with database.session() as session:
                office = office_name(session)
        self.office = office
        self.setWindowTitle(_("NavDesk – {office}").format(office=self.office or _("no office")))

        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Navigation"))
        self.nav.setAccessibleDescription(_("The screens of NavDesk. Alt+1 to Alt+6 go straight to one."))
        self.stack = QStackedWidget()
        self.portfolio = PortfolioView(database)
        self.portfolio.set_me(getattr(actor, "initials", None))
        self.portfolio.set_actor(actor)
        self.portfolio.restore_state(self._settings)  # columns and filters of this user on this machine
        self.portfolio.youths_changed.connect(self.refresh_youths)
        self.portfolio.contact_logged.connect(self._youth_saved)  # last contact, deadlines
        self.deadlines_changed.connect(self._feed_portfolio)
        self._records: Any = None  # the open youth records (navdesk.ui.record), made on first use
        self.deadlines_changed.connect(self._feed_records)
        self.portfolio.view.activated.connect(self._on_portfolio_activated)  # Enter or double-click
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_youth)
        QShortcut(QKeySequence("Ctrl+M"), self, self.new_meeting)
        self._book_loader: _BookLoader | None = None
        self._after_book: Any = None
        self._deadlines_view: DeadlinesView | None = None  # built the first time it is needed
        self.screens: dict[str, QWidget] = {}
        self._meetings_view: Any = None  # the Møteplan, built the first time it is needed
        self._clubs_view: Any = None  # the Jobbklubb screen, built the first time it is needed
        self._reports_view: Any = None  # the Rapporter screen, built the first time it is needed
        self.portfolio.enrolled.connect(self._enrolled)
        self._cooperation_view: Any = None  # the Samarbeid screen, built the first time it is needed
        built: dict[str, QWidget] = {
            "portfolio": self.portfolio,
            "deadlines": QWidget(),
            "meetings": QWidget(),
            "jobbklubb": QWidget(),
            "partners": QWidget(),
            "reports": QWidget(),
        }
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        icon_side = round(QFontMetrics(nav_font).height() * 1.2)  # icons grow with the text
        self.nav.setIconSize(QSize(icon_side, icon_side))
        for number, (key, label, will_contain) in enumerate(_screens(), start=1):
            widget: QWidget = built.get(key) or PlaceholderView(label, will_contain)
            widget.setObjectName(key)
            self.screens[key] = widget
            self.stack.addWidget(widget)
            self._add_navigation(key, label, number, icon_side)
        # The SVG icons are drawn just after the first paint (start-up stays quick), and again when the
        # appearance changes while NavDesk is open.
        _AfterFirstPaint(self.nav.viewport(), self._redraw_navigation_icons)
        theme.notifier().changed.connect(self._redraw_navigation_icons)
        self.nav.setSpacing(3)
        self.nav.setStyleSheet("QListWidget::item { padding: 0.4em 0.5em; }")
        width = max(self.nav.sizeHintForColumn(0), 100) + 2 * self.nav.frameWidth() + 40
        self.nav.setFixedWidth(width)
        self.nav.currentRowChanged.connect(self._on_screen_changed)
        self.nav.setCurrentRow(0)

        self.summary_banner = StartupBanner()
        self.summary_banner.show_deadlines.connect(lambda: self.show_screen("deadlines"))
        self.todays_meetings: Any = None  # «Dagens møter» (navdesk.ui.meetings.today), after the first paint
        self.app_lock: Any = None  # the app lock (navdesk.ui.lock), after the first paint or on Ctrl+L
        central = QWidget()
        outer = QVBoxLayout(central)
        self._outer = outer
        outer.addWidget(self.summary_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self._restore_geometry()
        # Past midnight the deadlines, ages and "meeting today" are those of a new day.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()
        if rows is not None:
            self.portfolio.load(rows, today=today)  # read by the fast start path (navdesk.quickstart)
        elif load:
            self.portfolio.reload(today=today)

    def _add_navigation(self, key: str, label: str, number: int, icon_side: int) -> None:
        """One screen in the navigation, with room for its icon, and Alt+number to go there from anywhere."""
        from PySide6.QtGui import QIcon, QPixmap
        from PySide6.QtWidgets import QListWidgetItem

        shortcut = QKeySequence(f"Alt+{number}")
        room = QPixmap(icon_side, icon_side)  # the icon's room until it is drawn
        room.fill(Qt.GlobalColor.transparent)
        item = QListWidgetItem(QIcon(room), label)
        hint = _("{screen} ({shortcut})").format(
            screen=label, shortcut=shortcut.toString(QKeySequence.SequenceFormat.NativeText)
        )
        item.setToolTip(hint)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, hint)
        self.nav.addItem(item)
        QShortcut(shortcut, self, lambda: self.go_to_screen(key))

    def _redraw_navigation_icons(self) -> None:
        from navdesk.ui.icons import icon

        for row, key in enumerate(self.screens):
            self.nav.item(row).setIcon(icon(key, self.nav.iconSize().width()))

    def go_to_screen(self, key: str) -> None:
        """Alt+number: show the screen and put the keyboard focus in it."""
        self.show_screen(key)
        screen = self.stack.currentWidget()
        if screen is not None:
            screen.setFocus()
            if screen.focusWidget() is None:
                screen.focusNextChild()

    def attach_database(self, database: Any) -> None:
        """Hand over the fully opened database after a fast start (it replaces the pending one)."""
        self.database = database
        self.portfolio.attach_database(database)
        if self._deadlines_view is not None:
            self._deadlines_view._database = database

    @property
    def deadlines(self) -> DeadlinesView:
        """The Frister screen, built on first use (keeps it off the path to the first paint)."""
        if self._deadlines_view is None:
            from navdesk.ui.views.deadlines import DeadlinesView

            view = DeadlinesView(self.database, self.actor)
            view.setObjectName("deadlines")
            view.book_changed.connect(self._on_book_changed)
            view.open_youth_requested.connect(self.open_youth)
            view.open_youth_requested.connect(lambda youth_id, _name: self.open_record(youth_id))
            view.rules_changed.connect(self.load_deadlines)
            self._put_in_place("deadlines", view)
            self._deadlines_view = view
            if self.deadlines_book is not None:
                view.set_book(self.deadlines_book)
        return self._deadlines_view

    @property
    def meetings(self) -> Any:
        """The Møteplan screen (navdesk.ui.meetings), built on first use: it needs SQLAlchemy, which the
        first paint must not import (decision 0007). Its preview and print requests go to the printing code."""
        if self._meetings_view is None:
            from navdesk.ui.meetings.plan import MeetingPlanView

            view = MeetingPlanView(self.database, self.actor, today=self.today)
            view.setObjectName("meetings")
            view.meetings_changed.connect(self._meeting_saved)
            view.meeting_deleted.connect(self._meeting_changed)
            view.preview_requested.connect(self.preview_summary)
            view.print_requested.connect(self.print_summaries)
            view.ics_requested.connect(self.export_meetings_ics)
            self._put_in_place("meetings", view)
            self._meetings_view = view
        return self._meetings_view

    def _put_in_place(self, key: str, view: QWidget) -> None:
        """Put a screen built on first use where its stand-in was (the current screen stays current)."""
        stand_in = self.screens[key]
        current = self.stack.currentIndex()
        self.stack.insertWidget(self.stack.indexOf(stand_in), view)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        self.screens[key] = view

    @property
    def clubs(self) -> Any:
        """The Jobbklubb screen (navdesk.ui.clubs), built on first use (it needs SQLAlchemy, decision 0007)."""
        if self._clubs_view is None:
            from navdesk.ui.clubs.view import ClubsView

            view = ClubsView(self.database, self.actor, today=self.today)
            view.setObjectName("jobbklubb")
            view.youths_changed.connect(self._enrolled)
            view.open_youth_requested.connect(self.open_record)
            self._put_in_place("jobbklubb", view)
            self._clubs_view = view
        return self._clubs_view

    @property
    def reports(self) -> Any:
        """The Rapporter screen (navdesk.ui.reports), built on first use (it needs SQLAlchemy, decision 0007)."""
        if self._reports_view is None:
            from navdesk.ui.reports.view import ReportsView

            view = ReportsView(self.database, self.actor, today=self.today)
            view.setObjectName("reports")
            self._put_in_place("reports", view)
            self._reports_view = view
        return self._reports_view

    def _enrolled(self, youth_ids: list[Any]) -> None:
        """Youths were enrolled, marked or changed in a group: their plan, deadlines and records changed."""
        for youth_id in youth_ids:
            self._youth_saved(youth_id)
            if self._records is not None:
                self._records.refresh(youth_id)
        if self._clubs_view is not None and self.stack.currentWidget() is not self._clubs_view:
            self._clubs_view.database = self.database
            self._clubs_view.reload()

    @property
    def cooperation(self) -> Any:
        """The Samarbeid screen (navdesk.ui.partners), built on first use (decision 0007)."""
        if self._cooperation_view is None:
            from navdesk.ui.partners.view import CooperationView

            view = CooperationView(self.database, self.actor, today=self.today)
            view.setObjectName("partners")
            view.changed.connect(self.refresh_youths)
            self._put_in_place("partners", view)
            self._cooperation_view = view
        return self._cooperation_view

    def preview_summary(self, meeting_id: Any) -> Any:
        """The møtereferat dialog (preview, print, save, mark as recorded) for one meeting."""
        from navdesk.ui.printing import open_summary_dialog

        if not self._database_ready():
            return None
        return open_summary_dialog(self, self.database, self.actor, meeting_id)

    def print_summaries(self, meeting_ids: list[Any]) -> Any:
        """Print many summaries (progress and cancel)."""
        from navdesk.ui.printing import print_summaries

        if not self._database_ready() or not meeting_ids:
            return None
        return print_summaries(self, self.database, self.actor, list(meeting_ids))

    def show_unrecorded(self) -> Any:
        """The held meetings whose summary is not yet recorded in NAV's system."""
        from navdesk.ui.printing import open_unrecorded

        if not self._database_ready():
            return None
        widget = open_unrecorded(self, self.database, self.actor)
        widget.setWindowFlag(Qt.WindowType.Window)
        widget.setWindowTitle(_("Summaries not yet recorded"))
        widget.resize(820, 480)
        widget.show()
        return widget

    def export_meetings_ics(self, meeting_ids: Any = None) -> Any:
        """The upcoming meetings (or these) to an .ics file (initials only, no home address)."""
        from navdesk.ui.printing import save_meetings_ics

        if not self._database_ready():
            return None
        return save_meetings_ics(self, self.database, self.actor, meeting_ids)

    def show_screen(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.screens).index(key))

    def new_meeting(self) -> Any:
        """Ctrl+M: the meeting editor for a new meeting (for the youth selected in the portfolio, if any)."""
        from navdesk.ui.models.portfolio_model import OBJECT_ROLE

        if not self._database_ready():
            return None
        self.meetings.database = self.database
        youth = None
        if self.stack.currentWidget() is self.portfolio:
            row = self.portfolio.view.currentIndex().data(OBJECT_ROLE)
            youth = getattr(row, "id", None)
        return self.meetings.open_editor(youth_id=youth)

    def _meeting_saved(self, meeting_id: Any) -> None:
        """A meeting was saved: its youth's deadlines (first contact, 8 weeks, actions) may have changed."""
        from navdesk.errors import UserError
        from navdesk.services.meetings import read_meeting

        try:
            with self.database.session() as session:
                youth_id = read_meeting(session, meeting_id).youth_id
        except UserError:
            return
        self._meeting_changed(youth_id)

    def _meeting_changed(self, youth_id: Any) -> None:
        """A meeting of this youth (or of none) was saved or deleted: the youth, its record, Dagens møter."""
        if youth_id is not None:
            self._youth_saved(youth_id)
            if self._records is not None:
                self._records.refresh(youth_id)
        if self.todays_meetings is not None:
            self.show_todays_meetings()

    def _on_screen_changed(self, row: int) -> None:
        if row >= 0 and list(self.screens)[row] == "meetings":
            self.meetings.database = self.database
            self.meetings.reload()
        if row >= 0 and list(self.screens)[row] == "jobbklubb" and self._database_ready():
            self.clubs.database = self.database
            self.clubs.reload()
        if row >= 0 and list(self.screens)[row] == "partners" and self._database_ready():
            if self._cooperation_view is None:
                self.cooperation  # noqa: B018  (builds the screen)
            else:
                self._cooperation_view.reload()
        if row >= 0 and list(self.screens)[row] == "reports" and self._database_ready():
            self.reports.database = self.database
            self.reports.reload()
        if row >= 0 and list(self.screens)[row] == "deadlines":
            self.deadlines  # noqa: B018  (builds the screen)
            if self.deadlines_book is None:
                self.load_deadlines()
        self.stack.setCurrentIndex(row)

    # -- deadlines ---------------------------------------------------------------------------------
    def load_deadlines(self) -> Any:
        """Compute the deadline book (all youths) and show it on the Frister screen; the book."""
        from navdesk.services.deadlines import DeadlineBook

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.database.session() as session:
                book = DeadlineBook.build(session, self.today or date.today())
            self.deadlines_book = book
            self.deadlines.set_book(book)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.deadlines_changed.emit()
        return book

    def show_startup_summary(self) -> None:
        """The banner with today's and the overdue deadlines (computes the book if needed)."""
        book = self.deadlines_book if self.deadlines_book is not None else self.load_deadlines()
        self.summary_banner.set_summary(summarize(book, self.actor.user_id))

    def show_summary_after_first_paint(self) -> None:
        """Compute the deadlines and show the summary once the portfolio has painted (start-up stays fast)."""
        _AfterFirstPaint(self.portfolio.view.viewport(), self.show_startup_summary_in_background)

    def show_todays_meetings(self) -> Any:
        """«Dagens møter» under the summary (built on first use, after the first paint); the strip."""
        if not self._database_ready():
            return None
        if self.todays_meetings is None:
            from navdesk.ui.meetings.today import TodayMeetingsStrip

            strip = TodayMeetingsStrip()
            strip.open_meeting.connect(self.open_meeting)
            strip.show_plan.connect(lambda: self.show_screen("meetings"))
            self._outer.insertWidget(1, strip)
            self.todays_meetings = strip
        self.todays_meetings.load(self.database, self.actor.user_id, self.current_day())
        return self.todays_meetings

    def open_meeting(self, meeting_id: Any) -> Any:
        """The meeting editor for this meeting (an open one is raised)."""
        if not self._database_ready():
            return None
        self.meetings.database = self.database
        return self.meetings.open_editor(meeting_id=meeting_id)

    def show_startup_summary_in_background(self) -> None:
        """The start-up summary, with the deadlines computed in a worker thread (the window stays usable)."""
        self.show_todays_meetings()
        self.start_lock()
        self.load_deadlines_in_background(
            then=lambda: self.summary_banner.set_summary(summarize(self.deadlines_book, self.actor.user_id))
        )

    def load_deadlines_in_background(self, then: Any = None) -> None:
        """Compute the deadline book in a worker thread with its own session; ``then`` runs in the GUI
        thread once the book is shown. Nothing else touches widgets from the worker."""
        import threading

        from navdesk.services.deadlines import DeadlineBook

        self._after_book = then
        if self._book_loader is not None:  # already under way: ``then`` runs when it is done
            return
        loader = _BookLoader(self)
        loader.done.connect(self._on_book_loaded, Qt.ConnectionType.QueuedConnection)
        self._book_loader = loader
        database, today = self.database, self.today or date.today()

        def work() -> None:
            try:
                with database.session() as session:
                    result: Any = DeadlineBook.build(session, today)
            except Exception as exc:  # reported in the GUI thread
                result = exc
            loader.done.emit(result)
            if not isinstance(result, Exception):
                try:  # what was computed from the data is stored, so the next start reads it
                    result.save_cache(database.session)
                except Exception as exc:  # a locked or read-only database: next time, then
                    import logging

                    logging.getLogger("navdesk.ui").warning(
                        "Deadline cache not saved: %s", type(exc).__name__
                    )

        self.book_thread = threading.Thread(target=work, name="navdesk-deadlines", daemon=True)
        self.book_thread.start()  # it goes on storing the results after handing over the book

    def _on_book_loaded(self, result: Any) -> None:
        self._book_loader = None
        then, self._after_book = self._after_book, None
        if isinstance(result, Exception):
            import logging

            logging.getLogger("navdesk.ui").error(
                "Deadlines could not be computed: %s", type(result).__name__
            )
            self.statusBar().showMessage(
                _("The deadlines could not be computed; open Deadlines to try again.")
            )
            return
        if self.deadlines_book is None:  # a load in the GUI thread (Frister opened meanwhile) may have won
            self.deadlines_book = result
            self.deadlines.set_book(result)
            self.deadlines_changed.emit()
        if then is not None:
            then()

    def _feed_portfolio(self) -> None:
        if self.deadlines_book is not None:
            self.portfolio.set_deadlines(self.deadlines_book)

    def _on_book_changed(self) -> None:
        if self.summary_banner.isVisible() and self.deadlines_book is not None:
            self.summary_banner.set_summary(summarize(self.deadlines_book, self.actor.user_id))
        self.deadlines_changed.emit()

    def open_youth(self, youth_id: Any, name: str) -> bool:
        """Show the portfolio with this youth found and selected."""
        from navdesk.ui.models.portfolio_model import COL_NAME, OBJECT_ROLE

        self.show_screen("portfolio")
        view = self.portfolio
        for text, closed in ((name, False), ("", False), (name, True), ("", True)):
            if text:  # filters off, so that the youth is found (a closed one among the sleeping/closed)
                view.show_all(closed=closed)
            view.search_edit.setText(text)
            proxy = view.proxy
            for row in range(proxy.rowCount()):
                index = proxy.index(row, COL_NAME)
                found = index.data(OBJECT_ROLE)
                if found is not None and found.id == youth_id:
                    view.view.setCurrentIndex(index)
                    view.view.scrollTo(index)
                    view.view.setFocus()
                    return True
        return False

    # -- youth records and the new-youth form (navdesk.ui.record, navdesk.ui.dialogs.youth_form) -----
    def _database_ready(self) -> bool:
        from navdesk.ui.app import PendingDatabase

        if isinstance(self.database, PendingDatabase):
            self.statusBar().showMessage(
                _("The database is still being opened; try again in a moment."), 5000
            )
            return False
        return True

    def open_record(self, youth_id: Any) -> Any:
        """The youth's record window (one per youth: an open one is raised); None if it cannot be opened."""
        from navdesk.errors import UserError
        from navdesk.ui.record import RecordWindows

        if not self._database_ready():
            return None
        if self._records is None:
            self._records = RecordWindows(
                self.database, self.actor, book=lambda: self.deadlines_book, today=self.today, parent=self
            )
            self._records.saved.connect(self._youth_saved)
            self._records.preview_requested.connect(self.preview_summary)
            self._records.print_requested.connect(self.print_summaries)
        self._records.database = self.database
        try:
            window = self._records.open(youth_id)
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            return None
        if self.deadlines_book is None and self._book_loader is None:
            self.load_deadlines_in_background()  # the record's next deadline and Frister tab
        return window

    def new_youth(self) -> Any:
        """Ctrl+N: the new-youth form; after a save the new youth's record opens. The new id, or None."""
        from navdesk.ui.dialogs.youth_form import YouthForm

        if not self._database_ready():
            return None
        form = YouthForm(self.database, self.actor, today=self.today, parent=self)
        form.exec()
        youth_id = form.saved_id
        form.deleteLater()
        if youth_id is not None:
            self._youth_saved(youth_id)
            self.open_record(youth_id)
        return youth_id

    def _on_portfolio_activated(self, index: Any) -> None:
        from navdesk.ui.models.portfolio_model import OBJECT_ROLE

        row = index.data(OBJECT_ROLE)
        if row is not None:
            self.open_record(row.id)

    def _feed_records(self) -> None:
        if self._records is not None:
            self._records.set_book(self.deadlines_book)

    def _youth_saved(self, youth_id: Any) -> None:
        """A youth was saved (record or form): re-read the portfolio, keep the youth selected, and
        recompute that youth's deadlines in the book (the Frister screen and the records follow)."""
        from navdesk.ui.models.portfolio_model import COL_NAME

        self.portfolio.reload(today=self.today)
        model = self.portfolio.model
        source = next((i for i, row in enumerate(model.rows()) if row.id == youth_id), None)
        if source is not None:
            index = self.portfolio.proxy.mapFromSource(model.index(source, COL_NAME))
            if index.isValid():
                self.portfolio.view.setCurrentIndex(index)
        book = self.deadlines_book
        if book is not None:
            with self.database.session() as session:
                book.refresh_youth(session, youth_id)
            if self._deadlines_view is not None:
                self._deadlines_view.set_book(book)
            self._on_book_changed()

    # -- menus: File, Office, Settings, Help. Each feature adds its actions in its own method -------------
    def _build_menus(self) -> None:
        from navdesk.ui.retention import add_to_office_menu as add_retention_action

        bar = self.menuBar()
        self.file_menu = bar.addMenu(_("&File"))
        self.office_menu = bar.addMenu(_("&Office"))  # users, backups, audit log, keys, retention
        self.settings_menu = bar.addMenu(_("&Settings"))  # lock time, language, backup folder …
        self.help_menu = bar.addMenu(_("&Help"))  # user guide, about
        self._build_file_menu(self.file_menu)
        self._build_audit_actions(self.office_menu)
        self._build_lock_settings(self.settings_menu)
        self._build_language_and_guide()
        add_about_action(self)
        backups.install(
            self
        )  # Settings → Backups …; Office → recovery sheet, change key (navdesk.ui.backups)
        add_retention_action(self)  # Office → Retention and deletion (navdesk.ui.retention)
        add_users_action(self, self.office_menu)  # Kontor → Brukere (navdesk.ui.users)
        for menu in (self.office_menu, self.settings_menu, self.help_menu):
            menu.menuAction().setVisible(not menu.isEmpty())  # a veileder may have nothing under Office

    def _build_audit_actions(self, menu: Any) -> None:
        self.audit_log_action = None
        if is_leder_or_admin(self.actor):
            self.audit_log_action = menu.addAction(_("Audit log …"))
            self.audit_log_action.triggered.connect(lambda: self.show_audit_log())

    def show_audit_log(self, youth_id: Any = None) -> Any:
        """Revisjonslogg (leder and admin): who read or changed what, and a check of the log's chain."""
        from navdesk.ui.audit_view import open_audit_log

        if not self._database_ready():
            return None
        return open_audit_log(self, self.database, self.actor, youth_id)

    # -- Settings → Language (navdesk.ui.language) and Help → User guide (navdesk.ui.user_guide) -----------
    def _build_language_and_guide(self) -> None:
        from navdesk.ui.language import add_language_menu
        from navdesk.ui.user_guide import add_user_guide_action

        add_language_menu(self, self.settings_menu)
        add_user_guide_action(self, self.help_menu)

    # -- import and export (navdesk.ui.dialogs.import_youths, navdesk.ui.export_view) -----------------
    def _build_file_menu(self, menu: Any) -> None:
        self.import_action = menu.addAction(_("Import youths …"))
        self.import_action.triggered.connect(self.import_youths)
        self.export_action = menu.addAction(_("Export this view …"))
        self.export_action.triggered.connect(self.export_view)
        menu.addSeparator()
        self.unrecorded_action = menu.addAction(_("Summaries not yet recorded …"))
        self.unrecorded_action.triggered.connect(self.show_unrecorded)
        self.ics_action = menu.addAction(_("Upcoming meetings to calendar (.ics) …"))
        self.ics_action.triggered.connect(lambda: self.export_meetings_ics())
        menu.addSeparator()
        self.lock_action = menu.addAction(_("Lock NavDesk"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from every window
        self.lock_action.triggered.connect(self.lock)

    def _build_lock_settings(self, menu: Any) -> None:
        self.lock_time_action = menu.addAction(_("Lock after inactivity …"))
        self.lock_time_action.triggered.connect(lambda: self.choose_lock_time())
        if str(getattr(self.actor, "access_role", "")) == "admin":
            self.office_lock_time_action = menu.addAction(_("Lock time for the whole office …"))
            self.office_lock_time_action.triggered.connect(lambda: self.choose_lock_time(office_wide=True))

    # -- the app lock (navdesk.ui.lock) ----------------------------------------------------------------
    def start_lock(self) -> Any:
        """The app lock with the user's idle time (after the first paint: it reads the database)."""
        from navdesk.services.lock import idle_minutes
        from navdesk.ui.lock import lock_for

        if not self._database_ready():
            return None
        with self.database.session() as session:
            minutes = idle_minutes(session, self.actor.user_id)
        if self.app_lock is None:
            self.app_lock = lock_for(self, minutes)
        else:
            self.app_lock.set_idle_ms(minutes * 60_000)
        return self.app_lock

    def lock(self) -> bool:
        """Ctrl+L: lock every window now (drafts are stored first); whether it locked."""
        lock = self.app_lock if self.app_lock is not None else self.start_lock()
        if lock is None:
            return False
        lock.lock()
        return True

    def choose_lock_time(self, *, office_wide: bool = False) -> Any:
        """Ask for the minutes of inactivity before NavDesk locks (the user's own setting, or for an admin
        the office's, which users without their own follow); the minutes."""
        from PySide6.QtWidgets import QInputDialog

        from navdesk.errors import UserError
        from navdesk.services.lock import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, idle_minutes, set_idle_minutes

        if not self._database_ready():
            return None
        with self.database.session() as session:
            current = idle_minutes(session, self.actor.user_id)
        question = (_("Lock NavDesk for everyone at the office after this many minutes without use:")
                    if office_wide else _("Lock NavDesk after this many minutes without use:"))  # fmt: skip
        minutes, ok = QInputDialog.getInt(
            self, _("Lock after inactivity"), question, current, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES
        )
        if not ok:
            return None
        try:
            with self.database.session() as session, session.begin():
                set_idle_minutes(session, self.actor, minutes, office_wide=office_wide)
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            return None
        self.start_lock()
        return minutes

    def import_youths(self) -> Any:
        """The import dialog (window-modal, not blocking); the portfolio is read again after an import."""
        from navdesk.ui.dialogs.import_youths import ImportYouthsDialog

        if not self._database_ready():
            return None
        dialog = ImportYouthsDialog(self.database, self.actor, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._after_import)
        dialog.open()
        return dialog

    def _after_import(self, count: int) -> None:
        self.portfolio.reload(today=self.today)
        if count and self.deadlines_book is not None:  # the new periods have deadlines
            self.deadlines_book = None
            self.load_deadlines_in_background()

    def export_view(self) -> Any:
        """Export the portfolio as shown (filter, sorting, columns); the dialog warns that the file is not encrypted."""
        from navdesk.ui.export_view import ExportViewDialog, exported_message

        if not self._database_ready():
            return None
        self.show_screen("portfolio")
        dialog = ExportViewDialog(self.portfolio.view, self.database, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        bar = self.statusBar()
        dialog.exported.connect(lambda path, n: bar.showMessage(exported_message(path, n), 15000))
        dialog.open()
        return dialog

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
            theme.style(self.database_label, "color: {warn};")

    def current_day(self) -> date:
        return self.today or date.today()

    def check_new_day(self) -> bool:
        """When the date has changed since the deadlines were computed (the window stayed open past
        midnight), recompute them and reload the portfolio for the new day; whether it had."""
        book = self.deadlines_book
        day = self.current_day()
        if book is None or book.today == day or self._book_loader is not None:
            return False
        self.deadlines_book = None
        self.portfolio.reload(today=day)
        self.load_deadlines_in_background(then=self._after_new_day)
        return True

    def _after_new_day(self) -> None:
        if self.todays_meetings is not None:
            self.show_todays_meetings()
        if self.summary_banner.isVisible() and self.deadlines_book is not None:
            self.summary_banner.set_summary(summarize(self.deadlines_book, self.actor.user_id))

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(QSize(1280, 800))

    def refresh_youths(self, youth_ids: list[Any]) -> None:
        """Recompute these youths' deadlines in the book (a huskelapp or a new counsellor in the portfolio)."""
        book = self.deadlines_book
        if book is None or not youth_ids:
            return
        with self.database.session() as session:
            for youth_id in youth_ids:
                book.refresh_youth(session, youth_id)
        if self._deadlines_view is not None:
            self._deadlines_view.set_book(book)
        self._on_book_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.app_lock is not None:
            self.app_lock.stop()
        self.portfolio.save_state()
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
