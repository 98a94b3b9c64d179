"""Zou 1.0.97's schema as `pg_dump --schema-only` wrote it (tests/fixtures/zou-schema-1.0.97.sql), read into
the same shape as a live PostgreSQL catalog so the two compare with `==`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

DUMP = Path(__file__).parent / "fixtures" / "zou-schema-1.0.97.sql"


@dataclass(frozen=True)
class ColumnDef:
    type: str
    not_null: bool
    default: str | None


@dataclass
class PgSchema:
    columns: dict[str, dict[str, ColumnDef]] = field(default_factory=dict)  # table -> column -> definition
    constraints: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # table -> [(name, definition)]
    indexes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # table -> [(name, CREATE INDEX ...)]
    enums: dict[str, list[str]] = field(default_factory=dict)

    def kinds(self, table: str, prefix: str) -> list[str]:
        return sorted(d for _, d in self.constraints.get(table, []) if d.startswith(prefix))

    def unique_column_sets(self, table: str) -> set[frozenset[str]]:
        return {frozenset(_columns(d)) for d in self.kinds(table, "UNIQUE ")}

    def index_definitions(self, table: str) -> list[str]:
        """Index definitions without their names (the name is compared apart)."""
        return sorted(re.sub(r"INDEX \S+ ON ", "INDEX ON ", d) for _, d in self.indexes.get(table, []))


def _columns(definition: str) -> list[str]:
    inner = definition[definition.index("(") + 1:definition.index(")")]
    return [c.strip().strip('"') for c in inner.split(",")]


def _unqualify(sql: str) -> str:
    return sql.replace("public.", "")


def _statements(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.startswith("--") and not ln.startswith("\\")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip()]


def _column_line(line: str) -> tuple[str, ColumnDef]:
    line = line.strip().rstrip(",")
    not_null = line.endswith(" NOT NULL")
    if not_null:
        line = line[: -len(" NOT NULL")]
    default = None
    if " DEFAULT " in line:
        line, default = line.split(" DEFAULT ", 1)
    name, type_ = line.split(" ", 1)
    return name.strip('"'), ColumnDef(_unqualify(type_), not_null, default and _unqualify(default))


def parse_dump(path: Path = DUMP) -> PgSchema:
    schema = PgSchema()
    for stmt in _statements(path.read_text()):
        if m := re.match(r"CREATE TABLE public\.(\w+) \(\n(.*)\n\)$", stmt, re.S):
            table, body = m.groups()
            columns = schema.columns.setdefault(table, {})
            for line in body.splitlines():
                if line.strip().startswith("CONSTRAINT "):
                    _, name, definition = line.strip().rstrip(",").split(" ", 2)
                    schema.constraints.setdefault(table, []).append((name, definition))
                else:
                    name, col = _column_line(line)
                    columns[name] = col
        elif m := re.match(r"ALTER TABLE ONLY public\.(\w+)\s+ADD CONSTRAINT (\S+) (.*)$", stmt, re.S):
            table, name, definition = m.groups()
            schema.constraints.setdefault(table, []).append((name, _unqualify(definition)))
        elif m := re.match(r"CREATE (?:UNIQUE )?INDEX (\S+) ON public\.(\w+) ", stmt):
            name, table = m.groups()
            schema.indexes.setdefault(table, []).append((name, _unqualify(stmt)))
        elif m := re.match(r"CREATE TYPE public\.(\w+) AS ENUM \((.*)\)$", stmt, re.S):
            name, values = m.groups()
            schema.enums[name] = [v.strip().strip("'") for v in values.split(",")]
    return schema


_COLUMNS = text("""
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
""")
_CONSTRAINTS = text("""
SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public'
""")
# Indexes that back a primary key or unique constraint are compared as constraints, as pg_dump writes them.
_INDEXES = text("""
SELECT c.relname, i.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND NOT EXISTS (
    SELECT 1 FROM pg_constraint con
    WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u'))
""")
_ENUMS = text("""
SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder
""")


async def read_catalog(conn) -> PgSchema:
    """The live schema of a PostgreSQL database (an AsyncConnection), in the dump's shape."""
    schema = PgSchema()
    for table, column, type_, not_null, default in await conn.execute(_COLUMNS):
        schema.columns.setdefault(table, {})[column] = ColumnDef(_unqualify(type_), not_null,
                                                                 default and _unqualify(default))
    for table, name, definition in await conn.execute(_CONSTRAINTS):
        schema.constraints.setdefault(table, []).append((name, _unqualify(definition)))
    for table, name, definition in await conn.execute(_INDEXES):
        schema.indexes.setdefault(table, []).append((name, _unqualify(definition)))
    for name, label in await conn.execute(_ENUMS):
        schema.enums.setdefault(name, []).append(label)
    return schema
