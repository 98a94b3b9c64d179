"""Argument values shared by both faces: ids given as strings become UUIDs or a clear 400."""
from __future__ import annotations

import uuid
from typing import Any

from domain import errors


def uuid_arg(value: Any, name: str = "id") -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise errors.InvalidInput(f"Invalid UUID value for {name}: {value}") from exc


def uuid_list(values: Any, name: str = "ids") -> list[uuid.UUID]:
    return [uuid_arg(v, name) for v in values or []]  # type: ignore[misc]
