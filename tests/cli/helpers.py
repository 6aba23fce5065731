"""Run the real ``navdesk`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any


def navdesk(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "navdesk", *args],
        capture_output=True, text=True, env=full_env, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs,
    )  # fmt: skip
