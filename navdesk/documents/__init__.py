"""Printed documents (ReportLab, no Qt): plain data in, PDF bytes out.

Import these modules when printing, not at start-up: ReportLab costs about 100 ms to import.
"""
