"""The list of held meetings whose summary is not yet recorded in NAV's system (double-click opens it)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from navdesk.i18n import _, language, ngettext
from navdesk.services import journal


class UnrecordedList(QWidget):
    """Held meetings with a summary not yet marked as recorded, oldest first.

    ``open_requested(meeting_id)`` on double-click or Enter; :meth:`refresh` re-reads the list.
    """

    open_requested = Signal(object)

    def __init__(
        self, database: Any, actor: Any, parent: QWidget | None = None, *, until: date | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._until = until
        self.heading = QLabel()
        self.list = QListWidget()
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        with self._database.session() as session:
            items = journal.unrecorded_summaries(session, until=self._until)
        self.list.clear()
        lang = language()
        for item in items:
            kind = (item.type_nn or item.type_nb) if lang == "nn" else item.type_nb
            text = "{when}  {kind} – {youth}".format(
                when=item.starts_at.strftime("%d.%m.%Y %H:%M"), kind=kind or _("Meeting"), youth=item.youth
            )
            if not item.printed:
                text += "  " + _("(not printed)")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item.meeting_id)
            self.list.addItem(row)
        self.heading.setText(
            ngettext(
                "{n} meeting summary not yet recorded in Modia/Gosys",
                "{n} meeting summaries not yet recorded in Modia/Gosys",
                len(items),
            ).format(n=len(items))
        )

    def meeting_ids(self) -> list[uuid.UUID]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
