"""The portfolio's filter facts on the three backends: the open period's latest §14a decision, benefits
running today, the latest school status, the tags, and the ytelse labels in bokmål and nynorsk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from navdesk.domain.enums import Hovedmal, Innsatsgruppe, SchoolStatus
from navdesk.i18n import set_language
from navdesk.services import followup, youths
from navdesk.services.office import catalogue
from navdesk.services.portfolio_facets import NO_FACETS, Facets, portfolio_facets

DAY = date(2026, 11, 24)


def _build(db: object, actor: object) -> dict[str, object]:
    ids: dict[str, object] = {}
    with db.session() as s, s.begin():  # type: ignore[attr-defined]
        ytelse = catalogue(s, "ytelse")
        # Åse: two decisions (the later date wins, whatever the order recorded), benefits, school, tags
        ase = youths.create_youth(s, actor, first_name="Åse", last_name="Berg", birth_date=date(2005, 1, 1),
                                  tags=["  trenger  CV ", "ny", "ny", ""])  # fmt: skip
        period = followup.open_period(s, actor, ase, registration_date=DAY - timedelta(days=100))
        followup.decide_innsats(s, actor, period, decided_on=DAY - timedelta(days=10),
                                innsatsgruppe=Innsatsgruppe.VARIG_TILPASSET, hovedmal=Hovedmal.OKE_DELTAKELSE)  # fmt: skip
        followup.decide_innsats(s, actor, period, decided_on=DAY - timedelta(days=50),
                                innsatsgruppe=Innsatsgruppe.STANDARD, hovedmal=Hovedmal.SKAFFE_ARBEID)  # fmt: skip
        # running today (ends today, open-ended), ended yesterday, starting tomorrow
        followup.add_benefit(s, actor, period, ytelse_id=ytelse["dagpenger"], start_date=DAY - timedelta(days=30),
                             end_date=DAY)  # fmt: skip
        followup.add_benefit(s, actor, period, ytelse_id=ytelse["sosialhjelp"], start_date=DAY)
        followup.add_benefit(s, actor, period, ytelse_id=ytelse["aap"], start_date=DAY - timedelta(days=90),
                             end_date=DAY - timedelta(days=1))  # fmt: skip
        followup.add_benefit(
            s, actor, period, ytelse_id=ytelse["tiltakspenger"], start_date=DAY + timedelta(days=1)
        )
        followup.set_school_status(
            s, actor, ase, status=SchoolStatus.LAERLING, from_date=DAY - timedelta(days=5)
        )
        followup.set_school_status(s, actor, ase, status=SchoolStatus.AVBRUDD_I_ARET,
                                   from_date=DAY - timedelta(days=200))  # fmt: skip
        ids["ase"] = ase

        # Zara: a decision on the same day twice (the one recorded last wins), no hovedmål, no tags
        zara = youths.create_youth(s, actor, first_name="Zara", last_name="Moen", birth_date=date(2004, 3, 1))
        period = followup.open_period(s, actor, zara, registration_date=DAY - timedelta(days=20))
        followup.decide_innsats(s, actor, period, decided_on=DAY - timedelta(days=3),
                                innsatsgruppe=Innsatsgruppe.STANDARD)  # fmt: skip
        s.flush()
        followup.decide_innsats(s, actor, period, decided_on=DAY - timedelta(days=3),
                                innsatsgruppe=Innsatsgruppe.SITUASJONSBESTEMT)  # fmt: skip
        ids["zara"] = zara

        # Øystein: his period is closed, so its decision does not count; its benefit still runs today
        oystein = youths.create_youth(s, actor, first_name="Øystein", last_name="Lie", birth_date=date(2003, 5, 5),
                                      tags=["økonomi"])  # fmt: skip
        period = followup.open_period(s, actor, oystein, registration_date=DAY - timedelta(days=300))
        followup.decide_innsats(s, actor, period, decided_on=DAY - timedelta(days=290),
                                innsatsgruppe=Innsatsgruppe.SPESIELT_TILPASSET)  # fmt: skip
        followup.add_benefit(
            s, actor, period, ytelse_id=ytelse["uforetrygd"], start_date=DAY - timedelta(days=290)
        )
        s.flush()
        from navdesk.db.models import FollowUpPeriod

        closing = s.get(FollowUpPeriod, period)
        followup.close_period(s, actor, period, closing.version, closed_on=DAY - timedelta(days=10),
                              outcome_id=catalogue(s, "outcome")["arbeid"])  # fmt: skip
        ids["oystein"] = oystein

        # Nora: nothing at all
        ids["nora"] = youths.create_youth(s, actor, first_name="Nora", last_name="Dahl",
                                          birth_date=date(2006, 6, 6))  # fmt: skip
    return ids


def test_the_five_facts_of_each_youth(office) -> None:
    db, actor = office
    ids = _build(db, actor)
    with db.session() as s:
        facets = portfolio_facets(s, DAY)
    assert isinstance(facets, Facets)
    assert facets.of(ids["ase"]) == (  # type: ignore[arg-type]
        "varig_tilpasset_innsats", "oke_deltakelse", ("sosialhjelp", "dagpenger"), "laerling", ("trenger CV", "ny"),
    )  # fmt: skip
    assert facets.of(ids["zara"]) == ("situasjonsbestemt_innsats", "", (), "", ())  # type: ignore[arg-type]
    assert facets.of(ids["oystein"]) == ("", "", ("uforetrygd",), "", ("økonomi",))  # type: ignore[arg-type]
    assert facets.of(ids["nora"]) == NO_FACETS  # type: ignore[arg-type]
    # by youth id as hex, one mapping per facet
    assert facets.innsatsgruppe == {
        ids["ase"].hex: "varig_tilpasset_innsats", ids["zara"].hex: "situasjonsbestemt_innsats",  # type: ignore[attr-defined]
    }  # fmt: skip
    assert facets.by_facet("tag") is facets.tags

    # another day: the benefits running then
    with db.session() as s:
        later = portfolio_facets(s, DAY + timedelta(days=1))
    assert later.of(ids["ase"])[2] == ("sosialhjelp", "tiltakspenger")  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "label"), [("nb", "Dagpenger"), ("nn", "Dagpengar")])
def test_ytelse_labels_in_the_users_language(office, lang: str, label: str) -> None:
    db, _actor = office
    set_language(lang)
    try:
        with db.session() as s:
            facets = portfolio_facets(s, DAY)
    finally:
        set_language("nb")
    assert facets.ytelse_labels["dagpenger"] == label
    assert list(facets.ytelse_labels)[:2] == ["sosialhjelp", "aap"]  # the catalogue's order
