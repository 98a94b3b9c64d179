"""What the caller may see, read once per request and applied by every batch resolver: the visible
projects (team membership; admins see all), the projects where the caller is a vendor (only entities and
tasks assigned to them) and those where the caller is a client (task data blanked)."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from domain import memberships
from domain.batch import Assigned
from resolvers import access
from resolvers.context import Context

# Zou's blank values for the task fields a client does not see (spec entities.md §0). Float columns stay
# floats here; Zou's REST answer writes them as the integer 0.
CLIENT_BLANK_TASK = {
    "assigner_id": None, "completion_rate": 0, "difficulty": None, "done_date": None, "due_date": None,
    "duration": 0.0, "end_date": None, "estimation": 0.0, "last_comment_date": None, "nb_assets_ready": 0,
    "nb_drawings": 0, "priority": 0, "real_start_date": None, "retake_count": 0, "start_date": None,
}


@dataclass(frozen=True)
class Scope:
    user_id: uuid.UUID
    project_ids: frozenset[uuid.UUID] | None  # None: every project (admin)
    vendor_project_ids: frozenset[uuid.UUID]
    client_project_ids: frozenset[uuid.UUID]
    manager_project_ids: frozenset[uuid.UUID] | None = None  # None: every project (admin)
    supervisor_project_ids: frozenset[uuid.UUID] = frozenset()

    def sees(self, project_id: uuid.UUID | None) -> bool:
        return self.project_ids is None or project_id in self.project_ids

    def manages(self, project_id: uuid.UUID | None) -> bool:
        return self.manager_project_ids is None or project_id in self.manager_project_ids

    @property
    def filters(self) -> dict[str, Any]:
        """The keyword arguments that scope a domain read to what the caller sees."""
        assigned = Assigned(self.user_id, self.vendor_project_ids) if self.vendor_project_ids else None
        return {"project_ids": self.project_ids, "assigned_to": assigned}


async def scope(ctx: Context) -> Scope:
    cached = getattr(ctx, "_scope", None)
    if cached is not None:
        return cached
    user = ctx.require_user()
    if user.is_admin:
        found = Scope(user.id, None, frozenset(), frozenset())
    else:
        roles = await access.team_roles(ctx)
        effective = {p: (r if r and r != "admin" else user.role) for p, r in roles.items()}

        def having(role: str) -> frozenset[uuid.UUID]:
            return frozenset(p for p, r in effective.items() if r == role)

        found = Scope(user.id, frozenset(roles), having("vendor"), having("client"), having("manager"),
                      having("supervisor"))
    ctx._scope = found  # type: ignore[attr-defined]
    return found


async def caller_department_ids(ctx: Context) -> set[uuid.UUID]:
    """The caller's departments, read once per request."""
    cached = getattr(ctx, "_department_ids", None)
    if cached is None:
        rows = (await memberships.departments_for_persons(ctx.db, [ctx.require_user().id]))[0]
        cached = ctx._department_ids = {r["id"] for r in rows}  # type: ignore[attr-defined]
    return cached


def forget(ctx: Context) -> None:
    """Drop the cached scope (after a write that changes teams)."""
    for name in ("_scope", "_team_roles", "_department_ids"):
        if hasattr(ctx, name):
            delattr(ctx, name)


def blank_for_clients(s: Scope, groups: Sequence[Any]) -> list[Any]:
    """`groups` (rows, lists of rows, None) with the tasks of a client's projects blanked."""
    if not s.client_project_ids:
        return list(groups)
    return _mapped(groups, lambda r: ({**r, **CLIENT_BLANK_TASK, "client_blanked": True}
                                      if r["project_id"] in s.client_project_ids else r))


def _mapped(groups: Iterable[Any], fn) -> list[Any]:
    out = []
    for g in groups:
        if type(g) is list:
            out.append([fn(r) for r in g])
        elif type(g) is dict:
            out.append(fn(g))
        else:
            out.append(g)
    return out
