"""Small-number suppression: primary ("< 5"), secondary (":") so that no hidden count can be worked
out from the totals, shares only on shown counts, and the indicator bins."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navdesk.domain.reports import (
    CountTable,
    Run,
    SpreadTable,
    activity_status,
    render,
    spans,
    spread,
    status_on,
    week_bin,
)
from navdesk.domain.suppression import Figure, share, suppress


def texts(cells, **kw):
    return suppress(cells, 5, **kw).texts()


def test_primary_suppression_and_the_total_that_would_give_a_hidden_cell_away():
    # one small cell in a column with its total: 20 - 12 would give the 3 away, so the 12 goes too
    assert texts([[3], [12], [40]]) == [["< 5"], [":"], ["40"], ["55"]]


def test_no_secondary_needed_when_two_small_cells_hide_each_other():
    assert texts([[3], [2], [40]]) == [["< 5"], ["< 5"], ["40"], ["45"]]


def test_hidden_zeros_are_not_given_away_by_the_total():
    # 0 and 0 hidden, but 50 = 50 would show that both are 0: one more cell is hidden
    assert texts([[0], [0], [50]]) == [["< 5"], ["< 5"], [":"], ["50"]]


def test_two_way_table_rows_columns_and_margins():
    cells = [[2, 10, 8], [6, 7, 9], [10, 12, 14]]
    out = suppress(cells, 5, row_totals=True, col_totals=True)
    hidden = [[f.hidden for f in row] for row in out.cells]
    assert out.cells[0][0].primary and out.cells[0][0].text(5) == "< 5"
    # every line (rows and columns with their totals) has no hidden cell or at least two
    for row in hidden:
        assert sum(row) != 1
    for column in zip(*hidden, strict=True):
        assert sum(column) != 1
    assert out.any_secondary


def _recoverable(grid, hidden):
    """Whether some hidden cell follows from one additive line (total = sum of its cells)."""
    rows, cols = len(grid), len(grid[0])
    lines = [[(i, j) for j in range(cols)] for i in range(rows)] + [
        [(i, j) for i in range(rows)] for j in range(cols)
    ]
    for line in lines:
        members, total = line[:-1], line[-1]
        unknown = [p for p in line if hidden[p[0]][p[1]]]
        if len(unknown) == 1:
            return True
        if unknown and total not in unknown and sum(grid[i][j] for i, j in members if hidden[i][j]) == 0:
            return True  # hidden cells that must all be zero
    return False


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_no_hidden_count_can_be_worked_out_from_a_line(rows, cols, data):
    cells = [[data.draw(st.integers(0, 30)) for _ in range(cols)] for _ in range(rows)]
    out = suppress(cells, 5, row_totals=cols > 1, col_totals=True)
    grid = [[f.value for f in row] for row in out.cells]
    hidden = [[f.hidden for f in row] for row in out.cells]
    for row in out.cells:
        for f in row:
            assert not (f.value is not None and f.value < 5 and not f.hidden)
    if cols > 1:
        assert not _recoverable(grid, hidden)
    else:  # one column: the column line only
        column = [r[0] for r in hidden]
        assert sum(column) != 1


def test_structural_blanks_and_event_columns_are_not_suppressed():
    out = suppress([[7, None], [None, 2], [None, 9]], 5, row_totals=True, col_totals=True)
    assert out.cells[0][1].text(5) == "" and out.cells[1][1].text(5) == "< 5"
    events = suppress([[1, 3], [2, 40]], 5, col_totals=True, protect=[False, True])
    assert [r[0].text(5) for r in events.cells] == ["1", "2", "3"]
    with pytest.raises(ValueError):
        suppress([[1, 3]], 5, row_totals=True, protect=[False, True])


def test_shares_only_on_shown_counts():
    assert share(Figure(6), Figure(12)) == 0.5
    assert share(Figure(3, True, True), Figure(12)) is None
    assert share(Figure(6), Figure(4, True, True)) is None
    table = CountTable("t", "T", ["a", "b", "c"], ["n"], [[3], [12], [40]], shares=True)
    rows = render(table, 5).rows
    assert rows[0][1:] == ["< 5", ""] and rows[1][1:] == [":", ""] and rows[2][1:] == ["40", "73 %"]
    assert render(table, 5).values == [[None, None, 40]]


def test_median_not_shown_on_a_small_number_nor_when_few_lack_the_event():
    small = SpreadTable("s", "S", ["x"], [spread([1, 2, 3])])
    assert render(small, 5).rows == [["x", "< 5", "", "", ""]]
    nearly_all = SpreadTable("s", "S", ["x"], [spread([1, 2, 3, 4, 5, 6])], bases=[8])
    assert render(nearly_all, 5).rows == [["x", ":", "3,5", "2,2", "4,8"]]
    assert render(SpreadTable("s", "S", ["x"], [spread([1, 2, 3, 4, 5, 6])], bases=[6]), 5).rows[0][1] == "6"


@pytest.mark.parametrize(
    ("days", "name"),
    [
        (0, "1-2"),
        (14, "1-2"),
        (15, "3-4"),
        (28, "3-4"),
        (29, "5-7"),
        (49, "5-7"),
        (50, "8"),
        (56, "8"),
        (57, ">8"),
    ],
)
def test_week_bins_at_their_boundaries(days, name):
    assert week_bin(days) == name


def test_status_on_a_day():
    work = Run("stilling", "gjennomforer", date(2026, 3, 1), None, None)
    course = Run("jobbsoking", "fullfort", date(2026, 1, 1), date(2026, 2, 1), date(2026, 2, 10))
    plan = Run("utdanning", "planlegger", date(2026, 1, 1), None, None)
    meeting = Run("mote", "gjennomforer", date(2026, 1, 1), None, None)
    assert activity_status(date(2026, 1, 15), [course, plan, meeting]) == "annen_aktivitet"
    assert activity_status(date(2026, 2, 1), [course]) == "annen_aktivitet"
    assert activity_status(date(2026, 2, 2), [course, meeting]) == "ingen_aktivitet"
    assert activity_status(date(2026, 3, 1), [course, work]) == "arbeid"
    working = spans([work])
    assert status_on(date(2026, 3, 1), working, date(2026, 3, 1), "utdanning") == "utdanning"
    assert status_on(date(2026, 3, 1), working, date(2026, 3, 1), None) == "ukjent"
    assert status_on(date(2026, 2, 28), working, date(2026, 3, 1), "utdanning") == "ingen_aktivitet"
    assert status_on(date(2026, 3, 2), working, None, None) == "arbeid"


def test_spread_is_median_and_quartiles():
    s = spread([10, 1, 4, 7])
    assert (s.n, s.median, s.q1, s.q3) == (4, 5.5, 3.25, 7.75)
    assert spread([]).median is None and spread([3]).median == 3.0


def test_every_combination_of_a_small_two_by_two_is_safe():
    for a, b, c, d in itertools.product([0, 1, 4, 5, 9], repeat=4):
        out = suppress([[a, b], [c, d]], 5, row_totals=True, col_totals=True)
        grid = [[f.value for f in row] for row in out.cells]
        hidden = [[f.hidden for f in row] for row in out.cells]
        assert not _recoverable(grid, hidden), (a, b, c, d)
