"""Light and dark appearance: the palette, and the few colours NavDesk adds, in one place.

The appearance follows the system (``QStyleHints.colorScheme``, Qt ≥ 6.5) and changes with it; the
environment variable ``NAVDESK_APPEARANCE=dark|light`` forces one (tests, and users whose desktop does
not report it). In dark appearance the Fusion style is used with :func:`dark_palette`.

Colours that carry meaning (overdue, saved, a warning banner) are named here with a light and a dark
value; widgets ask :func:`colour` / :func:`qcolor` / :func:`css` when they are built or painted, never a
``#rrggbb`` of their own. Every text colour reaches a WCAG contrast of at least 4.5 on the backgrounds it
is used on (tests/ui/test_appearance.py checks it for both appearances).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

APPEARANCE_ENV = "NAVDESK_APPEARANCE"
LIGHT, DARK = "light", "dark"

# name: (light, dark). "…_bg" are backgrounds; the others are text or line colours.
COLOURS: dict[str, tuple[str, str]] = {
    "warn": ("#b00020", "#ff8a8a"),  # overdue, errors, "cannot be phoned"
    "ok": ("#1b5e20", "#8fd694"),  # saved, done
    "caution": ("#8a5a00", "#ffcc80"),  # soon, needs a look
    "muted": ("#555555", "#b4b9bf"),  # captions, hints
    "faint": ("#626262", "#9ea4aa"),  # empty values, greyed rows (still 4.5:1)
    "heading": ("#1b3a5c", "#a8c7fa"),  # card titles
    "accent": ("#c30000", "#ff7a7a"),  # NAV red in icons (not text)
    "icon": ("#2b2b2b", "#e8eaed"),  # strokes of the navigation icons
    "line": ("#9aa5b1", "#6b737c"),  # frames and chart axes (not text)
    "outline": ("#262626", "#d0d0d0"),  # outlines of small symbols (not text)
    "note_bg": ("#fff6d8", "#3a3117"),  # yellow notes: drafts, start-up summary, read-only hints
    "note_border": ("#c9a227", "#8a7433"),
    "note_text": ("#3d2e00", "#f5e6b8"),
    "info_bg": ("#eef4fb", "#1c2b3a"),  # Dagens møter
    "info_border": ("#9bb7d4", "#3e5f80"),
    "info_text": ("#12324f", "#d6e6f5"),
    "link": ("#0b4f8a", "#8ab4f8"),
    "panel_bg": ("#f3f5f8", "#2a2d31"),  # record header, plan card
    "panel_border": ("#c9ced6", "#4a4f57"),
    "board_bg": ("#eef2f5", "#1b1d20"),  # the plan board behind the cards
    "card_bg": ("#ffffff", "#2a2d31"),
    "card_border": ("#b8c4cf", "#5a6069"),
    "card_selected_bg": ("#dbe9f7", "#27405e"),
    "card_selected_border": ("#1b5e9c", "#8ab4f8"),
    "error_bg": ("#fdecea", "#4a1c20"),  # behind warn text
    "today_bg": ("#fff3c4", "#3d3514"),  # today's row
    "present_bg": ("#d8f0dc", "#1e3d26"),  # attendance
    "late_bg": ("#eaf5d0", "#33401c"),
    "excused_bg": ("#e8e8e8", "#3a3a3a"),
    "absent_bg": ("#f8d4d4", "#4a1f22"),
}

# Which background each text colour is checked against (besides Window and Base of the palette).
TEXT_ON: dict[str, tuple[str, ...]] = {
    "warn": ("error_bg", "panel_bg", "absent_bg", "today_bg", "card_bg"),
    "ok": ("panel_bg",),
    "caution": ("panel_bg", "note_bg"),
    "muted": ("panel_bg", "board_bg", "card_bg"),
    "faint": ("card_bg", "today_bg", "panel_bg"),
    "heading": ("panel_bg", "card_bg", "card_selected_bg"),
    "note_text": ("note_bg",),
    "info_text": ("info_bg",),
    "link": ("info_bg",),
}

_dark: bool | None = None  # the appearance applied (None: not yet decided, read from the palette)
_system_palette: QPalette | None = None
_system_style: str | None = None


def forced_appearance() -> str | None:
    """``light`` or ``dark`` when NAVDESK_APPEARANCE forces one, else None."""
    value = os.environ.get(APPEARANCE_ENV, "").strip().lower()
    return value if value in (LIGHT, DARK) else None


def system_appearance() -> str:
    """What the desktop reports (light when it reports nothing, as on the offscreen platform)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def wanted_appearance() -> str:
    return forced_appearance() or system_appearance()


def is_dark() -> bool:
    """Whether NavDesk shows the dark appearance now."""
    global _dark
    if _dark is None:
        app = QApplication.instance()
        window = app.palette().color(QPalette.ColorRole.Window) if isinstance(app, QApplication) else None
        _dark = window is not None and window.lightnessF() < 0.5
    return _dark


def colour(name: str) -> str:
    """The ``#rrggbb`` of a named colour in the current appearance."""
    light, dark = COLOURS[name]
    return dark if is_dark() else light


def qcolor(name: str) -> QColor:
    return QColor(colour(name))


def css(template: str, *, dark: bool | None = None) -> str:
    """A style sheet with ``{name}`` replaced by the named colours, e.g. ``css("color: {warn};")`` (in the
    current appearance, or the dark or light one)."""
    which = is_dark() if dark is None else dark
    return template.format(**{name: pair[1] if which else pair[0] for name, pair in COLOURS.items()})


_STYLE = "navdeskStyle"


def style(widget: QWidget, template: str) -> None:
    """``widget.setStyleSheet(css(template))``, redone in the other appearance's colours when the
    appearance changes while the widget lives (``""``: no style sheet)."""
    widget.setProperty(_STYLE, template)
    widget.setStyleSheet(css(template) if template else "")


def _restyle(was_dark: bool) -> None:
    """Recolour the style sheets :func:`style` set (unless something else replaced them since)."""
    for widget in QApplication.allWidgets():
        try:
            template = widget.property(_STYLE)
        except RuntimeError:  # deleted on the C++ side while Python still lists it (deleteLater)
            continue
        if isinstance(template, str) and template and widget.styleSheet() == css(template, dark=was_dark):
            widget.setStyleSheet(css(template))


class _Notifier(QObject):
    changed = Signal()


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """``notifier().changed`` is emitted after the appearance changed (widgets with drawn icons redraw)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier(QApplication.instance())
    return _notifier


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (all main text roles ≥ 7:1 on their backgrounds)."""
    p = QPalette()
    roles = QPalette.ColorRole
    values = {
        roles.Window: "#202124", roles.WindowText: "#e8eaed", roles.Base: "#2b2d31",
        roles.AlternateBase: "#33363b", roles.Text: "#e8eaed", roles.Button: "#2d2f33",
        roles.ButtonText: "#e8eaed", roles.BrightText: "#ffffff", roles.Highlight: "#3a70d0",
        roles.HighlightedText: "#ffffff", roles.ToolTipBase: "#303134", roles.ToolTipText: "#e8eaed",
        roles.PlaceholderText: "#9ea4aa", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
        roles.Light: "#55595f", roles.Midlight: "#44474d", roles.Mid: "#6b7078", roles.Dark: "#141517",
        roles.Shadow: "#000000", roles.Accent: "#3a70d0",
    }  # fmt: skip
    for role, value in values.items():
        p.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#8a8f96"))
    p.setColor(disabled, roles.Base, QColor("#24262a"))
    p.setColor(disabled, roles.Button, QColor("#26282b"))
    p.setColor(disabled, roles.Highlight, QColor("#3a3d42"))
    return p


# The text roles a user reads, on their backgrounds.
TEXT_ROLES = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window), (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base), (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
)  # fmt: skip


def readable(palette: QPalette, minimum: float = 4.5) -> QPalette:
    """``palette`` with every text role at least ``minimum``:1 on its background (WCAG AA): a text colour
    that is too faint is moved towards black or white, a selection colour too light for its text is
    darkened. Colours that already reach it are kept as the system gave them."""
    fixed = QPalette(palette)
    active = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
    for group in active:
        for text_role, background_role in TEXT_ROLES:
            background = fixed.color(group, background_role)
            text = fixed.color(group, text_role)
            towards_dark = relative_luminance(background) > 0.18
            if contrast_ratio(text, background) >= minimum:
                continue
            text = over(text, background)
            for _step in range(40):
                if contrast_ratio(text, background) >= minimum:
                    break
                text = text.darker(115) if towards_dark else text.lighter(115)
            if contrast_ratio(text, background) < minimum:  # black never gets lighter: plain black or white
                text = QColor("#000000" if towards_dark else "#ffffff")
            fixed.setColor(group, text_role, text)
        highlight = fixed.color(group, QPalette.ColorRole.Highlight)
        on_it = fixed.color(group, QPalette.ColorRole.HighlightedText)
        for _step in range(40):
            if contrast_ratio(on_it, highlight) >= minimum:
                break
            light_text = relative_luminance(on_it) > 0.5
            highlight = highlight.darker(110) if light_text else highlight.lighter(110)
        fixed.setColor(group, QPalette.ColorRole.Highlight, highlight)
    return fixed


def apply_appearance(app: QApplication, appearance: str | None = None) -> str:
    """Give ``app`` the light or dark appearance (default: the forced or the system one); which it got.

    Dark: the Fusion style and :func:`dark_palette`. Light: the style and palette the application had
    before (the system's), so a user's own light or high-contrast colours stay, with any text role too
    faint to read made darker (:func:`readable`); when the system's palette is dark, Fusion's light one."""
    global _dark, _system_palette, _system_style
    was_dark = is_dark()
    wanted = appearance or wanted_appearance()
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
        _system_style = app.style().name()
    if wanted == DARK:
        if app.style().name().lower() != "fusion":
            app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif _system_palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5:  # light asked, system dark
        fusion = QStyleFactory.create("Fusion")
        app.setStyle(fusion)
        app.setPalette(readable(fusion.standardPalette()))
    else:
        if _system_style and app.style().name().lower() != _system_style.lower():
            app.setStyle(QStyleFactory.create(_system_style))
        app.setPalette(readable(_system_palette))
    _dark = None  # read from the palette now shown (a system palette may be dark even so)
    if is_dark() != was_dark:
        _restyle(was_dark)
        notifier().changed.emit()
    return wanted


def follow_system(app: QApplication) -> None:
    """Switch appearance when the desktop does (unless NAVDESK_APPEARANCE forces one)."""
    hints = QGuiApplication.styleHints()
    if app.property("navdeskFollowsColorScheme"):
        return
    app.setProperty("navdeskFollowsColorScheme", True)

    def changed(scheme: object) -> None:
        if forced_appearance() is None:
            apply_appearance(app, DARK if scheme == Qt.ColorScheme.Dark else LIGHT)

    hints.colorSchemeChanged.connect(changed)


# -- contrast (WCAG 2.x) ----------------------------------------------------------------------------
def relative_luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def over(top: QColor, below: QColor) -> QColor:
    """``top`` as seen over ``below`` (a half-transparent placeholder text, say)."""
    alpha = top.alphaF()
    return QColor.fromRgbF(*(alpha * t + (1 - alpha) * b for t, b in (
        (top.redF(), below.redF()), (top.greenF(), below.greenF()), (top.blueF(), below.blueF()))))  # fmt: skip


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of text colour ``a`` on background ``b`` (1 to 21)."""
    a = over(a, b) if a.alpha() < 255 else a
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
