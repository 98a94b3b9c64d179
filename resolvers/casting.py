"""Casting as both faces read it. Vendors never see a casting (spec auth.md §3): their projects are left
out of the reads."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import casting
from domain.batch import Row
from resolvers.context import Context
from resolvers.scope import Scope, scope


def _casting_projects(s: Scope) -> frozenset[uuid.UUID] | None:
    if s.project_ids is None:
        return None
    return s.project_ids - s.vendor_project_ids


async def entity_casting(ctx: Context, entity_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each container's casting links (shots, episodes, assets), canceled assets left out."""
    s = await scope(ctx)
    return await casting.casting_for_entities(ctx.db, entity_ids, project_ids=_casting_projects(s))


async def asset_cast_in(ctx: Context, asset_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """Each asset's links to the containers it is cast in."""
    s = await scope(ctx)
    return await casting.cast_in_for_assets(ctx.db, asset_ids, project_ids=_casting_projects(s))
