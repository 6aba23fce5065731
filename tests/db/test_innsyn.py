"""Innsyn on every backend: everything about the youth and the access log, a protected address left
out, the right people only, and the PDF read back."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from typing import Any

import pytest

from tests.retentiondata import (
    FIRST,
    FNR,
    KEPT_FIRST,
    office_fixture,  # noqa: F401  (the fixture «office»)
)

TODAY = date(2026, 12, 4)


def test_everything_about_the_youth_and_who_read_it(office: Any) -> None:
    from navdesk.services import innsyn

    db, data = office
    with db.session() as s:
        found = innsyn.collect(s, data.actor, data.gone, TODAY)
    doc = innsyn.as_json(found)
    text = json.dumps(doc, ensure_ascii=False)
    assert FIRST in text and FNR in text and "Helse: Zorgunnia har angst" in text  # health notes included
    assert KEPT_FIRST not in text  # nothing about another youth
    keys = {s.key for s in found.sections}
    assert {"youth", "periods", "innsats", "benefits", "plans", "activities", "contacts", "meetings", "participants",
            "actions", "clubs", "partners", "consents", "school", "tasks", "journal", "ot"} <= keys  # fmt: skip
    consent = doc["data"]["consent"][0]
    assert consent["partners"] == ["Oppfølgingstenesta Vest-Telemark"]
    assert doc["data"]["youth"][0]["address"] == "Kvitvollvegen 9"
    actions = [(a["action"], a["entity"], a["user"]) for a in doc["access_log"]]
    assert ("read", "youth", "KN") in actions and ("create", "consent", "KN") in actions
    assert all(a["user_name"] == "Kari Nordmann (KN)" for a in doc["access_log"])
    assert innsyn.default_file_name(found, "pdf").startswith(
        "innsyn-"
    ) and FIRST not in innsyn.default_file_name(found, "pdf")


def test_a_protected_address_is_left_out_and_only_the_right_people_make_it(office: Any) -> None:
    from navdesk.db.models import Youth
    from navdesk.documents.innsyn import InnsynOptions, render_innsyn
    from navdesk.errors import InvalidInput
    from navdesk.services import innsyn
    from navdesk.services.context import actor_for
    from navdesk.services.office import add_user

    db, data = office
    with db.session() as s, s.begin():
        youth = s.get(Youth, data.gone)
        assert youth is not None
        youth.adressesperre = "strengt_fortrolig"  # type: ignore[assignment]
        add_user(s, data.actor, name="Ola Veileder", initials="OV", password="passord123")
        add_user(s, data.actor, name="Lise Leder", initials="LL", password="passord123", access_role="leder")
        add_user(s, data.actor, name="Anne Admin", initials="AA", password="passord123", access_role="admin")
    with db.session() as s:
        with pytest.raises(InvalidInput, match="helseopplysninger"):
            innsyn.collect(s, actor_for(s, "OV"), data.gone, TODAY)  # not the youth's veileder
        with pytest.raises(InvalidInput):
            innsyn.collect(s, actor_for(s, "AA"), data.gone, TODAY)  # an administrator is not a leader
        found = innsyn.collect(s, actor_for(s, "LL"), data.gone, TODAY)
    doc = json.dumps(innsyn.as_json(found), ensure_ascii=False)
    assert "Kvitvollvegen" not in doc and "3890" not in doc and found.protected_address
    pdf = render_innsyn(found, InnsynOptions(lang="nb", made_by="Lise Leder (LL)", made_on=TODAY))
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    assert "Alt NavDesk har lagret om deg" in text and "adressesperre" in text and "Kvitvollvegen" not in text
    assert "Fortrolig" in text and "Side 1 av" in text and FNR in text
    assert pdf == render_innsyn(found, InnsynOptions(lang="nb", made_by="Lise Leder (LL)", made_on=TODAY))
