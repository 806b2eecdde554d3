"""Alembic migration scripts for the safeguard store."""
