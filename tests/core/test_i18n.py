"""The translation catalogues: bokmål, nynorsk and English complete, compiled files up to date, real
nynorsk (no bokmål words, no copies of bokmål where the languages differ), same placeholders."""

from __future__ import annotations

import importlib.util
import io
import re
import string
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from tests.nynorsk import bokmal_words, quoted_bokmal

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("nb", "nn", "en")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("navdesk_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _po(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "navdesk.po").open("rb") as fh:
        return read_po(fh, locale=lang, domain="navdesk")


def _key(message: Message) -> str | tuple[str, ...]:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _translated(catalog: Catalog) -> Iterator[Message]:
    for message in catalog:
        if message.id and not message.fuzzy and all(_strings(message)):
            yield message


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def template(script: ModuleType) -> Catalog:
    return script.extract_catalog()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_has_every_message(template: Catalog, lang: str) -> None:
    """Bokmål, nynorsk and English alike: a msgid in the code without a translation fails."""
    catalogue = _po(lang)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        if found is None or found.fuzzy or not all(_strings(found)):
            missing.append(_key(message))
    assert not missing, f"run scripts/i18n.py and translate; {lang}.po lacks: {missing}"


def test_the_completeness_check_notices_a_missing_string(script: ModuleType) -> None:
    catalogue = Catalog(locale="nn")
    catalogue.add("Week", "Veke")
    catalogue.add("Day", "")
    catalogue.add(("{n} week", "{n} weeks"), ("{n} veke", ""))
    assert script.missing_translations(catalogue) == ["Day", "{n} week"]


def test_english_is_filled_from_the_msgids_but_keeps_its_own_wording(script: ModuleType) -> None:
    catalogue = Catalog(locale="en")
    catalogue.add("Save", "")
    catalogue.add("Close follow-up", "End follow-up")
    catalogue.add(("{n} youth", "{n} youths"), ("", ""))
    script._fill_from_msgids(catalogue)
    assert catalogue.get("Save").string == "Save"
    assert catalogue.get("Close follow-up").string == "End follow-up"
    assert tuple(catalogue.get("{n} youth").string) == ("{n} youth", "{n} youths")


# Norwegian words that give away a msgid written in Norwegian (English is the source language).
_NORWEGIAN = re.compile(
    r"(?<![\w-])(og|ikke|ikkje|er|eller|som|med|til|av|på|å|det|den|ein|eit|jeg|eg|vi|har|skal|må|uke|veke)(?![\w-])",
    re.IGNORECASE,
)
# Msgids that must quote Norwegian (the values of OT's list).
_QUOTES_NORWEGIAN = ("Ivaretatt / ikke ivaretatt / har flyttet",)


def test_msgids_are_english(template: Catalog) -> None:
    """The English UI shows the msgids: a msgid in Norwegian would leave English incomplete."""
    norwegian = []
    for message in template:
        for msgid in _ids(message) if message.id else []:
            if msgid.startswith(_QUOTES_NORWEGIAN):
                continue
            text = re.sub(r"\{[^{}]*\}|«[^»]*»", " ", msgid)  # placeholders and quoted Norwegian terms
            if _NORWEGIAN.search(text):
                norwegian.append(msgid)
    assert not norwegian, f"msgids must be English: {norwegian}"


def test_pot_is_current(script: ModuleType, template: Catalog) -> None:
    pot = LOCALE / "navdesk.pot"
    script._normalise_header(template, None)
    assert pot.read_bytes() == script._dump_po(template), "navdesk.pot is stale: run scripts/i18n.py"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_matches_its_po(lang: str) -> None:
    po = _po(lang)
    fresh = io.BytesIO()
    write_mo(fresh, po, use_fuzzy=False)
    fresh.seek(0)
    with (LOCALE / lang / "LC_MESSAGES" / "navdesk.mo").open("rb") as fh:
        on_disk = read_mo(fh)
    compiled = read_mo(fresh)
    as_dict = lambda cat: {_key(m): m.string for m in cat if m.id}  # noqa: E731
    assert as_dict(on_disk) == as_dict(compiled), f"{lang}: .mo is stale, run scripts/i18n.py"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang: str) -> None:
    wrong = []
    for message in _translated(_po(lang)):
        expected = set().union(*(_placeholders(i) for i in _ids(message)))
        for text in _strings(message):
            if _placeholders(text) != expected:
                wrong.append((_key(message), text))
    assert not wrong, f"{lang}: placeholders differ in {wrong}"


def test_nynorsk_does_not_copy_bokmal() -> None:
    """An nn string identical to the nb one, where the nb one has a word nynorsk writes differently."""
    nb = {_key(m): _strings(m) for m in _translated(_po("nb"))}
    copies = []
    for message in _translated(_po("nn")):
        nb_texts = nb.get(_key(message), [])
        allowed = quoted_bokmal(_ids(message)[0])
        for text, nb_text in zip(_strings(message), nb_texts, strict=False):
            if text == nb_text and bokmal_words(nb_text, allowed):
                copies.append((_key(message), text))
    assert not copies, "nn copies bokmål where nynorsk differs:\n" + "\n".join(map(repr, copies))


def test_nynorsk_has_no_bokmal_words() -> None:
    found = []
    for message in _translated(_po("nn")):
        allowed = quoted_bokmal(_ids(message)[0])
        for text in _strings(message):
            words = bokmal_words(text, allowed)
            if words:
                found.append((_key(message), words))
    assert not found, "bokmål in nn.po (word, write instead):\n" + "\n".join(map(repr, found))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du har ikke lagret planen.", ["ikke", "lagret"]),
        ("Hva skjer neste uke?", ["Hva", "uke"]),
        ("Hvem gjør hva fra mandag?", ["Hvem", "gjør", "hva", "fra", "mandag"]),
        ("Det er mulig å endre sikkerhetskopien.", ["mulig", "sikkerhetskopien"]),
        ("Planen må lagres først.", ["må lagres"]),
        ("Ungdommen trenger noen timer.", ["Ungdommen", "trenger", "noen"]),
        ("Du har ikkje lagra planen.", []),
        ("Kva skjer neste veke? Kven gjer kva frå måndag?", []),
        ("Det er mogleg å endre tryggingskopien. Planen må lagrast først.", []),
        ("Lagre PDF-en {uke} &Opne <b>no</b> når de snakkast; meg og deg.", []),
        ("<b>Hvor</b> er {n} uker? &Ikke", ["Hvor", "uker", "Ikke"]),
    ],
)
def test_the_bokmal_rules_catch_bokmal_and_spare_nynorsk(text: str, expected: list[str]) -> None:
    assert [word for word, _advice in bokmal_words(text)] == expected


def test_quoted_column_headings_are_allowed_only_where_listed() -> None:
    msgid = "No column gives the name. The file needs a column «navn», or «fornavn» and «etternavn»."
    text = "Fila treng ein kolonne «navn», eller «fornavn» og «etternavn»."
    assert bokmal_words(text, quoted_bokmal(msgid)) == []
    assert [w for w, _ in bokmal_words(text, quoted_bokmal("Something else"))] == [
        "navn",
        "fornavn",
        "etternavn",
    ]


@pytest.fixture
def restore_language() -> Iterator[None]:
    from navdesk import i18n

    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(
    ("lang", "msgid", "expected"),
    [
        ("nb", "Open", "Åpen"),
        ("nb", "Job club", "Jobbklubb"),
        ("nb", "Situational effort", "Situasjonsbestemt innsats"),
        ("nn", "Counsellor", "Rettleiar"),
        ("nn", "School", "Skule"),
        ("en", "Open", "Open"),
    ],
)
def test_runtime_loads_the_catalogues(restore_language: None, lang: str, msgid: str, expected: str) -> None:
    from navdesk.i18n import _, set_language

    assert set_language(lang) == lang
    assert _(msgid) == expected


def test_runtime_plural(restore_language: None) -> None:
    from navdesk.i18n import ngettext, set_language

    set_language("nb")
    assert ngettext("{n} youth", "{n} youths", 1).format(n=1) == "1 ungdom"
    assert ngettext("{n} youth", "{n} youths", 3).format(n=3) == "3 ungdommer"


def test_check_mode_passes(script: ModuleType) -> None:
    assert script.build(check=True) == []
