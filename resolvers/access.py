"""Access checks shared by GraphQL and REST (spec auth.md §3). Every resolver calls these; no face
checks permissions on its own."""
from __future__ import annotations

import uuid

from domain import errors, teams
from resolvers.auth import read_only_refusal, token_scope
from resolvers.context import Context, CurrentUser


def user(ctx: Context) -> CurrentUser:
    return ctx.require_user()


def require_admin(ctx: Context) -> CurrentUser:
    u = ctx.require_user()
    if not u.is_admin:
        raise errors.PermissionDenied()
    return u


def require_person(ctx: Context) -> CurrentUser:
    """Person-only routes (`/auth/*`, `/data/user/*`): a bot or API token is refused."""
    u = ctx.require_user()
    if u.is_bot or u.identity_type != "person":
        raise errors.PermissionDenied()
    return u


async def team_roles(ctx: Context) -> dict[uuid.UUID, str | None]:
    """The caller's {project_id: per-project role}, read once per request."""
    cached = getattr(ctx, "_team_roles", None)
    if cached is None:
        u = ctx.require_user()
        cached = limit_to_token(u, await teams.team_roles_of_person(ctx.db, u.id))
        ctx._team_roles = cached  # type: ignore[attr-defined]
    return cached


def limit_to_token(u: CurrentUser, roles: dict[uuid.UUID, str | None]) -> dict[uuid.UUID, str | None]:
    """A project-limited API token sees only its projects: the teams narrowed to them, every project
    check and list follows (an admin's limited token acts as their manager, see resolvers/auth.py)."""
    scope = token_scope(u)
    if scope is None or scope.project_ids is None:
        return roles
    if u.person.get("role") == "admin":
        return {p: None for p in scope.project_ids}
    return {p: r for p, r in roles.items() if p in scope.project_ids}


async def effective_role(ctx: Context, project_id: uuid.UUID | None) -> str:
    """The caller's role on a project: the team link's role when set (never "admin"), else the global one."""
    u = ctx.require_user()
    if u.is_admin or project_id is None:
        return u.role
    role = (await team_roles(ctx)).get(project_id)
    return role if role and role != "admin" else u.role


async def visible_project_ids(ctx: Context, *, open_only: bool = False) -> set[uuid.UUID] | None:
    """Projects the caller may read; None means all (admin)."""
    u = ctx.require_user()
    if u.is_admin:
        return None
    ids = set(await team_roles(ctx))
    if open_only:
        ids = await teams.open_project_ids(ctx.db, list(ids))
    return ids


async def has_project_access(ctx: Context, project_id: uuid.UUID) -> bool:
    u = ctx.require_user()
    return u.is_admin or project_id in await team_roles(ctx)


async def check_project_access(ctx: Context, project_id: uuid.UUID, *, must_exist: bool = True) -> None:
    """Admin, or in the project's team. An unknown project is a 404 (the lookup happens first)."""
    if must_exist and not (await teams.projects_exist(ctx.db, [project_id]))[0]:
        raise errors.NotFound()
    if not await has_project_access(ctx, project_id):
        raise errors.PermissionDenied()


async def check_manager_project_access(ctx: Context, project_id: uuid.UUID) -> None:
    """Admin, or a team member whose effective role on the project is manager."""
    await check_project_access(ctx, project_id)
    if not ctx.require_user().is_admin and await effective_role(ctx, project_id) != "manager":
        raise errors.PermissionDenied()


async def check_entity_access(ctx: Context, project_id: uuid.UUID, entity_id: uuid.UUID) -> None:
    """Project access; vendors also need a task of the entity assigned to them."""
    await check_project_access(ctx, project_id)
    if await effective_role(ctx, project_id) == "vendor":
        if entity_id not in await teams.entity_ids_assigned_to(ctx.db, ctx.require_user().id, [entity_id]):
            raise errors.PermissionDenied()


async def is_client(ctx: Context, project_id: uuid.UUID | None) -> bool:
    return await effective_role(ctx, project_id) == "client"


async def check_token_scope(ctx: Context, write: bool) -> None:
    """The API token's scope on an operation of the permission table (resolvers/permissions.py), which
    calls this for every non-public operation. `write` says whether the operation writes: a read-only
    token is refused. Its projects are applied by `team_roles` (every project check and list)."""
    scope = token_scope(ctx.require_user())
    if write and scope is not None and scope.read_only:
        raise read_only_refusal()


# Operations of the account flows (issue 6, items 9 and 10) for the permission table of
# resolvers/permissions.py, by rule name; the resolvers make the finer checks (a person's own session,
# admin or self for API tokens).
ACCOUNT_OPERATIONS: dict[str, list[str]] = {
    "public": ["Mutation.login", "Mutation.refreshToken", "Mutation.sendEmailOtp"],
    "authenticated": ["Mutation.logout"],
    "person": [
        "POST /actions/persons/{person_id}/api-token",
        "Mutation.preEnableTotp", "Mutation.enableTotp", "Mutation.disableTotp", "Mutation.preEnableEmailOtp",
        "Mutation.enableEmailOtp", "Mutation.disableEmailOtp", "Mutation.newRecoveryCodes", "Mutation.issueApiToken",
    ],
}
