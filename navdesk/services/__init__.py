"""Use cases: everything a veileder can do, as functions over a session and plain values.

Every change takes the acting user and writes an audit event (:mod:`navdesk.services.audit`).
"""
