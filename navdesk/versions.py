"""What this NavDesk is made of: its version and the versions of the parts that matter to IT support.

One source of truth for the version: ``navdesk.__version__`` (hatch reads it for the package
metadata, ``navdesk --version`` and Hjelp → Om print it, the installers are stamped with it).
"""

from __future__ import annotations

import platform
import sqlite3
import sys

from navdesk import __version__


def is_frozen() -> bool:
    """Whether this is the packaged (PyInstaller) build rather than a Python installation."""
    return bool(getattr(sys, "frozen", False))


def sqlcipher_version() -> str | None:
    """The SQLCipher library's version (``PRAGMA cipher_version``), or None when it cannot be loaded."""
    try:
        import sqlcipher3.dbapi2 as sqlcipher
    except ImportError:
        return None
    conn = sqlcipher.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row and row[0] else None


def component_versions() -> dict[str, str]:
    """NavDesk, Python, SQLite and SQLCipher versions (Qt's are added by the UI, which may import Qt)."""
    return {
        "NavDesk": __version__,
        "Python": f"{platform.python_version()} ({platform.system()} {platform.machine()})",
        "SQLite": sqlite3.sqlite_version,
        "SQLCipher": sqlcipher_version() or "–",
    }
