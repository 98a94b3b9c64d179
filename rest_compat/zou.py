"""The one module that knows Zou's JSON: value encoding, the `type` key, error bodies."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import orjson
from starlette.responses import Response

from domain import errors

NOT_FOUND = ("404 Not Found: The requested URL was not found on the server. If you entered the URL manually "
             "please check your spelling and try again.")
FORBIDDEN = ("You don't have the permission to access the requested resource. It is either read-protected or "
             "not readable by the server.")
METHOD_NOT_ALLOWED = "The method is not allowed for the requested URL."
INTERNAL = "Internal server error."

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def value(v: Any) -> Any:
    """A column value as Zou writes it."""
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, datetime):
        return v.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).decode("utf-8", "replace")
    return v


def row(r: Mapping[str, Any], type_name: str | None = None, *, drop: Iterable[str] = ()) -> dict[str, Any]:
    out = {k: value(v) for k, v in r.items() if k not in drop}
    if isinstance(out.get("data"), Mapping):
        out["data"] = {k: value(v) for k, v in out["data"].items()}
    if type_name is not None:
        out["type"] = type_name
    return out


def _default(obj: Any) -> Any:
    v = value(obj)
    if v is obj:
        raise TypeError(f"not JSON serializable: {type(obj).__name__}")
    return v


def dumps(content: Any) -> bytes:
    return orjson.dumps(content, default=_default, option=orjson.OPT_NON_STR_KEYS)


class ZouJSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def json(content: Any, status: int = 200) -> Response:
    return ZouJSON(content, status_code=status)


def no_content() -> Response:
    return Response(status_code=204)


def error_body(exc: errors.DomainError) -> dict[str, Any]:
    if exc.body is not None:
        return exc.body
    if isinstance(exc, errors.NotFound):
        return {"error": True, "message": NOT_FOUND}
    if isinstance(exc, errors.PermissionDenied):
        return {"error": True, "message": exc.message or FORBIDDEN}
    if isinstance(exc, errors.InvalidInput):
        return {"error": True, "message": exc.message, "data": exc.data}
    if exc.status >= 500:
        return {"error": True, "message": INTERNAL}
    return {"error": True, "message": exc.message}


def error_response(exc: errors.DomainError) -> Response:
    return json(error_body(exc), exc.status)
