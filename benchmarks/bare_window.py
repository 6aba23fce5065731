"""The baseline for start-up: a bare PySide6 window, started and measured the way NavDesk is.

A QMainWindow with an empty QTableView is shown; once the table has painted once the script prints
``NAVDESK_READY <peak_rss_kb>`` (the line ``python -m navdesk`` prints with ``NAVDESK_BENCH_READY=1``)
and exits 0. Run as ``python benchmarks/bare_window.py``; it imports nothing from NavDesk.
"""

from __future__ import annotations

import sys


def peak_rss_kb() -> int:
    """The process's peak resident set size in KiB (0 where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024) if sys.platform == "darwin" else int(peak)  # macOS reports bytes


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    view = QTableView(window)
    window.setCentralWidget(view)
    window.resize(1200, 800)

    def ready() -> None:
        print(f"NAVDESK_READY {peak_rss_kb()}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, ready)  # after the paint has finished
            return False

    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
