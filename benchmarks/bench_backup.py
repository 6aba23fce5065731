"""Backup and restore of the office database (navdesk.services.backup), on the SQLCipher office.

Timed apart: a backup to a folder (online backup API, row counts and checksum for the manifest,
rotation), verifying a backup (checksum, key, ``PRAGMA integrity_check``, row counts) and a whole
restore (verify, copy, keep the current database, rename). The restore goes into a copy of the
office, never the office itself. No target is set by the issue; the figures are reported.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.run import Context, Json, benchmark, summary


def _render(r: Json) -> list[str]:
    return [
        f"backup        {r['size_mb']:.1f} MB database: backup {r['backup_s']['median']:.2f} s median "
        f"(max {r['backup_s']['max']:.2f} s), verify {r['verify_s']['median']:.2f} s, "
        f"restore (verify included) {r['restore_s']['median']:.2f} s median (max {r['restore_s']['max']:.2f} s)",
    ]


@benchmark("backup", in_process=True, title="backup and verified restore", render=_render)
def bench_backup(ctx: Context) -> Json:
    from navdesk.db.keys import Secret
    from navdesk.services import backup

    secret = Secret.from_user_text(ctx.office.passphrase)
    source = ctx.office.path
    made, verified, restored = [], [], []
    with tempfile.TemporaryDirectory(prefix="navdesk-bench-backup-") as tmp:
        folder = Path(tmp) / "backups"
        folder.mkdir()
        target = Path(tmp) / "office-copy.db"
        info = None
        for _ in range(ctx.repeat):
            t0 = time.perf_counter()
            info, _removed = backup.backup_to_folder(source, secret, folder)
            made.append(time.perf_counter() - t0)
        assert info is not None
        for _ in range(ctx.repeat):
            t0 = time.perf_counter()
            backup.verify_backup(info.path, [secret])
            verified.append(time.perf_counter() - t0)
        for _ in range(ctx.repeat):
            shutil.copyfile(source, target)
            t0 = time.perf_counter()
            result = backup.restore_file(info.path, target, secrets=[secret], target_secret=secret)
            restored.append(time.perf_counter() - t0)
            assert result.kept is not None
            result.kept.unlink()
        size = info.size
    return {
        "size_mb": round(size / (1 << 20), 2),
        "rows": sum(info.rows.values()),
        "backup_s": summary(made, 1, 3),
        "verify_s": summary(verified, 1, 3),
        "restore_s": summary(restored, 1, 3),
    }
