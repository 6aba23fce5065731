"""A file-backed keyring for tests (the one fake the standards allow, besides native dialogs).

Selected with ``PYTHON_KEYRING_BACKEND=fake_keyring.FileKeyring`` (``tests/fakes`` on the path) and
``NAVDESK_TEST_KEYRING`` naming the JSON file, so subprocesses share it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["NAVDESK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\x00{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\x00{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))


class PlaintextLikeKeyring(FileKeyring):
    """Looks like keyrings.alt's plaintext backend: priority below 'recommended'."""

    priority = 0.5  # type: ignore[assignment]
