"""Find the key that opens an encrypted file: NAVDESK_PASSPHRASE, the keyring's keys, then asking.

No SQLAlchemy here, so the application's fast start path can use it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from navdesk.db import keys
from navdesk.db.keys import Secret
from navdesk.db.raw import probe_key
from navdesk.errors import NeedsPassphrase, WrongKey
from navdesk.i18n import _

# ask(path, attempt) -> the passphrase typed, or None when the user gives up.
AskPassphrase = Callable[[Path, int], str | None]
MAX_ATTEMPTS = 3


def find_secret(path: Path, ask: AskPassphrase | None) -> Secret:
    env = keys.env_passphrase()
    if env is not None:
        probe_key(path, env)  # a wrong NAVDESK_PASSPHRASE is reported, not silently skipped
        return env
    for candidate in keys.candidate_keys(path):
        try:
            probe_key(path, candidate)
        except WrongKey:
            continue
        keys.remember_path(path, candidate)
        return candidate
    if ask is None:
        raise NeedsPassphrase(
            _(
                "{path} is encrypted and no key was found in the keyring. "
                "Set NAVDESK_PASSPHRASE or open it from a terminal to type the passphrase."
            ).format(path=path)
        )
    last: WrongKey | None = None
    for attempt in range(1, MAX_ATTEMPTS + 1):
        typed = ask(path, attempt)
        if typed is None:
            raise NeedsPassphrase(_("No passphrase given; {path} was not opened.").format(path=path))
        secret = Secret.from_user_text(typed)
        try:
            probe_key(path, secret)
            return secret
        except WrongKey as exc:
            last = exc
    assert last is not None
    raise last
