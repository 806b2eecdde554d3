"""Storage of case records: SQLAlchemy models, engine, migrations, import/export, case reading."""
