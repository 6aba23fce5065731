"""One place to find the bundled assets (``resources/`` in a checkout, ``navdesk/_resources`` in a wheel)."""

from __future__ import annotations

import sys
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding fonts, catalogues and icons, wherever NavDesk was installed from."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [
        Path(frozen) / "resources" if frozen else None,
        _PKG / "_resources",
        _PKG.parent / "resources",
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_dir():
            return candidate
    raise FileNotFoundError("NavDesk resources folder not found")


def resource_path(*parts: str) -> Path:
    """Path of one bundled asset, e.g. ``resource_path("locale")``."""
    return resources_dir().joinpath(*parts)


def docs_dir() -> Path:
    """The folder holding the user guide and its screenshots (``docs/`` in a checkout; ``docs`` next
    to ``resources`` in a frozen build, ``navdesk/_docs`` in a wheel)."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "docs" if frozen else None, _PKG / "_docs", _PKG.parent / "docs"]
    for candidate in candidates:
        if candidate is not None and (candidate / "brukerveiledning.md").is_file():
            return candidate
    raise FileNotFoundError("NavDesk user guide (brukerveiledning.md) not found")
