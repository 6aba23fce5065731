"""The entry point tells GUI starts from commands without building the whole CLI."""

from __future__ import annotations

from navdesk.__main__ import gui_options


def test_gui_options_only():
    assert gui_options([]) == {}
    assert gui_options(["--db", "x.db"]) == {"--db": "x.db"}
    assert gui_options(["--db=x.db", "--user", "KN", "--lang", "nn"]) == {
        "--db": "x.db",
        "--user": "KN",
        "--lang": "nn",
    }


def test_anything_else_goes_to_the_full_parser():
    for argv in (["demo"], ["--help"], ["--version"], ["--db"], ["--db", "--user"], ["--db", "a", "--db", "b"],
                 ["--db", "x.db", "list", "youths"], ["--dbx", "y"], ["-h"]):  # fmt: skip
        assert gui_options(argv) is None, argv
