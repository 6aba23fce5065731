"""The portfolio's filter panel: status filters with live counts, age, counsellor, and "Show all".

A side column, as in NAV's Oversikten: one tick box per status filter with its count to the right
(how many youths it would show together with every other chosen filter and the search text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _
from navdesk.ui.models.portfolio_filter import (
    ALL_VEILEDERE,
    BOOK_STATUSES,
    CLOSED,
    DEFAULT_NO_CONTACT_DAYS,
    DUE_THIS_WEEK,
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


class PortfolioFilters(QWidget):
    """The filter column; ``changed`` is emitted with the new :class:`FilterState` after every choice."""

    changed = Signal(object)
    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = FilterState()
        self._book_known = False
        self._quiet = False
        self._tips = _tips()

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
            count = QLabel("")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(self.fontMetrics().horizontalAdvance("00000"))
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
        self.veileder_combo.addItem(_("All"), ALL_VEILEDERE)
        self.veileder_combo.currentIndexChanged.connect(self._on_veileder)
        self._me: str | None = None

        self.show_all_button = QPushButton(_("Show all"))
        self.show_all_button.setToolTip(
            _(
                "Clear the search and every filter. Youths without an open follow-up period stay under “Sleeping/closed”."
            )
        )
        self.show_all_button.clicked.connect(self._on_show_all)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(_("Status")))
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Age")))
        layout.addLayout(presets)
        layout.addLayout(span)
        layout.addSpacing(8)
        layout.addWidget(self._heading(_("Counsellor")))
        layout.addWidget(self.veileder_combo)
        layout.addSpacing(12)
        layout.addWidget(self.show_all_button)
        layout.addStretch(1)
        self.set_book_known(False)

    # -- building ----------------------------------------------------------------------------------
    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

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
        """The counsellors to choose from (``me``: the signed-in user, offered as "Mine")."""
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
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False
        self._set(replace(self._state, veileder=self.veileder_combo.currentData()))

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

    def count_of(self, key: str) -> int | None:
        text = self.count_labels[key].text()
        return int(text) if text.isdigit() else None

    # -- reactions ---------------------------------------------------------------------------------
    def _set(self, state: FilterState) -> None:
        if state != self._state:
            self._state = state
            self.changed.emit(state)

    def _on_status(self, key: str, on: bool) -> None:
        if not self._quiet:
            self._set(self._state.with_status(key, on))

    def _on_days(self, days: int) -> None:
        self.checks[NO_CONTACT].setText(_labels(days)[NO_CONTACT])
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

    def _on_show_all(self) -> None:
        self.reset()
        self.show_all_requested.emit()
