"""Calendar export (.ics) for Outlook: open deadlines as all-day events.

Calendars are synchronised to servers outside the office, so event titles carry the youth's
initials, never the full name, and no address or note is included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from navdesk import __version__
from navdesk.domain.deadlines.engine import Deadline
from navdesk.domain.deadlines.rules import RULES_BY_ID
from navdesk.i18n import _


def new_calendar(office: str, name: str) -> Any:
    """An empty iCalendar (``icalendar.Calendar``) as NavDesk publishes it, called ``name``."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", f"-//NavDesk {__version__}//{office}//NO")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def deadlines_calendar(deadlines: Iterable[Deadline], office: str) -> bytes:
    from icalendar import Event

    cal = new_calendar(office, _("NavDesk deadlines – {office}").format(office=office))
    stamp = datetime.now(UTC)
    for d in deadlines:
        if d.state != "open":
            continue
        rule = RULES_BY_ID[d.rule]
        who = d.initials or _("office")
        event = Event()
        event.add("uid", f"{d.key}@navdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.due)
        event.add("dtend", d.due + timedelta(days=1))
        event.add("summary", f"{_(rule.name)} – {who}")
        event.add(
            "description",
            _("{explanation} Met by: {met_by}").format(
                explanation=_(rule.explanation), met_by=_(rule.met_by)
            ),
        )
        event.add("categories", ["NavDesk"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
