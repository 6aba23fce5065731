"""The record's Plan tab: the aktivitetsplan as NAV's veiledere know it.

At the top the plan card (the youth's dream, goal and own goal, near-term goals, review date, the
versions with their reasons, when the printed plan was last recorded). Under it the activities, as
a board with NAV's five columns (drag a card to another column, or Ctrl+→ / Ctrl+← on the keyboard,
or "Flytt til" in its menu) or as a list with filters. Overdue activities stand out in words as well
as colour. A meeting's activity opens the meeting; it changes there, not here.

Every action runs one use case in its own transaction; a refusal shows the core's message.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QPainter, QPen, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import ActivityStatus, ActivityType
from navdesk.domain.text import format_date
from navdesk.errors import UserError
from navdesk.i18n import _
from navdesk.services.plan_view import BOARD_ORDER, ActivityView, PlanView
from navdesk.ui import theme
from navdesk.ui.dialogs.reason import ReasonDialog
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import TextRow, TextTableModel

MIME = "application/x-navdesk-activity"
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 7


def card_html(a: ActivityView) -> str:
    """The card as rich text: the title in bold, the rest muted, an overdue line in red and in words."""
    lines = card_text(a).split("\n")
    esc = html.escape
    parts = [f"<b>{esc(lines[0])}</b>"]
    for line in lines[1:]:
        if a.overdue and line == lines[-1]:
            parts.append(f"<span style='color:{theme.colour('warn')}; font-weight:bold'>{esc(line)}</span>")
        else:
            parts.append(f"<span style='color:{theme.colour('muted')}'>{esc(line)}</span>")
    return "<br>".join(parts)


def _activity_at(index: Any) -> ActivityView | None:
    """The activity of a card: the items hold only its id as text (never a Python object, which Qt
    would release after Python itself has shut down); the column holds the activities."""
    view = index.model().parent() if index.isValid() else None
    if isinstance(view, StatusColumn):
        return view.activities.get(str(index.data(ID_ROLE)))
    return None


class CardDelegate(QStyledItemDelegate):
    """Draws each activity on the board as a card with a border (overdue ones shaded red)."""

    PAD = 6

    def _document(self, option: QStyleOptionViewItem, index: Any, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        activity = _activity_at(index)
        doc.setHtml(card_html(activity) if activity is not None else html.escape(str(index.data() or "")))
        doc.setTextWidth(max(width - 2 * self.PAD, 40))
        return doc

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QListWidget):
            return int(view.viewport().width()) - 6
        return int(option.rect.width())

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        width = self._width(option)
        doc = self._document(option, index, width)
        return QSize(width, int(doc.size().height()) + 2 * self.PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        activity = _activity_at(index)
        rect = option.rect.adjusted(1, 2, -1, -2)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        overdue = activity is not None and activity.overdue
        fill = theme.qcolor("card_selected_bg" if selected else ("error_bg" if overdue else "card_bg"))
        border = theme.qcolor("card_selected_border" if selected else ("warn" if overdue else "card_border"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        doc = self._document(option, index, rect.width())
        painter.translate(rect.left() + self.PAD, rect.top() + self.PAD)
        doc.drawContents(painter)
        painter.restore()


def card_text(a: ActivityView) -> str:
    """The lines of a card on the board: title; type and dates; who and whether agreed; overdue."""
    lines = [a.title, " · ".join(x for x in (a.type.label, a.dates) if x)]
    who = [a.responsible.label]
    if a.agreed:
        who.append(_("agreed"))
    if a.is_meeting:
        who.append(_("opens the meeting"))
    lines.append(" · ".join(who))
    if a.detail:
        lines.append(a.detail)
    if a.overdue and a.to_date is not None:
        lines.append(_("OVERDUE: the end date {date} has passed").format(date=format_date(a.to_date)))
    return "\n".join(lines)


class StatusColumn(QListWidget):
    """One column of the board. A card dropped here asks to move to this column's status."""

    move_requested = Signal(object, object)  # activity id, status

    def __init__(self, status: ActivityStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.activities: dict[str, ActivityView] = {}  # id (hex) → activity, for the cards shown
        self.setAccessibleName(_("Column {status}").format(status=status.label))
        self.setAccessibleDescription(
            _(
                "Ctrl+Right and Ctrl+Left move the chosen activity to the next or previous column; Enter opens it."
            )
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setItemDelegate(CardDelegate(self))
        theme.style(self, "QListWidget {{ background: {board_bg}; }}")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, items: Any) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(MIME, QByteArray(str(items[0].data(ID_ROLE)).encode()))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:
        """Never let Qt move the item itself: ask the use case, then the board is drawn anew."""
        mime = event.mimeData()
        if not mime.hasFormat(MIME):
            event.ignore()
            return
        activity_id = uuid.UUID(bytes(mime.data(MIME).data()).decode())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.move_requested.emit(activity_id, self.status)


class PlanTab(QWidget):
    """``PlanTab(database, actor, youth_id, today)``; emits ``changed`` after a saved change."""

    changed = Signal()
    open_meeting = Signal(object)  # meeting id

    def __init__(
        self, database: Any, actor: Any, youth_id: uuid.UUID, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database, self._actor, self.youth_id, self.today = database, actor, youth_id, today
        self.plan: PlanView | None = None

        # --- the plan card
        self.card = QFrame()
        self.card.setObjectName("planCard")
        theme.style(
            self.card,
            "#planCard {{ background: {panel_bg}; border: 1px solid {panel_border}; border-radius: 4px; }}",
        )
        self.dream_label = self._value_label(_("Dream"))
        self.goal_label = self._value_label(_("Goal"))
        self.own_goal_label = self._value_label(_("The youth's own goal"))
        self.review_label = self._value_label(_("Review date"))
        self.recorded_label = self._value_label(_("Recorded in NAV's system"))
        self.goals_list = QListWidget()
        self.goals_list.setAccessibleName(_("Goals on the way"))
        self.goals_list.setMaximumHeight(
            self.goals_list.fontMetrics().lineSpacing() * 4 + 8
        )  # grows with the text
        self.goals_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.goals_list.customContextMenuRequested.connect(self._goal_menu)
        self.goals_list.itemActivated.connect(lambda _item: self.edit_goal())
        grid = QGridLayout(self.card)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, (label, value) in enumerate(((_("Dream"), self.dream_label), (_("Goal"), self.goal_label),
                                              (_("Own goal"), self.own_goal_label))):  # fmt: skip
            grid.addWidget(self._key_label(label), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
        grid.addWidget(self._key_label(_("Review")), 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.review_label, 0, 3)
        grid.addWidget(self._key_label(_("Recorded")), 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.recorded_label, 1, 3)
        grid.addWidget(self._key_label(_("On the way")), 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.goals_list, 3, 1, 1, 3)

        self.edit_plan_button = QPushButton(_("Change the plan …"))
        self.add_goal_button = QPushButton(_("New goal …"))
        self.versions_button = QPushButton(_("Versions …"))
        self.print_button = QPushButton(_("Print the plan …"))
        self.print_button.setToolTip("Ctrl+P")
        card_buttons = QHBoxLayout()
        for b in (self.edit_plan_button, self.add_goal_button, self.versions_button):
            card_buttons.addWidget(b)
        card_buttons.addStretch(1)
        card_buttons.addWidget(self.print_button)
        grid.addLayout(card_buttons, 4, 0, 1, 4)

        # --- activities: tool row
        self.new_button = QPushButton(_("New activity …"))
        self.new_button.setToolTip("Ctrl+Shift+N")
        self.template_button = QPushButton(_("Use a template …"))
        self.board_button = QPushButton(_("Board"))
        self.list_button = QPushButton(_("List"))
        for b in (self.board_button, self.list_button):
            b.setCheckable(True)
        self.board_button.setChecked(True)
        self.older_check = QCheckBox(_("Show completed and cancelled older than a month"))
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(_("Activities in the plan"))
        tools = QHBoxLayout()
        for w in (self.new_button, self.template_button):
            tools.addWidget(w)
        tools.addSpacing(16)
        tools.addWidget(self.board_button)
        tools.addWidget(self.list_button)
        tools.addSpacing(16)
        tools.addWidget(self.summary_label, 1)
        tools.addWidget(self.older_check)

        # --- the board
        self.columns: dict[ActivityStatus, StatusColumn] = {}
        self.column_titles: dict[ActivityStatus, QLabel] = {}
        board = QWidget()
        board_layout = QHBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        for status in BOARD_ORDER:
            column = StatusColumn(status)
            column.move_requested.connect(self.move_activity)
            column.itemActivated.connect(self._activated)
            column.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            column.customContextMenuRequested.connect(lambda pos, c=column: self._card_menu(c, pos))
            title = QLabel()
            theme.style(title, "font-weight: bold; color: {heading};")
            title.setBuddy(column)
            box = QVBoxLayout()
            box.addWidget(title)
            box.addWidget(column, 1)
            board_layout.addLayout(box, 1)
            self.columns[status] = column
            self.column_titles[status] = title

        # --- the list
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(_("Filter by status"))
        self.status_filter.addItem(_("All statuses"), None)
        for status in BOARD_ORDER:
            self.status_filter.addItem(status.label, status)
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName(_("Filter by type"))
        self.type_filter.addItem(_("All types"), None)
        for kind in ActivityType:
            self.type_filter.addItem(kind.label, kind)
        self.agreed_filter = QCheckBox(_("Only agreed"))
        self.overdue_filter = QCheckBox(_("Only overdue"))
        filters = QHBoxLayout()
        for part in (self.status_filter, self.type_filter, self.agreed_filter, self.overdue_filter):
            filters.addWidget(part)
        filters.addStretch(1)
        self.list_model = TextTableModel(
            [
                _("Activity"),
                _("Type"),
                _("Status"),
                _("From"),
                _("To"),
                _("Responsible"),
                _("Agreed"),
                _("Details"),
            ]
        )
        self.list_view = read_only_table(self.list_model, _("Activities in the plan"))
        for index, width in enumerate((230, 150, 105, 90, 160, 130, 60)):
            self.list_view.setColumnWidth(index, width)
        self.list_view.doubleClicked.connect(
            lambda index: self._open(self.list_model.rows()[index.row()].obj)
        )
        self.list_view.activated.connect(lambda index: self._open(self.list_model.rows()[index.row()].obj))
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.list_view, 1)

        self.views = QStackedWidget()
        self.views.addWidget(board)
        self.views.addWidget(list_page)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card)
        layout.addLayout(tools)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.message_label)

        self.edit_plan_button.clicked.connect(self.edit_plan)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.versions_button.clicked.connect(self.show_versions)
        self.print_button.clicked.connect(self.print_plan)
        self.new_button.clicked.connect(self.new_activity)
        self.template_button.clicked.connect(self.use_template)
        self.board_button.clicked.connect(lambda: self.show_view("board"))
        self.list_button.clicked.connect(lambda: self.show_view("list"))
        self.older_check.toggled.connect(lambda _on: self._fill_board())
        for combo in (self.status_filter, self.type_filter):
            combo.currentIndexChanged.connect(lambda _i: self._fill_list())
        for c in (self.agreed_filter, self.overdue_filter):
            c.toggled.connect(lambda _on: self._fill_list())
        for button in self.findChildren(QAbstractButton):  # screen readers say what the button says
            if not button.accessibleName():
                button.setAccessibleName(button.text().removesuffix(" …"))
        QShortcut(QKeySequence("Ctrl+Right"), self, lambda: self.move_selected(+1))
        QShortcut(QKeySequence("Ctrl+Left"), self, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_activity)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_plan)

    @staticmethod
    def _key_label(text: str) -> QLabel:
        label = QLabel(text)
        theme.style(label, "color: {muted};")
        return label

    @staticmethod
    def _value_label(name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        return label

    # ------------------------------------------------------------------ showing

    def load(self) -> None:
        from navdesk.services.plan_view import read_plan

        with self._database.session() as session:
            self.plan = read_plan(session, self.youth_id, self.today)
        self._show()

    def _show(self) -> None:
        plan = self.plan
        assert plan is not None
        none = _("(not written yet)")
        self.dream_label.setText(plan.dream or none)
        self.goal_label.setText(plan.goal_category.label if plan.goal_category else _("(not chosen)"))
        self.own_goal_label.setText(plan.own_goal or none)
        if plan.review_date is None:
            self.review_label.setText(_("(no date)"))
            self.review_label.setStyleSheet("")
        elif plan.review_overdue:
            self.review_label.setText(_("{date} – overdue").format(date=format_date(plan.review_date)))
            theme.style(self.review_label, "color: {warn}; font-weight: bold;")
        else:
            self.review_label.setText(format_date(plan.review_date))
            self.review_label.setStyleSheet("")
        if plan.recorded:
            day, system = plan.recorded
            self.recorded_label.setText(_("{date} in {system}").format(date=format_date(day), system=system))
        else:
            self.recorded_label.setText(_("Not recorded yet"))
        self.goals_list.clear()
        for goal in plan.goals:
            if goal.achieved_on:
                text = _("✓ {goal} – achieved {date}").format(
                    goal=goal.text, date=format_date(goal.achieved_on)
                )
            elif goal.due_date:
                text = _("{goal} – by {date}").format(goal=goal.text, date=format_date(goal.due_date))
            else:
                text = goal.text
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, goal.id.hex)
            self.goals_list.addItem(item)
        has_period = plan.period_id is not None
        self.edit_plan_button.setText(_("Change the plan …") if plan.plan_id else _("Make the plan …"))
        for b in (self.edit_plan_button, self.new_button, self.template_button):
            b.setEnabled(has_period)
        for b in (self.add_goal_button, self.versions_button):
            b.setEnabled(plan.plan_id is not None)
        if not has_period:
            self.message_label.setText(
                _("The youth has no follow-up period: open one on the Overview tab first.")
            )
        overdue = plan.overdue_count
        text = _("{n} activities").format(n=len(plan.activities))
        if overdue:
            text += " · " + _("{n} overdue").format(n=overdue)
        self.summary_label.setText(text)
        theme.style(self.summary_label, "color: {warn};" if overdue else "")
        self._fill_board()
        self._fill_list()

    def _visible_on_board(self, a: ActivityView) -> bool:
        if self.older_check.isChecked() or not a.status.finished:
            return True
        last = a.to_date or a.started_on or a.from_date
        return last is None or last >= self.today - timedelta(days=31)

    def _fill_board(self) -> None:
        if self.plan is None:
            return
        bold = QFont()
        bold.setBold(True)
        for status, column in self.columns.items():
            column.clear()
            column.activities = {}
            shown = [a for a in self.plan.by_status(status) if self._visible_on_board(a)]
            hidden = len(self.plan.by_status(status)) - len(shown)
            title = f"{status.label} ({len(shown)})"
            if hidden:
                title += " " + _("+{n} older").format(n=hidden)
            self.column_titles[status].setText(title)
            for a in shown:
                item = QListWidgetItem(card_text(a))
                item.setData(ID_ROLE, a.id.hex)
                column.activities[a.id.hex] = a
                item.setToolTip(a.notes or a.title)
                if a.overdue:
                    item.setBackground(QBrush(theme.qcolor("error_bg")))
                    item.setForeground(QBrush(theme.qcolor("warn")))
                if a.is_meeting or a.status.finished:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                column.addItem(item)

    def _fill_list(self) -> None:
        if self.plan is None:
            return
        # Qt gives a StrEnum back as a plain str
        status = (
            ActivityStatus(self.status_filter.currentData()) if self.status_filter.currentData() else None
        )
        kind = ActivityType(self.type_filter.currentData()) if self.type_filter.currentData() else None
        rows = []
        for a in self.plan.activities:
            if status is not None and a.status is not status:
                continue
            if kind is not None and a.type is not kind:
                continue
            if self.agreed_filter.isChecked() and not a.agreed:
                continue
            if self.overdue_filter.isChecked() and not a.overdue:
                continue
            to = format_date(a.to_date) if a.to_date else ""
            if a.overdue:
                to += " " + _("(overdue)")
            rows.append(TextRow(
                (a.title, a.type.label, a.status.label, format_date(a.from_date) if a.from_date else "", to,
                 a.responsible.label, _("Yes") if a.agreed else _("No"), a.detail),
                obj=a, tooltip=a.notes, warn_column=4 if a.overdue else -1,
            ))  # fmt: skip
        self.list_model.set_rows(rows)

    def show_view(self, which: str) -> None:
        board = which == "board"
        self.views.setCurrentIndex(0 if board else 1)
        self.board_button.setChecked(board)
        self.list_button.setChecked(not board)
        self.older_check.setVisible(board)

    # ------------------------------------------------------------------ acting

    def _act(self, work: Callable[[Any], object], done: str) -> bool:
        try:
            with self._database.session() as session, session.begin():
                work(session)
        except UserError as exc:
            QMessageBox.warning(self, _("The change was not saved"), str(exc))
            return False
        self._saved(done)
        return True

    def _saved(self, done: str) -> None:
        """After a saved change: read the plan again, say what was done, tell the record window."""
        self.load()
        self.message_label.setText(done)
        self.changed.emit()

    def _after_dialog(self, dialog: QDialog, done: str) -> bool:
        """Run a dialog that saves through its own callback; on OK, as after any saved change."""
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if ok:
            self._saved(done)
        return ok

    def _find(self, activity_id: uuid.UUID) -> ActivityView | None:
        assert self.plan is not None
        return next((a for a in self.plan.activities if a.id == activity_id), None)

    def selected_activity(self) -> ActivityView | None:
        if self.views.currentIndex() == 1:
            index = self.list_view.currentIndex()
            return self.list_model.rows()[index.row()].obj if index.isValid() else None
        for column in self.columns.values():
            if column.hasFocus() or column is self.focusWidget():
                item = column.currentItem()
                return column.activities.get(str(item.data(ID_ROLE))) if item else None
        for column in self.columns.values():
            item = column.currentItem()
            if item is not None and item.isSelected():
                return column.activities.get(str(item.data(ID_ROLE)))
        return None

    def move_selected(self, step: int) -> bool:
        """Ctrl+→ / Ctrl+←: the selected card to the next or previous column."""
        activity = self.selected_activity()
        if activity is None:
            return False
        index = BOARD_ORDER.index(activity.status) + step
        if not 0 <= index < len(BOARD_ORDER):
            return False
        moved = self.move_activity(activity.id, BOARD_ORDER[index])
        if moved:
            column = self.columns[BOARD_ORDER[index]]
            for row in range(column.count()):
                if column.item(row).data(ID_ROLE) == activity.id.hex:
                    column.setCurrentRow(row)
                    column.setFocus()
        return moved

    def move_activity(self, activity_id: uuid.UUID, status: ActivityStatus) -> bool:
        """Move an activity to ``status``; Avbrutt (and Fullført when agreed) asks why."""
        from navdesk.services import plans

        activity = self._find(activity_id)
        if activity is None or activity.status is status:
            return False
        if activity.is_meeting:
            QMessageBox.information(
                self, _("A meeting"), _("This activity is a meeting: change it in the meeting itself.")
            )
            return False
        reason = ""
        if status is ActivityStatus.AVBRUTT or (status is ActivityStatus.FULLFORT and activity.agreed):
            question = (_("Why is the activity cancelled?") if status is ActivityStatus.AVBRUTT
                        else _("The activity was agreed with the youth. How was it completed?"))  # fmt: skip
            answer = ReasonDialog.ask(self, status.label, question)
            if answer is None:
                return False
            reason = answer
        return self._act(
            lambda s: plans.set_activity_status(s, self._actor, activity.id, activity.version, status, reason=reason,
                                                on=self.today),
            _("«{title}» moved to {status}.").format(title=activity.title, status=status.label),
        )  # fmt: skip

    def _activated(self, item: QListWidgetItem) -> None:
        column = item.listWidget()
        self._open(
            column.activities.get(str(item.data(ID_ROLE))) if isinstance(column, StatusColumn) else None
        )

    def _open(self, activity: ActivityView | None) -> None:
        if activity is None:
            return
        if activity.is_meeting:
            self.open_meeting.emit(activity.meeting_id)
            return
        self.edit_activity(activity)

    def _choices(self) -> Any:
        from navdesk.services.plan_view import activity_choices

        with self._database.session() as session:
            return activity_choices(session)

    def new_activity(self) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import ActivityDialog

        if self.plan is None or self.plan.period_id is None:
            return False

        def save(values: dict[str, Any]) -> None:
            if values.get("type") is ActivityType.JOBBKLUBB and values.get("club_id") is not None:
                self._enrol(values["club_id"])  # one enrolment: the group's roster and the plan agree
                return
            with self._database.session() as session, session.begin():
                plans.add_activity(session, self._actor, self.youth_id, period_id=self.plan.period_id,  # type: ignore[union-attr]
                                   **values)  # fmt: skip

        return self._after_dialog(ActivityDialog(self._choices(), self.today, save=save, parent=self),
                                  _("Activity added."))  # fmt: skip

    def _enrol(self, club_id: uuid.UUID) -> None:
        """A jobbklubb activity with a group is an enrolment in that group (which adds the activity);
        the group's warnings (no group activities, already in it, full) are asked about first."""
        from navdesk.errors import InvalidInput
        from navdesk.services import clubs

        with self._database.session() as session:
            warnings = clubs.enrolment_warnings(session, club_id, [self.youth_id])
        if warnings:
            question = "\n\n".join([*warnings, _("Enrol in the group anyway?")])
            answer = QMessageBox.question(self, _("Enrol in the group"), question)
            if answer != QMessageBox.StandardButton.Yes:
                raise InvalidInput(_("The youth was not enrolled. Choose another group, or cancel."))
        with self._database.session() as session, session.begin():
            clubs.enrol(
                session, self._actor, club_id, self.youth_id, enrolled_on=self.today, today=self.today
            )

    def edit_activity(self, activity: ActivityView) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import ActivityDialog

        def save(values: dict[str, Any]) -> None:
            if values:
                with self._database.session() as session, session.begin():
                    plans.edit_activity(session, self._actor, activity.id, activity.version, **values)

        dialog = ActivityDialog(self._choices(), self.today, activity=activity, save=save, parent=self)
        return self._after_dialog(dialog, _("Activity saved."))

    def agree(self, activity: ActivityView) -> bool:
        from navdesk.services import plans

        return self._act(lambda s: plans.agree_activity(s, self._actor, activity.id, activity.version),
                         _("«{title}» is agreed with the youth.").format(title=activity.title))  # fmt: skip

    def delete(self, activity: ActivityView) -> bool:
        from navdesk.services import plans

        answer = QMessageBox.question(self, _("Delete the proposal"),
                                      _("Delete the proposal «{title}»?").format(title=activity.title))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._act(lambda s: plans.delete_activity(s, self._actor, activity.id, activity.version),
                         _("Proposal deleted."))  # fmt: skip

    def show_history(self, activity: ActivityView) -> None:
        from navdesk.services.plan_view import activity_history
        from navdesk.ui.dialogs.activity import history_dialog

        with self._database.session() as session:
            entries = activity_history(session, activity.id)
        dialog = history_dialog(self, activity.title, entries)
        dialog.exec()
        dialog.deleteLater()

    def _card_menu(self, column: StatusColumn, pos: Any) -> None:
        item = column.itemAt(pos)
        if item is None:
            return
        activity = column.activities.get(str(item.data(ID_ROLE)))
        if activity is None:
            return
        menu = self.card_menu(activity)
        menu.exec(column.viewport().mapToGlobal(pos))

    def card_menu(self, activity: ActivityView) -> QMenu:
        menu = QMenu(self)
        menu.addAction(_("Open …"), lambda: self._open(activity))
        if not activity.is_meeting and not activity.status.finished:
            move = menu.addMenu(_("Move to"))
            for status in BOARD_ORDER:
                if status is not activity.status:
                    move.addAction(status.label, partial(self.move_activity, activity.id, status))
            if not activity.agreed:
                menu.addAction(_("Agreed with the youth"), lambda: self.agree(activity))
            if not activity.agreed and activity.status is ActivityStatus.FORSLAG:
                menu.addAction(_("Delete the proposal …"), lambda: self.delete(activity))
        menu.addAction(_("History …"), lambda: self.show_history(activity))
        return menu

    # ------------------------------------------------------------------ the plan and its goals

    def _until_saved(self, dialog: Any, work: Callable[..., object], done: str) -> bool:
        """Show ``dialog`` until its values are saved (a refusal keeps it open with what was typed)."""
        try:
            while dialog.exec() == QDialog.DialogCode.Accepted:
                if self._act(partial(work, values=dialog.values()), done):
                    return True
            return False
        finally:
            dialog.deleteLater()

    def edit_plan(self) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import PlanDialog

        plan = self.plan
        if plan is None or plan.period_id is None:
            return False
        period_id = plan.period_id

        def work(session: Any, values: dict[str, Any]) -> None:
            plans.save_plan(session, self._actor, period_id, reason=values["reason"],
                            expected_version=plan.plan_version, dream=values["dream"],
                            goal_category=values["goal_category"], own_goal=values["own_goal"],
                            review_date=values["review_date"])  # fmt: skip

        return self._until_saved(PlanDialog(plan, self.today, self), work, _("The plan is saved."))

    def add_goal(self) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import GoalDialog

        plan_id = self.plan.plan_id if self.plan else None
        if plan_id is None:
            return False

        def work(session: Any, values: tuple[str, date | None, str]) -> None:
            text, due, reason = values
            plans.add_goal(session, self._actor, plan_id, text, due, reason=reason)

        return self._until_saved(GoalDialog(self.today, parent=self), work, _("Goal added."))

    def _selected_goal(self) -> Any:
        item = self.goals_list.currentItem()
        if item is None or self.plan is None:
            return None
        return next((g for g in self.plan.goals if g.id.hex == item.data(ID_ROLE)), None)

    def edit_goal(self) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import GoalDialog

        goal = self._selected_goal()
        if goal is None:
            return False

        def work(session: Any, values: tuple[str, date | None, str]) -> None:
            text, due, reason = values
            plans.update_goal(
                session, self._actor, goal.id, goal.version, reason=reason, text=text, due_date=due
            )

        dialog = GoalDialog(self.today, text=goal.text, due=goal.due_date, parent=self)
        return self._until_saved(dialog, work, _("Goal saved."))

    def goal_achieved(self, achieved: bool = True) -> bool:
        from navdesk.services import plans

        goal = self._selected_goal()
        if goal is None:
            return False
        reason = ReasonDialog.ask(self, _("Goal achieved") if achieved else _("Goal not achieved"),
                                  _("What happened? (stored with the plan's version)"))  # fmt: skip
        if reason is None:
            return False
        return self._act(lambda s: plans.update_goal(s, self._actor, goal.id, goal.version, reason=reason,
                                                     achieved_on=self.today if achieved else None),
                         _("Goal saved."))  # fmt: skip

    def remove_goal(self) -> bool:
        from navdesk.services import plans

        goal = self._selected_goal()
        if goal is None:
            return False
        reason = ReasonDialog.ask(self, _("Remove the goal"), _("Why is the goal removed from the plan?"))
        if reason is None:
            return False
        return self._act(
            lambda s: plans.remove_goal(s, self._actor, goal.id, reason=reason), _("Goal removed.")
        )

    def _goal_menu(self, pos: Any) -> None:
        goal = self._selected_goal()
        if goal is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Change …"), self.edit_goal)
        if goal.achieved_on:
            menu.addAction(_("Not achieved after all …"), lambda: self.goal_achieved(False))
        else:
            menu.addAction(_("Achieved …"), self.goal_achieved)
        menu.addAction(_("Remove …"), self.remove_goal)
        menu.exec(self.goals_list.viewport().mapToGlobal(pos))

    def show_versions(self) -> None:
        from navdesk.services.plan_view import compare_revisions
        from navdesk.ui.dialogs.activity import RevisionsDialog

        if self.plan is None:
            return

        def compare(a: uuid.UUID, b: uuid.UUID) -> Any:
            with self._database.session() as session:
                return compare_revisions(session, a, b)

        dialog = RevisionsDialog(self.plan.revisions, compare, self)
        dialog.exec()
        dialog.deleteLater()

    def use_template(self) -> bool:
        from navdesk.services import plans
        from navdesk.ui.dialogs.activity import TemplateDialog

        def templates() -> list[Any]:
            with self._database.session() as session:
                return plans.list_templates(session)

        def edit() -> list[Any]:
            from navdesk.ui.dialogs.plan_templates import TemplatesDialog

            editor = TemplatesDialog(self._database, self._actor, self)
            editor.exec()
            editor.deleteLater()
            return templates()

        dialog = TemplateDialog(templates(), self.today, self, edit=edit)
        ok = dialog.exec() == TemplateDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not ok or chosen is None:
            return False
        template_id, start = chosen
        return self._act(lambda s: plans.apply_template(s, self._actor, self.youth_id, template_id, start),
                         _("The template's activities are added to the plan."))  # fmt: skip

    def print_plan(self) -> Any:
        from navdesk.ui.printing.plan_dialog import PlanPrintDialog

        if self.plan is None:
            return None
        dialog = PlanPrintDialog(self._database, self._actor, self.youth_id, today=self.today, parent=self)
        dialog.recorded_changed.connect(self.load)
        dialog.show()
        return dialog
