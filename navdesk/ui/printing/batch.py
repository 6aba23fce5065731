"""Printing many summaries in one go ("all held meetings today / this week"), with progress and cancel."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from navdesk.documents.summary import SummaryOptions, render_summaries, render_summary, summary_language
from navdesk.domain.text import OSLO
from navdesk.errors import UserError
from navdesk.i18n import _, ngettext
from navdesk.paths import write_atomically
from navdesk.services import journal, sharing
from navdesk.services.summaries import summary_data, user_label
from navdesk.ui.printing import native
from navdesk.ui.printing.output import PagePainter, prints_to_file


def held_meeting_ids(database: Any, which: str, today: date | None = None) -> list[uuid.UUID]:
    """The held meetings today (``"today"``) or this week (``"week"``), for :func:`print_summaries`."""
    with database.session() as session:
        return journal.held_meetings_in(session, which, today or datetime.now(OSLO).date())


def print_input(database: Any, actor: Any, meeting_id: uuid.UUID, today: date) -> tuple[Any, SummaryOptions]:
    """One summary as the batch prints it: full, the default sections, the youth's målform."""
    with database.session() as session:
        data = summary_data(session, meeting_id)
        options = SummaryOptions(
            printed_by=user_label(session, actor.user_id, actor.initials), printed_on=today
        )
    return data, options


def render_for_print(database: Any, actor: Any, meeting_id: uuid.UUID, today: date) -> tuple[bytes, Any, str]:
    data, options = print_input(database, actor, meeting_id, today)
    return render_summary(data, options), data, summary_language(data, options)


def _sharing_reason(parent: QWidget | None, database: Any, ids: list[uuid.UUID]) -> str | None:
    """The sharing guard for a batch: "" when every external participant has a valid consent; else one reason
    for all (asked once, listing who is not covered), or None when the counsellor does not go ahead."""
    from navdesk.ui.dialogs.reason import ReasonDialog

    lines = []
    with database.session() as session:
        for meeting_id in ids:
            data = summary_data(session, meeting_id)
            for gap in sharing.summary_gaps(data, "full"):
                lines.append(
                    "• {day}: {who}".format(day=data.starts_at.strftime("%d.%m.%Y"), who=gap.label())
                )
    if not lines:
        return ""
    question = _("No valid consent covers sharing these summaries with:\n{names}\n\nPrint them all the same? "
                 "Write why; the reason is written to the audit log.").format(names="\n".join(lines[:12]))  # fmt: skip
    reason = ReasonDialog.ask(parent, _("Share without consent?"), question)
    return reason or None


def print_summaries(
    parent: QWidget | None,
    database: Any,
    actor: Any,
    meeting_ids: Sequence[uuid.UUID],
    *,
    today: date | None = None,
) -> int:
    """Print the meetings' summaries as one print job (the system print dialog once); the number printed.

    A progress dialog shows how far it has come; Cancel stops after the summary being printed, so no
    summary is cut off half-way. Printing to a file saves them all as one PDF, each summary starting on a
    new page with its own "side X av Y" (after a cancel: the summaries read so far).
    """
    ids = list(meeting_ids)
    if not ids:
        native.show_info(parent, _("There are no meeting summaries to print."))
        return 0
    today = today or datetime.now(OSLO).date()
    reason = _sharing_reason(parent, database, ids)
    if reason is None:
        return 0
    printer = native.ask_printer(parent)
    if printer is None:
        return 0
    to_file = prints_to_file(printer)
    out = Path(printer.outputFileName()) if to_file else None
    collected: list[tuple[uuid.UUID, Any, SummaryOptions]] = []  # to file: written as one PDF at the end
    progress = QProgressDialog(_("Printing meeting summaries …"), _("Cancel"), 0, len(ids), parent)
    progress.setWindowTitle(_("Print meeting summaries"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)
    pages = PagePainter(printer)
    done = 0
    error = ""
    try:
        for i, meeting_id in enumerate(ids):
            QApplication.processEvents()
            if progress.wasCanceled():
                break
            progress.setLabelText(_("Printing summary {n} of {total} …").format(n=i + 1, total=len(ids)))
            if out is not None:
                data, options = print_input(database, actor, meeting_id, today)
                if progress.wasCanceled():
                    break
                collected.append((meeting_id, data, options))
                progress.setValue(i + 1)
                continue
            pdf, data, lang = render_for_print(database, actor, meeting_id, today)
            if progress.wasCanceled():
                break
            pages.add(pdf)
            _record(database, actor, meeting_id, data, lang, "printer", reason)
            done += 1
            progress.setValue(done)
        if out is not None and collected:
            progress.setLabelText(_("Saving {n} summaries as one PDF …").format(n=len(collected)))
            QApplication.processEvents()
            write_atomically(render_summaries([(data, options) for _id, data, options in collected]), out)
            for meeting_id, data, options in collected:
                _record(database, actor, meeting_id, data, summary_language(data, options), out.name, reason)
                done += 1
    except (OSError, UserError) as exc:
        error = str(exc)
    finally:
        pages.finish()
        progress.close()
        progress.deleteLater()
    if error:
        native.show_error(parent, _("Printing stopped: {error}").format(error=error))
    elif done < len(ids):
        native.show_info(parent, _("Printing cancelled after {done} of {total} summaries.").format(
            done=done, total=len(ids)))  # fmt: skip
    else:
        native.show_info(parent, ngettext("{n} meeting summary printed.", "{n} meeting summaries printed.",
                                          done).format(n=done))  # fmt: skip
    return done


def _record(
    database: Any, actor: Any, meeting_id: uuid.UUID, data: Any, lang: str, target: str, reason: str
) -> None:
    """Audit one printed summary, and a share without consent with the batch's reason (sharing guard)."""
    with database.session() as session, session.begin():
        sharing.guard(session, actor, gaps=sharing.summary_gaps(data, "full"), document="summary", entity="meeting",
                      entity_id=meeting_id, youth_id=data.youth_id, reason=reason or None, target=target)  # fmt: skip
        journal.record_print(
            session,
            actor,
            meeting_id,
            data.youth_id,
            target=target,
            variant="full",
            lang=lang,
            sensitive=False,
        )
