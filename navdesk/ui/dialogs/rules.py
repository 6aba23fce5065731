"""Regler for frister: the office's deadline rules, turned on or off and their settings (admins edit).

Every rule is listed with a tick for "in use"; the selected rule shows why it exists, what meets it,
its source, and an editor per parameter made from the type of its default (a number of days, a list of
numbers, a day of the year, what meets the 8-week rule). Saving runs
:func:`navdesk.services.deadlines.update_rule` for each changed rule in one transaction.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape as esc
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.deadlines.rules import RULES, RULES_BY_ID, RuleDef
from navdesk.domain.enums import AccessRole, Intensity
from navdesk.i18n import N_, _, ngettext
from navdesk.ui import theme

RULE_ROLE = Qt.ItemDataRole.UserRole

# Parameter names as shown (msgids); a name not here is shown as it is.
_PARAM_LABELS: dict[str, str] = {
    "days": N_("Deadline"),
    "working_days": N_("Deadline"),
    "lookback_days": N_("Look back"),
    "max_age": N_("For youths under"),
    "days_before": N_("Warn before"),
    "offsets": N_("Days after the start"),
    "years": N_("Length"),
    "months_before": N_("Months before the end"),
    "ages": N_("Ages"),
    "horizon_days": N_("Look ahead"),
    "at_risk_day": N_("Pupils at risk: deadline"),
    "started_day": N_("Check that pupils started"),
    "months": N_("Months after registration"),
    "met_by": N_("Met by"),
}
_PARAM_HELP: dict[str, str] = {
    "lookback_days": N_("How far back to look for contacts the youth started."),
    "horizon_days": N_("How far ahead to show the coming birthdays."),
    "offsets": N_("A check-in this many days after the youth started work or school."),
    "months_before": N_("A reminder this many months before the allowance ends."),
    "ages": N_("The birthdays that make a deadline."),
    "months": N_("How many months after registration."),
}
_DAY_SUFFIX = N_(" days")
_SUFFIXES: dict[str, str] = {
    "days": _DAY_SUFFIX,
    "lookback_days": _DAY_SUFFIX,
    "tett": _DAY_SUFFIX,
    "normal": _DAY_SUFFIX,
    "minimum": _DAY_SUFFIX,
    "days_before": _DAY_SUFFIX,
    "horizon_days": _DAY_SUFFIX,
    "working_days": N_(" working days"),
    "max_age": N_(" years of age"),
    "years": N_(" years"),
    "months": N_(" months"),
}
# What can meet the 8-week rule (engine: followup_8w), in the order shown.
MET_BY_OPTIONS: tuple[tuple[str, str], ...] = (
    ("meeting_held", N_("A meeting held")),
    ("activity_started", N_("An activity started")),
    ("club_started", N_("A job club started")),
    ("contact_held", N_("A contact held")),
)
_OFF = N_("This rule is turned off: it makes no deadlines.")
_OFF_WARNINGS: dict[str, str] = {
    "manual": N_(
        "This rule is turned off: the tasks counsellors write for a youth no longer show as deadlines."
    ),
    "meeting_action": N_(
        "This rule is turned off: the actions agreed in meetings no longer show as deadlines."
    ),
}
_MAX_NUMBER = 3650
_NUMBERS = re.compile(r"\d+")
_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")  # 15.09 (how a date is written in Norway)
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")  # 09-15 (how it is stored)


def param_label(name: str) -> str:
    """The parameter's name as shown to the user."""
    if name in {i.value for i in Intensity}:
        return Intensity(name).label
    return _(_PARAM_LABELS[name]) if name in _PARAM_LABELS else name


class Invalid(Exception):
    """A parameter field holds something that cannot be saved; the message says what to write."""


# -- one editor per parameter ----------------------------------------------------------------------
class _Editor:
    widget: QWidget

    def __init__(self, name: str) -> None:
        self.name = name
        self.help = ""  # the tooltip

    @property
    def label(self) -> str:
        return param_label(self.name)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self.widget

    def set_editable(self, editable: bool) -> None:
        self.widget.setEnabled(editable)

    def editable(self) -> bool:
        """Whether the user can change the value (read-only fields stay legible, so not "disabled")."""
        widget = self.focus_widget()
        read_only = getattr(widget, "isReadOnly", None)
        return widget.isEnabled() and not (read_only is not None and read_only())


class _NumberEditor(_Editor):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.spin = QSpinBox()
        self.spin.setRange(0, _MAX_NUMBER)
        if name in _SUFFIXES:
            self.spin.setSuffix(_(_SUFFIXES[name]))
        self.spin.setMinimumWidth(150)
        self.widget = self.spin
        if _SUFFIXES.get(name) == _DAY_SUFFIX:  # "56 days" reads better next to "(8 weeks)"
            self.widget = QWidget()
            row = QHBoxLayout(self.widget)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.spin)
            self.weeks_label = QLabel()
            theme.style(self.weeks_label, "color: {muted};")
            row.addWidget(self.weeks_label)
            row.addStretch(1)
            self.spin.valueChanged.connect(self._show_weeks)

    def _show_weeks(self, days: int) -> None:
        weeks, rest = divmod(days, 7)
        self.weeks_label.setText(
            ngettext("= {n} week", "= {n} weeks", weeks).format(n=weeks) if weeks and not rest else ""
        )

    def value(self) -> int:
        return self.spin.value()

    def focus_widget(self) -> QWidget:
        return self.spin

    def set_editable(self, editable: bool) -> None:
        # read-only rather than disabled: the value stays as legible as any other text
        self.spin.setReadOnly(not editable)
        self.spin.setButtonSymbols(
            QSpinBox.ButtonSymbols.UpDownArrows if editable else QSpinBox.ButtonSymbols.NoButtons
        )

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value))


class _TextEditor(_Editor):
    """A line edit whose text is checked when saved; it turns red while it cannot be saved."""

    placeholder = ""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.placeholder)
        self.edit.setMaximumWidth(220)
        self.edit.textChanged.connect(self._mark)
        self.widget = self.edit

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def _mark(self) -> None:
        try:
            self.value()
        except Invalid as exc:
            theme.style(self.edit, "QLineEdit {{ border: 1px solid {warn}; }}")
            self.edit.setToolTip(str(exc))
        else:
            self.edit.setStyleSheet("")
            self.edit.setToolTip(self.help)


class _NumbersEditor(_TextEditor):
    """A list of whole numbers ≥ 0, written "7, 30, 90"."""

    placeholder = "7, 30, 90"

    def value(self) -> list[int]:
        parts = [p for p in re.split(r"[,;\s]+", self.edit.text().strip()) if p]
        if not parts:
            raise Invalid(_("“{field}” needs at least one number.").format(field=self.label))
        if not all(_NUMBERS.fullmatch(p) and int(p) <= _MAX_NUMBER for p in parts):
            raise Invalid(
                _(
                    "“{field}” must be whole numbers from 0 to {max}, separated by commas, like 7, 30, 90."
                ).format(field=self.label, max=_MAX_NUMBER)
            )
        return [int(p) for p in parts]

    def set_value(self, value: Any) -> None:
        self.edit.setText(", ".join(str(v) for v in value))


class _DayEditor(_TextEditor):
    """A day of the year: shown as 15.09 (day.month), stored as "09-15"; 09-15 is accepted too."""

    placeholder = N_("dd.mm")

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.edit.setPlaceholderText(_(self.placeholder))
        self.edit.setMaximumWidth(90)

    def value(self) -> str:
        text = self.edit.text().strip()
        if found := _DAY_MONTH.fullmatch(text):
            day, month = int(found[1]), int(found[2])
        elif found := _MONTH_DAY.fullmatch(text):
            month, day = int(found[1]), int(found[2])
        else:
            day = month = 0
        try:
            date(2001, month, day)  # a year that is not a leap year: the day must exist every year
        except ValueError:
            raise Invalid(
                _("“{field}” must be a day and a month, like 15.09 for 15 September.").format(
                    field=self.label
                )
            ) from None
        return f"{month:02d}-{day:02d}"

    def set_value(self, value: Any) -> None:
        month, _sep, day = str(value).partition("-")
        self.edit.setText(f"{day}.{month}" if day else str(value))


class _MetByEditor(_Editor):
    """Which events meet the rule: one tick each."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.checks: dict[str, QCheckBox] = {}
        for key, label in MET_BY_OPTIONS:
            check = QCheckBox(_(label))
            self.checks[key] = check
            layout.addWidget(check)
        self._other: list[str] = []  # values this dialog does not know are kept as they are

    def value(self) -> list[str]:
        chosen = [key for key, check in self.checks.items() if check.isChecked()]
        if not chosen and not self._other:
            raise Invalid(_("Tick at least one thing that meets “{field}”.").format(field=self.label))
        return chosen + self._other

    def set_value(self, value: Any) -> None:
        values = list(value)
        for key, check in self.checks.items():
            check.setChecked(key in values)
        self._other = [v for v in values if v not in self.checks]

    def focus_widget(self) -> QWidget:
        return next(iter(self.checks.values()))

    def editable(self) -> bool:
        return all(check.isEnabled() for check in self.checks.values())

    def set_editable(self, editable: bool) -> None:
        for check in self.checks.values():
            check.setEnabled(editable)


def _editor_for(name: str, default: Any) -> _Editor:
    if name == "met_by":
        return _MetByEditor(name)
    if isinstance(default, bool):
        raise TypeError(name)
    if isinstance(default, int):
        return _NumberEditor(name)
    if isinstance(default, list) and all(isinstance(v, int) for v in default):
        return _NumbersEditor(name)
    if isinstance(default, str) and _MONTH_DAY.fullmatch(default):
        return _DayEditor(name)
    raise TypeError(f"no editor for the parameter {name}={default!r}")


def _comparable(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


# -- one page per rule -----------------------------------------------------------------------------
class _RulePage(QWidget):
    def __init__(self, rule: RuleDef) -> None:
        super().__init__()
        self.rule = rule
        name = QLabel(_(rule.name))
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        name.setFont(font)
        name.setWordWrap(True)
        self.off_label = QLabel(_(_OFF_WARNINGS.get(rule.id, _OFF)))
        theme.style(self.off_label, "color: {warn};")
        self.off_label.setWordWrap(True)
        # _() outside the f-strings: Babel does not extract calls written inside them
        why_label, met_label, source_text = _("Why:"), _("What meets it:"), _("Source: {source}")
        why = QLabel(f"<b>{esc(why_label)}</b> {esc(_(rule.explanation))}")
        met = QLabel(f"<b>{esc(met_label)}</b> {esc(_(rule.met_by))}")
        texts = [why, met]
        if rule.source and rule.source != "—":
            source = QLabel(f"<i>{esc(source_text.format(source=rule.source))}</i>")
            source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            texts.append(source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(name)
        layout.addWidget(self.off_label)
        for label in texts:
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)

        self.editors: dict[str, _Editor] = {}
        box = QGroupBox(_("Settings"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for param, default in rule.params.items():
            editor = _editor_for(param, default)
            self.editors[param] = editor
            if param in _PARAM_HELP:
                editor.help = _(_PARAM_HELP[param])
                editor.widget.setToolTip(editor.help)
            editor.widget.setAccessibleName(editor.label)
            editor.focus_widget().setAccessibleName(editor.label)  # the spin box inside a row widget too
            row_label = QLabel(editor.label + ":")
            row_label.setBuddy(editor.focus_widget())
            if isinstance(editor, _NumbersEditor):
                hint = QLabel(_("Whole numbers, separated by commas."))
                theme.style(hint, "color: {muted};")
                field = QWidget()
                row = QHBoxLayout(field)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(editor.widget)
                row.addWidget(hint)
                form.addRow(row_label, field)
            else:
                form.addRow(row_label, editor.widget)
        if not self.editors:
            form.addRow(QLabel(_("This rule has no settings.")))
        layout.addSpacing(6)
        layout.addWidget(box)
        layout.addStretch(1)

    def show_enabled(self, enabled: bool) -> None:
        self.off_label.setVisible(not enabled)

    def set_params(self, params: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            if name in params:
                editor.set_value(params[name])

    def params(self) -> dict[str, Any]:
        """The values in the editors (raises :class:`Invalid` for one that cannot be saved)."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_editable(self, editable: bool) -> None:
        for editor in self.editors.values():
            editor.set_editable(editable)


class RulesDialog(QDialog):
    """``RulesDialog(database, actor)``: all rules; admins change and save them, others only read.

    After ``exec()`` returns Accepted, ``saved`` tells whether anything was written (the caller then
    recomputes the deadlines).
    """

    def __init__(self, database: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.can_edit = actor is not None and actor.access_role is AccessRole.ADMIN
        self.saved = False
        self.setWindowTitle(_("Rules for deadlines"))

        from navdesk.services.deadlines import rule_settings

        with database.session() as session:
            self._settings = rule_settings(session)
        # each rule row's version when the dialog opened (a save refuses rows changed since); 0: no row
        self._versions = {
            rule_id: setting.version for rule_id, setting in self._settings.items() if setting.version
        }

        intro = QLabel(
            _("The rules the office uses to make deadlines. Tick the rules in use; choose a rule to see and "
              "change its settings. Changes apply to every youth in the office.")
            if self.can_edit
            else _("The rules the office uses to make deadlines. Choose a rule to see why it exists and its settings.")
        )  # fmt: skip
        intro.setWordWrap(True)
        self.read_only_label = QLabel(_("Only an administrator may change the office's rules."))
        self.read_only_label.setWordWrap(True)
        theme.style(
            self.read_only_label,
            "QLabel {{ background: {note_bg}; border: 1px solid {note_border}; color: {note_text}; border-radius: 3px; padding: 6px; }}",
        )
        self.read_only_label.setVisible(not self.can_edit)

        self.rule_list = QListWidget()
        self.rule_list.setAccessibleName(_("Rules for deadlines"))
        self.rule_list.setStyleSheet("QListWidget::item { padding: 3px 2px; }")
        self.rule_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self._pages: dict[str, _RulePage] = {}
        for rule in RULES:
            setting = self._settings[rule.id]
            item = QListWidgetItem(_(rule.name))
            item.setData(RULE_ROLE, rule.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if self.can_edit:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if setting.enabled else Qt.CheckState.Unchecked)
            item.setToolTip(_(rule.explanation))
            self.rule_list.addItem(item)
            self._paint(item, setting.enabled)
            page = _RulePage(rule)
            page.set_params(setting.params)
            page.show_enabled(setting.enabled)
            page.set_editable(self.can_edit)
            self._pages[rule.id] = page
            self.pages.addWidget(page)

        self.reset_button = QPushButton(_("Reset to the standard"))
        self.reset_button.setToolTip(
            _(
                "Fill in the standard settings for the selected rule and turn it on; saved when you press Save."
            )
        )
        self.reset_button.setEnabled(self.can_edit)
        self.reset_button.setVisible(self.can_edit)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pages, 1)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_button)
        right_layout.addLayout(reset_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.rule_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        if self.can_edit:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.read_only_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.rule_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.rule_list.itemChanged.connect(self._on_item_changed)
        self.reset_button.clicked.connect(self.reset_selected)
        self.rule_list.setCurrentRow(0)
        # wide enough for the longest name, its tick box and a scroll bar
        style = self.rule_list.style()
        extra = 2 * self.rule_list.frameWidth() + style.pixelMetric(style.PixelMetric.PM_ScrollBarExtent) + 16
        self.rule_list.setMinimumWidth(max(self.rule_list.sizeHintForColumn(0) + extra, 240))
        self.resize(max(980, self.rule_list.minimumWidth() + 620), 600)

    # -- access for callers and tests ---------------------------------------------------------------
    def page(self, rule_id: str) -> _RulePage:
        return self._pages[rule_id]

    def editor(self, rule_id: str, param: str) -> Any:
        """The widget that edits a parameter (QSpinBox, QLineEdit, or a QWidget of QCheckBoxes)."""
        return self._pages[rule_id].editors[param].widget

    def item(self, rule_id: str) -> QListWidgetItem:
        return self.rule_list.item([r.id for r in RULES].index(rule_id))

    def select(self, rule_id: str) -> None:
        self.rule_list.setCurrentItem(self.item(rule_id))

    def selected_rule(self) -> str | None:
        item = self.rule_list.currentItem()
        return None if item is None else str(item.data(RULE_ROLE))

    def set_enabled(self, rule_id: str, enabled: bool) -> None:
        self.item(rule_id).setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)

    def is_enabled(self, rule_id: str) -> bool:
        return self.item(rule_id).checkState() == Qt.CheckState.Checked

    # -- editing -----------------------------------------------------------------------------------
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        rule_id = str(item.data(RULE_ROLE))
        if rule_id in self._pages:
            enabled = item.checkState() == Qt.CheckState.Checked
            self._pages[rule_id].show_enabled(enabled)
            self._paint(item, enabled)

    def _paint(self, item: QListWidgetItem, enabled: bool) -> None:
        """A rule that is off is shown greyed out in the list."""
        self.rule_list.blockSignals(True)
        item.setForeground(self.palette().text() if enabled else self.palette().placeholderText())
        self.rule_list.blockSignals(False)

    def reset_selected(self) -> None:
        """Fill in the selected rule's standard settings (not saved until Save)."""
        rule_id = self.selected_rule()
        if rule_id is None or not self.can_edit:
            return
        rule = RULES_BY_ID[rule_id]
        self._pages[rule_id].set_params(rule.params)
        self.set_enabled(rule_id, rule.enabled)

    def changes(self) -> dict[str, tuple[bool | None, dict[str, Any] | None]]:
        """Rule id → (enabled if changed, the changed parameters if any); raises :class:`Invalid`.

        On an invalid field, that rule is selected and the field focused before raising.
        """
        out: dict[str, tuple[bool | None, dict[str, Any] | None]] = {}
        for rule in RULES:
            setting = self._settings[rule.id]
            page = self._pages[rule.id]
            params: dict[str, Any] = {}
            for name, editor in page.editors.items():
                try:
                    value = editor.value()
                except Invalid:
                    self.select(rule.id)
                    editor.focus_widget().setFocus()
                    raise
                if _comparable(value) != _comparable(setting.params.get(name)):
                    params[name] = value
            enabled = self.is_enabled(rule.id)
            changed_enabled = enabled if enabled != setting.enabled else None
            if changed_enabled is not None or params:
                out[rule.id] = (changed_enabled, params or None)
        return out

    def save(self) -> bool:
        """Write the changed rules in one transaction; False (and a message) if nothing could be saved."""
        if not self.can_edit:
            return False
        from navdesk.errors import UserError
        from navdesk.services.deadlines import update_rule

        try:
            changes = self.changes()
        except Invalid as exc:
            QMessageBox.warning(self, _("Rules for deadlines"), str(exc))
            return False
        if not changes:
            return True
        try:
            with self._database.session() as session, session.begin():
                for rule_id, (enabled, params) in changes.items():
                    update_rule(session, self._actor, rule_id, enabled=enabled, params=params,
                                expected_version=self._versions.get(rule_id))  # fmt: skip
        except UserError as exc:
            QMessageBox.warning(self, _("Rules for deadlines"), str(exc))
            return False
        self.saved = True
        return True

    def accept(self) -> None:
        if not self.can_edit:
            self.reject()
        elif self.save():
            super().accept()
