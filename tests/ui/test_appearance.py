"""Light and dark appearance, focus you can see, text that grows with the system font, and icons sharp on
high-DPI screens. No desktop appearance or scale can be observed here, so each is forced: the
appearance through NAVDESK_APPEARANCE / the colour-scheme signal, the scale through QT_SCALE_FACTOR in
a subprocess, the text size through the application font."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navdesk.ui import theme
from tests.ui.conftest import DEMO_DAY, open_window

ROLES = QPalette.ColorRole
TEXT_PAIRS = [  # (text role, background role): the main roles a user reads
    (ROLES.WindowText, ROLES.Window), (ROLES.Text, ROLES.Base), (ROLES.Text, ROLES.AlternateBase),
    (ROLES.ButtonText, ROLES.Button), (ROLES.HighlightedText, ROLES.Highlight),
    (ROLES.ToolTipText, ROLES.ToolTipBase), (ROLES.PlaceholderText, ROLES.Base), (ROLES.Link, ROLES.Base),
]  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def appearance(qapp: QApplication) -> Iterator[Any]:
    """``appearance("dark")`` forces an appearance; the light one is put back afterwards."""

    def force(which: str) -> str:
        return theme.apply_appearance(qapp, which)

    yield force
    theme.apply_appearance(qapp, theme.LIGHT)
    assert not theme.is_dark()


def test_contrast_formula_matches_wcag() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("which", [theme.LIGHT, theme.DARK])
def test_palette_and_theme_colours_are_readable(qapp: QApplication, appearance: Any, which: str) -> None:
    assert appearance(which) == which
    palette = qapp.palette()
    lightness = palette.color(ROLES.Window).lightnessF()
    assert (lightness < 0.3) if which == theme.DARK else (lightness > 0.7)
    assert theme.is_dark() == (which == theme.DARK)
    low = []
    for text, background in TEXT_PAIRS:
        ratio = theme.contrast_ratio(palette.color(text), palette.color(background))
        if ratio < 4.5:
            low.append(f"{text.name} on {background.name}: {ratio:.2f}")
    backgrounds = {"Window": palette.color(ROLES.Window), "Base": palette.color(ROLES.Base)}
    for name, extra in theme.TEXT_ON.items():
        for bg_name, bg in [*backgrounds.items(), *((b, theme.qcolor(b)) for b in extra)]:
            ratio = theme.contrast_ratio(theme.qcolor(name), bg)
            if ratio < 4.5:
                low.append(f"{name} on {bg_name}: {ratio:.2f}")
    assert low == []


def test_theme_colours_differ_between_appearances(appearance: Any) -> None:
    appearance(theme.LIGHT)
    light = {name: theme.colour(name) for name in theme.COLOURS}
    appearance(theme.DARK)
    dark = {name: theme.colour(name) for name in theme.COLOURS}
    assert all(light[n] != dark[n] for n in theme.COLOURS)
    assert theme.css("color: {warn};") == f"color: {theme.COLOURS['warn'][1]};"


def test_forced_by_the_environment_and_following_the_system(
    qapp: QApplication, appearance: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(theme.APPEARANCE_ENV, "dark")
    assert theme.wanted_appearance() == theme.DARK
    assert appearance(None) == theme.DARK and theme.is_dark()
    monkeypatch.setenv(theme.APPEARANCE_ENV, "nonsense")  # ignored: the system decides
    assert theme.forced_appearance() is None
    appearance(theme.LIGHT)
    theme.follow_system(qapp)  # as make_app does
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what Qt sends when the desktop turns dark
    assert theme.is_dark() and qapp.palette().color(ROLES.Window).lightnessF() < 0.3
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark()


def _tab_to(qtbot: Any, window: QWidget, target: QWidget) -> None:
    for _press in range(20):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError("Tab did not reach the widget")


@pytest.mark.parametrize("which", [theme.LIGHT, theme.DARK])
def test_keyboard_focus_is_visible(qtbot: Any, appearance: Any, which: str) -> None:
    """A button reached with Tab looks different from the same button without focus."""
    appearance(which)
    from PySide6.QtWidgets import QCheckBox, QLineEdit

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, button, check, edit = QPushButton("Før"), QPushButton("Lagre"), QCheckBox("Valg"), QLineEdit()
    for widget in (first, button, check, edit):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    for widget in (button, check, edit):
        first.setFocus()
        unfocused = widget.grab().toImage()
        _tab_to(qtbot, window, widget)
        focused = widget.grab().toImage()
        changed = _changed_pixels(unfocused, focused)
        assert changed > 20, (type(widget).__name__, changed)


def _changed_pixels(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


def test_a_dark_window_is_dark_through_and_through(
    qtbot: Any, fixed_db: Any, ui_settings: Any, appearance: Any, tmp_path: Path
) -> None:
    """The portfolio and a record in dark appearance: dark backgrounds, light text, the theme's dark
    colours in the record's style sheets (no light panel left behind)."""
    appearance(theme.DARK)
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.load_deadlines()
    table = window.portfolio.view
    assert table.palette().color(ROLES.Base).lightnessF() < 0.3
    image = window.grab().toImage()
    assert _mean_lightness(image) < 0.35
    youth = next(r for r in window.portfolio.model.rows() if r.registered)
    record = window.open_record(youth.id)
    assert theme.COLOURS["panel_bg"][1] in record.header.styleSheet()
    assert theme.COLOURS["panel_bg"][0] not in record.header.styleSheet()
    assert _mean_lightness(record.grab().toImage()) < 0.35
    record.close()


def _mean_lightness(image: QImage) -> float:
    step = 7
    values = [
        QColor(image.pixel(x, y)).lightnessF()
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    ]
    return sum(values) / len(values)


def test_text_grows_with_the_system_font(
    qtbot: Any, qapp: QApplication, fixed_db: Any, ui_settings: Any
) -> None:
    """With the system font 1.5 times larger, the navigation, headings and buttons grow with it and no
    button or one-line label is cut off."""
    normal = qapp.font()
    small = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    small_nav, small_icon = small.nav.width(), small.nav.iconSize().width()
    small.close()
    big_font = QFont(normal)
    big_font.setPointSizeF(normal.pointSizeF() * 1.5)
    qapp.setFont(big_font)
    try:
        window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
        window.resize(1600, 1000)
        assert window.nav.width() > small_nav * 1.2
        assert window.nav.iconSize().width() > small_icon * 1.3
        cut = []
        youth = next(r for r in window.portfolio.model.rows() if r.registered)
        record = window.open_record(youth.id)
        record.resize(900, 700)  # narrower than its content at this size: it must scroll, not cut
        from navdesk.ui.dialogs.youth_form import YouthForm

        form = YouthForm(window.database, window.actor, parent=window)
        form.show()
        screens = [
            (key, None) for key in ("portfolio", "deadlines", "meetings", "jobbklubb", "partners", "reports")
        ]
        for key, place in [*screens, ("record", record), ("youth form", form)]:
            if place is None:
                window.show_screen(key)
            QApplication.processEvents()
            screen = place or window.stack.currentWidget()
            for area in screen.findChildren(QScrollArea):
                inner = area.widget()
                no_sideways = area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                too_wide = inner is not None and inner.minimumSizeHint().width() > area.viewport().width() + 1
                if area.isVisible() and no_sideways and too_wide:
                    cut.append(f"{key}: a scroll area cuts its content on the right")
            for widget in screen.findChildren(QWidget):
                if not widget.isVisible():
                    continue
                if isinstance(widget, QAbstractButton) and widget.text():
                    need = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
                    if widget.width() < need:
                        cut.append(f"{key}: button {widget.text()!r} {widget.width()} < {need}")
                    if widget.font().pointSizeF() < big_font.pointSizeF() - 0.01:
                        cut.append(f"{key}: button {widget.text()!r} keeps a small font")
                one_line = isinstance(widget, QLabel) and widget.text() and not widget.wordWrap()
                if one_line and widget.height() < widget.fontMetrics().height() - 1:
                    cut.append(f"{key}: label {widget.text()[:30]!r} is lower than its text")
        form.hide()
        record.close()
        assert cut == [], "\n".join(cut)
    finally:
        qapp.setFont(normal)


def test_icons_are_sharp_at_every_size_and_scale(qapp: QApplication) -> None:
    from navdesk.ui.app import app_icon
    from navdesk.ui.icons import icon

    for made in (app_icon(), icon("portfolio"), icon("deadlines"), icon("meetings"), icon("jobbklubb"),
                 icon("partners"), icon("reports")):  # fmt: skip
        assert not made.isNull()
        for side in (16, 32, 64):
            for scale in (1.0, 2.0):
                pixmap = made.pixmap(QSize(side, side), scale)
                assert pixmap.width() == round(side * scale) and pixmap.devicePixelRatio() == scale
                image = pixmap.toImage()
                opaque = sum(
                    QColor.fromRgba(image.pixel(x, y)).alpha() > 128
                    for y in range(image.height())
                    for x in range(image.width())
                )
                assert opaque > image.width() * image.height() * 0.05  # drawn, not blank


def test_svg_support_is_there(qapp: QApplication) -> None:
    from PySide6.QtGui import QImageReader

    assert b"svg" in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]


SCALED = r"""
import sys
from datetime import date
from pathlib import Path
from PySide6.QtCore import QSettings, QSize
from navdesk.ui.app import make_app
app = make_app(["navdesk"])
from navdesk.db.opening import create_database
from navdesk.demo import build_demo
from navdesk.services.context import actor_for
from navdesk.ui.main_window import MainWindow
from navdesk.ui import theme
folder = Path(sys.argv[1])
db, _mode = create_database(folder / "demo.db", unencrypted=True)
with db.session() as s, s.begin():
    build_demo(s, youths=10, seed=1, today=date(2026, 11, 24))
with db.session() as s:
    actor = actor_for(s)
window = MainWindow(db, actor, settings=QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat),
                    today=date(2026, 11, 24))
window.resize(1000, 700)
window.show()
app.processEvents()
app.processEvents()  # the navigation icons are drawn just after the first paint
shot = window.grab()
side = window.nav.iconSize().width()
nav_icon = window.nav.item(0).icon().pixmap(window.nav.iconSize(), window.devicePixelRatio())
image = nav_icon.toImage()
inked = sum(image.pixelColor(x, y).alpha() > 128 for y in range(image.height()) for x in range(image.width()))
print("ratio", window.devicePixelRatio(), "shot", shot.width(), "shotratio", shot.devicePixelRatio(),
      "icon", nav_icon.width(), "side", side, "inked", inked, "dark", theme.is_dark(),
      "window", app.palette().window().color().lightnessF(), "appicon", not app.windowIcon().isNull())
db.close()
"""


@pytest.mark.slow
@pytest.mark.parametrize("which", ["light", "dark"])
def test_started_at_twice_the_scale_in_either_appearance(tmp_path: Path, which: str) -> None:
    """The application started as on a 200 % screen, with the appearance forced by the environment."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2", "NAVDESK_APPEARANCE": which,
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", SCALED, str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=240, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    words = done.stdout.split()
    facts = dict(zip(words[::2], words[1::2], strict=True))
    assert float(facts["ratio"]) == 2.0
    assert int(facts["shot"]) == 2000 and float(facts["shotratio"]) == 2.0  # 1000 logical pixels wide
    assert int(facts["icon"]) == 2 * int(facts["side"])  # the icon drawn for the double-density screen
    assert int(facts["inked"]) > 0.05 * int(facts["icon"]) ** 2  # and drawn, not the empty room for it
    assert facts["dark"] == ("True" if which == "dark" else "False")
    assert (float(facts["window"]) < 0.3) == (which == "dark")
    assert facts["appicon"] == "True"


def test_a_switch_while_open_recolours_what_theme_styled(qtbot: Any, appearance: Any) -> None:
    appearance(theme.LIGHT)
    styled, replaced = QLabel("Forfalt"), QLabel("Annet")
    for label in (styled, replaced):
        qtbot.addWidget(label)
    theme.style(styled, "color: {warn};")
    theme.style(replaced, "color: {warn};")
    replaced.setStyleSheet("font-weight: bold;")  # someone else's style sheet since: left alone
    seen = []
    theme.notifier().changed.connect(lambda: seen.append(theme.is_dark()))
    appearance(theme.DARK)
    assert styled.styleSheet() == f"color: {theme.COLOURS['warn'][1]};"
    assert replaced.styleSheet() == "font-weight: bold;"
    appearance(theme.LIGHT)
    assert styled.styleSheet() == f"color: {theme.COLOURS['warn'][0]};"
    assert seen == [True, False]


# Colours that are the same in both appearances on purpose: the lock screen (dark blue, white text), the
# huskelapp categories (told apart by shape too), the charts' colour-blind-safe series colours, and the
# address-protection badge (white on strong red, 7.2:1 on any background).
SAME_IN_BOTH = {"lock.py", "views/categories.py", "reports/view.py", "record/header.py"}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*\"[a-z]+\"|color:\s*(white|black)\b")


def test_no_colour_outside_the_theme() -> None:
    """Every colour the UI sets comes from navdesk/ui/theme.py, so it has a light and a dark value."""
    ui = ROOT / "navdesk" / "ui"
    found = []
    for path in sorted(ui.rglob("*.py")):
        name = path.relative_to(ui).as_posix()
        if name in ("theme.py", "icons.py") or name in SAME_IN_BOTH:  # icons.py: the SVG tokens it replaces
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COLOUR.search(line.split("  #", 1)[0]):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


def test_light_asked_on_a_dark_system(
    qapp: QApplication, appearance: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NAVDESK_APPEARANCE=light on a desktop whose own palette is dark: Fusion's light palette, readable."""
    appearance(theme.LIGHT)  # the system's palette is captured
    monkeypatch.setattr(theme, "_system_palette", theme.dark_palette())
    assert appearance(theme.LIGHT) == theme.LIGHT
    assert qapp.palette().color(ROLES.Window).lightnessF() > 0.7 and not theme.is_dark()
    assert qapp.style().name().lower() == "fusion"


def test_a_system_palette_too_faint_to_read_is_made_readable() -> None:
    palette = QPalette()
    palette.setColor(ROLES.Window, QColor("#f0f0f0"))
    palette.setColor(ROLES.WindowText, QColor("#b0b0b0"))  # 2:1
    palette.setColor(ROLES.Base, QColor("#202020"))
    palette.setColor(ROLES.AlternateBase, QColor("#2a2a2a"))
    palette.setColor(
        ROLES.Text, QColor("#000000")
    )  # black on near-black: cannot be made lighter step by step
    palette.setColor(ROLES.Highlight, QColor("#9cc3ff"))
    palette.setColor(ROLES.HighlightedText, QColor("#ffffff"))
    fixed = theme.readable(palette)
    for text, background in ((ROLES.WindowText, ROLES.Window), (ROLES.Text, ROLES.Base),
                             (ROLES.HighlightedText, ROLES.Highlight)):  # fmt: skip
        assert theme.contrast_ratio(fixed.color(text), fixed.color(background)) >= 4.5, text
    assert fixed.color(ROLES.Window) == QColor("#f0f0f0")  # backgrounds kept
