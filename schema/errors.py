"""GraphQL errors as the client sees them: a `code` extension always; a DomainError's own message; anything
else during execution masked as "Internal server error" (the detail goes to the log)."""
from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from domain import errors

log = logging.getLogger("trackql.graphql")

INTERNAL = "Internal server error"
INTERNAL_CODE = "INTERNAL_SERVER_ERROR"
DEFAULT_MESSAGES = {
    "BAD_USER_INPUT": "Invalid input.",
    "UNAUTHENTICATED": "Not authenticated.",
    "FORBIDDEN": "You don't have the permission to access this resource.",
    "NOT_FOUND": "Not found.",
    "CONFLICT": "The change conflicts with existing data.",
}


def format_error(error: GraphQLError) -> dict[str, Any]:
    message, code = _message_and_code(error)
    out: dict[str, Any] = {"message": message}
    if error.locations is not None:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path is not None:
        out["path"] = list(error.path)
    out["extensions"] = {"code": code}
    return out


def _message_and_code(error: GraphQLError) -> tuple[str, str]:
    original = error.original_error
    if error.path is None:
        # A request error (syntax, validation, variables, limits): the client's to fix, its text kept.
        code = original.code if isinstance(original, errors.DomainError) else "BAD_USER_INPUT"
        return error.message, code
    if isinstance(original, errors.DomainError) and original.code != "INTERNAL":
        return original.message or DEFAULT_MESSAGES.get(original.code, INTERNAL), original.code
    return INTERNAL, INTERNAL_CODE


def log_unexpected(errs: list[GraphQLError]) -> None:
    for e in errs:
        original = e.original_error
        if original is not None and not isinstance(original, (errors.DomainError, GraphQLError)) \
                and e.path is not None:
            log.error("GraphQL field %s failed", e.path, exc_info=original)
