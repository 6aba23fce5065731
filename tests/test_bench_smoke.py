"""The benchmark harness runs end to end on a 40-youth office (figures only; no timing limits here)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


def _harness() -> ModuleType:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module("benchmarks.run")


def test_keystrokes_type_sor_then_a_name_prefix_and_rub_them_out() -> None:
    run = _harness()
    keys = run.keystrokes("Øystein")
    bs = run.BACKSPACE
    assert keys == ["s", "ø", "r", bs, bs, bs, "Ø", "y", "s", bs, bs, bs]


def test_targets_not_run_are_skipped_not_failed() -> None:
    run = _harness()
    checked = [target.check({40: {}}) for target in run.TARGETS]
    assert {c["status"] for c in checked} == {"SKIP"}
    assert {"startup", "portfolio_load", "name_filter"} <= set(run.BENCHMARKS)


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_harness_on_a_40_youth_office(tmp_path: Path) -> None:
    out = tmp_path / "bench-out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "40", "--repeat", "1", "--out", str(out), "--no-fail"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=170,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "== 40 youths" in proc.stdout and "== targets ==" in proc.stdout

    report: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert {"meta", "offices", "results", "targets"} <= set(report)
    assert report["meta"]["sizes"] == [40] and report["meta"]["repeat"] == 1
    assert Path(report["offices"]["40"]["path"]).is_file()
    sections = report["results"]["40"]
    assert set(sections) >= {"startup", "portfolio_load", "name_filter", "deadlines"}
    assert not [name for name, result in sections.items() if "error" in result]

    startup = sections["startup"]
    for key in ("app_s", "bare_s"):
        assert 0 < startup[key]["min"] <= startup[key]["median"] <= startup[key]["max"] < 120
        assert startup[key]["n"] == 1
    assert startup["ratio"] > 0 and startup["rss_ratio"] > 0
    assert startup["app_rss_kb"]["median"] > 10_000 and startup["bare_rss_kb"]["median"] > 10_000

    load = sections["portfolio_load"]
    assert load["rows"] == load["model_rows"] == 40
    assert 0 < load["query_ms"]["median"] <= load["total_ms"]["median"]

    names = sections["name_filter"]
    assert names["total_rows"] == 40
    assert names["keystrokes"] == len(names["keys"]) == len(run_keys(names["first_name"]))
    assert [k["text"] for k in names["keys"][:3]] == ["s", "sø", "sør"]
    assert names["keys"][5]["text"] == "" and names["keys"][5]["rows"] == 40  # rubbed out: everyone again
    assert all(0 <= k["rows"] <= 40 for k in names["keys"])
    assert names["keys"][8]["rows"] >= 1  # a real youth's first name matches at least that youth
    assert names["filter_ran"]
    assert 0 < names["median_ms"] <= names["max_ms"]

    dl = sections["deadlines"]
    assert dl["youths"] == 40 and dl["deadlines"] > 40 and dl["one_youth_samples"] == 30
    assert 0 < dl["load_ms"]["median"] <= dl["total_ms"]["median"]

    assert {t["status"] for t in report["targets"]} == {"SKIP"}  # only the 40 office ran: no target applies


def run_keys(first_name: str) -> list[str]:
    keys: list[str] = _harness().keystrokes(first_name)
    return keys
