"""The main window over a demo office: the portfolio, search, Norwegian sorting, placeholders, status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from navdesk.ui.models.portfolio_model import COL_NAME, OBJECT_ROLE
from navdesk.ui.views.placeholder import PlaceholderView


def _shown(window: Any) -> list[Any]:
    proxy = window.portfolio.proxy
    return [proxy.index(r, COL_NAME).data(OBJECT_ROLE) for r in range(proxy.rowCount())]


def test_lists_the_demo_youths(main_window: Any, demo_db: Any) -> None:
    from navdesk.services.youths import portfolio_rows

    with demo_db.session() as s:
        expected = {r.name for r in portfolio_rows(s)}
    assert len(expected) == 40 or len(_shown(main_window)) == 40
    assert {r.name for r in _shown(main_window)} == expected
    assert main_window.portfolio.view.model().rowCount() == 40
    assert "40" in main_window.portfolio.count_label.text()
    assert main_window.windowTitle() == "NavDesk – " + main_window.office
    assert main_window.office.startswith("NAV ")


def test_typing_oe_finds_the_youths_with_oe(main_window: Any, qtbot: Any) -> None:
    everyone = _shown(main_window)
    with_oe_in_name = {r.id for r in everyone if "ø" in r.name.casefold()}
    assert with_oe_in_name, "the demo office has youths with Ø/ø in their names"
    qtbot.keyClicks(main_window.portfolio.search_edit, "ø")
    found = _shown(main_window)
    assert with_oe_in_name <= {r.id for r in found}
    # every hit really has an ø (in the name, phone, job wishes or notes) and nobody else is shown
    assert {r.id for r in found} == {r.id for r in everyone if "ø" in r.search}
    assert len(found) < len(everyone)
    assert f"{len(found)} " in main_window.portfolio.count_label.text()
    assert "40" in main_window.portfolio.count_label.text()
    qtbot.keyClicks(main_window.portfolio.search_edit, "ystein")
    assert {r.first_name for r in _shown(main_window)} <= {"Øystein"}
    main_window.portfolio.search_edit.clear()
    assert len(_shown(main_window)) == 40


def test_clicking_the_name_header_sorts_norwegian(main_window: Any, qtbot: Any) -> None:
    from navdesk.domain.text import collation_key

    header = main_window.portfolio.view.horizontalHeader()
    header.setSortIndicator(COL_NAME, Qt.SortOrder.DescendingOrder)
    header.sectionClicked.emit(COL_NAME)  # what a click does after the indicator flips
    header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [r.name for r in _shown(main_window)]
    assert names == sorted(names, key=collation_key)
    firsts = [n[0].upper() for n in names]
    last_plain = max(i for i, c in enumerate(firsts) if c not in "ÆØÅ")
    special = [i for i, c in enumerate(firsts) if c in "ÆØÅ"]
    assert special, "the demo office has names starting with Æ, Ø or Å"
    assert min(special) > last_plain
    assert [c for c in firsts if c in "ÆØÅ"] == sorted((c for c in firsts if c in "ÆØÅ"), key="ÆØÅ".index)


def test_header_click_sorts(main_window: Any, qtbot: Any) -> None:
    view = main_window.portfolio.view
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(COL_NAME) + 5
    before = [r.name for r in _shown(main_window)]
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + type(header.rect().topLeft())(x, 5),
    )
    after = [r.name for r in _shown(main_window)]
    assert after == list(reversed(before))


def test_every_screen_is_built_on_first_use(main_window: Any) -> None:
    """No placeholder is left: each screen is built the first time it is shown (decision 0007)."""
    keys = list(main_window.screens)
    assert keys == ["portfolio", "deadlines", "meetings", "jobbklubb", "partners", "reports"]
    assert main_window.nav.count() == 6
    assert all(isinstance(main_window.screens[k], QWidget) for k in keys)  # stand-ins until built
    assert not any(isinstance(main_window.screens[k], PlaceholderView) for k in keys)
    from navdesk.ui.views.deadlines import DeadlinesView

    main_window.show_screen("deadlines")
    assert isinstance(main_window.screens["deadlines"], DeadlinesView)  # Frister is built
    assert main_window.stack.currentWidget() is main_window.deadlines
    main_window.nav.setCurrentRow(0)
    assert main_window.stack.currentWidget() is main_window.portfolio


def test_status_bar_says_who_where_and_that_it_is_not_encrypted(main_window: Any) -> None:
    from navdesk.i18n import _

    assert main_window.office_label.text() == main_window.office
    assert "KN" in main_window.user_label.text()
    assert "demo.db" in main_window.database_label.text()
    assert _("NOT encrypted") in main_window.database_label.text()


def test_geometry_is_remembered(qtbot: Any, demo_db: Any, ui_settings: Any) -> None:
    from navdesk.services.context import actor_for
    from navdesk.ui.main_window import MainWindow

    with demo_db.session() as s:
        actor = actor_for(s)
    first = MainWindow(demo_db, actor, settings=ui_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # fits the 800×600 offscreen screen
    first.close()
    assert ui_settings.value("main_window/geometry") is not None
    second = MainWindow(demo_db, actor, settings=ui_settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
