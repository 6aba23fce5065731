"""NavDesk: the working tool for NAV counsellors who follow up young people."""

__version__ = "0.1.0"
