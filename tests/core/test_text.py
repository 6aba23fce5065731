"""Norwegian text: collation and search folding."""

from __future__ import annotations

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
