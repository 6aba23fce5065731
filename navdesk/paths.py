"""Where NavDesk keeps its files: the user's data folder (platformdirs) or ``--data-dir``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP_NAME = "NavDesk"
DB_FILENAME = "navdesk.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the database, backups and settings; created when missing.

    ``override`` (the ``--data-dir`` option) or the ``NAVDESK_DATA_DIR`` variable moves everything,
    for tests and demos.
    """
    chosen = override or os.environ.get("NAVDESK_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser()
    else:
        import platformdirs

        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The office database in the data folder."""
    return data_dir(override) / DB_FILENAME


def backup_dir(db_path: Path) -> Path:
    """Copies made before migrating live next to the database, in ``backups/``."""
    return db_path.parent / "backups"


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """A temporary path next to ``out`` to write to; renamed to ``out`` when the block ends normally.

    On an error (a full disk, a cancelled export) the half-written file is removed and ``out`` is left
    as it was: every export, printout and calendar file is written this way.
    """
    tmp = out.with_name(out.name + ".part")
    try:
        yield tmp
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomically(data: bytes, out: Path) -> None:
    """Write ``data`` to ``out`` through :func:`atomic_output`."""
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
