"""Persistence: SQLAlchemy models, engines (SQLite, SQLCipher, PostgreSQL) and Alembic migrations."""
