"""The portfolio's filter panel: saved filters, status filters with live counts, age, counsellor,
huskelapp and its colour categories, "More filters" (innsatsgruppe, hovedmål, ytelse, school status
and tag, folded away unless one is chosen) and "Show all".

A side column, as in NAV's Oversikten: one tick box per status filter with its count to the right
(how many youths it would show together with every other chosen filter and the search text). The
saved filters ("Mine filter") are kept by the portfolio view; this panel only offers them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import Hovedmal, Innsatsgruppe, SchoolStatus
from navdesk.i18n import _
from navdesk.services.huskelapp import COLOURS
from navdesk.services.portfolio_facets import HOVEDMAL, INNSATSGRUPPE, SCHOOL_STATUS, TAG, YTELSE
from navdesk.ui.models.portfolio_filter import (
    ALL_VEILEDERE,
    BOOK_STATUSES,
    CLOSED,
    DEFAULT_NO_CONTACT_DAYS,
    DUE_THIS_WEEK,
    HUSKELAPP,
    MEETING_TODAY,
    NEW,
    NEW_DAYS,
    NO_CONTACT,
    NOT_IN_ACTIVITY,
    OVERDUE,
    STATUSES,
    UNASSIGNED,
    FilterState,
)
from navdesk.ui.models.sort_keys import text_key
from navdesk.ui.views.categories import category_icon, category_name

COUNT_ROLE = int(Qt.ItemDataRole.UserRole) + 10  # a counsellor's count in the counsellor list


class _CountDelegate(QStyledItemDelegate):
    """Draws each counsellor's number of youths right-aligned in the counsellor list."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT_ROLE)
        if count is None:
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(option.palette.highlightedText().color())
        painter.drawText(
            option.rect.adjusted(0, 0, -8, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(count),
        )  # fmt: skip
        painter.restore()


AGE_PRESETS: tuple[tuple[int | None, int | None], ...] = ((None, 19), (20, 24), (25, 29))
_AGE_OPEN = 15  # the spin boxes' lowest value, shown as "–": no bound


def _labels(days: int) -> dict[str, str]:
    return {
        NEW: _("New users"),
        UNASSIGNED: _("Unassigned"),
        OVERDUE: _("Deadline overdue"),
        DUE_THIS_WEEK: _("Deadline this week"),
        NO_CONTACT: _("No contact for {n} days").format(n=days),
        NOT_IN_ACTIVITY: _("Not in activity"),
        MEETING_TODAY: _("Meeting today"),
        CLOSED: _("Sleeping/closed"),
    }


def _tips() -> dict[str, str]:
    return {
        NEW: _("Registered within the last {n} days.").format(n=NEW_DAYS),
        UNASSIGNED: _("No counsellor is assigned."),
        OVERDUE: _("Has a deadline that is overdue (see Deadlines)."),
        DUE_THIS_WEEK: _("Has an open deadline due between today and Sunday."),
        NO_CONTACT: _("The last contact is older than the number of days below, or there has been none."),
        NOT_IN_ACTIVITY: _("Has no activity with the status “carrying out”: nobody should be left passive."),
        MEETING_TODAY: _("Has a meeting today."),
        CLOSED: _(
            "Youths without an open follow-up period (sleeping or closed). They are hidden unless this is "
            "ticked; when it is ticked, only they are shown."
        ),
    }


_ENUMS = {INNSATSGRUPPE: Innsatsgruppe, HOVEDMAL: Hovedmal, SCHOOL_STATUS: SchoolStatus}


def _facet_labels() -> dict[str, str]:
    return {
        INNSATSGRUPPE: _("Innsatsgruppe"), HOVEDMAL: _("Main goal"), YTELSE: _("Benefit"),
        SCHOOL_STATUS: _("School status"), TAG: _("Tags"),
    }  # fmt: skip


def _facet_tips() -> dict[str, str]:
    return {
        INNSATSGRUPPE: _("From the latest § 14 a decision of the open follow-up period."),
        HOVEDMAL: _("From the latest § 14 a decision of the open follow-up period."),
        YTELSE: _("Benefits running today."),
        SCHOOL_STATUS: _("The latest school status."),
        TAG: _("The youth's tags."),
    }


def _none_labels() -> dict[str, str]:
    return {
        INNSATSGRUPPE: _("None recorded"), HOVEDMAL: _("None recorded"), YTELSE: _("No running benefit"),
        SCHOOL_STATUS: _("None recorded"), TAG: _("No tags"),
    }  # fmt: skip


class PortfolioFilters(QWidget):
    """The filter column; ``changed`` is emitted with the new :class:`FilterState` after every choice.

    The saved-filter controls only ask: ``save_requested``, ``saved_chosen(name)`` and
    ``delete_requested(name)`` are handled by the portfolio view, which keeps the saved filters.
    """

    changed = Signal(object)
    show_all_requested = Signal()
    save_requested = Signal()
    saved_chosen = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = FilterState()
        self._book_known = False
        self._quiet = False
        self._tips = _tips()

        # saved filters ("Mine filter")
        self.saved_combo = QComboBox()
        self.saved_combo.setAccessibleName(_("Saved filters"))
        self.saved_combo.setToolTip(_("Choose one of your saved filters (search text and filters)."))
        self.saved_combo.setMinimumContentsLength(12)
        self.saved_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.saved_combo.activated.connect(self._on_saved_chosen)
        self.save_button = QPushButton(_("Save …"))
        self.save_button.setToolTip(_("Save the search text and the filters under a name."))
        self.save_button.clicked.connect(self.save_requested)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete the chosen saved filter."))
        self.delete_button.clicked.connect(self._on_delete)
        saved_buttons = QHBoxLayout()
        saved_buttons.setSpacing(4)
        saved_buttons.addWidget(self.save_button)
        saved_buttons.addWidget(self.delete_button)
        self.set_saved_names([])

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.checks: dict[str, QCheckBox] = {}
        self.count_labels: dict[str, QLabel] = {}
        labels = _labels(self._state.no_contact_days)
        row = 0
        for key in STATUSES:
            if key == CLOSED:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                grid.addWidget(line, row, 0, 1, 2)
                row += 1
            check = QCheckBox(labels[key])
            check.setToolTip(self._tips[key])
            check.toggled.connect(lambda on, key=key: self._on_status(key, on))
            count = self._count_label()
            grid.addWidget(check, row, 0)
            grid.addWidget(count, row, 1)
            self.checks[key] = check
            self.count_labels[key] = count
            row += 1
            if key == NO_CONTACT:
                self.days_spin = QSpinBox()
                self.days_spin.setRange(1, 999)
                self.days_spin.setValue(DEFAULT_NO_CONTACT_DAYS)
                self.days_spin.setSuffix(_(" days"))
                self.days_spin.setAccessibleName(_("Days without contact"))
                self.days_spin.setToolTip(_("How many days without contact count as too long."))
                days_row = QHBoxLayout()
                days_row.setContentsMargins(24, 0, 0, 0)
                days_row.addWidget(self.days_spin)
                days_row.addStretch(1)
                grid.addLayout(days_row, row, 0, 1, 2)
                self.days_spin.valueChanged.connect(self._on_days)
                row += 1
        grid.setColumnStretch(0, 1)

        # age
        self.age_buttons: list[QToolButton] = []
        presets = QHBoxLayout()
        presets.setSpacing(4)
        for lo, hi in AGE_PRESETS:
            button = QToolButton()
            button.setText(f"≤{hi}" if lo is None else f"{lo}–{hi}")
            button.setCheckable(True)
            button.setToolTip(_("Age {range}").format(range=button.text()))
            button.setAccessibleName(_("Age {range}").format(range=button.text()))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda on, lo=lo, hi=hi: self._on_preset(lo, hi, on))
            presets.addWidget(button)
            self.age_buttons.append(button)
        self.age_from = self._age_spin(_("Age from"))
        self.age_to = self._age_spin(_("Age up to"))
        span = QHBoxLayout()
        span.setSpacing(4)
        span.addWidget(QLabel(_("From")))
        span.addWidget(self.age_from, 1)
        span.addWidget(QLabel(_("to")))
        span.addWidget(self.age_to, 1)

        # counsellor
        self.veileder_combo = QComboBox()
        self.veileder_combo.setAccessibleName(_("Counsellor"))
        self.veileder_combo.setToolTip(
            _("The number beside each counsellor: their youths with the other filters.")
        )
        self.veileder_combo.setItemDelegate(_CountDelegate(self.veileder_combo))
        self.veileder_combo.addItem(_("All"), ALL_VEILEDERE)
        self.veileder_combo.currentIndexChanged.connect(self._on_veileder)
        self._me: str | None = None

        # huskelapp and its colour categories
        self.huskelapp_check = QCheckBox(_("Has a huskelapp"))
        self.huskelapp_check.setToolTip(_("Only youths you have written a huskelapp for."))
        self.huskelapp_check.toggled.connect(self._on_huskelapp)
        self.count_labels[HUSKELAPP] = self._count_label()
        huskelapp_row = QHBoxLayout()
        huskelapp_row.addWidget(self.huskelapp_check, 1)
        huskelapp_row.addWidget(self.count_labels[HUSKELAPP])
        self.colour_buttons: dict[str, QToolButton] = {}
        colour_grid = QGridLayout()
        colour_grid.setSpacing(4)
        for i, colour in enumerate(COLOURS):
            button = QToolButton()
            button.setCheckable(True)
            button.setIcon(category_icon(colour))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(_("Category: {name}").format(name=category_name(colour)))
            button.setAccessibleName(category_name(colour))
            button.toggled.connect(lambda on, colour=colour: self._on_colour(colour, on))
            colour_grid.addWidget(button, i // 3, i % 3)
            self.colour_buttons[colour] = button

        # more filters: the youth facets, one combo each, folded away unless one is chosen
        self.more_button = QToolButton()
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setAutoRaise(True)
        font = self.more_button.font()
        font.setBold(True)
        self.more_button.setFont(font)
        self.more_button.setToolTip(_("Filter by innsatsgruppe, main goal, benefit, school status and tags."))
        self.more_button.toggled.connect(self._on_more)
        self.more_box = QWidget()
        facet_grid = QGridLayout(self.more_box)
        facet_grid.setContentsMargins(0, 0, 0, 0)
        facet_grid.setHorizontalSpacing(6)
        facet_grid.setVerticalSpacing(4)
        facet_grid.setColumnStretch(1, 1)
        self.facet_combos: dict[str, QComboBox] = {}
        self.facet_labels: dict[str, QLabel] = {}
        self._facet_values: dict[str, list[str]] = {}  # the values that occur, as last offered
        self._ytelse_labels: dict[str, str] = {}
        tips = _facet_tips()
        for row_no, (name, text) in enumerate(_facet_labels().items()):
            label = QLabel(text)
            combo = QComboBox()
            combo.setAccessibleName(text)
            combo.setToolTip(tips[name])
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setItemDelegate(_CountDelegate(combo))
            combo.addItem(_("All"), None)
            combo.setEnabled(False)  # until the facts are read
            combo.currentIndexChanged.connect(lambda _i, name=name: self._on_facet(name))
            label.setBuddy(combo)
            facet_grid.addWidget(label, row_no, 0)
            facet_grid.addWidget(combo, row_no, 1)
            self.facet_combos[name] = combo
            self.facet_labels[name] = label
        self.more_box.setVisible(False)
        self._update_more_title()

        self.show_all_button = QPushButton(_("Show all"))
        self.show_all_button.setToolTip(
            _(
                "Clear the search and every filter. Youths without an open follow-up period stay under “Sleeping/closed”."
            )
        )
        self.show_all_button.clicked.connect(self._on_show_all)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(_("Saved filters")))
        layout.addWidget(self.saved_combo)
        layout.addLayout(saved_buttons)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Status")))
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Age")))
        layout.addLayout(presets)
        layout.addLayout(span)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Counsellor")))
        layout.addWidget(self.veileder_combo)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Huskelapp")))
        layout.addLayout(huskelapp_row)
        layout.addLayout(colour_grid)
        layout.addSpacing(4)
        layout.addWidget(self.more_button)
        layout.addWidget(self.more_box)
        layout.addSpacing(12)
        layout.addWidget(self.show_all_button)
        layout.addStretch(1)
        self.set_book_known(False)
        self.set_colour_counts({})

    # -- building ----------------------------------------------------------------------------------
    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _count_label(self) -> QLabel:
        count = QLabel("")
        count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count.setMinimumWidth(self.fontMetrics().horizontalAdvance("00000"))
        return count

    def _age_spin(self, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(_AGE_OPEN, 99)
        spin.setSpecialValueText("–")
        spin.setValue(_AGE_OPEN)
        spin.setAccessibleName(name)
        spin.setToolTip(_("“–”: no limit"))
        spin.valueChanged.connect(self._on_age_spin)
        return spin

    # -- state -------------------------------------------------------------------------------------
    def state(self) -> FilterState:
        return self._state

    def set_state(self, state: FilterState) -> None:
        """Show and apply this state (a saved filter, or the one remembered from last time)."""
        self._quiet = True
        try:
            for key, check in self.checks.items():
                check.setChecked(key in state.statuses)
            self.days_spin.setValue(state.no_contact_days)
            self.age_from.setValue(state.age_from if state.age_from is not None else _AGE_OPEN)
            self.age_to.setValue(state.age_to if state.age_to is not None else _AGE_OPEN)
            for button, preset in zip(self.age_buttons, AGE_PRESETS, strict=True):
                button.setChecked((state.age_from, state.age_to) == preset)
            self._add_veileder(state.veileder)
            self.veileder_combo.setCurrentIndex(max(self.veileder_combo.findData(state.veileder), 0))
            self.huskelapp_check.setChecked(state.huskelapp)
            for colour, button in self.colour_buttons.items():
                button.setChecked(colour in state.colours)
            for name, combo in self.facet_combos.items():
                self._add_facet_value(name, state.facet(name))
                combo.setCurrentIndex(max(combo.findData(state.facet(name)), 0))
        finally:
            self._quiet = False
        self.checks[NO_CONTACT].setText(_labels(state.no_contact_days)[NO_CONTACT])
        self._set(state)
        if state.facets_chosen():
            self.more_button.setChecked(True)

    def set_status(self, key: str, on: bool) -> None:
        self.checks[key].setChecked(on)

    def set_age_range(self, lo: int | None, hi: int | None) -> None:
        self._quiet = True
        try:
            self.age_from.setValue(lo if lo is not None else _AGE_OPEN)
            self.age_to.setValue(hi if hi is not None else _AGE_OPEN)
        finally:
            self._quiet = False
        self._on_age_spin()

    def set_veileder(self, initials: str | None) -> None:
        index = self.veileder_combo.findData(initials)
        self.veileder_combo.setCurrentIndex(max(index, 0))

    def set_veiledere(self, initials: Sequence[str], me: str | None = None) -> None:
        """The counsellors to choose from (``me``: the signed-in user, offered as "Mine").

        A counsellor already chosen stays in the list (with 0 youths) even if nobody has them now.
        """
        current = self._state.veileder
        self._me = me
        self._quiet = True
        try:
            combo = self.veileder_combo
            combo.clear()
            combo.addItem(_("All"), ALL_VEILEDERE)
            if me:
                combo.addItem(_("Mine ({initials})").format(initials=me), me)
            for each in sorted(set(initials) - {"", me}):
                combo.addItem(each, each)
            self._add_veileder(current)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False
        self._set(replace(self._state, veileder=self.veileder_combo.currentData()))

    def _add_veileder(self, initials: str | None) -> None:
        if initials and self.veileder_combo.findData(initials) < 0:
            self.veileder_combo.addItem(initials, initials)

    def veiledere(self) -> list[str | None]:
        """The choices of the counsellor list (None: all)."""
        combo = self.veileder_combo
        return [combo.itemData(i) for i in range(combo.count())]

    def reset(self) -> None:
        """Every filter off (the number of days for "no contact" is kept)."""
        self._quiet = True
        try:
            for check in self.checks.values():
                check.setChecked(False)
            self.age_from.setValue(_AGE_OPEN)
            self.age_to.setValue(_AGE_OPEN)
            self.veileder_combo.setCurrentIndex(0)
            for button in self.age_buttons:
                button.setChecked(False)
            self.huskelapp_check.setChecked(False)
            for button in self.colour_buttons.values():
                button.setChecked(False)
            for combo in self.facet_combos.values():
                combo.setCurrentIndex(0)
        finally:
            self._quiet = False
        self._set(FilterState(no_contact_days=self._state.no_contact_days))

    def set_book_known(self, known: bool) -> None:
        """Enable the deadline filters once the deadline book is computed."""
        self._book_known = known
        for key in BOOK_STATUSES:
            self.checks[key].setEnabled(known)
            self.count_labels[key].setEnabled(known)
            self.checks[key].setToolTip(
                self._tips[key] if known else _("The deadlines are being calculated …")
            )
            if not known:
                self.count_labels[key].setText("…")

    def set_counts(self, counts: dict[str, int]) -> None:
        for key, label in self.count_labels.items():
            if key in BOOK_STATUSES and not self._book_known:
                continue
            label.setText(str(counts.get(key, 0)))

    def set_colour_counts(self, counts: dict[str, int]) -> None:
        for colour, button in self.colour_buttons.items():
            button.setText(str(counts.get(colour, 0)))

    def colour_count(self, colour: str) -> int:
        return int(self.colour_buttons[colour].text() or 0)

    def set_veileder_counts(self, counts: dict[str | None, int]) -> None:
        combo = self.veileder_combo
        for i in range(combo.count()):
            count = counts.get(combo.itemData(i))
            if combo.itemData(i, COUNT_ROLE) != count:
                combo.setItemData(i, count, COUNT_ROLE)

    def veileder_count(self, initials: str | None) -> int | None:
        index = self.veileder_combo.findData(initials)
        return None if index < 0 else self.veileder_combo.itemData(index, COUNT_ROLE)

    def count_of(self, key: str) -> int | None:
        text = self.count_labels[key].text()
        return int(text) if text.isdigit() else None

    # -- more filters: the youth facets ------------------------------------------------------------
    def facet_label(self, name: str, value: str) -> str:
        """How a value of a facet is shown ("": none recorded)."""
        if not value:
            return _none_labels()[name]
        enum = _ENUMS.get(name)
        if enum is not None:
            try:
                return str(enum(value).label)
            except ValueError:
                return value
        if name == YTELSE:
            return self._ytelse_labels.get(value, value)
        return value

    def _ordered(self, name: str, values: Sequence[str]) -> list[str]:
        """The values in the order offered: the enum's or the catalogue's, tags alphabetically; "" last."""
        present = [v for v in values if v]
        enum = _ENUMS.get(name)
        if enum is not None:
            order = {m.value: i for i, m in enumerate(enum)}
        elif name == YTELSE:
            order = {code: i for i, code in enumerate(self._ytelse_labels)}
        else:
            order = {}
        present.sort(key=lambda v: (order.get(v, len(order)), text_key(self.facet_label(name, v))))
        return present + ([""] if "" in values else [])

    def set_facet_values(self, values: dict[str, Sequence[str]], ytelse_labels: dict[str, str]) -> None:
        """The values that occur of each facet ("" if some youth has none), and the ytelse labels.

        A value already chosen stays offered (with 0 youths) even if nobody has it now. A facet with no
        value at all (e.g. no tags in the office) is hidden unless chosen.
        """
        self._ytelse_labels = dict(ytelse_labels)
        self._quiet = True
        try:
            for name, combo in self.facet_combos.items():
                current = self._state.facet(name)
                offered = self._ordered(name, values.get(name, ()))
                self._facet_values[name] = offered
                combo.clear()
                combo.addItem(_("All"), None)
                for value in offered:
                    combo.addItem(self.facet_label(name, value), value)
                self._add_facet_value(name, current)
                combo.setCurrentIndex(max(combo.findData(current), 0))
                combo.setEnabled(True)
                widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                              for i in range(combo.count())), default=0)  # fmt: skip
                combo.view().setMinimumWidth(widest + combo.fontMetrics().horizontalAdvance("00000") + 40)
                shown = any(offered) or current is not None
                combo.setVisible(shown)
                self.facet_labels[name].setVisible(shown)
        finally:
            self._quiet = False

    def _add_facet_value(self, name: str, value: str | None) -> None:
        combo = self.facet_combos[name]
        if value is not None and combo.findData(value) < 0:
            combo.addItem(self.facet_label(name, value), value)

    def set_facet(self, name: str, value: str | None) -> None:
        """Choose a value of a facet (None: any)."""
        combo = self.facet_combos[name]
        self._add_facet_value(name, value)
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def facet_choices(self, name: str) -> list[str | None]:
        """The choices of a facet's list (None: all)."""
        combo = self.facet_combos[name]
        return [combo.itemData(i) for i in range(combo.count())]

    def set_facet_counts(self, counts: dict[str, dict[str | None, int]]) -> None:
        for name, combo in self.facet_combos.items():
            found = counts.get(name, {})
            for i in range(combo.count()):
                count = found.get(combo.itemData(i), 0 if found else None)
                if combo.itemData(i, COUNT_ROLE) != count:
                    combo.setItemData(i, count, COUNT_ROLE)

    def facet_count(self, name: str, value: str | None) -> int | None:
        combo = self.facet_combos[name]
        index = combo.findData(value)
        return None if index < 0 else combo.itemData(index, COUNT_ROLE)

    def _update_more_title(self) -> None:
        chosen = self._state.facets_chosen()
        self.more_button.setText(_("More filters ({n})").format(n=chosen) if chosen else _("More filters"))
        self.more_button.setArrowType(
            Qt.ArrowType.DownArrow if self.more_button.isChecked() else Qt.ArrowType.RightArrow
        )

    def _on_more(self, on: bool) -> None:
        self.more_box.setVisible(on)
        self._update_more_title()

    def _on_facet(self, name: str) -> None:
        combo = self.facet_combos[name]
        combo.setToolTip(_facet_tips()[name] if combo.currentIndex() <= 0 else combo.currentText())
        if self._quiet:
            return
        self._set(replace(self._state, **{name: combo.currentData()}))

    # -- saved filters -----------------------------------------------------------------------------
    def set_saved_names(self, names: Sequence[str], current: str | None = None) -> None:
        """The saved filters to offer; ``current`` is shown as chosen (None: none is)."""
        combo = self.saved_combo
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(_("Choose a saved filter …") if names else _("No saved filters yet"), None)
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        finally:
            combo.blockSignals(False)
        combo.setEnabled(bool(names))
        self.delete_button.setEnabled(current is not None)

    def show_saved(self, name: str | None) -> None:
        """Show which saved filter the current choices are (None: none of them)."""
        combo = self.saved_combo
        index = combo.findData(name) if name is not None else 0
        if combo.currentIndex() != max(index, 0):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.delete_button.setEnabled(name is not None and index > 0)

    def saved_name(self) -> str | None:
        return self.saved_combo.currentData()

    def _on_saved_chosen(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        self.delete_button.setEnabled(name is not None)
        if name is not None:
            self.saved_chosen.emit(name)

    def _on_delete(self) -> None:
        name = self.saved_combo.currentData()
        if name is not None:
            self.delete_requested.emit(name)

    # -- reactions ---------------------------------------------------------------------------------
    def _set(self, state: FilterState) -> None:
        if state != self._state:
            self._state = state
            self._update_more_title()
            self.changed.emit(state)

    def _on_status(self, key: str, on: bool) -> None:
        if not self._quiet:
            self._set(self._state.with_status(key, on))

    def _on_days(self, days: int) -> None:
        self.checks[NO_CONTACT].setText(_labels(days)[NO_CONTACT])
        if not self._quiet:
            self._set(replace(self._state, no_contact_days=days))

    def _on_preset(self, lo: int | None, hi: int | None, on: bool) -> None:
        if on:
            self.set_age_range(lo, hi)
        else:
            self.set_age_range(None, None)

    def _on_age_spin(self, *_args: object) -> None:
        if self._quiet:
            return
        lo = self.age_from.value() if self.age_from.value() != _AGE_OPEN else None
        hi = self.age_to.value() if self.age_to.value() != _AGE_OPEN else None
        for button, preset in zip(self.age_buttons, AGE_PRESETS, strict=True):
            button.setChecked((lo, hi) == preset)
        self._set(replace(self._state, age_from=lo, age_to=hi))

    def _on_veileder(self, _index: int) -> None:
        if not self._quiet:
            self._set(replace(self._state, veileder=self.veileder_combo.currentData()))

    def _on_huskelapp(self, on: bool) -> None:
        if not self._quiet:
            self._set(replace(self._state, huskelapp=on))

    def _on_colour(self, colour: str, on: bool) -> None:
        if not self._quiet:
            self._set(self._state.with_colour(colour, on))

    def _on_show_all(self) -> None:
        self.reset()
        self.show_all_requested.emit()
