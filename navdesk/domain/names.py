"""Person names as different registers write them, folded so that the same person matches.

OT's list, Folkeregisteret, a school's system and NavDesk write the same youth differently: «Åse»,
«Aase» or «Ase»; «Ødegård», «Oedegaard» or «Odegard»; «Anne-Marie» or «Anne Marie»; «Ødegård, Åse»
(surname first, with a comma) or «Odegard Ase» (without); with or without a middle name; with
accents or without («André», «Andre»). :func:`name_tokens` folds a name into a set of plain ASCII
tokens in which those variants coincide, and :func:`compare_names` says how well two names agree.

A name is never enough on its own: the list washing (:mod:`navdesk.services.ot_lists`) also requires
the same birth date, so two different «Ola Hansen» are never taken for one another.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "đ": "d", "ŋ": "n", "þ": "th", "ł": "l",
                          "ı": "i", "œ": "oe"})  # fmt: skip
# Two-letter spellings of the Norwegian letters (and German umlauts) used where æ, ø, å are missing
# (old registers, e-mail addresses, OT systems); applied after the letters above, so both meet.
_DIGRAPHS = (("aa", "a"), ("oe", "o"), ("ae", "e"), ("ue", "u"))
_SEPARATORS = re.compile(r"[\s,;.\-‐‑–—_/'’`´\"()]+")


def fold(text: str) -> str:
    """One name part folded: lower case, no accents, æ→e, ø→o, å→a, «aa»→«a», «oe»→«o», «ae»→«e».

    >>> fold("Åse") == fold("Aase") == fold("Ase")
    True
    >>> fold("Ødegård") == fold("Oedegaard") == fold("Odegard")
    True
    """
    lowered = unicodedata.normalize("NFKC", text).casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    while True:  # to a fixed point: «Bøe» → «boe» → «bo», and «Boee» → «boe» → «bo», like «Boe»
        folded = plain
        for digraph, single in _DIGRAPHS:
            folded = folded.replace(digraph, single)
        if folded == plain:
            break
        plain = folded
    # a doubled letter left by the folding («Maaria» → «Maria», «Saeter» → «Seter») is kept: both sides
    # fold alike, and real double letters («Anna», «Hanne») must stay as they are
    return plain


def name_tokens(*parts: str) -> frozenset[str]:
    """The folded words of a name given in one or more parts, in any order.

    Hyphens, commas, spaces and apostrophes all separate words, so «Anne-Marie Ødegård»,
    «Ødegård, Anne Marie» and «ODEGAARD ANNE MARIE» give the same set.
    """
    tokens = set()
    for part in parts:
        for word in _SEPARATORS.split(part or ""):
            folded = fold(word)
            if folded:
                tokens.add(folded)
    return frozenset(tokens)


class NameMatch(IntEnum):
    """How well two names agree; higher is better."""

    NONE = 0
    PARTIAL = 1  # one name lacks a middle name (or a second surname) the other has; first and last agree
    SAME = 2  # the same words, perhaps in another order, spelling or with other separators


def compare_names(ours: frozenset[str], theirs: frozenset[str]) -> NameMatch:
    """:attr:`NameMatch.SAME` when the word sets are equal; :attr:`NameMatch.PARTIAL` when the shorter
    name has at least two words and all of them are in the longer one (a missing middle name)."""
    if not ours or not theirs:
        return NameMatch.NONE
    if ours == theirs:
        return NameMatch.SAME
    shorter, longer = (ours, theirs) if len(ours) < len(theirs) else (theirs, ours)
    if len(shorter) >= 2 and shorter < longer:
        return NameMatch.PARTIAL
    return NameMatch.NONE


def name_key(*parts: str) -> str:
    """A stable text key for a name (its folded words, sorted), to remember what was done about it."""
    return " ".join(sorted(name_tokens(*parts)))
