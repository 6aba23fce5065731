"""The office's plan templates (leader or admin): a name and the activities it creates, each with its
type, title, start (days after the chosen date), duration and who is responsible.

Everyone can read the templates; only a leader or an administrator can change them (the use case
refuses anyone else too). Ids and enum values are kept in the widgets as text.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import AccessRole, ActivityType, Responsible
from navdesk.errors import UserError
from navdesk.i18n import _

COLUMNS = 5  # type, title, start, duration, responsible


class TemplatesDialog(QDialog):
    """``TemplatesDialog(database, actor)``: pick a template on the left, change it on the right."""

    def __init__(self, database: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database, self._actor = database, actor
        self.setWindowTitle(_("The office's plan templates"))
        self.may_edit = actor.access_role in (AccessRole.ADMIN, AccessRole.LEDER)
        self.templates: list[Any] = []
        self.current: Any = None

        self.list = QListWidget()
        self.list.setAccessibleName(_("Plan templates"))
        self.new_button = QPushButton(_("New template"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setAccessibleName(_("Name of the template"))
        self.hidden_check = QCheckBox(_("Hidden (not offered when making a plan)"))
        self.steps = QTableWidget(0, COLUMNS)
        self.steps.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        self.steps.setAccessibleName(_("Activities of the template"))
        self.steps.setHorizontalHeaderLabels(
            [_("Type"), _("Title"), _("Starts after (days)"), _("Lasts (days)"), _("Responsible")]
        )
        self.steps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.steps.verticalHeader().setVisible(False)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(_("Add activity"))
        self.remove_button = QPushButton(_("Remove activity"))
        self.save_button = QPushButton(_("Save the template"))
        self.notice = QLabel(
            _("Only a leader or an administrator can change the office's plan templates.")
            if not self.may_edit else ""
        )  # fmt: skip
        self.notice.setWordWrap(True)
        for button in (self.new_button, self.add_button, self.remove_button, self.save_button):
            button.setAccessibleName(button.text())
            button.setEnabled(self.may_edit)
        for widget in (self.name_edit, self.hidden_check, self.steps):
            widget.setEnabled(self.may_edit)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        form = QFormLayout()
        form.addRow(_("Name"), self.name_edit)
        form.addRow("", self.hidden_check)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.add_button)
        step_buttons.addWidget(self.remove_button)
        step_buttons.addStretch(1)
        step_buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.notice)
        right.addLayout(form)
        right.addWidget(self.steps, 1)
        right.addLayout(step_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.list.currentRowChanged.connect(self._show)
        self.new_button.clicked.connect(self.new_template)
        self.add_button.clicked.connect(lambda: self.add_step())
        self.remove_button.clicked.connect(self.remove_step)
        self.save_button.clicked.connect(self.save)
        self.reload()
        self.resize(960, 520)

    def reload(self, select: uuid.UUID | None = None) -> None:
        from navdesk.services import plans

        with self._database.session() as session:
            self.templates = plans.list_templates(session, include_hidden=True)
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.templates:
            item = QListWidgetItem(t.name + (" " + _("(hidden)") if t.hidden else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.id.hex)
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, t in enumerate(self.templates) if t.id == select), 0 if self.templates else -1)
        self.list.setCurrentRow(row)
        self._show(row)

    def _show(self, row: int) -> None:
        self.current = self.templates[row] if 0 <= row < len(self.templates) else None
        self.steps.setRowCount(0)
        if self.current is None:
            self.name_edit.clear()
            self.hidden_check.setChecked(False)
            return
        self.name_edit.setText(self.current.name)
        self.hidden_check.setChecked(self.current.hidden)
        for step in self.current.steps:
            self.add_step(step)

    def new_template(self) -> None:
        self.list.clearSelection()
        self.current = None
        self.name_edit.clear()
        self.hidden_check.setChecked(False)
        self.steps.setRowCount(0)
        self.add_step()
        self.name_edit.setFocus()

    def add_step(self, step: Any = None) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        kind = QComboBox()
        for activity_type in ActivityType:
            kind.addItem(activity_type.label, activity_type.value)
        kind.setAccessibleName(_("Type"))
        title = QLineEdit(step.title if step else "")
        title.setAccessibleName(_("Title"))
        start = QSpinBox()
        start.setRange(0, 730)
        start.setAccessibleName(_("Starts after (days)"))
        length = QSpinBox()
        length.setRange(0, 730)
        length.setSpecialValueText(_("open"))
        length.setAccessibleName(_("Lasts (days)"))
        who = QComboBox()
        for responsible in Responsible:
            who.addItem(responsible.label, responsible.value)
        who.setAccessibleName(_("Responsible"))
        if step is not None:
            kind.setCurrentIndex(max(kind.findData(step.type), 0))
            start.setValue(step.offset_days)
            length.setValue(step.duration_days or 0)
            who.setCurrentIndex(max(who.findData(step.responsible), 0))
        for column, widget in enumerate((kind, title, start, length, who)):
            widget.setEnabled(self.may_edit)
            self.steps.setCellWidget(row, column, widget)

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if row >= 0:
            self.steps.removeRow(row)

    def steps_entered(self) -> list[Any]:
        from navdesk.services.plans import TemplateStep

        out = []
        for row in range(self.steps.rowCount()):
            kind, title, start, length, who = (self.steps.cellWidget(row, c) for c in range(COLUMNS))
            assert isinstance(kind, QComboBox) and isinstance(title, QLineEdit) and isinstance(who, QComboBox)
            assert isinstance(start, QSpinBox) and isinstance(length, QSpinBox)
            out.append(TemplateStep(str(kind.currentData()), title.text().strip(), start.value(),
                                    length.value() or None, str(who.currentData())))  # fmt: skip
        return out

    def save(self) -> bool:
        from navdesk.services import plans

        try:
            with self._database.session() as session, session.begin():
                saved = plans.save_template(
                    session, self._actor, self.name_edit.text(), self.steps_entered(),
                    template_id=self.current.id if self.current else None,
                    expected_version=self.current.version if self.current else None,
                    hidden=self.hidden_check.isChecked(),
                )  # fmt: skip
        except UserError as exc:
            QMessageBox.warning(self, _("The template was not saved"), str(exc))
            return False
        self.reload(select=saved)
        return True
