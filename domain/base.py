"""Declarative base and the column types that differ between PostgreSQL and SQLite."""
from __future__ import annotations

import base64
import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, TypeDecorator
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase

# Zou stores JSONB; SQLite stores the same documents as JSON text.
JSONB = JSON().with_variant(postgresql.JSONB(), "postgresql")
JSONBArray = JSON().with_variant(postgresql.ARRAY(postgresql.JSONB()), "postgresql")


def StringArray(length: int | None = None):  # noqa: N802 - reads like a type
    return JSON().with_variant(postgresql.ARRAY(String(length)), "postgresql")


class BinaryArray(TypeDecorator):
    """bytea[] on PostgreSQL; a JSON list of base64 strings on SQLite."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.ARRAY(LargeBinary()))
        return dialect.type_descriptor(JSON())

    def process_bind_param(self, value: Any, dialect):
        if value is None or dialect.name == "postgresql":
            return value
        return [base64.b64encode(bytes(v)).decode() for v in value]

    def process_result_value(self, value: Any, dialect):
        if value is None:
            return None
        if dialect.name == "postgresql":
            return [bytes(v) for v in value]
        return [base64.b64decode(v) for v in value]


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utcnow() -> datetime:
    """Naive UTC, as Zou stores every timestamp."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass
