"""Render NavDesk's application icon (SVG) to the Windows icon ``installers/windows/navdesk.ico``.

    python installers/make_icon.py        # after changing the icon; commit the .ico

The SVG is ``resources/icons/navdesk.svg`` (the window icon too)
(the same one the .deb uses). Qt's SVG renderer draws each size (so small sizes are drawn, not
shrunk), Pillow writes the multi-size ICO (PNG-compressed entries, as Windows Vista and later read).
The .exe files (PyInstaller ``icon=``), the Start-menu shortcut and Programs and Features use it.
``tests/packaging/test_icon.py`` fails when the .ico no longer matches the SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ICO = ROOT / "installers" / "windows" / "navdesk.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def app_icon_svg(root: Path = ROOT) -> Path:
    return root / "resources" / "icons" / "navdesk.svg"


def render(svg: Path, size: int) -> Any:
    """One size as a Pillow RGBA image."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def write_ico(svg: Path, out: Path) -> None:
    images = [render(svg, size) for size in SIZES]
    out.parent.mkdir(parents=True, exist_ok=True)
    images[-1].save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])


if __name__ == "__main__":
    source = app_icon_svg()
    write_ico(source, ICO)
    print(f"{ICO.relative_to(ROOT)} from {source.relative_to(ROOT)} ({', '.join(map(str, SIZES))} px)")
