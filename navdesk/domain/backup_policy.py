"""How long backups keep data: the rotation rule shared by the backups, key changes and deletion.

Backups are rotated to keep the newest ``daily`` daily backups and the newest ``weekly`` weekly ones
(the first backup of each ISO week). A record deleted today is therefore still inside some backup
until the oldest weekly backup made before today has been rotated out: at most ``weekly`` whole
weeks after the week of the deletion, and never less than ``daily`` days.

Pure functions: no database, no Qt.
"""

from __future__ import annotations

from datetime import date, timedelta

DEFAULT_DAILY = 7
DEFAULT_WEEKLY = 4


def backups_hold_until(day: date, *, daily: int = DEFAULT_DAILY, weekly: int = DEFAULT_WEEKLY) -> date:
    """The last day on which a backup made on or before ``day`` may still exist under the rotation."""
    last = day + timedelta(days=daily)
    if weekly > 0:
        end_of_week = day + timedelta(days=6 - day.weekday())
        last = max(last, end_of_week + timedelta(weeks=weekly))
    return last
