"""Frames the later parts of NavDesk fill: Samarbeid og samtykke (with the consents already recorded).
It says plainly what is not built yet; nothing here is made up. Shared table and notice helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.services.record import YouthRecord
from navdesk.ui.record.table_model import TextRow, TextTableModel


def notice(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("background: #fff8e1; border: 1px solid #e0c97a; border-radius: 3px; padding: 8px;")
    return label


def read_only_table(model: TextTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return view


class ConsentTab(QWidget):
    """The consents recorded for the youth; partners involved and new consents come later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = notice(
            _(
                "Recording consents and the partners around the youth is not built yet; it comes in a later "
                "version of NavDesk. The consents already recorded are listed below."
            )
        )
        self.model = TextTableModel(
            (_("Purpose"), _("Partners"), _("Given"), _("Expires"), _("Status")), self
        )
        self.view = read_only_table(self.model, _("Consents"))
        for column, width in enumerate((300, 220, 100, 100)):
            self.view.setColumnWidth(column, width)
        self.empty_label = QLabel(_("No consents recorded."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)

    def set_record(self, record: YouthRecord) -> None:
        self.model.set_rows(
            [
                TextRow(
                    (
                        c.purpose,
                        c.partners,
                        format_date(c.given_on),
                        format_date(c.expires_on),
                        c.state.label,
                    ),
                    c,
                    tooltip=c.purpose,
                    warn_column=4 if c.state.value != "gyldig" else -1,
                )
                for c in record.consents
            ]
        )
        self.empty_label.setVisible(not record.consents)
        self.view.setVisible(bool(record.consents))
