"""The record's "Samarbeid og samtykke" tab: what may I share with whom today, the partners around the
youth (who holds the ball), and the consents, with the actions that change them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import age_on, format_date
from navdesk.i18n import _
from navdesk.services.record import YouthRecord
from navdesk.ui import theme
from navdesk.ui.dialogs.common import run_change
from navdesk.ui.partners import forms
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import OBJECT_ROLE, TextRow, TextTableModel

BALL = "●"


def _selected(view: Any) -> Any:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(OBJECT_ROLE) if rows else None


class CooperationTab(QWidget):
    """``CooperationTab(database, actor, youth_id, today)``; ``changed`` after a save here (the window reads
    the record again and tells the main window)."""

    changed = Signal()

    def __init__(self, database: Any, actor: Any, youth_id: uuid.UUID, *, today: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.youth_id = youth_id
        self.today = today
        self.birth_date: date | None = None
        self.name = ""

        self.share_model = TextTableModel((_("Partner"), _("Involved as"), _("May I share today?"), _("Purpose"),
                                           _("Scope")), self)  # fmt: skip
        self.share_view = read_only_table(self.share_model, _("What may I share with whom today"))
        self.share_empty = QLabel(_("No partner is involved and no consent is recorded: share nothing."))
        self.involvement_model = TextTableModel((_("Organisation"), _("Type"), _("Role"), _("Contact person"),
                                                 _("Holds the ball"), _("From"), _("Until")), self)  # fmt: skip
        self.involvement_view = read_only_table(self.involvement_model, _("Partners involved"))
        self.model = TextTableModel((_("Purpose"), _("Partners"), _("Form"), _("Given"), _("Valid until"),
                                     _("Withdrawn"), _("Guardian"), _("Signed copy"), _("Status")), self)  # fmt: skip
        self.view = read_only_table(self.model, _("Consents"))
        for view, widths in ((self.share_view, (230, 150, 190, 220)), (self.involvement_view, (230, 150, 150, 220, 90, 85)),
                             (self.view, (200, 220, 70, 85, 85, 85, 70, 150))):  # fmt: skip
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)
        self.involve_button = QPushButton(_("Partner involved …"))
        self.ball_button = QPushButton(_("Holds the ball"))
        self.end_involvement_button = QPushButton(_("Involvement ended"))
        self.consent_button = QPushButton(_("New consent …"))
        self.withdraw_button = QPushButton(_("Consent withdrawn …"))
        self.ot_button = QPushButton(_("OT notified"))
        self.ot_button.setToolTip(_("Record that OT was told about the youth (the Notify OT deadline)"))
        self.trekant_button = QPushButton(_("Plan trekantsamtale …"))
        self.trekant_button.setToolTip(_("A meeting with the youth, OT and NAV, with a preparation note"))
        for button in (self.involve_button, self.ball_button, self.end_involvement_button, self.consent_button,
                       self.withdraw_button, self.ot_button, self.trekant_button):  # fmt: skip
            button.setAccessibleName(button.text().rstrip(" …"))
        self.message = QLabel()
        theme.style(self.message, "color: {ok};")
        self.age_label = QLabel()
        self.age_label.setWordWrap(True)
        theme.style(self.age_label, "color: {caution};")

        share_box = QGroupBox(_("What may I share with whom today?"))
        share_layout = QVBoxLayout(share_box)
        share_layout.addWidget(self.age_label)
        share_layout.addWidget(self.share_empty)
        share_layout.addWidget(self.share_view, 1)
        involvement_box = QGroupBox(_("Partners around the youth"))
        inv_layout = QVBoxLayout(involvement_box)
        inv_layout.addWidget(self.involvement_view, 1)
        inv_buttons = QHBoxLayout()
        for b in (self.involve_button, self.ball_button, self.end_involvement_button, self.ot_button,
                  self.trekant_button):  # fmt: skip
            inv_buttons.addWidget(b)
        inv_buttons.addStretch(1)
        inv_layout.addLayout(inv_buttons)
        consent_box = QGroupBox(_("Consents"))
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.addWidget(self.view, 1)
        consent_buttons = QHBoxLayout()
        consent_buttons.addWidget(self.consent_button)
        consent_buttons.addWidget(self.withdraw_button)
        consent_buttons.addStretch(1)
        consent_layout.addLayout(consent_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        for box in (share_box, involvement_box, consent_box):
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        self.involve_button.clicked.connect(self.add_involvement)
        self.ball_button.clicked.connect(self.give_ball)
        self.end_involvement_button.clicked.connect(self.end_involvement)
        self.consent_button.clicked.connect(self.add_consent)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.ot_button.clicked.connect(self.notify_ot)
        self.trekant_button.clicked.connect(self.plan_trekantsamtale)

    # -- showing -----------------------------------------------------------------------------------
    def set_record(self, record: YouthRecord) -> None:
        self.today = record.today
        self.name = record.name
        born = record.values.get("birth_date")
        self.birth_date = born if isinstance(born, date) else None
        self.reload()

    def reload(self) -> None:
        from navdesk.services.partners import consents, involvements
        from navdesk.services.sharing import sharing_today

        with self._database.session() as session:
            shares = sharing_today(session, self.youth_id, self.today)
            involved = involvements(session, self.youth_id, self.today)
            given = consents(session, self.youth_id, self.today)
        self.share_model.set_rows([
            TextRow((r.organisation, r.role or ("" if r.involved else _("(not involved)")), r.why, r.purpose, r.scope),
                    r, tooltip=r.scope or r.purpose, warn_column=-1 if r.may_share else 2)
            for r in shares])  # fmt: skip
        self.share_empty.setVisible(not shares)
        self.share_view.setVisible(bool(shares))
        self.involvement_model.set_rows([
            TextRow((r.organisation, r.type_label, r.role, r.contact, BALL if r.holds_ball else "",
                     format_date(r.from_date), format_date(r.to_date)), r)
            for r in involved])  # fmt: skip
        self.model.set_rows([
            TextRow((c.purpose, c.partners, c.form.label, format_date(c.given_on), format_date(c.valid_until),
                     format_date(c.withdrawn_on), _("Yes") if c.by_guardian else "", c.signed_copy_location,
                     c.state.label), c, tooltip=c.scope, warn_column=8 if c.state.value != "gyldig" else -1)
            for c in given])  # fmt: skip
        self.ot_button.setEnabled(self.birth_date is None or age_on(self.birth_date, self.today) < 21)
        self.age_label.setText(self._age_note())
        self.age_label.setVisible(bool(self.age_label.text()))

    def _age_note(self) -> str:
        if self.birth_date is None:
            return ""
        age = age_on(self.birth_date, self.today)
        if age < 18:
            adult = (
                self.birth_date.replace(year=self.birth_date.year + 18)
                if not (self.birth_date.month == 2 and self.birth_date.day == 29)
                else date(self.birth_date.year + 18, 3, 1)
            )
            return _("Under 18: consents end on the 18th birthday ({day}); then the youth must consent again.").format(
                day=format_date(adult))  # fmt: skip
        return ""

    # -- acting ------------------------------------------------------------------------------------
    def _act(self, work: Callable[[Any], object], done: str) -> bool:
        if not run_change(self, self._database, work):
            return False
        self.reload()
        self.message.setText(done)
        self.changed.emit()
        return True

    def _orgs(self) -> list[Any]:
        from navdesk.services.partners import directory

        with self._database.session() as session:
            return directory(session, self.today)

    def add_involvement(self) -> bool:
        from navdesk.services.partners import involve

        orgs = [(r.name, r.id, [(c.name, c.id) for c in r.current_contacts]) for r in self._orgs()]
        if not orgs:
            QMessageBox.information(
                self, _("Partner involved"), _("Add the organisation under Cooperation first.")
            )
            return False
        values = forms.ask(forms.InvolvementDialog(orgs, today=self.today, parent=self))
        if values is None:
            return False
        org_id = values.pop("org_id")
        return self._act(
            lambda s: involve(s, self._actor, self.youth_id, org_id, **values), _("Partner added.")
        )

    def give_ball(self) -> bool:
        from navdesk.services.partners import give_ball

        row = _selected(self.involvement_view)
        if row is None:
            return False
        return self._act(lambda s: give_ball(s, self._actor, row.id),
                         _("{organisation} holds the ball.").format(organisation=row.organisation))  # fmt: skip

    def end_involvement(self) -> bool:
        from navdesk.services.partners import end_involvement

        row = _selected(self.involvement_view)
        if row is None:
            return False
        return self._act(
            lambda s: end_involvement(s, self._actor, row.id, self.today), _("Involvement ended.")
        )

    def add_consent(self) -> bool:
        from navdesk.services.partners import record_consent

        orgs = [(r.name, r.id) for r in self._orgs()]
        if not orgs:
            QMessageBox.information(
                self, _("New consent"), _("Add the organisation under Cooperation first.")
            )
            return False
        involved = [r.org_id for r in (self.involvement_model.index(i, 0).data(OBJECT_ROLE)
                                       for i in range(self.involvement_model.rowCount())) if r.active]  # fmt: skip
        under_18 = self.birth_date is not None and age_on(self.birth_date, self.today) < 18
        dialog = forms.ConsentDialog(orgs, today=self.today, under_18=under_18, checked=involved, parent=self)
        values = forms.ask(dialog)
        if values is None:
            return False
        return self._act(
            lambda s: record_consent(s, self._actor, self.youth_id, **values), _("Consent recorded.")
        )

    def withdraw_consent(self) -> bool:
        from navdesk.services.partners import withdraw_consent

        row = _selected(self.view)
        if row is None:
            return False
        answer = QMessageBox.question(self, _("Consent withdrawn"), _(
            "Record that «{purpose}» was withdrawn today? From today nothing may be shared on it.").format(
            purpose=row.purpose))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._act(lambda s: withdraw_consent(s, self._actor, row.id, self.today, row.version),
                         _("Consent withdrawn."))  # fmt: skip

    def notify_ot(self) -> bool:
        from navdesk.services.partners import notify_ot, oslo_noon

        at = oslo_noon(self.today)
        return self._act(lambda s: notify_ot(s, self._actor, self.youth_id, at=at), _("OT notified."))

    def plan_trekantsamtale(self) -> bool:
        from datetime import datetime, time, timedelta

        from navdesk.domain.text import OSLO
        from navdesk.services.partners import plan_trekantsamtale

        dialog = _WhenDialog(self.today + timedelta(days=7), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        day = dialog.day.value() or self.today
        starts = datetime.combine(day, time(10, 0), tzinfo=OSLO)
        return self._act(lambda s: plan_trekantsamtale(s, self._actor, self.youth_id, starts_at=starts, today=self.today),
                         _("Trekantsamtale planned for {day}, with a preparation note; see Meetings.").format(
                             day=format_date(day)))  # fmt: skip


class _WhenDialog(QDialog):
    def __init__(self, suggested: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        from navdesk.ui.dialogs.common import stack_with_ok_cancel

        self.setWindowTitle(_("Plan trekantsamtale"))
        self.day = forms.DateField(suggested, _("Date"))
        label = QLabel(_("On which day (10:00; change the time in the meeting)?"))
        stack_with_ok_cancel(self, label, self.day)
