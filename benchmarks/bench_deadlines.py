"""Deadline engine benchmarks: all deadlines of the office, and one youth after an edit.

Loading the facts (SQL) and computing (pure Python) are timed apart and together, so it is clear
where time goes. Targets (issue: deadlines): all deadlines for 50,000 youths within 2 s (load and
compute together), one youth after an edit within 10 ms (load and compute for that youth).

The app keeps each youth's result while it holds (decision 0009), so three starts are timed: with
nothing stored (the first start after an upgrade or a rule change), the same day, and the next
morning (the stored results of the day before; youths whose dates ran out are recomputed). The 2 s
target is checked on the morning start, the start a veileder makes every day; the other figures are
reported next to it.
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from benchmarks.run import TARGETS, Context, Json, Target, benchmark, summary


def _render(r: Json) -> list[str]:
    return [
        f"deadlines     {r['deadlines']:,} deadlines for {r['youths']:,} youths, all computed from the data: "
        f"load {r['load_ms']['median']:.0f} ms + compute {r['compute_ms']['median']:.0f} ms = "
        f"{r['total_ms']['median']:.0f} ms median (max {r['total_ms']['max']:.0f} ms)",
        f"              with the stored results: first start {r['cold_ms']['median']:.0f} ms "
        f"(+ storing {r['save_ms']['median']:.0f} ms in the background); next start the same day "
        f"{r['warm_ms']['median']:.0f} ms; next morning {r['next_day_ms']['median']:.0f} ms "
        f"(max {r['next_day_ms']['max']:.0f} ms; {r['next_day_recomputed']:,} youths recomputed)",
        f"              one youth after an edit: median {r['one_youth_ms']['median']:.2f} ms, "
        f"max {r['one_youth_ms']['max']:.2f} ms ({r['one_youth_samples']} youths)",
    ]


@benchmark("deadlines", in_process=True, title="deadline engine", render=_render)
def bench_deadlines(ctx: Context) -> Json:
    from datetime import timedelta

    from navdesk.domain.deadlines.engine import compute_all
    from navdesk.services import deadline_cache, deadlines

    today = date.today()
    database = ctx.database()
    load, comp, total, cold, save, warm, next_day = [], [], [], [], [], [], []
    count = youths = recomputed = 0
    for _ in range(ctx.repeat):
        # 1. everything from the data (the engine alone; what a rule change costs)
        with database.session() as session, deadline_cache.gc_paused():
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
        del facts, out
        # 2. the app's way: the first start with nothing stored, then storing it (background)
        with database.session() as session, session.begin():
            deadline_cache.clear(session)
        t0 = time.perf_counter()
        with database.session() as session:
            book = deadlines.DeadlineBook.build(session, today)
        t1 = time.perf_counter()
        book.save_cache(database.session)
        t2 = time.perf_counter()
        cold.append(t1 - t0)
        save.append(t2 - t1)
        del book
        # 3. the next start the same day, and the next morning (results whose dates ran out recomputed)
        for day, into in ((today, warm), (today + timedelta(days=1), next_day)):
            t0 = time.perf_counter()
            with database.session() as session:
                book = deadlines.DeadlineBook.build(session, day)
            into.append(time.perf_counter() - t0)
            assert book.loaded is not None
            if day != today:
                recomputed = len(book.loaded.fresh)
            assert sum(len(v) for k, v in book.by_youth.items() if k is not None) >= count * 0.9
            del book
    ids = [row[0] for row in _youth_ids(database)]
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
        "cold_ms": summary(cold, 1000, 1),
        "save_ms": summary(save, 1000, 1),
        "warm_ms": summary(warm, 1000, 1),
        "next_day_ms": summary(next_day, 1000, 1),
        "next_day_recomputed": recomputed,
        "one_youth_ms": summary(one, 1000, 3),
        "one_youth_samples": len(one),
    }


def _youth_ids(database: Any) -> list[Any]:
    from sqlalchemy import select

    from navdesk.db.models import Youth

    with database.session() as session:
        return list(session.execute(select(Youth.id)))


TARGETS.append(
    Target("all deadlines for 50,000 youths within 2 s (a start the morning after; stored results)", "deadlines",
           50000, 2000.0, "ms", lambda r: float(r["next_day_ms"]["max"]),
           lambda r: f"next morning max {r['next_day_ms']['max']:.0f} ms ({r['next_day_recomputed']:,} youths recomputed); "
                     f"same day {r['warm_ms']['median']:.0f} ms; nothing stored {r['cold_ms']['median']:.0f} ms; "
                     f"engine alone from the data {r['total_ms']['median']:.0f} ms")
)  # fmt: skip
TARGETS.append(
    Target("one youth's deadlines after an edit within 10 ms (50,000 office)", "deadlines", 50000, 10.0, "ms",
           lambda r: float(r["one_youth_ms"]["median"]),
           lambda r: f"median {r['one_youth_ms']['median']:.2f} ms, max {r['one_youth_ms']['max']:.2f} ms")
)  # fmt: skip
