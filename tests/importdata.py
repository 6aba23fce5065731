"""Files to import in the tests: valid fødselsnumre and D-numre, CSV in any encoding, XLSX."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from stdnum.no.fodselsnummer import calc_check_digit1, calc_check_digit2


def make_fnr(born: date, individual: int = 123, *, d_number: bool = False) -> str:
    """A valid fødselsnummer (or D-nummer: day + 40) for someone born on ``born``."""
    start = individual + (500 if born.year >= 2000 and individual < 500 else 0)
    for ind in range(start, start + 100):
        day = born.day + (40 if d_number else 0)
        base = f"{day:02d}{born.month:02d}{born.year % 100:02d}{ind:03d}"
        k1 = calc_check_digit1(base)
        if len(k1) != 1:
            continue
        k2 = calc_check_digit2(base + k1)
        if len(k2) == 1:
            return base + k1 + k2
    raise AssertionError(f"no valid number for {born}")


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
