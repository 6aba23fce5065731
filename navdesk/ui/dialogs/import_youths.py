"""Import youths from a CSV or Excel file: see the rows, map the columns, see every error, import all or none.

The checking and the import are :mod:`navdesk.importing`'s; this dialog shows what it finds. The import
runs in a worker thread with its own session (one transaction), with a progress bar and a cancel button;
cancelling rolls everything back.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk import importing
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.ui import theme

_Index = QModelIndex | QPersistentModelIndex
_ERROR_BACKGROUND = "error_bg"  # theme colours (navdesk.ui.theme)
_ERROR_TEXT = "warn"
_SKIPPED_TEXT = "caution"
_OK_TEXT = "ok"
_PLAIN_TEXT = ""


def choose_file(parent: QWidget | None) -> str | None:
    """Ask for the file to import (the system's file dialog; tests replace this function)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import youths from a file"),
        "",
        _("CSV or Excel files (*.csv *.txt *.xlsx);;All files (*)"),
    )
    return chosen or None


class PreviewModel(QAbstractTableModel):
    """The file's rows as they are; the row headers are the file's row numbers; a cell with a problem is red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table: importing.Table | None = None
        self._fields: dict[int, str] = {}
        self._problems: dict[tuple[int, int], list[str]] = {}  # (model row, column) → messages
        self._row_of: dict[int, int] = {}  # file row number → model row

    def set_table(self, table: importing.Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self._problems = {}
        self._row_of = {number: i for i, (number, _cells) in enumerate(table.rows)} if table else {}
        self.endResetModel()

    def set_fields(self, fields: dict[int, str]) -> None:
        """Which field each column is used as (shown under the column's heading)."""
        self._fields = dict(fields)
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_problems(self, problems: list[importing.Problem]) -> None:
        table = self._table
        self._problems = {}
        if table is not None:
            column_of = {header: i for i, header in reversed(list(enumerate(table.headers)))}
            for problem in problems:
                row, column = self._row_of.get(problem.row), column_of.get(problem.column)
                if row is not None and column is not None:
                    self._problems.setdefault((row, column), []).append(problem.message)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def index_of(self, row_number: int, header: str) -> QModelIndex:
        """The cell of a file row and column (or the row's first cell; invalid if the row is not shown)."""
        row = self._row_of.get(row_number)
        if row is None or self._table is None:
            return QModelIndex()
        column = self._table.headers.index(header) if header in self._table.headers else 0
        return self.index(row, column)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        table = self._table
        if table is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            in_range = 0 <= section < len(table.rows)
            return str(table.rows[section][0]) if in_range and role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(table.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return table.headers[section]
        field = self._fields.get(section)  # the tooltip says what the column is imported as
        return (
            _("Imported as: {field}").format(field=importing.field_labels()[field])
            if field
            else _("(not used)")
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self._table
        if table is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(table.rows) and 0 <= column < len(table.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return importing.cell_text(table.rows[row][1][column])
        messages = self._problems.get((row, column))
        if messages and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.qcolor(_ERROR_BACKGROUND))
        if messages and role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(messages)
        if role == Qt.ItemDataRole.ForegroundRole and column not in self._fields:
            return QBrush(theme.qcolor("faint"))  # a column that is not imported is greyed
        return None


class _Relay(QObject):
    """Carries the worker's progress and result to the GUI thread."""

    progress = Signal(int, int)
    done = Signal(object)


class ImportYouthsDialog(QDialog):
    """Choose a file, check it, map its columns, and import it; ``imported(n)`` after a successful import."""

    imported = Signal(int)
    import_finished = Signal(object)  # the ImportResult, or the UserError that stopped it

    def __init__(
        self, database: Any, actor: Any, parent: QWidget | None = None, *, today: Any = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._today = today
        self._path: Path | None = None
        self._table: importing.Table | None = None
        self._result: importing.ImportResult | None = None
        self._combos: list[QComboBox] = []
        self._running = False
        self._cancel = threading.Event()
        self._relay: Any = None
        self.setWindowTitle(_("Import youths"))

        intro = QLabel(_(
            "Choose a CSV or Excel file with one youth per row. Columns are recognised by their headings "
            "(navn or fornavn and etternavn, fødselsnummer, fødselsdato, telefon, e-post, registreringsdato, "
            "veileder, innsatsgruppe); choose by hand what the other columns are. Nothing is imported until "
            "every row is correct."
        ))  # fmt: skip
        intro.setWordWrap(True)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(_("No file chosen"))
        self.file_edit.setAccessibleName(_("File to import"))
        self.choose_button = QPushButton(_("Choose file …"))
        self.reload_button = QPushButton(_("Read the file again"))
        self.reload_button.setToolTip(_("After correcting the file in Excel and saving it"))
        self.reload_button.setEnabled(False)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(_("File:")))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.reload_button)

        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        self.mapping_table.setHorizontalHeaderLabels([_("Column in the file"), _("Example"), _("Import as")])
        self.mapping_table.setAccessibleName(_("Columns of the file and what they are imported as"))
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 4)
        self.mapping_table.setWordWrap(False)
        self.mapping_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        columns_box = QGroupBox(_("Columns"))
        QVBoxLayout(columns_box).addWidget(self.mapping_table)

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setTabKeyNavigation(False)
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName(_("The rows of the file"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setResizeContentsPrecision(100)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.preview_box = QGroupBox(_("The rows of the file"))
        QVBoxLayout(self.preview_box).addWidget(self.preview)

        top = QSplitter()
        top.addWidget(columns_box)
        top.addWidget(self.preview_box)
        top.setStretchFactor(1, 1)
        top.setSizes([430, 670])

        self.error_list = QListWidget()
        self.error_list.setAccessibleName(_("Errors by row and column"))
        self.errors_box = QGroupBox(_("Errors"))
        QVBoxLayout(self.errors_box).addWidget(self.error_list)
        self.error_list.setWordWrap(True)
        self.error_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error_list.setMinimumHeight(self.fontMetrics().height() * 5)
        splitter = QSplitter(Qt.Orientation.Vertical)  # the user can give the errors more room
        splitter.addWidget(top)
        splitter.addWidget(self.errors_box)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([400, 220])

        self.skip_check = QCheckBox(
            _(
                "Skip youths who are already registered or repeated in the file (duplicates) instead of stopping"
            )
        )
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close_text = self.close_button.text()  # Qt's own "Lukk" (the msgid "Close" is the intensity)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.skip_check)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.buttons)
        self.resize(1100, 720)

        self.choose_button.clicked.connect(self.choose)
        self.reload_button.clicked.connect(lambda: self._path is not None and self.load_file(self._path))
        self.skip_check.toggled.connect(lambda _on: self.check())
        self.error_list.itemActivated.connect(self._show_problem)
        self.error_list.itemClicked.connect(self._show_problem)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self._close_or_cancel)

    # -- the file ----------------------------------------------------------------------------------
    def choose(self) -> None:
        path = choose_file(self)
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Read the file, recognise its columns and check it; False (with the reason shown) if it cannot be read."""
        self._path = Path(path)
        self.file_edit.setText(str(self._path))
        self.reload_button.setEnabled(True)
        try:
            table = importing.read_table(self._path)
        except UserError as exc:
            self._table = None
            self.preview_model.set_table(None)
            self._fill_mapping()
            self._set_summary(str(exc), _ERROR_TEXT)
            self.error_list.clear()
            self.import_button.setEnabled(False)
            return False
        self._table = table
        self._result = None
        self.preview_model.set_table(table)
        self.preview_box.setTitle(
            ngettext(
                "The rows of the file ({n} row)", "The rows of the file ({n} rows)", len(table.rows)
            ).format(n=len(table.rows))
        )
        self._fill_mapping()
        self.check()
        self.preview.resizeColumnsToContents()
        for column in range(self.preview_model.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))
        return True

    def _fill_mapping(self) -> None:
        table = self._table
        self._combos = []
        self.mapping_table.setRowCount(0)
        if table is None:
            return
        guessed = importing.guess_mapping(table.headers)
        labels = importing.field_labels()
        self.mapping_table.setRowCount(len(table.headers))
        for column, header in enumerate(table.headers):
            example = next(
                (importing.cell_text(c[column]) for _n, c in table.rows if importing.cell_text(c[column])), ""
            )
            self.mapping_table.setItem(column, 0, QTableWidgetItem(header))
            example_item = QTableWidgetItem(example)
            example_item.setToolTip(example)
            self.mapping_table.setItem(column, 1, example_item)
            combo = QComboBox()
            combo.setAccessibleName(_("Import the column «{column}» as").format(column=header))
            combo.addItem(_("(not used)"), "")
            for name in importing.FIELDS:
                combo.addItem(labels[name], name)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(column, ""))))
            combo.currentIndexChanged.connect(lambda _i: self.check())
            self.mapping_table.setCellWidget(column, 2, combo)
            self._combos.append(combo)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.resizeColumnToContents(2)

    def set_column_field(self, header: str, field: str | None) -> None:
        """Choose what a column is imported as (what the user does with the column's combo box)."""
        assert self._table is not None
        combo = self._combos[self._table.headers.index(header)]
        combo.setCurrentIndex(combo.findData(field or ""))

    def mapping(self) -> dict[str | int, str | None]:
        """Column index → field (None: not used), as chosen in the combo boxes."""
        return {i: (combo.currentData() or None) for i, combo in enumerate(self._combos)}

    # -- checking ----------------------------------------------------------------------------------
    def check(self) -> importing.ImportResult | None:
        """Check every row with the current columns (nothing is written) and show what was found."""
        if self._table is None or self._running:
            return None
        mapping = self.mapping()
        fields = {i: str(combo.currentData()) for i, combo in enumerate(self._combos) if combo.currentData()}
        self.preview_model.set_fields(fields)
        try:
            with self._database.session() as session:
                result = importing.import_youths(
                    session, self._actor, self._table, mapping=mapping, dry_run=True,
                    skip_duplicates=self.skip_check.isChecked(), today=self._today,
                )  # fmt: skip
        except UserError as exc:
            self._result = None
            self.preview_model.set_problems([])
            self.error_list.clear()
            self._set_summary(str(exc), _ERROR_TEXT)
            self.import_button.setEnabled(False)
            return None
        self._result = result
        self.preview_model.set_problems(result.errors)
        self._list_problems(result)
        if result.errors:
            text = ngettext(
                "{errors} error in {rows} of {n} rows. Correct the file (or choose what the columns are) "
                "and read it again: nothing is imported while there are errors.",
                "{errors} errors in {rows} of {n} rows. Correct the file (or choose what the columns are) "
                "and read it again: nothing is imported while there are errors.",
                len(result.errors),
            ).format(errors=len(result.errors), rows=result.rows_with_errors, n=result.rows_read)
            self._set_summary(text, _ERROR_TEXT)
        elif result.to_import == 0:
            self._set_summary(_("There is nothing to import in this file."), _SKIPPED_TEXT)
        else:
            text = ngettext("Ready: {n} youth can be imported.", "Ready: {n} youths can be imported.",
                            result.to_import).format(n=result.to_import)  # fmt: skip
            if result.periods:
                text += " " + ngettext(
                    "{n} follow-up period will be opened.",
                    "{n} follow-up periods will be opened.",
                    result.periods,
                ).format(n=result.periods)
            if result.skipped:
                text += " " + ngettext(
                    "{n} duplicate will be skipped.", "{n} duplicates will be skipped.", len(result.skipped)
                ).format(n=len(result.skipped))
            self._set_summary(text, _OK_TEXT)
        self.import_button.setEnabled(result.ok and result.to_import > 0)
        return result

    def _list_problems(self, result: importing.ImportResult) -> None:
        self.error_list.clear()
        for problem in result.errors:
            item = QListWidgetItem(str(problem))
            item.setData(Qt.ItemDataRole.UserRole, (problem.row, problem.column))
            item.setForeground(QBrush(theme.qcolor(_ERROR_TEXT)))
            self.error_list.addItem(item)
        for problem in result.skipped:
            item = QListWidgetItem(_("Skipped: {problem}").format(problem=problem))
            item.setData(Qt.ItemDataRole.UserRole, (problem.row, problem.column))
            item.setForeground(QBrush(theme.qcolor(_SKIPPED_TEXT)))
            self.error_list.addItem(item)
        if result.errors:
            title = _("Errors ({n})").format(n=len(result.errors))
        elif result.skipped:
            title = _("Skipped duplicates ({n})").format(n=len(result.skipped))
        else:
            title = _("Errors (none)")
        self.errors_box.setTitle(title)

    def _show_problem(self, item: QListWidgetItem) -> None:
        row, column = item.data(Qt.ItemDataRole.UserRole)
        index = self.preview_model.index_of(row, column)
        if index.isValid():
            self.preview.setCurrentIndex(index)
            self.preview.scrollTo(index)

    def _set_summary(self, text: str, colour: str) -> None:
        """The summary line in bold, in a theme colour (``""``: the normal text colour)."""
        self.summary_label.setText(text)
        shade = f"color: {theme.colour(colour)}; " if colour else ""
        self.summary_label.setStyleSheet(shade + "font-weight: bold;")

    # -- importing ---------------------------------------------------------------------------------
    def start_import(self) -> None:
        """Import in a worker thread (its own session, one transaction); the result arrives in :meth:`_finished`."""
        result = self.check()
        if result is None or not result.ok or result.to_import == 0 or self._running:
            return
        self._running = True
        self._cancel.clear()
        for widget in (
            self.choose_button,
            self.reload_button,
            self.mapping_table,
            self.skip_check,
            self.import_button,
        ):
            widget.setEnabled(False)
        self.close_button.setText(_("Cancel import"))
        self.progress_bar.setRange(0, result.to_import)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self._set_summary(_("Importing …"), _PLAIN_TEXT)
        relay = _Relay(self)
        relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        relay.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._relay = relay
        database, actor, table, today = self._database, self._actor, self._table, self._today
        assert table is not None
        mapping, skip, cancel = self.mapping(), self.skip_check.isChecked(), self._cancel

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise importing.ImportCancelled()
            relay.progress.emit(done, total)

        def work() -> None:
            try:
                with database.session() as session, session.begin():
                    outcome: Any = importing.import_youths(
                        session,
                        actor,
                        table,
                        mapping=mapping,
                        skip_duplicates=skip,
                        today=today,
                        progress=progress,
                    )
            except UserError as exc:
                outcome = exc
            except Exception as exc:  # a bug: reported in the GUI thread, nothing was written
                from navdesk.db.engine import translate_error

                outcome = translate_error(exc) or exc
            relay.done.emit(outcome)

        threading.Thread(target=work, name="navdesk-import", daemon=True).start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setValue(done)
        self._set_summary(_("Importing … {done} of {total}").format(done=done, total=total), _PLAIN_TEXT)

    def _finished(self, outcome: Any) -> None:
        self._running = False
        self._relay = None
        self.progress_bar.hide()
        self.close_button.setText(self._close_text)
        for widget in (self.choose_button, self.reload_button, self.mapping_table, self.skip_check):
            widget.setEnabled(True)
        if isinstance(outcome, importing.ImportResult) and outcome.errors:
            self.check()  # the data changed since the check (someone registered a youth meanwhile)
        elif isinstance(outcome, importing.ImportResult):
            self._result = outcome
            self.import_button.setEnabled(False)  # done: importing again would only find duplicates
            self._set_summary(outcome.summary(), _OK_TEXT)
            self.imported.emit(outcome.imported)
        elif isinstance(outcome, UserError):
            self.check()
            self._set_summary(str(outcome), _ERROR_TEXT)  # e.g. cancelled: nothing was imported
        else:
            self._set_summary(
                _("The import failed because of an error in NavDesk. Nothing was imported."), _ERROR_TEXT
            )
        self.import_finished.emit(outcome)
        if isinstance(outcome, Exception) and not isinstance(outcome, UserError):
            raise outcome  # to the application's error report

    def _close_or_cancel(self) -> None:
        if self._running:
            self._cancel.set()
            self._set_summary(_("Cancelling … nothing will be imported."), _ERROR_TEXT)
        else:
            self.reject()

    def reject(self) -> None:
        if self._running:  # Esc or the window's close button during an import: cancel it first
            self._cancel.set()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            self._cancel.set()
            event.ignore()
            return
        super().closeEvent(event)
