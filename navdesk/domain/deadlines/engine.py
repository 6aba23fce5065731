"""Deadlines computed from a youth's facts by pure functions, one rule at a time.

Each deadline has a stable key (rule + subject + occurrence), a due date and a state: ``open``,
``done`` (met automatically — with the date — or by hand), ``snoozed`` or ``not_applicable``. Only
the user's decisions are stored (against the key); everything else is recomputed. Because the
computation for a youth depends on that youth's facts alone, recomputing one youth after an edit
gives exactly what a full computation gives for that youth.
"""

from __future__ import annotations

import uuid
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from navdesk.domain.deadlines.facts import PeriodFacts, YouthFacts
from navdesk.domain.deadlines.rules import RuleSetting, default_settings
from navdesk.domain.deadlines.workdays import add_working_days
from navdesk.domain.text import age_on

OPEN, DONE, SNOOZED, NOT_APPLICABLE = "open", "done", "snoozed", "not_applicable"
WORK_OR_SCHOOL = {"i_arbeid", "i_utdanning"}
STARTED = {"gjennomforer", "fullfort"}
FINISHED = {"fullfort", "avbrutt"}


@dataclass(slots=True)  # not frozen: creating ~600,000 of them for 50,000 youths must be cheap
class Deadline:
    key: str
    rule: str
    subject: str  # youth, period, contact, activity, meeting, consent, benefit, placement, task
    subject_id: str | None  # 32 hex digits
    youth_id: uuid.UUID | None
    youth: str | None
    initials: str | None
    veileder_id: uuid.UUID | None
    due: date
    state: str = OPEN
    met_on: date | None = None
    detail: str = ""
    reason: str = ""
    until: date | None = None

    def overdue(self, today: date) -> bool:
        return self.state == OPEN and self.due < today


@dataclass(frozen=True)
class Decision:
    """A user's decision about a deadline, stored against its key."""

    state: str
    until: date | None = None
    reason: str = ""
    on: date | None = None


@lru_cache(maxsize=65536)
def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@lru_cache(maxsize=65536)
def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


class _Ctx:
    def __init__(self, youth: YouthFacts, today: date) -> None:
        self.y = youth
        self.yhex = youth.id.hex
        self.today = today
        self.out: list[Deadline] = []
        self.valid_until = date.max  # the first day on which this youth's result may differ
        self._open: list[PeriodFacts] | None = None

    def until(self, day: date) -> None:
        """The result depends on the date: from ``day`` on (``day`` > today) it may differ."""
        if day < self.valid_until:
            self.valid_until = day

    def add(self, rule: str, subject: str, subject_id: str | None, occurrence: str, due: date,
            met_on: date | None = None, detail: str = "", state: str | None = None) -> None:  # fmt: skip
        key = f"{rule}:{subject}:{subject_id}" + (f":{occurrence}" if occurrence else "")
        chosen = state or (DONE if met_on is not None else OPEN)
        self.out.append(
            Deadline(key, rule, subject, subject_id, self.y.id, self.y.name, self.y.initials, self.y.veileder_id,
                     due, chosen, met_on, detail)
        )  # fmt: skip

    def open_periods(self) -> list[PeriodFacts]:
        if self._open is None:
            self._open = [p for p in self.y.periods if p.closed_on is None]
        return self._open

    def contacts_from(self, day: date) -> list[date]:
        return [c.day for c in self.y.contacts if c.day >= day]


def _first(days: Iterable[date | None]) -> date | None:
    found = [d for d in days if d is not None]
    return min(found) if found else None


def _followup_8w(c: _Ctx, s: RuleSetting) -> None:
    met_by = set(s.params.get("met_by", []))
    for p in c.y.periods:
        if age_on(c.y.birth_date, p.registration_date) >= int(s.params.get("max_age", 30)):
            continue  # 30 or older on the registration day: no deadline
        due = p.registration_date + timedelta(days=int(s.params.get("days", 56)))
        reg = p.registration_date
        events: list[date | None] = []
        if "meeting_held" in met_by:
            events += [m.day for m in c.y.meetings if m.status == "gjennomfort" and m.day >= reg]
        if "activity_started" in met_by:
            events += [a.started_on for a in c.y.activities
                       if a.started_on and a.started_on >= reg and a.type not in ("samtalereferat", "mote", "jobbklubb")]  # fmt: skip
        if "club_started" in met_by:
            for e in c.y.enrolments:
                if e.start_date and e.start_date >= reg and e.status in ("deltar", "fullfort", "har_sluttet"):
                    if e.start_date <= c.today:
                        events.append(e.start_date)
                    else:
                        c.until(e.start_date)  # counts from the day it starts
        if "contact_held" in met_by:
            events += [x.day for x in c.y.contacts if x.outcome == "gjennomfort" and x.day >= reg]
        met = _first(events)
        if p.situation in WORK_OR_SCHOOL:
            c.add("followup_8w", "period", p.id, "", due, None, "work_or_school", NOT_APPLICABLE)
        elif met is not None:
            c.add("followup_8w", "period", p.id, "", due, met)
        elif p.closed_on is None:
            c.add("followup_8w", "period", p.id, "", due)
        else:
            c.add("followup_8w", "period", p.id, "", due, None, "closed", NOT_APPLICABLE)


def _first_contact(c: _Ctx, s: RuleSetting) -> None:
    for p in c.open_periods():
        reg = p.registration_date
        met = _first([x.day for x in c.y.contacts if x.outcome == "gjennomfort" and x.day >= reg]
                     + [m.day for m in c.y.meetings if m.status == "gjennomfort" and m.day >= reg])  # fmt: skip
        c.add("first_contact", "period", p.id, "", reg + timedelta(days=int(s.params.get("days", 7))), met)


def _answer_contact(c: _Ctx, s: RuleSetting) -> None:
    lookback = int(s.params.get("lookback_days", 60))
    since = c.today - timedelta(days=lookback)
    for x in c.y.contacts:
        if x.initiated_by != "ungdom" or x.day < since:
            continue
        c.until(x.day + timedelta(days=lookback + 1))  # then it falls out of the look-back window
        due = add_working_days(x.day, int(s.params.get("working_days", 2)))
        met = _first([o.day for o in c.y.contacts if o.initiated_by == "nav" and o.at > x.at])
        c.add("answer_contact", "contact", x.id, "", due, met)


def _no_contact(c: _Ctx, s: RuleSetting) -> None:
    for p in c.open_periods():
        days = int(s.params.get(p.intensity, s.params.get("normal", 30)))
        last = max([x.day for x in c.y.contacts if x.day >= p.registration_date], default=p.registration_date)
        c.add("no_contact", "youth", c.yhex, last.isoformat(), last + timedelta(days=days))


def _notify_ot(c: _Ctx, s: RuleSetting) -> None:
    if c.y.school_status == "fullfort":
        return
    for p in c.open_periods():
        if age_on(c.y.birth_date, p.registration_date) >= int(s.params.get("max_age", 21)):
            continue
        met = _first([x.day for x in c.y.contacts if x.ot_notified and x.day >= p.registration_date])
        c.add(
            "notify_ot",
            "period",
            p.id,
            "",
            p.registration_date + timedelta(days=int(s.params.get("days", 14))),
            met,
        )


def _club_absence(c: _Ctx, s: RuleSetting) -> None:
    for a in c.y.absences:
        due = add_working_days(a.day, int(s.params.get("working_days", 1)))
        met = _first([x.day for x in c.y.contacts if x.at > a.at])
        c.add("club_absence", "session", a.session_id, "", due, met, a.club_name)


def _activity_end(c: _Ctx, s: RuleSetting) -> None:
    for a in c.y.activities:
        if a.to_date is None or a.status == "forslag" or a.type == "mote":  # a meeting has no end to watch
            continue
        met = (a.changed_on or a.to_date) if a.status in FINISHED else None
        c.add("activity_end", "activity", a.id, a.to_date.isoformat(), a.to_date, met, a.title)


def _after_start(c: _Ctx, s: RuleSetting) -> None:
    for p in c.y.periods:
        if p.closed_on is None or p.outcome_report not in ("arbeid", "utdanning"):
            continue
        for offset in s.params.get("offsets", [7, 30, 90]):
            due = p.closed_on + timedelta(days=int(offset))
            met = _first(c.contacts_from(due))
            c.add("after_start", "period", p.id, f"{offset}d", due, met)


def _consent_expiry(c: _Ctx, s: RuleSetting) -> None:
    for k in c.y.consents:
        if k.expires_on is None:
            continue
        due = k.expires_on - timedelta(days=int(s.params.get("days_before", 30)))
        renewed = _first([o.given_on for o in c.y.consents if o.id != k.id and o.given_on >= k.given_on
                          and (o.expires_on is None or o.expires_on > k.expires_on) and k.partners <= o.partners])  # fmt: skip
        c.add("consent_expiry", "consent", k.id, "", due, _first([k.withdrawn_on, renewed]))


def _aap_end(c: _Ctx, s: RuleSetting) -> None:
    for b in c.y.benefits:
        if b.ytelse != "aap" or (b.end_date is not None and b.end_date < c.today):
            continue
        if b.end_date is not None:
            c.until(b.end_date + timedelta(days=1))  # an ended benefit drops out
        end = _add_years(b.start_date, int(s.params.get("years", 3)))
        for months in s.params.get("months_before", [6, 3]):
            c.add("aap_end", "benefit", b.id, f"{months}m", _add_months(end, -int(months)))


def _age_milestone(c: _Ctx, s: RuleSetting) -> None:
    if not c.open_periods():
        return
    before = int(s.params.get("days_before", 30))
    horizon = int(s.params.get("horizon_days", 365))
    for age in s.params.get("ages", [18, 21, 25, 30]):
        birthday = _add_years(c.y.birth_date, int(age))
        when = date(birthday.year, 12, 31) if int(age) == 21 else birthday
        due = when - timedelta(days=before)
        if when < c.today - timedelta(days=before):
            continue  # long past: stays out
        if due > c.today + timedelta(days=horizon):
            c.until(due - timedelta(days=horizon))  # comes within the horizon that day
            continue
        c.until(when + timedelta(days=before + 1))  # drops out that day
        c.add("age_milestone", "youth", c.yhex, str(age), when - timedelta(days=before), detail=str(age))


def _school_year(c: _Ctx, s: RuleSetting) -> None:
    status = c.y.school_status
    max_age = int(s.params.get("max_age", 21))
    if status is None or not c.open_periods() or age_on(c.y.birth_date, c.today) >= max_age:
        return
    c.until(_add_years(c.y.birth_date, max_age))  # too old from that birthday
    year = c.today.year if c.today.month < 11 else c.today.year + 1
    c.until(date(year, 11, 1))  # the next school year's checks from 1 November
    at_risk = {"i_faresonen", "avbrudd_i_aret", "ikke_mott_skolestart"}
    started_check = {"elev_aktiv", "i_faresonen", "ikke_mott_skolestart", "soker_laereplass", "vg3_i_skole"}
    if status in at_risk:
        month, day = (int(v) for v in str(s.params.get("at_risk_day", "09-15")).split("-"))
        c.add("school_year", "youth", c.yhex, f"{year}-at_risk", date(year, month, day))
    if status in started_check:
        month, day = (int(v) for v in str(s.params.get("started_day", "08-25")).split("-"))
        c.add("school_year", "youth", c.yhex, f"{year}-started", date(year, month, day))


def _outcome_snapshot(c: _Ctx, s: RuleSetting) -> None:
    for p in c.open_periods():
        for months in s.params.get("months", [1, 3, 6, 9]):
            due = _add_months(p.registration_date, int(months))
            met = due if int(months) in p.snapshot_months else None
            c.add("outcome_snapshot", "period", p.id, f"{months}m", due, met)


def _reassess(c: _Ctx, s: RuleSetting) -> None:
    for p in c.open_periods():
        if not p.innsats or p.innsats[0][1] != "standard_innsats":
            continue
        later_decisions = [d for d, _group in p.innsats[1:]]
        started = [
            a.started_on for a in c.y.activities if a.started_on and a.started_on >= p.registration_date
        ]
        due = _add_months(p.registration_date, int(s.params.get("months", 3)))
        c.add("reassess", "period", p.id, "", due, _first([*later_decisions, *started]))


def _placement_followup(c: _Ctx, s: RuleSetting) -> None:
    for pl in c.y.placements:
        if pl.end_date is not None and pl.end_date < c.today:
            continue
        if pl.end_date is not None:
            c.until(pl.end_date + timedelta(days=1))  # an ended placement drops out
        interval = pl.interval_days or int(s.params.get("days", 14))
        about = [x.day for x in c.y.contacts if x.placement_id == pl.id and x.day >= pl.start_date]
        last = max(about, default=pl.start_date)
        c.add(
            "placement_followup",
            "placement",
            pl.id,
            last.isoformat(),
            last + timedelta(days=interval),
            detail=pl.employer,
        )


def _meeting_action(c: _Ctx, s: RuleSetting) -> None:
    for a in c.y.actions:
        if a.due_date is not None:
            c.add("meeting_action", "action", a.id, "", a.due_date, a.done_on, a.what)


def _manual(c: _Ctx, s: RuleSetting) -> None:
    for t in c.y.tasks:
        if t.due_date is not None:
            c.add("manual", "task", t.id, "", t.due_date, t.done_on, t.title)


RULE_FUNCTIONS: dict[str, Callable[[_Ctx, RuleSetting], None]] = {
    "followup_8w": _followup_8w, "first_contact": _first_contact, "answer_contact": _answer_contact,
    "no_contact": _no_contact, "notify_ot": _notify_ot, "club_absence": _club_absence,
    "activity_end": _activity_end, "after_start": _after_start, "consent_expiry": _consent_expiry,
    "aap_end": _aap_end, "age_milestone": _age_milestone, "school_year": _school_year,
    "outcome_snapshot": _outcome_snapshot, "reassess": _reassess, "placement_followup": _placement_followup,
    "meeting_action": _meeting_action, "manual": _manual,
}  # fmt: skip


def apply_decision(deadline: Deadline, decision: Decision | None, today: date) -> Deadline:
    """A stored user decision on top of the computed state (an automatic 'done' wins)."""
    if decision is None or deadline.state == DONE:
        return deadline
    if decision.state == SNOOZED:
        if decision.until is not None and decision.until > today:
            return replace(deadline, state=SNOOZED, until=decision.until, reason=decision.reason)
        return replace(deadline, reason=decision.reason)
    if decision.state == DONE:
        return replace(deadline, state=DONE, met_on=decision.on, reason=decision.reason)
    if decision.state == NOT_APPLICABLE:
        return replace(deadline, state=NOT_APPLICABLE, reason=decision.reason)
    return deadline


Plan = list[tuple[Callable[["_Ctx", RuleSetting], None], RuleSetting]]


def _plan(settings: Mapping[str, RuleSetting] | None) -> Plan:
    """The enabled rules' functions with their settings, in a fixed order."""
    chosen = settings or default_settings()
    return [
        (fn, chosen[rule]) for rule, fn in RULE_FUNCTIONS.items() if rule in chosen and chosen[rule].enabled
    ]


def _context(youth: YouthFacts, today: date, plan: Plan) -> _Ctx:
    ctx = _Ctx(youth, today)
    for function, setting in plan:
        function(ctx, setting)
    return ctx


def _run(
    youth: YouthFacts, today: date, plan: Plan, decisions: Mapping[str, Decision] | None
) -> list[Deadline]:
    ctx = _context(youth, today, plan)
    if decisions:
        return [apply_decision(d, decisions.get(d.key), today) for d in ctx.out]
    return ctx.out


def compute_youth(
    youth: YouthFacts,
    today: date,
    settings: Mapping[str, RuleSetting] | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> list[Deadline]:
    """Every deadline of one youth, with the user's decisions applied."""
    return _run(youth, today, _plan(settings), decisions)


def compute_all(
    youths: Iterable[YouthFacts],
    today: date,
    settings: Mapping[str, RuleSetting] | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> list[Deadline]:
    """Every deadline of every youth; the same as :func:`compute_youth` youth by youth."""
    plan = _plan(settings)
    out: list[Deadline] = []
    for youth in youths:
        out.extend(_run(youth, today, plan, decisions))
    return out


def compute_with_validity(
    youths: Iterable[YouthFacts], today: date, settings: Mapping[str, RuleSetting] | None = None
) -> list[tuple[YouthFacts, list[Deadline], date]]:
    """Per youth: the deadlines before any user decision, and the first day they may differ.

    The result for ``today`` holds for every day from ``today`` up to (not including) that day, as
    long as the youth's facts and the rule settings stay the same: what a stored cache may rely on.
    """
    plan = _plan(settings)
    out = []
    for youth in youths:
        ctx = _context(youth, today, plan)
        out.append((youth, ctx.out, ctx.valid_until))
    return out
