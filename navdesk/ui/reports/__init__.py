"""The Rapporter screen (office report)."""
