"""Fault fixtures: a real tiny filesystem (tmpfs) to fill up, and a real database on it."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 12 MiB tmpfs mounted for the test (root only; CI runs as root). Unmounted afterwards."""
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("the mount command is not installed")
    point = tmp_path / "disk"
    point.mkdir()
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=12m,mode=0700", "tmpfs", str(point)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {result.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


class Filler:
    """Fills a filesystem to the last byte with one file; ``free()`` deletes it again."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "fyll.bin"

    def fill(self) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 20, 1 << 16, 4096, 512, 1):
                chunk = b"\0" * size
                while True:
                    try:
                        os.write(fd, chunk)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break
        finally:
            os.close(fd)
        probe = self.path.with_name("probe")
        with pytest.raises(OSError) as err:  # the disk really is full now
            probe.write_bytes(b"x" * 4096)
        assert err.value.errno == errno.ENOSPC
        probe.unlink(missing_ok=True)

    def free(self) -> None:
        self.path.unlink()


@pytest.fixture
def filler(tiny_disk: Path) -> Filler:
    return Filler(tiny_disk)
