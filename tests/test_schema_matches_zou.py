"""The schema we create is Zou 1.0.97's: compared with `pg_dump --schema-only` of a freshly initialised Zou
(tests/fixtures/zou-schema-1.0.97.sql). PostgreSQL is compared in full; SQLite by table and column names."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

from zou_dump import PgSchema, parse_dump, read_catalog

REFERENCE = parse_dump()
ZOU_TABLES = sorted(REFERENCE.columns)

# The full comparison only means something on PostgreSQL: run it on that backend alone.
_PG = [b for b in os.environ.get("TRACKQL_TEST_BACKENDS", "sqlite,postgres").split(",") if b == "postgres"]
postgres_only = pytest.mark.parametrize("backend", _PG, indirect=True)


@pytest.fixture
async def catalog(engine) -> PgSchema:
    async with engine.connect() as conn:
        return await read_catalog(conn)


def _table_names_and_columns(sync_conn) -> dict[str, list[str]]:
    insp = inspect(sync_conn)
    return {t: [c["name"] for c in insp.get_columns(t)] for t in insp.get_table_names()}


def test_the_dump_parses_into_zous_81_tables():
    assert len(ZOU_TABLES) == 81
    assert REFERENCE.columns["person"]["contract_type"].default == "'open-ended'::character varying"
    assert REFERENCE.columns["task"]["difficulty"].not_null


async def test_every_zou_table_exists_with_the_same_column_names(engine):
    async with engine.connect() as conn:
        ours = await conn.run_sync(_table_names_and_columns)
    zou_side = {t: cols for t, cols in ours.items() if not t.startswith("trackql_")}
    assert sorted(zou_side) == ZOU_TABLES
    for table in ZOU_TABLES:
        assert sorted(zou_side[table]) == sorted(REFERENCE.columns[table]), table


@postgres_only
async def test_column_types_and_not_nulls_match_zou(catalog):
    for table in ZOU_TABLES:
        ours = {c: (d.type, d.not_null) for c, d in catalog.columns[table].items()}
        zou = {c: (d.type, d.not_null) for c, d in REFERENCE.columns[table].items()}
        assert ours == zou, table


@postgres_only
async def test_column_defaults_match_zou(catalog):
    for table in ZOU_TABLES:
        ours = {c: d.default for c, d in catalog.columns[table].items()}
        zou = {c: d.default for c, d in REFERENCE.columns[table].items()}
        assert ours == zou, table


@postgres_only
async def test_primary_keys_match_zou(catalog):
    for table in ZOU_TABLES:
        assert catalog.kinds(table, "PRIMARY KEY") == REFERENCE.kinds(table, "PRIMARY KEY"), table


@postgres_only
async def test_unique_constraints_match_zou_by_column_set(catalog):
    for table in ZOU_TABLES:
        assert catalog.unique_column_sets(table) == REFERENCE.unique_column_sets(table), table
    # The five whose columns are the primary key's (PostgreSQL drops them from CREATE TABLE).
    assert frozenset({"person_id", "department_id"}) in catalog.unique_column_sets("department_link")


@postgres_only
async def test_foreign_keys_match_zou_with_their_on_delete(catalog):
    for table in ZOU_TABLES:
        assert catalog.kinds(table, "FOREIGN KEY") == REFERENCE.kinds(table, "FOREIGN KEY"), table


@postgres_only
async def test_check_constraints_match_zou(catalog):
    for table in ZOU_TABLES:
        assert catalog.kinds(table, "CHECK") == REFERENCE.kinds(table, "CHECK"), table


@postgres_only
async def test_constraint_names_match_zou(catalog):
    for table in ZOU_TABLES:
        ours = sorted(n for n, _ in catalog.constraints.get(table, []))
        assert ours == sorted(n for n, _ in REFERENCE.constraints.get(table, [])), table


@postgres_only
async def test_indexes_match_zou_by_definition_and_name(catalog):
    for table in ZOU_TABLES:
        assert catalog.index_definitions(table) == REFERENCE.index_definitions(table), table
        ours = sorted(n for n, _ in catalog.indexes.get(table, []))
        assert ours == sorted(n for n, _ in REFERENCE.indexes.get(table, [])), table


@postgres_only
async def test_enum_types_match_zou(catalog):
    assert catalog.enums == REFERENCE.enums
