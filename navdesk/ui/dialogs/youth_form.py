"""The youth form: create a youth (and open the first follow-up period) or edit one, with inline checks.

Every check runs as the user types and its message stands next to the field, in Norwegian. Save stays
disabled while anything is wrong; a line by the buttons says what is still needed. Saving runs one
transaction: everything is saved or nothing is. If someone else saved the record after it was opened
here, the save is refused with an explanation and the form keeps what the user wrote.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import (
    Adressesperre,
    Barrier,
    ContactChannel,
    ContactRoute,
    Intensity,
    Malform,
    SituationAtRegistration,
)
from navdesk.domain.person import parse_fodselsnummer
from navdesk.domain.text import age_on, format_date
from navdesk.errors import InvalidInput, StaleEdit, UserError
from navdesk.i18n import _
from navdesk.services.record import YouthRecord, check_email, parse_day, parse_phone
from navdesk.ui import theme
from navdesk.ui.dialogs.common import note_edit

ERROR_STYLE = "color: {warn};"
INFO_STYLE = "color: {muted};"


def _same_phone(before: str, after: str) -> bool:
    """The same number, only grouped differently ("41234567" and "412 34 567")."""
    try:
        return parse_phone(before) == after if before else not after
    except InvalidInput:
        return before == after


class Message(QLabel):
    """A word-wrapped message under a field that asks its layout for the height its lines need
    (a plain wrapped QLabel in a form in a scroll area gets squeezed to one line)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.text() and self.width() > 0:
            return QSize(hint.width(), max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(super().sizeHint())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.minimumSizeHint().height() > self.height():
            self.updateGeometry()


def _line(name: str, max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _text(name: str, lines: int = 2) -> QPlainTextEdit:
    edit = note_edit(lines)
    edit.setAccessibleName(name)
    return edit


def _combo(name: str, items: list[tuple[str, Any]], current: Any = None) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, data in items:
        combo.addItem(label, data)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class YouthForm(QDialog):
    """``YouthForm(database, actor, record=None)``: a new youth, or an edit of ``record`` at its version.

    After a successful save ``saved_id`` is the youth's id and the dialog is accepted.
    """

    def __init__(
        self, database: Any, actor: Any, record: YouthRecord | None = None, *, today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._record = record
        self._version = record.version if record else None
        self.today = today or date.today()
        self.saved_id: uuid.UUID | None = None
        self._touched: set[str] = set()
        self._fnr_birth: date | None = None
        self._stale = False
        from navdesk.services.office import list_users
        from navdesk.services.record import office_stores_fodselsnummer

        with database.session() as session:
            self.store_fnr = office_stores_fodselsnummer(session)
            self._users = [u for u in list_users(session) if u.active]
        self.setWindowTitle(_("Edit {name}").format(name=record.name) if record else _("New youth"))
        self._build()
        if record is not None:
            self._fill(record.values)
        self._wire()
        self.validate()

    def _initial_size(self) -> None:
        """1040×760, wider when larger text needs it and the screen has room (else it scrolls)."""
        needed = self._inner.minimumSizeHint().width() + 60
        screen = self.screen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().width() - 40)
        self.resize(max(1040, needed), 760)

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.messages: dict[str, QLabel] = {}
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("formBanner")
        theme.style(
            self.banner,
            "#formBanner {{ background: {error_bg}; border: 1px solid {warn}; color: {warn}; padding: 8px;"
            " border-radius: 3px; }}",
        )
        self.banner.setVisible(False)
        self.banner.setAccessibleName(_("Why the youth was not saved"))

        # Person
        self.first_name_edit = _line(_("First name"), 100)
        self.last_name_edit = _line(_("Last name"), 100)
        self.preferred_name_edit = _line(_("Preferred name"), 100, _("What the youth wants to be called"))
        self.fnr_edit = _line(_("Fødselsnummer or D-nummer"), 13, _("11 digits (optional)"))
        self.birth_edit = _line(_("Birth date"), 10, _("dd.mm.åååå"))
        self.malform_combo = _combo(_("Written standard"), [(m.label, m) for m in Malform])
        person = self._group(_("Person"), [
            (_("First name *"), self.first_name_edit, "first_name"),
            (_("Last name *"), self.last_name_edit, "last_name"),
            (_("Preferred name"), self.preferred_name_edit, None),
            (_("Fødselsnummer / D-nummer"), self.fnr_edit, "fnr"),
            (_("Birth date *"), self.birth_edit, "birth_date"),
            (_("Written standard (for print)"), self.malform_combo, None),
        ])  # fmt: skip

        # Contact
        self.phone_edit = _line(_("Phone"), 20, _("for example 412 34 567"))
        self.email_edit = _line(_("E-mail"), 200)
        self.channel_combo = _combo(
            _("Preferred channel"), [(_("Not chosen"), None)] + [(c.label, c) for c in ContactChannel]
        )
        self.cannot_phone_check = QCheckBox(_("Cannot be phoned"))
        self.cannot_phone_check.setAccessibleName(_("Cannot be phoned"))
        contact = self._group(_("Contact"), [
            (_("Phone"), self.phone_edit, "phone"),
            (_("E-mail"), self.email_edit, "email"),
            (_("Preferred channel"), self.channel_combo, "channel"),
            ("", self.cannot_phone_check, None),
        ])  # fmt: skip

        # Address
        self.address_edit = _line(_("Address"), 300)
        self.postal_edit = _line(_("Postal code"), 4, _("4 digits"))
        self.municipality_edit = _line(_("Municipality"), 100)
        self.sperre_combo = _combo(
            _("Address protection"),
            [(_("No address protection") if a is Adressesperre.INGEN else a.label, a) for a in Adressesperre],
        )
        address = self._group(_("Address"), [
            (_("Address protection"), self.sperre_combo, "sperre"),
            (_("Address"), self.address_edit, None),
            (_("Postal code"), self.postal_edit, "postal_code"),
            (_("Municipality"), self.municipality_edit, None),
        ])  # fmt: skip

        # Home
        self.household_edit = _line(_("Household"), 500, _("Who the youth lives with"))
        self.children_spin = QSpinBox()
        self.children_spin.setRange(0, 15)
        self.children_spin.setAccessibleName(_("Own children"))
        home = self._group(_("Home and family"), [
            (_("Household"), self.household_edit, None),
            (_("Own children"), self.children_spin, None),
        ])  # fmt: skip

        # Work, barriers, strengths
        self.job_wishes_edit = _text(_("Job wishes"))
        self.job_wishes_edit.setPlaceholderText(_("For example: kindergarten, shop, warehouse"))
        self.work_experience_edit = _text(_("Work experience"))
        self.barrier_checks: dict[Barrier, QCheckBox] = {}
        checks = QWidget()
        grid = QGridLayout(checks)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, barrier in enumerate(Barrier):
            check = QCheckBox(barrier.label)
            check.setAccessibleName(_("Barrier: {barrier}").format(barrier=barrier.label))
            self.barrier_checks[barrier] = check
            grid.addWidget(check, i // 3, i % 3)
        self.barrier_notes_edit = _line(_("About the barriers"), 1000)
        self.strengths_edit = _text(_("Strengths"))
        self.dreams_edit = _text(_("Dreams"))
        self.no_group_check = QCheckBox(_("Does not want group activities (offer individual follow-up)"))
        self.no_group_check.setAccessibleName(_("Does not want group activities"))
        work = self._group(_("Job wishes and barriers"), [
            (_("Job wishes"), self.job_wishes_edit, None),
            (_("Work experience"), self.work_experience_edit, None),
            (_("Practical barriers"), checks, None),
            (_("About the barriers"), self.barrier_notes_edit, None),
        ])  # fmt: skip
        strengths = self._group(_("Strengths and dreams"), [
            (_("Strengths"), self.strengths_edit, None),
            (_("Dreams"), self.dreams_edit, None),
            ("", self.no_group_check, None),
        ])  # fmt: skip

        left = QVBoxLayout()
        right = QVBoxLayout()
        for box in (person, contact, address):
            left.addWidget(box)
        for box in (home, work, strengths):
            right.addWidget(box)
        # Health and rus: a restricted note (issue 9), on an existing youth, for the youth's veileder and leder
        self.health_edit: QPlainTextEdit | None = None
        self.health_restricted: QLabel | None = None
        if self._record is not None:
            from navdesk.services.access import restricted_text

            if getattr(self._record, "restricted", True):
                self.health_restricted = QLabel(restricted_text())
                self.health_restricted.setWordWrap(True)
                theme.style(self.health_restricted, "color: {caution}; font-style: italic;")
                health_widget: QWidget = self.health_restricted
            else:
                self.health_edit = _text(_("Health and rus (restricted)"), 3)
                self.health_edit.setPlaceholderText(
                    _("Only what is needed for the follow-up. Never in printouts unless chosen.")
                )
                health_widget = self.health_edit
            health = self._group(_("Health and rus (restricted)"), [("", health_widget, None)])
            health.setObjectName("healthBox")
            theme.style(health, "#healthBox {{ border: 2px solid {warn}; border-radius: 4px; margin-top: 1.2em; }}"
                                " #healthBox::title {{ color: {warn}; subcontrol-origin: margin; left: 8px; }}")  # fmt: skip
            right.addWidget(health)
        self.registration_edit: QLineEdit | None = None
        if self._record is None:
            self.registration_edit = _line(_("Registration date"), 10, _("dd.mm.åååå"))
            self.registration_edit.setText(format_date(self.today))
            self.situation_combo = _combo(
                _("Situation at registration"), [(s.label, s) for s in SituationAtRegistration]
            )
            self.route_combo = _combo(_("Contact route"), [(r.label, r) for r in ContactRoute])
            self.intensity_combo = _combo(
                _("Follow-up intensity"), [(i.label, i) for i in Intensity], Intensity.NORMAL
            )
            me = getattr(self._actor, "user_id", None)
            self.veileder_combo = _combo(
                _("Counsellor"),
                [(f"{u.initials} – {u.name}", u.id) for u in self._users] + [(_("None (unassigned)"), None)],
                me,
            )
            period = self._group(_("First follow-up period"), [
                (_("Registration date *"), self.registration_edit, "registration"),
                (_("Situation at registration"), self.situation_combo, None),
                (_("Contact route"), self.route_combo, None),
                (_("Follow-up intensity"), self.intensity_combo, None),
                (_("Counsellor"), self.veileder_combo, None),
            ])  # fmt: skip
            right.addWidget(period)
        left.addStretch(1)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # With large text the form may be wider than the screen: it scrolls sideways, it is not cut.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._inner = inner

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        theme.style(self.status_label, INFO_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        self.ok_button.setAccessibleName(_("Save the youth"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(_("Close without saving"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._initial_size()
        self._set_tab_order()

    def _group(self, title: str, rows: list[tuple[str, QWidget, str | None]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, widget, key in rows:
            if key is None:
                form.addRow(caption, widget)
                continue
            message = Message()
            theme.style(message, ERROR_STYLE)
            message.setVisible(False)
            message.setObjectName("message_" + key)
            self.messages[key] = message
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(widget)
            cell_layout.addWidget(message)
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, cell)
        return box

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [
            self.first_name_edit, self.last_name_edit, self.preferred_name_edit, self.fnr_edit, self.birth_edit,
            self.malform_combo, self.phone_edit, self.email_edit, self.channel_combo, self.cannot_phone_check,
            self.sperre_combo, self.address_edit, self.postal_edit, self.municipality_edit,
        ]  # fmt: skip
        if self.registration_edit is not None:
            order += [self.registration_edit, self.situation_combo, self.route_combo, self.intensity_combo,
                      self.veileder_combo]  # fmt: skip
        order += [self.household_edit, self.children_spin, self.job_wishes_edit, self.work_experience_edit,
                  *self.barrier_checks.values(), self.barrier_notes_edit, self.strengths_edit, self.dreams_edit,
                  self.no_group_check, self.ok_button, self.cancel_button]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order = order

    def _fill(self, v: dict[str, Any]) -> None:
        self.first_name_edit.setText(v.get("first_name") or "")
        self.last_name_edit.setText(v.get("last_name") or "")
        self.preferred_name_edit.setText(v.get("preferred_name") or "")
        self.fnr_edit.setText(v.get("fodselsnummer") or "")
        born = v.get("birth_date")
        self.birth_edit.setText(format_date(born) if isinstance(born, date) else "")
        self.malform_combo.setCurrentIndex(
            max(self.malform_combo.findData(Malform(v.get("malform") or "nb")), 0)
        )
        self.phone_edit.setText(v.get("phone") or "")
        self.email_edit.setText(v.get("email") or "")
        channel = v.get("preferred_channel")
        self.channel_combo.setCurrentIndex(
            max(self.channel_combo.findData(ContactChannel(channel)), 0) if channel else 0
        )
        self.cannot_phone_check.setChecked(bool(v.get("cannot_phone")))
        self.sperre_combo.setCurrentIndex(
            max(self.sperre_combo.findData(Adressesperre(v.get("adressesperre") or "ingen")), 0)
        )
        self.address_edit.setText(v.get("address") or "")
        self.postal_edit.setText(v.get("postal_code") or "")
        self.municipality_edit.setText(v.get("municipality") or "")
        self.household_edit.setText(v.get("household") or "")
        self.children_spin.setValue(int(v.get("own_children") or 0))
        self.job_wishes_edit.setPlainText(v.get("job_wishes") or "")
        self.work_experience_edit.setPlainText(v.get("work_experience") or "")
        chosen = set(v.get("barriers") or [])
        for barrier, box in self.barrier_checks.items():
            box.setChecked(barrier.value in chosen)
        self.barrier_notes_edit.setText(v.get("barrier_notes") or "")
        self.strengths_edit.setPlainText(v.get("strengths") or "")
        self.dreams_edit.setPlainText(v.get("dreams") or "")
        self.no_group_check.setChecked(bool(v.get("no_group_activities")))
        if self.health_edit is not None:
            self.health_edit.setPlainText(v.get("health_note") or "")

    def _wire(self) -> None:
        def touch(key: str) -> Callable[..., None]:
            def run(*_args: Any) -> None:
                self._touched.add(key)
                self.validate()

            return run

        self.first_name_edit.textChanged.connect(touch("first_name"))
        self.last_name_edit.textChanged.connect(touch("last_name"))
        self.fnr_edit.textChanged.connect(touch("fnr"))
        self.birth_edit.textChanged.connect(touch("birth_date"))
        self.phone_edit.textChanged.connect(touch("phone"))
        self.email_edit.textChanged.connect(touch("email"))
        self.postal_edit.textChanged.connect(touch("postal_code"))
        self.channel_combo.currentIndexChanged.connect(touch("channel"))
        self.cannot_phone_check.toggled.connect(touch("channel"))
        self.sperre_combo.currentIndexChanged.connect(touch("sperre"))
        if self.registration_edit is not None:
            self.registration_edit.textChanged.connect(touch("registration"))

    # -- checking ----------------------------------------------------------------------------------
    def errors(self) -> dict[str, str]:
        """What is wrong now, per field (also untouched fields: they keep Save disabled)."""
        out: dict[str, str] = {}
        if not self.first_name_edit.text().strip():
            out["first_name"] = _("Write the first name.")
        if not self.last_name_edit.text().strip():
            out["last_name"] = _("Write the last name.")
        self._fnr_birth = None
        fnr = "".join(self.fnr_edit.text().split())
        if fnr:
            if not fnr.isdigit():
                out["fnr"] = _("Only digits, please.")
            elif len(fnr) < 11:
                out["fnr"] = _("A fødselsnummer has 11 digits; {n} written so far.").format(n=len(fnr))
            else:
                try:
                    _number, self._fnr_birth = parse_fodselsnummer(fnr)
                except InvalidInput as exc:
                    out["fnr"] = str(exc)
                else:
                    if self.store_fnr and self._fnr_taken(fnr):
                        out["fnr"] = _("Another youth already has this fødselsnummer.")
        if self._fnr_birth is None:
            text = self.birth_edit.text().strip()
            if not text:
                out["birth_date"] = _("Write the birth date, or a fødselsnummer.")
            else:
                try:
                    parse_day(text, today=self.today)
                except InvalidInput as exc:
                    out["birth_date"] = str(exc)
        phone = self.phone_edit.text().strip()
        if phone:
            try:
                parse_phone(phone)
            except InvalidInput as exc:
                out["phone"] = str(exc)
        email = self.email_edit.text().strip()
        if email:
            try:
                check_email(email)
            except InvalidInput as exc:
                out["email"] = str(exc)
        if self.cannot_phone_check.isChecked() and self.channel_combo.currentData() == ContactChannel.TELEFON:
            out["channel"] = _("The youth cannot be phoned: choose another channel, such as text message.")
        postal = self.postal_edit.text().strip()
        if postal and (not postal.isdigit() or len(postal) != 4):
            out["postal_code"] = _("A postal code has 4 digits.")
        if self.registration_edit is not None:
            text = self.registration_edit.text().strip()
            if not text:
                out["registration"] = _("Write the registration date; it starts the 8-week deadline.")
            else:
                try:
                    parse_day(text, today=self.today)
                except InvalidInput as exc:
                    out["registration"] = str(exc)
        return out

    def _fnr_taken(self, number: str) -> bool:
        from navdesk.services.record import fodselsnummer_in_use

        with self._database.session() as session:
            return fodselsnummer_in_use(session, number, except_id=self._record.id if self._record else None)

    def validate(self) -> bool:
        """Show the messages next to the fields the user has touched; enable Save only when all is well."""
        errors = self.errors()
        for key, label in self.messages.items():
            text = errors.get(key, "") if key in self._touched else ""
            theme.style(label, ERROR_STYLE)
            label.setText(text)
            label.setVisible(bool(text))
        self._show_fnr_info(errors)
        self._show_sperre_info()
        self._show_age_info(errors)
        for key, widget in (("first_name", self.first_name_edit), ("last_name", self.last_name_edit),
                            ("fnr", self.fnr_edit), ("birth_date", self.birth_edit), ("phone", self.phone_edit),
                            ("email", self.email_edit), ("postal_code", self.postal_edit)):  # fmt: skip
            widget.setAccessibleDescription(errors.get(key, ""))
        ok = not errors and not self._stale
        self.ok_button.setEnabled(ok)
        if self._stale:
            self.status_label.setText(
                _("This form can no longer be saved: close it and open the record again.")
            )
        elif errors:
            fields = [self._caption(k) for k in errors]
            self.status_label.setText(
                _("Still needed before saving: {fields}.").format(fields=", ".join(fields))
            )
        else:
            self.status_label.setText("")
        return ok

    def _caption(self, key: str) -> str:
        return {
            "first_name": _("first name"), "last_name": _("last name"), "fnr": _("fødselsnummer"),
            "birth_date": _("birth date"), "phone": _("phone"), "email": _("e-mail"),
            "channel": _("preferred channel"), "postal_code": _("postal code"), "registration": _("registration date"),
        }.get(key, key)  # fmt: skip

    def _show_fnr_info(self, errors: dict[str, str]) -> None:
        label = self.messages["fnr"]
        if self._fnr_birth is not None:
            self.birth_edit.setText(format_date(self._fnr_birth))
            self.birth_edit.setReadOnly(True)
            if "fnr" not in errors:
                text = _("Valid: birth date {date} filled in.").format(date=format_date(self._fnr_birth))
                if not self.store_fnr:
                    text += " " + _("Only the birth date is saved (the office does not store fødselsnummer).")
                theme.style(label, INFO_STYLE)
                label.setText(text)
                label.setVisible(True)
        else:
            self.birth_edit.setReadOnly(False)

    def _show_sperre_info(self) -> None:
        protected = self.sperre_combo.currentData() not in (None, Adressesperre.INGEN)
        mode = QLineEdit.EchoMode.Password if protected else QLineEdit.EchoMode.Normal
        for edit in (self.address_edit, self.postal_edit, self.municipality_edit):
            edit.setEchoMode(mode)
        label = self.messages["sperre"]
        if protected:
            label.setText(
                _(
                    "Protected address: it is hidden on screen and never printed, exported or put in a calendar."
                )
            )
            theme.style(label, "color: {warn}; font-weight: bold;")
            label.setVisible(True)

    def _show_age_info(self, errors: dict[str, str]) -> None:
        if "birth_date" in errors:
            return
        born = self.birth_date()
        if born is None:
            return
        age = age_on(born, self.today)
        if not 15 <= age <= 30:
            label = self.messages["birth_date"]
            theme.style(label, INFO_STYLE)
            label.setText(_("Note: {age} years old, outside the age group 16–29.").format(age=age))
            label.setVisible(True)

    # -- values ------------------------------------------------------------------------------------
    def birth_date(self) -> date | None:
        if self._fnr_birth is not None:
            return self._fnr_birth
        try:
            return parse_day(self.birth_edit.text(), today=self.today)
        except InvalidInput:
            return None

    def values(self) -> dict[str, Any]:
        """The youth's fields as the use cases take them (only call when :meth:`errors` is empty)."""
        phone = self.phone_edit.text().strip()
        email = self.email_edit.text().strip()
        out: dict[str, Any] = {
            "first_name": self.first_name_edit.text().strip(),
            "last_name": self.last_name_edit.text().strip(),
            "preferred_name": self.preferred_name_edit.text().strip(),
            "birth_date": self.birth_date(),
            "malform": self.malform_combo.currentData(),
            "phone": parse_phone(phone) if phone else "",
            "email": check_email(email) if email else "",
            "preferred_channel": self.channel_combo.currentData(),
            "cannot_phone": self.cannot_phone_check.isChecked(),
            "address": self.address_edit.text().strip(),
            "postal_code": self.postal_edit.text().strip(),
            "municipality": self.municipality_edit.text().strip(),
            "adressesperre": self.sperre_combo.currentData(),
            "household": self.household_edit.text().strip(),
            "own_children": self.children_spin.value(),
            "job_wishes": self.job_wishes_edit.toPlainText().strip(),
            "work_experience": self.work_experience_edit.toPlainText().strip(),
            "barriers": [b.value for b, box in self.barrier_checks.items() if box.isChecked()],
            "barrier_notes": self.barrier_notes_edit.text().strip(),
            "strengths": self.strengths_edit.toPlainText().strip(),
            "dreams": self.dreams_edit.toPlainText().strip(),
            "no_group_activities": self.no_group_check.isChecked(),
        }
        if self.health_edit is not None:  # only for those who may see it (the core checks it again)
            out["health_note"] = self.health_edit.toPlainText().strip()
        fnr = "".join(self.fnr_edit.text().split())
        if fnr and self.store_fnr:
            out["fodselsnummer"] = fnr
            out.pop("birth_date")  # the core derives it from the number
        return out

    def changes(self) -> dict[str, Any]:
        """What differs from the record as it was opened (an edit saves only that)."""
        values = self.values()
        if self._record is None:
            return values
        old = self._record.values
        out: dict[str, Any] = {}
        for key, value in values.items():
            before = old.get(key)
            if key == "fodselsnummer":
                if value != before:
                    out[key] = value
                continue
            if key == "phone" and _same_phone(before or "", value):
                continue
            if key == "barriers":
                if sorted(value) != sorted(before or []):
                    out[key] = value
                continue
            if (before if before is not None else "") != (value if value is not None else ""):
                out[key] = value
        return out

    def is_dirty(self) -> bool:
        try:
            return bool(self.changes()) if self._record else any(
                (self.first_name_edit.text(), self.last_name_edit.text(), self.fnr_edit.text(),
                 self.phone_edit.text(), self.job_wishes_edit.toPlainText())
            )  # fmt: skip
        except InvalidInput:
            return True

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save in one transaction; on a refusal show why and keep everything the user wrote."""
        if not self.validate():
            return False
        try:
            with self._database.session() as session, session.begin():
                youth_id = self._save_in(session)
        except StaleEdit as exc:
            self._stale = True
            self._show_banner(
                str(exc)
                + "\n"
                + _("What you wrote is still in the form: copy what you need before you close it.")
            )
            self.validate()
            return False
        except UserError as exc:
            self._show_banner(str(exc))
            return False
        self.saved_id = youth_id
        self.banner.setVisible(False)
        super().accept()
        return True

    def _save_in(self, session: Any) -> uuid.UUID:
        from navdesk.services.youths import create_youth, update_youth

        if self._record is not None:
            changes = self.changes()
            if changes:
                assert self._version is not None
                update_youth(session, self._actor, self._record.id, self._version, **changes)
            return self._record.id
        from navdesk.services.assignment import assign_veileder
        from navdesk.services.followup import open_period

        assert self.registration_edit is not None
        registered = parse_day(self.registration_edit.text(), today=self.today)
        youth_id = create_youth(session, self._actor, veileder_id=None, **self.values())
        veileder = self.veileder_combo.currentData()
        if veileder is not None:
            assign_veileder(session, self._actor, [youth_id], veileder, on=registered)
        open_period(
            session, self._actor, youth_id, registration_date=registered,
            situation=self.situation_combo.currentData(), contact_route=self.route_combo.currentData(),
            intensity=self.intensity_combo.currentData(),
        )  # fmt: skip
        return youth_id

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(True)

    def accept(self) -> None:  # Enter in a field: save, as the Save button does
        self.save()

    def reject(self) -> None:
        if self.saved_id is None and not self._stale and self.is_dirty():
            answer = QMessageBox.question(
                self, _("Discard changes?"), _("You have written something that is not saved. Close without saving?"),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
