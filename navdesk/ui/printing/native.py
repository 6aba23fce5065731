"""Every system dialog the printing screens open, one small function each (tests replace these).

Callers use them through this module (``native.ask_printer(...)``), so replacing an attribute here
replaces it everywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from navdesk.i18n import _


def ask_printer(
    parent: QWidget | None, pages: int = 0, *, doc_name: str | None = None, title: str | None = None
) -> QPrinter | None:
    """The system print dialog; the chosen printer, or ``None`` when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name or _("Meeting summary"))
    if pages:
        printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title or _("Print meeting summary"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save the PDF (the title says the file is not encrypted); ``None`` when cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save as PDF – the file is NOT encrypted"), suggested, _("PDF document (*.pdf)")
    )
    if chosen and not chosen.lower().endswith(".pdf"):
        chosen += ".pdf"
    return chosen or None


def ask_ics_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save the calendar file (the title says it is not encrypted); ``None`` when cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save calendar file – the file is NOT encrypted"), suggested, _("Calendar file (*.ics)")
    )
    if chosen and not chosen.lower().endswith(".ics"):
        chosen += ".ics"
    return chosen or None


def ask_xlsx_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save an Excel workbook (the title says it is not encrypted); ``None`` when cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save tables – the file is NOT encrypted"), suggested, _("Excel workbook (*.xlsx)")
    )
    if chosen and not chosen.lower().endswith(".xlsx"):
        chosen += ".xlsx"
    return chosen or None


def ask_folder(parent: QWidget | None, suggested: str) -> str | None:
    """A folder for CSV files (the title says they are not encrypted); ``None`` when cancelled."""
    chosen = QFileDialog.getExistingDirectory(
        parent, _("Folder for the CSV files – NOT encrypted"), suggested
    )
    return chosen or None


def ask_recording(parent: QWidget | None, meeting_day: date, today: date) -> tuple[date, str] | None:
    """The "Mark as recorded" dialog: (date, system), or ``None`` when cancelled."""
    from navdesk.ui.printing.record_dialog import RecordDialog

    dialog = RecordDialog(meeting_day, today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, _("Could not finish"), text)


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, _("NavDesk"), text)


def save_pdf(parent: QWidget | None, data: bytes, suggested: str) -> Path | None:
    """Ask where (the system dialog), write the PDF atomically; the path, or None (cancelled, or the OS
    refused: the reason is shown). Callers audit the save and say the file is not encrypted."""
    from navdesk.paths import write_atomically

    chosen = ask_save_path(parent, suggested)
    if not chosen:
        return None
    out = Path(chosen)
    try:
        write_atomically(data, out)
    except OSError as exc:
        show_error(parent, _("The file could not be saved: {error}").format(error=os_error_text(exc, out)))
        return None
    return out


def os_error_text(exc: OSError, out: Path | str) -> str:
    """Why a file could not be written, in the user's language (a full disk, no access, no folder)."""
    from navdesk.db.raw import translate_error

    friendly = translate_error(exc, str(out) or _("the file"))
    return str(friendly) if friendly is not None else (exc.strerror or type(exc).__name__)


def saved_message(out: Path) -> str:
    return _("Saved to {file}. The file is NOT encrypted: keep it safe and delete it when done.").format(
        file=out
    )
