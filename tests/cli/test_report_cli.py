"""``navdesk report``: the PDF read back (text, A4, definitions, no names, small numbers hidden),
the CSV and XLSX tables suppressed like the PDF, nynorsk, the veileder scope, refusals, audit."""

from __future__ import annotations

import csv
import json
import re

import pytest
from pypdf import PdfReader

from tests.cli.helpers import navdesk


def main(argv):
    result = navdesk(*argv)
    main.last = result  # type: ignore[attr-defined]
    return result.returncode


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("report") / "demo.db"
    assert main(["demo", "--db", str(db), "--unencrypted", "--youths", "30", "--seed", "3"]) == 0
    return db


def _names(db):
    from navdesk.db.opening import open_database
    from navdesk.services.youths import portfolio_rows

    database = open_database(str(db))
    try:
        with database.session() as s:
            return {w for r in portfolio_rows(s) for w in (r.first_name, r.last_name)}
    finally:
        database.close()


def test_report_pdf_csv_and_xlsx(demo_db, tmp_path):
    out, folder, book = tmp_path / "rapport.pdf", tmp_path / "tabeller", tmp_path / "rapport.xlsx"
    code = main(["report", "--db", str(demo_db), "--from", "2025-01-01", "--to", "2026-12-31", "--out", str(out),
                 "--csv", str(folder), "--xlsx", str(book), "--lang", "nb", "--json"])  # fmt: skip
    assert code == 0
    data = json.loads(main.last.stdout)
    assert data["threshold"] == 5 and data["encrypted"] is False
    reader = PdfReader(str(out))
    page = reader.pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (595, 842)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Kontorrapport" in text and "Definisjoner" in text and "< 5" in text
    assert "Oppfølging etter registrering (8-ukersregelen)" in text
    assert f"Side 1 av {len(reader.pages)}" in text
    words = set(re.findall(r"\w+", text))
    assert not words & _names(demo_db)
    with (folder / "followup_8w.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    pdf_rows = next(t for t in data["tables"] if t["key"] == "followup_8w")["rows"]
    assert rows[2:] == pdf_rows
    for row in rows[2:]:
        for cell in row[1:2]:
            assert cell in ("", ":") or cell.startswith("< ") or int(cell) >= 5
    from openpyxl import load_workbook

    sheet = load_workbook(book)["followup_8w"]
    assert sheet["A1"].value == rows[0][0] and sheet["A2"].value is None


def test_report_in_nynorsk_for_one_veileder(demo_db, tmp_path):
    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(demo_db), "--from", "2025-01-01", "--to", "2026-12-31", "--out", str(out),
                 "--veileder", "ob", "--lang", "nn"]) == 0  # fmt: skip
    text = "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "OB" in text and "Definisjonar" in text


def test_report_refusals(demo_db, tmp_path):
    assert main(["report", "--db", str(demo_db), "--from", "2026-02-01", "--to", "2026-01-01",
                 "--out", str(tmp_path / "x.pdf")]) == 1  # fmt: skip
    assert main(["report", "--db", str(demo_db), "--from", "2026-01-01", "--to", "2026-02-01"]) == 1
    assert main(["report", "--db", str(demo_db), "--from", "2026-01-01", "--to", "nope"]) == 2
    assert main(["report", "--db", str(demo_db), "--from", "2026-01-01", "--to", "2026-02-01", "--veileder", "ZZ",
                 "--json"]) == 1  # fmt: skip
    assert "ZZ" in main.last.stderr
    assert not (tmp_path / "x.pdf").exists()
