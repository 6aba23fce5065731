"""Meetings and group samlinger as iCalendar files (.ics) for Outlook, in Europe/Oslo with its VTIMEZONE.

Calendars are synchronised to servers outside the office, so an event says as little as it can:
the title is the meeting type and the youth's initials (never the name), there is no description
or note, and the location is never a home: a home visit shows the channel ("Hjemmebesøk"), not the
address, and for a youth with an address protection (adressesperre) only the channel is shown.

Each event's UID is the meeting's id, and its SEQUENCE the meeting's version, so importing the
file again updates the events instead of adding copies; a cancelled meeting goes out as
``STATUS:CANCELLED`` so it disappears from the calendar rather than staying as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import CatalogueEntry, Meeting, Youth
from navdesk.domain.enums import Adressesperre, ContactChannel, MeetingStatus
from navdesk.domain.text import OSLO, search_fold
from navdesk.i18n import _, language
from navdesk.services.context import Actor

TZID = "Europe/Oslo"
_STATUS = {
    MeetingStatus.PLANLAGT: "CONFIRMED",
    MeetingStatus.GJENNOMFORT: "CONFIRMED",
    MeetingStatus.MA_FLYTTES: "TENTATIVE",
    MeetingStatus.AVLYST: "CANCELLED",
}


@dataclass(frozen=True)
class CalendarMeeting:
    """One meeting as the calendar shows it: nothing that names the youth or gives an address away."""

    id: uuid.UUID
    version: int
    starts_at: datetime  # Europe/Oslo
    duration_min: int
    type_label: str
    initials: str  # "" for a meeting without a youth
    location: str
    status: str  # MeetingStatus value


def initials(first: str, last: str) -> str:
    """«Ánne Đuottar» «Ŋuolja-Ŧoavvu» → «ÁĐŊ»: the first letter of each name (hyphenated too)."""
    parts = f"{first} {last}".replace("-", " ").split()
    return "".join(p[0] for p in parts).upper()


def _location(place: str, channel: ContactChannel, protected: bool, address: str, postal_code: str) -> str:
    """The place, unless it is (or could be) the youth's home: then the channel's name."""
    if protected or channel is ContactChannel.HJEMMEBESOK:
        return channel.label
    folded = search_fold(place)
    street = " ".join(w for w in address.split(",")[0].split() if not any(c.isdigit() for c in w))
    clues = [search_fold(c.strip()) for c in (address, postal_code, street) if len(c.strip()) >= 4]
    if place.strip() and any(clue in folded for clue in clues):
        return channel.label
    return place.strip() or channel.label


def calendar_meetings(
    session: Session,
    *,
    since: date | None = None,
    meeting_ids: Iterable[uuid.UUID] | None = None,
    lang: str | None = None,
) -> list[CalendarMeeting]:
    """Meetings from ``since`` on (Oslo day; default all), or just ``meeting_ids``, by start time."""
    query = (
        select(
            Meeting.id, Meeting.version, Meeting.starts_at, Meeting.duration_min, Meeting.place, Meeting.channel,
            Meeting.status, Youth.first_name, Youth.preferred_name, Youth.last_name, Youth.address,
            Youth.postal_code, Youth.adressesperre, CatalogueEntry.label_nb, CatalogueEntry.label_nn,
        )
        .outerjoin(Youth, Youth.id == Meeting.youth_id)
        .outerjoin(CatalogueEntry, CatalogueEntry.id == Meeting.type_id)
        .order_by(Meeting.starts_at, Meeting.id)
    )  # fmt: skip
    if since is not None:
        query = query.where(Meeting.starts_at >= datetime.combine(since, time(0), OSLO))
    if meeting_ids is not None:
        query = query.where(Meeting.id.in_(list(meeting_ids)))
    lang = lang or language()
    out = []
    for r in session.execute(query):
        channel = ContactChannel(r.channel)
        has_youth = r.last_name is not None
        protected = has_youth and Adressesperre(r.adressesperre) is not Adressesperre.INGEN
        label = (r.label_nn or r.label_nb) if lang == "nn" else r.label_nb
        out.append(
            CalendarMeeting(
                id=r.id, version=r.version or 1, starts_at=r.starts_at.astimezone(OSLO),
                duration_min=r.duration_min, type_label=label or _("Meeting"),
                initials=initials(r.preferred_name or r.first_name, r.last_name) if has_youth else "",
                location=_location(r.place or "", channel, protected, r.address or "", r.postal_code or "")
                if has_youth else (r.place or "").strip(),
                status=MeetingStatus(r.status).value,
            )
        )  # fmt: skip
    return out


def meetings_calendar(meetings: Iterable[CalendarMeeting], office: str) -> bytes:
    """The meetings as an iCalendar file with the Europe/Oslo VTIMEZONE."""
    from icalendar import Event

    from navdesk.calendar_export import new_calendar

    cal = new_calendar(office, _("NavDesk meetings – {office}").format(office=office))
    cal.add("x-wr-timezone", TZID)
    stamp = datetime.now(UTC)
    meetings = list(meetings)
    for m in meetings:
        event = Event()
        event.add("uid", f"{m.id}@navdesk")
        event.add("sequence", m.version)
        event.add("dtstamp", stamp)
        event.add("dtstart", m.starts_at.astimezone(OSLO))
        event.add("dtend", m.starts_at.astimezone(OSLO) + timedelta(minutes=m.duration_min))
        event.add("summary", f"{m.type_label} – {m.initials}" if m.initials else m.type_label)
        if m.location:
            event.add("location", m.location)
        event.add("status", _STATUS[MeetingStatus(m.status)])
        event.add("categories", ["NavDesk"])
        event.add("class", "PRIVATE")
        cal.add_component(event)
    # the time zone's rules for the years the meetings span (Outlook needs the VTIMEZONE to place them)
    years = [m.starts_at.year for m in meetings] or [stamp.year]
    cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1))
    return bytes(cal.to_ical())


def write_meetings_ics(
    session: Session,
    actor: Actor,
    out: Path,
    *,
    since: date | None = None,
    meeting_ids: Iterable[uuid.UUID] | None = None,
) -> int:
    """Write the meetings (from ``since``, or just ``meeting_ids``) to ``out`` atomically and audit it; how many.

    The audit event is in the caller's transaction: if the file cannot be written, nothing is recorded.
    """
    from navdesk.paths import write_atomically
    from navdesk.services import audit
    from navdesk.services.office import office_name

    items = calendar_meetings(session, since=since, meeting_ids=meeting_ids)
    write_atomically(meetings_calendar(items, office_name(session)), out)
    audit.record(session, actor, "export", "meeting", None, after={"file": out.name, "format": "ics",
                                                                    "count": len(items)})  # fmt: skip
    return len(items)


def sessions_calendar(session: Session, office: str, *, since: date | None = None) -> tuple[bytes, int]:
    """The groups' samlinger from ``since`` (default all) as an iCalendar file, and how many. An event is
    the group's name with the topic, at the group's place; participants are never named. A cancelled
    samling goes out as ``STATUS:CANCELLED`` (UID = the samling's id, SEQUENCE = its version)."""
    from icalendar import Event

    from navdesk.calendar_export import new_calendar
    from navdesk.services.clubs import sessions_between

    cal = new_calendar(office, _("NavDesk groups – {office}").format(office=office))
    cal.add("x-wr-timezone", TZID)
    stamp = datetime.now(UTC)
    items = sessions_between(session, since or date(1900, 1, 1))
    for club, s in items:
        event = Event()
        event.add("uid", f"{s.id}@navdesk")
        event.add("sequence", s.version)
        event.add("dtstamp", stamp)
        event.add("dtstart", s.starts_at)
        event.add("dtend", s.starts_at + timedelta(minutes=s.duration_min))
        event.add("summary", f"{club.name} – {s.topic}" if s.topic else club.name)
        if club.place.strip():
            event.add("location", club.place.strip())
        if s.guest:
            event.add("description", _("Guest employer: {name}").format(name=s.guest))
        event.add("status", "CANCELLED" if s.cancelled else "CONFIRMED")
        event.add("categories", ["NavDesk"])
        cal.add_component(event)
    years = [s.starts_at.year for _c, s in items] or [stamp.year]
    cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1))
    return bytes(cal.to_ical()), len(items)


def write_sessions_ics(session: Session, actor: Actor, out: Path, *, since: date | None = None) -> int:
    """Write the samlinger from ``since`` to ``out`` atomically and audit it; how many."""
    from navdesk.paths import write_atomically
    from navdesk.services import audit
    from navdesk.services.office import office_name

    data, count = sessions_calendar(session, office_name(session), since=since)
    write_atomically(data, out)
    audit.record(session, actor, "export", "club_session", None, after={"file": out.name, "format": "ics",
                                                                         "count": count})  # fmt: skip
    return count
