"""Partners, involvement, consents over time, the sharing guard, placements and preventive work, on the
three backends."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from navdesk.db.models import AuditEvent, AuditPayload
from navdesk.domain.enums import ConsentState
from navdesk.errors import InvalidInput
from navdesk.services import deadlines, followup, partners, sharing, youths
from navdesk.services.office import catalogue

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date(2026, 11, 24)


def _office_with_partners(s, actor):  # type: ignore[no-untyped-def]
    types = catalogue(s, "partner_type")
    ot = partners.add_partner(s, actor, name="Oppfølgingstjenesten Vest-Telemark", type_id=types["ot"],
                              agreement_date=date(2024, 1, 10), agreement_review=date(2026, 11, 1))  # fmt: skip
    bup = partners.add_partner(s, actor, name="BUP Skien", type_id=types["bup_dps"], notes="Poliklinikk")
    school = partners.add_partner(s, actor, name="Vest-Telemark vidaregåande skule", type_id=types["vgs"])
    return ot, bup, school


def test_directory_search_current_contacts_and_last_contact(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ot, bup, _school = _office_with_partners(s, actor)
        gone = partners.add_contact_person(s, actor, ot, name="Ola Olsen", role="OT-rådgiver", phone="35 00 00 01",
                                           valid_from=date(2020, 1, 1))  # fmt: skip
        partners.add_contact_person(s, actor, ot, name="Siri Sæther", role="OT-rådgiver", office_days="tir, tor",
                                    valid_from=date(2026, 8, 1))  # fmt: skip
        partners.update_contact_person(s, actor, gone, valid_to=date(2026, 6, 30))  # he left; the org stays
        yid = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2008, 5, 2)
        )
        partners.involve(s, actor, yid, bup, role="Behandler")
        partners.notify_ot(s, actor, yid, at=datetime(2026, 11, 2, 10, tzinfo=OSLO))
        partners.mark_partner_contacted(s, actor, bup, date(2026, 10, 1), TODAY)
    with db.session() as s:
        rows = partners.directory(s, TODAY)
        assert [r.name for r in rows] == ["BUP Skien", "Oppfølgingstjenesten Vest-Telemark",
                                          "Vest-Telemark vidaregåande skule"]  # fmt: skip
        ot_row = rows[1]
        assert ot_row.type_code == "ot" and ot_row.review_due(TODAY) and not rows[0].review_due(TODAY)
        assert [c.name for c in ot_row.current_contacts] == ["Siri Sæther"]
        assert [c.name for c in ot_row.contacts] == ["Siri Sæther", "Ola Olsen"]  # the one who left, last
        assert ot_row.last_contact == date(2026, 11, 2)  # the OT notification in the contact log
        assert rows[0].last_contact == date(2026, 10, 1) and rows[0].youths_involved == 1
        # searchable by contact person (accents and case folded), type and notes
        assert [r.name for r in partners.directory(s, TODAY, "sæther")] == [
            "Oppfølgingstjenesten Vest-Telemark"
        ]
        assert [r.name for r in partners.directory(s, TODAY, "poliklinikk")] == ["BUP Skien"]
        assert [r.name for r in partners.directory(s, TODAY, "skule vest")] == [
            "Vest-Telemark vidaregåande skule"
        ]
        assert [r.name for r in partners.directory(s, TODAY, type_code="ot")] == [
            "Oppfølgingstjenesten Vest-Telemark"
        ]
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        partners.add_contact_person(
            s, actor, ot, name="X", valid_from=date(2026, 2, 1), valid_to=date(2026, 1, 1)
        )


def test_only_one_partner_holds_the_ball(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ot, bup, school = _office_with_partners(s, actor)
        yid = youths.create_youth(s, actor, first_name="Jonas", last_name="Berg", birth_date=date(2007, 3, 3))
        first = partners.involve(s, actor, yid, ot, role="Oppfølging", holds_ball=True)
        second = partners.involve(s, actor, yid, bup, role="Behandling", holds_ball=True)
        partners.involve(s, actor, yid, school, role="Skole", from_date=date(2026, 8, 15))
    with db.session() as s:
        rows = partners.involvements(s, yid, TODAY)
        assert [(r.organisation, r.holds_ball) for r in rows] == [
            ("BUP Skien", True), ("Oppfølgingstjenesten Vest-Telemark", False),
            ("Vest-Telemark vidaregåande skule", False)]  # fmt: skip
    with db.session() as s, s.begin():
        partners.give_ball(s, actor, first)
        partners.end_involvement(s, actor, second, date(2026, 11, 1))
    with db.session() as s:
        rows = partners.involvements(s, yid, TODAY)
        assert [(r.organisation, r.holds_ball, r.active) for r in rows] == [
            ("Oppfølgingstjenesten Vest-Telemark", True, True), ("Vest-Telemark vidaregåande skule", False, True),
            ("BUP Skien", False, False)]  # fmt: skip


def test_consent_validity_over_time_expiry_withdrawal_and_turning_18(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ot, bup, school = _office_with_partners(s, actor)
        yid = youths.create_youth(s, actor, first_name="Mia", last_name="Lund", birth_date=date(2008, 12, 10))
        partners.record_consent(
            s, actor, yid, partner_ids=[ot, school], purpose="Samarbeid om skoleplass", given_on=date(2026, 3, 1),
            by_guardian=True, signed_copy_location="Arkiv, perm 2",
        )  # fmt: skip
        partners.record_consent(s, actor, yid, partner_ids=[bup], purpose="Behandling", form="muntlig",
                                           given_on=date(2026, 1, 5), expires_on=date(2026, 12, 1))  # fmt: skip
        with pytest.raises(InvalidInput):  # she is 17: only a consent *for* her can come from a guardian …
            partners.record_consent(s, actor, yid, partner_ids=[ot], purpose="x", given_on=date(2027, 1, 1),
                                    by_guardian=True)  # fmt: skip
        with pytest.raises(InvalidInput):
            partners.record_consent(s, actor, yid, partner_ids=[], purpose="x", given_on=TODAY)
    with db.session() as s:
        states = {c.purpose: (c.state, c.valid_until) for c in partners.consents(s, yid, TODAY)}
        assert states == {"Samarbeid om skoleplass": (ConsentState.GYLDIG, date(2026, 12, 9)),
                          "Behandling": (ConsentState.GYLDIG, date(2026, 12, 1))}  # fmt: skip
        # the day after expiry / on the 18th birthday
        assert {c.purpose: c.state for c in partners.consents(s, yid, date(2026, 12, 2))}["Behandling"] \
            is ConsentState.UTLOPT  # fmt: skip
        assert {c.purpose: c.state for c in partners.consents(s, yid, date(2026, 12, 9))}[
            "Samarbeid om skoleplass"] is ConsentState.GYLDIG  # fmt: skip
        assert {c.purpose: c.state for c in partners.consents(s, yid, date(2026, 12, 10))}[
            "Samarbeid om skoleplass"] is ConsentState.FORNYES_18  # fmt: skip
        shares = {r.organisation: r for r in sharing.sharing_today(s, yid, date(2026, 12, 10))}
        assert not shares["Oppfølgingstjenesten Vest-Telemark"].may_share
        assert "18" in shares["Oppfølgingstjenesten Vest-Telemark"].why
    with db.session() as s, s.begin():
        # at 18 she consents herself; then withdraws the treatment consent
        partners.record_consent(
            s, actor, yid, partner_ids=[ot], purpose="Samarbeid med OT", given_on=date(2026, 12, 11)
        )
        row = next(c for c in partners.consents(s, yid, TODAY) if c.purpose == "Behandling")
        partners.withdraw_consent(s, actor, row.id, date(2026, 11, 20), row.version)
        with pytest.raises(InvalidInput):
            partners.withdraw_consent(s, actor, row.id, date(2026, 11, 21))
    with db.session() as s:
        on_day = {r.organisation: r for r in sharing.sharing_today(s, yid, date(2026, 12, 11))}
        assert on_day["Oppfølgingstjenesten Vest-Telemark"].may_share
        assert on_day["Oppfølgingstjenesten Vest-Telemark"].until is None
        assert not on_day[
            "Vest-Telemark vidaregåande skule"
        ].may_share  # only the guardian's consent named it
        assert not on_day["BUP Skien"].may_share and on_day["BUP Skien"].state is ConsentState.TRUKKET
        assert [r.organisation for r in sharing.sharing_today(s, yid, TODAY) if r.may_share] == [
            "Oppfølgingstjenesten Vest-Telemark", "Vest-Telemark vidaregåande skule"]  # withdrawn on 20.11.  # fmt: skip


def test_sharing_guard_refuses_without_reason_and_audits_the_reason(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ot, bup, _school = _office_with_partners(s, actor)
        yid = youths.create_youth(s, actor, first_name="Per", last_name="Moen", birth_date=date(2005, 2, 2))
        partners.record_consent(s, actor, yid, partner_ids=[ot], purpose="OT", given_on=date(2026, 1, 1))
    with db.session() as s, s.begin():
        gaps = sharing.gaps_for_orgs(s, yid, [ot, bup], TODAY)
        assert [g.organisation for g in gaps] == ["BUP Skien"]
        with pytest.raises(sharing.ConsentMissing) as refused:
            sharing.guard(s, actor, gaps=gaps, document="summary", entity="youth", entity_id=yid, youth_id=yid,
                          reason="   ")  # fmt: skip
        assert "BUP Skien" in str(refused.value)
        sharing.guard(
            s, actor, gaps=[], document="summary", entity="youth", entity_id=yid, youth_id=yid, reason=None
        )
        sharing.guard(s, actor, gaps=gaps, document="summary", entity="youth", entity_id=yid, youth_id=yid,
                      reason="Akutt: BUP trenger oversikten før innleggelse", target="referat.pdf")  # fmt: skip
    with db.session() as s:
        event, payload = s.execute(
            select(AuditEvent, AuditPayload).join(AuditPayload, AuditPayload.event_id == AuditEvent.id)
            .where(AuditEvent.action == sharing.AUDIT_ACTION)
        ).one()  # fmt: skip
        assert event.youth_id == yid and event.user_initials == "KN"
        assert payload.after["reason"] == "Akutt: BUP trenger oversikten før innleggelse"
        assert payload.after["recipients"] == [
            {"name": "BUP Skien", "organisation": "BUP Skien", "consent": None}
        ]
        assert payload.after["target"] == "referat.pdf"


def test_notify_ot_meets_the_deadline(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ot, _bup, _school = _office_with_partners(s, actor)
        yid = youths.create_youth(s, actor, first_name="Liv", last_name="Haugen", birth_date=date(2008, 1, 1))
        followup.open_period(s, actor, yid, registration_date=date(2026, 11, 2))
    with db.session() as s:
        [before] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "notify_ot"]
        assert before.state == "open" and before.due == date(2026, 11, 16)
    with db.session() as s, s.begin():
        partners.notify_ot(s, actor, yid, at=datetime(2026, 11, 20, 9, tzinfo=OSLO), note="Ringte OT")
    with db.session() as s:
        [after] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "notify_ot"]
        assert after.state == "done" and after.met_on == date(2026, 11, 20)
        assert partners.directory(s, TODAY, type_code="ot")[0].id == ot


def test_employers_placements_followup_and_history(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        shop = partners.add_employer(s, actor, name="Rema 1000 Åmot", industry="Dagligvare", contact_name="Per",
                                     openings=["arbeidstrening", "sommerjobb"], mentor_available=True)  # fmt: skip
        with pytest.raises(InvalidInput):
            partners.add_employer(s, actor, name="X", openings=["fast jobb"])
        yid = youths.create_youth(
            s, actor, first_name="Emil", last_name="Strand", birth_date=date(2004, 6, 6)
        )
        first = partners.add_placement(
            s, actor, yid, shop, start_date=date(2026, 3, 1), followup_interval_days=14
        )
        partners.end_placement(s, actor, first, end_date=date(2026, 5, 31), outcome="Fikk sommerjobb")
        current = partners.add_placement(
            s, actor, yid, shop, start_date=date(2026, 11, 2), followup_interval_days=7
        )
        with pytest.raises(InvalidInput):
            partners.add_placement(
                s, actor, yid, shop, start_date=date(2026, 11, 2), end_date=date(2026, 11, 1)
            )
    with db.session() as s:
        [due] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "placement_followup"]
        assert due.due == date(2026, 11, 9) and due.state == "open"
    with db.session() as s, s.begin():
        partners.log_placement_followup(
            s, actor, current, at=datetime(2026, 11, 20, 13, tzinfo=OSLO), note="Bra"
        )
    with db.session() as s:
        [due] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "placement_followup"]
        assert due.due == date(2026, 11, 27)
        [row] = partners.employers(s, TODAY, "dagligvare")
        assert row.mentor_available and row.openings == ("arbeidstrening", "sommerjobb")
        assert [(p.start_date, p.outcome, p.next_followup) for p in row.placements] == [
            (date(2026, 11, 2), "", date(2026, 11, 27)), (date(2026, 3, 1), "Fikk sommerjobb", None)]  # fmt: skip
        assert row.active_placements == 1 and row.placements[0].last_followup == date(2026, 11, 20)


def test_preventive_activities_with_veileder(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        partners.add_preventive(s, actor, held_on=date(2026, 10, 14), kind="skolebesok", audience="10. trinn Vinje",
                                reached=48)  # fmt: skip
        partners.add_preventive(s, actor, held_on=date(2025, 3, 3), kind="yrkesmesse", reached=120)
        with pytest.raises(InvalidInput):
            partners.add_preventive(s, actor, held_on=TODAY, kind="foreldremote", reached=-1)
    with db.session() as s:
        rows = partners.preventive_activities(s, year=2026)
        assert [(r.kind, r.reached, r.veileder) for r in rows] == [("skolebesok", 48, "KN")]
        assert len(partners.preventive_activities(s)) == 2


@pytest.mark.parametrize("days", [0, 400])
def test_placement_interval_is_bounded(office, days):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        shop = partners.add_employer(s, actor, name="Coop")
        yid = youths.create_youth(s, actor, first_name="A", last_name="B", birth_date=date(2004, 6, 6))
        with pytest.raises(InvalidInput):
            partners.add_placement(s, actor, yid, shop, start_date=TODAY, followup_interval_days=days)


def test_trekantsamtale_is_planned_with_ot_and_a_preparation_note(office):  # type: ignore[no-untyped-def]
    from navdesk.i18n import _
    from navdesk.services import meetings

    db, actor = office
    with db.session() as s, s.begin():
        ot, _bup, _school = _office_with_partners(s, actor)
        siri = partners.add_contact_person(s, actor, ot, name="Siri Sæther", role="OT-rådgiver")
        yid = youths.create_youth(s, actor, first_name="Liv", last_name="Haugen", birth_date=date(2008, 1, 1))
        followup.set_school_status(s, actor, yid, status="avbrudd_i_aret", from_date=date(2026, 10, 1))
        partners.involve(s, actor, yid, ot, role="Skoleplass", holds_ball=True, contact_person_id=siri)
        before = partners.trekantsamtale_note(s, yid, TODAY)
        partners.record_consent(s, actor, yid, partner_ids=[ot], purpose="OT", given_on=date(2026, 11, 1))
        mid = partners.plan_trekantsamtale(s, actor, yid, starts_at=datetime(2026, 12, 1, 10, tzinfo=OSLO),
                                           today=TODAY)  # fmt: skip
    assert (
        _("No valid consent to share with OT: ask the youth for consent at the start of the meeting.")
        in before
    )
    with db.session() as s:
        detail = meetings.read_meeting(s, mid)
    assert detail.type_id == catalogue_id(db, "meeting_type", "trekantsamtale")
    assert [(p.kind.value, p.name) for p in detail.participants] == [
        ("ungdom", ""), ("veileder", "Kari Nordmann"), ("partner", "Siri Sæther")]  # fmt: skip
    assert _("Holds the ball: {who}").format(who="Oppfølgingstjenesten Vest-Telemark") in detail.agenda
    assert _("Consent to share with OT: {why}.").format(why=_("Yes")) in detail.agenda
    assert "Avbrudd" in detail.agenda or "avbrudd" in detail.agenda.lower()


def catalogue_id(db, kind, code):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return catalogue(s, kind)[code]
