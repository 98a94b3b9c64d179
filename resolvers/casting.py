"""Casting as both faces read it. Vendors are refused any casting (spec auth.md §3)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import casting, errors
from domain.batch import Row
from resolvers.context import Context
from resolvers.engine import Failure
from resolvers.scope import Scope, scope


def _casting_projects(s: Scope) -> frozenset[uuid.UUID] | None:
    if s.project_ids is None:
        return None
    return s.project_ids - s.vendor_project_ids


async def entity_casting(ctx: Context, containers: Sequence[Row]) -> list[list[Row] | Failure]:
    """Each container's (shot, episode, asset) casting links, canceled assets left out; FORBIDDEN for a
    container of a project where the caller is a vendor."""
    s = await scope(ctx)
    allowed = [c["id"] for c in containers if c["project_id"] not in s.vendor_project_ids]
    found = dict(zip(allowed, await casting.casting_for_entities(ctx.db, allowed, project_ids=_casting_projects(s)))
                 ) if allowed else {}
    refused = Failure(errors.PermissionDenied())
    return [found[c["id"]] if c["id"] in found else refused for c in containers]


async def asset_cast_in(ctx: Context, asset_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each asset's links to the containers it is cast in (vendors' projects left out)."""
    s = await scope(ctx)
    return await casting.cast_in_for_assets(ctx.db, asset_ids, project_ids=_casting_projects(s))
