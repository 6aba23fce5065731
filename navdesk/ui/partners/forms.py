"""The small dialogs of the Samarbeid screen and the record's cooperation tab.

Each only gathers values: ``ask`` returns a dict of keyword arguments for the use case (or None when
cancelled); the caller runs the use case, so a refusal from the core is shown there and nothing is
saved half-way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from navdesk.domain.enums import ConsentForm
from navdesk.i18n import _
from navdesk.ui.dialogs.common import note_edit, pydate, qdate, stack_with_ok_cancel


class DateField(QWidget):
    """A date, or — when ``optional`` — no date until the box is ticked (valid to, expiry, review)."""

    def __init__(
        self, value: date | None, name: str, *, optional: bool = False, today: date | None = None
    ) -> None:
        super().__init__()
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd.MM.yyyy")
        self.edit.setAccessibleName(name)
        self.edit.setDate(qdate(value or today or date.today()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check: QCheckBox | None = None
        if optional:
            self.check = QCheckBox()
            self.check.setAccessibleName(_("{field}: set a date").format(field=name))
            self.check.setChecked(value is not None)
            self.check.toggled.connect(self.edit.setEnabled)
            self.edit.setEnabled(value is not None)
            layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        if self.check is not None and not self.check.isChecked():
            return None
        return pydate(self.edit.date())

    def set_value(self, value: date | None) -> None:
        if self.check is not None:
            self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(qdate(value))


def _line(text: str, name: str, max_length: int = 200) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    return edit


def select_data(combo: QComboBox, value: Any) -> bool:
    """Choose the item whose data equals ``value`` (``findData`` cannot compare Python objects such as UUIDs)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return True
    return False


def _combo(choices: Sequence[tuple[str, Any]], name: str, current: Any = None) -> QComboBox:
    combo = QComboBox()
    for label, data in choices:
        combo.addItem(label, data)
    if current is not None:
        select_data(combo, current)
    combo.setAccessibleName(name)
    return combo


def _checklist(choices: Sequence[tuple[str, Any]], name: str, checked: Sequence[Any] = ()) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    for label, data in choices:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if data in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    line = widget.fontMetrics().lineSpacing() + 10  # a row grows with the text size
    widget.setMaximumHeight(min(line * max(len(choices), 2) + 8, line * 6 + 8))
    return widget


def checked_data(widget: QListWidget) -> list[Any]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setMinimumWidth(460)

    def finish(self, *extra: QWidget) -> None:
        stack_with_ok_cancel(self, self.form, *extra)


class PartnerDialog(_FormDialog):
    """A partner organisation: name, type, phone, e-mail, address, agreement and its review date, notes."""

    def __init__(self, types: Sequence[tuple[str, uuid.UUID, str]], values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        v = values or {}
        super().__init__(_("Partner organisation") if v else _("New partner organisation"), parent)
        self.name_edit = _line(v.get("name", ""), _("Name"))
        self.type_combo = _combo([(_("(no type)"), None)] + [(label, tid) for _c, tid, label in types], _("Type"),
                                 v.get("type_id"))  # fmt: skip
        self.phone_edit = _line(v.get("phone", ""), _("Phone"), 40)
        self.email_edit = _line(v.get("email", ""), _("E-mail"))
        self.address_edit = _line(v.get("address", ""), _("Address"), 300)
        self.agreement_date = DateField(v.get("agreement_date"), _("Agreement made"), optional=True)
        self.agreement_review = DateField(v.get("agreement_review"), _("Agreement review"), optional=True)
        self.notes_edit = note_edit(3)
        self.notes_edit.setPlainText(v.get("notes", ""))
        self.notes_edit.setAccessibleName(_("Notes"))
        for label, widget in ((_("&Name"), self.name_edit), (_("&Type"), self.type_combo),
                              (_("&Phone"), self.phone_edit), (_("&E-mail"), self.email_edit),
                              (_("&Address"), self.address_edit), (_("Cooperation agreement made"), self.agreement_date),
                              (_("Agreement to be &reviewed"), self.agreement_review), (_("N&otes"), self.notes_edit)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "type_id": self.type_combo.currentData(),
                "phone": self.phone_edit.text(), "email": self.email_edit.text(),
                "address": self.address_edit.text(), "notes": self.notes_edit.toPlainText(),
                "agreement_date": self.agreement_date.value(), "agreement_review": self.agreement_review.value()}  # fmt: skip


class ContactPersonDialog(_FormDialog):
    """A named contact at a partner, with office days and the period they are the contact."""

    def __init__(self, organisation: str, values: dict[str, Any] | None = None, *, today: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        v = values or {}
        super().__init__(_("Contact person at {organisation}").format(organisation=organisation), parent)
        self.name_edit = _line(v.get("name", ""), _("Name"))
        self.role_edit = _line(v.get("role", ""), _("Role"))
        self.phone_edit = _line(v.get("phone", ""), _("Phone"), 40)
        self.email_edit = _line(v.get("email", ""), _("E-mail"))
        self.days_edit = _line(v.get("office_days", ""), _("Office days"), 100)
        self.days_edit.setPlaceholderText(_("e.g. Tuesday and Thursday"))
        self.valid_from = DateField(v.get("valid_from", today if not v else None), _("Contact from"), optional=True,
                                    today=today)  # fmt: skip
        self.valid_to = DateField(v.get("valid_to"), _("Contact until"), optional=True, today=today)
        for label, widget in ((_("&Name"), self.name_edit), (_("&Role"), self.role_edit), (_("&Phone"), self.phone_edit),
                              (_("&E-mail"), self.email_edit), (_("O&ffice days"), self.days_edit),
                              (_("Contact &from"), self.valid_from), (_("Contact &until (left)"), self.valid_to)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "role": self.role_edit.text(), "phone": self.phone_edit.text(),
                "email": self.email_edit.text(), "office_days": self.days_edit.text(),
                "valid_from": self.valid_from.value(), "valid_to": self.valid_to.value()}  # fmt: skip


class InvolvementDialog(_FormDialog):
    """A partner involved around the youth: which organisation, contact person, role, holds the ball."""

    def __init__(self, orgs: Sequence[tuple[str, uuid.UUID, Sequence[tuple[str, uuid.UUID]]]], *, today: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(_("Partner involved"), parent)
        self._orgs = {org_id: people for _n, org_id, people in orgs}
        self.org_combo = _combo([(name, org_id) for name, org_id, _p in orgs], _("Organisation"))
        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName(_("Contact person"))
        self.role_edit = _line("", _("Role"))
        self.role_edit.setPlaceholderText(_("e.g. treatment, school place, housing"))
        self.ball_check = QCheckBox(_("Holds the ball (coordinates the help around the youth)"))
        self.from_date = DateField(today, _("Involved from"), optional=True, today=today)
        self.org_combo.currentIndexChanged.connect(self._fill_people)
        self._fill_people()
        for label, widget in ((_("&Organisation"), self.org_combo), (_("&Contact person"), self.person_combo),
                              (_("&Role"), self.role_edit), ("", self.ball_check), (_("&From"), self.from_date)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def _fill_people(self) -> None:
        self.person_combo.clear()
        self.person_combo.addItem(_("(nobody named)"), None)
        for name, person_id in self._orgs.get(self.org_combo.currentData(), ()):
            self.person_combo.addItem(name, person_id)

    def values(self) -> dict[str, Any]:
        return {"org_id": self.org_combo.currentData(), "contact_person_id": self.person_combo.currentData(),
                "role": self.role_edit.text(), "holds_ball": self.ball_check.isChecked(),
                "from_date": self.from_date.value()}  # fmt: skip


class ConsentDialog(_FormDialog):
    """A consent: partners covered, purpose and scope, form, given, expiry, guardian, the signed copy."""

    def __init__(self, orgs: Sequence[tuple[str, uuid.UUID]], *, today: date, under_18: bool,
                 checked: Sequence[uuid.UUID] = (), parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(_("New consent"), parent)
        self.partners_list = _checklist(orgs, _("Partners covered"), checked)
        self.purpose_edit = _line("", _("Purpose"), 500)
        self.purpose_edit.setPlaceholderText(_("e.g. cooperation on a school place"))
        self.scope_edit = note_edit(2)
        self.scope_edit.setAccessibleName(_("Scope"))
        self.scope_edit.setPlaceholderText(_("What may be shared (and what not)"))
        self.form_combo = _combo([(f.label, f) for f in ConsentForm], _("Form"))
        self.given = DateField(today, _("Given"), today=today)
        self.expires = DateField(None, _("Expires"), optional=True, today=today)
        self.guardian_check = QCheckBox(_("Given by a guardian (the youth is under 18)"))
        self.guardian_check.setChecked(under_18)
        self.guardian_check.setEnabled(under_18)
        self.copy_edit = _line("", _("Signed copy kept at"), 300)
        self.copy_edit.setPlaceholderText(_("e.g. scanned to Gosys, archive cabinet 2"))
        note = QLabel(_("A consent given before the youth turns 18 ends on the 18th birthday: then the youth must "
                        "consent again.") if under_18 else "")  # fmt: skip
        note.setWordWrap(True)
        note.setVisible(under_18)
        for label, widget in ((_("&Partners covered"), self.partners_list), (_("P&urpose"), self.purpose_edit),
                              (_("&Scope"), self.scope_edit), (_("&Form"), self.form_combo), (_("&Given"), self.given),
                              (_("E&xpires"), self.expires), ("", self.guardian_check),
                              (_("Signed &copy kept at"), self.copy_edit)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish(note)

    def values(self) -> dict[str, Any]:
        given = self.given.value()
        assert given is not None
        return {"partner_ids": checked_data(self.partners_list), "purpose": self.purpose_edit.text(),
                "scope": self.scope_edit.toPlainText(), "form": self.form_combo.currentData(), "given_on": given,
                "expires_on": self.expires.value(), "by_guardian": self.guardian_check.isChecked(),
                "signed_copy_location": self.copy_edit.text()}  # fmt: skip


def opening_labels() -> list[tuple[str, str]]:
    return [
        (_("Work training"), "arbeidstrening"),
        (_("Apprenticeship"), "laerling"),
        (_("Summer job"), "sommerjobb"),
    ]


def placement_kinds() -> list[tuple[str, str]]:
    return [(_("Work training"), "arbeidstrening"), (_("Work practice"), "praksis"),
            (_("Apprenticeship"), "laerling"), (_("Summer job"), "sommerjobb")]  # fmt: skip


def preventive_kinds() -> list[tuple[str, str]]:
    return [(_("Talk at a school"), "skolebesok"), (_("Career fair"), "yrkesmesse"),
            (_("Parents' meeting"), "foreldremote"), (_("NAV day at upper secondary school"), "nav_dag_vgs"),
            (_("Other"), "annet")]  # fmt: skip


class EmployerDialog(_FormDialog):
    def __init__(self, values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        v = values or {}
        super().__init__(_("Employer") if v else _("New employer"), parent)
        self.name_edit = _line(v.get("name", ""), _("Name"))
        self.industry_edit = _line(v.get("industry", ""), _("Industry"))
        self.contact_edit = _line(v.get("contact_name", ""), _("Contact person"))
        self.phone_edit = _line(v.get("phone", ""), _("Phone"), 40)
        self.email_edit = _line(v.get("email", ""), _("E-mail"))
        self.openings_list = _checklist(opening_labels(), _("Openings"), v.get("openings", ()))
        self.mentor_check = QCheckBox(_("A mentor is available"))
        self.mentor_check.setChecked(bool(v.get("mentor_available")))
        self.notes_edit = note_edit(3)
        self.notes_edit.setAccessibleName(_("Notes"))
        self.notes_edit.setPlainText(v.get("notes", ""))
        for label, widget in ((_("&Name"), self.name_edit), (_("&Industry"), self.industry_edit),
                              (_("&Contact person"), self.contact_edit), (_("&Phone"), self.phone_edit),
                              (_("&E-mail"), self.email_edit), (_("O&penings"), self.openings_list),
                              ("", self.mentor_check), (_("N&otes"), self.notes_edit)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "industry": self.industry_edit.text(),
                "contact_name": self.contact_edit.text(), "phone": self.phone_edit.text(),
                "email": self.email_edit.text(), "openings": checked_data(self.openings_list),
                "mentor_available": self.mentor_check.isChecked(), "notes": self.notes_edit.toPlainText()}  # fmt: skip


class PlacementDialog(_FormDialog):
    """A youth placed with an employer, linked to a plan activity, with the follow-up interval."""

    def __init__(self, youths: Sequence[tuple[str, uuid.UUID]], activities: Sequence[tuple[str, uuid.UUID, uuid.UUID]],
                 *, employer: str, today: date, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(_("Placement at {employer}").format(employer=employer), parent)
        self._activities = activities
        self.youth_combo = _combo(youths, _("Youth"))
        self.kind_combo = _combo(placement_kinds(), _("Kind"))
        self.activity_combo = QComboBox()
        self.activity_combo.setAccessibleName(_("Plan activity"))
        self.start = DateField(today, _("Start"), today=today)
        self.end = DateField(None, _("End"), optional=True, today=today)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 365)
        self.interval_spin.setValue(14)
        self.interval_spin.setSuffix(" " + _("days"))
        self.interval_spin.setAccessibleName(_("Follow up every"))
        self.youth_combo.currentIndexChanged.connect(self._fill_activities)
        self._fill_activities()
        for label, widget in ((_("&Youth"), self.youth_combo), (_("&Kind"), self.kind_combo),
                              (_("Plan &activity"), self.activity_combo), (_("&Start"), self.start),
                              (_("&End"), self.end), (_("Follow &up every"), self.interval_spin)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def _fill_activities(self) -> None:
        self.activity_combo.clear()
        self.activity_combo.addItem(_("(none)"), None)
        youth = self.youth_combo.currentData()
        for title, youth_id, activity_id in self._activities:
            if youth_id == youth:
                self.activity_combo.addItem(title, activity_id)

    def values(self) -> dict[str, Any]:
        start = self.start.value()
        assert start is not None
        return {"youth_id": self.youth_combo.currentData(), "kind": self.kind_combo.currentData(),
                "activity_id": self.activity_combo.currentData(), "start_date": start, "end_date": self.end.value(),
                "followup_interval_days": self.interval_spin.value()}  # fmt: skip


class PreventiveDialog(_FormDialog):
    def __init__(self, users: Sequence[tuple[str, uuid.UUID]], me: uuid.UUID | None, *, today: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(_("Preventive activity"), parent)
        self.held = DateField(today, _("Date"), today=today)
        self.kind_combo = _combo(preventive_kinds(), _("Kind"))
        self.audience_edit = _line("", _("Audience"))
        self.audience_edit.setPlaceholderText(_("e.g. 10th grade, Vinje ungdomsskule"))
        self.reached_spin = QSpinBox()
        self.reached_spin.setRange(0, 100_000)
        self.reached_spin.setAccessibleName(_("Number reached"))
        self.user_combo = _combo(users, _("Counsellor"), me)
        self.note_edit = note_edit(2)
        self.note_edit.setAccessibleName(_("Note"))
        for label, widget in ((_("&Date"), self.held), (_("&Kind"), self.kind_combo), (_("&Audience"), self.audience_edit),
                              (_("Number &reached"), self.reached_spin), (_("&Counsellor"), self.user_combo),
                              (_("N&ote"), self.note_edit)):  # fmt: skip
            self.form.addRow(label, widget)
        self.finish()

    def values(self) -> dict[str, Any]:
        held = self.held.value()
        assert held is not None
        return {"held_on": held, "kind": self.kind_combo.currentData(), "audience": self.audience_edit.text(),
                "reached": self.reached_spin.value(), "user_id": self.user_combo.currentData(),
                "note": self.note_edit.toPlainText()}  # fmt: skip


def ask(dialog: Any) -> dict[str, Any] | None:
    """Show a dialog of this module; its values, or None when cancelled."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        values: dict[str, Any] = dialog.values()
        return values
    finally:
        dialog.deleteLater()
