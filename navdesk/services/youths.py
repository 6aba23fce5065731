"""Youths: create, edit (with the stale-save check), open (audited) and the portfolio rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from navdesk.db.models import User, Youth
from navdesk.domain.enums import Adressesperre, Barrier, Malform
from navdesk.domain.person import parse_fodselsnummer
from navdesk.domain.portfolio import PORTFOLIO_SQL, YouthRow, portfolio_params, row_from_db
from navdesk.domain.text import search_fold
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import audit, crud
from navdesk.services.access import may_see_restricted, require_restricted
from navdesk.services.context import Actor, coerce_enum, resolve_id

EDITABLE = {
    "first_name", "last_name", "preferred_name", "birth_date", "malform", "phone", "email", "preferred_channel",
    "cannot_phone", "address", "postal_code", "municipality", "adressesperre", "household", "own_children",
    "work_experience", "job_wishes", "barriers", "barrier_notes", "strengths", "dreams", "notes", "health_note",
    "veileder_id", "tags", "no_group_activities",
}  # fmt: skip


@dataclass
class YouthDetail:
    id: uuid.UUID
    version: int
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    restricted: bool = False  # the reader may not see the health note (left out of ``values``)


def search_text(values: dict[str, Any]) -> str:
    """The folded text free-text search runs over: name, phone, job wishes, barriers, notes."""
    parts = [
        values.get("first_name", ""),
        values.get("last_name", ""),
        values.get("preferred_name", ""),
        values.get("phone", ""),
        values.get("job_wishes", ""),
        values.get("barrier_notes", ""),
        values.get("notes", ""),
        " ".join(values.get("tags") or []),
    ]
    return search_fold(" ".join(p for p in parts if p))


def _clean(session: Session, values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(values) - EDITABLE - {"fodselsnummer"}
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    out = dict(values)
    for key in ("first_name", "last_name"):
        if key in out or creating:
            text = str(out.get(key) or "").strip()
            if not text:
                raise InvalidInput(_("First and last name are required."))
            out[key] = text
    fnr = out.pop("fodselsnummer", None)
    if fnr:
        number, born = parse_fodselsnummer(str(fnr))
        out["fodselsnummer"] = number
        if out.get("birth_date") and out["birth_date"] != born:
            raise InvalidInput(_("The birth date does not match the fødselsnummer."))
        out["birth_date"] = born
    if creating and not out.get("birth_date"):
        raise InvalidInput(_("A birth date or a fødselsnummer is required."))
    if "birth_date" in out:
        born = out["birth_date"]
        if not isinstance(born, date):
            raise InvalidInput(_("Invalid birth date."))
        if born > date.today() or born.year < 1900:
            raise InvalidInput(_("Invalid birth date."))
    if "malform" in out:
        out["malform"] = coerce_enum(Malform, out["malform"], _("written standard"))
    if "adressesperre" in out:
        out["adressesperre"] = coerce_enum(Adressesperre, out["adressesperre"], _("address protection"))
    if "barriers" in out:
        out["barriers"] = [coerce_enum(Barrier, b, _("barrier")).value for b in out["barriers"] or []]
    if out.get("veileder_id") is not None and session.get(User, out["veileder_id"]) is None:
        raise InvalidInput(_("Unknown counsellor."))
    return out


def create_youth(session: Session, actor: Actor, **values: Any) -> uuid.UUID:
    clean = _clean(session, values, creating=True)
    clean.setdefault("veileder_id", actor.user_id)
    if clean.get("health_note"):
        require_restricted(actor, clean["veileder_id"])
    clean["search_text"] = search_text(clean)
    youth = crud.create(session, actor, Youth, office_id=actor.office_id, **clean)
    return youth.id


def update_youth(
    session: Session, actor: Actor, youth_id: uuid.UUID, expected_version: int, **changes: Any
) -> int:
    """Save changes made to the version the user opened; returns the new version."""
    youth = session.get(Youth, youth_id)
    if youth is None:
        raise InvalidInput(_("The youth no longer exists."))
    clean = _clean(session, changes, creating=False)
    if "health_note" in clean:  # only the youth's veileder and the leder (not a new veileder set now)
        require_restricted(actor, youth.veileder_id)
    merged = {k: getattr(youth, k) for k in ("first_name", "last_name", "preferred_name", "phone", "job_wishes",
                                             "barrier_notes", "notes", "tags")}  # fmt: skip
    merged.update(clean)
    clean["search_text"] = search_text(merged)
    crud.update(session, actor, youth, expected_version, **clean)
    return youth.version


def open_youth(session: Session, actor: Actor, ident: str | uuid.UUID) -> YouthDetail:
    """The youth's record; opening it is written to the audit trail."""
    youth = resolve_id(session, Youth, ident)
    audit.record(session, actor, "read", "youth", youth.id, youth_id=youth.id)
    values = crud.snapshot(youth)
    restricted = not may_see_restricted(actor, youth.veileder_id)
    if restricted:
        values["health_note"] = ""
    return YouthDetail(youth.id, youth.version, youth.full_name, values, restricted)


def portfolio_rows(
    session: Session, *, veileder_id: uuid.UUID | None = None, today: date | None = None
) -> list[YouthRow]:
    """Every youth with what the portfolio shows, in one query (no ORM objects); ``today`` for the meetings."""
    sqlite = session.bind is not None and session.bind.dialect.name == "sqlite"
    sql = PORTFOLIO_SQL + (" WHERE y.veileder_id = :veileder" if veileder_id is not None else "")
    params = portfolio_params(today, sqlite=sqlite)
    if veileder_id is not None:
        params["veileder"] = veileder_id.hex if sqlite else veileder_id
    return [row_from_db(r) for r in session.execute(text(sql), params)]
