"""Zou's episode routes (entities.md §6, §9): an episode's edits and the tasks of the episode itself."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import edits
from rest_compat import zou
from rest_compat.entities import entity_rows
from rest_compat.routing import ctx_of, path_uuid, route


async def episode_edits(request: Request) -> Response:
    rows = await edits.episode_edits(ctx_of(request), path_uuid(request, "episode_id"))
    return await entity_rows(request, rows, "Edit")


async def episode_tasks(request: Request) -> Response:
    rows, named = await edits.episode_tasks(ctx_of(request), path_uuid(request, "episode_id"))
    names = ("project_name", "task_type_name", "task_status_name", "entity_type_name", "entity_name")
    out = []
    for r in rows:
        task = zou.row(r, "Task", drop=(*names, "client_blanked"))
        if r.get("client_blanked"):
            task.update({k: 0 for k in ("duration", "estimation")})
        if named:
            task.update({k: r[k] for k in names})
        out.append(task)
    return zou.json(out)


ROUTES = [
    route("/data/episodes/{episode_id}/edits", episode_edits, ["GET"]),
    route("/data/episodes/{episode_id}/tasks", episode_tasks, ["GET"]),
]
