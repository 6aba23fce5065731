"""The huskelapp categories' marks: NAV Oversikten's six categories, each a colour *and* a shape.

Kept apart from the huskelapp dialog so the portfolio can draw them without importing the dialog's
widgets before the first paint (decision 0007: every millisecond there counts).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from navdesk.i18n import _
from navdesk.ui import theme

FILL = {
    "blue": "#2f6fd0", "green": "#1f8a4c", "yellow": "#f2c200", "purple": "#8a5bb8", "teal": "#1a9c9c",
    "orange": "#f07c00",
}  # fmt: skip
BLANK = "blank"  # an empty mark, so notes without a category line up with the others


def category_name(colour: str) -> str:
    """The category's name as NAV Oversikten calls it ("" : no category)."""
    names = {
        "blue": _("Blue half circle"), "green": _("Green triangle"), "yellow": _("Yellow circle"),
        "purple": _("Purple square"), "teal": _("Turquoise pentagon"), "orange": _("Orange diamond"),
    }  # fmt: skip
    return names.get(colour, _("No category"))


def _polygon(sides: int, centre: QPointF, radius: float, turn: float) -> QPolygonF:
    return QPolygonF(
        [
            QPointF(centre.x() + radius * math.cos(turn + 2 * math.pi * i / sides),
                    centre.y() + radius * math.sin(turn + 2 * math.pi * i / sides))
            for i in range(sides)
        ]
    )  # fmt: skip


def paint_category(painter: QPainter, rect: QRectF, colour: str) -> None:
    """Draw the category's shape in its colour inside ``rect`` (a dashed ring for "no category")."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height()) - 2
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    centre = box.center()
    fill = FILL.get(colour)
    if colour == BLANK:
        painter.restore()
        return
    if fill is None:
        pen = QPen(theme.qcolor("faint"), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(2, 2, -2, -2))
        painter.restore()
        return
    painter.setPen(QPen(theme.qcolor("outline"), 1))
    painter.setBrush(QBrush(QColor(fill)))
    r = side / 2
    if colour == "blue":  # half circle, flat side down
        path = QPainterPath()
        arc = QRectF(box.left(), box.top() + r * 0.5, side, side)
        path.moveTo(arc.left(), arc.center().y())
        path.arcTo(arc, 180, -180)
        path.closeSubpath()
        painter.drawPath(path)
    elif colour == "green":
        painter.drawPolygon(_polygon(3, QPointF(centre.x(), centre.y() + r * 0.15), r, -math.pi / 2))
    elif colour == "yellow":
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    elif colour == "purple":
        painter.drawRect(box.adjusted(1.5, 1.5, -1.5, -1.5))
    elif colour == "teal":
        painter.drawPolygon(_polygon(5, QPointF(centre.x(), centre.y() + r * 0.08), r, -math.pi / 2))
    else:  # orange: diamond
        painter.drawPolygon(_polygon(4, centre, r, -math.pi / 2))
    painter.restore()


@cache
def category_icon(colour: str, size: int = 16) -> QIcon:
    """An icon with the category's mark (cached; needs a running QGuiApplication)."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_category(painter, QRectF(0, 0, size, size), colour)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
