"""Importing youths on the three backends: all or nothing, duplicates, dry run, periods, audit."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from navdesk.db.models import AuditEvent, FollowUpPeriod, InnsatsDecision, Youth
from navdesk.domain.enums import Innsatsgruppe
from navdesk.importing import ImportCancelled, import_youths
from navdesk.services import youths
from navdesk.services.office import add_user
from tests.importdata import make_fnr, write_csv, write_xlsx

HEADER = ["Navn", "Fødselsnummer", "Fødselsdato", "Telefon", "E-post", "Registreringsdato", "Veileder",
          "Innsatsgruppe", "Merknad"]  # fmt: skip
FNR_1 = make_fnr(date(2004, 5, 3))
FNR_2 = make_fnr(date(2006, 11, 30), d_number=True)  # a D-nummer
FNR_3 = make_fnr(date(2001, 1, 7), 400)


def _count(db, model, **where) -> int:
    with db.session() as s:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return int(s.scalar(query) or 0)


def _import(db, actor, path, **kwargs):
    with db.session() as s, s.begin():
        return import_youths(s, actor, path, **kwargs)


@pytest.fixture
def with_ob(office):
    """The office with a second counsellor, OB."""
    db, actor = office
    with db.session() as s, s.begin():
        add_user(s, actor, name="Ola Bø", initials="OB", password="passord123")
    return db, actor


def test_semicolon_windows_1252_file_is_imported_with_periods_and_audit(with_ob, tmp_path):
    db, actor = with_ob
    path = write_csv(tmp_path / "ungdom.csv", [
        HEADER,
        ["Åse Marie Ødegård", FNR_1, "03.05.2004", "+47 912 34 567", "ase@eksempel.no", "01.02.2024", "ob",
         "Situasjonsbestemt innsats", "ringes etter kl 10"],
        ["Ærlig, Øystein", FNR_2, "", "", "", "2024-03-05", "", "", ""],
        ["Bjørn Ås", "", "07.01.2001", "", "", "", "", "", ""],
    ], encoding="cp1252")  # fmt: skip
    result = _import(db, actor, path)
    assert result.ok and result.errors == []
    assert (result.rows_read, result.to_import, result.imported, result.periods) == (3, 3, 3, 2)
    assert result.ignored_columns == ["Merknad"]
    assert "3" in result.summary()

    with db.session() as s:
        rows = {r.name: r for r in youths.portfolio_rows(s)}
        assert set(rows) == {"Åse Marie Ødegård", "Øystein Ærlig", "Bjørn Ås"}
        ase = s.get(Youth, rows["Åse Marie Ødegård"].id)
        assert (ase.first_name, ase.last_name, ase.phone, ase.email) == ("Åse Marie", "Ødegård", "91234567",
                                                                        "ase@eksempel.no")  # fmt: skip
        assert ase.fodselsnummer == FNR_1 and ase.birth_date == date(2004, 5, 3)
        assert rows["Åse Marie Ødegård"].veileder == "OB"
        assert rows["Øystein Ærlig"].veileder == actor.initials  # none in the file: the importing user
        assert s.get(Youth, rows["Øystein Ærlig"].id).birth_date == date(2006, 11, 30)  # from the D-nummer
        # registreringsdato opens a follow-up period on that date; innsatsgruppe is decided in it
        assert rows["Åse Marie Ødegård"].registered == date(2024, 2, 1)
        assert rows["Øystein Ærlig"].registered == date(2024, 3, 5)
        assert rows["Bjørn Ås"].registered is None
        decision = s.scalars(select(InnsatsDecision)).one()
        assert decision.innsatsgruppe == Innsatsgruppe.SITUASJONSBESTEMT
        assert decision.decided_on == date(2024, 2, 1)
        # every youth, period and decision is audited, and the import itself
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "create", AuditEvent.entity == "youth")) == 3  # fmt: skip
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "create", AuditEvent.entity == "follow_up_period")) == 2  # fmt: skip
        assert (
            s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import")) == 1
        )


def test_xlsx_is_imported(office, tmp_path):
    db, actor = office
    fnr = make_fnr(date(2003, 1, 5))  # starts with 0, which a number cell loses
    path = write_xlsx(tmp_path / "ungdom.xlsx", [
        ["Fornavn", "Etternavn", "Fnr", "Fødselsdato", "Registreringsdato", "Telefon", "Innsatsgruppe"],
        ["Åse", "Bø", int(fnr), None, datetime(2024, 2, 1), 91234567, "standard_innsats"],
        ["Pål", "Ødegård", None, datetime(2002, 6, 1), None, None, None],
    ])  # fmt: skip
    result = _import(db, actor, path)
    assert result.ok, result.errors
    assert result.imported == 2 and result.periods == 1
    with db.session() as s:
        found = {y.first_name: y for y in s.scalars(select(Youth))}
        assert found["Åse"].fodselsnummer == fnr and found["Åse"].birth_date == date(2003, 1, 5)
        assert found["Åse"].phone == "91234567"
        assert found["Pål"].birth_date == date(2002, 6, 1) and found["Pål"].fodselsnummer is None
        period = s.scalars(select(FollowUpPeriod)).one()
        assert period.youth_id == found["Åse"].id and period.registration_date == date(2024, 2, 1)


def test_bad_rows_mean_nothing_is_imported_and_every_error_is_listed(with_ob, tmp_path):
    db, actor = with_ob
    future = (date.today() + timedelta(days=3)).strftime("%d.%m.%Y")
    path = write_csv(tmp_path / "feil.csv", [
        HEADER,
        ["Grei Ungdom", FNR_1, "", "", "", "", "", "", ""],
        ["Cher", "12345678901", "", "1234", "ikke-epost", "32.13.2024", "XX", "middels", ""],
        ["", FNR_3, "08.01.2001", "", "", future, "", "", ""],
        ["Ingen Dato", "", "", "", "", "", "", "Standard innsats", ""],
        ["Ny Født", "", "2001-01-07", "", "", "01.01.2000", "", "", ""],
    ])  # fmt: skip
    result = _import(db, actor, path)
    assert not result.ok
    got = [(p.row, p.column) for p in result.errors]
    assert got == [
        (3, "Navn"), (3, "Fødselsnummer"), (3, "Telefon"), (3, "E-post"), (3, "Registreringsdato"), (3, "Veileder"),
        (3, "Innsatsgruppe"),
        (4, "Navn"), (4, "Fødselsdato"), (4, "Registreringsdato"),
        (5, "Fødselsdato"), (5, "Innsatsgruppe"),
        (6, "Registreringsdato"),
    ]  # fmt: skip
    messages = {(p.row, p.column): p.message for p in result.errors}
    assert "Cher" in messages[(3, "Navn")]
    assert "03.05.2004" not in messages[(4, "Fødselsdato")] and "07.01.2001" in messages[(4, "Fødselsdato")]
    assert "XX" in messages[(3, "Veileder")]
    assert result.rows_with_errors == 4
    assert _count(db, Youth) == 0  # the good row 2 is not imported either
    assert _count(db, AuditEvent, action="import") == 0


def test_duplicates_in_the_file_and_in_the_database(with_ob, tmp_path):
    db, actor = with_ob
    with db.session() as s, s.begin():
        youths.create_youth(s, actor, first_name="Kari", last_name="Ås", fodselsnummer=FNR_3)
        youths.create_youth(s, actor, first_name="Per", last_name="Hansen", birth_date=date(2002, 2, 2))
    rows = [
        ["Navn", "Fnr", "Fødselsdato"],
        ["Ny Person", FNR_1, ""],  # 2: new
        ["Kari Ås", FNR_3, ""],  # 3: same fødselsnummer as in the database
        ["per  HANSEN", "", "02.02.2002"],  # 4: same name and birth date as in the database
        ["Ny Persson", FNR_1, ""],  # 5: same fødselsnummer as row 2
        ["Liv Li", "", "01.01.2003"],  # 6: new
        ["Liv Li", "", "2003-01-01"],  # 7: same name and birth date as row 6
        ["Tvilling En", make_fnr(date(2003, 4, 4), 200), ""],  # 8: new
        ["Tvilling En", make_fnr(date(2003, 4, 4), 300), ""],  # 9: same name and birth date, other fnr: new
    ]
    path = write_csv(tmp_path / "dup.csv", rows)
    result = _import(db, actor, path)
    assert [(p.row, p.column) for p in result.errors] == [(3, "Fnr"), (4, "Navn"), (5, "Fnr"), (7, "Navn")]
    assert "rad 2" in result.errors[2].message.lower() or "row 2" in result.errors[2].message.lower()
    assert "Kari Ås" in result.errors[0].message
    assert _count(db, Youth) == 2

    dry = _import(db, actor, path, skip_duplicates=True, dry_run=True)
    assert dry.ok and dry.to_import == 4 and [p.row for p in dry.skipped] == [3, 4, 5, 7]
    assert _count(db, Youth) == 2

    result = _import(db, actor, path, skip_duplicates=True)
    assert result.ok and result.imported == 4 and [p.row for p in result.skipped] == [3, 4, 5, 7]
    assert _count(db, Youth) == 6
    # importing the same file again: everything is a duplicate now
    again = _import(db, actor, path, skip_duplicates=True)
    assert again.imported == 0 and len(again.skipped) == 8
    assert _count(db, Youth) == 6


def test_a_skipped_duplicate_does_not_block_on_its_other_errors(office, tmp_path):
    db, actor = office
    path = write_csv(
        tmp_path / "d.csv", [["Navn", "Fnr", "Telefon"], ["A Ås", FNR_1, ""], ["A Ås", FNR_1, "12"]]
    )
    assert not _import(db, actor, path).ok
    result = _import(db, actor, path, skip_duplicates=True)
    assert result.ok and result.imported == 1 and [p.row for p in result.skipped] == [3]


def test_dry_run_writes_nothing(office, tmp_path):
    db, actor = office
    path = write_csv(
        tmp_path / "a.csv", [["Navn", "Fnr", "Registreringsdato"], ["A Ås", FNR_1, "01.01.2024"]]
    )
    before = _count(db, AuditEvent)
    result = _import(db, actor, path, dry_run=True)
    assert result.ok and result.dry_run and result.to_import == 1 and result.periods == 1
    assert result.imported == 0 and result.youth_ids == []
    assert _count(db, Youth) == 0 and _count(db, FollowUpPeriod) == 0 and _count(db, AuditEvent) == before


def test_column_mapped_by_hand(office, tmp_path):
    db, actor = office
    path = write_csv(
        tmp_path / "a.csv", [["Elevnavn", "Personnr", "Mobilnr"], ["Åse Bø", FNR_1, "912 34 567"]]
    )
    result = _import(db, actor, path)
    assert not result.ok and result.ignored_columns == ["Elevnavn", "Personnr", "Mobilnr"]
    assert {p.row for p in result.errors} == {1}  # the header row: no name, no birth date
    result = _import(db, actor, path, mapping={"Elevnavn": "name", "Personnr": "fodselsnummer", 2: "phone"})
    assert result.ok and result.imported == 1
    with db.session() as s:
        youth = s.scalars(select(Youth)).one()
    assert (youth.first_name, youth.last_name, youth.phone) == ("Åse", "Bø", "91234567")


def test_two_columns_for_one_field_is_an_error(office, tmp_path):
    db, actor = office
    path = write_csv(tmp_path / "a.csv", [["Navn", "Telefon", "Mobil", "Fnr"], ["Åse Bø", "", "", FNR_1]])
    result = _import(db, actor, path, mapping={"Mobil": "phone"})
    assert [(p.row, p.column) for p in result.errors] == [(1, "Mobil")]


def test_cancelled_half_way_leaves_nothing(office, tmp_path):
    db, actor = office
    rows = [["Fornavn", "Etternavn", "Fødselsdato", "Registreringsdato"]]
    rows += [[f"Navn{i}", "Ås", "01.01.2003", "01.01.2024"] for i in range(60)]
    path = write_csv(tmp_path / "a.csv", rows)
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 50:
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        _import(db, actor, path, progress=progress)
    assert seen == [0, 25, 50]
    assert (
        _count(db, Youth) == 0
        and _count(db, FollowUpPeriod) == 0
        and _count(db, AuditEvent, entity="youth") == 0
    )


def test_five_thousand_rows_are_checked_in_well_under_a_second(office, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("one backend is enough for the timing")
    db, actor = office
    rows = [["fornavn", "etternavn", "fødselsnummer", "telefon", "registreringsdato", "innsatsgruppe"]]
    born = date(2000, 1, 1)
    for i in range(5000):
        rows.append([f"Navn{i}", "Ås", make_fnr(born + timedelta(days=i % 3000), 100 + i // 3000 * 100),
                     "912 34 567", "01.02.2024", "standard"])  # fmt: skip
    path = write_csv(tmp_path / "big.csv", rows, delimiter=",")
    start = time.perf_counter()
    result = _import(db, actor, path, dry_run=True)
    elapsed = time.perf_counter() - start
    assert result.ok and result.to_import == 5000, result.errors[:3]
    assert elapsed < 1.5, elapsed
