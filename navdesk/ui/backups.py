"""Backups and keys in the application: the «Sikkerhetskopier …» dialog (Settings), automatic backups
on close and once a day, the recovery sheet and the key change (Office menu, administrators).

The work is done by :mod:`navdesk.services.backup` (no Qt); this module shows it. A backup folder that
has disappeared (a USB stick pulled out) gives a clear message and nothing else: the database is
untouched and NavDesk goes on.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import format_date
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.ui import theme

log = logging.getLogger("navdesk.ui.backups")
DAY = timedelta(days=1)
CHECK_EVERY_MS = 60 * 60 * 1000  # once an hour: is the newest backup older than a day?
FIRST_CHECK_MS = 15_000  # after start-up, when the window has settled


class Cancelled(Exception):
    """The user pressed Cancel in the progress dialog."""


def data_folder(window: Any) -> Path:
    """The data folder of this machine: where the window's settings file lives."""
    settings = getattr(window, "_settings", None)
    if settings is not None and settings.fileName():
        return Path(settings.fileName()).parent
    from navdesk.paths import data_dir

    return data_dir()


def current_folder(window: Any) -> Path:
    """The backup folder; the default one (in the data folder) is created, a chosen one never is."""
    from navdesk.services import backup

    data = data_folder(window)
    folder = backup.backup_folder(data)
    if folder == backup.default_folder(data):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def local_database(window: Any) -> tuple[Path, Any] | None:
    """(path, key) of the window's database when it is a local file, else None (a server)."""
    database = window.database
    path = database.target.path
    return (path, database.secret) if path is not None else None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def size_text(size: int) -> str:
    from navdesk.cli_backup import size_text as text

    return text(size)


def _made(info: Any) -> str:
    if info.made_at is None:
        return "–"
    made = info.made_at.astimezone()
    return f"{format_date(made.date())} {made:%H:%M}"


# -- making a backup ---------------------------------------------------------------------------------
def backup_now(window: Any, parent: QWidget | None = None) -> Any:
    """«Ta sikkerhetskopi nå»: with a progress dialog for large files; the backup's info, or None (the
    reason shown)."""
    from navdesk.services import backup

    local = local_database(window)
    if local is None:
        return None
    path, secret = local
    progress = QProgressDialog(_("Backing up the database …"), _("Cancel"), 0, 100, parent or window)
    progress.setWindowTitle(_("Backups"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # only large files show it

    def step(done: int, total: int) -> None:
        progress.setValue(int(100 * done / total) if total else 100)
        QApplication.processEvents()
        if progress.wasCanceled():
            raise Cancelled

    try:
        info, removed = backup.backup_to_folder(path, secret, current_folder(window), progress=step)
    except Cancelled:
        window.statusBar().showMessage(_("The backup was cancelled; nothing was written."), 10000)
        return None
    except UserError as exc:
        QMessageBox.warning(parent or window, _("Backups"), str(exc))
        return None
    finally:
        progress.reset()
        progress.deleteLater()
    window.statusBar().showMessage(_("Backup made: {file} ({size}).").format(file=info.path.name,
                                                                            size=size_text(info.size)), 10000)  # fmt: skip
    log.info("backup made (%d bytes, %d old removed)", info.size, len(removed))
    return info


class _Carrier(QObject):
    done = Signal(object, object)  # (info or None, message or None)


class AutoBackup(QObject):
    """Backups on close and once a day (when the newest one is older than a day), in the background
    while the window is open. ``last_message`` keeps the last problem for tests and the dialog."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.last_message: str | None = None
        self.last_info: Any = None
        self._thread: threading.Thread | None = None
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._finished)
        window.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_daily)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_daily)  # not after the window is gone

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.on_close()
        return False

    def due(self, now: datetime | None = None) -> bool:
        """Whether a daily backup is due: no backup of this database yet, or the newest older than a day."""
        from navdesk.services import backup

        local = local_database(self.window)
        if local is None:
            return False
        age = backup.newest_backup_age(current_folder(self.window), local[0].stem, now)
        return age is None or age >= DAY

    def check_daily(self) -> bool:
        """Start a background backup when one is due; whether it started."""
        if self._thread is not None:
            return False
        try:
            if not self.due():
                return False
        except UserError as exc:
            self._report(str(exc))
            return False
        local = local_database(self.window)
        assert local is not None
        folder = current_folder(self.window)

        def work() -> None:
            from navdesk.services import backup

            try:
                info, _removed = backup.backup_to_folder(local[0], local[1], folder)
            except UserError as exc:
                self._carrier.done.emit(None, str(exc))
            except Exception:
                log.exception("automatic backup failed")
                self._carrier.done.emit(
                    None, _("The automatic backup failed. Your data is safe in the database.")
                )
            else:
                self._carrier.done.emit(info, None)

        self._thread = threading.Thread(target=work, name="navdesk-backup", daemon=True)
        self._thread.start()
        return True

    def wait(self) -> None:
        """Let a background backup finish (tests; closing)."""
        if self._thread is not None:
            self._thread.join()
            QApplication.processEvents()

    def _finished(self, info: Any, message: str | None) -> None:
        self._thread = None
        self.last_info = info
        if info is not None:
            self.last_message = None  # a later problem is told again
        if message:
            self._report(message)
        elif info is not None:
            self.window.statusBar().showMessage(
                _("Daily backup made: {file}.").format(file=info.path.name), 10000
            )

    def _report(self, message: str) -> None:
        """A problem with an automatic backup: told once (not every hour while the stick is out), without
        stopping anyone's work."""
        again = message == self.last_message
        self.last_message = message
        self.window.statusBar().showMessage(message, 30000)
        if again:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("Backups"), message, QMessageBox.StandardButton.Ok, self.window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal: NavDesk goes on

    def on_close(self) -> Any:
        """The backup on close, in the foreground (the window is going away), with progress when it is large."""
        self.timer.stop()
        self.wait()
        if local_database(self.window) is None:
            return None
        try:
            info = backup_now(self.window)
        except Exception:  # never stand in the way of closing
            log.exception("backup on close failed")
            return None
        if info is not None:
            self.last_info = info
        return info


def start_auto_backups(window: Any) -> AutoBackup | None:
    """Backups on close and daily for the application's window (not in the benchmark)."""
    if os.environ.get("NAVDESK_BENCH_READY") == "1" or window.database.target.path is None:
        return None
    window.auto_backup = AutoBackup(window)
    return window.auto_backup


# -- the dialog ------------------------------------------------------------------------------------------
class BackupsDialog(QDialog):
    """The backup folder, the backups in it (date, size, key), «Back up now» and «Restore …»."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(_("Backups"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(_("NavDesk backs up the database when you close it and once a day, encrypted like the "
                         "database. The newest 7 daily and 4 weekly backups are kept. Choose a folder on a USB stick "
                         "or a network drive, so that a lost laptop does not mean lost data."))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Backup folder:")))
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(_("Backup folder"))
        row.addWidget(self.folder_edit, 1)
        self.choose_button = QPushButton(_("Choose folder …"))
        self.choose_button.clicked.connect(self.choose_folder)
        row.addWidget(self.choose_button)
        self.default_button = QPushButton(_("Use the default folder"))
        self.default_button.clicked.connect(self.use_default)
        row.addWidget(self.default_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
        self.table.setAccessibleName(_("Backups in the folder"))
        self.table.setHorizontalHeaderLabels([_("Made"), _("Size"), _("Key"), _("Can be checked")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.backup_button = buttons.addButton(_("Back up now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = buttons.addButton(_("Restore …"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close window"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.backups: list[Any] = []
        self.refresh()

    def refresh(self) -> None:
        from navdesk.services import backup
        from navdesk.services.backup import key_fingerprint

        self.table.setRowCount(0)
        self.backups = []
        local = local_database(self.window_)
        if local is None:
            self.folder_edit.setText("")
            self.status.setText(_("The office database is on a database server: it is backed up with the server's "
                                  "own backups (ask IT)."))  # fmt: skip
            for button in (self.choose_button, self.default_button, self.backup_button, self.restore_button):
                button.setEnabled(False)
            return
        path, secret = local
        data = data_folder(self.window_)
        folder = backup.backup_folder(data)
        self.folder_edit.setText(str(folder))
        self.default_button.setEnabled(backup.chosen_folder(data) is not None)
        try:
            self.backups = backup.list_backups(current_folder(self.window_), path.stem)
        except UserError as exc:
            self.status.setText(str(exc))
            theme.style(self.status, "color: {warn};")
            self.backup_button.setEnabled(False)
            self._update_buttons()
            return
        self.status.setStyleSheet("")
        self.backup_button.setEnabled(True)
        current = key_fingerprint(secret)
        if not self.backups:
            self.status.setText(_("No backups in this folder yet."))
        else:
            newest = self.backups[0]
            self.status.setText(ngettext("{n} backup; the newest from {made}.", "{n} backups; the newest from {made}.",
                                         len(self.backups)).format(n=len(self.backups), made=_made(newest)))  # fmt: skip
        for info in self.backups:
            r = self.table.rowCount()
            self.table.insertRow(r)
            if not info.encrypted:
                key = _("NOT encrypted")
            elif not info.key_fingerprint:
                key = _("unknown key")
            elif info.key_fingerprint == current:
                key = _("the current key")
            else:
                key = _("an older key ({fp})").format(fp=info.key_fingerprint)
            checked = _("yes") if info.manifest else _("no: its .json file is missing")
            for c, text in enumerate((_made(info), size_text(info.size), key, checked)):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(info.path))
                self.table.setItem(r, c, item)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        admin = str(getattr(self.window_.actor, "access_role", "")) == "admin"
        self.restore_button.setEnabled(admin and self.selected() is not None)
        self.restore_button.setToolTip("" if admin else _("Only an administrator can restore a backup."))

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows and rows[0].row() < len(self.backups) else None

    def choose_folder(self) -> None:
        from navdesk.services import backup

        chosen = QFileDialog.getExistingDirectory(self, _("Folder for the backups"), self.folder_edit.text())
        if not chosen:
            return
        try:
            backup.set_backup_folder(data_folder(self.window_), Path(chosen))
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, _("Backups"), str(exc))
        self.refresh()

    def use_default(self) -> None:
        from navdesk.services import backup

        backup.set_backup_folder(data_folder(self.window_), None)
        self.refresh()

    def back_up(self) -> Any:
        info = backup_now(self.window_, self)
        self.refresh()
        return info

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        if not confirm(self, _("Restore backup"),
                       _("Restore the backup from {made}? Everything saved after it is replaced by the backup's "
                         "contents. The database as it is now is kept as a copy next to it, and NavDesk reopens the "
                         "database.").format(made=_made(info))):  # fmt: skip
            return False
        done = restore_backup(self.window_, info.path, self)
        self.refresh()
        return done


def restore_backup(window: Any, backup_file: Path, parent: QWidget | None = None) -> bool:
    """Restore ``backup_file`` into the open database and reopen it in the window; whether it worked."""
    from navdesk.services.restore import restore_into

    if not window._database_ready():
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restored = restore_into(window.database, window.actor, backup_file)
    except UserError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent or window, _("Restore backup"), str(exc))
        return False
    QApplication.restoreOverrideCursor()
    reopen(window)
    kept = restored.kept.name if restored.kept else "–"
    window.statusBar().showMessage(_("The backup from {made} is restored. The database as it was is kept as {kept}.")
                                   .format(made=_made(restored.verified.info), kept=kept), 30000)  # fmt: skip
    return True


def reopen(window: Any) -> None:
    """After the database file was replaced: read everything on screen again."""
    window.portfolio.reload(today=window.today)
    window.portfolio.attach_database(window.database)
    window.deadlines_book = None
    window.load_deadlines_in_background()


# -- keys (Office menu, administrators) ----------------------------------------------------------------
def print_recovery_sheet(window: Any) -> Path | None:
    """Build the recovery sheet (audited) and save it as a PDF for printing."""
    from navdesk.documents.recovery import render_recovery_sheet
    from navdesk.services.keys_admin import recovery_sheet
    from navdesk.ui.printing import native

    if not window._database_ready():
        return None
    out: Path | None = None
    try:
        with window.database.session() as session, session.begin():  # audited only when it was saved
            sheet = recovery_sheet(session, window.actor, window.database, current_folder(window),
                                   today=window.today)  # fmt: skip
            out = native.save_pdf(window, render_recovery_sheet(sheet), _("recovery-sheet.pdf"))
            if out is None:
                raise Cancelled
    except Cancelled:
        return None
    except UserError as exc:
        QMessageBox.warning(window, _("Recovery sheet"), str(exc))
        return None
    window.statusBar().showMessage(_("Saved to {file}. It holds the database key: print it for the safe and "
                                     "delete the file.").format(file=out), 30000)  # fmt: skip
    return out


def change_key(window: Any) -> Any:
    """Change the database key after confirming; a new passphrase is asked for when there is no keyring."""
    from navdesk.db.keys import Secret
    from navdesk.services.keys_admin import change_key as change
    from navdesk.services.keys_admin import in_keyring, require_key

    if not window._database_ready():
        return None
    try:
        secret = require_key(window.database)
    except UserError as exc:
        QMessageBox.warning(window, _("Change database key"), str(exc))
        return None
    if not confirm(window, _("Change database key"),
                   _("Change the key of the database (for example when someone leaves)? Backups made from now on use "
                     "the new key; older backups still need the old one. Print a new recovery sheet afterwards.")):  # fmt: skip
        return None
    assert window.database.target.path is not None
    new: Secret | None = None
    if not (secret.raw and in_keyring(window.database.target.path, secret)):
        typed, ok = QInputDialog.getText(window, _("Change database key"), _("New passphrase (at least 8 characters):"),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok or not typed:
            return None
        again, ok = QInputDialog.getText(window, _("Change database key"), _("Repeat the new passphrase:"),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok:
            return None
        if again != typed:
            QMessageBox.warning(window, _("Change database key"), _("The passphrases differ."))
            return None
        new = Secret(typed, raw=False)
    try:
        result = change(window.database, window.actor, new)
    except UserError as exc:
        QMessageBox.warning(window, _("Change database key"), str(exc))
        return None
    QMessageBox.information(window, _("Change database key"),
                            _("The key is changed. Print a new recovery sheet now, and keep the old one as long as backups made before "
                              "today exist: they need the old key."))  # fmt: skip
    return result


def install(window: Any) -> None:
    """The menu actions: «Sikkerhetskopier …» under Settings; recovery sheet and key change under Office
    for administrators."""
    window.backups_action = window.settings_menu.addAction(_("Backups …"))
    window.backups_action.triggered.connect(lambda: open_dialog(window))
    if str(getattr(window.actor, "access_role", "")) == "admin":
        window.recovery_sheet_action = window.office_menu.addAction(_("Print recovery sheet …"))
        window.recovery_sheet_action.triggered.connect(lambda: print_recovery_sheet(window))
        window.change_key_action = window.office_menu.addAction(_("Change database key …"))
        window.change_key_action.triggered.connect(lambda: change_key(window))


def open_dialog(window: Any) -> BackupsDialog | None:
    if not window._database_ready():
        return None
    dialog = BackupsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- a damaged database at start-up --------------------------------------------------------------------
def offer_restore(
    path: Path, problem: str, data_dir: Path, secrets: list[Any], parent: QWidget | None = None
) -> bool:
    """The database at ``path`` is damaged: offer the newest backup that verifies; whether it was restored."""
    from navdesk.services import backup

    folders = [backup.backup_folder(data_dir), backup.default_folder(data_dir)]
    found = backup.latest_good_backup(folders, path.stem, secrets)
    if found is None:
        return False
    if not confirm(parent, _("The database is damaged"),
                   _("{problem}\n\nThe newest backup that checks out is from {made} ({file}). Restore it? The "
                     "damaged database is kept as a copy next to it; what was saved after the backup is not in it.")
                   .format(problem=problem, made=_made(found.info), file=found.info.path.name)):  # fmt: skip
        return False
    try:
        backup.restore_file(found.info.path, path, secrets=[found.secret])
    except UserError as exc:
        QMessageBox.critical(parent, _("NavDesk"), str(exc))
        return False
    return True
