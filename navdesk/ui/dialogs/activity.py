"""Dialogs of the aktivitetsplan: one activity (new or edit), the plan itself, a goal, the versions
of the plan side by side, and a template applied from a chosen date.

Each dialog only collects input; the plan tab runs the use case, and the core's Norwegian message
is shown when it refuses (nothing typed is lost: the dialog stays open).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import ActivityType, ApplicationStatus, GoalCategory, Responsible
from navdesk.domain.text import format_date
from navdesk.errors import UserError
from navdesk.i18n import _
from navdesk.services.plan_view import ActivityChoices, ActivityView, Difference, PlanView, RevisionView
from navdesk.ui import theme
from navdesk.ui.dialogs.common import note_edit, pydate, qdate, stack_with_ok_cancel
from navdesk.ui.dialogs.period import enum_combo
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import TextRow, TextTableModel

OWN_GOAL_MAX = 500


def _uuid(combo: QComboBox) -> uuid.UUID | None:
    """Combos hold ids as text (a Python object in Qt's hands can outlive Python at shut-down)."""
    value = combo.currentData()
    return uuid.UUID(value) if value else None


class OptionalDate(QWidget):
    """A date that may be left out: a check box and a date field (dd.mm.åååå)."""

    def __init__(self, label: str, value: date | None, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd.MM.yyyy")
        self.edit.setDate(qdate(value or today))
        self.edit.setAccessibleName(label)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return pydate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


@dataclass(frozen=True)
class ActivityInput:
    values: dict[str, Any]


class ActivityDialog(QDialog):
    """A new activity, or an existing one (``activity``). An agreed activity: only the dates change.

    ``save`` is called with the collected values; when it raises a :class:`UserError` the message is
    shown and the dialog stays open with everything typed.
    """

    def __init__(
        self, choices: ActivityChoices, today: date, *, activity: ActivityView | None = None,
        save: Callable[[dict[str, Any]], object] | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.activity = activity
        self._save = save
        self.setWindowTitle(
            _("New activity") if activity is None else _("Activity: {title}").format(title=activity.title)
        )
        a = activity
        self.type_combo = enum_combo(list(ActivityType), _("Type of activity"), a.type if a else None)
        self.title_edit = QLineEdit(a.title if a else "")
        self.title_edit.setMaxLength(200)
        self.title_edit.setAccessibleName(_("Title"))
        self.title_edit.setPlaceholderText(_("What is to be done, in the youth's words"))
        self.from_edit = OptionalDate(_("From"), a.from_date if a else today, today)
        self.to_edit = OptionalDate(_("To"), a.to_date if a else None, today)
        self.responsible_combo = enum_combo(list(Responsible), _("Responsible"), a.responsible if a else None)
        self.per_week = QSpinBox()
        self.per_week.setRange(0, 100)
        self.per_week.setSpecialValueText(_("not set"))
        self.per_week.setValue(a.applications_per_week or 0 if a else 0)
        self.per_week.setAccessibleName(_("Applications a week"))
        self.application_combo = enum_combo(list(ApplicationStatus), _("Application status"))
        if a and a.application_status:
            self.application_combo.setCurrentIndex(
                self.application_combo.findData(ApplicationStatus(a.application_status))
            )
        self.tiltak_combo = self._options(
            choices.tiltak, _("Measure"), a.tiltak_id if a else None, detail=True
        )
        self.employer_combo = self._options(choices.employers, _("Employer"), a.employer_id if a else None)
        self.club_combo = self._options(choices.clubs, _("Group"), a.club_id if a else None)
        self.notes_edit = note_edit(3)
        self.notes_edit.setPlainText(a.notes if a else "")
        self.notes_edit.setAccessibleName(_("Notes"))
        self.agreed_label = QLabel()
        self.agreed_label.setWordWrap(True)

        self.form = QFormLayout()
        self.form.addRow(_("Type"), self.type_combo)
        self.form.addRow(_("Title"), self.title_edit)
        self.form.addRow(_("Dates"), self.from_edit)
        self.form.addRow("", self.to_edit)
        self.form.addRow(_("Responsible"), self.responsible_combo)
        self.form.addRow(_("Applications a week"), self.per_week)
        self.form.addRow(_("Application status"), self.application_combo)
        self.form.addRow(_("Measure"), self.tiltak_combo)
        self.form.addRow(_("Employer"), self.employer_combo)
        self.form.addRow(_("Group"), self.club_combo)
        self.form.addRow(_("Notes"), self.notes_edit)
        buttons = stack_with_ok_cancel(self, self.agreed_label, self.form)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.try_accept)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        fields: tuple[QWidget, ...] = (
            self.type_combo, self.title_edit, self.responsible_combo, self.per_week, self.application_combo,
            self.tiltak_combo, self.employer_combo, self.club_combo, self.notes_edit,
        )  # fmt: skip
        if a is not None and a.status.finished:  # read only, dates too
            self.agreed_label.setText(_("A completed or cancelled activity cannot be changed."))
            fields += (self.from_edit, self.to_edit)
        elif a is not None and a.agreed:
            self.agreed_label.setText(
                _("Agreed with the youth: only the dates can be changed, and every change is recorded.")
            )
        else:
            self.agreed_label.hide()
            fields = ()
        for widget in fields:
            widget.setEnabled(False)
        self.setMinimumWidth(520)
        self.title_edit.setFocus()

    @staticmethod
    def _options(
        options: tuple[Any, ...], name: str, current: uuid.UUID | None, *, detail: bool = False
    ) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("(none)"), None)
        for o in options:
            combo.addItem(f"{o.label} – {o.detail}" if detail and o.detail else o.label, o.id.hex)
        if current is not None:
            combo.setCurrentIndex(max(combo.findData(current.hex), 0))
        combo.setAccessibleName(name)
        return combo

    def _type_changed(self, *_args: object) -> None:
        kind = ActivityType(self.type_combo.currentData())  # Qt gives a StrEnum back as str
        shown = {
            self.per_week: kind is ActivityType.JOBBSOKING,
            self.application_combo: kind is ActivityType.STILLING,
            self.tiltak_combo: kind is ActivityType.TILTAK,
            self.employer_combo: kind in (ActivityType.ARBEIDSTRENING, ActivityType.STILLING),
            self.club_combo: kind is ActivityType.JOBBKLUBB,
        }
        for widget, visible in shown.items():
            widget.setVisible(visible)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(visible)
        self.adjustSize()

    def values(self) -> dict[str, Any]:
        """The fields that the use case takes; for an agreed activity only the dates."""
        dates = {"from_date": self.from_edit.value(), "to_date": self.to_edit.value()}
        if self.activity is not None and self.activity.agreed:
            return dates
        kind = ActivityType(self.type_combo.currentData())  # Qt gives a StrEnum back as str
        values: dict[str, Any] = {
            "type": kind, "title": self.title_edit.text().strip(), "responsible": self.responsible_combo.currentData(),
            "notes": self.notes_edit.toPlainText().strip(), **dates,
            "applications_per_week": (self.per_week.value() or None) if kind is ActivityType.JOBBSOKING else None,
            "application_status": self.application_combo.currentData() if kind is ActivityType.STILLING else None,
            "tiltak_id": _uuid(self.tiltak_combo) if kind is ActivityType.TILTAK else None,
            "employer_id": _uuid(self.employer_combo)
            if kind in (ActivityType.ARBEIDSTRENING, ActivityType.STILLING) else None,
            "club_id": _uuid(self.club_combo) if kind is ActivityType.JOBBKLUBB else None,
        }  # fmt: skip
        if self.activity is not None:  # an edit sends only what changed
            values = {k: v for k, v in values.items() if getattr(self.activity, k) != v}
        return values

    def try_accept(self) -> None:
        if self._save is not None:
            try:
                self._save(self.values())
            except UserError as exc:
                QMessageBox.warning(self, _("The change was not saved"), str(exc))
                return
        self.accept()


class PlanDialog(QDialog):
    """The plan itself: dream, goal, the youth's own goal (≤ 500 characters), review date, and why."""

    def __init__(self, plan: PlanView, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change the plan") if plan.plan_id else _("Make the plan"))
        self.dream_edit = note_edit(2)
        self.dream_edit.setPlainText(plan.dream)
        self.dream_edit.setAccessibleName(_("The youth's dream"))
        self.category_combo = QComboBox()
        self.category_combo.addItem(_("(not chosen)"), None)
        for member in GoalCategory:
            self.category_combo.addItem(member.label, member)
        if plan.goal_category is not None:
            self.category_combo.setCurrentIndex(self.category_combo.findData(plan.goal_category))
        self.category_combo.setAccessibleName(_("Goal"))
        self.own_goal_edit = note_edit(3)
        self.own_goal_edit.setPlainText(plan.own_goal)
        self.own_goal_edit.setAccessibleName(_("The youth's own goal"))
        self.count_label = QLabel()
        self.own_goal_edit.textChanged.connect(self._count)
        self.review_edit = OptionalDate(_("Review the plan on"), plan.review_date, today)
        self.reason_edit = note_edit(2)
        self.reason_edit.setPlaceholderText(_("Why is the plan changed? (required)"))
        self.reason_edit.setAccessibleName(_("Reason for the change"))
        form = QFormLayout()
        form.addRow(_("Dream"), self.dream_edit)
        form.addRow(_("Goal"), self.category_combo)
        form.addRow(_("Own goal"), self.own_goal_edit)
        form.addRow("", self.count_label)
        form.addRow(_("Review"), self.review_edit)
        form.addRow(_("Reason"), self.reason_edit)
        stack_with_ok_cancel(self, form)
        self._count()
        self.setMinimumWidth(520)

    def _count(self) -> None:
        n = len(self.own_goal_edit.toPlainText())
        self.count_label.setText(_("{n} of {max} characters").format(n=n, max=OWN_GOAL_MAX))
        theme.style(self.count_label, "color: {warn};" if n > OWN_GOAL_MAX else "color: {muted};")

    def values(self) -> dict[str, Any]:
        return {
            "dream": self.dream_edit.toPlainText().strip(),
            "goal_category": GoalCategory(self.category_combo.currentData())
            if self.category_combo.currentData()
            else None,
            "own_goal": self.own_goal_edit.toPlainText().strip(),
            "review_date": self.review_edit.value(),
            "reason": self.reason_edit.toPlainText().strip(),
        }


class GoalDialog(QDialog):
    """A near-term goal: text, an optional date, and why the plan changes."""

    def __init__(
        self, today: date, *, text: str = "", due: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Goal on the way"))
        self.text_edit = QLineEdit(text)
        self.text_edit.setAccessibleName(_("Goal"))
        self.due_edit = OptionalDate(_("By"), due, today)
        self.reason_edit = note_edit(2)
        self.reason_edit.setPlaceholderText(_("Why is the plan changed? (required)"))
        self.reason_edit.setAccessibleName(_("Reason for the change"))
        form = QFormLayout()
        form.addRow(_("Goal"), self.text_edit)
        form.addRow(_("Date"), self.due_edit)
        form.addRow(_("Reason"), self.reason_edit)
        stack_with_ok_cancel(self, form)
        self.setMinimumWidth(460)

    def values(self) -> tuple[str, date | None, str]:
        return self.text_edit.text().strip(), self.due_edit.value(), self.reason_edit.toPlainText().strip()


class RevisionsDialog(QDialog):
    """The versions of the plan (who, when, why); pick two to see what changed between them."""

    def __init__(
        self, revisions: tuple[RevisionView, ...], compare: Callable[[uuid.UUID, uuid.UUID], list[Difference]],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(_("Versions of the plan"))
        self._compare = compare
        self.list = QListWidget()
        self.list.setAccessibleName(_("Versions of the plan"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in revisions:
            when = r.at.astimezone().strftime("%d.%m.%Y %H:%M")
            item = QListWidgetItem(_("Version {n}, {when}, {who}: {reason}").format(n=r.number, when=when, who=r.who or "–",
                                                                                 reason=r.reason))  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, r.id.hex)
            self.list.addItem(item)
        hint = QLabel(_("Choose two versions to see what changed between them."))
        hint.setWordWrap(True)
        self.model = TextTableModel([_("What"), _("Before"), _("After")])
        self.table = read_only_table(self.model, _("Differences"))
        self.table.setWordWrap(True)
        self.result_label = QLabel()
        self.list.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (hint, self.list, self.result_label, self.table, buttons):
            layout.addWidget(part)
        if len(revisions) >= 2:  # the two newest, to start with
            self.list.item(1).setSelected(True)
            self.list.item(0).setSelected(True)
        self.resize(760, 560)

    def _selection_changed(self) -> None:
        items = self.list.selectedItems()
        while len(items) > 2:  # keep the two chosen last
            items[0].setSelected(False)
            items = self.list.selectedItems()
        if len(items) != 2:
            self.model.set_rows([])
            self.result_label.setText("")
            return
        first, second = (uuid.UUID(i.data(Qt.ItemDataRole.UserRole)) for i in items)
        diffs = self._compare(first, second)
        self.model.set_rows([TextRow((d.field, d.before, d.after)) for d in diffs])
        self.result_label.setText(_("No differences.") if not diffs else "")
        self.table.resizeRowsToContents()


class TemplateDialog(QDialog):
    """Choose an office plan template and the start date; shows the activities it will create."""

    def __init__(
        self, templates: list[Any], today: date, parent: QWidget | None = None, *,
        edit: Callable[[], list[Any]] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(_("Use a plan template"))
        self.templates: list[Any] = []
        self._edit = edit
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Template"))
        self.edit_button = QPushButton(_("The office's templates …"))
        self.edit_button.setAccessibleName(_("The office's plan templates"))
        self.edit_button.setVisible(edit is not None)
        self.edit_button.clicked.connect(self.edit_templates)
        self._fill(templates)
        self.start_edit = QDateEdit(qdate(today))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("dd.MM.yyyy")
        self.start_edit.setAccessibleName(_("Start"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("Activities the template creates"))
        form = QFormLayout()
        template_row = QHBoxLayout()
        template_row.addWidget(self.combo, 1)
        template_row.addWidget(self.edit_button)
        form.addRow(_("Template"), template_row)
        form.addRow(_("Start"), self.start_edit)
        form.addRow(_("Creates"), self.preview)
        stack_with_ok_cancel(self, form)
        self.combo.currentIndexChanged.connect(self._show)
        self.start_edit.dateChanged.connect(self._show)
        self._show()
        self.setMinimumWidth(560)

    def _fill(self, templates: list[Any]) -> None:
        self.templates = [t for t in templates if not t.hidden]
        self.combo.blockSignals(True)
        self.combo.clear()
        for t in self.templates:
            self.combo.addItem(t.name, t.id.hex)
        self.combo.blockSignals(False)

    def edit_templates(self) -> None:
        """Open the office's templates; afterwards offer what they are now."""
        if self._edit is not None:
            self._fill(self._edit())
            self._show()

    def chosen(self) -> tuple[uuid.UUID, date] | None:
        if self.combo.currentIndex() < 0:
            return None
        return uuid.UUID(self.combo.currentData()), pydate(self.start_edit.date())

    def _show(self, *_args: object) -> None:
        from datetime import timedelta

        if self.combo.currentIndex() < 0:
            self.preview.setPlainText(_("The office has no plan templates yet."))
            return
        template = self.templates[self.combo.currentIndex()]
        start = pydate(self.start_edit.date())
        lines = []
        for step in template.steps:
            begin = start + timedelta(days=step.offset_days)
            end = begin + timedelta(days=step.duration_days) if step.duration_days is not None else None
            when = f"{format_date(begin)}–{format_date(end)}" if end else format_date(begin)
            lines.append(
                f"{when}  {step.title} ({ActivityType(step.type).label}, {Responsible(step.responsible).label})"
            )
        self.preview.setPlainText("\n".join(lines))


def history_dialog(parent: QWidget | None, title: str, entries: list[Any]) -> QDialog:
    """One activity's history (who changed what, when) in the record's history table."""
    from navdesk.ui.record.history import HistoryTab

    dialog = QDialog(parent)
    dialog.setWindowTitle(_("History: {title}").format(title=title))
    tab = HistoryTab(dialog)
    tab.reads_check.hide()
    tab.info.setText(_("Every change to the activity, and who made it."))
    tab.set_entries(entries)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(tab, 1)
    layout.addWidget(buttons)
    dialog.resize(720, 480)
    return dialog
