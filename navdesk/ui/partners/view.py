"""The Samarbeid screen: the partner directory, list washing with OT, employers and placements, and the
office's preventive work. Built on first use (decision 0007); every change runs one use case in its own
transaction and the tab reads again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import format_date
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.ui import theme
from navdesk.ui.dialogs.common import run_change
from navdesk.ui.dialogs.reason import ReasonDialog
from navdesk.ui.partners import forms
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import OBJECT_ROLE, TextRow, TextTableModel
from navdesk.ui.views.heading import screen_heading

WARN = "color: {warn};"


def ask_open_path(parent: QWidget | None) -> str | None:
    """The system's file dialog for OT's list (tests replace this)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Open OT's list"), str(Path.home()), _("Lists (*.csv *.xlsx *.txt);;All files (*)")
    )
    return chosen or None


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """The system's save dialog for the status list (tests replace this)."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the status list for OT"), suggested, _("Excel (*.xlsx);;CSV (*.csv)")
    )
    return chosen or None


def _selected(view: Any) -> Any:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(OBJECT_ROLE) if rows else None


class _Tab(QWidget):
    changed = Signal(list)  # the youths whose deadlines may have changed (often none)

    def __init__(self, database: Any, actor: Any, today: Callable[[], date]) -> None:
        super().__init__()
        self._database = database
        self._actor = actor
        self._today = today
        self.message = QLabel()
        theme.style(self.message, "color: {ok};")
        self.message.setWordWrap(True)

    def act(self, work: Callable[[Any], object], done: str, youths: list[uuid.UUID] | None = None) -> bool:
        if not run_change(self, self._database, work):
            return False
        self.reload()
        self.message.setText(done)
        self.changed.emit(list(youths or []))
        return True

    def reload(self) -> None:  # pragma: no cover - every tab has its own
        raise NotImplementedError


# --------------------------------------------------------------------------- directory


class DirectoryTab(_Tab):
    """Organisations by type with their named contacts, agreement review and last contact. Searchable."""

    def __init__(self, database: Any, actor: Any, today: Callable[[], date]) -> None:
        super().__init__(database, actor, today)
        self.rows: list[Any] = []
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search name, type, contact person, phone …"))
        self.search_edit.setAccessibleName(_("Search partners"))
        self.search_edit.setClearButtonEnabled(True)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(_("Partner type"))
        self.new_button = QPushButton(_("New organisation …"))
        self.edit_button = QPushButton(_("Edit …"))
        self.person_button = QPushButton(_("New contact person …"))
        self.person_edit_button = QPushButton(_("Edit contact person …"))
        self.contacted_button = QPushButton(_("Contacted today"))
        self.contacted_button.setToolTip(_("A contact with the organisation not about one youth"))
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 2)
        top.addWidget(self.type_combo, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        self.model = TextTableModel((_("Organisation"), _("Type"), _("Contact persons"), _("Agreement review"),
                                     _("Last contact"), _("Youths")), self)  # fmt: skip
        self.view = read_only_table(self.model, _("Partners"))
        for column, width in enumerate((260, 170, 220, 120, 100)):
            self.view.setColumnWidth(column, width)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.people_model = TextTableModel((_("Name"), _("Role"), _("Phone"), _("E-mail"), _("Office days"),
                                            _("From"), _("Until")), self)  # fmt: skip
        self.people_view = read_only_table(self.people_model, _("Contact persons"))
        for column, width in enumerate((150, 120, 100, 170, 110, 85)):
            self.people_view.setColumnWidth(column, width)
        buttons = QHBoxLayout()
        for b in (self.person_button, self.person_edit_button, self.contacted_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.people_view, 1)
        right_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([340, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.search_edit.textChanged.connect(lambda _t: self.reload())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.view.activated.connect(lambda _i: self.edit_partner())
        self.new_button.clicked.connect(self.new_partner)
        self.edit_button.clicked.connect(self.edit_partner)
        self.person_button.clicked.connect(self.new_person)
        self.person_edit_button.clicked.connect(self.edit_person)
        self.contacted_button.clicked.connect(self.mark_contacted)
        self._types: list[tuple[str, uuid.UUID, str]] = []
        self._fill_types()
        self.reload()

    def _fill_types(self) -> None:
        from navdesk.services.partners import partner_types

        with self._database.session() as session:
            self._types = partner_types(session)
        self.type_combo.blockSignals(True)
        self.type_combo.addItem(_("All types"), None)
        for code, _tid, label in self._types:
            self.type_combo.addItem(label, code)
        self.type_combo.blockSignals(False)

    def reload(self) -> None:
        from navdesk.services.partners import directory

        chosen = _selected(self.view)
        today = self._today()
        with self._database.session() as session:
            self.rows = directory(
                session, today, self.search_edit.text(), type_code=self.type_combo.currentData()
            )
        self.model.set_rows([
            TextRow((r.name, r.type_label, ", ".join(c.name for c in r.current_contacts) or _("nobody named"),
                     format_date(r.agreement_review), format_date(r.last_contact), str(r.youths_involved or "")),
                    r, tooltip=r.notes, warn_column=3 if r.review_due(today) else (2 if not r.current_contacts else -1))
            for r in self.rows])  # fmt: skip
        if self.rows:
            index = next((i for i, r in enumerate(self.rows) if chosen is not None and r.id == chosen.id), 0)
            self.view.selectRow(index)
        self._show_detail()

    def select(self, org_id: uuid.UUID) -> None:
        for i, r in enumerate(self.rows):
            if r.id == org_id:
                self.view.selectRow(i)

    def current(self) -> Any:
        return _selected(self.view)

    def _show_detail(self) -> None:
        row = self.current()
        for b in (self.edit_button, self.person_button, self.person_edit_button, self.contacted_button):
            b.setEnabled(row is not None)
        if row is None:
            self.detail.setText(_("No partner chosen.") if self.rows else _("No partners match."))
            self.people_model.set_rows([])
            return
        today = self._today()
        lines = [f"<b>{_esc(row.name)}</b> · {_esc(row.type_label or _('no type'))}"]
        reach = " · ".join(_esc(x) for x in (row.phone, row.email, row.address) if x)
        if reach:
            lines.append(reach)
        if row.agreement_date or row.agreement_review:
            text = _("Cooperation agreement {made}, to be reviewed {review}").format(
                made=format_date(row.agreement_date) or "–", review=format_date(row.agreement_review) or "–"
            )
            lines.append(f"<span style='{WARN}'>{_esc(text)}</span>" if row.review_due(today) else _esc(text))
        else:
            lines.append(_esc(_("No cooperation agreement recorded.")))
        lines.append(
            _esc(_("Last contact: {day}").format(day=format_date(row.last_contact) or _("none recorded")))
        )
        if row.notes:
            lines.append(_esc(row.notes))
        self.detail.setText("<br>".join(lines))
        self.people_model.set_rows([
            TextRow((c.name, c.role, c.phone, c.email, c.office_days, format_date(c.valid_from),
                     format_date(c.valid_to)), c, warn_column=-1 if c.current else 6)
            for c in row.contacts])  # fmt: skip

    def new_partner(self) -> bool:
        from navdesk.services.partners import add_partner

        values = forms.ask(forms.PartnerDialog(self._types, parent=self))
        if values is None:
            return False
        created: list[uuid.UUID] = []
        ok = self.act(lambda s: created.append(add_partner(s, self._actor, **values)),
                      _("{name} added.").format(name=values["name"].strip()))  # fmt: skip
        if ok and created:
            self.select(created[0])
        return ok

    def edit_partner(self) -> bool:
        from navdesk.services.partners import update_partner

        row = self.current()
        if row is None:
            return False
        type_id = next((tid for code, tid, _l in self._types if code == row.type_code), None)
        current = {"name": row.name, "type_id": type_id, "phone": row.phone, "email": row.email,
                   "address": row.address, "notes": row.notes, "agreement_date": row.agreement_date,
                   "agreement_review": row.agreement_review}  # fmt: skip
        values = forms.ask(forms.PartnerDialog(self._types, current, parent=self))
        if values is None:
            return False
        return self.act(lambda s: update_partner(s, self._actor, row.id, row.version, **values), _("Saved."))

    def new_person(self) -> bool:
        from navdesk.services.partners import add_contact_person

        row = self.current()
        if row is None:
            return False
        values = forms.ask(forms.ContactPersonDialog(row.name, today=self._today(), parent=self))
        if values is None:
            return False
        return self.act(lambda s: add_contact_person(s, self._actor, row.id, **values),
                        _("{name} added.").format(name=values["name"].strip()))  # fmt: skip

    def edit_person(self) -> bool:
        from navdesk.services.partners import update_contact_person

        row = self.current()
        person = _selected(self.people_view)
        if row is None:
            return False
        if person is None:
            if not row.contacts:
                return False
            person = row.contacts[0]
        current = {k: getattr(person, k) for k in ("name", "role", "phone", "email", "office_days", "valid_from",
                                                   "valid_to")}  # fmt: skip
        values = forms.ask(forms.ContactPersonDialog(row.name, current, today=self._today(), parent=self))
        if values is None:
            return False
        return self.act(lambda s: update_contact_person(s, self._actor, person.id, person.version, **values),
                        _("Saved."))  # fmt: skip

    def mark_contacted(self) -> bool:
        from navdesk.services.partners import mark_partner_contacted

        row = self.current()
        if row is None:
            return False
        today = self._today()
        return self.act(lambda s: mark_partner_contacted(s, self._actor, row.id, today, today),
                        _("Contact with {name} noted.").format(name=row.name))  # fmt: skip


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- list washing


class WashTab(_Tab):
    """Import OT's list, compare both ways, and write down what was done about each line."""

    def __init__(self, database: Any, actor: Any, today: Callable[[], date]) -> None:
        super().__init__(database, actor, today)
        from navdesk.services.ot_lists import CATEGORIES

        self.result: Any = None
        self.path: Path | None = None
        intro = QLabel(_("Wash the lists with OT (oppfølgingstjenesten): open the list OT sent (CSV or Excel with "
                         "name, birth date, school and OT status). NavDesk finds the youths on both lists even when "
                         "names are written differently, but never across different birth dates."))  # fmt: skip
        intro.setWordWrap(True)
        self.open_button = QPushButton(_("Open OT's list …"))
        self.status_button = QPushButton(_("Export status list for OT …"))
        self.status_button.setToolTip(_("Ivaretatt / ikke ivaretatt / har flyttet, only for youths whose consent "
                                        "covers OT"))  # fmt: skip
        self.record_button = QPushButton(_("Record what was done …"))
        self.summary_label = QLabel(_("No list opened yet."))
        self.summary_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        theme.style(self.problems_label, WARN)
        self.problems_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.record_button)
        top.addStretch(1)
        top.addWidget(self.status_button)
        self.models: dict[str, TextTableModel] = {}
        self.views: dict[str, Any] = {}
        self.groups = QTabWidget()
        self.groups.setAccessibleName(_("List washing results"))
        self._category_names = CATEGORIES
        for category in CATEGORIES:
            model = TextTableModel((_("Name"), _("Birth date"), _("In NavDesk"), _("School"), _("OT status"),
                                    _("Our status"), _("What was done")), self)  # fmt: skip
            view = read_only_table(model, category)
            for column, width in enumerate((180, 85, 170, 130, 115, 110)):
                view.setColumnWidth(column, width)
            view.activated.connect(lambda _i: self.record_action())
            self.models[category], self.views[category] = model, view
            self.groups.addTab(view, "")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        theme.style(self.hint_label, "color: {caution};")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.groups, 1)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.message)
        self.open_button.clicked.connect(self.open_list)
        self.record_button.clicked.connect(self.record_action)
        self.status_button.clicked.connect(self.export_status)
        self.groups.currentChanged.connect(lambda _i: self._show_hint())
        for view in self.views.values():
            view.selectionModel().selectionChanged.connect(lambda *_a: self._show_hint())
        self._set_titles()
        self.record_button.setEnabled(False)

    def _set_titles(self) -> None:
        from navdesk.services.ot_lists import category_label

        for i, category in enumerate(self._category_names):
            count = len(self.result.group(category)) if self.result else 0
            self.groups.setTabText(i, f"{category_label(category)} ({count})")

    def open_list(self) -> bool:
        chosen = ask_open_path(self)
        if not chosen:
            return False
        return self.compare_file(Path(chosen))

    def compare_file(self, path: Path) -> bool:
        from navdesk.services.ot_lists import wash_file

        try:
            with self._database.session() as session:
                self.result = wash_file(session, path, self._today())
        except UserError as exc:
            QMessageBox.warning(self, _("OT's list could not be read"), str(exc))
            return False
        self.path = path
        self._show()
        return True

    def reload(self) -> None:
        if self.path is not None:
            self.compare_file(self.path)

    def _show(self) -> None:
        from navdesk.services.ot_lists import status_label

        r = self.result
        self.summary_label.setText(
            _("{file}, compared {day}: {lines} lines, {matched} found in NavDesk.").format(
                file=self.path.name if self.path else "", day=format_date(r.compared_on), lines=r.lines,
                matched=r.matched)
        )  # fmt: skip
        self.problems_label.setText("\n".join(r.problems))
        self.problems_label.setVisible(bool(r.problems))
        for category, model in self.models.items():
            model.set_rows([
                TextRow((i.name, format_date(i.birth_date), i.our_name + (" *" if i.match == "partial" else ""),
                         i.school, i.ot_status, status_label(i.our_status) if i.our_status else "",
                         "; ".join(f"{format_date(d.on)} {d.by}: {d.action}" for d in i.done[:2])),
                        i, tooltip=i.hint, warn_column=6 if not i.done else -1)
                for i in r.group(category)])  # fmt: skip
        self._set_titles()
        self.record_button.setEnabled(True)
        first = next((i for i, c in enumerate(self._category_names) if r.group(c)), 0)
        self.groups.setCurrentIndex(first)
        self._show_hint()

    def current(self) -> Any:
        category = self._category_names[self.groups.currentIndex()]
        return _selected(self.views[category])

    def _show_hint(self) -> None:
        item = self.current()
        text = ""
        if item is not None and item.hint:
            text = item.hint
        elif item is not None and item.match == "partial":
            text = _("* Matched without a middle name: check that it is the same person.")
        self.hint_label.setText(text)

    def record_action(self) -> bool:
        from navdesk.services.ot_lists import record_action

        item = self.current()
        if item is None or self.result is None:
            return False
        reason = ReasonDialog.ask(self, _("What was done"), _("What was done about {name} ({born})?").format(
            name=item.name, born=format_date(item.birth_date) or "–"))  # fmt: skip
        if reason is None:
            return False
        result, name = self.result, self.path.name if self.path else ""
        return self.act(lambda s: record_action(s, self._actor, item, reason, compared_on=result.compared_on,
                                                list_name=name), _("Recorded."))  # fmt: skip

    def export_status(self) -> bool:
        from navdesk.services.ot_lists import export_status_list

        today = self._today()
        suggested = str(Path.home() / f"status-til-OT-{today.isoformat()}.xlsx")
        chosen = ask_save_path(self, suggested)
        if not chosen:
            return False
        out = Path(chosen)
        fmt = out.suffix.lstrip(".").lower() or "xlsx"
        found: list[Any] = []
        if not self.act(lambda s: found.append(export_status_list(s, self._actor, out, fmt, today)), ""):
            return False
        done = found[0]
        text = ngettext("{n} youth written to {out}.", "{n} youths written to {out}.", len(done.records)).format(
            n=len(done.records), out=out)  # fmt: skip
        if done.left_out:
            text += " " + ngettext("{n} youth left out: no valid consent covers sharing with OT.",
                                   "{n} youths left out: no valid consent covers sharing with OT.",
                                   done.left_out).format(n=done.left_out)  # fmt: skip
        self.message.setText(
            text + " " + _("The file is NOT encrypted: keep it safe and delete it when done.")
        )
        return True


# --------------------------------------------------------------------------- employers


class EmployersTab(_Tab):
    def __init__(self, database: Any, actor: Any, today: Callable[[], date]) -> None:
        super().__init__(database, actor, today)
        self.rows: list[Any] = []
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search name, industry, openings …"))
        self.search_edit.setAccessibleName(_("Search employers"))
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(_("New employer …"))
        self.edit_button = QPushButton(_("Edit …"))
        self.placement_button = QPushButton(_("New placement …"))
        self.visit_button = QPushButton(_("Follow-up visit done"))
        self.end_button = QPushButton(_("Placement ended …"))
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        self.model = TextTableModel((_("Employer"), _("Industry"), _("Openings"), _("Mentor"), _("Contact person"),
                                     _("Active placements")), self)  # fmt: skip
        self.view = read_only_table(self.model, _("Employers"))
        for column, width in enumerate((220, 150, 230, 70, 160)):
            self.view.setColumnWidth(column, width)
        self.history_model = TextTableModel((_("Youth"), _("Kind"), _("Start"), _("End"), _("Plan activity"),
                                             _("Next follow-up"), _("Outcome")), self)  # fmt: skip
        self.history_view = read_only_table(self.history_model, _("Placements"))
        for column, width in enumerate((160, 110, 85, 85, 170, 110)):
            self.history_view.setColumnWidth(column, width)
        history_box = QGroupBox(_("Placements at the employer (history)"))
        box_layout = QVBoxLayout(history_box)
        box_layout.addWidget(self.history_view, 1)
        buttons = QHBoxLayout()
        for b in (self.placement_button, self.visit_button, self.end_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(history_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.search_edit.textChanged.connect(lambda _t: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_history())
        self.view.activated.connect(lambda _i: self.edit_employer())
        self.new_button.clicked.connect(self.new_employer)
        self.edit_button.clicked.connect(self.edit_employer)
        self.placement_button.clicked.connect(self.new_placement)
        self.visit_button.clicked.connect(self.log_visit)
        self.end_button.clicked.connect(self.end_placement)
        self.reload()

    def reload(self) -> None:
        from navdesk.services.partners import employers

        chosen = _selected(self.view)
        today = self._today()
        with self._database.session() as session:
            self.rows = employers(session, today, self.search_edit.text())
        labels = dict((code, label) for label, code in forms.opening_labels())
        self.model.set_rows([
            TextRow((r.name, r.industry, ", ".join(labels.get(o, o) for o in r.openings),
                     _("Yes") if r.mentor_available else "", r.contact_name, str(r.active_placements or "")), r,
                    tooltip=r.notes)
            for r in self.rows])  # fmt: skip
        if self.rows:
            index = next((i for i, r in enumerate(self.rows) if chosen is not None and r.id == chosen.id), 0)
            self.view.selectRow(index)
        self._show_history()

    def _show_history(self) -> None:
        row = _selected(self.view)
        for b in (self.edit_button, self.placement_button, self.visit_button, self.end_button):
            b.setEnabled(row is not None)
        today = self._today()
        kinds = dict((code, label) for label, code in forms.placement_kinds())
        self.history_model.set_rows([] if row is None else [
            TextRow((p.youth, kinds.get(p.kind, p.kind), format_date(p.start_date), format_date(p.end_date),
                     p.activity, format_date(p.next_followup), p.outcome), p,
                    warn_column=5 if p.next_followup is not None and p.next_followup < today else -1)
            for p in row.placements])  # fmt: skip

    def new_employer(self) -> bool:
        from navdesk.services.partners import add_employer

        values = forms.ask(forms.EmployerDialog(parent=self))
        if values is None:
            return False
        return self.act(lambda s: add_employer(s, self._actor, **values),
                        _("{name} added.").format(name=values["name"].strip()))  # fmt: skip

    def edit_employer(self) -> bool:
        from navdesk.services.partners import update_employer

        row = _selected(self.view)
        if row is None:
            return False
        current = {k: getattr(row, k) for k in ("name", "industry", "contact_name", "phone", "email", "openings",
                                                "mentor_available", "notes")}  # fmt: skip
        values = forms.ask(forms.EmployerDialog(current, parent=self))
        if values is None:
            return False
        return self.act(lambda s: update_employer(s, self._actor, row.id, row.version, **values), _("Saved."))

    def new_placement(self) -> bool:
        from navdesk.services.partners import add_placement, placement_choices

        row = _selected(self.view)
        if row is None:
            return False
        with self._database.session() as session:
            choices = placement_choices(session)
        if not choices.youths:
            QMessageBox.information(self, _("New placement"), _("No youth has an open follow-up period."))
            return False
        values = forms.ask(forms.PlacementDialog(choices.youths, choices.activities, employer=row.name,
                                                 today=self._today(), parent=self))  # fmt: skip
        if values is None:
            return False
        youth_id = values.pop("youth_id")
        return self.act(lambda s: add_placement(s, self._actor, youth_id, row.id, **values), _("Placement added."),
                        [youth_id])  # fmt: skip

    def _placement(self) -> Any:
        chosen = _selected(self.history_view)
        if chosen is not None:
            return chosen
        row = _selected(self.view)
        active = [p for p in (row.placements if row else ()) if p.next_followup is not None]
        return active[0] if len(active) == 1 else None

    def log_visit(self) -> bool:
        from navdesk.services.partners import log_placement_followup, oslo_noon

        placement = self._placement()
        if placement is None:
            QMessageBox.information(self, _("Follow-up visit"), _("Choose the placement first."))
            return False
        at = oslo_noon(self._today())
        return self.act(lambda s: log_placement_followup(s, self._actor, placement.id, at=at),
                        _("Follow-up of {youth} logged.").format(youth=placement.youth), [placement.youth_id])  # fmt: skip

    def end_placement(self) -> bool:
        from navdesk.services.partners import end_placement

        placement = self._placement()
        if placement is None:
            QMessageBox.information(self, _("Placement ended"), _("Choose the placement first."))
            return False
        outcome = ReasonDialog.ask(self, _("Placement ended"), _("How did the placement of {youth} go?").format(
            youth=placement.youth))  # fmt: skip
        if outcome is None:
            return False
        today = self._today()
        return self.act(lambda s: end_placement(s, self._actor, placement.id, end_date=today, outcome=outcome,
                                                expected_version=placement.version), _("Saved."),
                        [placement.youth_id])  # fmt: skip


# --------------------------------------------------------------------------- preventive work


class PreventiveTab(_Tab):
    def __init__(self, database: Any, actor: Any, today: Callable[[], date]) -> None:
        super().__init__(database, actor, today)
        self.new_button = QPushButton(_("New preventive activity …"))
        self.total_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.total_label, 1)
        top.addWidget(self.new_button)
        self.model = TextTableModel((_("Date"), _("Kind"), _("Audience"), _("Reached"), _("Counsellor"), _("Note")),
                                    self)  # fmt: skip
        self.view = read_only_table(self.model, _("Preventive activities"))
        for column, width in enumerate((90, 200, 240, 70, 90)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.new_button.clicked.connect(self.new_activity)
        self.reload()

    def reload(self) -> None:
        from navdesk.services.partners import preventive_activities

        with self._database.session() as session:
            rows = preventive_activities(session)
        kinds = dict((code, label) for label, code in forms.preventive_kinds())
        self.model.set_rows([TextRow((format_date(r.held_on), kinds.get(r.kind, r.kind), r.audience, str(r.reached),
                                      r.veileder, r.note), r) for r in rows])  # fmt: skip
        year = self._today().year
        this_year = [r for r in rows if r.held_on.year == year]
        self.total_label.setText(_("{year}: {n} activities, {reached} people reached.").format(
            year=year, n=len(this_year), reached=sum(r.reached for r in this_year)))  # fmt: skip

    def new_activity(self) -> bool:
        from navdesk.services.office import list_users
        from navdesk.services.partners import add_preventive

        with self._database.session() as session:
            users = [(f"{u.name} ({u.initials})", u.id) for u in list_users(session)]
        values = forms.ask(forms.PreventiveDialog(users, getattr(self._actor, "user_id", None), today=self._today(),
                                                  parent=self))  # fmt: skip
        if values is None:
            return False
        return self.act(lambda s: add_preventive(s, self._actor, **values), _("Saved."))


# --------------------------------------------------------------------------- the screen


class CooperationView(QWidget):
    """``CooperationView(database, actor, today=None)``: the four tabs; ``changed`` after any save."""

    changed = Signal(list)  # youth ids whose deadlines may have changed

    def __init__(self, database: Any, actor: Any, *, today: date | None = None) -> None:
        super().__init__()
        self._pinned = today

        def day() -> date:
            return self._pinned or date.today()

        self.directory = DirectoryTab(database, actor, day)
        self.washing = WashTab(database, actor, day)
        self.employers = EmployersTab(database, actor, day)
        self.preventive = PreventiveTab(database, actor, day)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Cooperation"))
        for widget, title in ((self.directory, _("Partners")), (self.washing, _("List washing with OT")),
                              (self.employers, _("Employers and placements")),
                              (self.preventive, _("Preventive work"))):  # fmt: skip
            self.tabs.addTab(widget, title)
            widget.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(screen_heading(_("Cooperation")))
        layout.addWidget(self.tabs, 1)
        for button in self.findChildren(QPushButton):
            if not button.accessibleName():
                button.setAccessibleName(button.text().rstrip(" …"))

    def reload(self) -> None:
        for tab in (self.directory, self.employers, self.preventive):
            tab.reload()
