"""Per-machine UI state (window geometry and the like) in an INI file in the data folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_FILE = "navdesk-ui.ini"


def ui_settings(data_dir: str | os.PathLike[str] | None = None) -> QSettings:
    """The INI settings file in the data folder (``--data-dir`` / ``NAVDESK_DATA_DIR`` move it)."""
    from navdesk.paths import data_dir as find_data_dir

    path = Path(find_data_dir(data_dir)) / SETTINGS_FILE
    return QSettings(str(path), QSettings.Format.IniFormat)
