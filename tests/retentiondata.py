"""An office for the retention and innsyn tests: one youth whose follow-up ended long ago, with a row
in every table that can hold something about a youth (made through the use cases, so the audit trail
is the real one), and one youth still followed up.

The departed youth's name and fødselsnummer are ASCII-only markers, so that a byte scan finds them in
the JSON of audit payloads (which escapes æøå) as well as in the tables.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.importdata import make_fnr

FIRST, LAST = "Zorgunnia", "Kvitvoldsaetra"
BORN = date(2001, 5, 17)
FNR = make_fnr(BORN)
MARKERS = (FIRST.encode(), LAST.encode(), FNR.encode())
KEPT_FIRST, KEPT_LAST = "Beholdt", "Blirvedsen"


@dataclass(frozen=True)
class RetentionOffice:
    actor: object
    gone: uuid.UUID  # all periods closed on 01.06.2024
    kept: uuid.UUID  # an open period
    meeting: uuid.UUID


def build(session: Session) -> RetentionOffice:
    """Create the office and its two youths (the caller commits)."""
    from navdesk.db.models import Office
    from navdesk.services import (
        clubs,
        contacts,
        followup,
        huskelapp,
        journal,
        meetings,
        partners,
        plans,
        youths,
    )
    from navdesk.services.drafts import NEW_MEETING, save_draft
    from navdesk.services.office import catalogue, create_office

    actor = create_office(session, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                          admin_initials="KN", password="passord123")  # fmt: skip
    office = session.get(Office, actor.office_id)
    assert office is not None
    office.store_fodselsnummer = True
    full = f"{FIRST} {LAST}"
    gone = youths.create_youth(
        session, actor, first_name=FIRST, last_name=LAST, fodselsnummer=FNR, phone="41234567",
        email="zorgunnia@example.org", address="Kvitvollvegen 9", postal_code="3890", municipality="Vinje",
        notes=f"Notat om {full}", health_note=f"Helse: {FIRST} har angst", job_wishes="Barnehage",
        malform="nn",
    )  # fmt: skip
    kept = youths.create_youth(
        session, actor, first_name=KEPT_FIRST, last_name=KEPT_LAST, birth_date=date(2003, 2, 1)
    )
    period = followup.open_period(
        session, actor, gone, registration_date=date(2024, 1, 10), reason=f"{FIRST} ringte"
    )
    followup.open_period(session, actor, kept, registration_date=date(2026, 9, 1))
    followup.decide_innsats(
        session, actor, period, decided_on=date(2024, 1, 20), innsatsgruppe="situasjonsbestemt_innsats"
    )
    followup.add_benefit(session, actor, period, ytelse_id=next(iter(catalogue(session, "ytelse").values())),
                         start_date=date(2024, 1, 10))  # fmt: skip
    followup.set_school_status(session, actor, gone, status="avbrudd_i_aret", from_date=date(2020, 6, 1),
                               school="Vinje vidaregåande")  # fmt: skip
    plans.save_plan(session, actor, period, reason="Laga saman", dream=f"{FIRST} vil bli barnehagelærar",
                    own_goal="Fagbrev")  # fmt: skip
    plans.add_activity(session, actor, gone, type="jobbsoking", title=f"CV for {FIRST}")
    contacts.log_contact(session, actor, gone, at=datetime(2024, 2, 1, 10, tzinfo=UTC), channel="telefon",
                         note=f"Snakka med {full}")  # fmt: skip
    meeting = meetings.create_meeting(session, actor, starts_at=datetime(2024, 2, 5, 9, tzinfo=UTC), youth_id=gone,
                                      place="NAV Vinje", agenda=f"Plan for {FIRST}")  # fmt: skip
    meetings.add_participant(session, actor, meeting, kind="ungdom", name=full)
    meetings.add_participant(session, actor, meeting, kind="foresatt", name=f"Mor {LAST}")
    meetings.add_action(
        session, actor, meeting, what=f"{FIRST} sender CV", who=FIRST, due_date=date(2024, 2, 20)
    )
    journal.mark_recorded(session, actor, meeting, date(2024, 2, 6), today=date(2024, 2, 6))
    org = partners.add_partner(session, actor, name="Oppfølgingstenesta Vest-Telemark")
    partners.involve(session, actor, gone, org, role=f"OT følgjer {FIRST}", from_date=date(2024, 1, 15))
    partners.record_consent(session, actor, gone, partner_ids=[org], purpose=f"Samarbeid om {FIRST}",
                            given_on=date(2024, 1, 15), signed_copy_location=f"Arkivskap, mappe {LAST}")  # fmt: skip
    club = clubs.create_club(session, actor, name="Jobbklubb vår 2024", start_date=date(2024, 2, 1))
    clubs.enrol(session, actor, club, gone, enrolled_on=date(2024, 2, 1), today=date(2024, 2, 1))
    huskelapp.save_huskelapp(session, actor, gone, text=f"Ring {FIRST}", today=date(2024, 3, 1))
    save_draft(session, actor.user_id, NEW_MEETING, gone, {"agenda": f"Utkast om {full}"})  # type: ignore[attr-defined]
    from navdesk.db.models import FollowUpPeriod

    row = session.get(FollowUpPeriod, period)
    assert row is not None
    followup.close_period(session, actor, period, row.version, closed_on=date(2024, 6, 1),
                          outcome_id=next(iter(catalogue(session, "outcome").values())), note=f"{FIRST} fekk jobb")  # fmt: skip
    # two lines of OT list washings: one linked to the youth, one written down before the youth was linked
    from navdesk.db.models import OtListAction
    from navdesk.domain.names import name_key
    from navdesk.services import crud

    for linked in (gone, None):
        crud.create(session, actor, OtListAction, office_id=actor.office_id, compared_on=date(2024, 3, 1),
                    list_name="OT-liste mars 2024", category="only_ot" if linked is None else "status_differs",
                    name=full, name_key=name_key(FIRST, LAST), birth_date=BORN, youth_id=linked,
                    ot_status="ikke ivaretatt", our_status="", action=f"Ringte {FIRST}", user_id=actor.user_id)  # fmt: skip
    youths.open_youth(session, actor, gone)  # a read in the audit trail
    return RetentionOffice(actor, gone, kept, meeting)


@pytest.fixture(name="office")
def office_fixture(db: Any) -> tuple[Any, RetentionOffice]:
    """The retention office on each backend (tests import this fixture): (database, data)."""
    with db.session() as s, s.begin():
        data = build(s)
    return db, data
