"""The huskelapp dialog (a short note, a due date and a colour category) and the category marks.

The six categories are NAV Oversikten's: each is a colour *and* a shape (blue half circle, green
triangle, …), so they can be told apart by someone who does not see colours well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import format_date
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services.huskelapp import COLOURS, TEXT_MAX, Huskelapp, check
from navdesk.ui import theme
from navdesk.ui.views.categories import BLANK, FILL, category_icon, category_name, paint_category

__all__ = [
    "BLANK", "FILL", "HuskelappDialog", "HuskelappInput", "category_icon", "category_name", "huskelapp_tip",
    "paint_category",
]  # fmt: skip


def huskelapp_tip(note: Huskelapp, today: date) -> str:
    """The note, its due date and its category as a tooltip (plain text)."""
    lines = [note.text] if note.text else []
    if note.due is not None:
        if note.due < today:
            lines.append(_("Due {date} (overdue)").format(date=format_date(note.due)))
        else:
            lines.append(_("Due {date}").format(date=format_date(note.due)))
    if note.colour:
        lines.append(_("Category: {name}").format(name=category_name(note.colour)))
    lines.append(_("Changed {date}").format(date=format_date(note.changed_on)))
    return "\n".join(lines)


@dataclass(frozen=True)
class HuskelappInput:
    """What the dialog returns: the new values, or ``clear`` to remove the huskelapp."""

    text: str = ""
    due: date | None = None
    colour: str = ""
    clear: bool = False


class HuskelappDialog(QDialog):
    """Write or change the huskelapp for one youth; :meth:`ask` returns a :class:`HuskelappInput` or None."""

    def __init__(
        self, youth: str, current: Huskelapp | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._old_due = current.due if current else None
        self._clear = False
        self.setWindowTitle(_("Huskelapp"))
        intro = QLabel(
            _(
                "Your own short note on {youth}. Only you see it; a due date puts it among your deadlines."
            ).format(youth=youth)
        )
        intro.setWordWrap(True)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setAccessibleName(_("Note"))
        self.text_edit.setPlaceholderText(_("E.g. “Call about the summer job on Friday”"))
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 16)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.due_check = QCheckBox(_("Due date"))
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd.MM.yyyy")
        self.due_edit.setAccessibleName(_("Due date"))
        self.due_edit.setMinimumDate(QDate(2000, 1, 1))
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit)
        due_row.addStretch(1)

        self.colour_group = QButtonGroup(self)
        self.colour_group.setExclusive(True)
        self.colour_buttons: dict[str, QToolButton] = {}
        colours = QHBoxLayout()
        colours.setSpacing(2)
        for colour in ("", *COLOURS):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(category_icon(colour, 20))
            button.setIconSize(QSize(20, 20))
            button.setToolTip(category_name(colour))
            button.setAccessibleName(category_name(colour))
            self.colour_group.addButton(button)
            self.colour_buttons[colour] = button
            colours.addWidget(button)
        colours.addStretch(1)
        self.colour_label = QLabel()

        self.error_label = QLabel()
        theme.style(self.error_label, "color: {warn};")
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Note:"), self.text_edit)
        form.addRow("", self.counter)
        form.addRow(self.due_check, due_row)
        form.addRow(_("Category:"), colours)
        form.addRow("", self.colour_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.clear_button = self.buttons.addButton(
            _("Remove huskelapp"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.clear_button.setVisible(current is not None)
        self.clear_button.setToolTip(_("Remove the note, its due date and its category."))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self._on_clear)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        if current is not None:
            self.text_edit.setPlainText(current.text)
        due = current.due if current is not None and current.due is not None else None
        self.due_check.setChecked(due is not None)
        start = due or today
        self.due_edit.setDate(QDate(start.year, start.month, start.day))
        self.colour_buttons[current.colour if current is not None else ""].setChecked(True)

        self.text_edit.textChanged.connect(self._validate)
        self.due_check.toggled.connect(self._validate)
        self.due_edit.dateChanged.connect(self._validate)
        self.colour_group.buttonToggled.connect(self._validate)
        self._validate()
        self.text_edit.setFocus()

    # -- values ------------------------------------------------------------------------------------
    def colour(self) -> str:
        for colour, button in self.colour_buttons.items():
            if button.isChecked():
                return colour
        return ""

    def due(self) -> date | None:
        if not self.due_check.isChecked():
            return None
        q = self.due_edit.date()
        return date(q.year(), q.month(), q.day())

    def value(self) -> HuskelappInput:
        if self._clear:
            return HuskelappInput(clear=True)
        return HuskelappInput(self.text_edit.toPlainText().strip(), self.due(), self.colour())

    def _validate(self, *_args: object) -> bool:
        text = self.text_edit.toPlainText()
        length = len(text.strip())
        self.counter.setText(_("{n} of {max} characters").format(n=length, max=TEXT_MAX))
        theme.style(self.counter, "color: {warn};" if length > TEXT_MAX else "")
        self.due_edit.setEnabled(self.due_check.isChecked())
        self.colour_label.setText(category_name(self.colour()))
        message = ""
        try:
            check(text, self.due(), self.colour(), today=self._today, old_due=self._old_due)
        except InvalidInput as exc:
            message = str(exc)
        empty = not length and self.due() is None and not self.colour()
        self.error_label.setText("" if empty else message)  # nothing written yet is not an error
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not message)
        return not message

    def _on_clear(self) -> None:
        self._clear = True
        self.accept()

    def accept(self) -> None:
        if self._clear or self._validate():
            super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, youth: str, current: Huskelapp | None, today: date
    ) -> HuskelappInput | None:
        dialog = cls(youth, current, today, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value()
        finally:
            dialog.deleteLater()
