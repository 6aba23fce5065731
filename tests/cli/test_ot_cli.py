"""``navdesk ot-compare`` and ``navdesk export ot-status``, run as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import navdesk
from tests.otdata import build_portfolio, write_ot_csv


@pytest.fixture(scope="module")
def office_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office

    path = tmp_path_factory.mktemp("ot") / "office.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        actor = create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
        ids = build_portfolio(s, actor)
    db.close()
    return path, ids


def test_ot_compare_json_gives_the_three_groups(office_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, ids = office_db
    ot_file = write_ot_csv(tmp_path / "ot-liste.csv")
    result = navdesk("ot-compare", str(ot_file), "--db", str(path), "--json", "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    groups = {key: [(item["name"], item["youth_id"]) for item in answer[key]]
              for key in ("only_ot", "only_ours", "status_differs")}  # fmt: skip
    assert groups == {
        "only_ot": [("Jonas Berg", None), ("Moe, Lise", None), ("Per Olsen", None)],
        "only_ours": [("Jonas Berg", str(ids["jonas"])), ("Sara Hansen", str(ids["sara"]))],
        "status_differs": [("Haakon Aas", str(ids["hakon"])), ("Oedegaard, Aase", str(ids["ase"]))],
    }
    assert "31.02.2008" in result.stderr  # the line that could not be read, by row

    # a day when Jonas Berg (born 03.03.2006) is 21: no longer in OT's group
    later = navdesk("ot-compare", str(ot_file), "--db", str(path), "--json", "--today", "2027-03-03")
    assert [i["name"] for i in json.loads(later.stdout)["only_ours"]] == ["Sara Hansen"]

    plain = navdesk("ot-compare", str(ot_file), "--db", str(path), "--today", "2026-11-24")
    assert plain.returncode == 0 and "Sara Hansen" in plain.stdout


def test_ot_compare_refuses_a_file_it_cannot_read(office_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ids = office_db
    bad = tmp_path / "ot.csv"
    bad.write_text("Skole;Status\nBø vgs;Ivaretatt\n", encoding="utf-8")
    result = navdesk("ot-compare", str(bad), "--db", str(path), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == ""
    missing = navdesk("ot-compare", str(tmp_path / "nope.csv"), "--db", str(path))
    assert missing.returncode == 1
    usage = navdesk("ot-compare", "--db", str(path))
    assert usage.returncode == 2


def test_export_ot_status_only_with_consent(office_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ids = office_db
    out = tmp_path / "status.json"
    result = navdesk(
        "export", "ot-status", "--db", str(path), "--out", str(out), "--today", "2026-11-24", "--json"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["count"] == 2 and answer["left_out"] == 5 and answer["encrypted"] is False
    records = json.loads(out.read_text(encoding="utf-8"))
    assert {r["name"] for r in records} == {"Håkon Ås", "Åse Marie Ødegård"}
    assert all(set(r) == {"name", "birth_date", "status", "status_label"} for r in records)  # minimal data
