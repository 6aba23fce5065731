"""NavDesk benchmarks: start-up, portfolio load and name-filter latency on synthetic offices.

``python -m benchmarks.run [--sizes 40,2000,50000] [--repeat 5] [--out bench-out] [--only a,b]
[--importtime] [--no-fail]``

For each size a SQLCipher office keyed with a raw key (the office default: key in the keyring, no
key derivation) is built with :func:`navdesk.demo.build_demo`, or reused from ``OUT/offices`` when
one exists for the same size, seed, schema (head revision + a hash of the migrations and the demo
generator) and date. Then, per size:

* ``startup`` (subprocesses): wall time from spawning ``python -m navdesk --db OFFICE`` with
  ``NAVDESK_BENCH_READY=1`` until its ``NAVDESK_READY <peak_rss_kb>`` line is read, interleaved with
  the same for ``python benchmarks/bare_window.py``; one discarded warm-up run each. Both are started
  from the small launcher in :mod:`benchmarks.spawn`, so the peak RSS they report is their own.
* ``portfolio_load`` (in-process): ``portfolio_rows`` + the portfolio model's ``set_rows``.
* ``name_filter`` (in-process, offscreen): per keystroke typed into the portfolio's search field,
  from just before the key is sent until the events it caused, painting included, are processed.

In-process sections run in a fresh worker process per size (``--worker``, internal), so a crash
loses that size's figures only. Targets are checked and printed as PASS/FAIL (exit code 1 on a
failure or a section error unless ``--no-fail``); all figures go to ``OUT/results.json``.
``--importtime`` adds ``python -X importtime -m navdesk`` on the 2,000 office (start-up diagnosis).

Adding a section (the deadline engine's "all deadlines for 50,000 youths", say)::

    @benchmark("deadlines", in_process=True, title="all deadlines")
    def bench_deadlines(ctx: Context) -> Json:
        with ctx.database().session() as session:
            ...  # time it ``ctx.repeat`` times; return {"median_ms": ..., ...}

    TARGETS.append(Target("all deadlines for 50,000 youths within 1 s", "deadlines", 50000, 1000.0,
                          "ms", lambda r: float(r["median_ms"])))

in this module or in a module ``benchmarks/bench_<name>.py`` (imported automatically before a run;
it imports ``from benchmarks.run import ...``, and this module, even when run with ``-m``, is that one).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.spawn import Spawn, SpawnError

REPO = Path(__file__).resolve().parent.parent
BARE_WINDOW = Path(__file__).resolve().with_name("bare_window.py")
LAUNCHER = Path(__file__).resolve().with_name("spawn.py")
DEFAULT_SIZES = (40, 2000, 50000)
SPAWN_TIMEOUT_S = 180.0
PASSPHRASE_ENV = "NAVDESK_PASSPHRASE"  # navdesk.db.keys.PASSPHRASE_ENV, kept import-free here

Json = dict[str, Any]


# --------------------------------------------------------------------------------------------------
# Offices


@dataclass(frozen=True)
class Office:
    """A built synthetic office: a SQLCipher file and its raw key (64 hex digits)."""

    size: int
    seed: int
    path: Path
    key_hex: str = field(repr=False)
    build_s: float | None = None  # None when reused from the cache

    @property
    def passphrase(self) -> str:
        return f"x'{self.key_hex}'"

    def child_env(self) -> dict[str, str]:
        """The environment a NavDesk (or bare-window) process is started with."""
        env = dict(os.environ)
        env.update(
            {
                "QT_QPA_PLATFORM": env.get("QT_QPA_PLATFORM") or "offscreen",
                "NAVDESK_BENCH_READY": "1",
                PASSPHRASE_ENV: self.passphrase,
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env


def office_stem(size: int, seed: int, head: str, today: date, fingerprint: str = "") -> str:
    tail = f"-{fingerprint}" if fingerprint else ""
    return f"office-{size}-seed{seed}-{head}{tail}-{today.isoformat()}"


def schema_fingerprint() -> str:
    """A short hash of the migrations and the demo generator: an office built by other code is stale
    even when the head revision's name is unchanged (migrations edited in place while developing)."""
    import navdesk.demo
    from navdesk.db.migrate import VERSIONS_DIR

    digest = hashlib.sha256()
    for file in [*sorted(VERSIONS_DIR.glob("*.py")), Path(navdesk.demo.__file__)]:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:8]


def _side_files(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def load_office(path: Path, size: int, seed: int = 1) -> Office:
    """An office built earlier (its key is in the ``.key`` file next to it)."""
    key_file = path.with_suffix(".key")
    return Office(size, seed, path, key_file.read_text(encoding="ascii").strip())


def ensure_office(out: Path, size: int, seed: int = 1, *, log: Callable[[str], None] = print) -> Office:
    """The cached office for this size, seed, schema (head + fingerprint) and date; built when missing."""
    from navdesk.db.migrate import head_revision

    folder = out.resolve() / "offices"
    folder.mkdir(parents=True, exist_ok=True)
    stem = office_stem(size, seed, head_revision(), date.today(), schema_fingerprint())
    path = folder / f"{stem}.db"
    if path.exists() and path.with_suffix(".key").exists():
        return load_office(path, size, seed)
    for stale in [
        *folder.glob(f"office-{size}-seed{seed}-*"),
        *folder.glob(f"tmp-office-{size}-seed{seed}-*"),
    ]:
        stale.unlink(missing_ok=True)  # another date or schema: rebuilt
    log(f"building a synthetic office of {size:,} youths (seed {seed}) …")
    tmp = folder / f"tmp-{stem}.db"
    try:
        key_hex, build_s = _build_office(tmp, size, seed)
    except BaseException:
        for leftover in _side_files(tmp):
            leftover.unlink(missing_ok=True)
        raise
    for src, dst in zip(_side_files(tmp), _side_files(path), strict=True):
        if src.exists():
            src.replace(dst)
    key_file = path.with_suffix(".key")
    key_file.write_text(key_hex + "\n", encoding="ascii")
    key_file.chmod(0o600)
    log(f"  built in {build_s:.1f} s → {path}")
    return Office(size, seed, path, key_hex, build_s)


def _build_office(path: Path, size: int, seed: int) -> tuple[str, float]:
    from navdesk.db.keys import new_raw_key
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    for stale in _side_files(path):
        stale.unlink(missing_ok=True)
    secret = new_raw_key()
    start = time.perf_counter()
    database, _mode = create_database(path, secret=secret, mode="passphrase")
    try:
        with database.session() as session, session.begin():
            build_demo(session, youths=size, seed=seed)
    finally:
        database.close()
    return secret.value, time.perf_counter() - start


@contextlib.contextmanager
def passphrase_env(office: Office) -> Iterator[None]:
    """NAVDESK_PASSPHRASE set to the office's raw key while opening it in this process."""
    old = os.environ.get(PASSPHRASE_ENV)
    os.environ[PASSPHRASE_ENV] = office.passphrase
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(PASSPHRASE_ENV, None)
        else:
            os.environ[PASSPHRASE_ENV] = old


# --------------------------------------------------------------------------------------------------
# Statistics


def summary(values: Sequence[float], scale: float = 1.0, digits: int = 4) -> Json:
    """Median, min and max of ``values`` (times ``scale``), and the values themselves."""
    scaled = [v * scale for v in values]
    return {
        "median": round(statistics.median(scaled), digits),
        "min": round(min(scaled), digits),
        "max": round(max(scaled), digits),
        "n": len(scaled),
        "runs": [round(v, digits) for v in scaled],
    }


# --------------------------------------------------------------------------------------------------
# Sections


@dataclass
class Context:
    """What a benchmark section gets: the office of one size, and a window shared in-process."""

    office: Office
    repeat: int
    out: Path
    log: Callable[[str], None] = print
    _database: Any = None
    _window: Any = None
    window_build_s: float | None = None

    @property
    def size(self) -> int:
        return self.office.size

    def database(self) -> Any:
        """The office opened in this process (``navdesk.db.engine.Database``)."""
        if self._database is None:
            from navdesk.db.opening import open_database

            with passphrase_env(self.office):
                self._database = open_database(self.office.path)
        return self._database

    def window(self) -> Any:
        """NavDesk's MainWindow on the office, shown offscreen with its events processed."""
        if self._window is None:
            from navdesk.services.context import actor_for
            from navdesk.ui.main_window import MainWindow

            app = qt_app()
            database = self.database()
            with database.session() as session:
                actor = actor_for(session)
            start = time.perf_counter()
            window = MainWindow(database, actor)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            self.window_build_s = time.perf_counter() - start
            self._window = window
        return self._window

    def close(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None
            qt_app().processEvents()
        if self._database is not None:
            self._database.close()
            self._database = None


BenchFn = Callable[[Context], Json]


@dataclass(frozen=True)
class Benchmark:
    """A named section: ``fn(ctx)`` returns a JSON-able dict for one office size."""

    fn: BenchFn
    in_process: bool
    title: str
    render: Callable[[Json], list[str]] | None = None


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(
    name: str, *, in_process: bool, title: str = "", render: Callable[[Json], list[str]] | None = None
) -> Callable[[BenchFn], BenchFn]:
    """Register a section. Subprocess sections run first for every size, in-process ones after."""

    def register(fn: BenchFn) -> BenchFn:
        BENCHMARKS[name] = Benchmark(fn, in_process, title or name, render)
        return fn

    return register


# ---- start-up -------------------------------------------------------------------------------------


def spawn_series(
    commands: dict[str, list[str]],
    order: Sequence[str],
    env: dict[str, str],
    timeout: float = SPAWN_TIMEOUT_S,
) -> list[tuple[str, Spawn]]:
    """Start ``commands[label]`` for each label in ``order``, one after the other, from the small
    launcher in :mod:`benchmarks.spawn` (so the peak RSS the children print is their own)."""
    job = {"commands": commands, "order": list(order), "cwd": str(REPO), "timeout": timeout}
    proc = subprocess.run(
        [sys.executable, str(LAUNCHER)], input=json.dumps(job), env=env, cwd=REPO, capture_output=True,
        text=True, timeout=timeout * (len(order) + 1),
    )  # fmt: skip
    if proc.returncode != 0:
        raise SpawnError(f"launcher exited with code {proc.returncode}: {proc.stderr[-2000:]}")
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    if "error" in answer:
        raise SpawnError(answer["error"])
    return [(run["label"], Spawn(float(run["seconds"]), int(run["rss_kb"]))) for run in answer["runs"]]


def app_command(office: Office) -> list[str]:
    return [sys.executable, "-m", "navdesk", "--db", str(office.path)]


def bare_command() -> list[str]:
    return [sys.executable, str(BARE_WINDOW)]


def _render_startup(r: Json) -> list[str]:
    app, bare = r["app_s"], r["bare_s"]
    return [
        f"start-up      app {app['median']:.3f} s (min {app['min']:.3f}, max {app['max']:.3f})   "
        f"bare {bare['median']:.3f} s (min {bare['min']:.3f}, max {bare['max']:.3f})   ratio {r['ratio']:.2f}×",
        f"peak RSS      app {r['app_rss_kb']['median'] / 1024:.1f} MiB   bare {r['bare_rss_kb']['median'] / 1024:.1f} MiB"
        f"   ratio {r['rss_ratio']:.2f}×",
    ]


def compile_bytecode() -> None:
    """Byte-compile NavDesk as an installation does (pip and the installers write .pyc files).

    Without it, a machine with PYTHONDONTWRITEBYTECODE set (this one has) compiles every NavDesk
    module from source on every start, ~35 ms that no installed copy pays, while the bare window's
    one script costs almost nothing.
    """
    import compileall

    compileall.compile_dir(str(REPO / "navdesk"), quiet=1)
    compileall.compile_file(str(REPO / "benchmarks" / "bare_window.py"), quiet=1)


@benchmark("startup", in_process=False, title="start-up vs a bare PySide6 window", render=_render_startup)
def bench_startup(ctx: Context) -> Json:
    compile_bytecode()
    commands = {"app": app_command(ctx.office), "bare": bare_command()}
    # one discarded run each warms the OS file cache and .pyc files; then interleaved, so drift hits both
    runs = spawn_series(commands, ["app", "bare"] * (ctx.repeat + 1), ctx.office.child_env())[2:]
    app = [spawn for label, spawn in runs if label == "app"]
    bare = [spawn for label, spawn in runs if label == "bare"]
    app_s, bare_s = summary([s.seconds for s in app]), summary([s.seconds for s in bare])
    app_rss = summary([s.rss_kb for s in app], digits=0)
    bare_rss = summary([s.rss_kb for s in bare], digits=0)
    return {
        "app_s": app_s,
        "bare_s": bare_s,
        "ratio": round(app_s["median"] / bare_s["median"], 3),
        "app_rss_kb": app_rss,
        "bare_rss_kb": bare_rss,
        "rss_ratio": round(app_rss["median"] / bare_rss["median"], 3) if bare_rss["median"] else None,
        "command": " ".join(app_command(ctx.office)[1:]),
    }


# ---- in-process: Qt --------------------------------------------------------------------------------


def qt_app() -> Any:
    """The harness's QApplication (offscreen unless QT_QPA_PLATFORM says otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])


def _render_load(r: Json) -> list[str]:
    return [
        f"portfolio     {r['rows']:,} rows: portfolio_rows {r['query_ms']['median']:.1f} ms + set_rows "
        f"{r['set_rows_ms']['median']:.1f} ms = {r['total_ms']['median']:.1f} ms median "
        f"(max {r['total_ms']['max']:.1f} ms); MainWindow built and shown in {r['window_build_ms']:.0f} ms"
    ]


@benchmark("portfolio_load", in_process=True, title="portfolio load (in-process)", render=_render_load)
def bench_portfolio_load(ctx: Context) -> Json:
    from navdesk.services.youths import portfolio_rows

    window = ctx.window()
    app = qt_app()
    model = window.portfolio.model
    database = ctx.database()
    query, set_rows, total = [], [], []
    rows: list[Any] = []
    for _ in range(ctx.repeat):
        app.processEvents()
        t0 = time.perf_counter()
        with database.session() as session:
            rows = portfolio_rows(session)
        t1 = time.perf_counter()
        model.set_rows(rows)
        t2 = time.perf_counter()
        query.append(t1 - t0)
        set_rows.append(t2 - t1)
        total.append(t2 - t0)
    app.processEvents()
    return {
        "rows": len(rows),
        "model_rows": int(model.rowCount()),
        "query_ms": summary(query, 1000, 2),
        "set_rows_ms": summary(set_rows, 1000, 2),
        "total_ms": summary(total, 1000, 2),
        "window_build_ms": round((ctx.window_build_s or 0.0) * 1000, 1),
    }


BACKSPACE = "<BS>"


def keystrokes(first_name: str) -> list[str]:
    """What a counsellor types: "sør", rubbed out, then a youth's first name's first letters, rubbed out."""
    prefix = first_name.strip()[:3] or "Ola"
    return ["s", "ø", "r", BACKSPACE, BACKSPACE, BACKSPACE, *prefix, *[BACKSPACE] * len(prefix)]


def _render_filter(r: Json) -> list[str]:
    trail = "  ".join(f"{k['text'] or '∅'!r}→{k['rows']}" for k in r["keys"])
    return [
        f"name filter   median {r['median_ms']:.1f} ms, max {r['max_ms']:.1f} ms per keystroke "
        f"({r['keystrokes']} keystrokes over {r['passes']} passes, {r['total_rows']:,} rows)",
        f"              visible rows: {trail}",
    ]


@benchmark("name_filter", in_process=True, title="name-filter latency per keystroke", render=_render_filter)
def bench_name_filter(ctx: Context) -> Json:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtTest import QTest

    window = ctx.window()
    app = qt_app()
    portfolio = window.portfolio
    edit, view, proxy = portfolio.search_edit, portfolio.view, portfolio.proxy

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    def pending_debounce() -> bool:
        """A short single-shot timer running in the portfolio (a debounced filter) is waited for."""
        return any(
            t.isActive() and t.isSingleShot() and t.interval() <= 1000 for t in portfolio.findChildren(QTimer)
        )

    counter = PaintCounter()
    viewport = view.viewport()
    viewport.installEventFilter(counter)
    first_name = _sample_first_name(ctx)
    sequence = keystrokes(first_name)
    try:
        window.activateWindow()
        edit.setFocus()
        edit.clear()
        app.processEvents()
        baseline_rows = int(proxy.rowCount())
        samples: list[float] = []
        per_key: list[list[float]] = [[] for _ in sequence]
        first_pass: list[Json] = []
        waited = False
        forced_repaints = 0
        for pass_no in range(ctx.repeat):
            for index, key in enumerate(sequence):
                paints = counter.paints
                t0 = time.perf_counter()
                if key == BACKSPACE:
                    QTest.keyClick(edit, Qt.Key.Key_Backspace)
                else:
                    QTest.keyClicks(edit, key)  # one character; keyClick(str) mangles non-ASCII (ø)
                app.processEvents()
                while pending_debounce():
                    waited = True
                    app.processEvents()
                if counter.paints == paints:  # nothing painted yet: paint now, inside the timing
                    viewport.repaint()
                    forced_repaints += 1
                elapsed = time.perf_counter() - t0
                samples.append(elapsed)
                per_key[index].append(elapsed)
                if pass_no == 0:
                    first_pass.append({"key": key, "text": edit.text(), "rows": int(proxy.rowCount())})
        for entry, times in zip(first_pass, per_key, strict=True):
            entry["median_ms"] = round(statistics.median(times) * 1000, 2)
            entry["max_ms"] = round(max(times) * 1000, 2)
    finally:
        viewport.removeEventFilter(counter)
        edit.clear()
        app.processEvents()
    stats = summary(samples, 1000, 2)
    return {
        "median_ms": stats["median"],
        "max_ms": stats["max"],
        "min_ms": stats["min"],
        "keystrokes": len(samples),
        "passes": ctx.repeat,
        "total_rows": baseline_rows,
        "first_name": first_name,
        "keys": first_pass,
        "paints": counter.paints,
        "forced_repaints": forced_repaints,
        "waited_for_debounce": waited,
        "filter_ran": any(k["rows"] != baseline_rows for k in first_pass),
    }


def _sample_first_name(ctx: Context) -> str:
    """A real youth's first name (the one in the middle of the portfolio), for a realistic prefix."""
    from navdesk.services.youths import portfolio_rows

    with ctx.database().session() as session:
        rows = sorted(portfolio_rows(session), key=lambda row: row.id)
    return str(rows[len(rows) // 2].first_name) if rows else "Ola"


# --------------------------------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Target:
    """A limit on one figure of one section for one size: PASS when ``value(result) <= limit``."""

    name: str
    section: str
    size: int
    limit: float
    unit: str
    value: Callable[[Json], float]
    detail: Callable[[Json], str] = field(default=lambda _r: "")

    def check(self, results: dict[int, dict[str, Json]]) -> Json:
        result = results.get(self.size, {}).get(self.section)
        if result is None or "error" in result:
            status, value, detail = "SKIP", None, "not run" if result is None else "error"
            if result is not None:
                status = "FAIL"
        else:
            value = round(self.value(result), 3)
            status = "PASS" if value <= self.limit else "FAIL"
            detail = self.detail(result)
        return {"name": self.name, "status": status, "value": value, "limit": self.limit, "unit": self.unit,
                "detail": detail}  # fmt: skip


TARGETS: list[Target] = [
    Target(
        "start-up with 2,000 youths at most 2.0× a bare PySide6 window",
        "startup", 2000, 2.0, "×", lambda r: float(r["ratio"]),
        lambda r: f"app {r['app_s']['median']:.3f} s vs bare {r['bare_s']['median']:.3f} s (medians)",
    ),
    Target(
        "portfolio of 50,000 youths open within 1 s (launch to the window painted with every row)",
        "startup", 50000, 1.0, "s", lambda r: float(r["app_s"]["max"]),
        lambda r: f"max {r['app_s']['max']:.3f} s, median {r['app_s']['median']:.3f} s; a bare window {r['bare_s']['median']:.3f} s",
    ),
    Target(
        "name filter on 50,000 youths within 50 ms per keystroke (max)",
        "name_filter", 50000, 50.0, "ms", lambda r: float(r["max_ms"]),
        lambda r: f"median {r['median_ms']:.1f} ms, max {r['max_ms']:.1f} ms over {r['keystrokes']} keystrokes",
    ),
]  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Import profile (start-up diagnosis)


def import_profile(office: Office, top: int = 25) -> Json:
    """``python -X importtime -m navdesk`` on the office: the slowest imports, cumulative."""
    env = office.child_env()
    cmd = [sys.executable, "-X", "importtime", "-m", "navdesk", "--db", str(office.path)]
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=SPAWN_TIMEOUT_S)
    modules: list[tuple[str, int, int]] = []  # (name, self µs, cumulative µs)
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        body = line.split(":", 1)[1]
        try:
            self_text, cumulative_text, module = body.split("|", 2)
            modules.append((module.rstrip()[1:], int(self_text), int(cumulative_text)))  # "  " per level
        except ValueError:
            continue
    packages: dict[str, int] = {}
    for module_name, self_us, _cum in modules:
        package = module_name.strip().split(".")[0]
        packages[package] = packages.get(package, 0) + self_us
    slowest: dict[str, int] = {}  # a module can be listed twice (``from pkg import sub``): the larger
    for module_name, _self, cumulative in modules:
        slowest[module_name.strip()] = max(cumulative, slowest.get(module_name.strip(), 0))
    top_level = sorted(((n.strip(), c) for n, _s, c in modules if not n.startswith(" ")), key=lambda x: -x[1])
    return {
        "total_import_ms": round(sum(s for _n, s, _c in modules) / 1000, 1),
        "by_package_ms": {
            k: round(v / 1000, 1) for k, v in sorted(packages.items(), key=lambda x: -x[1])[:top]
        },
        "top_level_cumulative_ms": {n: round(c / 1000, 1) for n, c in top_level[:top]},
        "slowest_cumulative_ms": {
            n: round(c / 1000, 1) for n, c in sorted(slowest.items(), key=lambda x: -x[1])[:top]
        },
        "exit_code": proc.returncode,
    }


# --------------------------------------------------------------------------------------------------
# Running and reporting


def run(
    sizes: Sequence[int],
    repeat: int,
    out: Path,
    *,
    only: Sequence[str] | None = None,
    seed: int = 1,
    importtime: bool = False,
    log: Callable[[str], None] = print,
) -> Json:
    """Run the chosen sections for every size; returns (and writes to ``out``) all figures."""
    out.mkdir(parents=True, exist_ok=True)
    names = list(only) if only else list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    offices: dict[int, Office] = {}
    for size in sizes:
        try:
            offices[size] = ensure_office(out, size, seed, log=log)
        except Exception as exc:
            raise SystemExit(
                f"could not build the office of {size:,} youths: {type(exc).__name__}: {exc}"
            ) from exc
    results: dict[int, dict[str, Json]] = {size: {} for size in sizes}
    ordered = [n for n in names if not BENCHMARKS[n].in_process] + [
        n for n in names if BENCHMARKS[n].in_process
    ]
    for size in sizes:  # subprocess sections first, for every size, while this process is idle
        results[size].update(run_sections(offices[size], [n for n in ordered if not BENCHMARKS[n].in_process],
                                          repeat, out, log))  # fmt: skip
    in_process = [n for n in ordered if BENCHMARKS[n].in_process]
    for size in sizes:  # then the in-process ones, in a fresh worker process per size
        if in_process:
            results[size].update(run_worker(offices[size], in_process, repeat, out, seed, log))
    report: Json = {
        "meta": _meta(sizes, repeat, seed),
        "offices": {
            str(size): {"path": str(o.path), "bytes": o.path.stat().st_size, "build_s": o.build_s}
            for size, o in offices.items()
        },
        "results": {str(size): sections for size, sections in results.items()},
        "targets": [t.check(results) for t in TARGETS],
    }
    if importtime:
        pick = 2000 if 2000 in offices else max(offices)
        log(f"[{pick:,}] python -X importtime -m navdesk …")
        report["import_profile"] = {"size": pick, **import_profile(offices[pick])}
    (out / "results.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return report


def run_sections(
    office: Office,
    names: Sequence[str],
    repeat: int,
    out: Path,
    log: Callable[[str], None] = print,
    done: Callable[[dict[str, Json]], None] | None = None,
) -> dict[str, Json]:
    """Run these sections on one office in this process; ``done`` gets the results after each."""
    ctx = Context(office, repeat, out, log)
    results: dict[str, Json] = {}
    try:
        for name in names:
            log(f"[{office.size:,}] {BENCHMARKS[name].title} …")
            results[name] = _run_section(name, ctx)
            if done is not None:
                done(results)
    finally:
        ctx.close()
    return results


def run_worker(
    office: Office,
    names: Sequence[str],
    repeat: int,
    out: Path,
    seed: int,
    log: Callable[[str], None] = print,
) -> dict[str, Json]:
    """In-process sections in a child ``python -m benchmarks.run --worker SIZE``: a crash (a segfault
    in Qt, say) costs that size's remaining sections, not the whole run, and every size starts from
    a fresh interpreter, as NavDesk itself would."""
    with tempfile.TemporaryDirectory(prefix="navdesk-bench-") as tmp:
        dest = Path(tmp) / "sections.json"
        cmd = [sys.executable, "-m", "benchmarks.run", "--worker", str(office.size), "--worker-json", str(dest),
               "--worker-db", str(office.path),
               "--repeat", str(repeat), "--out", str(out), "--seed", str(seed), "--only", ",".join(names)]  # fmt: skip
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM") or "offscreen"}
        proc = subprocess.run(
            cmd, cwd=REPO, env=env, stdout=None, stderr=subprocess.PIPE, text=True, errors="replace"
        )
        results: dict[str, Json] = json.loads(dest.read_text(encoding="utf-8")) if dest.exists() else {}
    if proc.returncode != 0:
        tail = proc.stderr.strip()[-1500:]
        log(f"  worker for {office.size:,} youths exited with code {proc.returncode}:\n{tail}")
        for name in names:
            results.setdefault(name, {"error": f"worker exited with code {proc.returncode}: {tail[-400:]}"})
    return results


def _run_section(name: str, ctx: Context) -> Json:
    start = time.perf_counter()
    try:
        result = BENCHMARKS[name].fn(ctx)
    except Exception as exc:  # one broken section must not hide the others' figures
        ctx.log(f"  {name} failed: {type(exc).__name__}: {exc}")
        return {"error": f"{type(exc).__name__}: {exc}"}
    result["section_s"] = round(time.perf_counter() - start, 2)
    return result


def _meta(sizes: Sequence[int], repeat: int, seed: int) -> Json:
    from navdesk import __version__
    from navdesk.db.migrate import head_revision

    try:
        import PySide6

        pyside = PySide6.__version__
    except Exception:  # pragma: no cover
        pyside = "?"
    return {
        "date": date.today().isoformat(),
        "navdesk": __version__,
        "schema_head": head_revision(),
        "python": platform.python_version(),
        "pyside6": pyside,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "qpa": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "sizes": list(sizes),
        "repeat": repeat,
        "seed": seed,
    }


def render(report: Json) -> str:
    """The readable table printed at the end of a run."""
    meta = report["meta"]
    lines = [
        "",
        f"NavDesk {meta['navdesk']} benchmarks — {meta['date']}, Python {meta['python']}, PySide6 "
        f"{meta['pyside6']}, {meta['cpus']} CPUs, QPA {meta['qpa']}, repeat {meta['repeat']}",
    ]
    for size, sections in report["results"].items():
        office = report["offices"][size]
        built = f"built in {office['build_s']:.1f} s" if office["build_s"] is not None else "cached"
        lines += ["", f"== {int(size):,} youths  ({office['bytes'] / 1e6:.1f} MB SQLCipher, {built}) =="]
        for name, result in sections.items():
            bench = BENCHMARKS.get(name)
            if "error" in result:
                lines.append(f"{name:<13} ERROR {result['error']}")
            elif bench is not None and bench.render is not None:
                lines += bench.render(result)
            else:
                scalars = ", ".join(f"{k}={v}" for k, v in result.items() if isinstance(v, int | float | str))
                lines.append(f"{name:<13} {scalars}")
    profile = report.get("import_profile")
    if profile:
        lines += ["", f"== imports (python -X importtime, {profile['size']:,} youths) =="]
        lines.append(f"total self time of all imports: {profile['total_import_ms']:.0f} ms; by package:")
        lines += [f"  {k:<28} {v:8.1f} ms" for k, v in list(profile["by_package_ms"].items())[:12]]
        lines.append("slowest imports, cumulative:")
        lines += [f"  {k:<40} {v:8.1f} ms" for k, v in list(profile["slowest_cumulative_ms"].items())[:15]]
    lines += ["", "== targets =="]
    for target in report["targets"]:
        value = "—" if target["value"] is None else f"{target['value']}{target['unit']}"
        lines.append(
            f"{target['status']:<4}  {target['name']}: {value} (limit {target['limit']}{target['unit']})"
            + (f"; {target['detail']}" if target["detail"] else "")
        )
    return "\n".join(lines)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="youths per office, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median reported)")
    parser.add_argument("--out", default="bench-out", help="folder for offices and results.json")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only", default="", help=f"sections to run, comma-separated ({', '.join(BENCHMARKS)})"
    )
    parser.add_argument(
        "--importtime", action="store_true", help="also profile start-up imports (-X importtime)"
    )
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target fails")
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)  # see run_worker
    parser.add_argument("--worker-json", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker-db", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def load_sections() -> list[str]:
    """Import every ``benchmarks/bench_*.py`` so their sections and targets register themselves."""
    import importlib
    import pkgutil

    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    for name in names:
        importlib.import_module(f"benchmarks.{name}")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    load_sections()
    args = parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    only = [s.strip() for s in args.only.split(",") if s.strip()] or None
    if args.worker is not None:
        return _worker_main(args, only or [])
    report = run(sizes, args.repeat, Path(args.out), only=only, seed=args.seed, importtime=args.importtime)
    print(render(report))
    print(f"\nresults: {Path(args.out) / 'results.json'}")
    failed = [t for t in report["targets"] if t["status"] == "FAIL"]
    errors = [n for sections in report["results"].values() for n, r in sections.items() if "error" in r]
    return 1 if (failed or errors) and not args.no_fail else 0


def _worker_main(args: argparse.Namespace, names: list[str]) -> int:
    office = load_office(Path(args.worker_db), args.worker, args.seed)
    dest = Path(args.worker_json)

    def save(results: dict[str, Json]) -> None:
        dest.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")

    run_sections(office, names, args.repeat, Path(args.out), done=save)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown (Qt objects, engines): nothing left to save


if __name__ == "__main__":
    # Run the imported ``benchmarks.run``, not this ``__main__`` copy: section modules register with it.
    from benchmarks import run as _harness

    sys.exit(_harness.main())
