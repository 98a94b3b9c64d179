"""Metadata descriptors as both faces read them: per project the caller sees; a client only the
descriptors meant for clients, a vendor those of no department or of one of theirs (crud.md §7)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import memberships, metadata
from domain.batch import Row
from resolvers.context import Context
from resolvers.scope import caller_department_ids, scope


async def project_descriptors(ctx: Context, project_ids: Sequence[uuid.UUID], *, entity_type: str | None = None
                              ) -> list[list[Row]]:
    s = await scope(ctx)
    visible = [p for p in project_ids if s.sees(p)]
    found = dict(zip(visible, await metadata.descriptors_for_projects(ctx.db, visible, entity_type=entity_type))) \
        if visible else {}
    mine = await caller_department_ids(ctx) if any(p in s.vendor_project_ids for p in visible) else set()

    def keep(project_id: uuid.UUID, d: Row) -> bool:
        if project_id in s.client_project_ids:
            return bool(d["for_client"])
        if project_id in s.vendor_project_ids:
            return not d["department_ids"] or bool(mine & set(d["department_ids"]))
        return True

    return [[d for d in found.get(p, []) if keep(p, d)] for p in project_ids]


async def descriptor_departments(ctx: Context, descriptors: Sequence[Row]) -> list[list[Row]]:
    ctx.require_user()
    ids = list(dict.fromkeys(d for row in descriptors for d in row["department_ids"]))
    by_id = dict(zip(ids, await memberships.departments_by_ids(ctx.db, ids))) if ids else {}
    return [[by_id[d] for d in row["department_ids"] if by_id.get(d)] for row in descriptors]
