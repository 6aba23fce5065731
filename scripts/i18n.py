#!/usr/bin/env python3
"""Extract, update and compile NavDesk's translation catalogues (``make i18n``).

    python scripts/i18n.py           # write resources/locale/navdesk.pot, update each .po, compile .mo
    python scripts/i18n.py --check   # exit 1 (listing the problems) if anything is out of date

Messages are extracted from ``navdesk/**/*.py`` with Babel (keywords ``_``, ``N_`` and
``ngettext``). Output is deterministic: a fixed creation date, no line numbers, sorted entries, so
running the script twice gives byte-identical files and ``--check`` is stable.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "navdesk"
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "navdesk"
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGES = ("nb", "nn", "en")
COMPLETE_LANGUAGES = ("nb", "nn", "en")  # must have a translation for every msgid
# The msgids are English: the English catalogue starts each message as a copy of its msgid (kept
# when someone writes a better English text for the screen), so English is complete by design and
# only a stale en.po (script not run) can lack a string.
SOURCE_LANGUAGE = "en"

KEYWORDS: dict[str, object] = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python")]
FIXED_DATE = datetime(2025, 1, 1, 0, 0, tzinfo=UTC)
PROJECT = "NavDesk"
HEADER = "# Translations for NavDesk.\n# Copyright (C) NavDesk-teamet"
WIDTH = 100


def extract_catalog(source_dir: Path = SOURCE_DIR) -> Catalog:
    """Extract every marked message from the code into a fresh template catalogue."""
    catalog = Catalog(
        project=PROJECT,
        version="",
        header_comment=HEADER,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        charset="utf-8",
        fuzzy=False,
    )
    extracted = extract_from_dir(
        str(source_dir),
        method_map=METHOD_MAP,
        keywords=KEYWORDS,  # type: ignore[arg-type]
        comment_tags=("Translators:", "TRANSLATORS:"),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in extracted:
        rel = (Path(source_dir).name + "/" + filename).replace("\\", "/")
        catalog.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
    return catalog


def _dump_po(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
        include_previous=False,
    )
    return buf.getvalue()


def _dump_mo(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def _normalise_header(catalog: Catalog, lang: str | None) -> None:
    catalog.project = PROJECT
    catalog.version = ""
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.header_comment = HEADER
    catalog.last_translator = "NavDesk-teamet"
    catalog.language_team = f"{lang} <navdesk@example.invalid>" if lang else "LANGUAGE <LL@li.org>"
    catalog.msgid_bugs_address = ""
    catalog.fuzzy = False


def updated_po(template: Catalog, lang: str) -> Catalog:
    """The language's catalogue updated from ``template`` (existing translations kept)."""
    path = po_path(lang)
    if path.exists():
        catalog = read_catalog(path, locale=lang)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, fuzzy=False)
    # No fuzzy matching: a guessed translation is worse than an empty one (nb must be checked anyway).
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    if lang == SOURCE_LANGUAGE:
        _fill_from_msgids(catalog)
    _normalise_header(catalog, lang)
    return catalog


def _fill_from_msgids(catalog: Catalog) -> None:
    """Give every untranslated message of the source language its msgid (singular and plural)."""
    plurals = max(catalog.num_plurals, 2)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            forms = [message.id[0]] + [message.id[1]] * (plurals - 1)
            given = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
            given += [""] * (plurals - len(given))
            message.string = tuple(text or form for text, form in zip(given, forms, strict=False))
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")


def missing_translations(catalog: Catalog) -> list[str]:
    """Msgids without a usable (non-empty, non-fuzzy) translation."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def _mo_contents(data: bytes) -> dict[object, object]:
    catalog = read_mo(io.BytesIO(data))

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {frozen(m.id): frozen(m.string) for m in catalog if m.id}


def build(check: bool) -> list[str]:
    problems: list[str] = []
    template = extract_catalog()
    _normalise_header(template, None)
    pot_bytes = _dump_po(template)

    def emit(path: Path, data: bytes, what: str) -> None:
        current = path.read_bytes() if path.exists() else None
        if current == data:
            return
        if check:
            problems.append(f"{path.relative_to(ROOT)}: {what}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)}")

    emit(POT_PATH, pot_bytes, "out of date with the code (run scripts/i18n.py)")
    for lang in LANGUAGES:
        catalog = updated_po(template, lang)
        po_bytes = _dump_po(catalog)
        emit(po_path(lang), po_bytes, "out of date with the template (run scripts/i18n.py)")
        # In check mode, compile what is on disk (so a stale .mo is caught even when the .po is fine).
        on_disk = read_catalog(po_path(lang), locale=lang) if check and po_path(lang).exists() else catalog
        mo_bytes = _dump_mo(on_disk)
        if check:
            path = mo_path(lang)
            if not path.exists():
                problems.append(f"{path.relative_to(ROOT)}: missing (run scripts/i18n.py)")
            elif path.read_bytes() != mo_bytes and _mo_contents(path.read_bytes()) != _mo_contents(mo_bytes):
                problems.append(f"{path.relative_to(ROOT)}: does not match its .po (run scripts/i18n.py)")
        else:
            emit(mo_path(lang), mo_bytes, "")
        if lang in COMPLETE_LANGUAGES:
            for msgid in missing_translations(catalog):
                problems.append(f"{po_path(lang).relative_to(ROOT)}: no translation for {msgid!r}")
    return problems


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if anything is out of date")
    args = parser.parse_args(list(argv) if argv is not None else None)
    problems = build(check=args.check)
    stats = []
    template = extract_catalog()
    total = len([m for m in template if m.id])
    for lang in LANGUAGES:
        if po_path(lang).exists():
            missing = len(missing_translations(read_catalog(po_path(lang), locale=lang)))
            stats.append(f"{lang}: {total - missing}/{total}")
    print(f"{total} messages; translated " + ", ".join(stats))
    if problems and not args.check:
        print("warning: untranslated messages (fill them in, then run again):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 0
    if problems:
        print("i18n problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
