"""Errors the user can fix, each with a translated message.

Bugs are ordinary exceptions; everything a veileder can act on (wrong passphrase, full disk, a
database from a newer NavDesk, invalid input) is a :class:`UserError`. The CLI turns it into a
message on stderr and exit code 1; the GUI into a dialog.
"""

from __future__ import annotations

from navdesk.i18n import _


class UserError(Exception):
    """Something the user (not a programmer) can act on. ``str(err)`` is the translated message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(UserError):
    """Input was refused (a field, a CSV row, an id)."""


class PermissionDenied(InvalidInput):
    """The acting user's access role does not allow this (only an administrator edits the office's
    rules and users; health notes only for the youth's counsellor and the manager)."""


class NotFound(UserError):
    """No record matches the id or prefix given."""


class StaleEdit(UserError):
    """Somebody else saved the record after it was opened here."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else has changed this record since you opened it. "
                "Your changes were not saved; open the record again and redo them."
            )
        )


class DatabaseError(UserError):
    """The database cannot be opened or written; the file is left as it was."""


class WrongKey(DatabaseError):
    """The passphrase or key does not open the file."""


class NeedsPassphrase(DatabaseError):
    """The file is encrypted and no key or passphrase is available."""


class DatabaseTooNew(DatabaseError):
    """The file was written by a newer NavDesk."""


class NotADatabase(DatabaseError):
    """The file is damaged or is not a NavDesk database."""


class DiskFull(DatabaseError):
    """The disk (or the allowed file size) is full."""


class DatabaseBusy(DatabaseError):
    """Another program (or another NavDesk) held the database locked longer than the busy timeout."""


class ReadOnly(DatabaseError):
    """The file or folder cannot be written."""
