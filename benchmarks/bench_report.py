"""The office report (issue 10): every indicator for the whole office over the last twelve months,
computed from the data (:func:`navdesk.services.reports.build_report`), then rendered (suppressed)
and written as the A4 PDF. Target: the report computed for the 50,000-youth office within 5 s.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from benchmarks.run import TARGETS, Context, Json, Target, benchmark, summary


def _render(r: Json) -> list[str]:
    return [
        f"report        {r['periods']:,} periods registered in the year, {r['tables']} tables: computed "
        f"{r['compute_ms']['median']:.0f} ms median (max {r['compute_ms']['max']:.0f} ms); suppressed and "
        f"written as a {r['pages']}-page PDF in {r['pdf_ms']['median']:.0f} ms",
    ]


@benchmark("report", in_process=True, title="office report", render=_render)
def bench_report(ctx: Context) -> Json:
    from navdesk.documents.report import render_report
    from navdesk.services.reports import ReportParams, build_report

    today = date.today()
    params = ReportParams(today - timedelta(days=365), today, None, "nb", today)
    database = ctx.database()
    compute, pdf = [], []
    periods = tables = pages = 0
    for _ in range(ctx.repeat):
        with database.session() as session:
            t0 = time.perf_counter()
            report = build_report(session, params)
            t1 = time.perf_counter()
        data = render_report(report)
        t2 = time.perf_counter()
        compute.append(t1 - t0)
        pdf.append(t2 - t1)
        table = next(t for t in report.tables if t.key == "followup_8w")
        periods = sum(int(row[0] or 0) for row in table.cells)  # type: ignore[attr-defined]
        tables = len(report.tables)
        pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
    return {"compute_ms": summary(compute, 1000), "pdf_ms": summary(pdf, 1000), "periods": periods,
            "tables": tables, "pages": pages}  # fmt: skip


TARGETS.append(
    Target("the office report for 50,000 youths within 5 s (computed from the data)", "report", 50000, 5000.0, "ms",
           lambda r: float(r["compute_ms"]["max"]),
           lambda r: f"median {r['compute_ms']['median']:.0f} ms, max {r['compute_ms']['max']:.0f} ms; "
                     f"PDF {r['pdf_ms']['median']:.0f} ms")
)  # fmt: skip
