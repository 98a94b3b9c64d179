"""API tokens (spec auth.md §7): one non-refreshable access token per person, for bots (`identity_type`
"bot") and for persons' scripts ("person_api"). Its jti is kept in `person.jti`; a token is valid only
while its jti is that one, so issuing a new token revokes the previous one.

Beyond Zou, a token may be scoped: limited to some projects and/or to reading. The scope travels in the
token's `scope` claim (signed, so checks need no lookup) and is recorded in `trackql_api_token_scope`."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import delete, select, update

from domain import errors, teams, tokens
from domain.base import utcnow
from domain.tables import Person
from domain.trackql_tables import ApiTokenScope
from domain.two_factor import person_row

KEEP: Any = object()  # `issue(scope=KEEP)`: the new token keeps the scope recorded for the person


@dataclass(frozen=True)
class TokenScope:
    project_ids: frozenset[uuid.UUID] | None = None  # None: every project the person may see
    read_only: bool = False

    @classmethod
    def of(cls, project_ids: Iterable[Any] | None = None, read_only: bool = False) -> TokenScope | None:
        """A scope from raw values (ids as strings or UUIDs); None when it limits nothing."""
        if project_ids is not None and (isinstance(project_ids, (str, bytes, dict)) or not _iterable(project_ids)):
            raise errors.InvalidInput("project_ids must be a list of project ids.")
        if not isinstance(read_only, bool):
            raise errors.InvalidInput("read_only must be true or false.")
        ids = None if project_ids is None else frozenset(_uuid(p) for p in project_ids)
        if ids is None and not read_only:
            return None
        return cls(ids, read_only)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> TokenScope | None:
        raw = claims.get("scope")
        if not isinstance(raw, dict):
            return None
        projects = raw.get("projects")
        return cls(None if projects is None else frozenset(uuid.UUID(p) for p in projects),
                   bool(raw.get("read_only")))

    def claims(self) -> dict[str, Any]:
        return {"projects": None if self.project_ids is None else sorted(str(p) for p in self.project_ids),
                "read_only": self.read_only}


def _iterable(value: Any) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True


def _uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise errors.InvalidInput(f"Not a project id: {str(value)[:60]!r}.") from exc


def identity_of(person: dict) -> str:
    return "bot" if person.get("is_bot") else "person_api"


async def recorded_scope(db, person_id: uuid.UUID) -> TokenScope | None:
    rows = await db.rows(select(ApiTokenScope.project_ids, ApiTokenScope.read_only)
                         .where(ApiTokenScope.person_id == person_id))
    if not rows:
        return None
    ids = rows[0]["project_ids"]
    return TokenScope(None if ids is None else frozenset(uuid.UUID(p) for p in ids), bool(rows[0]["read_only"]))


async def issue(db, cfg: tokens.TokenConfig, person_id: uuid.UUID, *, scope: TokenScope | None = KEEP,
                set_by: uuid.UUID | None = None) -> str:
    """A new API token for the person (the previous one stops working). It expires at the end of the
    person's `expiration_date` when there is one, never otherwise. `scope` limits it (None: no limit;
    KEEP: the limits recorded for the previous token). Flushes, never commits."""
    person = await person_row(db, person_id)
    if scope is KEEP:
        scope = await recorded_scope(db, person_id)
    elif scope is not None and scope.project_ids:
        if not all(await teams.projects_exist(db, sorted(scope.project_ids))):
            raise errors.InvalidInput("Unknown project id in project_ids.")
    expires = False
    if person.get("expiration_date") is not None:
        expires = datetime.combine(person["expiration_date"], time.max) - utcnow()
    jti = str(uuid.uuid4())
    extra = {"scope": scope.claims()} if scope is not None else None
    token = tokens.make_token(cfg, person_id, kind="access", identity_type=identity_of(person), expires=expires,
                              jti=jti, extra=extra)
    await db.execute(update(Person).where(Person.id == person_id).values(jti=jti))
    await _record_scope(db, person_id, jti, scope, set_by)
    return token


async def _record_scope(db, person_id: uuid.UUID, jti: str, scope: TokenScope | None,
                        set_by: uuid.UUID | None) -> None:
    await db.execute(delete(ApiTokenScope).where(ApiTokenScope.person_id == person_id))
    if scope is None:
        return
    projects = None if scope.project_ids is None else sorted(str(p) for p in scope.project_ids)
    await db.execute(ApiTokenScope.__table__.insert().values(
        person_id=person_id, jti=jti, project_ids=projects, read_only=scope.read_only, set_by=set_by,
        updated_at=utcnow()))
