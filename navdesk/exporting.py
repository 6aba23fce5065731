"""Exports of the youth list: CSV, JSON or Excel. A protected address (adressesperre) never leaves."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import User, Youth
from navdesk.domain.enums import Adressesperre
from navdesk.domain.text import age_on, collation_key, format_date
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.paths import atomic_output

FORMATS = ("csv", "json", "xlsx")


def youth_records(session: Session, today: date) -> list[dict[str, Any]]:
    """Plain records for export, sorted by name in Norwegian order."""
    query = select(Youth, User.initials).outerjoin(User, User.id == Youth.veileder_id)
    out = []
    for youth, initials in session.execute(query):
        protected = youth.adressesperre != Adressesperre.INGEN
        out.append(
            {
                "id": str(youth.id),
                "name": youth.full_name,
                "first_name": youth.first_name,
                "last_name": youth.last_name,
                "birth_date": youth.birth_date.isoformat(),
                "age": age_on(youth.birth_date, today),
                "veileder": initials or "",
                "phone": youth.phone,
                "email": youth.email,
                "address": "" if protected else youth.address,
                "postal_code": "" if protected else youth.postal_code,
                "municipality": youth.municipality,
                "malform": youth.malform.value,
                "job_wishes": youth.job_wishes,
            }
        )
    out.sort(key=lambda r: (collation_key(str(r["last_name"])), collation_key(str(r["first_name"]))))
    return out


def headers() -> dict[str, str]:
    return {
        "id": "ID",
        "name": _("Name"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "birth_date": _("Birth date"),
        "age": _("Age"),
        "veileder": _("Counsellor"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "address": _("Address"),
        "postal_code": _("Postal code"),
        "municipality": _("Municipality"),
        "malform": _("Written standard"),
        "job_wishes": _("Job wishes"),
    }


def write_youths(records: list[dict[str, Any]], out: Path, fmt: str) -> None:
    """Write to a temporary file next to ``out`` and rename, so a failure leaves no half file."""
    write_records(records, out, fmt, headers(), date_keys=("birth_date",), title=_("Youths"))


def write_records(
    records: list[dict[str, Any]], out: Path, fmt: str, names: dict[str, str], *, date_keys: tuple[str, ...] = (),
    title: str = "",
) -> None:  # fmt: skip
    """Records as JSON (all keys), or CSV/XLSX with the columns of ``names`` (key → header); the ``date_keys``
    hold ISO dates, written as dd.mm.åååå (CSV) or Excel dates. Atomic: a failure leaves no half file."""
    if fmt not in FORMATS:
        raise InvalidInput(_("Unknown format {fmt}; choose csv, json or xlsx.").format(fmt=fmt))
    with atomic_output(out) as tmp:
        if fmt == "json":
            tmp.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
        elif fmt == "csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";")
                writer.writerow([names[k] for k in names])
                for rec in records:
                    writer.writerow(
                        [
                            format_date(date.fromisoformat(rec[k])) if k in date_keys and rec[k] else rec[k]
                            for k in names
                        ]
                    )
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = (title or "Data")[:31]
            sheet.append([names[k] for k in names])
            for rec in records:
                sheet.append(
                    [date.fromisoformat(rec[k]) if k in date_keys and rec[k] else rec[k] for k in names]
                )
            for index, key in enumerate(names, start=1):
                if key in date_keys:
                    for column in sheet.iter_cols(min_col=index, max_col=index, min_row=2):
                        for cell in column:
                            cell.number_format = "DD.MM.YYYY"
            book.save(tmp)
