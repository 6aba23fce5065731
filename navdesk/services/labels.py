"""A catalogue entry's label (partner type, meeting type, tiltak …) in the right language.

Editable catalogues keep a bokmål and a nynorsk label (``label_nb``, ``label_nn``); a screen shows the
one of the language in use, a printout the one of its own language. The nynorsk label may be empty
(an office's own entry): then the bokmål one is shown.
"""

from __future__ import annotations

from navdesk.i18n import language


def catalogue_label(label_nb: str | None, label_nn: str | None, lang: str | None = None) -> str:
    """The label in ``lang`` (default: the language in use): nynorsk when chosen and given, else bokmål."""
    if (lang or language()) == "nn" and label_nn:
        return label_nn
    return label_nb or ""
