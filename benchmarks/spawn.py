"""Time processes until they print ``NAVDESK_READY <peak_rss_kb>``; stdlib only.

Run as a script (``python benchmarks/spawn.py`` with a JSON job on stdin) it is the *launcher* the
harness starts the measured processes from. That matters for the memory figure: on Linux a process's
``ru_maxrss`` survives ``execve`` and Python starts children with ``vfork``, so a child reports at
least the peak RSS of the process that spawned it. Spawned from the harness (which has just built a
50,000-youth office) even the bare window would "use" hundreds of MiB; spawned from this small
launcher the figures are the children's own.

Job: ``{"commands": {"app": [...], "bare": [...]}, "order": ["app", "bare", ...], "cwd": "...",
"timeout": 180}``; answer on stdout: ``{"runs": [{"label": "app", "seconds": 0.41, "rss_kb": 130000},
...]}`` or ``{"error": "..."}``. The environment is inherited.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

READY = "NAVDESK_READY"


@dataclass(frozen=True)
class Spawn:
    """One start: wall time from spawning until the ready line was read, and the peak RSS it printed."""

    seconds: float
    rss_kb: int


class SpawnError(RuntimeError):
    pass


def spawn_until_ready(
    cmd: Sequence[str],
    env: Mapping[str, str] | None = None,
    *,
    cwd: str | Path | None = None,
    timeout: float = 180.0,
) -> Spawn:
    """Start ``cmd`` and time it until it prints ``NAVDESK_READY <rss>``; it must then exit 0."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None, cwd=cwd, text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        seconds: float | None = None
        rss_kb = 0
        seen: list[str] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith(READY):
                    seconds = time.perf_counter() - start
                    parts = line.split()
                    rss_kb = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
                    break
                seen.append(line)
            seen.append(proc.stdout.read())
            code = proc.wait()
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if seconds is None or code != 0:
            err.seek(0)
            what = "exited" if seconds is None else "printed NAVDESK_READY but exited"
            raise SpawnError(
                f"{' '.join(cmd)} {what} with code {code}\n"
                f"stdout: {''.join(seen)[-1500:]}\nstderr: {err.read()[-3000:]}"
            )
    return Spawn(seconds, rss_kb)


def main() -> int:
    job = json.load(sys.stdin)
    commands: dict[str, list[str]] = job["commands"]
    runs = []
    try:
        for label in job["order"]:
            spawn = spawn_until_ready(
                commands[label], cwd=job.get("cwd"), timeout=float(job.get("timeout", 180))
            )
            runs.append({"label": label, "seconds": spawn.seconds, "rss_kb": spawn.rss_kb})
    except SpawnError as exc:
        print(json.dumps({"error": str(exc), "runs": runs}))
        return 0
    print(json.dumps({"runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
