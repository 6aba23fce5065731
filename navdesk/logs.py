"""The log file (``logs/navdesk.log`` in the data folder) and crash reports, free of personal data.

What a log line may hold: what happened, where in the code, error *types*, counts and ids. Never a
name, a fødselsnummer or note text. So:

* exceptions are logged as their type and the code locations of the traceback (file, line, function),
  never ``str(exc)`` and never local variables: an error message can quote what the user typed;
* SQL is logged at debug level without its parameters (the engines are made with
  ``hide_parameters=True``, which also keeps values out of SQLAlchemy's error messages);
* the level comes from ``NAVDESK_LOG_LEVEL`` (``DEBUG``, ``INFO`` — the default —, ``WARNING``).
  ``DEBUG`` also logs every SQL statement (SQLAlchemy's echo), parameters hidden.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

LEVEL_ENV = "NAVDESK_LOG_LEVEL"
LOG_NAME = "navdesk.log"
_HANDLER = "navdesk-log"
_LOGGERS = ("navdesk", "sqlalchemy.engine", "alembic")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def scrubbed_traceback(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The error's type and where it happened, without its message or any values."""
    frames = traceback.extract_tb(tb)
    lines = [f'  File "{Path(f.filename).name}", line {f.lineno}, in {f.name}' for f in frames]
    return f"{exc_type.__module__}.{exc_type.__qualname__}\n" + "\n".join(lines)


class PrivateFormatter(logging.Formatter):
    """Formats a logged exception (``log.exception``, ``exc_info=True``) without its message."""

    def formatException(self, ei: ExcInfo) -> str:
        exc_type, _exc, tb = ei
        if exc_type is None:
            return ""
        return scrubbed_traceback(exc_type, tb)


def level() -> int:
    name = os.environ.get(LEVEL_ENV, "").strip().upper()
    chosen = logging.getLevelName(name) if name else logging.INFO
    return chosen if isinstance(chosen, int) else logging.INFO


def log_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    from navdesk.paths import data_dir as find_data_dir

    return find_data_dir(data_dir) / "logs" / LOG_NAME


def setup_logging(
    data_dir: str | os.PathLike[str] | None = None, *, stderr_fallback: bool = True
) -> Path | None:
    """Log to ``logs/navdesk.log`` in the data folder (the path), or to stderr when it cannot be
    written (None; with ``stderr_fallback=False`` — the CLI, whose stderr is for the user — nowhere)."""
    path: Path | None
    handler: logging.Handler
    try:
        path = log_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        path = None
        handler = logging.StreamHandler(sys.stderr) if stderr_fallback else logging.NullHandler()
    handler.setFormatter(PrivateFormatter(_FORMAT))
    handler.set_name(_HANDLER)
    stop_logging()
    chosen = level()
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if name != "navdesk" and chosen > logging.DEBUG:
            continue  # SQL and migrations are logged only at debug level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if name == "sqlalchemy.engine" else chosen)  # DEBUG there: result rows
    return path


def stop_logging() -> None:
    """Remove (and close) the handlers :func:`setup_logging` added, and the levels it set."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER]:
            logger.removeHandler(old)
            old.close()
        logger.setLevel(logging.NOTSET)


def log_crash(exc_type: type[BaseException], tb: TracebackType | None, where: str = "navdesk") -> None:
    """A bug: where it happened (no message, no values) at error level."""
    logging.getLogger(where).error("Unhandled error: %s", scrubbed_traceback(exc_type, tb))
