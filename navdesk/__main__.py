"""Entry point: a sub-command runs in the terminal; without one the application opens."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from navdesk.cli import parse, run_command

    args = parse(argv)
    if args.command is None:
        from navdesk.ui.app import run

        return int(run(db=args.db, data_dir=args.data_dir, user=args.user))
    try:
        return run_command(args)
    except BrokenPipeError:  # output piped into `head` and the like
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
