"""Zou's own order of access checks, as its REST routes run them (auth.md §3), on top of `resolvers.access`:
an admin passes project checks without a lookup, anyone else needs the project to exist (404) and to be in
its team (403); routes that read the project first answer 404 for an unknown one whoever asks."""
from __future__ import annotations

import uuid

from domain import errors, teams
from resolvers import access
from resolvers.context import Context


async def project_access(ctx: Context, project_id: uuid.UUID) -> None:
    """Zou's `check_project_access`."""
    if not ctx.require_user().is_admin:
        await access.check_project_access(ctx, project_id)


async def manager_access(ctx: Context, project_id: uuid.UUID) -> None:
    """Zou's `check_manager_project_access`."""
    if not ctx.require_user().is_admin:
        await access.check_manager_project_access(ctx, project_id)


async def existing_project_access(ctx: Context, project_id: uuid.UUID) -> None:
    """Zou's `get_project` (404) then `check_project_access` (403)."""
    if not (await teams.projects_exist(ctx.db, [project_id]))[0]:
        raise errors.NotFound()
    await project_access(ctx, project_id)


async def refuse_vendor(ctx: Context, project_id: uuid.UUID) -> None:
    """Zou's `has_vendor_permissions` on the project just checked: 403 for a vendor."""
    if await access.effective_role(ctx, project_id) == "vendor":
        raise errors.PermissionDenied()
