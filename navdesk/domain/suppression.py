"""Small-number suppression for everything a report or export takes out of the application.

In a municipality with ten young people in follow-up, a table can identify a person (domain notes
002 L986, L5896). Every count of people below the office's threshold (default 5) is hidden and
shown as "< 5" (*primary* suppression). A hidden count must not be recoverable from the totals
printed next to it, so more cells are hidden (*secondary* suppression, shown as ":"): in every line
of the table — a row with its total, a column with its total, the totals row and the totals column
— the equation ``total = sum(cells)`` may never leave exactly one hidden member, nor hidden cells
that must all be zero. A share (percentage) is shown only when both its count and its denominator
are shown.

Pure functions over plain lists: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
SECONDARY_MARK = ":"


@dataclass(frozen=True)
class Figure:
    """A count as it may leave the application."""

    value: int | None  # None: a structural blank (the category does not apply), never data
    hidden: bool = False
    primary: bool = False  # below the threshold itself (else hidden to protect another cell)

    def text(self, threshold: int) -> str:
        if self.value is None:
            return ""
        if self.hidden:
            return f"< {threshold}" if self.primary else SECONDARY_MARK
        return str(self.value)

    @property
    def shown(self) -> int | None:
        """The value if it may be shown (for charts), else None."""
        return None if self.hidden else self.value


@dataclass(frozen=True)
class Suppressed:
    """A table of counts with its margins and what is hidden.

    ``cells`` has the table's rows, each with its columns, then the row total when ``row_totals``;
    the last row is the column totals when ``col_totals``.
    """

    cells: list[list[Figure]]
    threshold: int
    row_totals: bool
    col_totals: bool

    @property
    def any_secondary(self) -> bool:
        return any(f.hidden and not f.primary for row in self.cells for f in row)

    @property
    def any_hidden(self) -> bool:
        return any(f.hidden for row in self.cells for f in row)

    def texts(self) -> list[list[str]]:
        return [[f.text(self.threshold) for f in row] for row in self.cells]


def share(part: Figure, whole: Figure) -> float | None:
    """``part / whole`` when both are shown and the whole is not zero; else None (not shown)."""
    if part.hidden or whole.hidden or part.value is None or not whole.value:
        return None
    return part.value / whole.value


def _extend(
    cells: Sequence[Sequence[int | None]], width: int, row_totals: bool, col_totals: bool
) -> list[list[int | None]]:
    grid = [list(row) for row in cells]
    if row_totals:
        for row in grid:
            row.append(sum(v for v in row if v is not None))
    if col_totals:
        columns = width + (1 if row_totals else 0)
        grid.append([sum(row[j] or 0 for row in grid) for j in range(columns)])
    return grid


def _lines(
    rows: int, cols: int, row_totals: bool, col_totals: bool
) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """Each additive line of the extended grid: its members (cells) and its total."""
    lines = []
    inner_rows = rows - (1 if col_totals else 0)
    inner_cols = cols - (1 if row_totals else 0)
    if row_totals:
        for i in range(rows):
            lines.append(([(i, j) for j in range(inner_cols)], (i, inner_cols)))
    if col_totals:
        for j in range(cols):
            lines.append(([(i, j) for i in range(inner_rows)], (inner_rows, j)))
    return lines


def suppress(
    cells: Sequence[Sequence[int | None]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    row_totals: bool = False,
    col_totals: bool = True,
    protect: Sequence[bool] | None = None,
    columns: int | None = None,
) -> Suppressed:
    """Hide small counts and whatever would let them be worked out again.

    ``cells`` are counts of people (None: a structural blank, e.g. a contact route in the other
    group); ``row_totals``/``col_totals`` add the margins, which take part in the suppression like
    any other count; ``columns`` gives the width of a table without rows. ``protect`` (one flag per column, default all) says which columns count people;
    a column that counts events (talks held) is shown as it is and may not be summed into row totals.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    width = len(cells[0]) if cells else (columns or 0)
    guarded = list(protect) if protect is not None else [True] * width
    if row_totals and not all(guarded):
        raise ValueError("an unprotected column cannot be summed into row totals")
    grid = _extend(cells, width, row_totals, col_totals)
    rows = len(grid)
    cols = len(grid[0]) if grid else 0
    guarded += [True] * (cols - len(guarded))
    hidden = [[False] * cols for _ in range(rows)]
    primary = [[False] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            v = grid[i][j]
            if v is not None and guarded[j] and v < threshold:
                hidden[i][j] = primary[i][j] = True
    lines = _lines(rows, cols, row_totals, col_totals)
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if not guarded[total[1]] or not all(guarded[j] for _i, j in members):
                continue
            present = [(i, j) for i, j in members if grid[i][j] is not None]
            everyone = [*present, total]
            concealed = [p for p in everyone if hidden[p[0]][p[1]]]
            if not concealed:
                continue
            total_shown = not hidden[total[0]][total[1]]
            hidden_sum = sum(grid[i][j] or 0 for i, j in concealed if (i, j) != total)
            if len(concealed) >= 2 and not (total_shown and hidden_sum == 0):
                continue
            visible = [p for p in present if not hidden[p[0]][p[1]]]
            if visible:
                i, j = min(visible, key=lambda p: (grid[p[0]][p[1]] or 0, p))
            elif total_shown:
                i, j = total
            else:
                continue  # everything in the line is hidden already
            hidden[i][j] = True
            changed = True
    out = [[Figure(grid[i][j], hidden[i][j], primary[i][j]) for j in range(cols)] for i in range(rows)]
    return Suppressed(out, threshold, row_totals, col_totals)


def suppress_count(value: int, threshold: int = DEFAULT_THRESHOLD) -> Figure:
    """One count on its own (the number behind a median)."""
    return Figure(value, value < threshold, value < threshold)


def percent(value: float | None) -> str:
    """A share as a whole percentage ("" when not shown)."""
    return "" if value is None else f"{round(value * 100)} %"
