"""Scalars written as Zou writes them: datetimes naive UTC "YYYY-MM-DDTHH:MM:SS", ids as UUID strings,
Zou's free-form `data` columns as JSON."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, NewType

import strawberry
from strawberry.scalars import JSON

from domain import errors

DateTime = NewType("DateTime", datetime)
BigInt = NewType("BigInt", int)


def serialize_datetime(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat()


def parse_datetime(value: Any) -> datetime:
    """An ISO 8601 date or datetime; with an offset it is converted to naive UTC."""
    if not isinstance(value, str):
        raise errors.InvalidInput(f"DateTime cannot represent value: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise errors.InvalidInput(f"DateTime cannot represent value: {value!r}") from exc
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def serialize_bigint(value: Any) -> int:
    return int(value)


def parse_bigint(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.InvalidInput(f"BigInt cannot represent value: {value!r}")
    return value


SCALAR_MAP = {
    DateTime: strawberry.scalar(
        name="DateTime", description="A naive UTC date and time, written YYYY-MM-DDTHH:MM:SS (as Zou writes it).",
        serialize=serialize_datetime, parse_value=parse_datetime),
    BigInt: strawberry.scalar(
        name="BigInt", description="An integer beyond 32 bits (file sizes).",
        serialize=serialize_bigint, parse_value=parse_bigint),
}

__all__ = ["JSON", "SCALAR_MAP", "BigInt", "DateTime"]
