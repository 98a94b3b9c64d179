"""Request bodies checked the way Zou 1.0.97's schemas check them (pydantic v2, lax mode), with the same
field messages, so that a refused body gets Zou's `Validation error.` answer word for word."""
from __future__ import annotations

import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import errors

MISSING = object()


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "float", "int", "str", "dict"
    required: bool = False
    default: Any = None
    gt: float | None = None
    min_length: int | None = None
    max_length: int | None = None


class _Invalid(Exception):
    pass


def validate(schema: str, payload: Any, fields: Sequence[Field]) -> dict[str, Any]:
    """The payload's values, coerced; a refusal lists every failing field, in the schema's order."""
    if not isinstance(payload, Mapping):
        raise validation_error([("", f"Input should be a valid dictionary or instance of {schema}")])
    out: dict[str, Any] = {}
    failures: list[tuple[str, str]] = []
    for f in fields:
        raw = payload.get(f.name, MISSING)
        if raw is MISSING:
            if f.required:
                failures.append((f.name, "Field required"))
            else:
                out[f.name] = f.default
            continue
        if raw is None and not f.required:
            out[f.name] = None
            continue
        try:
            out[f.name] = _coerce(f, raw)
        except _Invalid as exc:
            failures.append((f.name, str(exc)))
    if failures:
        raise validation_error(failures)
    return out


def validation_error(failures: Sequence[tuple[str, str]]) -> errors.InvalidInput:
    return errors.InvalidInput("Validation error.",
                               data={"errors": [{"field": f, "message": m} for f, m in failures]})


def _coerce(f: Field, raw: Any) -> Any:
    value = {"float": _float, "int": _int, "str": _str, "dict": _dict}[f.kind](raw)
    if f.gt is not None and not value > f.gt:
        raise _Invalid(f"Input should be greater than {_num(f.gt)}")
    if f.min_length is not None and len(value) < f.min_length:
        unit = "character" if f.min_length == 1 else "characters"
        raise _Invalid(f"String should have at least {f.min_length} {unit}")
    if f.max_length is not None and len(value) > f.max_length:
        unit = "character" if f.max_length == 1 else "characters"
        raise _Invalid(f"String should have at most {f.max_length} {unit}")
    return value


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _float(raw: Any) -> float:
    if isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError as exc:
            raise _Invalid("Input should be a valid number, unable to parse string as a number") from exc
    else:
        raise _Invalid("Input should be a valid number")
    if math.isinf(value):
        # Zou stores an infinite duration and reads it back as null; refuse it.
        raise _Invalid("Input should be a finite number")
    return value


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not raw.is_integer():
            raise _Invalid("Input should be a valid integer, got a number with a fractional part")
        return int(raw)
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return int(text)
        except ValueError:
            try:
                as_float = float(text)
            except ValueError as exc:
                raise _Invalid("Input should be a valid integer, unable to parse string as an integer") from exc
            if as_float.is_integer():
                return int(as_float)
            raise _Invalid("Input should be a valid integer, got a number with a fractional part") from None
    raise _Invalid("Input should be a valid integer")


def _str(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    raise _Invalid("Input should be a valid string")


def _dict(raw: Any) -> dict:
    if isinstance(raw, Mapping):
        return dict(raw)
    raise _Invalid("Input should be a valid dictionary")


def parse_day(text: str) -> date:
    """A `YYYY-MM-DD` calendar day; ValueError otherwise."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return date.fromisoformat(text)


def parse_uuid(value: Any) -> uuid.UUID | None:
    """A UUID, or None for anything that is not one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        return None
