"""Where the database key comes from: the OS keyring (a random raw key) or a passphrase.

Policy (decision 0003): only a *recommended* keyring backend (priority >= 1) is used, so a
plaintext keyring is never chosen silently. Keys are stored one per keyring entry under a key id,
plus an index of the ids with the path each was last used for. Opening a file tries the key
recorded for its path first and then every other key NavDesk has stored, so moving or renaming a
file never locks anyone out.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SERVICE = "NavDesk"
INDEX_USER = "navdesk-key-index"
PASSPHRASE_ENV = "NAVDESK_PASSPHRASE"
_RAW_KEY = re.compile(r"^(?:x'([0-9a-fA-F]{64})'|([0-9a-fA-F]{64}))$")


@dataclass(frozen=True)
class Secret:
    """A key for ``PRAGMA key``: either a 64-hex raw key or a passphrase (SQLCipher's KDF)."""

    value: str
    raw: bool

    @classmethod
    def from_user_text(cls, text: str) -> Secret:
        """A passphrase as typed; a recovery-sheet key (``x'…'`` or 64 hex digits) is taken raw."""
        match = _RAW_KEY.match(text.strip())
        if match:
            return cls((match.group(1) or match.group(2)).lower(), raw=True)
        return cls(text, raw=False)

    def pragma(self) -> str:
        if self.raw:
            return f"PRAGMA key = \"x'{self.value}'\""
        return "PRAGMA key = '" + self.value.replace("'", "''") + "'"


def new_raw_key() -> Secret:
    import secrets

    return Secret(secrets.token_hex(32), raw=True)


def env_passphrase() -> Secret | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return Secret.from_user_text(value) if value else None


def _backend() -> object | None:
    """The keyring backend if it is a recommended one, else None (never a plaintext fallback)."""
    try:
        import keyring
        import keyring.core
        from keyring.backends import fail
    except Exception:  # pragma: no cover - keyring is a dependency
        return None
    try:
        if not os.environ.get("PYTHON_KEYRING_BACKEND"):
            keyring.core.init_backend(limit=keyring.core.recommended)
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    return backend


def keyring_name() -> str | None:
    """The keyring backend's class name, or None when no recommended keyring is available."""
    backend = _backend()
    return type(backend).__name__ if backend is not None else None


def keyring_available() -> bool:
    return _backend() is not None


def _index() -> dict[str, str]:
    import json

    import keyring

    try:
        raw = keyring.get_password(SERVICE, INDEX_USER)
    except Exception:
        return {}
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def store_key(path: Path, secret: Secret) -> None:
    """Remember a raw key in the keyring for the database at ``path``."""
    import json
    import uuid

    import keyring

    key_id = str(uuid.uuid4())
    keyring.set_password(SERVICE, key_id, secret.value)
    index = _index()
    index[key_id] = str(path.resolve())
    keyring.set_password(SERVICE, INDEX_USER, json.dumps(index))


def remember_path(path: Path, secret: Secret) -> None:
    """After a file opened with a stored key from another path, record its new path."""
    import json

    import keyring

    index = _index()
    resolved = str(path.resolve())
    for key_id in index:
        if keyring.get_password(SERVICE, key_id) == secret.value and index[key_id] != resolved:
            index[key_id] = resolved
            keyring.set_password(SERVICE, INDEX_USER, json.dumps(index))
            return


def candidate_keys(path: Path) -> list[Secret]:
    """Stored keys to try for ``path``: the one recorded for this path first, then the others."""
    if not keyring_available():
        return []
    import keyring

    resolved = str(path.resolve())
    index = _index()
    ordered = sorted(index, key=lambda key_id: index[key_id] != resolved)
    keys: list[Secret] = []
    for key_id in ordered:
        try:
            value = keyring.get_password(SERVICE, key_id)
        except Exception:
            continue
        if value and _RAW_KEY.match(value):
            keys.append(Secret(value.lower(), raw=True))
    return keys
