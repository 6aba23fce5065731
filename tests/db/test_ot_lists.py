"""List washing with OT on a prepared list with near-miss names (tests/otdata.py), and the status list."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.importing import Table
from navdesk.services import ot_lists
from tests.otdata import TODAY, build_portfolio, write_ot_csv, write_ot_xlsx


def _summary(result):  # type: ignore[no-untyped-def]
    return {c: [(i.name, i.youth_id) for i in result.group(c)] for c in ot_lists.CATEGORIES}


@pytest.mark.parametrize("writer", [write_ot_csv, write_ot_xlsx], ids=["csv-cp1252", "xlsx"])
def test_washing_finds_both_ways_and_status_differences(office, tmp_path, writer):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ids = build_portfolio(s, actor)
    path = writer(tmp_path / ("ot" + (".csv" if writer is write_ot_csv else ".xlsx")))
    with db.session() as s:
        result = ot_lists.wash_file(s, path, TODAY)
    assert _summary(result) == {
        "only_ot": [("Jonas Berg", None), ("Moe, Lise", None), ("Per Olsen", None)],
        "only_ours": [("Jonas Berg", ids["jonas"]), ("Sara Hansen", ids["sara"])],
        "status_differs": [("Haakon Aas", ids["hakon"]), ("Oedegaard, Aase", ids["ase"])],
    }
    assert result.lines == 7 and result.matched == 4
    hakon, ase = result.status_differs
    assert (hakon.ot_status_code, hakon.our_status, hakon.match) == ("ivaretatt", "har_flyttet", "same")
    assert (ase.ot_status_code, ase.our_status, ase.match, ase.our_name) == (
        "ikke_ivaretatt", "ivaretatt", "partial", "Åse Marie Ødegård")  # fmt: skip
    jonas = result.only_ot[0]
    assert "03.03.2006" in jonas.hint  # same name, other birth date: shown, not matched
    assert [p for p in result.problems if "31.02.2008" in p] == [
        _("Row {row}: «{value}» is not a date.").format(row=8, value="31.02.2008")]  # fmt: skip
    json.dumps(result.as_json())  # plain JSON


def test_what_was_done_is_recorded_and_shown_next_time(office, tmp_path):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        ids = build_portfolio(s, actor)
    path = write_ot_csv(tmp_path / "ot.csv")
    with db.session() as s, s.begin():
        result = ot_lists.wash_file(s, path, TODAY)
        lise = next(i for i in result.only_ot if "Lise" in i.name)
        sara = result.only_ours[1]
        ot_lists.record_action(s, actor, lise, "Ukjent for NAV; OT kontakter henne", compared_on=TODAY,
                               list_name=path.name)  # fmt: skip
        ot_lists.record_action(s, actor, sara, "Meldt til OT", compared_on=TODAY)
        with pytest.raises(InvalidInput):
            ot_lists.record_action(s, actor, sara, "  ", compared_on=TODAY)
    with db.session() as s:
        again = ot_lists.wash_file(s, path, TODAY)
    lise_again = next(i for i in again.only_ot if "Lise" in i.name)
    assert [(d.action, d.by) for d in lise_again.done] == [("Ukjent for NAV; OT kontakter henne", "KN")]
    assert [d.action for d in again.only_ours[1].done] == ["Meldt til OT"] and again.only_ours[
        1
    ].youth_id == ids["sara"]
    assert again.only_ours[0].done == ()  # Jonas: nothing done yet


def test_status_list_only_with_consent_and_minimal(office, tmp_path):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        build_portfolio(s, actor)
    with db.session() as s, s.begin():
        found = ot_lists.export_status_list(s, actor, tmp_path / "status.csv", "csv", TODAY)
        ot_lists.export_status_list(s, actor, tmp_path / "status.xlsx", "xlsx", TODAY)
    # Åse (OT consent) and Håkon (OT + BUP); Anne-Marie's consent expired, Sara's names BUP only
    assert [(r["name"], r["status"]) for r in found.records] == [("Håkon Ås", "har_flyttet"),
                                                                ("Åse Marie Ødegård", "ivaretatt")]  # Å last  # fmt: skip
    assert found.left_out == 5  # Anne-Marie, André, Jonas, Sara, Kari (Ola is 21)
    with (tmp_path / "status.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["Navn", "Fødselsdato", "Status"]
    assert rows[1:] == [
        ["Håkon Ås", "07.07.2007", "Har flyttet"],
        ["Åse Marie Ødegård", "02.05.2008", "Ivaretatt"],
    ]
    sheet = load_workbook(tmp_path / "status.xlsx").active
    assert sheet is not None and sheet.max_column == 3 and sheet.max_row == 3


def test_columns_are_found_or_refused() -> None:
    table = Table("ot.csv", ["Etternavn", "Fornavn", "Fødselsnr.", "Status"], 1,
                  [(2, ["Ødegård", "Åse", "01010750160", "Ikkje ivareteken"]),
                   (3, ["Berg", "Ola", "01010750161", "Ivaretatt"])])  # fmt: skip
    entries, problems = ot_lists.parse_ot_table(table)  # the birth date from the fødselsnummer
    assert [(e.name, e.birth_date, e.status) for e in entries] == [
        ("Åse Ødegård", date(2007, 1, 1), "ikke_ivaretatt"), ("Ola Berg", None, "ivaretatt")]  # fmt: skip
    assert len(problems) == 2 and all(
        p.startswith(_("Row {row}: {problem}").format(row=3, problem="")) for p in problems
    )
    with pytest.raises(InvalidInput):
        ot_lists.parse_ot_table(Table("ot.csv", ["Skole", "Status"], 1, []))
    with pytest.raises(InvalidInput):
        ot_lists.parse_ot_table(Table("ot.csv", ["Navn", "Skole"], 1, []))


@pytest.mark.parametrize(("text", "code"), [("Ivaretatt", "ivaretatt"), ("ivaretatt av NAV", "ivaretatt"),
                                            ("Ikke ivaretatt", "ikke_ivaretatt"), ("IKKJE IVARETEKEN", "ikke_ivaretatt"),
                                            ("Har flyttet", "har_flyttet"), ("Flytta ut", "har_flyttet"),
                                            ("I skole", None), ("", None)])  # fmt: skip
def test_ot_status_words(text: str, code: str | None) -> None:
    assert ot_lists.parse_status(text) == code
