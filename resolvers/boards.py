"""The web UI's production boards (Zou's `/data/{shots,assets,edits,sequences}/with-tasks`, entities.md §7):
the criteria of a board checked in Zou's order (id formats, then project access), the board's entities
within what the caller sees, and the batch reads the boards add to tasks. Tasks come from
`resolvers.tasks.entity_tasks` (vendors: assigned tasks only; clients: blanked)."""
from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from domain import boards, entities, errors, metadata, tasks
from domain.batch import Assigned, Row
from domain.boards import ALL, MAIN, Criteria
from domain.crud import parse_id
from resolvers import zou_access
from resolvers.context import Context
from resolvers.scope import caller_department_ids, scope

ID_FIELDS = ("id", "project_id", "episode_id")


def _id_criterion(query: Mapping[str, str], key: str, checked: Sequence[str]) -> uuid.UUID | str | None:
    """A UUID criterion (Zou's `check_criterion_id_format`: 400 for a malformed one; `episode_id` may be
    "all" or "main")."""
    raw = query.get(key)
    if raw is None:
        return None
    if key == "episode_id" and raw in (ALL, MAIN):
        return raw
    value = parse_id(raw)
    if value is None:
        if key in checked:
            raise errors.InvalidInput(f"Invalid UUID format for {key}: {raw}")
        return None
    return value


def criteria(query: Mapping[str, str], checked: Sequence[str] = ID_FIELDS) -> Criteria:
    return Criteria(project_id=_id_criterion(query, "project_id", checked),  # type: ignore[arg-type]
                    episode_id=_id_criterion(query, "episode_id", checked),
                    entity_id=_id_criterion(query, "id", checked),  # type: ignore[arg-type]
                    assigned_to_me="assigned_to" in query)


async def _filters(ctx: Context, c: Criteria) -> dict[str, Any]:
    """The caller's scope; with `assigned_to`, what is assigned to them in the board's project (or in every
    project they see), as a vendor sees it."""
    s = await scope(ctx)
    filters = s.filters
    if c.assigned_to_me:
        projects = {c.project_id} if c.project_id is not None else set(s.project_ids or ())
        if s.project_ids is None and c.project_id is None:
            projects = set(await boards.every_project_id(ctx.db))
        filters["assigned_to"] = Assigned(s.user_id, frozenset(projects) | s.vendor_project_ids)
    return filters


async def _project_access(ctx: Context, c: Criteria) -> None:
    """Zou's `check_project_access(criterions.get("project_id"))`: anyone but an admin names a project."""
    if c.project_id is None:
        if not ctx.require_user().is_admin:
            raise errors.PermissionDenied()
        return
    await zou_access.project_access(ctx, c.project_id)


async def shots_board(ctx: Context, c: Criteria) -> list[Row]:
    await _project_access(ctx, c)
    return await boards.board_shots(ctx.db, c, **await _filters(ctx, c))


async def edits_board(ctx: Context, c: Criteria) -> list[Row]:
    await _project_access(ctx, c)
    return await boards.board_edits(ctx.db, c, **await _filters(ctx, c))


async def sequences_board(ctx: Context, c: Criteria) -> list[Row]:
    await _project_access(ctx, c)
    return await boards.board_sequences(ctx.db, c, **await _filters(ctx, c))


async def assets_board(ctx: Context, c: Criteria) -> list[Row]:
    """Zou's `check_criterion_access`: project access on the project, or on the episode's project; without
    either, the caller's own projects are listed."""
    if c.project_id is not None:
        await zou_access.project_access(ctx, c.project_id)
    elif isinstance(c.episode_id, uuid.UUID):
        episode = (await entities.entities_by_ids(ctx.db, [c.episode_id]))[0]
        if episode is None or episode["kind"] != "Episode":
            raise errors.NotFound()
        await zou_access.project_access(ctx, episode["project_id"])
    return await boards.board_assets(ctx.db, c, **await _filters(ctx, c))


# --- batch reads of the boards -------------------------------------------------------------------------------

async def task_assignee_ids(ctx: Context, task_rows: Sequence[Row]) -> list[list[uuid.UUID]]:
    """Each task's assignee ids; none for a client's (blanked) task."""
    ctx.require_user()
    ids = [t["id"] for t in task_rows if not t.get("client_blanked")]
    found = dict(zip(ids, await tasks.assignee_ids_for_tasks(ctx.db, ids))) if ids else {}
    return [found.get(t["id"], []) for t in task_rows]


async def task_subscribed(ctx: Context, task_ids: Sequence[uuid.UUID], *, enabled: bool = True) -> list[bool]:
    """Whether the caller subscribed to each task (Zou reads subscriptions only on a project's board)."""
    user = ctx.require_user()
    if not enabled:
        return [False] * len(task_ids)
    return await boards.subscribed_tasks(ctx.db, user.id, task_ids)


async def asset_casting_episodes(ctx: Context, asset_ids: Sequence[uuid.UUID], *, enabled: bool = True,
                                 episode_id: uuid.UUID | None = None) -> list[list[uuid.UUID]]:
    """Each asset's episodes it is cast in (Zou lists them only on a project's board)."""
    ctx.require_user()
    if not enabled:
        return [[] for _ in asset_ids]
    return await boards.casting_episodes_of_assets(ctx.db, asset_ids, episode_id=episode_id)


async def hidden_metadata(ctx: Context, project_ids: Sequence[uuid.UUID], entity_type: str
                          ) -> dict[uuid.UUID, frozenset[str]]:
    """Per project where the caller is a vendor, the metadata fields of `entity_type` they may not read:
    those of descriptors restricted to departments that are not theirs."""
    s = await scope(ctx)
    vendor = [p for p in dict.fromkeys(project_ids) if p in s.vendor_project_ids]
    if not vendor:
        return {}
    mine = await caller_department_ids(ctx)
    found = await metadata.descriptors_for_projects(ctx.db, vendor, entity_type=entity_type)
    return {p: frozenset(d["field_name"] for d in descriptors if d["department_ids"]
                         and not set(d["department_ids"]) & mine)
            for p, descriptors in zip(vendor, found)}


def visible_data(data: Any, hidden: frozenset[str] | None) -> Any:
    if not hidden or not isinstance(data, Mapping):
        return data
    return {k: v for k, v in data.items() if k not in hidden}

