"""The office's rules for deadlines (domain brief §4): ids, names, explanations, sources, defaults.

These are the *defaults* seeded into each office's ``deadline_rule`` rows; the office edits
``enabled`` and ``params`` there. Names and explanations are msgids (translated when shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from navdesk.i18n import N_


@dataclass(frozen=True)
class RuleDef:
    id: str
    name: str
    explanation: str
    met_by: str
    source: str
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True


RULES: tuple[RuleDef, ...] = (
    RuleDef("followup_8w", N_("Follow-up within 8 weeks"),
            N_("Everyone under 30 on the registration day shall get follow-up within 8 weeks (forsterket ungdomsinnsats)."),
            N_("A meeting with the youth held, or an activity or jobbklubb started."),
            "001 L102, L980, L1137, L6139; 003 L66",
            {"days": 56, "max_age": 30, "met_by": ["meeting_held", "activity_started", "club_started"]}),
    RuleDef("first_contact", N_("First contact"), N_("Contact the youth soon after registration."),
            N_("A contact that was held, or a meeting held."), "001 L2708–2712", {"days": 7}),
    RuleDef("answer_contact", N_("Answer the youth"), N_("Answer a contact the youth started within two working days."),
            N_("A later contact from NAV to the youth."), "000 A:1453, A:1745", {"working_days": 2, "lookback_days": 60}),
    RuleDef("no_contact", N_("No contact for too long"),
            N_("Keep in touch at the chosen follow-up intensity; the clock restarts at every contact."),
            N_("Any contact with the youth."), "002 L3927; 000 A:1427",
            {"tett": 7, "normal": 30, "minimum": 182}),
    RuleDef("notify_ot", N_("Notify OT"),
            N_("Tell the follow-up service (OT) about a youth under 21 without completed upper secondary school."),
            N_("A recorded notification to OT."), "004 L1967", {"days": 14, "max_age": 21}),
    RuleDef("club_absence", N_("Reach out after absence"),
            N_("Reach out the next working day after the youth did not show up in a group session."),
            N_("A contact with the youth after the session."), "000 A:1512–1520; 001 L5673", {"working_days": 1}),
    RuleDef("activity_end", N_("Activity ends"), N_("An activity is reaching its end date: complete it, cancel it or extend it."),
            N_("Status Completed or Cancelled, or a new end date."), "—", {"days_before": 7}),
    RuleDef("after_start", N_("Follow-up after starting work or school"),
            N_("Check in after the youth has started work or school (etteroppfølging)."),
            N_("A contact on or after each date."), "000 A:1399–1407", {"offsets": [7, 30, 90]}),
    RuleDef("consent_expiry", N_("Consent expires"), N_("A consent is about to expire."),
            N_("A renewed or withdrawn consent."), "000 A:1002", {"days_before": 30}),
    RuleDef("aap_end", N_("AAP period ends"), N_("The work assessment allowance (AAP) ends three years after it started."),
            N_("Marked done by the counsellor."), "001 L1055", {"years": 3, "months_before": [6, 3]}),
    RuleDef("age_milestone", N_("Age milestone"),
            N_("The youth turns 18 (ask for consent again), 21 (end of that year for OT), 25 or 30."),
            N_("Marked done by the counsellor."), "002 L234, L384; 004 L546",
            {"ages": [18, 21, 25, 30], "days_before": 30, "horizon_days": 365}),
    RuleDef("school_year", N_("School year"),
            N_("Before 1 October for pupils at risk (leaving later loses the year); in late August, check that they started."),
            N_("Marked done by the counsellor."), "002 L4728; 004 L5469",
            {"at_risk_day": "09-15", "started_day": "08-25", "max_age": 21}),
    RuleDef("outcome_snapshot", N_("Status after registration"),
            N_("Record the youth's status 1, 3, 6 and 9 months after registration."),
            N_("The status for that month recorded or confirmed."), "001 L5060–5070", {"months": [1, 3, 6, 9]}),
    RuleDef("reassess", N_("Reassess standard effort"),
            N_("A youth with standard effort and no activity three months after registration should be reassessed."),
            N_("A new innsatsgruppe decision, or an activity started."), "001 L1941–1949", {"months": 3}),
    RuleDef("placement_followup", N_("Follow up work training"),
            N_("Visit or check in with the youth or employer during work training or practice."),
            N_("A contact with the employer or youth about the placement."), "002 L8345–8355", {"days": 14}),
    RuleDef("meeting_action", N_("Meeting action"), N_("An action agreed in a meeting."),
            N_("The action marked done."), "—", {}),
    RuleDef("manual", N_("Task"), N_("A task written by the counsellor."), N_("Marked done."), "—", {}),
)  # fmt: skip

RULES_BY_ID: dict[str, RuleDef] = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class RuleSetting:
    """An office's setting for one rule (from its ``deadline_rule`` row)."""

    id: str
    enabled: bool
    params: dict[str, Any]
    version: int = 0  # the office row's version (0: no row yet)


def default_settings() -> dict[str, RuleSetting]:
    return {r.id: RuleSetting(r.id, r.enabled, dict(r.params)) for r in RULES}
