"""Export the portfolio as it is shown: the rows as filtered and sorted, the visible columns in their order.

CSV (semicolon, UTF-8 with BOM so that Excel shows æøå) or Excel (.xlsx), written atomically (a ``.part``
file renamed at the end) and audited. The file is NOT encrypted, and the dialog says so before the file
is chosen. For a youth with a protected address (adressesperre) only the columns known to hold nothing
about where the youth lives or how to reach them are written (:data:`SAFE_COLUMNS`); the others stay
empty, also for columns added to the portfolio later.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navdesk.errors import InvalidInput, UserError
from navdesk.i18n import _, ngettext
from navdesk.paths import atomic_output
from navdesk.ui import theme
from navdesk.ui.models.portfolio_model import (
    COL_AGE,
    COL_LAST_CONTACT,
    COL_NAME,
    COL_NEXT_DEADLINE,
    COL_REGISTERED,
    COL_VEILEDER,
    OBJECT_ROLE,
)

FORMATS = ("csv", "xlsx")
SAFE_COLUMNS = frozenset(
    {COL_NAME, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_NEXT_DEADLINE}
)
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_NUMBER = re.compile(r"[+-]?[\d ]*[\d.,]*")


def visible_columns(view: QTableView) -> list[int]:
    """The view's columns as the user sees them: in their on-screen order, without hidden ones."""
    header = view.horizontalHeader()
    logical = [header.logicalIndex(visual) for visual in range(header.count())]
    return [column for column in logical if not header.isSectionHidden(column)]


def view_rows(
    model: QAbstractItemModel, columns: Sequence[int], *, safe_columns: Collection[int] = SAFE_COLUMNS
) -> tuple[list[str], list[list[str]]]:
    """The headings and the shown text of every row of ``model`` (a proxy: filtered and sorted as shown).

    A row whose youth has a protected address (or whose youth is unknown) keeps only ``safe_columns``.
    """
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    rows = []
    for row in range(model.rowCount()):
        youth = model.index(row, 0).data(OBJECT_ROLE)
        protected = youth is None or bool(getattr(youth, "adressesperre", True))
        rows.append(
            [
                ""
                if protected and column not in safe_columns
                else str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
                for column in columns
            ]
        )
    return headers, rows


def _defused(text: str) -> str:
    """Text that a spreadsheet will not run as a formula (``=``, ``@``, ``+``/``-`` before anything but a number)."""
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not _NUMBER.fullmatch(text)):
        return "'" + text
    return text


def _xlsx_value(text: str) -> Any:
    """Dates as Excel dates and small whole numbers (ages) as numbers, so they sort and sum in Excel."""
    if m := _DATE.fullmatch(text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if text.isdigit() and len(text) <= 3:
        return int(text)
    return text


def write_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: Path, fmt: str) -> None:
    """Write to ``out.part`` and rename it to ``out``, so that a failure leaves no half-written file."""
    if fmt not in FORMATS:
        raise InvalidInput(_("Unknown format {fmt}; choose csv or xlsx.").format(fmt=fmt))
    with atomic_output(out) as tmp:
        if fmt == "csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";")
                writer.writerow([_defused(h) for h in headers])
                writer.writerows([_defused(v) for v in row] for row in rows)
        else:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell

            book = Workbook(write_only=True)
            sheet = book.create_sheet(_("Portfolio")[:31])
            sheet.append(list(headers))
            for row in rows:
                cells = []
                for text in row:
                    cell = WriteOnlyCell(sheet, value=_xlsx_value(text))
                    if isinstance(cell.value, date):
                        cell.number_format = "DD.MM.YYYY"
                    elif isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula
                    cells.append(cell)
                sheet.append(cells)
            book.save(tmp)


def export_view(
    view: QTableView,
    out: Path,
    fmt: str,
    *,
    database: Any,
    actor: Any,
    safe_columns: Collection[int] = SAFE_COLUMNS,
    partner: tuple[Any, str] | None = None,
) -> int:
    """Write the rows and columns ``view`` shows to ``out`` and audit the export; the number of rows written.

    The audit event and the file go together: if the file cannot be written, the event is rolled back.
    ``partner`` (organisation id, reason): the export is for that partner, so the sharing guard runs
    (:func:`navdesk.services.sharing.guard_export`): youths no valid consent covers need the reason.
    """
    from navdesk.db.engine import translate_error
    from navdesk.services import audit

    model = view.model()
    headers, rows = view_rows(model, visible_columns(view), safe_columns=safe_columns)
    with database.session() as session, session.begin():
        if partner is not None:
            from navdesk.services.sharing import guard_export

            ids = [y.id for y in (model.index(r, 0).data(OBJECT_ROLE) for r in range(model.rowCount())) if y]
            guard_export(session, actor, org_id=partner[0], youth_ids=ids, day=date.today(), reason=partner[1],
                         target=out.name)  # fmt: skip
        audit.record(
            session,
            actor,
            "export",
            "youth",
            None,
            after={
                "file": out.name,
                "format": fmt,
                "count": len(rows),
                "columns": headers,
                "what": "portfolio view",
            },
        )
        try:
            write_table(headers, rows, out, fmt)
        except OSError as exc:
            raise translate_error(exc, str(out)) or exc from exc
    return len(rows)


def choose_save_path(parent: QWidget | None, suggested: str, fmt: str) -> str | None:
    """Where to save (the system's save dialog, whose title repeats that the file is not encrypted; tests
    replace this function)."""
    filters = _("CSV for Excel (*.csv)") if fmt == "csv" else _("Excel workbook (*.xlsx)")
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the export – the file is NOT encrypted"), suggested, filters
    )
    if chosen and not chosen.lower().endswith("." + fmt):
        chosen += "." + fmt
    return chosen or None


class ExportViewDialog(QDialog):
    """Says what will be exported and that the file is NOT encrypted; asks for the format, then the file.

    ``exported(path, rows)`` after the file is written (the dialog then closes); an error stays in the dialog.
    """

    exported = Signal(object, int)

    def __init__(self, view: QTableView, database: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._database = database
        self._actor = actor
        self.setWindowTitle(_("Export this view"))
        model = view.model()
        shown = model.rowCount()
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in visible_columns(view)]
        what = QLabel(
            ngettext(
                "{n} youth, as the portfolio shows them now (filter, search and sorting), with the columns: {columns}.",
                "{n} youths, as the portfolio shows them now (filter, search and sorting), with the columns: "
                "{columns}.",
                shown,
            ).format(n=shown, columns=", ".join(headers))
        )
        what.setWordWrap(True)
        self.warning_label = QLabel(
            _(
                "The file will NOT be encrypted: anyone who gets hold of it can read it. Save it only where "
                "personal data may be kept, and delete it when you are done."
            )
        )
        self.warning_label.setWordWrap(True)
        theme.style(self.warning_label, "color: {warn}; font-weight: bold;")
        protected = QLabel(
            _(
                "For youths with a protected address (adressesperre) only the name, age, counsellor and dates are "
                "exported."
            )
        )
        protected.setWordWrap(True)
        self.partner_combo = QComboBox()
        self.partner_combo.setAccessibleName(_("Who the export is for"))
        self.partner_combo.addItem(_("For use in the office"), None)
        from navdesk.services.partners import directory

        with database.session() as session:
            for org in directory(session, date.today()):
                self.partner_combo.addItem(_("For a partner: {name}").format(name=org.name), org.id)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(_("Reason for sharing without consent"))
        self.reason_edit.setPlaceholderText(_("Why share without consent? (written to the audit log)"))
        self.reason_edit.hide()
        self.csv_radio = QRadioButton(_("CSV for Excel (semicolon separated)"))
        self.xlsx_radio = QRadioButton(_("Excel workbook (.xlsx)"))
        self.csv_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.csv_radio)
        group.addButton(self.xlsx_radio)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        theme.style(self.error_label, "color: {warn};")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            _("Choose file and export …"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setEnabled(shown > 0)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.warning_label)
        layout.addWidget(protected)
        layout.addWidget(self.partner_combo)
        layout.addWidget(self.csv_radio)
        layout.addWidget(self.xlsx_radio)
        layout.addWidget(self.error_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def format(self) -> str:
        return "xlsx" if self.xlsx_radio.isChecked() else "csv"

    def save(self) -> Path | None:
        """Ask where, write the file, audit it; the path written, or None (cancelled, or the error is shown)."""
        fmt = self.format()
        suggested = str(
            Path.home()
            / "{name}-{day}.{fmt}".format(
                name=_("portfolio"), day=datetime.now().strftime("%Y-%m-%d"), fmt=fmt
            )
        )
        org_id = self.partner_combo.currentData()
        partner = (org_id, self.reason_edit.text()) if org_id is not None else None
        if partner is not None and not self.reason_edit.text().strip() and not self._consent_checked(org_id):
            return None
        chosen = choose_save_path(self, suggested, fmt)
        if not chosen:
            return None
        out = Path(chosen)
        try:
            count = export_view(
                self._view, out, fmt, database=self._database, actor=self._actor, partner=partner
            )
        except UserError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return None
        self.exported.emit(out, count)
        self.accept()
        return out

    def _consent_checked(self, org_id: Any) -> bool:
        """The sharing guard before the file is chosen: True when every youth shown may be shared with the
        partner; else the warning and the reason field are shown (saving again with a reason goes ahead)."""
        from navdesk.services.sharing import youths_without_consent

        model = self._view.model()
        ids = [y.id for y in (model.index(r, 0).data(OBJECT_ROLE) for r in range(model.rowCount())) if y]
        with self._database.session() as session:
            missing = youths_without_consent(session, ids, org_id, date.today())
        if not missing:
            return True
        names = ", ".join(name for _id, name in missing[:10]) + (" …" if len(missing) > 10 else "")
        self.error_label.setText(ngettext(
            "{n} youth in the list has no valid consent that covers this partner: {names}. Write why you share "
            "all the same (it is written to the audit log), or filter the list.",
            "{n} youths in the list have no valid consent that covers this partner: {names}. Write why you share "
            "all the same (it is written to the audit log), or filter the list.", len(missing),
        ).format(n=len(missing), names=names))  # fmt: skip
        self.error_label.show()
        self.reason_edit.show()
        self.reason_edit.setFocus()
        return False


def exported_message(path: Path, count: int) -> str:
    """What the main window's status bar says after an export."""
    return ngettext(
        "{n} youth exported to {file}. The file is NOT encrypted: keep it safe and delete it when done.",
        "{n} youths exported to {file}. The file is NOT encrypted: keep it safe and delete it when done.",
        count,
    ).format(n=count, file=path)
