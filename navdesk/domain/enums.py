"""Fixed categories: the ones rules and workflows depend on (domain brief §2, "Fixed or editable?").

Values are stable codes stored in the database; labels are translated through the catalogues.
Lists an office adapts (tiltak, meeting types, partner types, ytelser, outcomes, topics) are
editable catalogues instead (:mod:`navdesk.domain.catalogues`).
"""

from __future__ import annotations

from enum import StrEnum

from navdesk.i18n import N_, _


class Labelled(StrEnum):
    """An enum whose members carry a translatable label."""

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS: dict[StrEnum, str] = {}


def _labels(enum: type[StrEnum], labels: dict[str, str]) -> None:
    missing = {m.value for m in enum} - labels.keys()
    if missing:
        raise AssertionError(f"{enum.__name__} lacks labels for {missing}")
    for member in enum:
        _LABELS[member] = labels[member.value]


class AccessRole(Labelled):
    VEILEDER = "veileder"
    LEDER = "leder"
    ADMIN = "admin"


class JobRole(Labelled):
    VEILEDER = "veileder"
    JOBBSPESIALIST = "jobbspesialist"
    OT_KONTAKT = "ot_kontakt"
    LEDER = "leder"


class Innsatsgruppe(Labelled):
    STANDARD = "standard_innsats"
    SITUASJONSBESTEMT = "situasjonsbestemt_innsats"
    SPESIELT_TILPASSET = "spesielt_tilpasset_innsats"
    GRADERT_VARIG_TILPASSET = "gradert_varig_tilpasset_innsats"
    VARIG_TILPASSET = "varig_tilpasset_innsats"


class Hovedmal(Labelled):
    SKAFFE_ARBEID = "skaffe_arbeid"
    BEHOLDE_ARBEID = "beholde_arbeid"
    OKE_DELTAKELSE = "oke_deltakelse"


class Malform(Labelled):
    BOKMAL = "nb"
    NYNORSK = "nn"


class Adressesperre(Labelled):
    INGEN = "ingen"
    FORTROLIG = "fortrolig"
    STRENGT_FORTROLIG = "strengt_fortrolig"


class ContactRoute(Labelled):
    """How the youth came to NAV; proactive routes are NAV or partners reaching out (003 Table 2)."""

    EGEN_HENVENDELSE = "egen_henvendelse"
    NAV_NO = "nav_no"
    SOSIALHJELP = "sosialhjelp"
    OT = "ot"
    SKOLE = "skole"
    FORELDRE = "foreldre"
    BARNEVERN = "barnevern"
    HELSE = "helse"
    OPPSOKENDE = "oppsokende"

    @property
    def proactive(self) -> bool:
        return self in {ContactRoute.OT, ContactRoute.SKOLE, ContactRoute.BARNEVERN, ContactRoute.OPPSOKENDE}


class SituationAtRegistration(Labelled):
    """What the youth was doing when registered; work or education makes ``followup_8w`` not apply."""

    UTENFOR = "utenfor_arbeid_og_utdanning"
    I_ARBEID = "i_arbeid"
    I_UTDANNING = "i_utdanning"
    SYKMELDT = "sykmeldt"
    UKJENT = "ukjent"


class Intensity(Labelled):
    """Follow-up intensity; the interval in days is an office setting (``no_contact`` rule)."""

    TETT = "tett"
    NORMAL = "normal"
    MINIMUM = "minimum"


class SchoolStatus(Labelled):
    ELEV_AKTIV = "elev_aktiv"
    I_FARESONEN = "i_faresonen"
    AVBRUDD_I_ARET = "avbrudd_i_aret"
    IKKE_MOTT_SKOLESTART = "ikke_mott_skolestart"
    IKKE_SOKT = "ikke_sokt"
    ALDRI_STARTET_VGS = "aldri_startet_vgs"
    LAERLING = "laerling"
    SOKER_LAEREPLASS = "soker_laereplass"
    LAEREKANDIDAT = "laerekandidat"
    VG3_I_SKOLE = "vg3_i_skole"
    FULLFORT = "fullfort"
    FRASAGT_RETT = "frasagt_rett"
    UKJENT = "ukjent"

    @property
    def completed(self) -> bool:
        return self is SchoolStatus.FULLFORT

    @property
    def at_risk(self) -> bool:
        return self in {
            SchoolStatus.I_FARESONEN,
            SchoolStatus.AVBRUDD_I_ARET,
            SchoolStatus.IKKE_MOTT_SKOLESTART,
        }


class TriState(Labelled):
    JA = "ja"
    NEI = "nei"
    UKJENT = "ukjent"


class GoalCategory(Labelled):
    ORDINAERT_ARBEID = "ordinaert_arbeid"
    FULLFORT_UTDANNING = "fullfort_utdanning"
    KOMBINERT = "kombinert"
    BEDRE_LIVSSITUASJON = "bedre_livssituasjon"


class ActivityType(Labelled):
    JOBBSOKING = "jobbsoking"
    STILLING = "stilling"
    EGENAKTIVITET = "egenaktivitet"
    BEHANDLING = "behandling"
    MOTE = "mote"
    SAMTALEREFERAT = "samtalereferat"
    TILTAK = "tiltak"
    UTDANNING = "utdanning"
    ARBEIDSTRENING = "arbeidstrening"
    JOBBKLUBB = "jobbklubb"


class ActivityStatus(Labelled):
    """NAV's five statuses, in workflow order."""

    FORSLAG = "forslag"
    PLANLEGGER = "planlegger"
    GJENNOMFORER = "gjennomforer"
    FULLFORT = "fullfort"
    AVBRUTT = "avbrutt"

    @property
    def finished(self) -> bool:
        return self in {ActivityStatus.FULLFORT, ActivityStatus.AVBRUTT}


class ApplicationStatus(Labelled):
    """Søknadsstatus on a ``stilling`` activity (NAV's etikett)."""

    INGEN = "ingen"
    SOKNAD_SENDT = "soknad_sendt"
    INNKALT = "innkalt_til_intervju"
    AVSLAG = "avslag"
    JOBBTILBUD = "jobbtilbud"


class Responsible(Labelled):
    UNGDOMMEN = "ungdommen"
    NAV = "nav"
    OT = "ot"
    PARTNER = "partner"


class ContactChannel(Labelled):
    SAMTALE = "samtale"
    TELEFON = "telefon"
    SMS = "sms"
    EPOST = "epost"
    HJEMMEBESOK = "hjemmebesok"
    ARBEIDSPLASSBESOK = "arbeidsplassbesok"
    FOLGE = "folge"
    OPPSOKENDE = "oppsokende"
    VIDEO = "video"


class InitiatedBy(Labelled):
    UNGDOM = "ungdom"
    NAV = "nav"
    PARTNER = "partner"


class ContactOutcome(Labelled):
    GJENNOMFORT = "gjennomfort"
    IKKE_MOTT = "ikke_mott"
    AVLYST = "avlyst"


class MeetingStatus(Labelled):
    PLANLAGT = "planlagt"
    GJENNOMFORT = "gjennomfort"
    AVLYST = "avlyst"
    MA_FLYTTES = "ma_flyttes"


class ParticipantKind(Labelled):
    UNGDOM = "ungdom"
    VEILEDER = "veileder"
    PARTNER = "partner"
    FORESATT = "foresatt"
    ARBEIDSGIVER = "arbeidsgiver"
    ANNEN = "annen"


class ClubKind(Labelled):
    JOBBKLUBB = "jobbklubb"
    CV_VERKSTED = "cv_verksted"
    JOBBSOKERKURS = "jobbsokerkurs"
    INFOMOTE = "infomote"
    REFLEKSJONSGRUPPE = "refleksjonsgruppe"
    ANNET = "annet"


class EnrolmentStatus(Labelled):
    VENTER = "venter_pa_oppstart"
    DELTAR = "deltar"
    HAR_SLUTTET = "har_sluttet"
    FULLFORT = "fullfort"


class LeaveReason(Labelled):
    FATT_JOBB = "fatt_jobb"
    SYK = "syk"
    TRENGER_ANNEN_STOTTE = "trenger_annen_stotte"
    IKKE_MOTT = "ikke_mott"
    ANNET = "annet"


class Attendance(Labelled):
    TIL_STEDE = "til_stede"
    GYLDIG_FRAVAER = "gyldig_fravaer"
    IKKE_MOTT = "ikke_mott"
    KOM_FOR_SENT = "kom_for_sent"


class Recommendation(Labelled):
    """What the facilitators recommend after a participant's time in the group."""

    FORTSETTE = "fortsette"
    INDIVIDUELL = "individuell_oppfolging"
    KARTLEGGING = "mer_kartlegging"


class ConsentForm(Labelled):
    SKRIFTLIG = "skriftlig"
    MUNTLIG = "muntlig"


class ConsentState(Labelled):
    GYLDIG = "gyldig"
    UTLOPT = "utlopt"
    TRUKKET = "trukket"
    IKKE_STARTET = "ikke_startet"
    FORNYES_18 = "fornyes_18"  # given before the youth turned 18: the youth must consent again


class DeadlineState(Labelled):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    NOT_APPLICABLE = "not_applicable"


class Barrier(Labelled):
    """The practical barriers checklist."""

    FORERKORT = "forerkort"
    TRANSPORT = "transport"
    BOLIG = "bolig"
    BARNEPASS = "barnepass"
    DOGNRYTME = "dognrytme"
    GJELD = "gjeld"


class ReportStatus(Labelled):
    """Status categories of the evaluation (001 L5060–5086); outcomes map to these."""

    ARBEID = "arbeid"
    UTDANNING = "utdanning"
    TILTAK = "tiltak"
    ANNEN_AKTIVITET = "annen_aktivitet"
    INGEN_AKTIVITET = "ingen_aktivitet"
    UKJENT = "ukjent"


_labels(AccessRole, {"veileder": N_("Counsellor"), "leder": N_("Manager"), "admin": N_("Administrator")})
_labels(
    JobRole,
    {
        "veileder": N_("Youth counsellor"),
        "jobbspesialist": N_("Job specialist"),
        "ot_kontakt": N_("OT contact"),
        "leder": N_("Manager"),
    },
)
_labels(
    Innsatsgruppe,
    {
        "standard_innsats": N_("Standard effort"),
        "situasjonsbestemt_innsats": N_("Situational effort"),
        "spesielt_tilpasset_innsats": N_("Specially adapted effort"),
        "gradert_varig_tilpasset_innsats": N_("Graded permanently adapted effort"),
        "varig_tilpasset_innsats": N_("Permanently adapted effort"),
    },
)
_labels(
    Hovedmal,
    {
        "skaffe_arbeid": N_("Get work"),
        "beholde_arbeid": N_("Keep work"),
        "oke_deltakelse": N_("Increase participation"),
    },
)
_labels(Malform, {"nb": N_("Bokmål"), "nn": N_("Nynorsk")})
_labels(
    Adressesperre,
    {
        "ingen": N_("None"),
        "fortrolig": N_("Confidential address"),
        "strengt_fortrolig": N_("Strictly confidential address"),
    },
)
_labels(
    ContactRoute,
    {
        "egen_henvendelse": N_("Own inquiry"),
        "nav_no": N_("Registered on nav.no"),
        "sosialhjelp": N_("Social assistance application"),
        "ot": N_("Follow-up service (OT)"),
        "skole": N_("School"),
        "foreldre": N_("Parents"),
        "barnevern": N_("Child welfare"),
        "helse": N_("Health services"),
        "oppsokende": N_("Outreach"),
    },
)
_labels(
    SituationAtRegistration,
    {
        "utenfor_arbeid_og_utdanning": N_("Outside work and education"),
        "i_arbeid": N_("In work"),
        "i_utdanning": N_("In education"),
        "sykmeldt": N_("On sick leave"),
        "ukjent": N_("Unknown"),
    },
)
_labels(Intensity, {"tett": N_("Close follow-up"), "normal": N_("Normal"), "minimum": N_("Minimum")})
_labels(
    SchoolStatus,
    {
        "elev_aktiv": N_("Active pupil"),
        "i_faresonen": N_("At risk of dropping out"),
        "avbrudd_i_aret": N_("Dropped out this year"),
        "ikke_mott_skolestart": N_("Did not show up at school start"),
        "ikke_sokt": N_("Did not apply"),
        "aldri_startet_vgs": N_("Never started upper secondary"),
        "laerling": N_("Apprentice"),
        "soker_laereplass": N_("Seeking apprenticeship"),
        "laerekandidat": N_("Training candidate"),
        "vg3_i_skole": N_("VG3 in school"),
        "fullfort": N_("Completed upper secondary"),
        "frasagt_rett": N_("Gave up the right"),
        "ukjent": N_("Unknown"),
    },
)
_labels(TriState, {"ja": N_("Yes"), "nei": N_("No"), "ukjent": N_("Unknown")})
_labels(
    GoalCategory,
    {
        "ordinaert_arbeid": N_("Ordinary work"),
        "fullfort_utdanning": N_("Completed upper secondary or higher education"),
        "kombinert": N_("Combined education and work"),
        "bedre_livssituasjon": N_("Better life situation"),
    },
)
_labels(
    ActivityType,
    {
        "jobbsoking": N_("Job search"),
        "stilling": N_("Job vacancy"),
        "egenaktivitet": N_("Own activity"),
        "behandling": N_("Treatment"),
        "mote": N_("Meeting"),
        "samtalereferat": N_("Conversation summary"),
        "tiltak": N_("Labour-market measure"),
        "utdanning": N_("Education"),
        "arbeidstrening": N_("Work training"),
        "jobbklubb": N_("Job club"),
    },
)
_labels(
    ActivityStatus,
    {
        "forslag": N_("Proposal"),
        "planlegger": N_("Planning"),
        "gjennomforer": N_("In progress"),
        "fullfort": N_("Completed"),
        "avbrutt": N_("Cancelled"),
    },
)
_labels(
    ApplicationStatus,
    {
        "ingen": N_("None chosen"),
        "soknad_sendt": N_("Application sent"),
        "innkalt_til_intervju": N_("Invited to interview"),
        "avslag": N_("Rejected"),
        "jobbtilbud": N_("Job offer"),
    },
)
_labels(
    Responsible, {"ungdommen": N_("The youth"), "nav": N_("NAV"), "ot": N_("OT"), "partner": N_("Partner")}
)
_labels(
    ContactChannel,
    {
        "samtale": N_("Conversation"),
        "telefon": N_("Phone"),
        "sms": N_("Text message"),
        "epost": N_("E-mail"),
        "hjemmebesok": N_("Home visit"),
        "arbeidsplassbesok": N_("Workplace visit"),
        "folge": N_("Accompanied to doctor or school"),
        "oppsokende": N_("Outreach"),
        "video": N_("Video"),
    },
)
_labels(InitiatedBy, {"ungdom": N_("The youth"), "nav": N_("NAV"), "partner": N_("Partner")})
_labels(
    ContactOutcome,
    {"gjennomfort": N_("Held"), "ikke_mott": N_("Did not show up"), "avlyst": N_("Called off")},
)
_labels(
    MeetingStatus,
    {
        "planlagt": N_("Planned"),
        "gjennomfort": N_("Held"),
        "avlyst": N_("Called off"),
        "ma_flyttes": N_("Must be moved"),
    },
)
_labels(
    ParticipantKind,
    {
        "ungdom": N_("The youth"),
        "veileder": N_("Counsellor"),
        "partner": N_("Partner"),
        "foresatt": N_("Parent or guardian"),
        "arbeidsgiver": N_("Employer"),
        "annen": N_("Other"),
    },
)
_labels(
    ClubKind,
    {
        "jobbklubb": N_("Job club"),
        "cv_verksted": N_("CV workshop"),
        "jobbsokerkurs": N_("Job seeker course"),
        "infomote": N_("Information meeting"),
        "refleksjonsgruppe": N_("Reflection group"),
        "annet": N_("Other"),
    },
)
_labels(
    EnrolmentStatus,
    {
        "venter_pa_oppstart": N_("Waiting to start"),
        "deltar": N_("Taking part"),
        "har_sluttet": N_("Has left"),
        "fullfort": N_("Completed"),
    },
)
_labels(
    LeaveReason,
    {
        "fatt_jobb": N_("Got a job"),
        "syk": N_("Ill"),
        "trenger_annen_stotte": N_("Needs other support"),
        "ikke_mott": N_("Did not show up"),
        "annet": N_("Other"),
    },
)
_labels(
    Attendance,
    {
        "til_stede": N_("Present"),
        "gyldig_fravaer": N_("Absent with notice"),
        "ikke_mott": N_("Did not show up"),
        "kom_for_sent": N_("Came late"),
    },
)
_labels(
    Recommendation,
    {
        "fortsette": N_("Continue in the group"),
        "individuell_oppfolging": N_("Individual follow-up"),
        "mer_kartlegging": N_("Needs more assessment"),
    },
)
_labels(ConsentForm, {"skriftlig": N_("Written"), "muntlig": N_("Oral")})
_labels(
    ConsentState,
    {
        "gyldig": N_("Valid"),
        "utlopt": N_("Expired"),
        "trukket": N_("Withdrawn"),
        "ikke_startet": N_("Not yet valid"),
        "fornyes_18": N_("Ended at 18: ask the youth again"),
    },
)
_labels(
    DeadlineState,
    {
        "open": N_("Open"),
        "done": N_("Done"),
        "snoozed": N_("Snoozed"),
        "not_applicable": N_("Not applicable"),
    },
)
_labels(
    Barrier,
    {
        "forerkort": N_("Driving licence"),
        "transport": N_("Transport"),
        "bolig": N_("Housing"),
        "barnepass": N_("Childcare"),
        "dognrytme": N_("Daily rhythm"),
        "gjeld": N_("Debt"),
    },
)
_labels(
    ReportStatus,
    {
        "arbeid": N_("Work"),
        "utdanning": N_("Education"),
        "tiltak": N_("Labour-market measure"),
        "annen_aktivitet": N_("Other activity"),
        "ingen_aktivitet": N_("No activity"),
        "ukjent": N_("Unknown"),
    },
)
