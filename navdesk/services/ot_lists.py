"""List washing with OT (vaske lister, 004 L2497) and the shareable status list for OT.

OT (oppfølgingstjenesten) keeps its own list of young people under 21 without completed upper
secondary school; NAV keeps its portfolio. Youths get lost between the two (004 §7). Washing the
lists compares them both ways:

* ``only_ot`` — on OT's list, not found in NavDesk;
* ``only_ours`` — followed up here (an open period), under 21, without completed VGS, and not on
  OT's list;
* ``status_differs`` — on both, but OT's status (ivaretatt / ikke ivaretatt / har flyttet) is not
  what NavDesk knows.

A line matches a youth only with the same birth date and a name that agrees once spelling is folded
(:mod:`navdesk.domain.names`): «Aase Oedegaard» is «Åse Ødegård», «Ødegård, Åse Marie» is «Åse
Ødegård», but an «Åse Ødegård» born on another day is someone else (she is shown as a hint). What
was done about each line is recorded (:func:`record_action`) and shown again at the next washing.

The status list OT may get holds the status word and as little else as possible (name, birth date),
and only youths whose valid consent covers an OT organisation (:func:`status_list`).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    CatalogueEntry,
    FollowUpPeriod,
    OtListAction,
    PartnerOrg,
    SchoolStatusEntry,
    User,
    Youth,
)
from navdesk.domain.enums import SchoolStatus
from navdesk.domain.names import NameMatch, compare_names, name_key, name_tokens
from navdesk.domain.person import parse_fodselsnummer
from navdesk.domain.text import age_on, collation_key, format_date, search_fold
from navdesk.errors import InvalidInput
from navdesk.i18n import N_, _
from navdesk.importing import Table, cell_text, guess_field, parse_date, read_table
from navdesk.services import audit, crud
from navdesk.services.context import Actor

ONLY_OT, ONLY_OURS, STATUS_DIFFERS = "only_ot", "only_ours", "status_differs"
CATEGORIES = (ONLY_OT, ONLY_OURS, STATUS_DIFFERS)
IVARETATT, IKKE_IVARETATT, HAR_FLYTTET = "ivaretatt", "ikke_ivaretatt", "har_flyttet"
STATUSES = (IVARETATT, IKKE_IVARETATT, HAR_FLYTTET)
_STATUS_LABELS = {
    IVARETATT: N_("Looked after"),
    IKKE_IVARETATT: N_("Not looked after"),
    HAR_FLYTTET: N_("Has moved"),
}
OT_AGE_LIMIT = 21
_OT_HEADERS = {
    "school": ("skole", "skule", "vgs", "skolenavn", "skulenamn", "school"),
    "status": ("status", "otstatus", "oppfolgingsstatus", "oppfølgingsstatus", "statusot", "otstatusen"),
}


def status_label(code: str) -> str:
    return _(_STATUS_LABELS[code]) if code in _STATUS_LABELS else code


def category_label(code: str) -> str:
    return {
        ONLY_OT: _("On OT's list, not ours"),
        ONLY_OURS: _("Ours, not on OT's list"),
        STATUS_DIFFERS: _("Status differs"),
    }[code]


def parse_status(text: str) -> str | None:
    """OT's status text as one of :data:`STATUSES` (``None`` when it is none of them)."""
    folded = search_fold(text)
    if "flytt" in folded:
        return HAR_FLYTTET
    if "ivaretat" in folded or "ivaretek" in folded:
        return IKKE_IVARETATT if re.search(r"\bikk(e|je)\b", folded) else IVARETATT
    return None


# --------------------------------------------------------------------------- reading OT's list


@dataclass(frozen=True)
class OtEntry:
    row: int
    name: str
    birth_date: date | None
    school: str
    ot_status: str  # as OT wrote it
    status: str | None  # parsed (see :func:`parse_status`)


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = re.sub(r"[^0-9a-zæøå]", "", header.casefold())
        wanted = guess_field(header)
        if wanted is None:
            wanted = next((k for k, aliases in _OT_HEADERS.items() if key in aliases), None)
        if wanted is not None and wanted not in found:
            found[wanted] = index
    return found


def parse_ot_table(table: Table) -> tuple[list[OtEntry], list[str]]:
    """The lines of OT's list, and the problems (by row) of lines that cannot be compared."""
    cols = _columns(table.headers)
    if "name" not in cols and not ("first_name" in cols and "last_name" in cols):
        raise InvalidInput(_("{file}: OT's list needs a column with the name (Navn, or Fornavn and Etternavn).")
                           .format(file=table.name))  # fmt: skip
    if "birth_date" not in cols and "fodselsnummer" not in cols:
        raise InvalidInput(_("{file}: OT's list needs a column with the birth date (Fødselsdato).")
                           .format(file=table.name))  # fmt: skip

    def cell(cells: list[Any], key: str) -> Any:
        index = cols.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    entries, problems = [], []
    for row, cells in table.rows:
        if "name" in cols:
            name = " ".join(cell_text(cell(cells, "name")).split())
        else:
            name = " ".join(
                f"{cell_text(cell(cells, 'first_name'))} {cell_text(cell(cells, 'last_name'))}".split()
            )
        born: date | None = None
        try:
            born = parse_date(cell(cells, "birth_date"))
        except ValueError:
            problems.append(_("Row {row}: «{value}» is not a date.").format(row=row, value=cell_text(
                cell(cells, "birth_date"))))  # fmt: skip
        if born is None and cell_text(cell(cells, "fodselsnummer")):
            try:
                born = parse_fodselsnummer(cell_text(cell(cells, "fodselsnummer")))[1]
            except InvalidInput as exc:
                problems.append(_("Row {row}: {problem}").format(row=row, problem=exc))
        if not name:
            problems.append(_("Row {row}: no name.").format(row=row))
            continue
        if born is None:
            problems.append(
                _("Row {row}: {name} has no birth date and cannot be matched.").format(row=row, name=name)
            )
        status_text = cell_text(cell(cells, "status"))
        entries.append(OtEntry(row, name, born, cell_text(cell(cells, "school")), status_text,
                               parse_status(status_text)))  # fmt: skip
    return entries, problems


def read_ot_list(path: Path | str) -> tuple[list[OtEntry], list[str]]:
    """OT's list from a CSV (UTF-8 or Windows-1252, ``,`` ``;`` or tab) or XLSX file."""
    return parse_ot_table(read_table(path))


# --------------------------------------------------------------------------- comparing


@dataclass(frozen=True)
class DoneAbout:
    """What was recorded about a line at an earlier (or this) washing."""

    on: date
    action: str
    by: str  # initials


@dataclass(frozen=True)
class WashItem:
    category: str
    name: str  # OT's spelling when on OT's list, else ours
    birth_date: date | None
    youth_id: uuid.UUID | None = None
    our_name: str = ""
    school: str = ""
    ot_status: str = ""  # as OT wrote it
    ot_status_code: str | None = None
    our_status: str = ""  # one of STATUSES ("" when not ours)
    match: str = ""  # "same", "partial" (a missing middle name) or ""
    row: int | None = None
    hint: str = ""  # e.g. the same name with another birth date
    done: tuple[DoneAbout, ...] = ()

    @property
    def key(self) -> str:
        return name_key(self.name)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "youth_id": str(self.youth_id) if self.youth_id else None, "our_name": self.our_name or None,
            "school": self.school, "ot_status": self.ot_status, "ot_status_code": self.ot_status_code,
            "our_status": self.our_status or None, "match": self.match or None, "row": self.row,
            "hint": self.hint or None,
            "done": [{"on": d.on.isoformat(), "action": d.action, "by": d.by} for d in self.done],
        }  # fmt: skip


@dataclass
class WashResult:
    compared_on: date
    list_name: str
    only_ot: list[WashItem] = field(default_factory=list)
    only_ours: list[WashItem] = field(default_factory=list)
    status_differs: list[WashItem] = field(default_factory=list)
    matched: int = 0  # lines found in NavDesk (status_differs included)
    lines: int = 0
    problems: list[str] = field(default_factory=list)

    def group(self, category: str) -> list[WashItem]:
        return {ONLY_OT: self.only_ot, ONLY_OURS: self.only_ours, STATUS_DIFFERS: self.status_differs}[
            category
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "compared_on": self.compared_on.isoformat(), "list": self.list_name, "lines": self.lines,
            "matched": self.matched, "problems": self.problems,
            **{c: [i.as_json() for i in self.group(c)] for c in CATEGORIES},
        }  # fmt: skip


@dataclass(frozen=True)
class _Ours:
    id: uuid.UUID
    name: str
    birth_date: date
    forms: tuple[frozenset[str], ...]  # the name with the first name and with the preferred name
    status: str
    in_scope: bool  # followed up, under 21, without completed VGS


def _portfolio(session: Session, today: date) -> list[_Ours]:
    outcome_codes = dict(session.execute(
        select(CatalogueEntry.id, CatalogueEntry.code).where(CatalogueEntry.kind == "outcome")).all())  # fmt: skip
    periods: defaultdict[uuid.UUID, list[tuple[date, date | None, uuid.UUID | None]]] = defaultdict(list)
    for yid, registered, closed, outcome in session.execute(
        select(FollowUpPeriod.youth_id, FollowUpPeriod.registration_date, FollowUpPeriod.closed_on,
               FollowUpPeriod.outcome_id)):  # fmt: skip
        periods[yid].append((registered, closed, outcome))
    school: dict[uuid.UUID, tuple[date, str]] = {}
    for yid, school_status, since in session.execute(
        select(SchoolStatusEntry.youth_id, SchoolStatusEntry.status, SchoolStatusEntry.from_date)
    ):
        if yid not in school or school[yid][0] <= since:
            school[yid] = (since, str(school_status))
    out = []
    for yid, first, preferred, last, born in session.execute(
        select(Youth.id, Youth.first_name, Youth.preferred_name, Youth.last_name, Youth.birth_date)
    ):
        mine = periods.get(yid, [])
        is_open = any(closed is None for _r, closed, _o in mine)
        if is_open:
            status = IVARETATT
        else:
            latest = max(mine, key=lambda p: (p[1] or date.min, p[0]), default=None)
            moved = latest is not None and latest[2] is not None and outcome_codes.get(latest[2]) == "flyttet"
            status = HAR_FLYTTET if moved else IKKE_IVARETATT
        forms = {name_tokens(first, last)}
        if preferred:
            forms.add(name_tokens(preferred, last))
        completed = school.get(yid, (None, ""))[1] == SchoolStatus.FULLFORT.value
        in_scope = is_open and age_on(born, today) < OT_AGE_LIMIT and not completed
        display = f"{preferred or first} {last}".strip()
        out.append(_Ours(yid, display, born, tuple(forms), status, in_scope))
    return out


def _done(
    session: Session,
) -> tuple[dict[uuid.UUID, list[DoneAbout]], dict[tuple[str, date | None], list[DoneAbout]]]:
    by_youth: defaultdict[uuid.UUID, list[DoneAbout]] = defaultdict(list)
    by_name: defaultdict[tuple[str, date | None], list[DoneAbout]] = defaultdict(list)
    query = (
        select(OtListAction, User.initials)
        .outerjoin(User, User.id == OtListAction.user_id)
        .order_by(OtListAction.compared_on.desc(), OtListAction.created_at.desc())
    )
    for row, initials in session.execute(query):
        done = DoneAbout(row.compared_on, row.action, initials or "")
        if row.youth_id is not None:
            by_youth[row.youth_id].append(done)
        by_name[(row.name_key, row.birth_date)].append(done)
    return by_youth, by_name


def compare(session: Session, entries: list[OtEntry], today: date, *, list_name: str = "",
            problems: list[str] | None = None) -> WashResult:  # fmt: skip
    """Wash OT's list against the portfolio (see the module's description)."""
    ours = _portfolio(session, today)
    by_birth: defaultdict[date, list[_Ours]] = defaultdict(list)
    by_name: defaultdict[frozenset[str], list[_Ours]] = defaultdict(list)
    for youth in ours:
        by_birth[youth.birth_date].append(youth)
        for form in youth.forms:
            by_name[form].append(youth)
    done_youth, done_name = _done(session)
    result = WashResult(today, list_name, lines=len(entries), problems=list(problems or []))
    seen: set[uuid.UUID] = set()
    for entry in entries:
        tokens = name_tokens(entry.name)
        scored: list[tuple[NameMatch, _Ours]] = []
        if entry.birth_date is not None:
            for youth in by_birth.get(entry.birth_date, []):
                level = max(compare_names(form, tokens) for form in youth.forms)
                if level > NameMatch.NONE:
                    scored.append((level, youth))
        best_level = max((level for level, _y in scored), default=NameMatch.NONE)
        best = [y for level, y in scored if level == best_level]
        if len(best) == 1:
            youth = best[0]
            seen.add(youth.id)
            result.matched += 1
            if entry.status is not None and entry.status != youth.status:
                result.status_differs.append(WashItem(
                    STATUS_DIFFERS, entry.name, entry.birth_date, youth.id, youth.name, entry.school, entry.ot_status,
                    entry.status, youth.status, "same" if best_level is NameMatch.SAME else "partial", entry.row,
                    done=tuple(done_youth.get(youth.id, ()))))  # fmt: skip
            continue
        hint = ""
        if len(best) > 1:
            hint = _("Several youths born the same day have this name: {names}.").format(
                names=", ".join(y.name for y in best)
            )
        else:
            namesakes = [y for y in by_name.get(tokens, []) if y.birth_date != entry.birth_date]
            if namesakes:
                hint = _("Same name, another birth date: {who}. Check the birth date before you treat them as one.") \
                    .format(who=", ".join(f"{y.name} ({format_date(y.birth_date)})" for y in namesakes[:3]))  # fmt: skip
        result.only_ot.append(WashItem(
            ONLY_OT, entry.name, entry.birth_date, None, "", entry.school, entry.ot_status, entry.status, "", "",
            entry.row, hint, tuple(done_name.get((name_key(entry.name), entry.birth_date), ()))))  # fmt: skip
    for youth in ours:
        if youth.in_scope and youth.id not in seen:
            result.only_ours.append(WashItem(ONLY_OURS, youth.name, youth.birth_date, youth.id, youth.name,
                                             our_status=youth.status, done=tuple(done_youth.get(youth.id, ()))))  # fmt: skip
    for group in (result.only_ot, result.only_ours, result.status_differs):
        group.sort(key=lambda i: (collation_key(i.name), i.birth_date or date.min))
    return result


def wash_file(session: Session, path: Path | str, today: date) -> WashResult:
    """Read OT's list from a file and compare it."""
    path = Path(path)
    entries, problems = read_ot_list(path)
    return compare(session, entries, today, list_name=path.name, problems=problems)


def record_action(session: Session, actor: Actor, item: WashItem, action: str, *, compared_on: date,
                  list_name: str = "") -> uuid.UUID:  # fmt: skip
    """Write down what was done about one line (e.g. «Meldt til OT 04.12.», «Flyttet til Bø; OT oppdaterer»)."""
    action = action.strip()
    if not action:
        raise InvalidInput(_("Write what was done."))
    if item.category not in CATEGORIES:
        raise InvalidInput(_("Unknown group {group}.").format(group=item.category))
    if item.youth_id is not None and session.get(Youth, item.youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    row = crud.create(
        session, actor, OtListAction, office_id=actor.office_id, compared_on=compared_on, list_name=list_name[:200],
        category=item.category, name=item.name[:200], name_key=item.key[:200], birth_date=item.birth_date,
        youth_id=item.youth_id, ot_status=item.ot_status[:100], our_status=item.our_status, action=action,
        user_id=actor.user_id,
    )  # fmt: skip
    return row.id


# --------------------------------------------------------------------------- the status list OT may get


def ot_orgs(session: Session) -> list[uuid.UUID]:
    return list(session.scalars(
        select(PartnerOrg.id).join(CatalogueEntry, CatalogueEntry.id == PartnerOrg.type_id)
        .where(CatalogueEntry.kind == "partner_type", CatalogueEntry.code == "ot")))  # fmt: skip


@dataclass(frozen=True)
class StatusList:
    records: list[dict[str, Any]]  # name, birth_date (ISO), status (code), status_label
    left_out: int  # youths in OT's age group without a consent that allows sharing with OT


def status_list(session: Session, today: date) -> StatusList:
    """Ivaretatt / ikke ivaretatt / har flyttet for the youths under 21 that NavDesk has followed up, only
    those whose valid consent today covers an OT organisation; nothing else about them."""
    from navdesk.db.models import Consent, ConsentPartner
    from navdesk.domain.enums import ConsentState
    from navdesk.services.partners import consent_state

    orgs = ot_orgs(session)
    covering: defaultdict[uuid.UUID, list[Consent]] = defaultdict(list)  # youth → consents naming an OT org
    if orgs:
        for consent in session.scalars(
            select(Consent).join(ConsentPartner, ConsentPartner.consent_id == Consent.id)
            .where(ConsentPartner.org_id.in_(orgs)).distinct()
        ):  # fmt: skip
            covering[consent.youth_id].append(consent)
    records, left_out = [], 0
    followed = set(session.scalars(select(FollowUpPeriod.youth_id).distinct()))
    for youth in _portfolio(session, today):
        if youth.id not in followed or age_on(youth.birth_date, today) >= OT_AGE_LIMIT:
            continue
        allowed = any(
            consent_state(c, today, youth.birth_date) is ConsentState.GYLDIG for c in covering[youth.id]
        )
        if not allowed:
            left_out += 1
            continue
        records.append({"name": youth.name, "birth_date": youth.birth_date.isoformat(), "status": youth.status,
                        "status_label": status_label(youth.status)})  # fmt: skip
    records.sort(key=lambda r: (collation_key(r["name"]), r["birth_date"]))
    return StatusList(records, left_out)


def status_headers() -> dict[str, str]:
    return {"name": _("Name"), "birth_date": _("Birth date"), "status_label": _("Status")}


def export_status_list(session: Session, actor: Actor, out: Path, fmt: str, today: date) -> StatusList:
    """Write the status list (see :func:`status_list`) and audit the export."""
    from navdesk.exporting import write_records

    found = status_list(session, today)
    write_records(
        found.records, out, fmt, status_headers(), date_keys=("birth_date",), title=_("Status for OT")
    )
    audit.record(session, actor, "export", "ot_status_list", None,
                 after={"file": out.name, "format": fmt, "count": len(found.records), "left_out": found.left_out})  # fmt: skip
    return found
