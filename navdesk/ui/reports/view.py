"""The Rapporter screen: the office report's indicators as charts drawn here (horizontal bars, lines
with markers for the status by month) with the numbers beside them, for a period and for the office
or one veileder; save the PDF or the tables (CSV/XLSX).

What the screen shows is already suppressed (:meth:`navdesk.services.reports.Report.rendered`): the
same figures the leader may put on a projector for the municipality. Colours are the Okabe–Ito
palette, and the lines also differ by marker and dash, so colour-blind readers and grey-scale prints
can tell them apart; every bar carries its number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _, language
from navdesk.ui import theme
from navdesk.ui.dialogs.common import pydate, qdate
from navdesk.ui.views.heading import screen_heading

if TYPE_CHECKING:
    from navdesk.domain.reports import Rendered
    from navdesk.services.reports import Report

PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "outline",
]  # + dashes, markers
DASHES = [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine,
          Qt.PenStyle.DashDotDotLine, Qt.PenStyle.SolidLine]  # fmt: skip


class ChartWidget(QWidget):
    """A horizontal bar chart (one series) or a line chart (rows as lines across the columns)."""

    def __init__(self, table: Rendered, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.setAccessibleName(_("Chart: {title}").format(title=table.title))
        rows = len(table.categories)
        line = self._row()
        self.setMinimumHeight(
            max(190, (line - 2) * rows + 20) if table.chart == "line" else max(40, line * rows + 8)
        )
        self.setMinimumWidth(380)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _row(self) -> int:
        """The height of one bar or legend row: 22 pixels at the usual text size, more with larger text."""
        return max(22, self.fontMetrics().height() + 6)

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            if self.table.chart == "line":
                self._lines(painter)
            else:
                self._bars(painter)
        finally:
            painter.end()

    def _hidden_text(self, row: int) -> str:
        t = self.table
        column = t.header.index(t.series[0]) if t.series and t.series[0] in t.header else 1
        return t.rows[row][column] if row < len(t.rows) else ""

    def _bars(self, painter: QPainter) -> None:
        t = self.table
        if not t.values:
            return
        values = t.values[0]
        metrics = painter.fontMetrics()
        line, number_w = self._row(), metrics.horizontalAdvance("000000")
        label_w = min(
            self.width() // 2, max((metrics.horizontalAdvance(c) for c in t.categories), default=40) + 12
        )
        room = self.width() - label_w - 50
        top = max([v for v in values if v is not None] + [1])
        ink = self.palette().windowText().color()
        for i, (name, value) in enumerate(zip(t.categories, values, strict=True)):
            y = 4 + i * line
            painter.setPen(ink)
            painter.drawText(QRectF(0, y, label_w - 8, line - 2), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             name)  # fmt: skip
            if value is None:
                painter.setPen(theme.qcolor("muted"))
                painter.drawText(
                    QRectF(label_w + 4, y, number_w, line - 2),
                    Qt.AlignmentFlag.AlignVCenter,
                    self._hidden_text(i),
                )
                continue
            length = room * value / top
            painter.fillRect(QRectF(label_w, y + 3, length, line - 8), _series_colour(0))
            painter.setPen(ink)
            painter.drawText(
                QRectF(label_w + length + 4, y, number_w, line - 2), Qt.AlignmentFlag.AlignVCenter, str(value)
            )
        painter.setPen(QPen(theme.qcolor("line"), 1))
        painter.drawLine(label_w, 2, label_w, 4 + line * len(values))

    def _marker(self, painter: QPainter, kind: int, point: QPointF) -> None:
        size = 4.0
        if kind % 3 == 0:
            painter.drawEllipse(point, size, size)
        elif kind % 3 == 1:
            painter.drawRect(QRectF(point.x() - size, point.y() - size, 2 * size, 2 * size))
        else:
            painter.drawPolygon(QPolygonF([QPointF(point.x() - size, point.y() + size),
                                           QPointF(point.x() + size, point.y() + size),
                                           QPointF(point.x(), point.y() - size)]))  # fmt: skip

    def _lines(self, painter: QPainter) -> None:
        t = self.table
        if not t.values or not t.categories:
            return
        legend_w = 170
        left, bottom, top_pad = 36, 24, 10
        plot_w = max(60, self.width() - left - legend_w - 16)
        plot_h = self.height() - bottom - top_pad
        series = [[t.values[j][i] for j in range(len(t.series))] for i in range(len(t.categories))]
        top = max([v for row in series for v in row if v is not None] + [1])
        step = plot_w / max(1, len(t.series) - 1)
        ink = self.palette().windowText().color()
        painter.setPen(QPen(theme.qcolor("line"), 1))
        painter.drawLine(left, top_pad, left, top_pad + plot_h)
        painter.drawLine(left, top_pad + plot_h, left + plot_w, top_pad + plot_h)
        painter.setPen(ink)
        for tick in (0, top):
            y = top_pad + plot_h - plot_h * tick / top
            painter.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight, str(tick))
        for j, name in enumerate(t.series):
            x = left + j * step
            painter.drawText(
                QRectF(x - 40, top_pad + plot_h + 4, 80, 18), Qt.AlignmentFlag.AlignHCenter, name
            )
        for i, (name, row) in enumerate(zip(t.categories, series, strict=True)):
            colour = _series_colour(i)
            pen = QPen(colour, 2, DASHES[i % len(DASHES)])
            painter.setPen(pen)
            painter.setBrush(QBrush(colour))
            previous: QPointF | None = None
            for j, v in enumerate(row):
                if v is None:
                    previous = None
                    continue
                point = QPointF(left + j * step, top_pad + plot_h - plot_h * v / top)
                if previous is not None:
                    painter.drawLine(previous, point)
                previous = point
            painter.setPen(QPen(colour, 1))
            for j, v in enumerate(row):
                if v is not None:
                    self._marker(painter, i, QPointF(left + j * step, top_pad + plot_h - plot_h * v / top))
            lx, ly = self.width() - legend_w, top_pad + i * (self._row() - 2)
            painter.setPen(pen)
            painter.drawLine(QPointF(lx, ly + 8), QPointF(lx + 24, ly + 8))
            painter.setPen(QPen(colour, 1))
            self._marker(painter, i, QPointF(lx + 12, ly + 8))
            painter.setPen(ink)
            painter.drawText(
                QRectF(lx + 30, ly, legend_w - 30, self._row() - 4), Qt.AlignmentFlag.AlignVCenter, name
            )


def numbers_table(table: Rendered) -> QTableWidget:
    """The table's numbers, read-only, right-aligned, the totals row in bold."""
    widget = QTableWidget(len(table.rows), len(table.header))
    widget.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    widget.setAccessibleName(_("Numbers: {title}").format(title=table.title))
    widget.setHorizontalHeaderLabels(table.header)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    total = _("Total")
    for i, row in enumerate(table.rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            if j:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row[0] == total:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            widget.setItem(i, j, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    height = widget.horizontalHeader().sizeHint().height() + sum(
        widget.rowHeight(i) for i in range(len(table.rows))
    )
    widget.setFixedHeight(height + 4)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return widget


def _series_colour(i: int) -> QColor:
    """Okabe–Ito colours (told apart with colour blindness); the last is the appearance's ink."""
    name = PALETTE[i % len(PALETTE)]
    return theme.qcolor(name) if not name.startswith("#") else QColor(name)


class ReportsView(QWidget):
    """Period and scope pickers, "Make report", the sections (chart beside numbers), save buttons."""

    report_made = Signal()

    def __init__(
        self, database: Any, actor: Any, *, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self._today = today
        self.report: Report | None = None
        day = self.today()
        self.start = QDateEdit(qdate(date(day.year, 1, 1)))
        self.end = QDateEdit(qdate(day))
        for edit, name in ((self.start, _("From")), (self.end, _("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setAccessibleName(name)
        self.preset = QComboBox()
        self.preset.setAccessibleName(_("Period"))
        for key, label in (("year", _("This year")), ("last_year", _("Last year")), ("12m", _("Last 12 months")),
                           ("custom", _("Chosen dates"))):  # fmt: skip
            self.preset.addItem(label, key)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Scope"))
        self.lang = QComboBox()
        self.lang.setAccessibleName(_("Language of the PDF"))
        self.lang.addItem(_("Bokmål"), "nb")
        self.lang.addItem(_("Nynorsk"), "nn")
        self.threshold_box = QSpinBox()
        self.threshold_box.setRange(3, 50)
        self.threshold_box.setAccessibleName(_("Small-number threshold"))
        self.threshold_box.setToolTip(_("Counts below this are hidden in every report (the office's setting; "
                                        "administrators may change it)."))  # fmt: skip
        self.threshold_box.setEnabled(getattr(getattr(actor, "access_role", None), "value", "") == "admin")
        self.threshold_box.editingFinished.connect(self.change_threshold)
        self.make_button = QPushButton(_("Make report"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.pdf_button = QPushButton(_("Save PDF …"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.xlsx_button = QPushButton(_("Save tables (Excel) …"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        self.csv_button = QPushButton(_("Save tables (CSV) …"))
        self.csv_button.clicked.connect(lambda: self.save_csv())
        for button in (self.pdf_button, self.xlsx_button, self.csv_button):
            button.setEnabled(False)

        pickers = QHBoxLayout()
        for label, widget in ((_("Period"), self.preset), (_("From"), self.start), (_("To"), self.end),
                              (_("For"), self.scope), (_("PDF in"), self.lang),
                              (_("Hide counts below"), self.threshold_box)):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(widget)
            pickers.addWidget(caption)
            pickers.addWidget(widget)
        pickers.addWidget(self.make_button)
        pickers.addStretch(1)
        saving = QHBoxLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        saving.addWidget(self.note, 1)
        for button in (self.pdf_button, self.xlsx_button, self.csv_button):
            saving.addWidget(button)

        self.sections = QWidget()
        self.sections_layout = QVBoxLayout(self.sections)
        self.sections_layout.addStretch(1)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.sections)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.addWidget(screen_heading(_("Reports")))
        outer.addLayout(pickers)
        outer.addLayout(saving)
        outer.addWidget(self.area, 1)
        self.lang.setCurrentIndex(1 if language() == "nn" else 0)
        self.reload()

    def today(self) -> date:
        return self._today or date.today()

    def reload(self) -> None:
        """Fill the scope picker from the database (the office, then each user by initials)."""
        from navdesk.services.reports import threshold, veileder_choices

        chosen = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(_("The whole office"), None)
        with self.database.session() as session:
            for initials, label in veileder_choices(session):
                self.scope.addItem(label, initials)
            self.threshold_box.blockSignals(True)
            self.threshold_box.setValue(threshold(session))
            self.threshold_box.blockSignals(False)
        index = self.scope.findData(chosen)
        self.scope.setCurrentIndex(max(0, index))

    def change_threshold(self) -> None:
        """Store the office's threshold (administrators) and show the report again with it."""
        from navdesk.errors import UserError
        from navdesk.services.reports import set_threshold, threshold

        try:
            with self.database.session() as session, session.begin():
                if self.threshold_box.value() == threshold(session):
                    return
                set_threshold(session, self.actor, self.threshold_box.value())
        except UserError as exc:
            self.note.setText(str(exc))
            return
        if self.report is not None:
            self.make()

    def _apply_preset(self) -> None:
        day = self.today()
        key = self.preset.currentData()
        if key == "year":
            start, end = date(day.year, 1, 1), day
        elif key == "last_year":
            start, end = date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)
        elif key == "12m":
            start = date(day.year - 1, day.month, min(day.day, 28))
            end = day
        else:
            return
        self.start.setDate(qdate(start))
        self.end.setDate(qdate(end))

    def params(self) -> Any:
        from navdesk.services.reports import ReportParams

        return ReportParams(pydate(self.start.date()), pydate(self.end.date()), self.scope.currentData(),
                            language(), self.today())  # fmt: skip

    def make(self) -> Report | None:
        """Compute the report and show it (a refusal, such as a period that ends before it starts, is said)."""
        from navdesk.errors import UserError
        from navdesk.services.reports import build_report

        try:
            with self.database.session() as session:
                report = build_report(session, self.params())
        except UserError as exc:
            self.note.setText(str(exc))
            return None
        self.show_report(report)
        return report

    def show_report(self, report: Report) -> None:
        self.report = report
        sections = QWidget()
        layout = QVBoxLayout(sections)
        for table in report.rendered():
            layout.addWidget(self._section(table, report.threshold))
        layout.addStretch(1)
        self.area.setWidget(sections)  # the old sections are deleted with their widget
        self.sections, self.sections_layout = sections, layout
        self.note.setText(_("Counts below {n} are shown as «< {n}», and «:» hides a number that would give a small "
                            "one away. The report contains no names.").format(n=report.threshold))  # fmt: skip
        for button in (self.pdf_button, self.xlsx_button, self.csv_button):
            button.setEnabled(True)
        self.report_made.emit()

    def _section(self, table: Rendered, threshold: int) -> QWidget:
        box = QFrame()
        box.setObjectName(table.key)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 8)
        title = QLabel(table.title)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        layout.addWidget(title)
        row = QHBoxLayout()
        if table.chart in ("bar", "line"):
            row.addWidget(ChartWidget(table), 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(numbers_table(table), 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        box.setMinimumHeight(layout.sizeHint().height())
        return box

    # -- files -------------------------------------------------------------------------------------
    def _suggested(self, ext: str) -> str:
        assert self.report is not None
        p = self.report.params
        return str(
            Path.home() / f"{_('report')}-{self.report.scope}-{p.start.isoformat()}-{p.end.isoformat()}{ext}"
        )

    def _lang_report(self) -> Report:
        """The report in the language chosen for the files (computed again when it differs)."""
        from dataclasses import replace

        from navdesk.services.reports import build_report

        assert self.report is not None
        wanted = self.lang.currentData()
        if self.report.lang == wanted:
            return self.report
        with self.database.session() as session:
            return build_report(session, replace(self.report.params, lang=wanted))

    def _audit(self, report: Report, files: list[str]) -> None:
        from navdesk.services.reports import record_export

        with self.database.session() as session, session.begin():
            record_export(session, self.actor, report, files)

    def save_pdf(self, path: Path | None = None) -> Path | None:
        from navdesk.documents.report import ReportOptions, render_report
        from navdesk.paths import write_atomically
        from navdesk.services.summaries import user_label
        from navdesk.ui.printing import native

        if self.report is None:
            return None
        if path is None:
            chosen = native.ask_save_path(self, self._suggested(".pdf"))
            if not chosen:
                return None
            path = Path(chosen)
        report = self._lang_report()
        try:
            with self.database.session() as session:
                by = user_label(session, self.actor.user_id, self.actor.initials)
            write_atomically(render_report(report, ReportOptions(by, self.today())), path)
        except OSError as exc:
            native.show_error(
                self, _("The PDF could not be saved: {error}").format(error=native.os_error_text(exc, path))
            )
            return None
        self._audit(report, [path.name])
        return path

    def save_xlsx(self, path: Path | None = None) -> Path | None:
        from navdesk.documents.report import write_tables_xlsx
        from navdesk.ui.printing import native

        if self.report is None:
            return None
        if path is None:
            chosen = native.ask_xlsx_path(self, self._suggested(".xlsx"))
            if not chosen:
                return None
            path = Path(chosen)
        report = self._lang_report()
        try:
            write_tables_xlsx(report, path)
        except OSError as exc:
            native.show_error(
                self, _("The file could not be saved: {error}").format(error=native.os_error_text(exc, path))
            )
            return None
        self._audit(report, [path.name])
        return path

    def save_csv(self, folder: Path | None = None) -> list[Path]:
        from navdesk.documents.report import write_tables_csv
        from navdesk.ui.printing import native

        if self.report is None:
            return []
        if folder is None:
            chosen = native.ask_folder(self, str(Path.home()))
            if not chosen:
                return []
            folder = Path(chosen)
        report = self._lang_report()
        try:
            written = write_tables_csv(report, folder)
        except OSError as exc:
            native.show_error(
                self,
                _("The file could not be saved: {error}").format(error=native.os_error_text(exc, folder)),
            )
            return []
        self._audit(report, [p.name for p in written])
        return written
