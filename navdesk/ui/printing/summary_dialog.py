"""The meeting summary (møtereferat) dialog: choose what to print, see it, print it, save it, record it.

The preview is the very PDF that prints (ReportLab, read from memory into QtPdf), so what the
counsellor sees is what the youth and the partners get.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.documents.summary import FULL, YOUTH_VARIANT, SummaryOptions, render_summary, summary_language
from navdesk.domain.text import OSLO, format_date
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.services import journal
from navdesk.services.summaries import SummaryData, summary_data, user_label
from navdesk.ui import theme
from navdesk.ui.printing import native
from navdesk.ui.printing.output import MemoryPdf, print_documents, prints_to_file

WARN = "color: {warn}; font-weight: bold;"


def section_labels() -> list[tuple[str, str]]:
    """The sections to choose from, in print order, with their labels."""
    return [
        ("participants", _("Participants")),
        ("agenda", _("Agenda")),
        ("summary", _("Summary")),
        ("decisions", _("Decisions")),
        ("actions", _("Actions (what / who / by when)")),
        ("next_meeting", _("Next meeting")),
        ("sensitive", _("Health and other sensitive notes")),
        ("signatures", _("Lines to sign on")),
    ]


class SummaryDialog(QDialog):
    """One meeting's summary. ``printed`` / ``saved`` / ``recorded`` tell the caller what happened."""

    def __init__(
        self, database: Any, actor: Any, meeting_id: uuid.UUID, parent: QWidget | None = None,
        *, today: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.meeting_id = meeting_id
        self._today = today or datetime.now(OSLO).date()
        self.printed = self.saved = self.recorded = False
        with database.session() as session:
            self._plain = summary_data(session, meeting_id)
            self._printed_by = user_label(session, actor.user_id, actor.initials)
            self._recording = journal.recording(session, meeting_id)
            from navdesk.services.meetings import may_see_health_section

            self._may_see_sensitive = may_see_health_section(session, actor, meeting_id)
        self._with_sensitive: SummaryData | None = None
        self._pdf_bytes = b""
        data = self._plain

        self.setWindowTitle(_("Meeting summary – {meeting}").format(meeting=self._title(data)))
        # --- what to print
        self.full_radio = QRadioButton(_("Full summary (for the participants and the file)"))
        self.youth_radio = QRadioButton(_("For the youth, in plain language"))
        self.full_radio.setChecked(True)
        variants = QButtonGroup(self)
        variants.addButton(self.full_radio)
        variants.addButton(self.youth_radio)
        self.lang_combo = QComboBox()
        self.lang_combo.addItem(_("Bokmål"), "nb")
        self.lang_combo.addItem(_("Nynorsk"), "nn")
        self.lang_combo.setCurrentIndex(1 if data.malform == "nn" else 0)
        self.lang_combo.setToolTip(_("The youth's målform is chosen to begin with."))
        self.section_boxes: dict[str, QCheckBox] = {}
        sections_box = QGroupBox(_("Sections"))
        sections_layout = QVBoxLayout(sections_box)
        for key, label in section_labels():
            box = QCheckBox(label)
            box.setChecked(key in SummaryOptions().sections)
            if key == "sensitive" and not self._may_see_sensitive:
                from navdesk.services.access import restricted_text

                box.setEnabled(False)  # the core refuses it too
                box.setToolTip(restricted_text())
            elif key == "sensitive":
                theme.style(box, "color: {caution};")
                box.setToolTip(
                    _("Print health and other sensitive notes only when the youth has agreed to it.")
                )
            self.section_boxes[key] = box
            sections_layout.addWidget(box)
            if key == "sensitive":
                note = QLabel(_("Left out unless you tick it. Tick only when the youth has agreed."))
                note.setWordWrap(True)
                note.setIndent(22)
                theme.style(note, "color: {caution};")
                sections_layout.addWidget(note)
        form = QFormLayout()
        form.addRow(_("Language"), self.lang_combo)

        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        theme.style(self.consent_label, WARN)
        missing = data.missing_consent
        if missing:
            names = "\n".join(f"• {p.name} ({p.organisation or '–'})" for p in missing)
            self.consent_label.setText(
                ngettext(
                    "No valid consent covers sharing this summary with:\n{names}",
                    "No valid consent covers sharing this summary with these participants:\n{names}",
                    len(missing),
                ).format(names=names)
            )
        self.consent_label.setVisible(bool(missing))
        self.place_label = QLabel(_("The place is left out: the youth has a protected address."))
        self.place_label.setWordWrap(True)
        self.place_label.setVisible(data.place_withheld)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.recorded_label = QLabel()
        self.recorded_label.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.full_radio)
        left.addWidget(self.youth_radio)
        left.addLayout(form)
        left.addWidget(sections_box)
        left.addWidget(self.consent_label)
        left.addWidget(self.place_label)
        left.addStretch(1)
        left.addWidget(self.recorded_label)
        left.addWidget(self.status_label)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(
            left_widget.fontMetrics().averageCharWidth() * 58
        )  # grows with the text size

        # --- preview
        self.pdf = MemoryPdf(parent=self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages_label = QLabel()
        right = QVBoxLayout()
        right.addWidget(self.view, 1)
        right.addWidget(self.pages_label)

        # --- buttons
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(_("Print …"))
        self.save_button = QPushButton(_("Save as PDF …"))
        self.record_button = QPushButton(_("Mark as recorded in Modia/Gosys …"))
        self.print_button.setDefault(True)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        for button in (self.print_button, self.save_button, self.record_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button.setEnabled(data.youth_id is not None)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_pdf)
        self.record_button.clicked.connect(self.mark_recorded)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(left_widget)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 820)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_preview)
        for radio in (self.full_radio, self.youth_radio):
            radio.toggled.connect(self._changed)
        self.lang_combo.currentIndexChanged.connect(self._changed)
        for box in self.section_boxes.values():
            box.toggled.connect(self._changed)
        self._show_recording()
        self.refresh_preview()
        self.print_button.setFocus()

    # ------------------------------------------------------------------ state

    def _title(self, data: SummaryData) -> str:
        kind = data.type_label(self._lang_guess(data)) or _("Meeting")
        when = data.starts_at.strftime("%d.%m.%Y %H:%M")
        return f"{kind} {when}"

    @staticmethod
    def _lang_guess(data: SummaryData) -> str:
        return data.malform

    def options(self) -> SummaryOptions:
        sections = frozenset(k for k, box in self.section_boxes.items() if box.isChecked())
        return SummaryOptions(
            variant=YOUTH_VARIANT if self.youth_radio.isChecked() else FULL, lang=self.lang_combo.currentData(),
            sections=sections, printed_by=self._printed_by, printed_on=self._today,
        )  # fmt: skip

    def data(self) -> SummaryData:
        """The meeting read for the chosen sections (sensitive notes only read when ticked)."""
        if not self.section_boxes["sensitive"].isChecked():
            return self._plain
        if self._with_sensitive is None:
            with self._database.session() as session:
                self._with_sensitive = summary_data(
                    session, self.meeting_id, include_sensitive=True, actor=self._actor
                )
        return self._with_sensitive

    def pdf_bytes(self) -> bytes:
        return self._pdf_bytes

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    def refresh_preview(self) -> None:
        self._timer.stop()
        self._pdf_bytes = render_summary(self.data(), self.options())
        self.pdf.load(self._pdf_bytes)
        pages = self.pdf.page_count()
        self.pages_label.setText(ngettext("{n} page", "{n} pages", pages).format(n=pages))

    def _show_recording(self) -> None:
        if self._recording is None:
            self.recorded_label.setText(_("Not yet marked as recorded in NAV's system."))
            return
        self.recorded_label.setText(
            _("Recorded in {system} on {day}.").format(
                system=self._recording.system, day=format_date(self._recording.recorded_on)
            )
        )

    def sharing_reason(self) -> str | None:
        """The sharing guard: "" when every external participant is covered by a valid consent (or this is
        the youth's own copy); else the reason the counsellor gives to go ahead, or None if they do not."""
        from navdesk.services.sharing import summary_gaps
        from navdesk.ui.dialogs.reason import ReasonDialog

        gaps = summary_gaps(self._plain, self.options().variant)
        if not gaps:
            return ""
        names = "\n".join("• " + g.label() for g in gaps)
        question = _("No valid consent covers sharing this summary with:\n{names}\n\nShare it all the same? Write "
                     "why; the reason is written to the audit log.").format(names=names)  # fmt: skip
        reason = ReasonDialog.ask(self, _("Share without consent?"), question)
        if reason is not None and not reason:
            native.show_error(self, _("Write why the summary is shared without consent, or cancel."))
            return None
        return reason

    def _audit(self, target: str, reason: str = "") -> None:
        from navdesk.services.sharing import guard, summary_gaps

        options = self.options()
        data = self.data()
        with self._database.session() as session, session.begin():
            guard(session, self._actor, gaps=summary_gaps(data, options.variant), document="summary",
                  entity="meeting", entity_id=self.meeting_id, youth_id=data.youth_id, reason=reason or None,
                  target=target)  # fmt: skip
            journal.record_print(
                session, self._actor, self.meeting_id, data.youth_id, target=target, variant=options.variant,
                lang=summary_language(data, options), sensitive="sensitive" in options.sections,
            )  # fmt: skip

    # ------------------------------------------------------------------ actions

    def print_summary(self) -> bool:
        """Ask for a printer (the system dialog) and print; True when printed."""
        if self._timer.isActive():
            self.refresh_preview()
        reason = self.sharing_reason()
        if reason is None:
            return False
        printer = native.ask_printer(self, self.pdf.page_count())
        if printer is None:
            return False
        try:
            print_documents(printer, [self._pdf_bytes])
        except OSError as exc:
            native.show_error(
                self,
                _("The summary could not be printed: {error}").format(
                    error=native.os_error_text(exc, exc.filename or "")
                ),
            )
            return False
        self._audit(Path(printer.outputFileName()).name if prints_to_file(printer) else "printer", reason)
        self.printed = True
        self.status_label.setText(_("Printed. Remember to record the summary in Modia or Gosys."))
        if self.record_button.isEnabled() and self._recording is None:
            self.record_button.setDefault(True)
            self.record_button.setFocus()
        return True

    def save_pdf(self) -> Path | None:
        """Ask where (the system dialog) and save the PDF atomically; the path, or None."""
        if self._timer.isActive():
            self.refresh_preview()
        reason = self.sharing_reason()
        if reason is None:
            return None
        data = self._plain
        kind = (data.type_nb or _("meeting")).lower().replace(" ", "-")
        suggested = str(Path.home() / "{what}-{kind}-{day}.pdf".format(
            what=_("summary"), kind=kind, day=data.starts_at.strftime("%Y-%m-%d")))  # fmt: skip
        out = native.save_pdf(self, self._pdf_bytes, suggested)
        if out is None:
            return None
        self._audit(out.name, reason)
        self.saved = True
        self.status_label.setText(native.saved_message(out))
        return out

    def mark_recorded(self) -> bool:
        """Ask for the date and system, and store the mark; True when stored."""
        answer = native.ask_recording(self, self._plain.starts_at.date(), self._today)
        if answer is None:
            return False
        day, system = answer
        try:
            with self._database.session() as session, session.begin():
                journal.mark_recorded(
                    session, self._actor, self.meeting_id, day, system=system, today=self._today
                )
                self._recording = journal.recording(session, self.meeting_id)
        except UserError as exc:
            native.show_error(self, str(exc))
            return False
        self.recorded = True
        self._show_recording()
        self.record_button.setDefault(False)
        self.print_button.setDefault(True)
        return True
