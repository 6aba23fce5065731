"""Printed meeting summaries (møtereferat): one at a time, and a batch of 100.

Each summary is read from the office (:func:`navdesk.services.summaries.summary_data`) and rendered
to PDF bytes (:func:`navdesk.documents.summary.render_summary`); the two are timed apart and
together. The very first summary in a fresh process is reported on its own: it pays for importing
ReportLab and registering the DejaVu fonts, once. Targets (issue 6): one summary within 300 ms (the
first one included), 100 in a batch within 20 s.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from benchmarks.run import TARGETS, Context, Json, Target, benchmark, summary

BATCH = 100
SINGLES = 30


def _render(r: Json) -> list[str]:
    return [
        f"summary       first in the process {r['first_ms']:.0f} ms (ReportLab imported: {r['first_imports']}); "
        f"then read {r['load_ms']['median']:.1f} ms + render {r['render_ms']['median']:.1f} ms = "
        f"{r['single_ms']['median']:.1f} ms median (max {r['single_ms']['max']:.1f} ms; {r['singles']} summaries, "
        f"both variants, {r['meetings']:,} meetings)",
        f"              batch of {r['batch']} summaries: {r['batch_s']['median']:.2f} s median "
        f"(max {r['batch_s']['max']:.2f} s); {r['pdf_kb']:.0f} kB per PDF on average",
        f"              the same {r['batch']} saved as one PDF: {r['one_file_s']['median']:.2f} s median "
        f"(max {r['one_file_s']['max']:.2f} s), {r['one_file_kb']:,} kB",
    ]


@benchmark("summary", in_process=True, title="meeting summary PDF (møtereferat)", render=_render)
def bench_summary(ctx: Context) -> Json:
    database = ctx.database()
    ids = _meeting_ids(database)
    if not ids:
        raise RuntimeError("the office has no meetings")
    imports = "reportlab.platypus" not in sys.modules
    t0 = time.perf_counter()
    from navdesk.documents.summary import (
        FULL,
        YOUTH_VARIANT,
        SummaryOptions,
        render_summaries,
        render_summary,
    )
    from navdesk.services.summaries import summary_data

    options = {v: SummaryOptions(variant=v, printed_by="Kari Nordmann (KN)", printed_on=date.today())
               for v in (FULL, YOUTH_VARIANT)}  # fmt: skip
    with database.session() as session:
        first_pdf = render_summary(summary_data(session, ids[0]), options[FULL])
    first = time.perf_counter() - t0
    assert first_pdf.startswith(b"%PDF")

    load, render, single = [], [], []
    for i in range(SINGLES):
        meeting_id = ids[i % len(ids)]
        variant = FULL if i % 2 == 0 else YOUTH_VARIANT
        t0 = time.perf_counter()
        with database.session() as session:  # one print: its own short session, as the GUI does
            data = summary_data(session, meeting_id)
        t1 = time.perf_counter()
        render_summary(data, options[variant])
        t2 = time.perf_counter()
        load.append(t1 - t0)
        render.append(t2 - t1)
        single.append(t2 - t0)

    batch, sizes = [], []
    for _ in range(ctx.repeat):
        t0 = time.perf_counter()
        with database.session() as session:  # the batch worker: one session, one PDF per meeting
            for i in range(BATCH):
                sizes.append(len(render_summary(summary_data(session, ids[i % len(ids)]), options[FULL])))
        batch.append(time.perf_counter() - t0)
    one_file, one_kb = [], 0.0
    for _ in range(ctx.repeat):
        t0 = time.perf_counter()
        with database.session() as session:  # "save all as one PDF": one document, 100 summaries
            items = [(summary_data(session, ids[i % len(ids)]), options[FULL]) for i in range(BATCH)]
        one_kb = len(render_summaries(items)) / 1024
        one_file.append(time.perf_counter() - t0)
    return {
        "meetings": len(ids),
        "first_ms": round(first * 1000, 1),
        "first_imports": imports,
        "load_ms": summary(load, 1000, 2),
        "render_ms": summary(render, 1000, 2),
        "single_ms": summary(single, 1000, 2),
        "singles": len(single),
        "batch": BATCH,
        "batch_s": summary(batch, 1, 3),
        "pdf_kb": sum(sizes) / len(sizes) / 1024,
        "one_file_s": summary(one_file, 1, 3),
        "one_file_kb": round(one_kb),
    }


def _meeting_ids(database: Any) -> list[Any]:
    """Held meetings first (they have summaries and actions), then the rest, in time order."""
    from sqlalchemy import select

    from navdesk.db.models import Meeting
    from navdesk.domain.enums import MeetingStatus

    with database.session() as session:
        rows = session.execute(
            select(Meeting.id, Meeting.status).order_by(Meeting.starts_at, Meeting.id)
        ).all()
    return [r.id for r in rows if r.status == MeetingStatus.GJENNOMFORT] + [
        r.id for r in rows if r.status != MeetingStatus.GJENNOMFORT
    ]


for _size in (2000, 50000):
    TARGETS.append(
        Target(f"one meeting summary within 300 ms ({_size:,} office; the first in the process included)",
               "summary", _size, 300.0, "ms", lambda r: max(float(r["first_ms"]), float(r["single_ms"]["max"])),
               lambda r: f"first {r['first_ms']:.0f} ms; then median {r['single_ms']['median']:.1f} ms, "
                         f"max {r['single_ms']['max']:.1f} ms")
    )  # fmt: skip
TARGETS.append(
    Target("100 meeting summaries in a batch within 20 s (2,000 office)", "summary", 2000, 20.0, "s",
           lambda r: float(r["batch_s"]["max"]),
           lambda r: f"median {r['batch_s']['median']:.2f} s, max {r['batch_s']['max']:.2f} s")
)  # fmt: skip
