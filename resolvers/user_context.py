"""`GET /data/user/context`, the payload the web client loads at login (spec user-context.md). No project
is resolved for it, so "manager" and "client" mean the caller's global role; descriptors are narrowed per
project by the role held there."""
from __future__ import annotations

from dataclasses import dataclass

from domain import people, user_context as reads
from domain.batch import Row
from domain.tables import (CustomAction, Department, PreviewBackgroundFile, ProjectStatus, StatusAutomation, Studio,
                           TaskStatus, TaskType)
from resolvers import access
from resolvers.context import Context

DEFAULT_USER_LIMIT = 100


@dataclass
class UserContext:
    asset_types: list[Row]
    custom_actions: list[Row]
    status_automations: list[Row]
    departments: list[Row]
    studios: list[Row]
    notification_count: int
    persons: list[Row]
    persons_shape: str  # "client", "full" (admins and managers) or "minimal"
    project_status: list[Row]
    project_roles: dict
    projects: list[Row]  # project rows with relations and extras
    task_types: list[Row]
    task_status: list[Row]
    search_filters: dict
    search_filter_groups: dict
    preview_background_files: list[Row]
    plugins: list[Row]
    user_limit: int | None = None  # admins only


async def user_context(ctx: Context) -> UserContext:
    user = access.require_person(ctx)
    db = ctx.db
    departments_of_user = (await people.department_ids_by_person(db, [user.id]))[0]
    roles = await reads.explicit_project_roles(db, user.id)
    if user.role == "client":
        persons, shape = await reads.client_team_people(db, user.id), "client"
    else:
        persons = await reads.studio_people(db)
        shape = "full" if user.role in ("admin", "manager") else "minimal"
    is_manager = user.role in ("admin", "manager")
    filters = await reads.search_filters(db, user.id, departments_of_user, is_manager=is_manager)
    groups = await reads.search_filter_groups(db, user.id, departments_of_user, is_manager=is_manager)
    return UserContext(
        asset_types=await reads.asset_types(db),
        custom_actions=await reads.every_row(db, CustomAction),
        status_automations=await reads.every_row(db, StatusAutomation),
        departments=await reads.every_row(db, Department),
        studios=await reads.every_row(db, Studio),
        notification_count=(await reads.unread_notification_counts(db, [user.id]))[0],
        persons=persons,
        persons_shape=shape,
        project_status=await reads.every_row(db, ProjectStatus),
        project_roles=roles,
        projects=await _open_projects(ctx, roles, departments_of_user),
        task_types=await reads.every_row(db, TaskType),
        task_status=await reads.every_row(db, TaskStatus),
        search_filters=reads.grouped_by_list_and_project(filters),
        search_filter_groups=reads.grouped_by_list_and_project(groups),
        preview_background_files=await reads.every_row(db, PreviewBackgroundFile),
        plugins=await reads.plugins(db),
        user_limit=getattr(ctx.settings, "user_limit", DEFAULT_USER_LIMIT) if user.is_admin else None,
    )


async def _open_projects(ctx: Context, roles: dict, departments_of_user: list) -> list[Row]:
    """The caller's open projects (every open one for an admin), each with its collections as id lists,
    descriptors, task type and status links, and the first episode of a TV show."""
    user = ctx.require_user()
    db = ctx.db
    projects = await reads.open_projects(db, None if user.is_admin else user.id)
    ids = [p["id"] for p in projects]
    if not ids:
        return []
    visibility = {}
    for pid in ids:
        role = user.role if user.is_admin else roles.get(pid) or user.role
        role = user.role if role == "admin" else role
        visibility[pid] = (role == "client", departments_of_user if role == "vendor" else None)
    relations = await reads.project_relations(db, ids)
    descriptors = await reads.descriptors(db, ids, visibility)
    type_links = await reads.task_type_links(db, ids)
    status_links = await reads.task_status_links(db, ids)
    tv_ids = [p["id"] for p in projects if p["production_type"] == "tvshow"]
    episodes = dict(zip(tv_ids, await reads.first_episodes(db, tv_ids)))
    out = []
    for p, rel, desc, tlinks, slinks in zip(projects, relations, descriptors, type_links, status_links):
        row = {**p, **rel, "descriptors": desc, "task_type_links": tlinks, "task_statuses_link": slinks}
        if p["id"] in episodes and episodes[p["id"]] is not None:
            row["first_episode_id"] = episodes[p["id"]]
        out.append(row)
    return out
