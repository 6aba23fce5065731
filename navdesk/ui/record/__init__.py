"""The youth record: one window per youth with a header card and six tabs (issue 4, "Youth record")."""

from navdesk.ui.record.window import RecordWindow, RecordWindows

__all__ = ["RecordWindow", "RecordWindows"]
