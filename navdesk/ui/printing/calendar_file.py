"""Meetings to Outlook from the GUI: one meeting, or all upcoming, as an .ics file."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from navdesk.calendar import write_meetings_ics
from navdesk.domain.text import OSLO
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.ui.printing import native


def save_meetings_ics(
    parent: QWidget | None,
    database: Any,
    actor: Any,
    meeting_ids: Sequence[uuid.UUID] | None = None,
    *,
    today: date | None = None,
) -> Path | None:
    """Ask where and write the calendar file: ``meeting_ids``, or all meetings from today on; the path or None."""
    today = today or datetime.now(OSLO).date()
    name = "{what}-{day}.ics".format(what=_("meetings"), day=today.isoformat())
    chosen = native.ask_ics_path(parent, str(Path.home() / name))
    if not chosen:
        return None
    out = Path(chosen)
    try:
        with database.session() as session, session.begin():
            count = write_meetings_ics(
                session, actor, out, since=None if meeting_ids is not None else today, meeting_ids=meeting_ids
            )
    except (OSError, UserError) as exc:
        reason = native.os_error_text(exc, out) if isinstance(exc, OSError) else str(exc)
        native.show_error(parent, _("The calendar file could not be saved: {error}").format(error=reason))
        return None
    native.show_info(
        parent,
        ngettext(
            "{n} meeting saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
            "{n} meetings saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
            count,
        ).format(n=count, file=out),
    )
    return out
