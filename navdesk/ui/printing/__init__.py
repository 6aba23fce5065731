"""Printing meeting summaries (møtereferat): preview, print, save as PDF, batch, and journalføring.

The lead connects the meeting screens' signals to these:

* ``preview_requested(meeting_id)`` → :func:`open_summary_dialog`
* ``print_requested(list_of_meeting_ids)`` → :func:`print_summaries`

and a menu action "Meetings to Outlook (.ics)" → :func:`save_meetings_ics` (one meeting, or all upcoming).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from navdesk.ui.printing.batch import held_meeting_ids, print_summaries
from navdesk.ui.printing.calendar_file import save_meetings_ics


def open_summary_dialog(parent: QWidget | None, database: Any, actor: Any, meeting_id: uuid.UUID) -> Any:
    """Open the summary dialog for one meeting (modal to ``parent``); returns the dialog after it closes."""
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    dialog = SummaryDialog(database, actor, meeting_id, parent)
    dialog.exec()
    return dialog


def open_unrecorded(parent: QWidget | None, database: Any, actor: Any) -> Any:
    """The list of summaries not yet recorded, opening a summary on double-click (the caller places it)."""
    from navdesk.ui.printing.unrecorded import UnrecordedList

    widget = UnrecordedList(database, actor, parent)

    def _open(meeting_id: uuid.UUID) -> None:
        open_summary_dialog(widget, database, actor, meeting_id)
        widget.refresh()

    widget.open_requested.connect(_open)
    return widget


__all__ = [
    "held_meeting_ids",
    "open_summary_dialog",
    "open_unrecorded",
    "print_summaries",
    "save_meetings_ics",
]
