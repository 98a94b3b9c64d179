"""Persons as both faces read them. What a caller sees of a person follows Zou's shapes (crud.md §7):
admins and managers everything but secrets (the daily salary: admins only), anyone their own row, the
others a minimal shape. Rows are redacted here, once, whatever path led to them."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain import errors, memberships, people
from domain.people_listing import people_listing
from domain.batch import Row
from domain.tables import Person
from resolvers import pagination
from resolvers.args import uuid_arg
from resolvers.context import Context
from resolvers.scope import scope

# Columns of the minimal shape (plus the id); every other column is blanked for the minimal reader.
MINIMAL = frozenset({"id", "first_name", "last_name", "has_avatar", "active", "role", "is_bot", "is_guest",
                     "studio_id", "desktop_login"})
_BLANK_MINIMAL = {c: None for c in Person.__table__.c.keys() if c not in MINIMAL}
_BLANK_SALARY = {"daily_salary": None}


def redact(ctx: Context, rows: Sequence[Any]) -> list[Any]:
    """Person rows (or lists of them, or None) as the caller may see them."""
    user = ctx.require_user()
    if user.is_admin:
        return list(rows)
    full = user.role == "manager"

    def shown(r: Row) -> Row:
        if r["id"] == user.id or full:
            return {**r, **_BLANK_SALARY}
        return {**r, **_BLANK_MINIMAL}

    out = []
    for g in rows:
        if type(g) is list:
            out.append([shown(r) for r in g])
        elif type(g) is dict:
            out.append(shown(g))
        else:
            out.append(g)
    return out


async def me(ctx: Context) -> Row:
    return redact(ctx, [ctx.require_user().person])[0]


async def persons_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return redact(ctx, await people.persons_by_ids(ctx.db, ids))


async def person(ctx: Context, id: Any) -> Row:  # noqa: A002 - the GraphQL argument's name
    """One person: 404 when unknown; a client may read only the people of their teams (else 403)."""
    pid = uuid_arg(id)
    row = await ctx.loaders.of(persons_by_ids, ctx).load(pid)
    if row is None or row.get("preview_project_id") is not None:
        raise errors.NotFound()
    user = ctx.require_user()
    if user.role == "client" and pid != user.id:
        s = await scope(ctx)
        their = (await memberships.team_roles_for_persons(ctx.db, [pid]))[0]
        if not set(their) & set(s.project_ids or ()):
            raise errors.PermissionDenied()
    return row


async def persons_page(ctx: Context, *, first: int | None = None, after: str | None = None,
                       name: str | None = None, role: str | None = None, active: bool | None = None,
                       department_id: Any = None, updated_since: datetime | None = None) -> dict:
    """The studio's people (a client: those of their teams); preview (guest share) accounts are never
    listed."""
    user = ctx.require_user()
    project_ids = None
    if user.role == "client":
        project_ids = (await scope(ctx)).project_ids
    stmt = people_listing(ctx.db, name=name, role=role, active=active, updated_since=updated_since,
                          department_id=uuid_arg(department_id, "departmentId"), team_of_projects=project_ids,
                          me=user.id)

    async def shown(rows: list[Row]) -> list[Row]:
        return redact(ctx, rows)

    return await pagination.page(ctx.db, stmt, first=first, after=after, rows_hook=shown)


def full_name(row: Row) -> str:
    return people.full_name(row)


async def person_departments(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    ctx.require_user()
    return await memberships.departments_for_persons(ctx.db, person_ids)
