"""The printed aktivitetsplan: choose language and large type, see it, print it, save it, record it.

The preview is the very PDF that prints (ReportLab, read from memory into QtPdf).
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.documents.plan import PlanOptions, plan_language, render_plan
from navdesk.domain.text import format_date
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.services import plans
from navdesk.services.plan_view import PlanView, read_plan
from navdesk.services.summaries import user_label
from navdesk.ui.printing import native
from navdesk.ui.printing.output import MemoryPdf, print_documents, prints_to_file


class PlanPrintDialog(QDialog):
    """``PlanPrintDialog(database, actor, youth_id)``: preview, print, save as PDF, mark as recorded."""

    recorded_changed = Signal()

    def __init__(
        self, database: Any, actor: Any, youth_id: uuid.UUID, *, today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._database, self._actor, self.youth_id = database, actor, youth_id
        self._today = today or date.today()
        with database.session() as session:
            self.plan: PlanView = read_plan(session, youth_id, self._today)
            self._printed_by = user_label(session, actor.user_id, actor.initials)
        self.setWindowTitle(_("Print the activity plan – {name}").format(name=self.plan.youth_name))
        self.lang_combo = QComboBox()
        self.lang_combo.addItem(_("Bokmål"), "nb")
        self.lang_combo.addItem(_("Nynorsk"), "nn")
        self.lang_combo.setCurrentIndex(1 if self.plan.malform == "nn" else 0)
        self.lang_combo.setAccessibleName(_("Language of the printout"))
        self.large_check = QCheckBox(_("Large type (easier to read)"))
        form = QFormLayout()
        form.addRow(_("Language"), self.lang_combo)
        form.addRow("", self.large_check)
        self.pages_label = QLabel()
        self.recorded_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.pdf = MemoryPdf(parent=self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("Preview of the plan"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(_("Print …"))
        self.save_button = QPushButton(_("Save as PDF …"))
        self.record_button = QPushButton(_("Mark as recorded in Modia/Gosys …"))
        for button in (self.print_button, self.save_button, self.record_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button.setEnabled(self.plan.plan_id is not None)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_plan)
        self.save_button.clicked.connect(self.save_pdf)
        self.record_button.clicked.connect(self.mark_recorded)
        self.buttons.rejected.connect(self.reject)
        info = QHBoxLayout()
        info.addWidget(self.pages_label)
        info.addStretch(1)
        info.addWidget(self.recorded_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(info)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.lang_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.large_check.toggled.connect(lambda _on: self.refresh_preview())
        self._show_recording()
        self.refresh_preview()
        self.resize(760, 900)

    def options(self) -> PlanOptions:
        return PlanOptions(lang=self.lang_combo.currentData(), large=self.large_check.isChecked(),
                           printed_by=self._printed_by, printed_on=self._today)  # fmt: skip

    def refresh_preview(self) -> None:
        self._pdf_bytes = render_plan(self.plan, self.options())
        self.pdf.load(self._pdf_bytes)
        pages = self.pdf.page_count()
        self.pages_label.setText(ngettext("{n} page", "{n} pages", pages).format(n=pages))

    def pdf_bytes(self) -> bytes:
        return self._pdf_bytes

    def _show_recording(self) -> None:
        if self.plan.recorded is None:
            self.recorded_label.setText(_("Not yet marked as recorded in NAV's system."))
        else:
            day, system = self.plan.recorded
            self.recorded_label.setText(
                _("Recorded in {system} on {day}.").format(system=system, day=format_date(day))
            )

    def _audit(self, target: str) -> None:
        options = self.options()
        with self._database.session() as session, session.begin():
            plans.record_plan_print(session, self._actor, self.youth_id, self.plan.plan_id, target=target,
                                    lang=plan_language(self.plan, options), large=options.large)  # fmt: skip

    def print_plan(self) -> bool:
        printer = native.ask_printer(self, self.pdf.page_count(), doc_name=_("Activity plan"),
                                     title=_("Print the activity plan"))  # fmt: skip
        if printer is None:
            return False
        try:
            print_documents(printer, [self._pdf_bytes])
        except OSError as exc:
            native.show_error(
                self,
                _("The plan could not be printed: {error}").format(
                    error=native.os_error_text(exc, exc.filename or "")
                ),
            )
            return False
        self._audit(Path(printer.outputFileName()).name if prints_to_file(printer) else "printer")
        self.status_label.setText(_("Printed. Remember to record the plan in Modia or Gosys."))
        return True

    def save_pdf(self) -> Path | None:
        name = "{what}-{day}.pdf".format(what=_("activity-plan"), day=self._today.isoformat())
        out = native.save_pdf(self, self._pdf_bytes, str(Path.home() / name))
        if out is None:
            return None
        self._audit(out.name)
        self.status_label.setText(native.saved_message(out))
        return out

    def mark_recorded(self) -> bool:
        from navdesk.ui.printing.record_dialog import RecordDialog

        plan_id = self.plan.plan_id
        if plan_id is None:
            return False
        dialog = RecordDialog(self.plan.registration_date or self._today, self._today, self,
                              intro_text=_("Mark the printed plan as recorded (journalført) in NAV's own system once "
                                           "you have done so there. NavDesk does not send anything to Modia or Gosys."))  # fmt: skip
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.value()
        dialog.deleteLater()
        if not accepted:
            return False
        day, system = value
        try:
            with self._database.session() as session, session.begin():
                plans.mark_plan_recorded(session, self._actor, plan_id, day, system=system, today=self._today)
                self.plan = read_plan(session, self.youth_id, self._today)
        except UserError as exc:
            native.show_error(self, str(exc))
            return False
        self._show_recording()
        self.recorded_changed.emit()
        return True
