"""A person's saved searches: their own (admins: anyone's); FORBIDDEN for another person's. Writes:
the caller's own searches (an admin: anyone's)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from domain import errors, search_filters
from domain.batch import Row
from resolvers.args import uuid_arg
from resolvers.context import Context
from resolvers.engine import Failure
from resolvers.scope import scope


async def _owned_by(ctx: Context, person_ids: Sequence[uuid.UUID], read) -> list[list[Row] | Failure]:
    user = ctx.require_user()
    allowed = [p for p in person_ids if user.is_admin or p == user.id]
    found = dict(zip(allowed, await read(ctx.db, allowed))) if allowed else {}
    refused = Failure(errors.PermissionDenied())
    return [found.get(p, refused) for p in person_ids]


async def person_search_filters(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[list[Row] | Failure]:
    return await _owned_by(ctx, person_ids, search_filters.filters_for_persons)


async def person_search_filter_groups(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[list[Row] | Failure]:
    return await _owned_by(ctx, person_ids, search_filters.groups_for_persons)


async def group_search_filters(ctx: Context, group_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """The filters of groups already read (a person's own)."""
    ctx.require_user()
    return await search_filters.filters_for_groups(ctx.db, group_ids)


async def search_filter_groups(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    user = ctx.require_user()
    rows = await search_filters.groups_by_ids(ctx.db, ids)
    return [r if r is not None and (user.is_admin or r["person_id"] == user.id or r["is_shared"]) else None
            for r in rows]


# --- writes ---------------------------------------------------------------------------------------------

async def _may_share(ctx: Context, project_id: uuid.UUID | None) -> bool:
    """Sharing is a manager privilege on the search's production; a search without one is never shared."""
    if project_id is None:
        return False
    s = await scope(ctx)
    return s.manages(project_id)


async def _own(ctx: Context, rows: Sequence[Row | None]) -> Row:
    """The caller's own row (an admin: anyone's); NOT_FOUND otherwise, as Zou."""
    user = ctx.require_user()
    row = rows[0]
    if row is None or not (user.is_admin or row["person_id"] == user.id):
        raise errors.NotFound()
    return row


async def create_search_filter(ctx: Context, values: dict[str, Any]) -> Row:
    user = ctx.require_user()
    row = await search_filters.create_filter(ctx.db, person_id=user.id, values=values,
                                             may_share=await _may_share(ctx, values.get("project_id")))
    await ctx.commit()
    return row


async def update_search_filter(ctx: Context, filter_id: Any, values: dict[str, Any]) -> Row:
    row = await _own(ctx, await search_filters.filters_by_ids(ctx.db, [uuid_arg(filter_id)]))
    updated = await search_filters.update_filter(
        ctx.db, row, values, may_share=await _may_share(ctx, values.get("project_id", row["project_id"])))
    await ctx.commit()
    return updated


async def delete_search_filter(ctx: Context, filter_id: Any) -> uuid.UUID:
    row = await _own(ctx, await search_filters.filters_by_ids(ctx.db, [uuid_arg(filter_id)]))
    await search_filters.delete_filter(ctx.db, row)
    await ctx.commit()
    return row["id"]


async def create_search_filter_group(ctx: Context, values: dict[str, Any]) -> Row:
    user = ctx.require_user()
    row = await search_filters.create_group(ctx.db, person_id=user.id, values=values,
                                            may_share=await _may_share(ctx, values.get("project_id")))
    await ctx.commit()
    return row


async def update_search_filter_group(ctx: Context, group_id: Any, values: dict[str, Any]) -> Row:
    row = await _own(ctx, await search_filters.groups_by_ids(ctx.db, [uuid_arg(group_id)]))
    updated = await search_filters.update_group(
        ctx.db, row, values, may_share=await _may_share(ctx, values.get("project_id", row["project_id"])))
    await ctx.commit()
    return updated


async def delete_search_filter_group(ctx: Context, group_id: Any) -> uuid.UUID:
    row = await _own(ctx, await search_filters.groups_by_ids(ctx.db, [uuid_arg(group_id)]))
    await search_filters.delete_group(ctx.db, row)
    await ctx.commit()
    return row["id"]
