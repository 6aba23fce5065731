"""Norwegian text: collation (Æ Ø Å after Z), case-insensitive search beyond ASCII, dates and weeks."""

from __future__ import annotations

import unicodedata
from datetime import date

# Norwegian alphabet order; letters not listed sort by their base letter (é → e, ü → y as in Norwegian).
_ORDER = "0123456789abcdefghijklmnopqrstuvwxyzæøå"
_RANK = {ch: i for i, ch in enumerate(_ORDER)}
_FOLD_SPECIAL = {"ü": "y", "ä": "æ", "ö": "ø", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss"}


def _base(ch: str) -> str:
    if ch in _RANK:
        return ch
    if ch in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def collation_key(text: str) -> tuple[tuple[int, ...], str]:
    """Sort key that puts Æ, Ø, Å after Z, in that order, and ignores case and accents first."""
    folded = text.casefold()
    primary = tuple(_RANK.get(_base(ch), 100 + ord(ch)) for ch in folded if not ch.isspace() or ch == " ")
    return primary, folded


def search_fold(text: str) -> str:
    """Fold for case-insensitive search: ``"ø"`` finds ``"Øystein"``, ``"e"`` finds ``"André"``."""
    folded = text.casefold()
    out = []
    for ch in folded:
        if ch in "æøå":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def format_date(value: date | None) -> str:
    """``dd.mm.åååå``; empty for no date."""
    return value.strftime("%d.%m.%Y") if value else ""


def iso_week(value: date) -> int:
    """The ISO week number Norwegians plan by ("uke 48")."""
    return value.isocalendar().week


def age_on(birth: date, on: date) -> int:
    """Whole years of age on a date (a leap-day birthday turns a year older on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
