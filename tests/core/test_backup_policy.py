from datetime import date

from navdesk.domain.backup_policy import backups_hold_until


def test_a_deletion_stays_in_weekly_backups_for_four_whole_weeks() -> None:
    # Thursday 03.12.2026: its week ends Sunday 06.12; four more weeks end 03.01.2027
    assert backups_hold_until(date(2026, 12, 3)) == date(2027, 1, 3)


def test_with_no_weekly_backups_only_the_daily_ones_count() -> None:
    assert backups_hold_until(date(2026, 12, 3), weekly=0) == date(2026, 12, 10)
    assert backups_hold_until(date(2026, 12, 3), daily=2, weekly=0) == date(2026, 12, 5)
