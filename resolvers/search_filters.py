"""A person's saved searches: their own (admins: anyone's); FORBIDDEN for another person's."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import errors, search_filters
from domain.batch import Row
from resolvers.context import Context
from resolvers.engine import Failure


async def _own(ctx: Context, person_ids: Sequence[uuid.UUID], read) -> list[list[Row] | Failure]:
    user = ctx.require_user()
    allowed = [p for p in person_ids if user.is_admin or p == user.id]
    found = dict(zip(allowed, await read(ctx.db, allowed))) if allowed else {}
    refused = Failure(errors.PermissionDenied())
    return [found.get(p, refused) for p in person_ids]


async def person_search_filters(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[list[Row] | Failure]:
    return await _own(ctx, person_ids, search_filters.filters_for_persons)


async def person_search_filter_groups(ctx: Context, person_ids: Sequence[uuid.UUID]) -> list[list[Row] | Failure]:
    return await _own(ctx, person_ids, search_filters.groups_for_persons)


async def group_search_filters(ctx: Context, group_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """The filters of groups already read (a person's own)."""
    ctx.require_user()
    return await search_filters.filters_for_groups(ctx.db, group_ids)


async def search_filter_groups(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    user = ctx.require_user()
    rows = await search_filters.groups_by_ids(ctx.db, ids)
    return [r if r is not None and (user.is_admin or r["person_id"] == user.id or r["is_shared"]) else None
            for r in rows]
