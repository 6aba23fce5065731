"""Bokmål forms that are not nynorsk: the rules the catalogue test and the printout test share.

``bokmal_words(text)`` lists the bokmål forms found in a nynorsk text. The rules are kept narrow on
purpose (a false alarm teaches people to ignore the test):

* a word list of bokmål forms whose nynorsk form differs (``ikke`` → ``ikkje``, ``uke`` → ``veke``,
  ``ungdommen`` → ``ungdomen`` …), each with the nynorsk form to use instead, and
* four patterns: words beginning in ``hv`` (``hva``, ``hvor``, ``hver`` … nynorsk has ``kv``/``k``),
  adjectives in ``-lig`` (``vanlig`` → ``vanleg``), nouns in ``-het`` (``sikkerhet`` →
  ``tryggleik``, ``-heit``), and an ``-es`` passive after a modal verb (``må lagres`` →
  ``må lagrast``).

Placeholders (``{uke}``) and markup are skipped, and so is the tail of a hyphenated word
(``PDF-en``). A message that must quote bokmål (a column heading in an imported file) lists the
words it may quote in ``QUOTED_BOKMAL``.
"""

from __future__ import annotations

import re

# bokmål form → nynorsk form(s). Only words whose nynorsk form differs and that are NOT also valid
# nynorsk (``meg``, ``når``, ``første``, ``spørsmål``, ``gjort``, ``blitt``, ``igjen`` are fine in both;
# ``de`` is nynorsk "you", plural).
BOKMAL_TO_NYNORSK: dict[str, str] = {
    "ikke": "ikkje",
    "jeg": "eg",
    "mye": "mykje",
    "noe": "noko",
    "noen": "nokon / nokre",
    "fra": "frå",
    "hun": "ho",
    "hennes": "hennar",
    "deres": "deira / dykkar",
    "dem": "dei / dykk",
    "en": "ein",
    "et": "eit",
    "ett": "eitt",
    "ble": "vart / blei",
    "være": "vere",
    "vært": "vore",
    "bare": "berre",
    "kun": "berre",
    "mer": "meir",
    "flere": "fleire",
    "hele": "heile",
    "helt": "heilt",
    "egen": "eigen",
    "eget": "eige",
    "egne": "eigne",
    "selv": "sjølv",
    "samme": "same",
    "sammen": "saman",
    "uten": "utan",
    "innen": "innan",
    "siden": "sidan / sida",
    "forrige": "førre",
    "allerede": "allereie",
    "ennå": "enno",
    "senere": "seinare",
    "hjem": "heim",
    "hjemme": "heime",
    "uke": "veke",
    "uker": "veker",
    "uken": "veka",
    "ukene": "vekene",
    "ukentlig": "kvar veke / vekevis",
    "gjør": "gjer",
    "gjøre": "gjere",
    "gjøres": "gjerast",
    "kommer": "kjem",
    "tror": "trur",
    "vet": "veit",
    "trenger": "treng",
    "ønske": "ønskje",
    "ønsker": "ønskjer",
    "finnes": "finst",
    "skole": "skule",
    "skolen": "skulen",
    "videre": "vidare",
    "videregående": "vidaregåande",
    "navn": "namn",
    "navnet": "namnet",
    "fornavn": "førenamn",
    "etternavn": "etternamn",
    "veileder": "rettleiar",
    "veilederen": "rettleiaren",
    "veiledere": "rettleiarar",
    "veilederne": "rettleiarane",
    "veiledning": "rettleiing",
    "bruker": "brukar",
    "brukeren": "brukaren",
    "brukere": "brukarar",
    "brukerne": "brukarane",
    "deltaker": "deltakar",
    "deltakeren": "deltakaren",
    "deltakere": "deltakarar",
    "deltakerne": "deltakarane",
    "ungdommen": "ungdomen",
    "ungdommer": "ungdomar",
    "ungdommene": "ungdomane",
    "ungdommar": "ungdomar",
    "ungdommane": "ungdomane",
    "opplysning": "opplysing",
    "opplysninger": "opplysingar",
    "opplysningar": "opplysingar",
    "personopplysninger": "personopplysingar",
    "personopplysningar": "personopplysingar",
    "tjeneste": "teneste",
    "tjenester": "tenester",
    "tilbud": "tilbod",
    "ytelse": "yting",
    "ytelser": "ytingar",
    "oppgave": "oppgåve",
    "oppgaver": "oppgåver",
    "syk": "sjuk",
    "sykdom": "sjukdom",
    "mandag": "måndag",
    "tirsdag": "tysdag",
    "lørdag": "laurdag",
    "klokken": "klokka",
    "åpne": "opne",
    "åpen": "open",
    "åpent": "ope",
    "åpnet": "opna",
    "lagret": "lagra",
    "slettet": "sletta",
    "endret": "endra",
    "opprettet": "oppretta",
    "avsluttet": "avslutta",
    "hentet": "henta",
    "mottatt": "motteke",
    "skrevet": "skrive",
    "funnet": "funne",
    "frem": "fram",
    "fremover": "framover",
    "fremtid": "framtid",
    "dager": "dagar",
    "dagene": "dagane",
    "måned": "månad",
    "måneden": "månaden",
    "måneder": "månader",
    "frister": "fristar",
    "fristene": "fristane",
    "aktiviteter": "aktivitetar",
    "aktivitetene": "aktivitetane",
    "sted": "stad",
    "stedet": "staden",
    "ansatt": "tilsett",
    "ansatte": "tilsette",
    "liner": "linjer (lines to write on)",
}

# Words the patterns would catch that are nynorsk too.
NYNORSK_TOO = frozenset({"frivillig", "villig", "uvillig"})

# Patterns: (regex, what to write instead)
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"hv\w+", re.IGNORECASE), "nynorsk kv-/k- (kva, kven, kvar, korleis, kvifor, viss)"),
    (re.compile(r"\w+lig(?:e|t|ere|st|ste)?", re.IGNORECASE), "nynorsk -leg (vanleg, mogleg)"),
    (re.compile(r"\w+het(?:en|er|ene|s\w+)?", re.IGNORECASE), "nynorsk -heit (or tryggleik)"),
)
MODAL_PASSIVE = re.compile(
    r"(?<![\w-])(?:må|kan|skal|vil|bør|kunne|skulle|ville|måtte)\s+(?:ikkje\s+)?(\w+es)(?![\w-])",
    re.IGNORECASE,
)

# Start of a msgid → the bokmål words its nynorsk text may quote (column headings that import files
# have in bokmål, which the user must see as written). Keep this short.
QUOTED_BOKMAL: dict[str, frozenset[str]] = {
    "Choose a CSV or Excel file with one youth per row. Columns are recognised by their headings": frozenset(
        {"navn", "fornavn", "etternavn", "veileder"}
    ),
    "No column gives the name. The file needs a column «navn»": frozenset({"navn", "fornavn", "etternavn"}),
    "{file}: OT's list needs a column with the name (Navn, or Fornavn and Etternavn).": frozenset(
        {"navn", "fornavn", "etternavn"}
    ),
}

_SKIP = re.compile(r"\{[^{}]*\}|<[^<>]*>")
_MNEMONIC = re.compile(r"&(?=\w)")
_WORD = re.compile(r"(?<![\w-])\w+(?![\w-])")


def quoted_bokmal(msgid: str) -> frozenset[str]:
    """The bokmål words the nynorsk translation of ``msgid`` may quote."""
    return next((words for start, words in QUOTED_BOKMAL.items() if msgid.startswith(start)), frozenset())


def _clean(text: str) -> str:
    return _SKIP.sub(" ", _MNEMONIC.sub("", text))


def bokmal_words(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The bokmål forms in ``text`` (a nynorsk string), each with the nynorsk to use instead."""
    cleaned = _clean(text)
    found: list[tuple[str, str]] = []
    for match in _WORD.finditer(cleaned):
        word = match.group(0)
        lower = word.lower()
        if lower in allowed:
            continue
        if lower in BOKMAL_TO_NYNORSK:
            found.append((word, BOKMAL_TO_NYNORSK[lower]))
            continue
        for pattern, advice in PATTERNS:
            if lower not in NYNORSK_TOO and pattern.fullmatch(word):
                found.append((word, advice))
                break
    for match in MODAL_PASSIVE.finditer(cleaned):
        if match.group(1).lower() not in allowed:
            found.append((match.group(0), "nynorsk -ast after a modal verb (må lagrast)"))
    return found


def differs_from_nynorsk(bokmal_text: str) -> bool:
    """Whether a bokmål text has a word whose nynorsk form differs (then a copy of it is not nynorsk)."""
    return bool(bokmal_words(bokmal_text))
