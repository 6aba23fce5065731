"""Norwegian text: collation and search folding."""

from __future__ import annotations

from datetime import date

from navdesk.domain.text import collation_key, search_fold


def test_ae_oe_aa_after_z_in_that_order():
    names = ["Åse", "Zara", "Ærle", "Øystein", "Anna", "åge", "Ola", "Émile", "Eva", "Đuolla", "Daniel"]
    assert sorted(names, key=collation_key) == [
        "Anna", "Daniel", "Đuolla", "Émile", "Eva", "Ola", "Zara", "Ærle", "Øystein", "åge", "Åse"]  # fmt: skip


def test_case_and_accents_only_break_ties():
    assert collation_key("ola") < collation_key("Olb")
    assert collation_key("André") < collation_key("Andrea")
    assert collation_key("ås") == collation_key("Ås")  # case alone does not order names


def test_search_fold_finds_across_case_and_accents():
    assert "ø" in search_fold("Øystein")
    assert "andre" in search_fold("André")
    assert "æ" in search_fold("ÆRLE") and "a" not in search_fold("Æ")


def test_portfolio_local_day_of_stored_utc_text_around_midnight_in_oslo() -> None:
    """SQLite gives stored UTC times as text; the portfolio shows the day they fall on in Oslo."""
    from datetime import UTC, datetime

    from navdesk.domain.portfolio import _local_day

    cases = [
        ("2026-07-01 21:59:59.000000", date(2026, 7, 1)),  # summer, 23:59 in Oslo
        ("2026-07-01 22:00:00.000000", date(2026, 7, 2)),  # summer, midnight in Oslo
        ("2026-01-15 22:30:00.000000", date(2026, 1, 15)),  # winter, 23:30 in Oslo
        ("2026-01-15 23:00:00.000000", date(2026, 1, 16)),  # winter, midnight in Oslo
        ("2026-03-29 00:30:00.000000", date(2026, 3, 29)),  # the night clocks go forward
    ]
    for text, day in cases:
        assert _local_day(text) == day, text
        aware = datetime.fromisoformat(text).replace(tzinfo=UTC)
        assert _local_day(aware) == day, text  # PostgreSQL gives aware times: same answer
    assert _local_day(None) is None
