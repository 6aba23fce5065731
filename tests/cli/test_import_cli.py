"""``navdesk import youths``, run as a real process: exit codes, errors by row and column, dry run, duplicates."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from tests.cli.helpers import navdesk
from tests.importdata import make_fnr, write_csv


@pytest.fixture
def office_db(tmp_path):
    path = tmp_path / "x.db"
    result = navdesk("demo", "--db", str(path), "--unencrypted", "--youths", "3")
    assert result.returncode == 0, result.stderr
    return path


def _youths(db) -> list[dict]:
    listed = navdesk("list", "youths", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


@pytest.fixture
def good_file(tmp_path):
    return write_csv(tmp_path / "ungdom.csv", [
        ["Navn", "Fødselsnummer", "Telefon", "Registreringsdato", "Merknad"],
        ["Åse Ødegård", make_fnr(date(2004, 5, 3)), "+47 912 34 567", "01.02.2024", "x"],
        ["Ærlig, Øystein", make_fnr(date(2006, 11, 30), d_number=True), "", "", ""],
    ], encoding="cp1252")  # fmt: skip


def test_dry_run_then_import_then_duplicates(office_db, good_file):
    dry = navdesk("import", "youths", str(good_file), "--db", str(office_db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2" in dry.stdout and "Merknad" in dry.stderr  # the unused column is named
    assert len(_youths(office_db)) == 3  # a dry run writes nothing

    done = navdesk("import", "youths", str(good_file), "--db", str(office_db), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["imported"] == 2 and result["periods"] == 1 and result["ok"] is True
    listed = {y["name"]: y for y in _youths(office_db)}
    assert {"Åse Ødegård", "Øystein Ærlig"} <= set(listed)
    assert listed["Åse Ødegård"]["registered"] == "2024-02-01"

    again = navdesk("import", "youths", str(good_file), "--db", str(office_db))
    assert again.returncode == 1
    assert re.search(r"(Rad|Row) 2, (kolonne|column) «Fødselsnummer»: .*Åse Ødegård", again.stderr)
    skipped = navdesk(
        "import", "youths", str(good_file), "--db", str(office_db), "--skip-duplicates", "--json"
    )
    assert skipped.returncode == 0, skipped.stderr
    assert [p["row"] for p in json.loads(skipped.stdout)["skipped"]] == [2, 3]
    assert len(_youths(office_db)) == 5


def test_bad_rows_exit_1_with_errors_by_row_and_column(office_db, tmp_path):
    path = write_csv(tmp_path / "feil.csv", [
        ["Fornavn", "Etternavn", "Fødselsdato", "Telefon", "Veileder"],
        ["Åse", "Bø", "03.05.2004", "91234567", ""],
        ["Per", "", "31.02.2004", "1234", "ZZ"],
    ])  # fmt: skip
    result = navdesk("import", "youths", str(path), "--db", str(office_db))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for column in ("Etternavn", "Fødselsdato", "Telefon", "Veileder"):
        assert any(re.match(rf"(Rad|Row) 3, (kolonne|column) «{column}»: ", line) for line in lines), column
    assert not any(re.match(r"(Rad|Row) 2", line) for line in lines)
    assert len(_youths(office_db)) == 3  # the good row is not imported either

    as_json = navdesk("import", "youths", str(path), "--db", str(office_db), "--json")
    assert as_json.returncode == 1
    errors = json.loads(as_json.stdout)["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, "Etternavn"), (3, "Fødselsdato"), (3, "Telefon"),
                                                         (3, "Veileder")}  # fmt: skip


def test_column_mapped_by_hand_and_usage(office_db, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Elevnavn", "Født"], ["Åse Bø", "2004-05-03"]], delimiter=",")
    refused = navdesk("import", "youths", str(path), "--db", str(office_db))
    assert refused.returncode == 1 and "Elevnavn" in refused.stderr
    mapped = navdesk("import", "youths", str(path), "--db", str(office_db), "--column", "Elevnavn=navn")
    assert mapped.returncode == 0, mapped.stderr
    assert "Åse Bø" in {y["name"] for y in _youths(office_db)}

    assert navdesk("import", "youths", "--db", str(office_db)).returncode == 2  # no file
    bad_column = navdesk("import", "youths", str(path), "--db", str(office_db), "--column", "Elevnavn")
    assert (
        bad_column.returncode == 1 and "--column" in bad_column.stderr and "«Elevnavn»" in bad_column.stderr
    )
    missing = navdesk("import", "youths", str(tmp_path / "nope.csv"), "--db", str(office_db))
    assert missing.returncode == 1 and "nope.csv" in missing.stderr
