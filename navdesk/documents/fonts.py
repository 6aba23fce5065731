"""DejaVu Sans for every printout: æøå and the Northern Sami letters (Đ Ŋ Ŧ) that Helvetica lacks.

ReportLab's built-in Helvetica is limited to cp1252 and its bundled Vera has no Đ Ŋ Ŧ, so the four
DejaVu Sans faces shipped in ``resources/fonts`` are registered once per process as one family (so
``<b>`` and ``<i>`` work) and embedded, subset, in each PDF.
"""

from __future__ import annotations

import threading

from navdesk.errors import UserError
from navdesk.i18n import _

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FACES = (FAMILY, BOLD, ITALIC, BOLD_ITALIC)

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the DejaVu Sans family with ReportLab (once; thread-safe); returns its name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            from navdesk.resources import resource_path

            for face in _FACES:
                path = resource_path("fonts", f"{face}.ttf")
                if not path.is_file():
                    raise UserError(
                        _("The font file {path} is missing. Reinstall NavDesk.").format(path=path)
                    )
                pdfmetrics.registerFont(TTFont(face, str(path)))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
