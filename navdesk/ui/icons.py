"""NavDesk's SVG icons (resources/icons), drawn sharp for every size and screen scale.

The navigation icons are drawn in two tokens, dark grey ``#2B2B2B`` and NAV red ``#C30000``; they are
replaced by the current appearance's icon and accent colours (navdesk.ui.theme), so the icons read on
light and dark backgrounds.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from navdesk.resources import resource_path
from navdesk.ui import theme

SIZES = (16, 24, 32, 48, 64)
SCALES = (1.0, 2.0)


def svg_text(name: str) -> str:
    text = resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    return text.replace("#2B2B2B", theme.colour("icon")).replace("#C30000", theme.colour("accent"))


def render(name: str, size: int, scale: float = 1.0) -> QPixmap:
    """The icon drawn at ``size`` logical pixels on a screen of this scale (device pixel ratio)."""
    renderer = QSvgRenderer(QByteArray(svg_text(name).encode("utf-8")))
    side = round(size * scale)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


_cache: dict[tuple[str, str], QIcon] = {}


def cached(name: str) -> QIcon:
    """The icon for item views (drawn once per appearance)."""
    key = (name, theme.colour("accent"))
    if key not in _cache:
        _cache[key] = icon(name)
    return _cache[key]


def icon(name: str, size: int | None = None) -> QIcon:
    """The named icon in the current appearance's colours for ordinary and double-density screens and
    the primary screen's scale: drawn at ``size`` only (start-up stays quick), or at the usual sizes."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    scales = sorted({*SCALES, screen.devicePixelRatio() if screen is not None else 1.0})
    result = QIcon()
    for side in [size] if size else SIZES:
        for scale in scales:
            result.addPixmap(render(name, side, scale))
    return result
