"""docs/deadline-rules.md says what the code does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "rules_doc.py"


def test_rule_table_is_current():
    spec = importlib.util.spec_from_file_location("rules_doc", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DOC.read_text(encoding="utf-8") == module.render(), "run python scripts/rules_doc.py"
    for rule in ("followup_8w", "answer_contact", "manual"):
        assert f"`{rule}`" in module.render()
