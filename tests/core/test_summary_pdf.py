"""The printed meeting summary (møtereferat), rendered from plain data and read back with poppler.

Headings are looked up in the message catalogue of the summary's language (``translation(lang)``),
so the tests hold both before and after a catalogue gains their translations.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from navdesk.documents.summary import (
    DEFAULT_SECTIONS,
    SummaryOptions,
    markup,
    render_summaries,
    render_summary,
    summary_language,
)
from navdesk.domain.text import OSLO
from navdesk.i18n import translation
from navdesk.services.summaries import (
    NAV,
    OTHER,
    YOUTH,
    ConsentBasis,
    NextMeeting,
    SummaryAction,
    SummaryData,
    SummaryParticipant,
    SummaryYouth,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

PRINTED = date(2026, 11, 24)
SAMI = "Áilu Đuottar Ŋuolja-Ŧoavvu"
LONG_WORD = "Arbeidstreningsplassoppfølgingssamtalereferatskrivingsverkstedsdeltakerkontrakt" * 3


def _data(**changes: object) -> SummaryData:
    youth = SummaryYouth(SAMI, "nb", "ingen")
    participants = (
        SummaryParticipant(SAMI, "ungdom", "", "", False),
        SummaryParticipant("Kari Nordmann", "veileder", "NAV Kautokeino", "Veileder", False),
        SummaryParticipant(
            "Ængel Øvrebø-Åsheim", "partner", "Oppfølgingstjenesten Finnmark", "OT-rådgiver", True,
            ConsentBasis("Samarbeid om skole og arbeid", "skriftlig", date(2026, 9, 1), date(2027, 3, 1), False),
            "gyldig",
        ),
        SummaryParticipant("Per Hansen", "arbeidsgiver", "Rema 1000 Kautokeino", "Butikksjef", True),
    )  # fmt: skip
    actions = (
        SummaryAction("Sende søknad om arbeidstrening", "Kari Nordmann", date(2026, 11, 27), None, NAV),
        SummaryAction("Søke på tre jobber & skrive <CV>", "Ungdommen", date(2026, 12, 1), None, YOUTH),
        SummaryAction("Sjekke skoleplass", "OT (Ængel)", date(2026, 12, 10), date(2026, 12, 3), OTHER),
    )
    base = SummaryData(
        meeting_id=__import__("uuid").UUID(int=1), office="NAV Kautokeino", type_nb="Trekantsamtale",
        type_nn="Trekantsamtale", starts_at=datetime(2026, 11, 24, 10, 0, tzinfo=OSLO), duration_min=60,
        place="NAV-kontoret, møterom 2", channel="samtale", status="gjennomfort", youth_id=None, youth=youth,
        participants=participants, agenda="- Status på skolen\n- Veien videre",
        summary="Vi snakket om skolen. Rock & roll <3 og a<b>c.\n" + LONG_WORD,
        decisions="Áilu starter arbeidstrening 1. desember.", actions=actions,
        next_meeting=NextMeeting(datetime(2026, 12, 8, 9, 30, tzinfo=OSLO), 45, "NAV-kontoret", "samtale",
                                 "Oppfølgingssamtale", "Oppfølgingssamtale"),
        sensitive="Sover dårlig; går til fastlege.", organiser="Kari Nordmann (KN)",
    )  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _options(**changes: object) -> SummaryOptions:
    values: dict[str, object] = {"printed_by": "Kari Nordmann (KN)", "printed_on": PRINTED, **changes}
    return SummaryOptions(**values)  # type: ignore[arg-type]


def _text(pdf: bytes, tmp_path: Path, *, page: int | None = None, layout: bool = False) -> str:
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_full_summary_has_participants_consent_actions_and_next_meeting(tmp_path: Path) -> None:
    text = _text(render_summary(_data(), _options()), tmp_path)
    _ = translation("nb").gettext
    for expected in (SAMI, "Kari Nordmann", "Ængel Øvrebø-Åsheim", "Oppfølgingstjenesten", "OT-rådgiver",
                     "Per Hansen", "Rema 1000 Kautokeino", "Butikksjef", "NAV Kautokeino", "Trekantsamtale",
                     "24.11.2026", "10:00–11:00", "NAV-kontoret, møterom 2", "Status på skolen",
                     "Áilu starter arbeidstrening", "Sende søknad om arbeidstrening", "27.11.2026", "Ungdommen",
                     "Sjekke skoleplass", "10.12.2026", "08.12.2026", "09:30–10:15", _("Meeting summary"),
                     _("What"), _("Who"), _("By when"), _("Basis for sharing")):  # fmt: skip
        assert expected in text, expected
    # the partner's consent prints; nothing is claimed for the employer, who has none
    words = " ".join(text.split())  # table cells wrap
    assert "01.09.2026" in text and "01.03.2027" in text and "Samarbeid om skole og arbeid" in words
    assert text.count("01.03.2027") == 1
    assert "Đ" in text and "Ŋ" in text and "Ŧ" in text and "æ" in text.lower()


def test_a4_and_the_fonts_are_embedded_dejavu(tmp_path: Path) -> None:
    pdf = render_summary(_data(), _options())
    from io import BytesIO

    from pypdf import PdfReader

    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts not installed")
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = lines.splitlines()[2:]
    assert fonts and all("DejaVuSans" in f for f in fonts), lines  # no Helvetica anywhere
    assert all(f.split()[-5] == "yes" for f in fonts), lines  # emb column


def test_user_text_is_escaped_and_long_words_wrap(tmp_path: Path) -> None:
    text = _text(render_summary(_data(), _options()), tmp_path)
    assert "Rock & roll <3 og a<b>c." in text
    assert "Søke på tre jobber & skrive <CV>" in text
    assert LONG_WORD in _flat(text)  # split over lines, nothing lost
    assert markup("a & b <i>x</i>\nny linje") == "a &amp; b &lt;i&gt;x&lt;/i&gt;<br/>ny linje"
    assert markup("null\x00 bell\x07 tab\there") == "null bell tab here"


def test_sensitive_notes_are_left_out_by_default(tmp_path: Path) -> None:
    assert "sensitive" not in DEFAULT_SECTIONS
    data = _data()
    for variant in ("full", "youth"):
        assert "fastlege" not in _text(render_summary(data, _options(variant=variant)), tmp_path)
        chosen = _options(variant=variant, sections=DEFAULT_SECTIONS | {"sensitive"})
        text = _text(render_summary(data, chosen), tmp_path)
        assert "Sover dårlig; går til fastlege." in text
        assert translation("nb").gettext("Health and other sensitive information") in text
    # chosen, but never read from the database: nothing to print
    unread = _text(render_summary(_data(sensitive=None), _options(sections=DEFAULT_SECTIONS | {"sensitive"})),
                   tmp_path)  # fmt: skip
    assert "fastlege" not in unread


def test_sections_the_caller_leaves_out_do_not_print(tmp_path: Path) -> None:
    sections = DEFAULT_SECTIONS - {"agenda", "participants"}
    text = _text(render_summary(_data(), _options(sections=sections)), tmp_path)
    assert "Status på skolen" not in text and "Per Hansen" not in text
    assert "Áilu starter arbeidstrening" in text
    with pytest.raises(ValueError):
        SummaryOptions(sections=frozenset({"diagnoses"}))
    with pytest.raises(ValueError):
        SummaryOptions(variant="poster")


def test_youth_variant_splits_the_actions_by_who_does_them(tmp_path: Path) -> None:
    _ = translation("nb").gettext
    text = _text(render_summary(_data(), _options(variant="youth")), tmp_path)
    order = [_("What we agreed"), "Áilu starter arbeidstrening", _("What you will do"), "Søke på tre jobber",
             _("What the counsellor will do"), "Sende søknad om arbeidstrening", _("What others will do"),
             "OT (Ængel):", "Sjekke skoleplass", _("Next meeting"), "08.12.2026"]  # fmt: skip
    positions = [text.find(item) for item in order]
    assert -1 not in positions, [o for o, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "tirsdag 01.12.2026" in text  # the day of the week with the date, for the youth
    # plain language: no consent column and no table headings
    assert _("Basis for sharing") not in text and "01.03.2027" not in text
    assert _("Date and signature") not in text  # signature lines only when chosen
    signed = _text(render_summary(_data(), _options(variant="youth", sections=DEFAULT_SECTIONS | {"signatures"})),
                   tmp_path)  # fmt: skip
    assert signed.count(_("Date and signature")) == 2


def test_the_youths_malform_is_chosen_and_lang_overrides(tmp_path: Path) -> None:
    nynorsk = _data(youth=SummaryYouth(SAMI, "nn", "ingen"))
    assert summary_language(nynorsk, _options()) == "nn"
    assert summary_language(nynorsk, _options(lang="nb")) == "nb"
    assert summary_language(_data(youth=None), _options()) == "nb"
    nn_text = _text(render_summary(nynorsk, _options(variant="youth")), tmp_path)
    nb_text = _text(render_summary(nynorsk, _options(variant="youth", lang="nb")), tmp_path)
    assert "tysdag 24.11.2026" in nn_text and "tirsdag 24.11.2026" in nb_text  # weekday names
    for msgid in ("What you will do", "What the counsellor will do", "Summary of our meeting"):
        nb, nn = translation("nb").gettext(msgid), translation("nn").gettext(msgid)
        assert nn in nn_text and nb in nb_text
        if nb != nn:  # once the catalogues have them: bokmål and nynorsk headings differ
            assert nb not in nn_text
    nn_full = _text(render_summary(nynorsk, _options()), tmp_path)
    assert translation("nn").gettext("Place") in nn_full  # «Stad», not «Sted»
    assert "Stad" in nn_full or translation("nn").gettext("Place") == "Place"


def test_output_is_deterministic(tmp_path: Path) -> None:
    data = _data()
    first = render_summary(data, _options())
    assert render_summary(data, _options()) == first
    assert render_summary(_data(), _options()) == first  # equal data, another object
    youth = render_summary(data, _options(variant="youth"))
    assert render_summary(data, _options(variant="youth")) == youth
    assert render_summary(data, _options(printed_on=date(2026, 11, 25))) != first
    assert b"D:20261124000000" in first  # the creation date is the print date


def test_long_summary_numbers_its_pages_x_of_y(tmp_path: Path) -> None:
    lines = "\n".join(f"Linje {i}: Vi gikk gjennom planen, jobbønsker & skole." for i in range(260))
    huge_action = "\n".join(f"Delmål {i} i en svært lang oppgave" for i in range(120))
    data = _data(
        summary=lines, actions=(SummaryAction(huge_action, "Ungdommen", date(2026, 12, 1), None, YOUTH),)
    )
    pdf = render_summary(data, _options())
    pages = _pages(pdf)
    assert pages >= 4
    page_of = translation("nb").gettext("Page {page} of {pages}")
    confidential = translation("nb").gettext("Confidential — exempt from public access, cf. offl. § 13")
    for page in range(1, pages + 1):
        text = _text(pdf, tmp_path, page=page)
        assert page_of.format(page=page, pages=pages) in text
        assert confidential in text
        assert "Kari Nordmann (KN)" in text and "24.11.2026" in text
    whole = _text(pdf, tmp_path)
    assert "Linje 259:" in whole and "Delmål 119 i en svært lang oppgave" in whole  # the table row split too


def test_many_summaries_in_one_pdf_keep_their_own_page_numbers(tmp_path: Path) -> None:
    """A batch saved as one file: each summary starts on a new page, with its own header, language and
    "side X av Y"; the same bytes for the same input."""
    lines = "\n".join(f"Linje {i}: Vi gikk gjennom planen, jobbønsker & skole." for i in range(120))
    long = _data(summary=lines)
    nynorsk = _data(youth=SummaryYouth("Ola Nynorsk", "nn", "ingen"), type_nb="Oppfølgingssamtale",
                    type_nn="Oppfølgingssamtale", starts_at=datetime(2026, 11, 25, 9, 0, tzinfo=OSLO),
                    summary="Kort referat.")  # fmt: skip
    single = [render_summary(long, _options()), render_summary(nynorsk, _options(variant="youth"))]
    items = [(long, _options()), (nynorsk, _options(variant="youth")), (long, _options())]
    pdf = render_summaries(items)
    assert render_summaries(items) == pdf
    sizes = [_pages(single[0]), _pages(single[1]), _pages(single[0])]
    assert sizes[0] >= 2 and _pages(pdf) == sum(sizes)
    page = 0
    for (data, options), size in zip(items, sizes, strict=True):
        tr = translation(summary_language(data, options))
        for number in range(1, size + 1):
            page += 1
            text = _text(pdf, tmp_path, page=page)
            assert tr.gettext("Page {page} of {pages}").format(page=number, pages=size) in text
            assert (
                "24.11.2026" in text
                and tr.gettext("Confidential — exempt from public access, cf. offl. § 13") in text
            )
        first = _text(pdf, tmp_path, page=page - size + 1)
        assert ("25.11.2026" in first) is (data is nynorsk)  # each summary begins on its own page, own header
    assert render_summaries(items[:1]) == single[0]  # one summary: the same file as on its own
