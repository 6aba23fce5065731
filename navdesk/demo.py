"""A believable small NAV office for demos and benchmarks (``navdesk demo``).

Three users, youths aged 16–29 with Norwegian names (Faker no_NO, its bokmål locale; some with æ, ø, å), varied
innsatsgrupper, benefits, school situations and målform, plans with activities in every status, a
running jobbklubb with attendance, meetings with actions, partners with consents, and some overdue
items. The same seed gives the same office (relative to ``today``); rows are bulk-inserted, so the
same mix per youth scales to 50,000 youths for the benchmark harness.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.db.base import Base
from navdesk.domain import enums as e
from navdesk.domain.catalogues import MEETING_TYPES
from navdesk.domain.text import OSLO, search_fold
from navdesk.services import audit, office
from navdesk.services.context import Actor
from navdesk.services.meetings import ACTIVITY_STATUS

DEMO_PASSWORD = "demo-passord"
MUNICIPALITIES = ["Vinje", "Tokke", "Fyresdal", "Nissedal", "Seljord", "Kviteseid", "Hjartdal", "Tinn"]
AEOA_FIRST = [
    "Øystein",
    "Bjørn",
    "Åse",
    "Ærle",
    "Sølvi",
    "Håkon",
    "Jørgen",
    "Mæhre",
    "Tøger",
    "Åsmund",
    "Ørjan",
]
AEOA_LAST = ["Ødegård", "Bråten", "Sæther", "Løvås", "Aasen", "Østby", "Kjær", "Grønli", "Ås", "Sørensen"]
SAMI_FIRST = ["Máret", "Ánde", "Biret", "Niillas"]
SAMI_LAST = ["Eira", "Sara", "Đuolla", "Somby"]
JOB_WISHES = [
    "barnehage", "butikk", "lager", "bilverksted", "frisør", "kafé", "omsorg/helsefagarbeider", "IT-støtte",
    "bygg og anlegg", "landbruk", "renhold", "sjåfør", "kokk", "reiseliv", "sagbruk", "elektriker",
]  # fmt: skip
NOTES = [
    "Liker å møtes ute, ikke på kontoret.", "Trenger hjelp med CV og søknader.", "Har lite kontakt med familien.",
    "Vil helst ha SMS, ikke telefon.", "Ønsker å ta opp fag på VGS.", "Motivert for arbeidstrening.",
    "Har vært hjemme over et år.", "God på data, interessert i gaming.", "Har førerkort klasse B.",
]  # fmt: skip
PARTNERS = [
    ("ot", "Oppfølgingstjenesten Vestfold og Telemark", "OT-rådgiver"),
    ("vgs", "Vest-Telemark vidaregåande skule", "Rådgiver"),
    ("ppt", "PPT Vest-Telemark", "Pedagogisk-psykologisk rådgiver"),
    ("barnevern", "Barnevernet i Vest-Telemark", "Saksbehandler"),
    ("bup_dps", "DPS Kongsberg", "Behandler"),
    ("fastlege", "Legekontoret", "Fastlege"),
    ("psykisk_helse_rus", "Psykisk helse og rus", "Psykiatrisk sykepleier"),
    ("boligkontor", "Kommunens boligkontor", "Boligkonsulent"),
]
EMPLOYERS = [
    ("Coop Extra", "Dagligvare", ["arbeidstrening", "sommerjobb"]),
    ("Kiwi", "Dagligvare", ["arbeidstrening"]),
    ("Bilsenteret AS", "Bilverksted", ["lærling", "arbeidstrening"]),
    ("Solsikken barnehage", "Barnehage", ["arbeidstrening", "sommerjobb"]),
    ("Dalen Hotel", "Reiseliv", ["sommerjobb", "lærling"]),
    ("Vinje Sag", "Industri", ["arbeidstrening", "lærling"]),
]


@dataclass(frozen=True)
class DemoSummary:
    youths: int
    users: list[tuple[str, str]]
    rows: int
    password: str


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), OSLO).astimezone(UTC)


class _Rows:
    """Rows to insert, table by table, in dependency order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)

    def add(self, model: type[Base], **values: Any) -> uuid.UUID:
        if "id" in model.__table__.c and "id" not in values:
            values["id"] = _uuid(self.rng)
        self.tables[model].append(values)
        ident = values.get("id")
        return ident if isinstance(ident, uuid.UUID) else uuid.UUID(int=0)

    def count(self) -> int:
        return sum(len(v) for v in self.tables.values())


def build_demo(
    session: Session,
    *,
    youths: int = 40,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo office; returns what was made."""
    from faker import Faker

    today = today or date.today()
    rng = random.Random(seed)
    fake = Faker("no_NO")  # Faker calls bokmål "no_NO"
    fake.seed_instance(seed)
    municipality = rng.choice(MUNICIPALITIES)
    admin = office.create_office(
        session, office_name=f"NAV {municipality}", municipality=municipality, admin_name="Kari Nordmann",
        admin_initials="KN", password=DEMO_PASSWORD,
    )  # fmt: skip
    other = office.add_user(
        session,
        admin,
        name="Ola Bø",
        initials="OB",
        password=DEMO_PASSWORD,
        job_role=e.JobRole.JOBBSPESIALIST,
    )
    office.add_user(
        session, admin, name="Siri Lægreid", initials="SL", password=DEMO_PASSWORD, job_role=e.JobRole.LEDER,
        access_role=e.AccessRole.LEDER,
    )  # fmt: skip
    veiledere = [admin.user_id, admin.user_id, other]
    cat = {kind: office.catalogue(session, kind) for kind in ("tiltak", "meeting_type", "partner_type", "ytelse",
                                                               "outcome", "club_topic")}  # fmt: skip
    rows = _Rows(rng)
    partners = _partners(rows, admin, cat, today)
    employers = [
        rows.add(m.Employer, office_id=admin.office_id, name=name, industry=industry, openings=openings,
                 mentor_available=rng.random() < 0.5, contact_name=fake.name(), phone=fake.phone_number())
        for name, industry, openings in EMPLOYERS
    ]  # fmt: skip
    club_id, club_sessions = _club(rows, admin, cat, today)
    club_enrolled = 0
    for index in range(youths):
        youth_id = _youth(rows, fake, admin, veiledere[index % 3], today, index)
        period_id, registered = _periods(rows, youth_id, cat, today, index)
        _plan_and_activities(rows, youth_id, period_id, registered, cat, employers, today, index)
        under_21 = (today - rows.tables[m.Youth][-1]["birth_date"]).days < 21 * 365
        _contacts_and_meetings(
            rows, youth_id, period_id, registered, cat, admin, partners, today, index, under_21
        )
        if index % 5 == 1 and club_enrolled < 8:
            _enrol(rows, club_id, club_sessions, youth_id, period_id, today)
            club_enrolled += 1
        if progress and index and index % 5000 == 0:
            progress(f"{index} ungdommer")
    rows.add(m.Task, youth_id=None, user_id=admin.user_id, title="Oppdatere samarbeidsavtale med OT",
             due_date=today - timedelta(days=3))  # fmt: skip
    _insert(session, rows)
    audit.record(session, admin, "create", "demo", None, after={"youths": youths, "seed": seed})
    return DemoSummary(
        youths, [("KN", "admin"), ("OB", "veileder"), ("SL", "leder")], rows.count(), DEMO_PASSWORD
    )


def _insert(session: Session, rows: _Rows) -> None:
    for table in Base.metadata.sorted_tables:
        model = next((mdl for mdl in rows.tables if mdl.__table__ is table), None)
        if model is None:
            continue
        batch = rows.tables[model]
        for start in range(0, len(batch), 5000):
            session.execute(insert(model), batch[start : start + 5000])
    session.flush()


def _partners(
    rows: _Rows, admin: Actor, cat: dict[str, dict[str, uuid.UUID]], today: date
) -> list[uuid.UUID]:
    out = []
    for code, name, role in PARTNERS:
        org = rows.add(m.PartnerOrg, office_id=admin.office_id, name=name, type_id=cat["partner_type"][code],
                       agreement_date=today - timedelta(days=400), agreement_review=today + timedelta(days=rows.rng.randint(-20, 200)))  # fmt: skip
        rows.add(m.ContactPerson, org_id=org, name=f"{rows.rng.choice(AEOA_FIRST)} {rows.rng.choice(AEOA_LAST)}",
                 role=role, phone=f"9{rows.rng.randint(1000000, 9999999)}", office_days="tirsdag og torsdag")  # fmt: skip
        out.append(org)
    return out


def _club(rows: _Rows, admin: Actor, cat: dict[str, dict[str, uuid.UUID]], today: date) -> tuple[uuid.UUID, list[tuple[uuid.UUID, date]]]:  # fmt: skip
    start = today - timedelta(days=today.weekday() + 21)  # a Monday three weeks ago
    club = rows.add(m.Club, office_id=admin.office_id, name="Jobbklubb høst", kind=e.ClubKind.JOBBKLUBB,
                    organiser="NAV", place="Kommunehuset, møterom 2", target_group="Unge jobbsøkere 18–29",
                    capacity=10, facilitators="Kari Nordmann, Ola Bø", start_date=start,
                    end_date=start + timedelta(weeks=6))  # fmt: skip
    topics = list(cat["club_topic"].values())
    sessions = []
    for week in range(6):
        for offset in (0, 2):  # Monday and Wednesday
            day = start + timedelta(weeks=week, days=offset)
            sid = rows.add(m.ClubSession, club_id=club, starts_at=_at(day, 10), duration_min=120,
                           topic_id=topics[(week * 2 + offset // 2) % len(topics)])  # fmt: skip
            sessions.append((sid, day))
    return club, sessions


def _youth(rows: _Rows, fake: Any, admin: Actor, veileder: uuid.UUID, today: date, index: int) -> uuid.UUID:
    rng = rows.rng
    first = fake.first_name()
    last = fake.last_name()
    if index % 7 == 0:
        first = rng.choice(AEOA_FIRST)
    if index % 9 == 0:
        last = rng.choice(AEOA_LAST)
    if index % 23 == 5:
        first, last = (
            SAMI_FIRST[(index // 23) % len(SAMI_FIRST)],
            SAMI_LAST[(index // 23 + 1) % len(SAMI_LAST)],
        )
    age_days = rng.randint(16 * 365 + 5, 30 * 365 - 20)
    born = today - timedelta(days=age_days)
    wishes = ", ".join(rng.sample(JOB_WISHES, k=rng.randint(1, 3)))
    note = rng.choice(NOTES)
    barriers = rng.sample([b.value for b in e.Barrier], k=rng.randint(0, 3))
    sperre = e.Adressesperre.FORTROLIG if index % 31 == 3 else e.Adressesperre.INGEN
    values: dict[str, Any] = {
        "office_id": admin.office_id, "first_name": first, "last_name": last, "birth_date": born,
        "malform": e.Malform.NYNORSK if rng.random() < 0.3 else e.Malform.BOKMAL,
        "phone": f"{rng.choice('49')}{rng.randint(1000000, 9999999)}", "email": "",
        "preferred_channel": rng.choice([e.ContactChannel.SMS, e.ContactChannel.TELEFON, e.ContactChannel.SAMTALE]),
        "cannot_phone": rng.random() < 0.1, "address": "" if sperre != e.Adressesperre.INGEN else fake.street_address(),
        "postal_code": fake.postcode(), "municipality": rows.rng.choice(MUNICIPALITIES), "adressesperre": sperre,
        "job_wishes": wishes, "barriers": barriers, "notes": note, "veileder_id": veileder,
        "tags": rng.sample(["ny", "trenger CV", "vil ha lærlingplass", "økonomi"], k=rng.randint(0, 2)),
        "no_group_activities": rng.random() < 0.1, "strengths": rng.choice(["Pliktoppfyllende", "Praktisk anlagt", "God med dyr", ""]),
        "dreams": rng.choice(["Egen leilighet", "Fagbrev", "Fast jobb", "Førerkort", ""]),
    }  # fmt: skip
    values["search_text"] = search_fold(
        " ".join([first, last, values["phone"], wishes, note, " ".join(values["tags"])])
    )
    youth_id = rows.add(m.Youth, **values)
    rows.add(m.SchoolStatusEntry, youth_id=youth_id, status=rng.choice(list(e.SchoolStatus)),
             from_date=today - timedelta(days=rng.randint(30, 900)), ungdomsrett=rng.choice(list(e.TriState)))  # fmt: skip
    return youth_id


def _periods(rows: _Rows, youth_id: uuid.UUID, cat: dict[str, dict[str, uuid.UUID]], today: date, index: int) -> tuple[uuid.UUID, date]:  # fmt: skip
    rng = rows.rng
    if index % 10 == 4:  # an earlier period, closed with an outcome
        old = today - timedelta(days=rng.randint(500, 900))
        rows.add(m.FollowUpPeriod, youth_id=youth_id, registration_date=old, closed_on=old + timedelta(days=200),
                 outcome_id=rng.choice(list(cat["outcome"].values())), contact_route=rng.choice(list(e.ContactRoute)),
                 situation=e.SituationAtRegistration.UTENFOR, intensity=e.Intensity.NORMAL)  # fmt: skip
    registered = today - timedelta(days=rng.choice([2, 5, 10, 20, 40, 60, 70, 120, 200, 400]))
    situation = e.SituationAtRegistration.I_ARBEID if index % 17 == 2 else e.SituationAtRegistration.UTENFOR
    period = rows.add(m.FollowUpPeriod, youth_id=youth_id, registration_date=registered, situation=situation,
                      contact_route=rng.choice(list(e.ContactRoute)), intensity=rng.choice(list(e.Intensity)),
                      aktivitetsplikt=rng.random() < 0.4, reason="Registrert som arbeidssøker")  # fmt: skip
    rows.add(m.InnsatsDecision, period_id=period, decided_on=registered + timedelta(days=rng.randint(5, 30)),
             innsatsgruppe=rng.choice(list(e.Innsatsgruppe)), hovedmal=rng.choice([e.Hovedmal.SKAFFE_ARBEID, e.Hovedmal.BEHOLDE_ARBEID]))  # fmt: skip
    if rng.random() < 0.6:
        ytelse = rng.choice(list(cat["ytelse"].values()))
        rows.add(m.BenefitPeriod, period_id=period, ytelse_id=ytelse, start_date=registered,
                 end_date=None if rng.random() < 0.7 else registered + timedelta(days=365))  # fmt: skip
    # most status snapshots (1, 3, 6, 9 months) that are due have been recorded by the veileder
    for months in (1, 3, 6, 9):
        due = registered + timedelta(days=round(months * 30.44))
        if due < today - timedelta(days=3) and rng.random() < 0.9:
            rows.add(m.StatusSnapshot, period_id=period, month=months,
                     status=rng.choice([e.ReportStatus.TILTAK, e.ReportStatus.ANNEN_AKTIVITET, e.ReportStatus.ARBEID,
                                        e.ReportStatus.INGEN_AKTIVITET]))  # fmt: skip
    return period, registered


def _plan_and_activities(
    rows: _Rows, youth_id: uuid.UUID, period_id: uuid.UUID, registered: date, cat: dict[str, dict[str, uuid.UUID]],
    employers: list[uuid.UUID], today: date, index: int,
) -> None:  # fmt: skip
    rng = rows.rng
    if index % 8 == 7:  # no plan and no activity yet: shows up as "ikke i aktivitet"
        return
    plan = rows.add(m.Plan, period_id=period_id, dream=rng.choice(["Fast jobb", "Fagbrev som tømrer", "Egen bil", "Studere"]),
                    goal_category=rng.choice(list(e.GoalCategory)), own_goal="Komme i jobb innen sommeren",
                    review_date=today + timedelta(days=rng.randint(-10, 90)))  # fmt: skip
    rows.add(m.PlanGoal, plan_id=plan, text="Skrive CV", due_date=registered + timedelta(days=30),
             achieved_on=registered + timedelta(days=25) if rng.random() < 0.5 else None)  # fmt: skip
    rows.add(m.PlanRevision, plan_id=plan, reason="Plan laget sammen med ungdommen",
             snapshot={"dream": "", "own_goal": "Komme i jobb innen sommeren"})  # fmt: skip
    statuses = list(e.ActivityStatus)
    for n in range(rng.randint(1, 4)):
        status = statuses[(index + n) % len(statuses)]
        kind = rng.choice([e.ActivityType.JOBBSOKING, e.ActivityType.STILLING, e.ActivityType.TILTAK,
                           e.ActivityType.UTDANNING, e.ActivityType.EGENAKTIVITET, e.ActivityType.ARBEIDSTRENING,
                           e.ActivityType.BEHANDLING])  # fmt: skip
        start = registered + timedelta(days=rng.randint(3, 40))
        end = start + timedelta(days=rng.randint(20, 120))
        started = status in (e.ActivityStatus.GJENNOMFORER, e.ActivityStatus.FULLFORT) and start <= today
        act = rows.add(
            m.Activity, youth_id=youth_id, period_id=period_id, type=kind, title=_title(kind, rng), status=status,
            status_reason="Fikk ikke plass" if status == e.ActivityStatus.AVBRUTT else "",
            from_date=start, to_date=end, started_on=start if started else None,
            responsible=rng.choice(list(e.Responsible)), agreed=status != e.ActivityStatus.FORSLAG,
            tiltak_id=rng.choice(list(cat["tiltak"].values())) if kind == e.ActivityType.TILTAK else None,
            employer_id=rng.choice(employers) if kind == e.ActivityType.ARBEIDSTRENING else None,
            applications_per_week=rng.choice([3, 5, 10]) if kind == e.ActivityType.JOBBSOKING else None,
            application_status=rng.choice(list(e.ApplicationStatus)) if kind == e.ActivityType.STILLING else None,
        )  # fmt: skip
        if kind == e.ActivityType.ARBEIDSTRENING and started:
            rows.add(m.Placement, youth_id=youth_id, employer_id=rng.choice(employers), activity_id=act,
                     start_date=start, end_date=end)  # fmt: skip


def _title(kind: e.ActivityType, rng: random.Random) -> str:
    return {
        e.ActivityType.JOBBSOKING: "Søke jobber",
        e.ActivityType.STILLING: f"Søknad: {rng.choice(['butikkmedarbeider', 'lagerarbeider', 'barnehageassistent'])}",
        e.ActivityType.TILTAK: "Tiltak gjennom NAV",
        e.ActivityType.UTDANNING: "Ta opp fag på VGS",
        e.ActivityType.EGENAKTIVITET: "Trening tre ganger i uka",
        e.ActivityType.ARBEIDSTRENING: "Arbeidstrening",
        e.ActivityType.BEHANDLING: "Samtaler hos psykisk helse",
    }.get(kind, kind.value)


def _contacts_and_meetings(
    rows: _Rows, youth_id: uuid.UUID, period_id: uuid.UUID, registered: date, cat: dict[str, dict[str, uuid.UUID]], admin: Actor,
    partners: list[uuid.UUID], today: date, index: int, under_21: bool,
) -> None:  # fmt: skip
    rng = rows.rng
    if index % 11 == 10:  # registered, never contacted: overdue first contact
        return
    span = max((today - registered).days, 1)
    if under_21 and index % 6 != 5 and span > 3:  # most under-21s have been reported to OT
        rows.add(m.Contact, youth_id=youth_id, user_id=admin.user_id,
                 at=_at(min(registered + timedelta(days=rng.randint(1, 10)), today), 13),
                 channel=e.ContactChannel.EPOST, initiated_by=e.InitiatedBy.NAV, outcome=e.ContactOutcome.GJENNOMFORT,
                 note="Meldt til OT.", topics=["skole"], ot_notified=True)  # fmt: skip
    for _n in range(rng.randint(1, 6)):
        day = min(registered + timedelta(days=rng.randint(0, span)), today)
        by = rng.choice([e.InitiatedBy.NAV] * 7 + [e.InitiatedBy.UNGDOM] * 2 + [e.InitiatedBy.PARTNER])
        rows.add(m.Contact, youth_id=youth_id, user_id=admin.user_id, at=_at(day, rng.randint(8, 14), rng.choice([0, 15, 30])),
                 channel=rng.choice(list(e.ContactChannel)), initiated_by=by,
                 outcome=rng.choice([e.ContactOutcome.GJENNOMFORT] * 4 + [e.ContactOutcome.IKKE_MOTT]),
                 note=rng.choice(["Snakket om jobbønsker.", "Sendte SMS om møtetid.", "Fulgte til legen.", ""]),
                 topics=rng.sample(["jobbsoking", "skole", "okonomi", "bolig"], k=rng.randint(0, 2)))  # fmt: skip
        reply = day + timedelta(days=1)
        if by == e.InitiatedBy.UNGDOM and reply < today and rng.random() < 0.8:  # answered the next day
            rows.add(m.Contact, youth_id=youth_id, user_id=admin.user_id, at=_at(reply, 9), channel=e.ContactChannel.SMS,
                     initiated_by=e.InitiatedBy.NAV, outcome=e.ContactOutcome.GJENNOMFORT, note="Svarte på SMS.")  # fmt: skip
    if index % 3 == 0:
        meeting_types = list(cat["meeting_type"].values())
        when = today + timedelta(days=rng.randint(-30, 14))
        status = e.MeetingStatus.GJENNOMFORT if when < today else e.MeetingStatus.PLANLAGT
        if index % 27 == 0:
            status = e.MeetingStatus.AVLYST
        type_id = rng.choice(meeting_types[:4])  # (drawn here: the demo stays the same for a seed)
        meeting = rows.add(m.Meeting, youth_id=youth_id, type_id=type_id,
                           starts_at=_at(when, rng.randint(9, 14)), duration_min=60, place="NAV-kontoret",
                           agenda="Status i planen\nVeien videre", status=status,
                           status_reason="Ungdommen var syk" if status == e.MeetingStatus.AVLYST else "",
                           summary="Gikk gjennom planen og jobbønsker." if status == e.MeetingStatus.GJENNOMFORT else "",
                           organiser_id=admin.user_id)  # fmt: skip
        labels = {cat["meeting_type"][code]: label for code, label, _nn, _attrs in MEETING_TYPES}
        status_reason = "Ungdommen var syk" if status == e.MeetingStatus.AVLYST else ""
        rows.add(
            m.Activity,
            id=uuid.uuid5(meeting, "plan"),
            youth_id=youth_id,
            period_id=period_id,
            type=e.ActivityType.MOTE,
            title=f"{labels[type_id]} {when:%d.%m.%Y}",
            meeting_id=meeting,
            status=ACTIVITY_STATUS[status],
            status_reason=status_reason,
            from_date=when,
            to_date=when,
            responsible=e.Responsible.NAV,
        )  # the meeting in the youth's plan (services.meetings)
        rows.add(m.MeetingParticipant, meeting_id=meeting, kind=e.ParticipantKind.UNGDOM)
        rows.add(m.MeetingParticipant, meeting_id=meeting, kind=e.ParticipantKind.VEILEDER, user_id=admin.user_id,
                 name="Kari Nordmann", organisation="NAV", role="Veileder")  # fmt: skip
        rows.add(m.MeetingAction, meeting_id=meeting, what="Sende CV til veileder", who="Ungdommen",
                 due_date=when + timedelta(days=7), done_on=None if rng.random() < 0.6 else when + timedelta(days=5))  # fmt: skip
    if index % 5 == 2:
        org = rng.choice(partners)
        rows.add(m.Involvement, youth_id=youth_id, org_id=org, role="Samarbeidspartner", holds_ball=rng.random() < 0.3,
                 from_date=registered)  # fmt: skip
        given = registered + timedelta(days=rng.randint(0, 20))
        consent = rows.add(m.Consent, youth_id=youth_id, purpose="Samarbeid om oppfølging mot arbeid/skole",
                           scope="Status og plan", given_on=given, expires_on=given + timedelta(days=rng.choice([180, 365])),
                           form=e.ConsentForm.SKRIFTLIG, signed_copy_location="Arkivskap, mappe 3")  # fmt: skip
        rows.add(m.ConsentPartner, consent_id=consent, org_id=org)


def _enrol(rows: _Rows, club_id: uuid.UUID, sessions: list[tuple[uuid.UUID, date]], youth_id: uuid.UUID,
           period_id: uuid.UUID, today: date) -> None:  # fmt: skip
    rng = rows.rng
    start = sessions[0][1]
    enrolment = rows.add(m.ClubEnrolment, club_id=club_id, youth_id=youth_id, enrolled_on=start - timedelta(days=5),
                         start_date=start, status=e.EnrolmentStatus.DELTAR)  # fmt: skip
    rows.add(m.Activity, youth_id=youth_id, period_id=period_id, type=e.ActivityType.JOBBKLUBB, title="Jobbklubb høst",
             status=e.ActivityStatus.GJENNOMFORER, from_date=start, started_on=start, responsible=e.Responsible.NAV,
             club_id=club_id, agreed=True)  # fmt: skip
    values = [e.Attendance.TIL_STEDE] * 6 + [
        e.Attendance.GYLDIG_FRAVAER,
        e.Attendance.IKKE_MOTT,
        e.Attendance.KOM_FOR_SENT,
    ]
    for session_id, day in sessions:
        if day < today:
            rows.add(
                m.AttendanceRecord, session_id=session_id, enrolment_id=enrolment, value=rng.choice(values)
            )
