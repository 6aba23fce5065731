"""What may be shared with whom, and the sharing guard (domain brief §9: "printing or exporting for a
partner without valid consent warns").

:func:`sharing_today` is the plain view of one youth: every partner that is involved or named in a
consent, and whether NAV may share with it today, on which consent and until when.

:func:`guard` is the one rule every print and export path for an external recipient calls (the
møtereferat dialog, ``navdesk print summary``, the OT status list): when a recipient has no valid
consent it refuses with :class:`ConsentMissing` (the caller warns and asks for a reason); given a
reason it goes ahead and writes a ``share_without_consent`` event, with the reason and the
recipients, to the audit log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import CatalogueEntry, Consent, ConsentPartner, Involvement, PartnerOrg, Youth
from navdesk.domain.enums import ConsentState
from navdesk.domain.text import collation_key
from navdesk.errors import InvalidInput, UserError
from navdesk.i18n import _
from navdesk.services import audit
from navdesk.services.context import Actor
from navdesk.services.labels import catalogue_label
from navdesk.services.partners import consent_state, valid_until

if TYPE_CHECKING:
    from navdesk.services.summaries import SummaryData

AUDIT_ACTION = "share_without_consent"
REASON_MAX = 1000


@dataclass(frozen=True)
class ShareRow:
    """One partner around the youth and whether NAV may share with it today."""

    org_id: uuid.UUID
    organisation: str
    type_label: str
    involved: bool  # an active involvement
    role: str  # the involvement's role ("" when not involved)
    may_share: bool
    state: ConsentState | None  # the best consent's state today; None: no consent names the partner
    purpose: str  # of the consent that allows it (or of the best one that does not)
    scope: str
    until: date | None  # the last day the allowing consent holds (None: until withdrawn)

    @property
    def why(self) -> str:
        """Plain words for the answer."""
        if self.may_share:
            return (
                _("Yes, until {day}").format(day=self.until.strftime("%d.%m.%Y")) if self.until else _("Yes")
            )
        if self.state is None:
            return _("No: no consent names this partner")
        return _("No: {state}").format(state=self.state.label.lower())


def _best_consents(
    session: Session, youth_id: uuid.UUID, day: date, birth: date
) -> dict[uuid.UUID, tuple[Consent, ConsentState]]:
    """Organisation → the consent that says the most for it on ``day`` (a valid one lasting longest)."""
    best: dict[uuid.UUID, tuple[tuple[object, ...], Consent, ConsentState]] = {}
    query = (
        select(ConsentPartner.org_id, Consent)
        .join(Consent, Consent.id == ConsentPartner.consent_id)
        .where(Consent.youth_id == youth_id)
    )
    for org_id, consent in session.execute(query):
        state = consent_state(consent, day, birth)
        rank = (state is ConsentState.GYLDIG, valid_until(consent, birth) or date.max, consent.given_on,
                str(consent.id))  # fmt: skip
        if org_id not in best or best[org_id][0] < rank:
            best[org_id] = (rank, consent, state)
    return {org: (consent, state) for org, (_rank, consent, state) in best.items()}


def _birth(session: Session, youth_id: uuid.UUID) -> date:
    birth = session.scalar(select(Youth.birth_date).where(Youth.id == youth_id))
    if birth is None:
        raise InvalidInput(_("The youth no longer exists."))
    return birth


def sharing_today(session: Session, youth_id: uuid.UUID, today: date) -> list[ShareRow]:
    """Every partner involved with the youth or named in a consent: may NAV share with it today?

    Sorted with the partners NAV may share with first, then by name.
    """
    birth = _birth(session, youth_id)
    consents = _best_consents(session, youth_id, today, birth)
    roles: dict[uuid.UUID, str] = {}
    for inv in session.scalars(select(Involvement).where(Involvement.youth_id == youth_id)):
        active = (inv.from_date is None or inv.from_date <= today) and (
            inv.to_date is None or inv.to_date >= today
        )
        if active:
            roles[inv.org_id] = ", ".join(x for x in (roles.get(inv.org_id, ""), inv.role) if x)
    org_ids = set(consents) | set(roles)
    if not org_ids:
        return []
    query = (
        select(PartnerOrg.id, PartnerOrg.name, CatalogueEntry.label_nb, CatalogueEntry.label_nn)
        .outerjoin(CatalogueEntry, CatalogueEntry.id == PartnerOrg.type_id)
        .where(PartnerOrg.id.in_(org_ids))
    )
    out = []
    for org_id, name, type_nb, type_nn in session.execute(query):
        type_label = catalogue_label(type_nb, type_nn)
        consent, state = consents.get(org_id, (None, None))
        ok = state is ConsentState.GYLDIG
        out.append(ShareRow(org_id, name, type_label or "", org_id in roles, roles.get(org_id, ""), ok, state,
                            consent.purpose if consent else "", consent.scope if consent else "",
                            valid_until(consent, birth) if consent and ok else None))  # fmt: skip
    out.sort(key=lambda r: (not r.may_share, collation_key(r.organisation)))
    return out


# --------------------------------------------------------------------------- the guard


@dataclass(frozen=True)
class SharingGap:
    """A recipient outside NAV with no valid consent on the day."""

    name: str
    organisation: str
    state: str | None = None  # the best consent's ConsentState value; None: no consent names them

    def label(self) -> str:
        return (
            f"{self.name} ({self.organisation})"
            if self.organisation and self.organisation != self.name
            else self.name
        )


class ConsentMissing(UserError):
    """Sharing with these recipients has no valid consent; going ahead needs a reason."""

    def __init__(self, gaps: Sequence[SharingGap]) -> None:
        self.gaps = tuple(gaps)
        names = ", ".join(g.label() for g in self.gaps)
        super().__init__(
            _(
                "No valid consent covers sharing with {names}. Give a reason to go ahead; it is written to the "
                "audit log."
            ).format(names=names)
        )


def gaps_for_orgs(
    session: Session, youth_id: uuid.UUID, org_ids: Iterable[uuid.UUID], day: date
) -> list[SharingGap]:
    """The organisations among ``org_ids`` that no valid consent of the youth covers on ``day``."""
    wanted = list(dict.fromkeys(org_ids))
    if not wanted:
        return []
    consents = _best_consents(session, youth_id, day, _birth(session, youth_id))
    names = dict(
        session.execute(select(PartnerOrg.id, PartnerOrg.name).where(PartnerOrg.id.in_(wanted))).all()
    )
    gaps = []
    for org in wanted:
        _consent, state = consents.get(org, (None, None))
        if state is not ConsentState.GYLDIG:
            gaps.append(SharingGap(names.get(org, ""), names.get(org, ""), state.value if state else None))
    return gaps


def summary_gaps(data: SummaryData, variant: str) -> list[SharingGap]:
    """The external participants a møtereferat would be shared with without a valid consent. The youth's
    own variant goes to the youth only, so it has none."""
    if variant == "youth":
        return []
    return [SharingGap(p.name, p.organisation, p.consent_state) for p in data.missing_consent]


def guard(
    session: Session, actor: Actor, *, gaps: Sequence[SharingGap], document: str, entity: str,
    entity_id: uuid.UUID | None, youth_id: uuid.UUID | None, reason: str | None, target: str = "",
) -> None:  # fmt: skip
    """Let sharing go ahead, or refuse it.

    No gaps: nothing to do. Gaps and no reason: :class:`ConsentMissing`. Gaps and a reason: an audit
    event ``share_without_consent`` on ``entity``/``entity_id`` with the document, the target (file or
    printer), the recipients and the reason, in the caller's transaction.
    """
    if not gaps:
        return
    reason = (reason or "").strip()
    if not reason:
        raise ConsentMissing(gaps)
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("The reason may be at most {n} characters.").format(n=REASON_MAX))
    audit.record(
        session, actor, AUDIT_ACTION, entity, entity_id, youth_id=youth_id,
        after={"document": document, "target": target, "reason": reason,
               "recipients": [{"name": g.name, "organisation": g.organisation, "consent": g.state} for g in gaps]},
    )  # fmt: skip


def youths_without_consent(
    session: Session, youth_ids: Sequence[uuid.UUID], org_id: uuid.UUID, day: date
) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the youths among ``youth_ids`` whose valid consent on ``day`` does not cover ``org_id``
    (an export of a list for that partner)."""
    from collections import defaultdict

    wanted = set(youth_ids)
    if not wanted:
        return []
    covering: defaultdict[uuid.UUID, list[Consent]] = defaultdict(list)
    for consent in session.scalars(
        select(Consent).join(ConsentPartner, ConsentPartner.consent_id == Consent.id)
        .where(ConsentPartner.org_id == org_id)
    ):  # fmt: skip
        if consent.youth_id in wanted:
            covering[consent.youth_id].append(consent)
    out = []
    for yid, first, preferred, last, born in session.execute(
        select(Youth.id, Youth.first_name, Youth.preferred_name, Youth.last_name, Youth.birth_date)
    ):
        if yid in wanted and not any(
            consent_state(c, day, born) is ConsentState.GYLDIG for c in covering[yid]
        ):
            out.append((yid, f"{preferred or first} {last}".strip()))
    out.sort(key=lambda y: collation_key(y[1]))
    return out


def guard_export(
    session: Session, actor: Actor, *, org_id: uuid.UUID, youth_ids: Sequence[uuid.UUID], day: date,
    reason: str | None, target: str = "",
) -> list[tuple[uuid.UUID, str]]:  # fmt: skip
    """The sharing guard for a list exported for a partner: the youths no valid consent covers. With none,
    nothing happens; else without a reason :class:`ConsentMissing`, with one a ``share_without_consent`` event
    in each such youth's audit trail."""
    org = session.get(PartnerOrg, org_id)
    if org is None:
        raise InvalidInput(_("The youth or the organisation no longer exists."))
    missing = youths_without_consent(session, youth_ids, org_id, day)
    if missing and not (reason or "").strip():
        refused = ConsentMissing([SharingGap(name, org.name) for _id, name in missing])
        refused.message = _(
            "No valid consent lets you share what NavDesk holds about {names} with {organisation}. Give a reason "
            "to go ahead; it is written to the audit log."
        ).format(names=", ".join(name for _id, name in missing), organisation=org.name)
        raise refused
    for youth_id, name in missing:
        guard(session, actor, gaps=[SharingGap(name, org.name)], document="export", entity="youth",
              entity_id=youth_id, youth_id=youth_id, reason=reason, target=target)  # fmt: skip
    return missing
