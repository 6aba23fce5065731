"""The deadlines tree: groups (Forfalt, I dag, Denne uka, …) with their deadlines as children.

The model holds plain lists (``list[DeadlineGroup]`` of ``Deadline``); ``data()`` never touches the
database and makes display text only for the rows the view asks for. Grouping and filtering happen
before :meth:`DeadlineTreeModel.set_groups` (see :func:`group_deadlines`), over plain Python lists,
which is far cheaper than a proxy model calling ``data()`` per row. A group's children are handed to the
view only when the group is expanded (``canFetchMore``/``fetchMore``), so collapsed groups such as
"Senere" cost nothing until they are opened.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from navdesk.domain.deadlines.engine import Deadline
from navdesk.domain.deadlines.rules import RULES_BY_ID
from navdesk.domain.enums import DeadlineState
from navdesk.domain.text import collation_key, format_date, iso_week
from navdesk.i18n import _, language, ngettext
from navdesk.ui import theme

COL_DUE, COL_STATUS, COL_YOUTH, COL_RULE, COL_DETAIL = range(5)
COLUMNS = (COL_DUE, COL_STATUS, COL_YOUTH, COL_RULE, COL_DETAIL)
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the Deadline (None on a group row)
GROUP_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # the group's key on a group row

OVERDUE, TODAY, THIS_WEEK, NEXT_WEEK, LATER, CLOSED = (
    "overdue",
    "today",
    "this_week",
    "next_week",
    "later",
    "closed",
)
GROUP_ORDER = (OVERDUE, TODAY, THIS_WEEK, NEXT_WEEK, LATER, CLOSED)
_NCOLUMNS = len(COLUMNS)
_OPEN = DeadlineState.OPEN.value
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

_Index = QModelIndex | QPersistentModelIndex
_NO_GROUP = 0xFFFFFFFF  # internalId of a group row (children carry their group's row)


@dataclass
class DeadlineGroup:
    key: str
    title: str
    items: list[Deadline] = field(default_factory=list)


def qt_locale() -> QLocale:
    """The locale of NavDesk's language (weekday names in Norwegian even if the system is English)."""
    lang = language()
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    if lang == "nn":
        return QLocale(QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway)
    return QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)


def weekday_name(day: date, *, short: bool = True) -> str:
    fmt = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return qt_locale().dayName(day.isoweekday(), fmt).rstrip(".")


def group_titles(today: date) -> dict[str, str]:
    next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return {
        OVERDUE: _("Overdue"),
        TODAY: _("Today"),
        THIS_WEEK: _("This week (week {week})").format(week=iso_week(today)),
        NEXT_WEEK: _("Next week (week {week})").format(week=iso_week(next_monday)),
        LATER: _("Later"),
        CLOSED: _("Done, snoozed or not applicable"),
    }


def group_of(deadline: Deadline, today: date) -> str:
    """Which group a deadline belongs in (weeks are ISO weeks, Monday first)."""
    if deadline.state != _OPEN:
        return CLOSED
    if deadline.due < today:
        return OVERDUE
    if deadline.due == today:
        return TODAY
    sunday = today - timedelta(days=today.weekday()) + timedelta(days=6)
    if deadline.due <= sunday:
        return THIS_WEEK
    if deadline.due <= sunday + timedelta(days=7):
        return NEXT_WEEK
    return LATER


def group_deadlines(
    deadlines: Iterable[Deadline], today: date, *, include_closed: bool = False
) -> list[DeadlineGroup]:
    """The non-empty groups in order, each sorted by due date then youth (open deadlines first of all)."""
    titles = group_titles(today)
    buckets: dict[str, list[Deadline]] = {key: [] for key in GROUP_ORDER}
    for d in deadlines:
        key = group_of(d, today)
        if key == CLOSED and not include_closed:
            continue
        buckets[key].append(d)
    names: dict[str | None, Any] = {}

    def name_key(d: Deadline) -> Any:
        key = names.get(d.youth)
        if key is None:
            key = names[d.youth] = collation_key(d.youth or "")
        return key

    out = []
    for key in GROUP_ORDER:
        items = buckets[key]
        if not items:
            continue
        if key == CLOSED:
            items.sort(key=lambda d: (d.due, name_key(d)), reverse=True)
        else:
            items.sort(key=lambda d: (d.due, name_key(d), d.rule))
        out.append(DeadlineGroup(key, titles[key], items))
    return out


def status_text(deadline: Deadline, today: date) -> str:
    """How the deadline stands, in words (never colour alone): "3 dager over fristen", "I dag", …"""
    state = deadline.state
    if state == DeadlineState.DONE.value:
        if deadline.met_on:
            return _("Done {date}").format(date=format_date(deadline.met_on))
        return DeadlineState.DONE.label
    if state == DeadlineState.SNOOZED.value:
        return _("Snoozed until {date}").format(date=format_date(deadline.until))
    if state == DeadlineState.NOT_APPLICABLE.value:
        return DeadlineState.NOT_APPLICABLE.label
    days = (deadline.due - today).days
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    if days == 0:
        return _("Due today")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def rule_name(rule: str) -> str:
    definition = RULES_BY_ID.get(rule)
    return _(definition.name) if definition else rule


def youth_text(deadline: Deadline) -> str:
    return deadline.youth or _("The office (no youth)")


def tooltip_html(deadline: Deadline, today: date) -> str:
    """Why the deadline exists and what meets it (tooltip and details panel)."""
    definition = RULES_BY_ID.get(deadline.rule)
    esc = html.escape
    due = f"{weekday_name(deadline.due, short=False)} {format_date(deadline.due)}"
    lines = [
        f"<b>{esc(rule_name(deadline.rule))}</b> – {esc(youth_text(deadline))}",
        esc(_("Due {date} (week {week}): {status}").format(date=due, week=iso_week(deadline.due),
                                                            status=status_text(deadline, today))),
    ]  # fmt: skip
    if deadline.detail:
        lines.append(esc(deadline.detail))
    if definition is not None:
        why = _("Why:")
        lines.append(f"<b>{esc(why)}</b> {esc(_(definition.explanation))}")
        if definition.source and definition.source != "—":
            source = _("Source: {source}").format(source=definition.source)
            lines.append(f"<i>{esc(source)}</i>")
        meets = _("What meets it:")
        lines.append(f"<b>{esc(meets)}</b> {esc(_(definition.met_by))}")
    if deadline.reason:
        lines.append(f"<b>{esc(_('Reason:'))}</b> {esc(deadline.reason)}")
    return "<br>".join(lines)


def _headers() -> tuple[str, ...]:
    return (_("Due"), _("Status"), _("Youth"), _("Kind of deadline"), _("Details"))


class DeadlineTreeModel(QAbstractItemModel):
    """Groups at the top level, deadlines under them; set them with :meth:`set_groups`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[DeadlineGroup] = []
        self._loaded: list[int] = []  # children handed to the view, per group
        self._today = date.today()
        self._headers = _headers()
        self._rule_names: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_brush = QBrush(theme.qcolor("warn"))

    # -- data in -----------------------------------------------------------------------------------
    def set_groups(self, groups: Sequence[DeadlineGroup], today: date, *, lazy: Iterable[str] = ()) -> None:
        """Show these groups; the children of the groups in ``lazy`` are handed over when expanded."""
        self.beginResetModel()
        self._groups = list(groups)
        self._today = today
        self._rule_names = {}
        later = set(lazy)
        self._loaded = [0 if g.key in later else len(g.items) for g in self._groups]
        self.endResetModel()

    def groups(self) -> list[DeadlineGroup]:
        return self._groups

    def group_index(self, key: str) -> QModelIndex:
        for row, group in enumerate(self._groups):
            if group.key == key:
                return self.index(row, 0)
        return QModelIndex()

    def loaded_counts(self) -> dict[str, int]:
        return {g.key: n for g, n in zip(self._groups, self._loaded, strict=True)}

    def find(self, key: str) -> QModelIndex:
        """The index of the deadline with this key (handing its group's children over if needed)."""
        for row, group in enumerate(self._groups):
            for position, d in enumerate(group.items):
                if d.key == key:
                    self._ensure_loaded(row)
                    return self.index(position, 0, self.index(row, 0))
        return QModelIndex()

    def child_at(self, group_key: str, position: int) -> QModelIndex:
        """The deadline at ``position`` in a group (clamped to the last one); invalid if the group is gone."""
        for row, group in enumerate(self._groups):
            if group.key == group_key and group.items:
                position = max(0, min(position, len(group.items) - 1))
                self._ensure_loaded(row)
                return self.index(position, 0, self.index(row, 0))
        return QModelIndex()

    def _ensure_loaded(self, row: int) -> None:
        have, total = self._loaded[row], len(self._groups[row].items)
        if have < total:
            self.beginInsertRows(self.index(row, 0), have, total - 1)
            self._loaded[row] = total
            self.endInsertRows()

    # -- structure ---------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Called once per row when the view lays out an expanded group: keep it lean.
        if parent.isValid():
            group = parent.row()
            if (
                parent.internalId() == _NO_GROUP and parent.column() == 0 and 0 <= row < self._loaded[group]
                and 0 <= column < _NCOLUMNS
            ):  # fmt: skip
                return self.createIndex(row, column, group)
            return QModelIndex()
        if 0 <= row < len(self._groups) and 0 <= column < _NCOLUMNS:
            return self.createIndex(row, column, _NO_GROUP)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        group = index.internalId()
        if group == _NO_GROUP:
            return QModelIndex()
        return self.createIndex(group, 0, _NO_GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_GROUP and parent.column() == 0:
            return self._loaded[parent.row()]
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._groups)
        if parent.internalId() == _NO_GROUP and parent.column() == 0:
            return bool(self._groups[parent.row()].items)
        return False

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid() and parent.internalId() == _NO_GROUP and parent.column() == 0:
            row = parent.row()
            return self._loaded[row] < len(self._groups[row].items)
        return False

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._ensure_loaded(parent.row())

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    # -- data out ----------------------------------------------------------------------------------
    def deadline(self, index: _Index) -> Deadline | None:
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        return self._groups[index.internalId()].items[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _NO_GROUP:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return f"{group.title} ({len(group.items)})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ForegroundRole and group.key == OVERDUE:
                return self._overdue_brush
            if role == GROUP_ROLE:
                return group.key
            return None
        d = self._groups[index.internalId()].items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_DUE:
                return f"{format_date(d.due)} {weekday_name(d.due)}"
            if column == COL_STATUS:
                return status_text(d, self._today)
            if column == COL_YOUTH:
                return youth_text(d)
            if column == COL_RULE:
                name = self._rule_names.get(d.rule)
                if name is None:
                    name = self._rule_names[d.rule] = rule_name(d.rule)
                return name
            if column == COL_DETAIL:
                return d.detail
            return None
        if role == OBJECT_ROLE:
            return d
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(d, self._today)
        if d.overdue(self._today):
            if role == Qt.ItemDataRole.ForegroundRole and column in (COL_DUE, COL_STATUS):
                return self._overdue_brush
            if role == Qt.ItemDataRole.FontRole and column == COL_STATUS:
                return self._bold
        return None
