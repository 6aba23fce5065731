"""Reading import files and recognising their columns and values (no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from navdesk.domain.enums import Innsatsgruppe
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.importing import (
    Problem,
    guess_field,
    guess_mapping,
    normalize_phone,
    parse_date,
    parse_innsatsgruppe,
    read_table,
    resolve_mapping,
)
from tests.importdata import make_fnr, write_csv, write_xlsx


def test_semicolon_csv_in_windows_1252_keeps_aeoeaa(tmp_path):
    path = write_csv(
        tmp_path / "liste.csv",
        [
            ["Navn", "Fødselsdato", "Kommune"],
            ["Åse Ødegård", "03.05.2004", "Bø"],
            ["Æsa Øvre", "2005-01-02", ""],
        ],
        encoding="cp1252",
    )
    assert path.read_bytes().count(b"\xc5") == 1  # really Windows-1252, not UTF-8
    table = read_table(path)
    assert table.headers == ["Navn", "Fødselsdato", "Kommune"]
    assert table.header_row == 1
    assert table.rows == [(2, ["Åse Ødegård", "03.05.2004", "Bø"]), (3, ["Æsa Øvre", "2005-01-02", ""])]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_comma_csv_in_utf8_with_or_without_bom(tmp_path, encoding):
    path = write_csv(tmp_path / "l.csv", [["fornavn", "etternavn"], ["Øystein", "Ås"]], delimiter=",",
                     encoding=encoding)  # fmt: skip
    table = read_table(path)
    assert table.headers == ["fornavn", "etternavn"]  # no BOM glued to the first header
    assert table.rows == [(2, ["Øystein", "Ås"])]


def test_row_numbers_are_the_file_rows_and_blank_rows_are_left_out(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("\n;;\nnavn;fnr\nA B;1\n\n;\nC D;2\nE F;3;extra\nG H\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 3
    assert [n for n, _cells in table.rows] == [4, 7, 8, 9]
    assert table.rows[2][1] == ["E F", "3"]  # a cell beyond the header is dropped
    assert table.rows[3][1] == ["G H", None]  # a short row is padded


def test_excel_sep_line_and_tab_separated(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text("sep=,\nnavn,telefon\nA B,912 34 567\n", encoding="utf-8")
    assert read_table(path).rows == [(2, ["A B", "912 34 567"])]
    tab = tmp_path / "tab.txt"
    tab.write_text("navn\ttelefon\nA B\t91234567\n", encoding="utf-8")
    assert read_table(tab).headers == ["navn", "telefon"]


def test_xlsx_with_dates_and_numbers(tmp_path):
    fnr = make_fnr(date(2003, 1, 5))
    assert fnr.startswith("0")
    path = write_xlsx(
        tmp_path / "l.xlsx",
        [["Navn", "Fnr", "Registreringsdato", None, "Telefon"],
         ["Åse Bø", int(fnr), datetime(2024, 2, 1), None, 91234567]],
    )  # fmt: skip
    table = read_table(path)
    assert table.headers == [
        "Navn",
        "Fnr",
        "Registreringsdato",
        _("Column {letter}").format(letter="D"),
        "Telefon",
    ]
    assert table.rows[0][0] == 2
    cells = table.rows[0][1]
    assert cells[0] == "Åse Bø" and cells[1] == int(fnr) and parse_date(cells[2]) == date(2024, 2, 1)


def test_unreadable_files_are_refused_clearly(tmp_path):
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"\n\n")
    with pytest.raises(InvalidInput, match="tom"):
        read_table(empty)
    with pytest.raises(InvalidInput, match="xlsx"):
        read_table(tmp_path / "old.xls")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="Excel"):
        read_table(broken)
    with pytest.raises(InvalidInput, match=r"finnes ikke|does not exist"):
        read_table(tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("header", "field"),
    [("Navn", "name"), (" FORNAVN ", "first_name"), ("Etternavn", "last_name"), ("Fødselsnummer", "fodselsnummer"),
     ("fnr", "fodselsnummer"), ("Fødselsnr.", "fodselsnummer"), ("D-nummer", "fodselsnummer"),
     ("Fødsels dato", "birth_date"), ("Telefon", "phone"), ("E-post", "email"), ("e post", "email"),
     ("Registreringsdato", "registration_date"), ("VEILEDER", "veileder"), ("Innsatsgruppe", "innsatsgruppe"),
     ("Merknad", None), ("Adresse", None)],
)  # fmt: skip
def test_headers_are_recognised_without_case_or_spaces(header, field):
    assert guess_field(header) == field


def test_mapping_by_hand_overrides_the_guess():
    headers = ["Elevnavn", "Telefon", "Mobil", "Født"]
    assert guess_mapping(headers) == {1: "phone", 3: "birth_date"}
    mapped = resolve_mapping(headers, {"elevnavn": "name", "Telefon": None, 2: "telefon"})
    assert mapped == {0: "name", 2: "phone", 3: "birth_date"}
    with pytest.raises(InvalidInput, match="Adresse"):
        resolve_mapping(headers, {"Adresse": "name"})
    with pytest.raises(InvalidInput, match="skonummer"):
        resolve_mapping(headers, {"Elevnavn": "skonummer"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("03.05.2004", date(2004, 5, 3)), ("3.5.2004", date(2004, 5, 3)), ("2004-05-03", date(2004, 5, 3)),
     ("2004-05-03 00:00:00", date(2004, 5, 3)), (datetime(2004, 5, 3, 0, 0), date(2004, 5, 3)), ("", None),
     (None, None)],
)  # fmt: skip
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["32.01.2024", "03/05/2004", "03.05.04", "i fjor", "2024-13-01"])
def test_bad_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("91234567", "91234567"), ("912 34 567", "91234567"), ("+47 912 34 567", "91234567"),
     ("0047 91234567", "91234567"), ("22\u00a033 44 55", "22334455"), ("1234", None), ("+46 912 34 567", None),
     ("912-34-567", None), ("9123456a", None)],
)  # fmt: skip
def test_phone_numbers(text, expected):
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("standard_innsats", Innsatsgruppe.STANDARD), ("Standard innsats", Innsatsgruppe.STANDARD),
     ("standardinnsats", Innsatsgruppe.STANDARD), ("IKVAL", Innsatsgruppe.STANDARD),
     ("Situasjonsbestemt", Innsatsgruppe.SITUASJONSBESTEMT), ("spesielt tilpasset innsats", Innsatsgruppe.SPESIELT_TILPASSET),
     ("Gradert varig tilpasset innsats", Innsatsgruppe.GRADERT_VARIG_TILPASSET), ("varig", Innsatsgruppe.VARIG_TILPASSET),
     ("ukjent", None)],
)  # fmt: skip
def test_innsatsgruppe_by_code_or_norwegian_name(text, expected):
    assert parse_innsatsgruppe(text) == expected


def test_problem_reads_as_row_and_column():
    from navdesk.i18n import set_language

    set_language("en")
    assert str(Problem(4, "Telefon", "Wrong.")) == "Row 4, column «Telefon»: Wrong."
    assert str(Problem(1, "", "Wrong.")) == "Row 1: Wrong."
