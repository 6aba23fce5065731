"""A prepared portfolio and OT list with near-miss names, shared by the list-washing tests and screenshots.

Today is 24.11.2026. What the washing must find:

* Åse Marie Ødegård ↔ «Oedegaard, Aase» (no middle name, other spelling, surname first): matched; OT says
  ikke ivaretatt, NavDesk follows her up → status differs.
* Anne-Marie Sæther ↔ «SAETHER ANNE MARIE», André Lien ↔ «Andre Lien»: matched, same status → not listed.
* Håkon Ås (closed, moved away) ↔ «Haakon Aas» «Ivaretatt»: status differs (NavDesk: har flyttet).
* «Jonas Berg» 03.04.2006 on OT's list is NOT our Jonas Berg born 03.03.2006: only on OT's list, with a
  hint; our Jonas is only ours.
* «Lise Moe»: only on OT's list. Sara Hansen: only ours. Ola Nordmann (21) and Kari Fullført (VGS done)
  are followed up but outside OT's group. «Per Olsen» 31.02.2008 is not a date: a problem.
"""

from __future__ import annotations

import csv
import uuid
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 24)
HEADERS = ["Navn", "Fødselsdato", "Skole", "OT-status"]
OT_ROWS = [
    ["Oedegaard, Aase", "02.05.2008", "Vest-Telemark vgs", "Ikke ivaretatt"],
    ["SAETHER ANNE MARIE", "15.09.2007", "Vest-Telemark vgs", "Ivaretatt av NAV"],
    ["Andre Lien", "20.01.2009", "Bø vgs", "Ivaretatt"],
    ["Haakon Aas", "07.07.2007", "", "Ivaretatt"],
    ["Jonas Berg", "03.04.2006", "Seljord vgs", "Ikke ivaretatt"],
    ["Moe, Lise", "10.10.2008", "Bø vgs", "Ikke ivaretatt"],
    ["Per Olsen", "31.02.2008", "", "Ikke ivaretatt"],
]


def write_ot_csv(path: Path) -> Path:
    """OT's list as their system exports it: semicolons, Windows-1252."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(OT_ROWS)
    return path


def write_ot_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for name, born, school, status in OT_ROWS:
        day, month, year = (int(x) for x in born.split("."))
        try:
            value: Any = date(year, month, day)
        except ValueError:
            value = born
        sheet.append([name, value, school, status])
    book.save(path)
    return path


def build_portfolio(s: Any, actor: Any) -> dict[str, uuid.UUID]:
    """The youths above, with periods, school status, an OT organisation and consents."""
    from navdesk.db.models import FollowUpPeriod
    from navdesk.services import followup, partners, youths
    from navdesk.services.office import catalogue

    types = catalogue(s, "partner_type")
    ot = partners.add_partner(s, actor, name="Oppfølgingstjenesten Vest-Telemark", type_id=types["ot"])
    bup = partners.add_partner(s, actor, name="BUP Skien", type_id=types["bup_dps"])
    people = {
        "ase": ("Åse Marie", "Ødegård", date(2008, 5, 2)),
        "anne": ("Anne-Marie", "Sæther", date(2007, 9, 15)),
        "andre": ("André", "Lien", date(2009, 1, 20)),
        "hakon": ("Håkon", "Ås", date(2007, 7, 7)),
        "jonas": ("Jonas", "Berg", date(2006, 3, 3)),
        "sara": ("Sara", "Hansen", date(2008, 8, 8)),
        "ola": ("Ola", "Nordmann", date(2005, 1, 1)),
        "kari": ("Kari", "Fullført", date(2008, 2, 2)),
    }
    ids = {}
    for key, (first, last, born) in people.items():
        yid = youths.create_youth(s, actor, first_name=first, last_name=last, birth_date=born)
        period = followup.open_period(s, actor, yid, registration_date=date(2026, 9, 1))
        ids[key] = yid
        if key == "hakon":
            row = s.get(FollowUpPeriod, period)
            followup.close_period(s, actor, period, row.version, closed_on=date(2026, 10, 15),
                                  outcome_id=catalogue(s, "outcome")["flyttet"])  # fmt: skip
    followup.set_school_status(s, actor, ids["kari"], status="fullfort", from_date=date(2026, 6, 20))
    followup.set_school_status(s, actor, ids["sara"], status="avbrudd_i_aret", from_date=date(2026, 10, 1))
    partners.record_consent(s, actor, ids["ase"], partner_ids=[ot], purpose="Samarbeid med OT",
                            given_on=date(2026, 9, 5))  # fmt: skip
    partners.record_consent(s, actor, ids["hakon"], partner_ids=[ot, bup], purpose="Samarbeid med OT og BUP",
                            given_on=date(2026, 9, 5))  # fmt: skip
    partners.record_consent(s, actor, ids["sara"], partner_ids=[bup], purpose="Behandling",
                            given_on=date(2026, 9, 5))  # fmt: skip
    partners.record_consent(s, actor, ids["anne"], partner_ids=[ot], purpose="Samarbeid med OT",
                            given_on=date(2025, 1, 5), expires_on=date(2025, 12, 31), by_guardian=True)  # fmt: skip
    ids["ot"], ids["bup"] = ot, bup
    return ids
