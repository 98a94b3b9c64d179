"""One error hierarchy for both faces: REST maps it to Zou's bodies, GraphQL to a `code` extension."""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status, code = 500, "INTERNAL"

    def __init__(self, message: str = "", *, data: Any = None, body: dict | None = None):
        super().__init__(message)
        self.message = message
        self.data = data
        # A REST body that differs from the default shape (Zou is not uniform); GraphQL ignores it.
        self.body = body


class InvalidInput(DomainError):
    status, code = 400, "BAD_USER_INPUT"


class Unauthenticated(DomainError):
    status, code = 401, "UNAUTHENTICATED"


class PermissionDenied(DomainError):
    status, code = 403, "FORBIDDEN"


class NotFound(DomainError):
    status, code = 404, "NOT_FOUND"


class Conflict(DomainError):
    """An integrity rule of the database refused a write (unique, foreign key, not null, check)."""

    status, code = 400, "CONFLICT"


class MalformedToken(DomainError):
    """A token that is not a usable JWT of the expected kind (Zou's JWT layer answers 422)."""

    status, code = 422, "UNAUTHENTICATED"


class UnsupportedMediaType(DomainError):
    status, code = 415, "BAD_USER_INPUT"
