"""A guard against a reference-count bug in PySide6 6.12.0 on Python 3.11 (decision 0010).

Every call from Python to a Qt function that returns nothing (``label.setText(...)``,
``painter.save()`` …) gives back ``None`` one reference short. On Python 3.12 and later ``None`` is
immortal and nothing happens; on 3.11 its count falls by one per call, and after some hundred
thousand calls Python frees ``None`` and aborts ("Fatal Python error: none_dealloc"). A veileder
scrolling the plan board for an hour would get there.

Until NavDesk moves to a PySide6 without the bug (6.11.3 has it not; 6.12 is the only release with
the PDF viewer as a small wheel), the guard gives ``None`` the references it loses back before they
run low: it raises CPython's count of ``None`` directly (the count is the first word of every object;
3.11 only, where the bug bites). A reserve held in a list would not do: at exit Python frees the list,
the count falls again, and the process aborts while shutting down. Nothing is done where the bug is
absent.
"""

from __future__ import annotations

import sys
from typing import Any

FLOOR = 2_000_000  # top up when None has fewer references than this
CHUNK = 4_000_000  # references given back per top-up

_checked: bool | None = None


def leaks_none() -> bool:
    """Whether this Python and PySide6 lose a reference to ``None`` per call (measured once)."""
    global _checked
    if _checked is None:
        if sys.version_info >= (3, 12):
            _checked = False
        else:
            from PySide6.QtCore import QObject

            probe = QObject()
            before = sys.getrefcount(None)
            for _ in range(200):
                probe.setObjectName("navdesk")
            _checked = sys.implementation.name == "cpython" and sys.getrefcount(None) < before - 100
    return _checked


def top_up() -> bool:
    """Give ``None`` (and ``True``, ``False``) :data:`CHUNK` references when one has fewer than
    :data:`FLOOR`; whether it did."""
    if not leaks_none():
        return False
    import ctypes

    added = False
    for singleton in (None, True, False):  # True and False: objects torn down at exit lose those too
        if sys.getrefcount(singleton) < FLOOR:
            count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field of PyObject
            count.value += CHUNK
            added = True
    return added


def install(app: Any) -> Any:
    """Top up now and every second while ``app`` runs; the timer, or None where the bug is absent."""
    if not leaks_none():
        return None
    from PySide6.QtCore import QTimer

    top_up()
    timer = QTimer(app)
    timer.setObjectName("navdeskNoneGuard")
    timer.timeout.connect(top_up)
    timer.start(1000)
    return timer
