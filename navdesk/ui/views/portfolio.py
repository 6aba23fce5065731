"""Portefølje: every youth the office follows up, with a free-text search that keeps up with typing.

Beside the table, the filter column (:mod:`navdesk.ui.views.portfolio_filters`) with live counts. By
default only the youths with an open follow-up period are shown (as Oversikten shows the active users);
"Sleeping/closed" shows the others instead.

The user chooses the columns (the header's context menu or the "Columns" button) and can save the
search and filters under a name. Columns, sort order and the filters are remembered per user on this
machine (:meth:`PortfolioView.restore_state` / :meth:`PortfolioView.save_state`). On a row: the
huskelapp (Ctrl+H) and its colour category; on the selected rows: assignment to a counsellor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.portfolio import YouthRow
from navdesk.i18n import _, ngettext
from navdesk.services.huskelapp import COLOURS
from navdesk.ui.models.filter_proxy import FastFilterProxy
from navdesk.ui.models.portfolio_filter import CLOSED, FilterState
from navdesk.ui.models.portfolio_model import (
    COL_AGE,
    COL_BIRTH_DATE,
    COL_DAYS_SINCE,
    COL_HUSKELAPP,
    COL_HUSKELAPP_DUE,
    COL_IN_ACTIVITY,
    COL_LAST_CONTACT,
    COL_MUNICIPALITY,
    COL_NAME,
    COL_NEXT_DEADLINE,
    COL_NEXT_MEETING,
    COL_PHONE,
    COL_REGISTERED,
    COL_VEILEDER,
    COLUMN_KEYS,
    COLUMNS,
    DEFAULT_COLUMNS,
    OBJECT_ROLE,
    PortfolioModel,
)
from navdesk.ui.views.categories import category_icon, category_name
from navdesk.ui.views.heading import screen_heading
from navdesk.ui.views.portfolio_filters import PortfolioFilters

# Initial widths (px) so dates are not cut and names are readable at 1280 px (the name column takes the
# rest: about 200 px); the user can resize them. The huskelapp's full text is in its tooltip.
_WIDTHS = {
    COL_AGE: 50, COL_VEILEDER: 70, COL_REGISTERED: 100, COL_LAST_CONTACT: 100, COL_NEXT_DEADLINE: 100,
    COL_MUNICIPALITY: 110, COL_HUSKELAPP: 110, COL_HUSKELAPP_DUE: 110, COL_PHONE: 100, COL_BIRTH_DATE: 100,
    COL_NEXT_MEETING: 110, COL_IN_ACTIVITY: 90, COL_DAYS_SINCE: 120,
}  # fmt: skip
SAVED_FILTERS_MAX = 50
NAME_MAX = 60


def _user_key(initials: str | None) -> str:
    """The settings group of one user: ``portfolio/<initials>`` (letters and digits only)."""
    clean = re.sub(r"\W", "", initials or "", flags=re.UNICODE).upper()
    return "portfolio/" + (clean or "_")


class _EmptyState(QWidget):
    """Shown over the empty table: why nothing is listed, and a way to clear the search and filters."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        self.clear_button = QPushButton(_("Clear the search and filters"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addStretch(2)
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class PortfolioView(QWidget):
    """The portfolio table with its search field, the filter column and a count of what is shown.

    ``youths_changed`` is emitted with the ids of youths whose deadlines may have changed (a huskelapp
    with a due date, a new counsellor), so the window can recompute them in the deadline book.
    """

    loaded = Signal(int)  # number of rows, after each load
    youths_changed = Signal(list)
    contact_logged = Signal(object)  # youth id: a contact was logged from the portfolio (Ctrl+K)
    enrolled = Signal(list)  # youth ids enrolled in a group from the portfolio

    def __init__(self, database: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._me: str | None = None
        self._actor: Any = None
        self._settings: QSettings | None = None
        self._saved: dict[str, dict[str, Any]] = {}  # name -> {"filters": ..., "search": ...}

        heading = screen_heading(_("Portfolio"))

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search by name, phone, job wishes …  (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search the portfolio"))
        self.search_edit.setAccessibleDescription(
            _("Finds youths by name, phone or job wishes as you type. Ctrl+F comes back here.")
        )
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = PortfolioModel(self)
        self.proxy = FastFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = PortfolioFilters()
        self.proxy.set_row_filter(lambda: self.model.facets.selected(self.filters.state()))

        self.view = QTableView()
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAccessibleName(_("Youths"))
        self.view.setAccessibleDescription(
            _(
                "Enter opens the youth's record. Ctrl+K logs a contact, Ctrl+H writes a huskelapp, "
                "Ctrl+Shift+T assigns a counsellor; the menu key shows the rest."
            )
        )
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)  # spare width goes to names
        columns.setStretchLastSection(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setHighlightSections(False)
        columns.setSectionsMovable(True)  # drag a header to reorder the columns
        columns.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        columns.customContextMenuRequested.connect(self._show_column_menu)
        self.apply_column_state(None)
        self.view.setSortingEnabled(True)

        self.empty_state = _EmptyState(self.view.viewport())
        self.empty_state.clear_button.clicked.connect(lambda: self.show_all())
        self.empty_state.hide()

        # actions on rows
        self.huskelapp_action = QAction(_("Huskelapp …"), self)
        self.huskelapp_action.setShortcut(QKeySequence("Ctrl+H"))
        self.huskelapp_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.huskelapp_action.setToolTip(_("Write or change your huskelapp for this youth (Ctrl+H)."))
        self.huskelapp_action.triggered.connect(self.edit_huskelapp)
        self.clear_huskelapp_action = QAction(_("Remove huskelapp"), self)
        self.clear_huskelapp_action.triggered.connect(self.clear_huskelapp)
        self.assign_action = QAction(_("Assign to counsellor …"), self)
        self.assign_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.assign_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.assign_action.triggered.connect(self.assign_selected)
        self.colour_menu = QMenu(_("Category"), self)
        self.colour_actions: dict[str, QAction] = {}
        for colour in (*COLOURS, ""):
            action = self.colour_menu.addAction(category_icon(colour), category_name(colour))
            action.triggered.connect(lambda _on=False, colour=colour: self.set_colour_of_selected(colour))
            self.colour_actions[colour] = action
        self.contact_action = QAction(_("Log contact …"), self)
        self.contact_action.setShortcut(QKeySequence("Ctrl+K"))  # Ctrl+L locks NavDesk
        self.contact_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.contact_action.triggered.connect(self.log_contact)
        self.enrol_action = QAction(_("Enrol in group …"), self)
        self.enrol_action.setToolTip(_("Enrol the selected youths in a job club or group course."))
        self.enrol_action.triggered.connect(self.enrol_selected)
        self.view.addAction(self.contact_action)
        self.view.addAction(self.huskelapp_action)
        self.view.addAction(self.assign_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_row_menu)

        self.assign_button = QPushButton(_("Assign to counsellor …"))
        self.assign_button.setToolTip(_("Give the selected youths another counsellor (Ctrl+Shift+T)."))
        self.assign_button.clicked.connect(self.assign_selected)
        self.columns_button = QToolButton()
        self.columns_button.setText(_("Columns"))
        self.columns_button.setToolTip(_("Choose the columns (also by right-clicking a column heading)."))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self)
        self.columns_menu.aboutToShow.connect(lambda: self._fill_column_menu(self.columns_menu))
        self.columns_button.setMenu(self.columns_menu)

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

        side = QScrollArea()
        side.setWidget(self.filters)
        side.setWidgetResizable(True)
        side.setFrameShape(QScrollArea.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setFixedWidth(self.filters.sizeHint().width() + side.verticalScrollBar().sizeHint().width() + 4)
        self.filter_area = side
        # unfolding "More filters" (below the fold on a laptop screen) scrolls it into view
        self.filters.more_button.toggled.connect(self._on_more_filters)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.assign_button)
        search_row.addWidget(self.columns_button)
        table = QVBoxLayout()
        table.addLayout(search_row)
        table.addWidget(self.view, 1)
        body = QHBoxLayout()
        body.addWidget(side)
        body.addLayout(table, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.search_edit.textChanged.connect(self._on_search)
        self.filters.changed.connect(self._on_filters)
        self.filters.show_all_requested.connect(self.search_edit.clear)
        self.filters.save_requested.connect(self._ask_save_filter)
        self.filters.saved_chosen.connect(self.apply_saved_filter)
        self.filters.delete_requested.connect(self._ask_delete_filter)
        self.model.deadlines_changed.connect(self._on_deadlines)
        self.proxy.modelReset.connect(self._update_count)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.modelReset.connect(self._update_actions)
        self._update_count()
        self._update_actions()

    # -- data --------------------------------------------------------------------------------------
    def load(self, rows: Sequence[YouthRow], *, today: Any = None) -> None:
        """Show these rows (keeps the search text, the filters and the sort order)."""
        self.model.set_rows(rows, today=today)
        self.filters.set_veiledere([row.veileder for row in rows], self._me)
        self._update_count()
        self.loaded.emit(len(rows))

    def set_me(self, initials: str | None) -> None:
        """The signed-in counsellor, offered as "Mine" in the counsellor filter."""
        self._me = initials
        self.filters.set_veiledere([row.veileder for row in self.model.rows()], initials)

    def set_actor(self, actor: Any) -> None:
        """The signed-in user (:class:`~navdesk.domain.actor.Actor`), who writes huskelapps and assigns."""
        self._actor = actor
        self.set_me(getattr(actor, "initials", None))
        self._update_actions()

    def set_deadlines(self, book: Any) -> None:
        """The office's deadline book: the Next deadline column and the deadline filters."""
        self.model.set_deadlines(book)

    def attach_database(self, database: Any) -> None:
        """The fully opened database (after a fast start): the huskelapps and facts can be read now."""
        self._database = database
        self.load_huskelapper()
        self.load_facets()

    def load_facets(self) -> None:
        """Read the youths' filter facts (innsatsgruppe, hovedmål, ytelse, school status, tags), kept
        beside the rows by youth id, and offer the values that occur in "More filters"."""
        if self._database is None:
            return
        from navdesk.services.portfolio_facets import FACETS, portfolio_facets

        try:
            with self._database.session() as session:
                facets = portfolio_facets(session, self.model.today())
        except RuntimeError:  # the database is still being opened (fast start): attach_database reads them
            return
        keep = [row.id for row in self.selected_rows()]
        self.model.set_youth_facets(facets)
        counted = self.model.facets
        self.filters.set_facet_values(
            {name: counted.facet_values(name) for name in FACETS}, facets.ytelse_labels
        )
        if self.filters.state().facets_chosen():
            self.proxy.refilter()
            self.select_youths(keep)
        else:
            self._update_count()

    def load_huskelapper(self) -> None:
        """Read the signed-in user's huskelapps (kept beside the rows, by youth id)."""
        if self._database is None or self._actor is None:
            return
        from navdesk.services.huskelapp import huskelapper

        try:
            with self._database.session() as session:
                notes = huskelapper(session, self._actor.user_id)
        except RuntimeError:  # the database is still being opened (fast start): attach_database reads them
            return
        self.model.set_huskelapper(notes)
        self._after_huskelapp_change(None)

    def show_all(self, *, closed: bool = False) -> None:
        """Clear the search and the filters (``closed``: show the sleeping/closed youths instead)."""
        self.filters.reset()
        if closed:
            self.filters.set_status(CLOSED, True)
        self.search_edit.clear()

    def reload(self, *, today: Any = None) -> None:
        """Read the portfolio again from the database (``today`` pins the date, for tests)."""
        if self._database is None:
            return
        from navdesk.services.youths import portfolio_rows

        with self._database.session() as session:
            rows = portfolio_rows(session, today=today)
        self.load(rows, today=today)
        self.load_huskelapper()
        self.load_facets()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- selection ---------------------------------------------------------------------------------
    def selected_rows(self) -> list[YouthRow]:
        """The selected youths, in the order shown."""
        chosen = self.view.selectionModel().selectedRows(COL_NAME)
        rows = [index.data(OBJECT_ROLE) for index in sorted(chosen, key=lambda i: i.row())]
        return [row for row in rows if row is not None]

    def current_row(self) -> YouthRow | None:
        """The youth of the current row (the one with the keyboard focus), if it is selected."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            selected = self.selected_rows()
            return selected[0] if len(selected) == 1 else None
        row: YouthRow | None = index.siblingAtColumn(COL_NAME).data(OBJECT_ROLE)
        return row

    def select_youths(self, youth_ids: Sequence[Any]) -> int:
        """Select these youths where they are shown; how many are."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        first = None
        for youth_id in youth_ids:
            source = self.model.row_of(youth_id)
            index = self.proxy.mapFromSource(self.model.index(source, COL_NAME)) if source >= 0 else None
            if index is not None and index.isValid():
                selection.select(index, index.siblingAtColumn(self.proxy.columnCount() - 1))
                first = first or index
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)
        if first is not None:
            self.view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(first)
        return len(selection.indexes()) // max(self.proxy.columnCount(), 1)

    def _update_actions(self, *_args: Any) -> None:
        writable = self._actor is not None
        count = len(self.view.selectionModel().selectedRows(COL_NAME))
        one = self.current_row() if count else None
        self.huskelapp_action.setEnabled(writable and one is not None)
        self.contact_action.setEnabled(writable and one is not None and count == 1)
        self.clear_huskelapp_action.setEnabled(
            writable and one is not None and self.model.huskelapp(one.id) is not None
        )
        self.colour_menu.setEnabled(writable and count > 0)
        self.assign_action.setEnabled(writable and count > 0)
        self.enrol_action.setEnabled(writable and count > 0)
        self.enrol_action.setText(
            ngettext("Enrol {n} youth in group …", "Enrol {n} youths in group …", count).format(n=count)
            if count > 1 else _("Enrol in group …")
        )  # fmt: skip
        self.assign_button.setEnabled(writable and count > 0)
        self.assign_button.setText(
            ngettext("Assign {n} youth to counsellor …", "Assign {n} youths to counsellor …", count).format(n=count)
            if count > 1 else _("Assign to counsellor …")
        )  # fmt: skip

    def _show_row_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isRowSelected(index.row()):
            self.view.setCurrentIndex(index)
        elif not index.isValid() and self.view.currentIndex().isValid():  # the menu key
            pos = self.view.visualRect(self.view.currentIndex()).center()
        self._update_actions()
        menu = QMenu(self)
        menu.addAction(self.contact_action)
        menu.addSeparator()
        menu.addAction(self.huskelapp_action)
        menu.addAction(self.clear_huskelapp_action)
        menu.addMenu(self.colour_menu)
        menu.addSeparator()
        menu.addAction(self.assign_action)
        menu.addAction(self.enrol_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- writing -----------------------------------------------------------------------------------
    def _write(self, title: str, work: Callable[[Any], Any]) -> tuple[bool, Any]:
        """Run one use case in its own session and commit; a user error is shown, nothing is saved."""
        from navdesk.errors import UserError

        if self._database is None or self._actor is None:
            return False, None
        try:
            with self._database.session() as session, session.begin():
                result = work(session)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False, None
        except RuntimeError:  # the database is still being opened (fast start)
            QMessageBox.information(
                self, title, _("The database is still being opened. Try again in a moment.")
            )
            return False, None
        return True, result

    def edit_huskelapp(self) -> bool:
        """Write, change or remove the huskelapp of the current youth (a dialog); True if saved."""
        from navdesk.ui.dialogs.huskelapp import HuskelappDialog

        row = self.current_row()
        if row is None or self._actor is None:
            return False
        current = self.model.huskelapp(row.id)
        answer = HuskelappDialog.ask(self, row.name, current, self.model.today())
        if answer is None:
            return False
        if answer.clear:
            return self.clear_huskelapp()
        return self.save_huskelapp(row.id, answer.text, answer.due, answer.colour)

    def log_contact(self, *, now: Any = None) -> bool:
        """Quick contact logging for the current youth: channel, outcome, two lines — in seconds.

        ``now`` pins the time (tests); the contact is taken by NAV. True if saved."""
        from datetime import UTC, datetime

        from navdesk.domain.enums import InitiatedBy
        from navdesk.services.contacts import log_contact
        from navdesk.ui.dialogs.contact import ContactDialog

        row = self.current_row()
        if row is None or self._actor is None or self._database is None:
            return False
        youth_id, database, actor = row.id, self._database, self._actor

        def save(answer: Any) -> None:  # in the dialog: on a refusal it stays open with the note
            from navdesk.errors import UserError

            at = now or datetime.now(UTC).replace(microsecond=0)
            try:
                with database.session() as session, session.begin():
                    log_contact(session, actor, youth_id, at=at, channel=answer.channel,
                                initiated_by=InitiatedBy.NAV, outcome=answer.outcome, note=answer.note)  # fmt: skip
            except RuntimeError as exc:  # the database is still being opened (fast start)
                raise UserError(_("The database is still being opened. Try again in a moment.")) from exc

        if ContactDialog.ask(self, row.name, save=save) is None:
            return False
        self.contact_logged.emit(youth_id)
        return True

    def save_huskelapp(self, youth_id: Any, text: str, due: Any = None, colour: str = "") -> bool:
        from navdesk.services.huskelapp import save_huskelapp

        current = self.model.huskelapp(youth_id)
        version = current.version if current is not None else None
        ok, note = self._write(_("Huskelapp"), lambda s: save_huskelapp(
            s, self._actor, youth_id, text=text, due=due, colour=colour, today=self.model.today(),
            expected_version=version,
        ))  # fmt: skip
        if ok:
            self.model.set_huskelapp(youth_id, note)
            self._after_huskelapp_change([youth_id])
        return ok

    def clear_huskelapp(self) -> bool:
        from navdesk.services.huskelapp import clear_huskelapp

        row = self.current_row()
        if row is None:
            return False
        current = self.model.huskelapp(row.id)
        if current is None:
            return False
        youth_id = row.id
        ok, _done = self._write(_("Huskelapp"), lambda s: clear_huskelapp(
            s, self._actor, youth_id, today=self.model.today(), expected_version=current.version
        ))  # fmt: skip
        if ok:
            self.model.set_huskelapp(youth_id, None)
            self._after_huskelapp_change([youth_id])
        return ok

    def set_colour_of_selected(self, colour: str) -> bool:
        """Give the selected youths this colour category (""  removes it)."""
        from navdesk.services.huskelapp import huskelapper, set_colour

        ids = [row.id for row in self.selected_rows()]
        if not ids:
            return False

        def work(session: Any) -> Any:
            set_colour(session, self._actor, ids, colour, today=self.model.today())
            session.flush()
            return huskelapper(session, self._actor.user_id)

        ok, notes = self._write(_("Category"), work)
        if ok:
            self.model.set_huskelapper(notes)
            self._after_huskelapp_change(ids)
        return ok

    def _after_huskelapp_change(self, youth_ids: list[Any] | None) -> None:
        state = self.filters.state()
        if state.huskelapp or state.colours or self.proxy.sort_column() in (COL_HUSKELAPP, COL_HUSKELAPP_DUE):
            keep = [row.id for row in self.selected_rows()]
            self.proxy.refilter(resort=True)
            self.select_youths(keep)
        else:
            self._update_count()
        self._update_actions()
        if youth_ids:
            self.youths_changed.emit(list(youth_ids))

    def enrol_selected(self, club_id: Any = None) -> int:
        """Enrol the selected youths in a group (chosen in a dialog unless given); how many were enrolled."""
        from datetime import date

        from navdesk.services.clubs import active_clubs
        from navdesk.ui.clubs.dialogs import ChooseClubDialog
        from navdesk.ui.clubs.view import enrol_youths

        rows = self.selected_rows()
        if not rows or self._database is None or self._actor is None:
            return 0
        today = self.model.today() or date.today()
        if club_id is None:
            ok, groups = self._write(_("Enrol in group"), lambda s: active_clubs(s, today))
            if not ok:
                return 0
            if not groups:
                QMessageBox.information(
                    self,
                    _("Enrol in group"),
                    _("There is no group to enrol in. Make one on the Job club screen."),
                )
                return 0
            dialog = ChooseClubDialog(self, groups, [row.name for row in rows])
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            club_id = dialog.club.currentData()
        count = enrol_youths(self, self._database, self._actor, club_id, [row.id for row in rows], start=None,
                             today=today, after=lambda ids: self.enrolled.emit(ids))  # fmt: skip
        return count

    def assign_selected(self) -> bool:
        """Give the selected youths a counsellor (a dialog, then all or nothing); True if done."""
        from datetime import date

        from navdesk.services.assignment import assign_veileder
        from navdesk.services.office import list_users
        from navdesk.ui.dialogs.assign import AssignDialog

        rows = self.selected_rows()
        if not rows or self._database is None or self._actor is None:
            return False
        ok, users = self._write(_("Assign to counsellor"), list_users)
        if not ok:
            return False
        answer = AssignDialog.ask(self, users, [row.name for row in rows])
        if answer is None:
            return False
        ids = [row.id for row in rows]
        today = self.model.today() or date.today()
        ok, changed = self._write(_("Assign to counsellor"), lambda s: assign_veileder(
            s, self._actor, ids, answer.user_id, on=today, handover_note=answer.note
        ))  # fmt: skip
        if not ok:
            return False
        initials = next((u.initials for u in users if u.id == answer.user_id), "")
        chosen = set(ids)
        self.load([replace(r, veileder=initials) if r.id in chosen else r for r in self.model.rows()],
                  today=self.model.today())  # fmt: skip
        self.select_youths(ids)
        self.youths_changed.emit(ids)
        return bool(changed is not None)

    # -- columns -----------------------------------------------------------------------------------
    def column_state(self) -> dict[str, Any]:
        """The columns as the user left them: order, shown or not, widths, and the sort column."""
        header = self.view.horizontalHeader()
        columns = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            hidden = header.isSectionHidden(logical)
            entry: dict[str, Any] = {"key": COLUMN_KEYS[logical], "visible": not hidden}
            if not hidden and logical != COL_NAME:
                entry["width"] = header.sectionSize(logical)
            columns.append(entry)
        column = self.proxy.sort_column()
        return {
            "columns": columns,
            "sort": COLUMN_KEYS[column] if 0 <= column < len(COLUMN_KEYS) else None,
            "descending": self.proxy.sort_order() == Qt.SortOrder.DescendingOrder,
        }

    def apply_column_state(self, state: Any) -> None:
        """Show the columns as in :meth:`column_state` (None or anything malformed: the default columns)."""
        header = self.view.horizontalHeader()
        entries = state.get("columns") if isinstance(state, dict) else None
        order: list[int] = []
        shown: set[int] = set()
        widths = self._default_widths()
        if isinstance(entries, list):
            for entry in entries:
                key = entry.get("key") if isinstance(entry, dict) else None
                if key not in COLUMN_KEYS or COLUMN_KEYS.index(key) in order:
                    continue
                logical = COLUMN_KEYS.index(key)
                order.append(logical)
                if entry.get("visible") is True:
                    shown.add(logical)
                width = entry.get("width")
                if isinstance(width, int) and 20 <= width <= 2000:
                    widths[logical] = width
        if not order:
            order, shown = list(DEFAULT_COLUMNS), set(DEFAULT_COLUMNS)
        order += [c for c in COLUMNS if c not in order]  # columns added since: at the end, hidden
        shown.add(COL_NAME)  # the person before the number: the name is always shown
        for visual, logical in enumerate(order):
            header.moveSection(header.visualIndex(logical), visual)
        for logical in COLUMNS:
            header.setSectionHidden(logical, logical not in shown)
            if logical in widths:
                header.resizeSection(logical, widths[logical])
        sort = state.get("sort") if isinstance(state, dict) else None
        column = COLUMN_KEYS.index(sort) if sort in COLUMN_KEYS else COL_NAME
        descending = isinstance(state, dict) and state.get("descending") is True
        order_ = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order_)
        self.proxy.sort(column, order_)

    def _default_widths(self) -> dict[int, int]:
        """The initial widths, wider when the system's text is larger (a date keeps its room)."""
        scale = max(1.0, (self.view.fontMetrics().horizontalAdvance("00.00.0000") + 30) / 100)
        return {column: round(width * scale) for column, width in _WIDTHS.items()}

    def set_column_visible(self, column: int, visible: bool) -> None:
        if column == COL_NAME:
            return
        header = self.view.horizontalHeader()
        header.setSectionHidden(column, not visible)
        if visible and header.sectionSize(column) < 20:
            header.resizeSection(column, self._default_widths().get(column, 100))

    def _fill_column_menu(self, menu: QMenu) -> None:
        menu.clear()
        header = self.view.horizontalHeader()
        model = self.model
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            title = model.headerData(logical, Qt.Orientation.Horizontal)
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(logical != COL_NAME)
            tip = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            if tip:
                action.setToolTip(tip)
            action.toggled.connect(lambda on, logical=logical: self.set_column_visible(logical, on))
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        menu.addAction(_("Default columns"), lambda: self.apply_column_state(None))

    def _show_column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        self._fill_column_menu(menu)
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    # -- remembered per user -----------------------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        """Columns, sort order, filters and saved filters of the signed-in user on this machine."""
        self._settings = settings
        group = _user_key(self._me)
        self.apply_column_state(self._read(group + "/columns"))
        saved = self._read(group + "/saved_filters")
        self._saved = {}
        if isinstance(saved, list):
            for entry in saved[:SAVED_FILTERS_MAX]:
                if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
                    self._saved[entry["name"]] = {
                        "filters": FilterState.from_json(entry.get("filters")).to_json(),
                        "search": str(entry.get("search") or ""),
                    }
        self.filters.set_saved_names(list(self._saved))
        filters = self._read(group + "/filters")
        if filters is not None:
            self.filters.set_state(FilterState.from_json(filters))
        self._show_matching_saved()

    def save_state(self) -> None:
        """Remember the columns and the filters (the search text is not kept between sessions)."""
        if self._settings is None:
            return
        group = _user_key(self._me)
        self._settings.setValue(group + "/columns", json.dumps(self.column_state()))
        self._settings.setValue(group + "/filters", json.dumps(self.filters.state().to_json()))

    def _read(self, key: str) -> Any:
        if self._settings is None:
            return None
        raw = self._settings.value(key)
        if not isinstance(raw, str):
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _write_saved(self) -> None:
        if self._settings is not None:
            entries = [{"name": name, **value} for name, value in self._saved.items()]
            self._settings.setValue(_user_key(self._me) + "/saved_filters", json.dumps(entries))
            self._settings.sync()

    # -- saved filters -----------------------------------------------------------------------------
    def saved_filter_names(self) -> list[str]:
        return list(self._saved)

    def save_filter(self, name: str) -> bool:
        """Save the current search text and filters under ``name`` (replacing one of that name)."""
        clean = " ".join(name.split())[:NAME_MAX]
        if not clean:
            return False
        if clean not in self._saved and len(self._saved) >= SAVED_FILTERS_MAX:
            QMessageBox.information(
                self,
                _("Saved filters"),
                _("You can keep at most {n} saved filters.").format(n=SAVED_FILTERS_MAX),
            )
            return False
        self._saved[clean] = {
            "filters": self.filters.state().to_json(),
            "search": self.search_edit.text().strip(),
        }
        self._write_saved()
        self.filters.set_saved_names(list(self._saved), clean)
        return True

    def apply_saved_filter(self, name: str) -> bool:
        """Apply a saved filter: its filters and its search text."""
        saved = self._saved.get(name)
        if saved is None:
            return False
        self.filters.set_state(FilterState.from_json(saved["filters"]))
        self.search_edit.setText(saved["search"])
        self._show_matching_saved()
        return True

    def delete_saved_filter(self, name: str) -> bool:
        if self._saved.pop(name, None) is None:
            return False
        self._write_saved()
        self.filters.set_saved_names(list(self._saved))
        self._show_matching_saved()
        return True

    def _ask_save_filter(self) -> None:
        current = self.filters.saved_name() or ""
        name, ok = QInputDialog.getText(
            self, _("Save filter"), _("Name of the filter (the search text and the filters are saved):"),
            QLineEdit.EchoMode.Normal, current,
        )  # fmt: skip
        if not ok or not name.strip():
            return
        clean = " ".join(name.split())[:NAME_MAX]
        if clean in self._saved and clean != current:
            answer = QMessageBox.question(
                self, _("Save filter"), _("Replace the saved filter “{name}”?").format(name=clean)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save_filter(clean)

    def _ask_delete_filter(self, name: str) -> None:
        answer = QMessageBox.question(
            self, _("Saved filters"), _("Delete the saved filter “{name}”?").format(name=name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_saved_filter(name)

    def _show_matching_saved(self) -> None:
        if not self._saved:
            return
        state, search = self.filters.state().to_json(), self.search_edit.text().strip()
        match = next(
            (name for name, s in self._saved.items() if s["filters"] == state and s["search"] == search), None
        )
        self.filters.show_saved(match)

    # -- reactions ---------------------------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)

    def _on_more_filters(self, on: bool) -> None:
        if on:  # after the layout has made room for them
            QTimer.singleShot(0, lambda: self.filter_area.ensureWidgetVisible(self.filters.more_box, 0, 0))

    def _on_filters(self, _state: FilterState) -> None:
        self.proxy.refilter()

    def _on_deadlines(self) -> None:
        self.filters.set_book_known(self.model.has_deadlines())
        keep = [row.id for row in self.selected_rows()]
        self.proxy.refilter(resort=self.proxy.sort_column() == COL_NEXT_DEADLINE)
        if keep:  # e.g. after a huskelapp was written: the youth stays selected
            self.select_youths(keep)

    def _update_count(self) -> None:
        state, search = self.filters.state(), self.proxy.search_set()
        facets = self.model.facets
        self.filters.set_counts(facets.counts(state, search))
        self.filters.set_colour_counts(facets.colour_counts(state, search))
        self.filters.set_veileder_counts(facets.veileder_counts(state, self.filters.veiledere(), search))
        if facets.facets_known:
            self.filters.set_facet_counts(facets.facet_counts(state, search))
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = ngettext("{n} youth", "{n} youths", total).format(n=total)
        else:
            text = ngettext("{shown} of {n} youth", "{shown} of {n} youths", total).format(
                shown=shown, n=total
            )
        self.count_label.setText(text)
        self._show_matching_saved()
        self._update_empty_state(shown, total)

    def _update_empty_state(self, shown: int, total: int) -> None:
        if shown:
            if not self.empty_state.isHidden():
                self.empty_state.hide()
            return
        if total == 0:
            text = _("There are no youths in the portfolio yet.")
        else:
            text = _("No youths match the search/filters.")
        self.empty_state.label.setText(text)
        self.empty_state.clear_button.setVisible(total > 0)
        self.empty_state.setGeometry(self.view.viewport().rect())
        self.empty_state.show()
