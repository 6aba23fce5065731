"""Follow-up period dialogs: start or edit a period, close it with an outcome, a § 14 a decision, a
benefit, a school status, and a change of counsellor with a handover note.

Each dialog only gathers values (``ask`` returns them, or None if cancelled); the record window runs
the use case, so a refusal from the core is shown there and nothing is saved half-way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from navdesk.domain.enums import (
    ContactRoute,
    Hovedmal,
    Innsatsgruppe,
    Intensity,
    SchoolStatus,
    SituationAtRegistration,
    TriState,
)
from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.services.record import AssignmentInfo, Choice, PeriodInfo
from navdesk.ui import theme
from navdesk.ui.dialogs.common import note_edit, pydate, qdate, stack_with_ok_cancel
from navdesk.ui.record.overview import assignment_span

HANDOVER_MAX = 2000


def date_edit(
    value: date, name: str, *, latest: date | None = None, earliest: date | None = None
) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    if earliest is not None:
        edit.setMinimumDate(qdate(earliest))
    if latest is not None:
        edit.setMaximumDate(qdate(latest))
    edit.setDate(qdate(value))
    edit.setAccessibleName(name)
    return edit


def enum_combo(members: Sequence[Any], name: str, current: Any = None) -> QComboBox:
    combo = QComboBox()
    for member in members:
        combo.addItem(member.label, member)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.setAccessibleName(name)
    return combo


def _intensity_label(intensity: Intensity, days: dict[str, int]) -> str:
    n = days.get(intensity.value)
    if not n:
        return intensity.label
    return _("{intensity} – contact at least every {n} days").format(intensity=intensity.label, n=n)


def _ok_button(dialog: QDialog) -> Any:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


# --------------------------------------------------------------------------- start / edit a period


@dataclass(frozen=True)
class PeriodInput:
    registration_date: date
    situation: SituationAtRegistration
    contact_route: ContactRoute
    intensity: Intensity
    reason: str
    aktivitetsplikt: bool

    def changes_from(self, period: PeriodInfo) -> dict[str, Any]:
        """Only what differs from the period as it was opened (a clean audit trail)."""
        now = {"registration_date": self.registration_date, "situation": self.situation,
               "contact_route": self.contact_route, "intensity": self.intensity, "reason": self.reason,
               "aktivitetsplikt": self.aktivitetsplikt}  # fmt: skip
        return {k: v for k, v in now.items() if getattr(period, k) != v}


class PeriodDialog(QDialog):
    """Start a follow-up period (``period`` None) or edit the open one."""

    def __init__(
        self,
        today: date,
        period: PeriodInfo | None,
        intensity_days: dict[str, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit follow-up period") if period else _("Start follow-up period"))
        intro = QLabel(_("The registration date starts the 8-week deadline (forsterket ungdomsinnsats)."))
        intro.setWordWrap(True)
        self.registration_edit = date_edit(
            period.registration_date if period else today, _("Registration date"), latest=today,
            earliest=date(2000, 1, 1),
        )  # fmt: skip
        self.situation_combo = enum_combo(
            list(SituationAtRegistration),
            _("Situation at registration"),
            period.situation if period else None,
        )
        self.route_combo = enum_combo(
            list(ContactRoute), _("Contact route"), period.contact_route if period else None
        )
        self.intensity_combo = QComboBox()
        self.intensity_combo.setAccessibleName(_("Follow-up intensity"))
        for intensity in Intensity:
            self.intensity_combo.addItem(_intensity_label(intensity, intensity_days), intensity)
        current = period.intensity if period else Intensity.NORMAL
        self.intensity_combo.setCurrentIndex(self.intensity_combo.findData(current))
        self.reason_edit = QLineEdit(period.reason if period else "")
        self.reason_edit.setAccessibleName(_("Reason for contact"))
        self.plikt_check = QCheckBox(_("Duty to take part in activity (aktivitetsplikt)"))
        self.plikt_check.setChecked(bool(period and period.aktivitetsplikt))
        self.plikt_check.setAccessibleName(_("Duty to take part in activity"))
        form = QFormLayout()
        form.addRow(_("Registration date:"), self.registration_edit)
        form.addRow(_("Situation at registration:"), self.situation_combo)
        form.addRow(_("Contact route:"), self.route_combo)
        form.addRow(_("Follow-up intensity:"), self.intensity_combo)
        form.addRow(_("Reason for contact:"), self.reason_edit)
        form.addRow("", self.plikt_check)
        stack_with_ok_cancel(self, intro, form)
        self.setMinimumWidth(480)

    def value(self) -> PeriodInput:
        return PeriodInput(
            pydate(self.registration_edit.date()),
            SituationAtRegistration(self.situation_combo.currentData()),
            ContactRoute(self.route_combo.currentData()),
            Intensity(self.intensity_combo.currentData()),
            self.reason_edit.text().strip(),
            self.plikt_check.isChecked(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, period: PeriodInfo | None, intensity_days: dict[str, int]
    ) -> PeriodInput | None:
        dialog = cls(today, period, intensity_days, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# --------------------------------------------------------------------------- close


@dataclass(frozen=True)
class CloseInput:
    closed_on: date
    outcome_id: uuid.UUID
    note: str


class ClosePeriodDialog(QDialog):
    """Close the open period: the date, the outcome (office catalogue) and the reason, all required."""

    def __init__(
        self, today: date, period: PeriodInfo, outcomes: Sequence[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close follow-up period"))
        intro = QLabel(
            _("Close the period registered {date}. The youth leaves the active portfolio; you can reopen in one click.").format(
                date=format_date(period.registration_date)
            )
        )  # fmt: skip
        intro.setWordWrap(True)
        self.closed_edit = date_edit(today, _("Closed on"), latest=today, earliest=period.registration_date)
        self.outcome_combo = QComboBox()
        self.outcome_combo.setAccessibleName(_("Outcome"))
        self.outcome_combo.addItem(_("Choose the outcome …"), None)
        for choice in outcomes:
            self.outcome_combo.addItem(choice.label, choice.id)
        self.reason_edit = note_edit(3)
        self.reason_edit.setAccessibleName(_("Reason for closing"))
        self.reason_edit.setPlaceholderText(_("Why is the period closed? (required)"))
        self.missing_label = QLabel()
        theme.style(self.missing_label, "color: {muted};")
        form = QFormLayout()
        form.addRow(_("Closed on:"), self.closed_edit)
        form.addRow(_("Outcome:"), self.outcome_combo)
        form.addRow(_("Reason:"), self.reason_edit)
        stack_with_ok_cancel(self, intro, form, self.missing_label)
        self.ok_button = _ok_button(self)
        self.outcome_combo.currentIndexChanged.connect(self._check)
        self.reason_edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(480)

    def _check(self) -> None:
        missing = []
        if self.outcome_combo.currentData() is None:
            missing.append(_("the outcome"))
        if not self.reason_edit.toPlainText().strip():
            missing.append(_("the reason"))
        self.ok_button.setEnabled(not missing)
        self.missing_label.setText(
            _("Still needed: {what}.").format(what=", ".join(missing)) if missing else ""
        )

    def value(self) -> CloseInput:
        return CloseInput(
            pydate(self.closed_edit.date()),
            self.outcome_combo.currentData(),
            self.reason_edit.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, period: PeriodInfo, outcomes: Sequence[Choice]
    ) -> CloseInput | None:
        dialog = cls(today, period, outcomes, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# --------------------------------------------------------------------------- § 14 a, benefit, school status


class InnsatsDialog(QDialog):
    """A § 14 a decision: date, innsatsgruppe and hovedmål (kept as history)."""

    def __init__(self, today: date, earliest: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("§ 14 a decision"))
        intro = QLabel(_("Record the decision as made in NAV's own systems; earlier decisions are kept."))
        intro.setWordWrap(True)
        self.decided_edit = date_edit(today, _("Decided on"), latest=today, earliest=earliest)
        self.group_combo = enum_combo(
            list(Innsatsgruppe), _("Innsatsgruppe"), Innsatsgruppe.SITUASJONSBESTEMT
        )
        self.goal_combo = QComboBox()
        self.goal_combo.setAccessibleName(_("Main goal"))
        self.goal_combo.addItem(_("Not set"), None)
        for goal in Hovedmal:
            self.goal_combo.addItem(goal.label, goal)
        self.goal_combo.setCurrentIndex(self.goal_combo.findData(Hovedmal.SKAFFE_ARBEID))
        form = QFormLayout()
        form.addRow(_("Decided on:"), self.decided_edit)
        form.addRow(_("Innsatsgruppe:"), self.group_combo)
        form.addRow(_("Main goal:"), self.goal_combo)
        stack_with_ok_cancel(self, intro, form)
        self.setMinimumWidth(440)

    def value(self) -> tuple[date, Innsatsgruppe, Hovedmal | None]:
        return (
            pydate(self.decided_edit.date()),
            Innsatsgruppe(self.group_combo.currentData()),
            self.goal_combo.currentData(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, earliest: date
    ) -> tuple[date, Innsatsgruppe, Hovedmal | None] | None:
        dialog = cls(today, earliest, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class BenefitDialog(QDialog):
    """A benefit period (ytelse) with a start and, if known, an end."""

    def __init__(self, today: date, ytelser: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add benefit"))
        self.ytelse_combo = QComboBox()
        self.ytelse_combo.setAccessibleName(_("Benefit"))
        for choice in ytelser:
            self.ytelse_combo.addItem(choice.label, choice.id)
        self.start_edit = date_edit(today, _("Start"), earliest=date(2000, 1, 1))
        self.has_end_check = QCheckBox(_("Has an end date"))
        self.has_end_check.setAccessibleName(_("Has an end date"))
        self.end_edit = date_edit(today, _("End"), earliest=date(2000, 1, 1))
        self.end_edit.setEnabled(False)
        self.has_end_check.toggled.connect(self.end_edit.setEnabled)
        self.error_label = QLabel()
        theme.style(self.error_label, "color: {warn};")
        form = QFormLayout()
        form.addRow(_("Benefit:"), self.ytelse_combo)
        form.addRow(_("Start:"), self.start_edit)
        form.addRow("", self.has_end_check)
        form.addRow(_("End:"), self.end_edit)
        stack_with_ok_cancel(self, form, self.error_label)
        self.ok_button = _ok_button(self)
        for signal in (self.start_edit.dateChanged, self.end_edit.dateChanged, self.has_end_check.toggled):
            signal.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    def _check(self) -> None:
        bad = self.has_end_check.isChecked() and self.end_edit.date() < self.start_edit.date()
        self.error_label.setText(_("The end date is before the start date.") if bad else "")
        self.ok_button.setEnabled(not bad and self.ytelse_combo.count() > 0)

    def value(self) -> tuple[uuid.UUID, date, date | None]:
        end = pydate(self.end_edit.date()) if self.has_end_check.isChecked() else None
        return self.ytelse_combo.currentData(), pydate(self.start_edit.date()), end

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, ytelser: Sequence[Choice]
    ) -> tuple[uuid.UUID, date, date | None] | None:
        dialog = cls(today, ytelser, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SchoolStatusDialog(QDialog):
    """A new school status (the earlier ones are kept as history), with ungdomsrett."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New school status"))
        self.status_combo = enum_combo(list(SchoolStatus), _("School status"))
        self.from_edit = date_edit(today, _("From"), latest=today, earliest=date(2000, 1, 1))
        self.right_combo = enum_combo(list(TriState), _("Right to upper secondary"), TriState.UKJENT)
        self.school_edit = QLineEdit()
        self.school_edit.setMaxLength(200)
        self.school_edit.setAccessibleName(_("School"))
        form = QFormLayout()
        form.addRow(_("School status:"), self.status_combo)
        form.addRow(_("From:"), self.from_edit)
        form.addRow(_("Right to upper secondary (ungdomsrett):"), self.right_combo)
        form.addRow(_("School:"), self.school_edit)
        stack_with_ok_cancel(self, form)
        self.setMinimumWidth(460)

    def value(self) -> tuple[SchoolStatus, date, TriState, str]:
        return (SchoolStatus(self.status_combo.currentData()), pydate(self.from_edit.date()),
                TriState(self.right_combo.currentData()), self.school_edit.text().strip())  # fmt: skip

    @classmethod
    def ask(cls, parent: QWidget | None, today: date) -> tuple[SchoolStatus, date, TriState, str] | None:
        dialog = cls(today, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# --------------------------------------------------------------------------- change of counsellor


class VeilederDialog(QDialog):
    """Change of counsellor with a handover note, and who has had the youth before."""

    def __init__(
        self, today: date, current: uuid.UUID | None, users: Sequence[Any], history: Sequence[AssignmentInfo],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(_("Change counsellor"))
        self._current = current
        intro = QLabel(
            _("The new counsellor takes over from the date below. Write what they need to know, so the youth "
              "does not have to explain everything again.")
        )  # fmt: skip
        intro.setWordWrap(True)
        self.veileder_combo = QComboBox()
        self.veileder_combo.setAccessibleName(_("New counsellor"))
        for user in users:
            if user.active:
                self.veileder_combo.addItem(f"{user.initials} – {user.name}", user.id)
        self.veileder_combo.addItem(_("None (unassigned)"), None)
        others = [i for i in range(self.veileder_combo.count()) if self.veileder_combo.itemData(i) != current]
        self.veileder_combo.setCurrentIndex(others[0] if others else 0)
        self.on_edit = date_edit(today, _("From"), latest=today, earliest=date(2000, 1, 1))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setAccessibleName(_("Handover note"))
        self.note_edit.setPlaceholderText(
            _("Where things stand, what has been agreed, what to watch out for …")
        )
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 16)
        self.count_label = QLabel()
        theme.style(self.count_label, "color: {muted};")
        lines = [f"{assignment_span(a.from_date, a.to_date)}: {a.initials} – {a.name}" for a in history]
        self.history_label = QLabel("\n".join(lines) if lines else _("No changes of counsellor recorded."))
        self.history_label.setWordWrap(True)
        theme.style(self.history_label, "color: {muted};")
        form = QFormLayout()
        form.addRow(_("New counsellor:"), self.veileder_combo)
        form.addRow(_("From:"), self.on_edit)
        form.addRow(_("Handover note:"), self.note_edit)
        form.addRow("", self.count_label)
        form.addRow(_("Earlier counsellors:"), self.history_label)
        stack_with_ok_cancel(self, intro, form)
        self.ok_button = _ok_button(self)
        self.veileder_combo.currentIndexChanged.connect(self._check)
        self.note_edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(520)

    def _check(self) -> None:
        n = len(self.note_edit.toPlainText())
        too_long = n > HANDOVER_MAX
        self.count_label.setText(_("{n} of at most {max} characters").format(n=n, max=HANDOVER_MAX))
        theme.style(self.count_label, "color: {warn};" if too_long else "color: {muted};")
        same = self.veileder_combo.currentData() == self._current
        self.ok_button.setEnabled(not too_long and not same)
        self.ok_button.setToolTip(_("Choose another counsellor than the present one.") if same else "")

    def value(self) -> tuple[uuid.UUID | None, date, str]:
        return (
            self.veileder_combo.currentData(),
            pydate(self.on_edit.date()),
            self.note_edit.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, current: uuid.UUID | None, users: Sequence[Any],
        history: Sequence[AssignmentInfo],
    ) -> tuple[uuid.UUID | None, date, str] | None:  # fmt: skip
        dialog = cls(today, current, users, history, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
