"""The "More filters" of the portfolio: innsatsgruppe, hovedmål, ytelse, school status and tags over a real demo
office, through the real window. Each value picks exactly its youths; the counts follow the other
filters; the choices are kept in saved filters and remembered for the user.

The expected facts are read independently here with the ORM, never through the filter code.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from navdesk.domain.enums import Hovedmal, Innsatsgruppe, SchoolStatus
from navdesk.i18n import _
from navdesk.services.portfolio_facets import FACETS, HOVEDMAL, INNSATSGRUPPE, SCHOOL_STATUS, TAG, YTELSE
from navdesk.ui.models.portfolio_filter import CLOSED, NOT_IN_ACTIVITY, FilterState
from navdesk.ui.models.portfolio_model import COL_NAME, OBJECT_ROLE
from tests.ui.conftest import DEMO_DAY, open_window


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Any]:
    """The demo office on DEMO_DAY; one youth's decisions removed, one youth with a closed period."""
    from sqlalchemy import delete, select

    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    db, _mode = create_database(tmp_path / "demo.db", unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=DEMO_DAY)
    with db.session() as s, s.begin():
        youths = list(s.scalars(select(m.Youth).order_by(m.Youth.last_name, m.Youth.first_name)))
        periods = [
            p.id for p in s.scalars(select(m.FollowUpPeriod).where(m.FollowUpPeriod.youth_id == youths[0].id))
        ]
        s.execute(delete(m.InnsatsDecision).where(m.InnsatsDecision.period_id.in_(periods)))
        for period in s.scalars(select(m.FollowUpPeriod).where(m.FollowUpPeriod.youth_id == youths[1].id)):
            period.closed_on = period.closed_on or DEMO_DAY - timedelta(days=3)
    yield db
    db.close()


@pytest.fixture
def window(qtbot: Any, office: Any, ui_settings: Any) -> Any:
    return open_window(qtbot, office, ui_settings, today=DEMO_DAY)


def _expected(db: Any) -> dict[uuid.UUID, dict[str, Any]]:
    """Each youth's facts, read with the ORM: {youth id: {facet: value or set of values}}."""
    from sqlalchemy import select

    from navdesk.db import models as m

    out: dict[uuid.UUID, dict[str, Any]] = {}
    with db.session() as s:
        codes = {c.id: c.code for c in s.scalars(select(m.CatalogueEntry))}
        for youth in s.scalars(select(m.Youth)):
            periods = list(s.scalars(select(m.FollowUpPeriod).where(m.FollowUpPeriod.youth_id == youth.id)))
            open_ids = [p.id for p in periods if p.closed_on is None]
            decisions = sorted(
                s.scalars(select(m.InnsatsDecision).where(m.InnsatsDecision.period_id.in_(open_ids))),
                key=lambda d: (d.decided_on, d.created_at),
            )
            benefits = s.scalars(
                select(m.BenefitPeriod).where(m.BenefitPeriod.period_id.in_([p.id for p in periods]))
            )
            school = sorted(
                s.scalars(select(m.SchoolStatusEntry).where(m.SchoolStatusEntry.youth_id == youth.id)),
                key=lambda r: (r.from_date, r.created_at),
            )
            out[youth.id] = {
                INNSATSGRUPPE: decisions[-1].innsatsgruppe.value if decisions else "",
                HOVEDMAL: (decisions[-1].hovedmal.value if decisions[-1].hovedmal else "")
                if decisions
                else "",
                YTELSE: {
                    codes[b.ytelse_id]
                    for b in benefits
                    if b.start_date <= DEMO_DAY and (b.end_date is None or b.end_date >= DEMO_DAY)
                },
                SCHOOL_STATUS: school[-1].status.value if school else "",
                TAG: set(youth.tags or []),
                "open": bool(open_ids),
            }
    return out


def _has(facts: dict[str, Any], name: str, value: str) -> bool:
    if name in (YTELSE, TAG):
        return value in facts[name] if value else not facts[name]
    return bool(facts[name] == value)


def _shown(view: Any) -> set[uuid.UUID]:
    proxy = view.proxy
    return {proxy.index(r, COL_NAME).data(OBJECT_ROLE).id for r in range(proxy.rowCount())}


def test_each_value_picks_exactly_its_youths_with_live_counts(
    window: Any, office: Any, qtmodeltester: Any
) -> None:
    view = window.portfolio
    filters = view.filters
    facts = _expected(office)
    active = {y for y, f in facts.items() if f["open"]}
    assert view.model.facets.facets_known
    qtmodeltester.check(view.model)

    for name in FACETS:
        combo = filters.facet_combos[name]
        assert combo.isEnabled()
        offered = [v for v in filters.facet_choices(name) if v is not None]
        # only the values that occur (among every youth, closed ones too), "" (none) last if it occurs
        occurring = {
            v for f in facts.values() for v in (f[name] or {""} if name in (YTELSE, TAG) else {f[name]})
        }
        assert set(offered) == occurring
        assert "" not in offered or offered[-1] == ""
        assert filters.facet_count(name, None) == len(active)
        for value in offered:
            filters.set_facet(name, value)
            wanted = {y for y in active if _has(facts[y], name, value)}
            assert _shown(view) == wanted, (name, value)
            assert filters.facet_count(name, value) == len(wanted)
        filters.set_facet(name, None)
        assert _shown(view) == active

    # the labels: the enums' translated labels, the catalogue's for ytelser, the tag itself
    combo = filters.facet_combos[INNSATSGRUPPE]
    some = next(v for v in filters.facet_choices(INNSATSGRUPPE) if v)
    assert combo.itemText(combo.findData(some)) == Innsatsgruppe(some).label
    combo = filters.facet_combos[HOVEDMAL]
    some = next(v for v in filters.facet_choices(HOVEDMAL) if v)
    assert combo.itemText(combo.findData(some)) == Hovedmal(some).label
    combo = filters.facet_combos[SCHOOL_STATUS]
    some = next(v for v in filters.facet_choices(SCHOOL_STATUS) if v)
    assert combo.itemText(combo.findData(some)) == SchoolStatus(some).label
    combo = filters.facet_combos[INNSATSGRUPPE]
    assert combo.itemText(combo.findData("")) == _("None recorded")
    assert filters.facet_combos[YTELSE].itemText(filters.facet_combos[YTELSE].findData("")) == _(
        "No running benefit"
    )
    combo = filters.facet_combos[TAG]
    tag = next(v for v in filters.facet_choices(TAG) if v)
    assert combo.itemText(combo.findData(tag)) == tag

    # combined with a status filter, another facet and the search: AND, and every count follows
    filters.set_status(NOT_IN_ACTIVITY, True)
    filters.set_facet(TAG, tag)
    rows = {r.id: r for r in view.model.rows()}
    base = {y for y in active if not rows[y].in_activity and tag in facts[y][TAG]}
    assert _shown(view) == base
    for value in filters.facet_choices(INNSATSGRUPPE):
        wanted = base if value is None else {y for y in base if facts[y][INNSATSGRUPPE] == value}
        assert filters.facet_count(INNSATSGRUPPE, value) == len(wanted)
    assert filters.count_of(NOT_IN_ACTIVITY) == len(base)
    name = rows[next(iter(base))].first_name if base else "zzz"
    view.search_edit.setText(name)
    searched = {y for y in base if name.casefold() in rows[y].search.casefold()}
    assert _shown(view) == searched
    assert filters.facet_count(TAG, tag) == len(searched)

    # the sleeping/closed youths: the closed youth has no innsatsgruppe
    view.show_all(closed=True)
    closed = {y for y, f in facts.items() if not f["open"]}
    filters.set_facet(INNSATSGRUPPE, "")
    assert _shown(view) == closed
    assert filters.facet_count(INNSATSGRUPPE, "") == len(closed)
    assert CLOSED in filters.state().statuses
    qtmodeltester.check(view.proxy)


def test_more_filters_fold_and_show_how_many_are_chosen(window: Any) -> None:
    filters = window.portfolio.filters
    assert not filters.more_button.isChecked() and filters.more_box.isHidden()
    assert filters.more_button.text() == _("More filters")
    filters.more_button.click()
    assert not filters.more_box.isHidden()
    filters.set_facet(HOVEDMAL, next(v for v in filters.facet_choices(HOVEDMAL) if v))
    filters.set_facet(TAG, next(v for v in filters.facet_choices(TAG) if v))
    assert filters.more_button.text() == _("More filters ({n})").format(n=2)
    filters.more_button.click()  # folded, the title still says two are chosen
    assert filters.more_box.isHidden() and filters.more_button.text() == _("More filters ({n})").format(n=2)
    filters.show_all_button.click()
    assert filters.state().facets_chosen() == 0
    assert filters.more_button.text() == _("More filters")


def test_saved_filters_and_the_remembered_state_keep_the_facets(
    qtbot: Any, window: Any, office: Any, tmp_path: Path
) -> None:
    view = window.portfolio
    filters = view.filters
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    view.restore_state(settings)
    ytelse = next(v for v in filters.facet_choices(YTELSE) if v)
    school = next(v for v in filters.facet_choices(SCHOOL_STATUS) if v)
    filters.set_facet(YTELSE, ytelse)
    filters.set_facet(SCHOOL_STATUS, school)
    chosen = filters.state()
    shown = _shown(view)
    assert view.save_filter("Ytelse og skole")
    view.show_all()
    assert filters.state().facets_chosen() == 0 and len(_shown(view)) > len(shown)
    assert view.apply_saved_filter("Ytelse og skole")
    assert filters.state() == chosen and _shown(view) == shown
    assert filters.saved_name() == "Ytelse og skole"

    # remembered for the user: a new window opens with them chosen, and "More filters" unfolded
    view.save_state()
    settings.sync()
    again = open_window(qtbot, office, settings, today=DEMO_DAY)
    again.portfolio.restore_state(settings)
    other = again.portfolio.filters
    assert other.state().ytelse == ytelse and other.state().school_status == school
    assert other.more_button.isChecked() and not other.more_box.isHidden()
    assert _shown(again.portfolio) == shown


def test_filter_state_json_keeps_the_facets_and_drops_nonsense() -> None:
    state = FilterState(
        innsatsgruppe="standard_innsats", hovedmal="", ytelse="aap", school_status=None, tag="ny"
    )
    assert FilterState.from_json(state.to_json()) == state
    odd = FilterState.from_json(
        {"innsatsgruppe": 3, "tag": ["x"], "ytelse": "x" * 500, "hovedmal": "skaffe_arbeid"}
    )
    assert odd == FilterState(hovedmal="skaffe_arbeid")
    assert FilterState.from_json({"statuses": []}).facets_chosen() == 0
