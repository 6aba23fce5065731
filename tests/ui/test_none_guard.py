"""The guard against PySide6 6.12.0's lost references to None on Python 3.11 (decision 0010): without
it a long session aborts with "none_dealloc"; with it, millions of Qt calls later, Python still runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    from navdesk.ui import none_guard
    from navdesk.ui.app import make_app
    from PySide6.QtCore import QObject
    guard = sys.argv[1] == "guard"
    if guard:
        app = make_app(["navdesk"])
    probe = QObject()
    for i in range(int(sys.argv[2])):
        probe.setObjectName("x")  # a Qt function that returns nothing
        if guard and i % 100_000 == 0:
            none_guard.top_up()  # what the application's one-second timer does
    print("alive", none_guard.leaks_none())
    """
)


def _run(mode: str, calls: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode, str(calls)], capture_output=True, text=True,
                          timeout=240, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_many_qt_calls_with_the_guard_keep_python_alive() -> None:
    from navdesk.ui import none_guard

    if not none_guard.leaks_none():
        pytest.skip("this Python and PySide6 do not lose references to None")
    unguarded = _run("bare", 1_000_000)
    assert unguarded.returncode != 0 and "none_dealloc" in unguarded.stderr  # the bug is real here
    guarded = _run("guard", 6_000_000)
    assert guarded.returncode == 0, guarded.stderr[-2000:]
    assert "alive True" in guarded.stdout
