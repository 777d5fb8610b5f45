"""Storage: SQLAlchemy Core schema, Alembic migrations, the ledger repository, audit, backups."""
