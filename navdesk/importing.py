"""Import of youths from a CSV or Excel file: read, recognise the columns, check every row, all or nothing.

:func:`read_table` reads the file into a :class:`Table` (the header and the rows, each with the row
number the user sees in Excel or an editor). Columns are recognised by their Norwegian headers
(:func:`guess_mapping`) or mapped by hand (``mapping``). :func:`import_youths` checks every row and
collects *all* the problems by row and column; only when there is none does it create the youths through
the use cases (:func:`navdesk.services.youths.create_youth`, :func:`~navdesk.services.followup.open_period`,
:func:`~navdesk.services.followup.decide_innsats`), so every change is audited. Run it inside one
transaction: if anything fails half-way, the exception rolls the whole import back.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import User, Youth
from navdesk.domain.enums import Innsatsgruppe
from navdesk.domain.person import parse_fodselsnummer
from navdesk.domain.text import format_date, search_fold
from navdesk.errors import InvalidInput, UserError
from navdesk.i18n import _, ngettext
from navdesk.services import audit
from navdesk.services.context import Actor
from navdesk.services.followup import decide_innsats, open_period
from navdesk.services.youths import create_youth

FIELDS: tuple[str, ...] = (
    "name", "first_name", "last_name", "fodselsnummer", "birth_date", "phone", "email", "registration_date",
    "veileder", "innsatsgruppe",
)  # fmt: skip

# Headers as written in offices' own lists (bokmål and nynorsk), compared without case, spaces or - _ . /
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("navn", "namn", "fulltnavn", "fulltnamn", "name"),
    "first_name": ("fornavn", "førenamn", "fornamn", "firstname"),
    "last_name": ("etternavn", "etternamn", "lastname", "surname"),
    "fodselsnummer": ("fødselsnummer", "fodselsnummer", "fnr", "fødselsnr", "fodselsnr", "dnummer", "dnr",
                      "fnrdnr", "fødselsnummerdnummer", "personnummer"),
    "birth_date": ("fødselsdato", "fodselsdato", "født", "fodt", "birthdate"),
    "phone": ("telefon", "tlf", "telefonnummer", "tlfnr", "mobil", "mobilnummer", "mobiltelefon", "phone"),
    "email": ("epost", "epostadresse", "email", "mail"),
    "registration_date": ("registreringsdato", "registrert", "regdato", "registreringsdag"),
    "veileder": ("veileder", "rettleiar", "veilederinitialer", "counsellor"),
    "innsatsgruppe": ("innsatsgruppe", "innsats"),
}  # fmt: skip
_FIELD_OF = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

# Arena's codes, which offices' lists often hold instead of the names
_INNSATS_CODES = {
    "ikval": Innsatsgruppe.STANDARD,
    "bform": Innsatsgruppe.SITUASJONSBESTEMT,
    "batt": Innsatsgruppe.SPESIELT_TILPASSET,
    "varig": Innsatsgruppe.VARIG_TILPASSET,
}

_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_LENGTH = {"first_name": 100, "last_name": 100, "email": 200}
_PROGRESS_EVERY = 25


def field_labels() -> dict[str, str]:
    """What each field is called in the user's language (the GUI's mapping choices)."""
    return {
        "name": _("Name (first and last name)"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "fodselsnummer": _("Fødselsnummer or D-nummer"),
        "birth_date": _("Birth date"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "registration_date": _("Registration date"),
        "veileder": _("Counsellor (initials)"),
        "innsatsgruppe": _("Innsatsgruppe"),
    }


# -- reading the file ----------------------------------------------------------------------------------


@dataclass
class Table:
    """A file's header and rows; ``rows`` holds (row number as the user sees it, cells), blank rows left out."""

    name: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell as text: numbers without ``.0``, dates as dd.mm.åååå, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(name: str, raw_rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in raw_rows:
        if not any(cell_text(c) for c in cells):
            continue  # blank rows are left out (they are still counted in the row numbers)
        if header is None:
            header, header_row = [cell_text(c) for c in cells], number
            while header and not header[-1]:
                header.pop()
            header = [
                h or _("Column {letter}").format(letter=_column_letter(i)) for i, h in enumerate(header)
            ]
            continue
        padded = list(cells[: len(header)]) + [None] * (len(header) - len(cells))
        rows.append((number, padded))
    if header is None:
        raise InvalidInput(_("The file {file} is empty.").format(file=name))
    return Table(name, header, header_row, rows)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Excel's "CSV (semicolon separated)" on Norwegian Windows
    except UnicodeDecodeError:
        raise InvalidInput(
            _("The letters in {file} could not be read. Save it as «CSV UTF-8» or as an Excel file.").format(
                file=name
            )
        ) from None


def _delimiter(text: str) -> tuple[str, str]:
    """The separator (semicolon, comma or tab, whichever the header line has most of) and the text to parse.

    Excel's ``sep=;`` first line names the separator; Excel does not show it, so it is not counted as a row.
    """
    first, _newline, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        return first.strip()[4], rest
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return (best if counts[best] else ","), text


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    delimiter, text = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(name, ((number, row) for number, row in enumerate(reader, start=1)))
    except csv.Error as exc:
        raise InvalidInput(
            _("{file} is not a readable CSV file: {reason}").format(file=name, reason=exc)
        ) from None


def _read_xlsx(data: bytes, name: str) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(
            _("{file} could not be read as an Excel file (.xlsx).").format(file=name)
        ) from None
    try:
        sheet = book.worksheets[0]
        return _table(name, enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
    finally:
        book.close()


def read_table(path: Path | str) -> Table:
    """Read a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or Excel (.xlsx, first sheet) file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise InvalidInput(
            _(
                "{file}: this kind of spreadsheet cannot be read. Save it as an Excel file (.xlsx) or as CSV."
            ).format(file=path.name)
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as exc:
        raise InvalidInput(
            _("{file} could not be read: {reason}").format(file=path.name, reason=exc.strerror or exc)
        ) from None
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, path.name)
    return _read_csv(data, path.name)


# -- columns -------------------------------------------------------------------------------------------


def _norm_header(text: str) -> str:
    return re.sub(r"[\s\-_./()]+", "", text.casefold())


def guess_field(header: str) -> str | None:
    """The field a header names (``"Fødselsnr."`` → ``"fodselsnummer"``), or None."""
    return _FIELD_OF.get(_norm_header(header))


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index → field for the headers that are recognised; a field already taken is not given twice."""
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = guess_field(header)
        if name is not None and name not in found.values():
            found[index] = name
    return found


def _as_field(value: str) -> str | None:
    if value in FIELDS:
        return value
    if _norm_header(value) in ("", "ignore", "ignorer", "ingen", "none", "-"):
        return None
    name = guess_field(value)
    if name is None:
        raise InvalidInput(
            _("Unknown field «{field}». Use one of: {fields}.").format(field=value, fields=", ".join(FIELDS))
        )
    return name


def resolve_mapping(
    headers: Sequence[str], mapping: Mapping[str | int, str | None] | None = None
) -> dict[int, str]:
    """The recognised columns, changed by ``mapping`` (header text or column index → field; None ignores)."""
    result = guess_mapping(headers)
    for key, wanted in (mapping or {}).items():
        if isinstance(key, int):
            columns = [key] if 0 <= key < len(headers) else []
        else:
            columns = [i for i, h in enumerate(headers) if _norm_header(h) == _norm_header(key)]
        if not columns:
            raise InvalidInput(_("The file has no column «{column}».").format(column=key))
        name = _as_field(wanted) if wanted else None
        for column in columns:
            if name is None:
                result.pop(column, None)
            else:
                result[column] = name
    return dict(sorted(result.items()))


# -- values --------------------------------------------------------------------------------------------


def parse_date(value: Any) -> date | None:
    """A date from a cell: an Excel date, dd.mm.åååå or åååå-mm-dd; None when empty; ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if m := _DMY.fullmatch(text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := _ISO.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def normalize_phone(text: str) -> str | None:
    """A Norwegian number as its 8 digits (``+47 912 34 567`` → ``91234567``), or None if it is not one."""
    compact = _SPACES.sub("", text)
    for prefix in ("+47", "0047"):
        if compact.startswith(prefix) and len(compact) == len(prefix) + 8:
            compact = compact[len(prefix) :]
    return compact if len(compact) == 8 and compact.isdigit() else None


def parse_innsatsgruppe(text: str) -> Innsatsgruppe | None:
    """An innsatsgruppe from its code, its Norwegian name (with or without "innsats") or Arena's code."""
    key = _norm_header(text)
    if not key:
        return None
    if key in _INNSATS_CODES:
        return _INNSATS_CODES[key]
    for member in Innsatsgruppe:
        names = {_norm_header(member.value), _norm_header(member.label)}
        names |= {n.removesuffix("innsats") for n in names}
        if key in names:
            return member
    return None


def _fnr_text(value: Any) -> str:
    """A fødselsnummer cell as text; a number cell (Excel drops the leading 0) gets its 11 digits back."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        digits = str(int(value))
        return digits.zfill(11) if len(digits) == 10 else digits
    return cell_text(value)


def _split_name(full: str) -> tuple[str, str]:
    """``"Kari Anne Berg"`` → ("Kari Anne", "Berg"); ``"Berg, Kari Anne"`` → the same."""
    full = _SPACES.sub(" ", full).strip()
    if "," in full:
        last, _sep, first = full.partition(",")
        return first.strip(), last.strip()
    first, _sep, last = full.rpartition(" ")
    return first.strip(), last.strip()


def _name_key(first: str, last: str) -> str:
    return _SPACES.sub(" ", search_fold(f"{first} {last}")).strip()


# -- result --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with one row (or the header row): the row number, the column's header, a message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row {row}, column «{column}»: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        return _("Row {row}: {message}").format(row=self.row, message=self.message)

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    """What an import found and did. Nothing is written when ``errors`` is not empty or on a dry run.

    ``to_import`` counts the rows that passed the check (and ``periods`` those with a registration date);
    they are imported only when no row has an error.
    """

    file: str
    rows_read: int
    to_import: int
    periods: int = 0
    imported: int = 0
    dry_run: bool = False
    errors: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header → field, for the columns used
    ignored_columns: list[str] = field(default_factory=list)
    youth_ids: list[uuid.UUID] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({p.row for p in self.errors})

    def summary(self) -> str:
        """One or two sentences in the user's language."""
        if self.errors:
            return ngettext(
                "Nothing was imported: {n} error in the file must be corrected first.",
                "Nothing was imported: {n} errors in the file must be corrected first.",
                len(self.errors),
            ).format(n=len(self.errors))
        if self.dry_run:
            text = ngettext(
                "Test run: {n} youth can be imported.",
                "Test run: {n} youths can be imported.",
                self.to_import,
            ).format(n=self.to_import)
        else:
            text = ngettext("{n} youth imported.", "{n} youths imported.", self.imported).format(
                n=self.imported
            )
        if self.periods and self.dry_run:
            text += " " + ngettext(
                "{n} follow-up period will be opened.", "{n} follow-up periods will be opened.", self.periods
            ).format(n=self.periods)
        elif self.periods:
            text += " " + ngettext(
                "{n} follow-up period opened.", "{n} follow-up periods opened.", self.periods
            ).format(n=self.periods)
        if self.skipped:
            text += " " + ngettext(
                "{n} duplicate skipped (already registered or repeated in the file).",
                "{n} duplicates skipped (already registered or repeated in the file).",
                len(self.skipped),
            ).format(n=len(self.skipped))
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows_read": self.rows_read,
            "to_import": self.to_import,
            "imported": self.imported,
            "periods": self.periods,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "errors": [p.as_json() for p in self.errors],
            "skipped": [p.as_json() for p in self.skipped],
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "youth_ids": [str(i) for i in self.youth_ids],
        }


class ImportCancelled(UserError):
    """Raised by a progress callback to stop; the caller's transaction then rolls everything back."""

    def __init__(self) -> None:
        super().__init__(_("The import was cancelled. Nothing was imported."))


# -- checking ------------------------------------------------------------------------------------------


@dataclass
class _Planned:
    row: int
    values: dict[str, Any]
    registration: date | None
    innsats: Innsatsgruppe | None


@dataclass
class _Known:
    """What the database already holds, for the duplicate check and the counsellors' initials."""

    fnrs: dict[str, str]  # fødselsnummer → name
    names: dict[tuple[str, date], list[str | None]]  # (folded name, birth date) → their fødselsnumre
    users: dict[str, tuple[uuid.UUID, str, bool]]  # INITIALS → (id, initials, active)


def _known(session: Session) -> _Known:
    fnrs: dict[str, str] = {}
    names: dict[tuple[str, date], list[str | None]] = {}
    query = select(
        Youth.fodselsnummer, Youth.first_name, Youth.preferred_name, Youth.last_name, Youth.birth_date
    )
    for fnr, first, preferred, last, born in session.execute(query):
        if fnr:
            fnrs[fnr] = f"{preferred or first} {last}"
        for given in {first, preferred} - {"", None}:
            names.setdefault((_name_key(given, last), born), []).append(fnr)
    users = {
        initials.upper(): (user_id, initials, active)
        for user_id, initials, active in session.execute(select(User.id, User.initials, User.active))
    }
    return _Known(fnrs, names, users)


class _Checker:
    """Checks the rows of one table against one mapping, row by row; ``problems`` collects what is wrong."""

    def __init__(self, table: Table, columns: dict[int, str], known: _Known, today: date) -> None:
        self.table = table
        self.columns = columns
        self.known = known
        self.today = today
        self.col_of = {name: index for index, name in columns.items()}
        self.row = table.header_row
        self.cells: list[Any] = []
        self.problems: list[tuple[int, int, Problem]] = []  # (row, column index, problem)

    def header(self, name: str) -> str:
        index = self.col_of.get(name)
        return self.table.headers[index] if index is not None else ""

    def bad(self, name: str, message: str) -> None:
        """A problem in the current row, in the column mapped to ``name``."""
        self.problems.append(
            (self.row, self.col_of.get(name, -1), Problem(self.row, self.header(name), message))
        )

    def text(self, name: str) -> str:
        index = self.col_of.get(name)
        return cell_text(self.cells[index]) if index is not None else ""

    def date_of(self, name: str) -> date | None:
        index = self.col_of.get(name)
        try:
            return parse_date(self.cells[index]) if index is not None else None
        except ValueError:
            message = _("«{value}» is not a date. Write dd.mm.yyyy or yyyy-mm-dd.")
            self.bad(name, message.format(value=self.text(name)))
            return None

    def check_columns(self) -> None:
        """Problems with the columns themselves, reported on the header row."""
        seen: dict[str, int] = {}
        for index, name in self.columns.items():
            if name in seen:
                message = _("Two columns are used as «{field}»: «{a}» and «{b}». Choose one.").format(
                    field=field_labels()[name], a=self.table.headers[seen[name]], b=self.table.headers[index]
                )
                self.problems.append((self.row, index, Problem(self.row, self.table.headers[index], message)))
            seen.setdefault(name, index)
        if "name" not in seen and not {"first_name", "last_name"} <= seen.keys():
            self.bad(
                "",
                _("No column gives the name. The file needs a column «navn», or «fornavn» and «etternavn»."),
            )
        if not seen.keys() & {"fodselsnummer", "birth_date"}:
            self.bad(
                "", _("No column gives the birth date. The file needs «fødselsnummer» or «fødselsdato».")
            )

    def check_row(self, row: int, cells: list[Any]) -> _Planned:
        self.row, self.cells = row, cells
        values: dict[str, Any] = {}
        self._name(values)
        self._birth(values)
        self._contact(values)
        registration = self._registration(values.get("birth_date"))
        self._veileder(values)
        return _Planned(row, values, registration, self._innsats())

    def _name(self, values: dict[str, Any]) -> None:
        """fornavn + etternavn, or navn with the last word (or what comes before a comma) as last name."""
        first, last, full = self.text("first_name"), self.text("last_name"), self.text("name")
        if full and not (first and last):
            split_first, split_last = _split_name(full)
            first, last = first or split_first, last or split_last
            if not (first and last):
                self.bad(
                    "name", _("«{value}» is only one name; give both first and last name.").format(value=full)
                )
        elif not first and not last:
            if self.col_of.keys() & {"name", "first_name", "last_name"}:  # else the header row says so
                self.bad("name" if "name" in self.col_of else "first_name", _("The name is missing."))
        elif not first or not last:
            missing = "first_name" if not first else "last_name"
            self.bad(
                missing, _("The first name is missing.") if not first else _("The last name is missing.")
            )
        for key, value in (("first_name", first), ("last_name", last)):
            if len(value) > _MAX_LENGTH[key]:
                limit = _("Too long (at most {n} characters).").format(n=_MAX_LENGTH[key])
                self.bad(key if key in self.col_of else "name", limit)
        values["first_name"], values["last_name"] = first, last

    def _birth(self, values: dict[str, Any]) -> None:
        """The fødselsnummer or D-nummer, the birth date it holds, and the birth date column."""
        index = self.col_of.get("fodselsnummer")
        fnr = _fnr_text(self.cells[index]) if index is not None else ""
        from_fnr: date | None = None
        if fnr:
            try:
                values["fodselsnummer"], from_fnr = parse_fodselsnummer(fnr)
            except InvalidInput as exc:
                message = str(exc)
                if len(_SPACES.sub("", fnr)) == 10 and _SPACES.sub("", fnr).isdigit():
                    message += " " + _("It has 10 digits: did the spreadsheet drop a leading 0?")
                self.bad("fodselsnummer", message)
        born = self.date_of("birth_date")
        if born is not None and from_fnr is not None and born != from_fnr:
            message = _("{date} does not match the fødselsnummer, which gives {fnr_date}.")
            self.bad("birth_date", message.format(date=format_date(born), fnr_date=format_date(from_fnr)))
        born = born or from_fnr
        if born is not None and (born > self.today or born.year < 1900):
            self.bad("birth_date", _("The birth date {date} is not possible.").format(date=format_date(born)))
        elif born is not None:
            values["birth_date"] = born
        elif not fnr and not self.text("birth_date") and self.col_of.keys() & {"fodselsnummer", "birth_date"}:
            column = "birth_date" if "birth_date" in self.col_of else "fodselsnummer"
            self.bad(column, _("A birth date or a fødselsnummer is required."))

    def _contact(self, values: dict[str, Any]) -> None:
        phone = self.text("phone")
        if phone:
            values["phone"] = normalize_phone(phone)
            if values["phone"] is None:
                message = _("«{value}» is not a Norwegian phone number (8 digits, +47 allowed).")
                self.bad("phone", message.format(value=phone))
        email = self.text("email")
        if email:
            values["email"] = email
            if not _EMAIL.fullmatch(email) or len(email) > _MAX_LENGTH["email"]:
                self.bad("email", _("«{value}» is not an e-mail address.").format(value=email))

    def _registration(self, born: date | None) -> date | None:
        registration = self.date_of("registration_date")
        if registration is not None and registration > self.today:
            self.bad("registration_date", _("The registration date cannot be in the future."))
        elif registration is not None and born is not None and registration < born:
            self.bad("registration_date", _("The registration date is before the birth date."))
        return registration

    def _veileder(self, values: dict[str, Any]) -> None:
        initials = self.text("veileder")
        if not initials:
            return  # the use case's default: the acting user
        user = self.known.users.get(initials.upper())
        if user is None:
            self.bad("veileder", _("No user has the initials {initials}.").format(initials=initials))
        elif not user[2]:
            self.bad("veileder", _("The user {initials} is deactivated.").format(initials=user[1]))
        else:
            values["veileder_id"] = user[0]

    def _innsats(self) -> Innsatsgruppe | None:
        text = self.text("innsatsgruppe")
        if not text:
            return None
        innsats = parse_innsatsgruppe(text)
        if innsats is None:
            allowed = ", ".join(m.label for m in Innsatsgruppe)
            message = _("Unknown innsatsgruppe «{value}». Use one of: {allowed}.")
            self.bad("innsatsgruppe", message.format(value=text, allowed=allowed))
        elif not self.text("registration_date"):
            message = _("An innsatsgruppe is decided in a follow-up period: give the registration date too.")
            self.bad("innsatsgruppe", message)
        return innsats

    def duplicate(
        self,
        values: dict[str, Any],
        seen_fnr: dict[str, int],
        seen_name: dict[tuple[str, date], list[tuple[int, str | None]]],
    ) -> tuple[str, str] | None:
        """(field, message) when the row is already in the database or in an earlier row; remembers the row.

        The same name and birth date count as the same youth unless both have a fødselsnummer (they differ).
        """
        fnr: str | None = values.get("fodselsnummer")
        found: tuple[str, str] | None = None
        if fnr and fnr in self.known.fnrs:
            message = _("A youth with this fødselsnummer is already registered: {name}.")
            found = ("fodselsnummer", message.format(name=self.known.fnrs[fnr]))
        elif fnr and fnr in seen_fnr:
            found = ("fodselsnummer", _("Same fødselsnummer as row {row}.").format(row=seen_fnr[fnr]))
        born = values.get("birth_date")
        key = (_name_key(values["first_name"], values["last_name"]), born) if born else None
        name_field = "name" if "name" in self.col_of else "first_name"
        if found is None and key is not None:
            if any(other is None or fnr is None for other in self.known.names.get(key, ())):
                found = (name_field, _("A youth with the same name and birth date is already registered."))
            else:
                earlier = [r for r, other in seen_name.get(key, ()) if other is None or fnr is None]
                if earlier:
                    found = (name_field, _("Same name and birth date as row {row}.").format(row=earlier[0]))
        if fnr:
            seen_fnr.setdefault(fnr, self.row)
        if key is not None:
            seen_name.setdefault(key, []).append((self.row, fnr))
        return found


def check(
    session: Session,
    table: Table,
    mapping: Mapping[str | int, str | None] | None = None,
    *,
    skip_duplicates: bool = False,
    today: date | None = None,
) -> tuple[ImportResult, list[_Planned]]:
    """Check every row (nothing is written): the result, and the youths that would be created."""
    columns = resolve_mapping(table.headers, mapping)
    checker = _Checker(table, columns, _known(session), today or date.today())
    checker.check_columns()
    column_errors = bool(checker.problems)
    planned: list[_Planned] = []
    skipped: list[Problem] = []
    seen_fnr: dict[str, int] = {}
    seen_name: dict[tuple[str, date], list[tuple[int, str | None]]] = {}
    for row, cells in table.rows:
        before = len(checker.problems)
        plan = checker.check_row(row, cells)
        if column_errors:
            continue  # the rows are still checked, so that every problem shows at once
        duplicate = checker.duplicate(plan.values, seen_fnr, seen_name)
        if duplicate is not None and skip_duplicates:
            del checker.problems[before:]  # not imported, so its other problems do not matter
            skipped.append(Problem(row, checker.header(duplicate[0]), duplicate[1]))
            continue
        if duplicate is not None:
            checker.bad(*duplicate)
        if len(checker.problems) == before:
            planned.append(plan)
    problems = sorted(checker.problems, key=lambda p: (p[0], p[1]))
    result = ImportResult(
        file=table.name,
        rows_read=len(table.rows),
        to_import=len(planned),
        periods=sum(1 for p in planned if p.registration is not None),
        errors=[p for _row, _col, p in problems],
        skipped=skipped,
        columns={table.headers[i]: name for i, name in columns.items()},
        ignored_columns=[h for i, h in enumerate(table.headers) if i not in columns],
        dry_run=True,
    )
    return result, planned


def import_youths(
    session: Session,
    actor: Actor,
    source: Table | Path | str,
    *,
    mapping: Mapping[str | int, str | None] | None = None,
    skip_duplicates: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check every row of ``source`` and, when none has an error (and not ``dry_run``), create the youths.

    Run it inside one transaction (``with session.begin():``). ``progress(done, total)`` is called while
    writing; it may raise :class:`ImportCancelled`, and any exception leaves nothing written once the
    caller's transaction rolls back.
    """
    table = source if isinstance(source, Table) else read_table(source)
    result, planned = check(session, table, mapping, skip_duplicates=skip_duplicates, today=today)
    result.dry_run = dry_run
    if dry_run or result.errors or not planned:
        return result
    total = len(planned)
    for done, plan in enumerate(planned):
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(done, total)
        try:
            youth_id = create_youth(session, actor, **plan.values)
            if plan.registration is not None:
                period_id = open_period(session, actor, youth_id, registration_date=plan.registration)
                if plan.innsats is not None:
                    decide_innsats(
                        session, actor, period_id, decided_on=plan.registration, innsatsgruppe=plan.innsats
                    )
        except UserError as exc:
            if isinstance(exc, ImportCancelled):
                raise
            raise InvalidInput(
                _("Row {row}: {message} Nothing was imported.").format(row=plan.row, message=exc)
            ) from exc
        result.youth_ids.append(youth_id)
    result.imported = len(result.youth_ids)
    audit.record(
        session,
        actor,
        "import",
        "youth",
        None,
        after={
            "file": table.name,
            "rows": result.rows_read,
            "imported": result.imported,
            "periods": result.periods,
            "skipped": len(result.skipped),
        },
    )
    if progress is not None:
        progress(total, total)
    return result
