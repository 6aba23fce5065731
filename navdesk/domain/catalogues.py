"""Default entries of the editable catalogues, seeded into a new office (NAV's vocabulary).

Each entry: (code, bokmål label, nynorsk label, attributes). Offices rename, hide and add entries;
the codes stay stable so rules and reports can refer to them.
"""

from __future__ import annotations

from typing import Any

Entry = tuple[str, str, str, dict[str, Any]]

TILTAK: list[Entry] = [
    ("arbeidstrening", "Arbeidstrening", "Arbeidstrening", {"formal": True, "tiltakspenger": True}),
    (
        "amo",
        "Arbeidsmarkedsopplæring (AMO)",
        "Arbeidsmarknadsopplæring (AMO)",
        {"formal": True, "tiltakspenger": True},
    ),
    (
        "midl_lonnstilskudd",
        "Midlertidig lønnstilskudd",
        "Mellombels lønstilskot",
        {"formal": True, "tiltakspenger": False},
    ),
    (
        "varig_lonnstilskudd",
        "Varig lønnstilskudd",
        "Varig lønstilskot",
        {"formal": True, "tiltakspenger": False},
    ),
    (
        "aft",
        "Arbeidsforberedende trening (AFT)",
        "Arbeidsførebuande trening (AFT)",
        {"formal": True, "tiltakspenger": True},
    ),
    ("oppfolging", "Oppfølging", "Oppfølging", {"formal": True, "tiltakspenger": True}),
    (
        "ips",
        "Individuell jobbstøtte (IPS)",
        "Individuell jobbstøtte (IPS)",
        {"formal": True, "tiltakspenger": False},
    ),
    ("mentor", "Mentor", "Mentor", {"formal": True, "tiltakspenger": False}),
    (
        "jobbklubb",
        "Jobbklubb (egen regi)",
        "Jobbklubb (eiga regi)",
        {"formal": False, "tiltakspenger": False},
    ),
    (
        "cv_verksted",
        "CV-verksted (egen regi)",
        "CV-verkstad (eiga regi)",
        {"formal": False, "tiltakspenger": False},
    ),
]

MEETING_TYPES: list[Entry] = [
    ("kartleggingssamtale", "Kartleggingssamtale", "Kartleggingssamtale", {"with_youth": True}),
    ("oppfolgingssamtale", "Oppfølgingssamtale", "Oppfølgingssamtale", {"with_youth": True}),
    ("trekantsamtale", "Trekantsamtale", "Trekantsamtale", {"with_youth": True, "preparation_minutes": 30}),
    ("ansvarsgruppemote", "Ansvarsgruppemøte", "Ansvarsgruppemøte", {"with_youth": True}),
    ("samarbeidsmote", "Samarbeidsmøte", "Samarbeidsmøte", {"with_youth": False}),
    ("arbeidsgivermote", "Arbeidsgivermøte", "Arbeidsgivarmøte", {"with_youth": False}),
    ("overforingsmote", "Overføringsmøte", "Overføringsmøte", {"with_youth": True}),
    ("okonomisamtale", "Økonomisamtale", "Økonomisamtale", {"with_youth": True}),
]

PARTNER_TYPES: list[Entry] = [
    ("ot", "Oppfølgingstjenesten (OT)", "Oppfølgingstenesta (OT)", {}),
    ("vgs", "Videregående skole", "Vidaregåande skule", {}),
    ("ppt", "PPT", "PPT", {}),
    ("barnevern", "Barnevern", "Barnevern", {}),
    ("bup_dps", "BUP/DPS", "BUP/DPS", {}),
    ("fastlege", "Fastlege", "Fastlege", {}),
    ("psykisk_helse_rus", "Kommunal psykisk helse og rus", "Kommunal psykisk helse og rus", {}),
    ("boligkontor", "Boligkontor", "Bustadkontor", {}),
    ("tiltaksarrangor", "Tiltaksarrangør", "Tiltaksarrangør", {}),
    ("politi", "Politi", "Politi", {}),
    ("nav_kontor", "Annet NAV-kontor", "Anna NAV-kontor", {}),
    ("frivillig", "Frivillig organisasjon", "Frivillig organisasjon", {}),
    ("annet", "Annet", "Anna", {}),
]

YTELSER: list[Entry] = [
    ("sosialhjelp", "Økonomisk sosialhjelp", "Økonomisk sosialhjelp", {}),
    ("aap", "Arbeidsavklaringspenger (AAP)", "Arbeidsavklaringspengar (AAP)", {"max_years": 3}),
    ("dagpenger", "Dagpenger", "Dagpengar", {}),
    ("tiltakspenger", "Tiltakspenger", "Tiltakspengar", {}),
    ("kvalifiseringsstonad", "Kvalifiseringsstønad", "Kvalifiseringsstønad", {}),
    ("overgangsstonad", "Overgangsstønad", "Overgangsstønad", {}),
    ("uforetrygd", "Uføretrygd", "Uføretrygd", {}),
    ("ungdomsprogramytelse", "Ungdomsprogramytelse", "Ungdomsprogramyting", {}),
]

OUTCOMES: list[Entry] = [
    ("arbeid", "Arbeid", "Arbeid", {"report": "arbeid"}),
    ("utdanning", "Utdanning", "Utdanning", {"report": "utdanning"}),
    ("laerling", "Lærling", "Lærling", {"report": "utdanning"}),
    ("kombinert", "Kombinert arbeid og utdanning", "Kombinert arbeid og utdanning", {"report": "arbeid"}),
    ("tiltak", "Tiltak", "Tiltak", {"report": "tiltak"}),
    (
        "annen_instans",
        "Overført til annen instans",
        "Overført til anna instans",
        {"report": "annen_aktivitet"},
    ),
    ("flyttet", "Flyttet", "Flytta", {"report": "ukjent"}),
    (
        "onsket_ikke",
        "Ønsket ikke videre oppfølging",
        "Ønskte ikkje vidare oppfølging",
        {"report": "ingen_aktivitet"},
    ),
    ("mistet_kontakt", "Mistet kontakt", "Mista kontakt", {"report": "ukjent"}),
    ("uforetrygd", "Uføretrygd", "Uføretrygd", {"report": "ingen_aktivitet"}),
    ("aldersgrense", "Nådd aldersgrensen", "Nådd aldersgrensa", {"report": "ukjent"}),
]

CLUB_TOPICS: list[Entry] = [
    ("cv", "CV", "CV", {}),
    ("soknad", "Søknadsskriving", "Søknadsskriving", {}),
    ("intervju", "Intervjutrening", "Intervjutrening", {}),
    ("sosiale_medier", "Sosiale medier i jobbsøking", "Sosiale medium i jobbsøking", {}),
    ("bedriftsbesok", "Bedriftsbesøk", "Bedriftsbesøk", {}),
    ("arbeidsgiver_besok", "Arbeidsgiver på besøk", "Arbeidsgivar på besøk", {}),
    ("okonomi", "Privatøkonomi og budsjett", "Privatøkonomi og budsjett", {}),
    ("jobbsoker", "Å være jobbsøker", "Å vere jobbsøkar", {}),
]

CONTACT_TOPICS: list[Entry] = [
    ("jobbsoking", "Jobbsøking", "Jobbsøking", {}),
    ("skole", "Skole", "Skule", {}),
    ("okonomi", "Økonomi", "Økonomi", {}),
    ("bolig", "Bolig", "Bustad", {}),
    ("helse", "Helse", "Helse", {}),
    ("aktivitet", "Aktivitet", "Aktivitet", {}),
]


def _step(type_: str, title: str, offset: int, duration: int | None, responsible: str) -> dict[str, Any]:
    return {"type": type_, "title": title, "offset_days": offset, "duration_days": duration,
            "responsible": responsible}  # fmt: skip


# Office plan templates (aktivitetsplan): activities with day offsets from a chosen start.
PLAN_TEMPLATES: list[Entry] = [
    (
        "ny_ungdom",
        "Ny ungdom: kartlegging → jobbklubb → praksis",
        "Ny ungdom: kartlegging → jobbklubb → praksis",
        {"steps": [
            _step("egenaktivitet", "Kartlegging: hva vil du, hva kan du?", 0, 14, "nav"),
            _step("jobbklubb", "Jobbklubb", 14, 42, "ungdommen"),
            _step("arbeidstrening", "Praksis hos arbeidsgiver", 56, 90, "ungdommen"),
        ]},
    ),
    (
        "jobbsoking",
        "Jobbsøking med søkeavtale",
        "Jobbsøking med søkeavtale",
        {"steps": [
            _step("egenaktivitet", "Lage CV sammen med veilederen", 0, 14, "ungdommen"),
            _step("jobbsoking", "Søke jobber", 7, 56, "ungdommen"),
        ]},
    ),
    (
        "tilbake_til_skolen",
        "Tilbake til skolen",
        "Tilbake til skulen",
        {"steps": [
            _step("egenaktivitet", "Besøke skolen sammen med veilederen", 0, 14, "nav"),
            _step("utdanning", "Søke skoleplass på VGS", 0, 60, "ot"),
        ]},
    ),
]  # fmt: skip

ALL: dict[str, list[Entry]] = {
    "tiltak": TILTAK,
    "meeting_type": MEETING_TYPES,
    "partner_type": PARTNER_TYPES,
    "ytelse": YTELSER,
    "outcome": OUTCOMES,
    "club_topic": CLUB_TOPICS,
    "contact_topic": CONTACT_TOPICS,
    "plan_template": PLAN_TEMPLATES,
}
