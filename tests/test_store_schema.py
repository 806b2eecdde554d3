"""The storage models mirror the exchange models, and the migrations build exactly them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from safeguard.records.io import field_specs
from safeguard.records.schema import ENTITIES, REFERENCES
from safeguard.store.engine import default_db_url, open_engine
from safeguard.store.migrate import migrate
from safeguard.store.models import IMPORT_COLUMNS, TABLES, Base


def test_every_entity_has_a_table_with_the_same_fields() -> None:
    assert list(TABLES) == list(ENTITIES)
    for entity, cls in TABLES.items():
        table = cls.__table__
        assert table.name == entity
        specs = field_specs(entity)
        # and the import's hashes of the row (safeguard.store.load, safeguard.store.unchanged)
        assert [c.name for c in table.columns if c.name not in IMPORT_COLUMNS] == list(specs)
        assert table.c.row_hash.nullable and table.c.source_hash.nullable, entity
        for name, spec in specs.items():
            col = table.c[name]
            has_default = not ENTITIES[entity].model_fields[name].is_required()
            nullable_in_schema = has_default and ENTITIES[entity].model_fields[name].default is None
            assert col.nullable == nullable_in_schema, f"{entity}.{name}"
            if spec.max_length and isinstance(col.type, sa.String) and col.type.length:
                assert col.type.length >= spec.max_length, f"{entity}.{name}"
        assert [c.name for c in table.primary_key.columns] == ["id"]


def test_references_are_foreign_keys_except_lists() -> None:
    for (entity, fld), target in REFERENCES.items():
        col = TABLES[entity].__table__.c[fld]
        if field_specs(entity)[fld].kind == "list":
            continue
        assert {fk.column.table.name for fk in col.foreign_keys} == {target}, f"{entity}.{fld}"


def test_audit_access_paths_are_indexed() -> None:
    indexed = {
        (t.name, c.name)
        for t in Base.metadata.tables.values()
        for ix in t.indexes
        for c in list(ix.columns)[:1]
    }
    for entity in TABLES:
        for col in ("child_id", "episode_id", "investigation_id", "written_at"):
            if col in TABLES[entity].__table__.c:
                assert (entity, col) in indexed, f"{entity}.{col}"


def test_migrations_create_exactly_the_models(db_url: str) -> None:
    engine = migrate(db_url)
    migrate(db_url)  # a second run is a no-op
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, Base.metadata)
    mine = set(TABLES)

    def table_of(diff: object) -> str | None:
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:]:  # type: ignore[index]
            name = getattr(part, "name", None) if not isinstance(part, str) else None
            table = getattr(part, "table", None)
            if table is not None:
                return table.name
            if name in mine:
                return name
            if isinstance(part, str) and part in mine:
                return part
        return None

    assert [d for d in diffs if table_of(d) in mine] == []
    engine.dispose()


def test_sqlite_is_opened_with_foreign_keys_and_wal(tmp_path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
    engine.dispose()
    small = open_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}", cache_mib=8)
    with small.connect() as conn:  # the web server's connections keep fewer pages each
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -8 * 1024
    small.dispose()


def test_default_db_url_honours_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SAFEGUARD_DB", "sqlite:///elsewhere.db")
    assert default_db_url() == "sqlite:///elsewhere.db"
    monkeypatch.delenv("SAFEGUARD_DB")
    url = default_db_url()
    assert url.startswith("sqlite:///") and url.endswith("safeguard.db")
