"""The translation catalogues: complete bokmål, compiled files up to date, real nynorsk, same placeholders."""

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

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("nb", "nn", "en")

# Words that differ between bokmål and nynorsk: an nn string must not contain them.
BOKMAL_ONLY = ("ikke", "jeg", "hva", "hvem", "uke", "gjør", "skole", "hvor", "noen", "mye", "hjem")
_BOKMAL_RE = re.compile(r"(?<!\w)(" + "|".join(BOKMAL_ONLY) + r")(?!\w)", re.IGNORECASE)


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


def test_every_message_in_the_code_is_in_bokmal(template: Catalog) -> None:
    nb = _po("nb")
    missing = [_key(m) for m in template if m.id and nb.get(m.id) is None]
    assert not missing, f"run scripts/i18n.py; msgids missing from nb.po: {missing}"


def test_bokmal_is_complete() -> None:
    untranslated = [_key(m) for m in _po("nb") if m.id and (m.fuzzy or not all(_strings(m)))]
    assert not untranslated, f"nb.po lacks translations for: {untranslated}"


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


def test_nynorsk_is_not_bokmal() -> None:
    nb = {_key(m): _strings(m) for m in _translated(_po("nb"))}
    copies, bokmal_words = [], []
    for message in _translated(_po("nn")):
        for i, text in enumerate(_strings(message)):
            nb_text = nb.get(_key(message), [""] * (i + 1))[i]
            if _BOKMAL_RE.search(nb_text) and text == nb_text:
                copies.append(_key(message))
            found = _BOKMAL_RE.findall(text)
            if found:
                bokmal_words.append((_key(message), found))
    assert not copies, f"nn copies bokmål: {copies}"
    assert not bokmal_words, f"nn uses bokmål words: {bokmal_words}"


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
