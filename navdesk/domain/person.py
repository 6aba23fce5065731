"""Fødselsnummer/D-nummer (python-stdnum) and age bands."""

from __future__ import annotations

from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

from navdesk.errors import InvalidInput
from navdesk.i18n import _


def parse_fodselsnummer(value: str) -> tuple[str, date]:
    """Validate a fødselsnummer or D-nummer; return it (11 digits) and the birth date it holds."""
    try:
        number = fodselsnummer.validate(value)
        born = fodselsnummer.get_birth_date(number)
    except ValidationError:
        raise InvalidInput(
            _(
                "«{value}» is not a valid fødselsnummer or D-nummer (11 digits with correct check digits)."
            ).format(value=value)
        ) from None
    return number, born


def age_band(age: int) -> str:
    """The report's bands: under 20, 20–24, 25–29, 30 and over."""
    if age < 20:
        return "<20"
    if age < 25:
        return "20-24"
    if age < 30:
        return "25-29"
    return "30+"
