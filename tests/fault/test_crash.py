"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it said was saved.

The writer (benchmarks/crash_writer.py) writes through the use cases into a real SQLCipher file and
records an id only after its commit returned; it is killed 200 times (``make stress``: 1,000).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from benchmarks import stress


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_two_hundred_kills_lose_nothing(tmp_path: Path) -> None:
    figures = stress.run(tmp_path, kills=200, max_delay=0.4, seed=9)
    print(figures.summary())
    assert figures.kills == 200
    assert figures.integrity == "ok"
    assert figures.losses == 0
    assert figures.problems == []
    # the kills landed while writing, not only while the writer was starting
    assert figures.writes > 200
    assert figures.kills - figures.kills_before_first_write > 100


def test_the_check_sees_a_lost_write_and_a_lost_change(tmp_path: Path) -> None:
    """The verifier is not a rubber stamp: a recorded id that is not in the file counts as lost."""
    db_path, records = tmp_path / "stress.db", tmp_path / "committed.txt"
    stress.create_office_db(db_path)
    figures = stress.kill_cycles(db_path, records, kills=2, min_delay=0.5, max_delay=0.6, seed=3)
    good = stress.verify(db_path, records, stress.Figures(kills=figures.kills))
    assert good.ok and good.writes > 0
    with records.open("a") as fh:
        fh.write(f"contact {uuid.uuid4()}\n")
        fh.write(f"update {uuid.uuid4()} 1\n")
    bad = stress.verify(db_path, records, stress.Figures())
    assert bad.losses == 2 and not bad.ok
