"""The application: Qt set-up (bokmål locale and Qt's own dialogs in Norwegian), opening the office
database (first run, passphrase, clear messages for what the user can fix), the error dialog for bugs,
and the main window.

Start-up is kept lean: nothing here imports ReportLab or Alembic; the database layer is imported when
the database is opened.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from navdesk.i18n import _

log = logging.getLogger("navdesk.ui")
BENCH_ENV = "NAVDESK_BENCH_READY"
_translators: list[QTranslator] = []  # kept alive as long as the application


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), with NavDesk's names, locale and translations."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("NAV")
        QCoreApplication.setApplicationName("NavDesk")
        QGuiApplication.setDesktopFileName("no.navdesk.NavDesk")  # the .deb's desktop entry (window grouping)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    from navdesk.ui.language import qt_locale

    QLocale.setDefault(qt_locale())
    install_translators(app)
    from navdesk.ui import theme

    if app.property("navdeskAppearance") is None:  # once: light or dark as the system (or NAVDESK_APPEARANCE)
        app.setProperty("navdeskAppearance", theme.apply_appearance(app))
        theme.follow_system(app)
        app.setWindowIcon(app_icon())
    if app.findChild(QObject, "navdeskNoneGuard") is None:
        from navdesk.ui import none_guard

        none_guard.install(app)
    return app


def app_icon() -> QIcon:
    """NavDesk's icon (SVG, sharp at every size and scale)."""
    from navdesk.resources import resource_path

    return QIcon(str(resource_path("icons", "navdesk.svg")))


def install_translators(app: QCoreApplication) -> None:
    """Qt's own texts (OK/Avbryt, file dialog, context menus) in the user's language."""
    from navdesk.i18n import language

    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    lang = language()
    translator = QTranslator(app)
    loaded = False
    if lang == "nn":
        loaded = translator.load("qtbase_nn", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not loaded and lang in ("nb", "nn"):
        from navdesk.resources import resource_path

        loaded = translator.load(str(resource_path("qt", "qtbase_nb.qm")))
    if loaded:
        app.installTranslator(translator)
        _translators.append(translator)


# -- bugs --------------------------------------------------------------------------------------------
_in_hook = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug: log where it happened (no message, no values: they may hold personal data) and tell the
    user their data is saved."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from navdesk.logs import log_crash

    log_crash(exc_type, tb, "navdesk.ui")
    if _in_hook or QApplication.instance() is None:
        return
    _in_hook = True
    try:
        QMessageBox.critical(
            None,
            _("NavDesk hit an error"),
            _(
                "NavDesk hit an error it did not expect. Your data is saved: everything you saved "
                "before this is kept. If it happens again, tell IT what you were doing and when."
            ),
        )
    finally:
        _in_hook = False


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    """A bug in a worker thread: logged like any other (no message, no values); no dialog from there."""
    from navdesk.logs import log_crash

    if args.exc_type is not SystemExit:
        log_crash(args.exc_type, args.exc_traceback, "navdesk.ui")


def setup_logging(data_dir: str | os.PathLike[str] | None) -> None:
    from navdesk.logs import setup_logging as setup

    setup(data_dir)


# -- opening -----------------------------------------------------------------------------------------
def ask_passphrase(path: Path, attempt: int) -> str | None:
    """The ``ask`` callback for ``open_database``: the passphrase dialog."""
    from navdesk.ui.passphrase import PassphraseDialog

    typed = PassphraseDialog.ask(path, attempt)
    if typed:  # kept in memory only, to open a backup if the database turns out to be damaged
        _typed[str(path)] = typed
    return typed


_typed: dict[str, str] = {}


def _offer_backup(path: Path | None, problem: Exception, data_dir: str | os.PathLike[str] | None,
                  parent: QWidget | None = None) -> bool:  # fmt: skip
    """A damaged local database: offer the newest backup that verifies (navdesk.ui.backups); whether it
    was restored."""
    from navdesk.errors import NotADatabase

    if path is None or not isinstance(problem, NotADatabase):
        return False
    from navdesk.db.keys import Secret
    from navdesk.paths import data_dir as find_data_dir
    from navdesk.services.restore import known_secrets
    from navdesk.ui.backups import offer_restore

    typed = _typed.get(str(path))
    secrets = known_secrets(path, Secret.from_user_text(typed) if typed else None)
    return offer_restore(path, str(problem), find_data_dir(data_dir), secrets, parent)


def show_user_error(message: str, parent: QWidget | None = None) -> None:
    QMessageBox.critical(parent, _("NavDesk"), message)


class PendingDatabase:
    """Stands in for the database between a fast first paint and the full open (decision 0007)."""

    def __init__(self, quick: Any) -> None:
        from navdesk.db.raw import Target

        self.target = Target(url=f"sqlite:///{quick.path}", path=quick.path)
        self.secret = quick.secret

    @property
    def encrypted(self) -> bool:
        return self.secret is not None

    def session(self) -> Any:
        raise RuntimeError("the database is still being opened")

    def close(self) -> None:
        pass


def open_office(db: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None,
                user: str | None, *, _retry: bool = True) -> tuple[Any, Any, Any] | None:  # fmt: skip
    """Open (or, on first run, create) the office database: (database, actor, quick) or None after
    telling the user why not. ``quick`` is the fast start's result (then ``database`` is pending and
    :func:`finish_opening` runs after the first paint), else None. A file that cannot be opened is
    left untouched (the core guarantees it)."""
    from navdesk.db.raw import file_kind, parse_target, translate_error
    from navdesk.errors import UserError
    from navdesk.paths import default_db_path

    location = str(db) if db else str(default_db_path(data_dir))
    database = None
    try:
        target = parse_target(location)
        if target.path is not None and file_kind(target.path) in ("missing", "empty"):
            if file_kind(target.path) == "empty":
                target.path.unlink()
            first = _first_run(target.path, user)
            return (*first, None) if first else None
        if target.path is not None:
            from navdesk.quickstart import quick_open

            quick = quick_open(target.path, user=user or os.environ.get("NAVDESK_USER"), ask=ask_passphrase)
            if quick is not None:
                return PendingDatabase(quick), quick.actor, quick
        from navdesk.db.opening import open_database

        database = open_database(location, ask=ask_passphrase)
        return database, _actor(database, user), None
    except Exception as exc:
        if database is not None:
            database.close()
        friendly = exc if isinstance(exc, UserError) else translate_error(exc, location)
        if friendly is None:
            raise
        if _retry and _offer_backup(parse_target(location).path, friendly, data_dir):
            return open_office(db, data_dir, user, _retry=False)  # the restored backup
        show_user_error(str(friendly))
        return None


def finish_opening(window: Any, quick: Any, *, summary: bool = True, reread: bool = False,
                   data_dir: str | os.PathLike[str] | None = None) -> bool:  # fmt: skip
    """After a fast first paint: open the database fully (integrity check, schema, SQLAlchemy) and hand
    it to the window, then (``summary``) show the start-up summary. On a problem: the message, and the
    window closes."""
    from navdesk.db.raw import translate_error
    from navdesk.errors import UserError

    try:
        from navdesk.db.opening import open_database

        database = open_database(quick.path, ask=ask_passphrase, secret=quick.secret)
    except Exception as exc:
        friendly = exc if isinstance(exc, UserError) else translate_error(exc, str(quick.path))
        if friendly is None:
            raise
        if _offer_backup(quick.path, friendly, data_dir, window):
            return finish_opening(window, quick, summary=summary, reread=True, data_dir=data_dir)
        show_user_error(str(friendly), window)
        window.close()
        QApplication.exit(1)
        return False
    window.attach_database(database)
    if reread:  # a backup was restored: what the fast start showed came from the damaged file
        window.portfolio.reload(today=window.today)
    if summary:
        window.show_startup_summary_in_background()
    return True


def _actor(database: Any, user: str | None) -> Any:
    from navdesk.services.context import actor_for

    with database.session() as session:
        return actor_for(session, user or os.environ.get("NAVDESK_USER"))


def _first_run(path: Path, user: str | None) -> tuple[Any, Any] | None:
    from navdesk.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(path)
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.database is None:
        return None
    return dialog.database, dialog.actor


# -- the benchmark hook ------------------------------------------------------------------------------
class _ReadyAfterPaint(QObject):
    """Prints ``NAVDESK_READY <peak_rss_kb>`` and quits once the portfolio table has painted."""

    def __init__(self, app: QApplication, watched: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._watched = watched
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self._done and obj is self._watched and event.type() == QEvent.Type.Paint:
            self._done = True
            self._watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        import resource

        self._app.processEvents()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"NAVDESK_READY {peak}", flush=True)
        self._app.exit(0)


def run(db: str | os.PathLike[str] | None = None, data_dir: str | os.PathLike[str] | None = None,
        user: str | None = None, lang: str | None = None) -> int:  # fmt: skip
    """Start the application (in ``lang``, else the language chosen on this machine); the exit code."""
    bench = os.environ.get(BENCH_ENV) == "1"
    setup_logging(data_dir)
    from navdesk.ui.language import startup_language
    from navdesk.ui.settings import ui_settings

    startup_language(ui_settings(data_dir), lang)
    app = make_app()
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook
    window: Any = None
    try:
        opened = open_office(db, data_dir, user)
        if opened is None:
            return 1
        database, actor, quick = opened
        from navdesk.ui.settings import ui_settings

        settings = ui_settings(data_dir)
        preselect = user or os.environ.get("NAVDESK_USER")
        while True:
            window = _open_window(
                app, database, actor, quick, settings, preselect, bench=bench, data_dir=data_dir
            )
            code = int(app.exec())
            if not getattr(window, "switching_user", False):
                return code
            database, actor, quick, preselect = window.database, window.actor, None, None  # the next user
            worker = getattr(window, "book_thread", None)
            if worker is not None:  # the deadlines being computed report to this window: let them finish
                worker.join(timeout=60)
            window.deleteLater()
    finally:
        if window is not None:
            window.database.close()
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook


def _open_window(app: QApplication, database: Any, actor: Any, quick: Any, settings: Any, preselect: str | None,
                 *, bench: bool, data_dir: str | os.PathLike[str] | None = None) -> Any:  # fmt: skip
    """The main window, covered by the sign-in screen when the office has several users (issue 9); the
    start-up summary (deadlines, today's meetings, the idle lock) runs once the database is fully open
    and the user has signed in."""
    from navdesk.ui.main_window import MainWindow, _AfterFirstPaint

    window = MainWindow(
        database, actor, settings=settings,
        office=quick.office_name if quick else None, rows=quick.rows if quick else None,
    )  # fmt: skip
    gate = None
    if quick is not None:
        from navdesk.ui.login import LoginUser

        users = [LoginUser(*u) for u in quick.users]
    else:
        from navdesk.ui.login import users_of

        users = users_of(database)
    if len(users) > 1:
        from navdesk.ui.login import add_switch_user, gate_window

        gate = gate_window(window, users, settings=settings, preselect=preselect)
        add_switch_user(window, window.file_menu, lambda: _switch_user(window))
    state = {"open": quick is None, "signed_in": gate is None, "started": False}

    def start() -> None:
        if state["open"] and state["signed_in"] and not state["started"]:
            state["started"] = True
            window.show_startup_summary_in_background()

    def opened() -> None:
        if finish_opening(window, quick, summary=False, data_dir=data_dir):
            state["open"] = True
            start()

    def signed_in(_actor: Any) -> None:
        state["signed_in"] = True
        start()

    watched = gate.screen if gate is not None else window.portfolio.view.viewport()
    if gate is not None:
        gate.signed_in.connect(signed_in)
    if bench:
        _ReadyAfterPaint(app, watched)
    elif quick is not None:  # the full open right after the first paint
        _AfterFirstPaint(watched, opened)
    elif gate is None:
        window.show_summary_after_first_paint()  # the deadlines are computed after the first paint
    if not bench:
        from navdesk.ui.backups import start_auto_backups

        start_auto_backups(window)  # on close, and daily
    window.show()
    return window


def _switch_user(window: Any) -> None:
    """*Bytt bruker*: the window closes (the event loop ends) and :func:`run` opens it again for the next user."""
    window.switching_user = True
    window.close()
