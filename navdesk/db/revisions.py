"""The schema revisions this build knows, read from the migration files as text (no Alembic)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_REV = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(None|['\"]([^'\"]+)['\"])", re.M)


@cache
def known_revisions() -> tuple[dict[str, str | None], str]:
    """All revisions of this build (revision → down_revision) and the head."""
    revisions: dict[str, str | None] = {}
    for file in sorted(VERSIONS_DIR.glob("*.py")):
        source = file.read_text(encoding="utf-8")
        rev, down = _REV.search(source), _DOWN.search(source)
        if rev and down:
            revisions[rev.group(1)] = down.group(2)
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {heads}")
    return revisions, heads[0]


def head_revision() -> str:
    return known_revisions()[1]
