"""Deadline engine benchmarks: all deadlines of the office, and one youth after an edit.

Loading the facts (SQL) and computing (pure Python) are timed apart and together, so it is clear
where time goes. Targets (issue: deadlines): all deadlines for 50,000 youths within 2 s (load and
compute together), one youth after an edit within 10 ms (load and compute for that youth).
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from benchmarks.run import TARGETS, Context, Json, Target, benchmark, summary


def _render(r: Json) -> list[str]:
    return [
        f"deadlines     {r['deadlines']:,} deadlines for {r['youths']:,} youths: load {r['load_ms']['median']:.0f} ms "
        f"+ compute {r['compute_ms']['median']:.0f} ms = {r['total_ms']['median']:.0f} ms median "
        f"(max {r['total_ms']['max']:.0f} ms)",
        f"              one youth after an edit: median {r['one_youth_ms']['median']:.2f} ms, "
        f"max {r['one_youth_ms']['max']:.2f} ms ({r['one_youth_samples']} youths)",
    ]


@benchmark("deadlines", in_process=True, title="deadline engine", render=_render)
def bench_deadlines(ctx: Context) -> Json:
    from navdesk.domain.deadlines.engine import compute_all
    from navdesk.services import deadlines

    today = date.today()
    database = ctx.database()
    load, comp, total = [], [], []
    count = youths = 0
    for _ in range(ctx.repeat):
        with database.session() as session:
            t0 = time.perf_counter()
            facts = deadlines.load_facts(session)
            settings = deadlines.rule_settings(session)
            chosen = deadlines.decisions(session)
            t1 = time.perf_counter()
            out: list[Any] = compute_all(facts, today, settings, chosen)
            t2 = time.perf_counter()
        load.append(t1 - t0)
        comp.append(t2 - t1)
        total.append(t2 - t0)
        count, youths = len(out), len(facts)
    ids = [f.id for f in facts]
    picks = random.Random(1).sample(ids, k=min(30, len(ids)))
    one = []
    with database.session() as session:
        deadlines.compute(session, today, [picks[0]])  # warm the statement cache
        for youth_id in picks:
            t0 = time.perf_counter()
            deadlines.compute(session, today, [youth_id])
            one.append(time.perf_counter() - t0)
    return {
        "youths": youths,
        "deadlines": count,
        "load_ms": summary(load, 1000, 1),
        "compute_ms": summary(comp, 1000, 1),
        "total_ms": summary(total, 1000, 1),
        "one_youth_ms": summary(one, 1000, 3),
        "one_youth_samples": len(one),
    }


TARGETS.append(
    Target("all deadlines for 50,000 youths within 2 s (load + compute)", "deadlines", 50000, 2000.0, "ms",
           lambda r: float(r["total_ms"]["median"]),
           lambda r: f"load {r['load_ms']['median']:.0f} ms + compute {r['compute_ms']['median']:.0f} ms")
)  # fmt: skip
TARGETS.append(
    Target("one youth's deadlines after an edit within 10 ms (50,000 office)", "deadlines", 50000, 10.0, "ms",
           lambda r: float(r["one_youth_ms"]["median"]),
           lambda r: f"median {r['one_youth_ms']['median']:.2f} ms, max {r['one_youth_ms']['max']:.2f} ms")
)  # fmt: skip
