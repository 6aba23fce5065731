"""The Windows icon (installers/windows/navdesk.ico) is the app SVG, rendered at every size Windows uses.

Fails when the SVG changed and ``python installers/make_icon.py`` was not run again.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PIL import Image, ImageChops

from tests.packaging.bundle import INSTALLERS


def _make_icon() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icon", INSTALLERS / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ico_has_every_size_and_matches_the_app_svg(qapp: object) -> None:
    make_icon = _make_icon()
    ico = Image.open(make_icon.ICO)
    assert ico.format == "ICO"
    assert set(ico.info["sizes"]) == {(s, s) for s in make_icon.SIZES} and (256, 256) in ico.info["sizes"]
    svg = make_icon.app_icon_svg()
    assert svg.is_file()
    for size in (16, 48, 256):
        ico.size = (size, size)
        ico.load()
        stored = ico.convert("RGBA")
        fresh = make_icon.render(svg, size)
        assert stored.size == fresh.size == (size, size)
        worst = max(band[1] for band in ImageChops.difference(stored, fresh).getextrema())
        assert worst <= 8, (
            f"{make_icon.ICO.name} at {size} px differs from {svg.name}: run installers/make_icon.py"
        )
        assert stored.getpixel((0, 0))[3] == 0 and stored.getpixel((size // 2, size // 2))[3] == 255


def test_write_ico_round_trip(tmp_path: Path, qapp: object) -> None:
    make_icon = _make_icon()
    out = tmp_path / "x.ico"
    make_icon.write_ico(make_icon.app_icon_svg(), out)
    assert Image.open(out).info["sizes"] == Image.open(make_icon.ICO).info["sizes"]
