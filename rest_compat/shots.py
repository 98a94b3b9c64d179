"""Zou's shot routes (entities.md §1-4): a shot (with its tasks and relations), the `/data/shots/all` listing,
creation, update, a shot's task types and its previews by task type."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from resolvers import entities, projects, shots
from resolvers.engine import Selection
from rest_compat import trees, zou
from rest_compat.entities import FULL_ENTITY_KEYS
from rest_compat.production import shot_entry
from rest_compat.routing import ctx_of, path_uuid, route, schema_payload

Row = dict[str, Any]
PREVIEW_KEYS = ("id", "revision", "original_name", "extension", "width", "height", "duration", "status",
                "annotations", "previews", "created_at", "task_id", "original_width", "original_height",
                "original_duration", "original_file_size")


# A shot as its board lists it, with every one of its tasks whoever asks (see `shots.full_shot_tasks`).
FULL_SHOT = Selection([
    *trees.leaves(*trees.ENTITY_COLUMNS),
    trees.one("sequence", Selection([*trees.leaves("id", "name"), trees.one(
        "episode", trees.ID_NAME, entities.entities_by_ids, "parent_id")]), entities.entities_by_ids, "parent_id"),
    trees.one("project", trees.NAME, projects.projects_by_ids, "project_id"),
    trees.many("tasks", trees.board_task(False), shots.full_shot_tasks),
])


async def get_shot(request: Request) -> Response:
    """The shot as its board lists it, completed by the full row and its relations (Zou's `get_full_shot`)."""
    ctx = ctx_of(request)
    row = await shots.shot(ctx, path_uuid(request, "shot_id"))
    built = (await trees.build(ctx, FULL_SHOT, [row]))[0]
    out = shot_entry(built, {})
    full = {**row, **(await shots.entity_relations(ctx, [row]))[0]}
    for key in FULL_ENTITY_KEYS:
        out.setdefault(key, full[key])
    return zou.json(zou.row(out))


async def all_shots(request: Request) -> Response:
    criteria = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    first: dict[str, str] = {}
    for k, value in criteria:
        first.setdefault(k, value)
    rows = await shots.list_shots(ctx_of(request), list(first.items()))
    return zou.json([{**zou.row(r, drop=("project_name", "sequence_name")), "type": "Shot",
                      "project_name": r["project_name"], "sequence_name": r["sequence_name"]} for r in rows])


async def create_shot(request: Request) -> Response:
    row = await shots.create_shot(ctx_of(request), path_uuid(request, "project_id"), await schema_payload(request))
    return zou.json(zou.row(row, "Shot"), 201)


async def update_shot(request: Request) -> Response:
    payload = await schema_payload(request)
    row = await shots.update_shot(ctx_of(request), path_uuid(request, "shot_id"), payload)
    return zou.json(zou.row(row, "Entity"))


async def shot_task_types(request: Request) -> Response:
    rows = await shots.shot_task_types(ctx_of(request), path_uuid(request, "shot_id"))
    return zou.json([zou.row(r, "TaskType", drop=("of_entity_id",)) for r in rows])


def _preview(row: Row, *, nested: bool) -> Row:
    data = row["data"] or {}
    out = {"id": row["id"], "revision": row["revision"], "position": row["position"],
           "original_name": row["original_name"], "extension": row["extension"], "width": row["width"],
           "height": row["height"], "duration": float(row["duration"] or 0), "status": row["status"],
           "annotations": row["annotations"], "previews": [], "created_at": row["created_at"],
           "task_id": row["task_id"], "task_type_id": row["task_type_id"],
           "original_width": data.get("original_width"), "original_height": data.get("original_height"),
           "original_duration": data.get("original_duration"), "original_file_size": data.get("original_file_size")}
    if nested:
        del out["previews"]
        return zou.row(out)
    return zou.row({k: out[k] for k in PREVIEW_KEYS})


def previews_by_task_type(rows: list[Row]) -> dict[str, list[Row]]:
    """Zou's grouping: per task, the first preview of a revision heads it and the later ones of that revision
    go into its `previews`; the last task of a task type gives that type's list."""
    by_task: dict[Any, list[Row]] = {}
    for r in rows:
        by_task.setdefault(r["task_id"], []).append(r)
    out: dict[str, list[Row]] = {}
    for task_rows in by_task.values():
        heads: dict[int, Row] = {}
        groups: list[Row] = []
        for r in task_rows:
            head = heads.get(r["revision"])
            if head is None:
                heads[r["revision"]] = head = _preview(r, nested=False)
                groups.append(head)
            else:
                head["previews"].append(_preview(r, nested=True))
        out[zou.value(task_rows[0]["task_type_id"])] = groups
    return out


async def shot_previews(request: Request) -> Response:
    rows = await shots.shot_previews(ctx_of(request), path_uuid(request, "shot_id"))
    return zou.json(previews_by_task_type(rows))


ROUTES = [
    route("/data/shots", all_shots, ["GET"]),
    route("/data/shots/all", all_shots, ["GET"]),
    route("/data/shots/{shot_id}", get_shot, ["GET"]),
    route("/data/shots/{shot_id}", update_shot, ["PUT"]),
    route("/data/shots/{shot_id}/task-types", shot_task_types, ["GET"]),
    route("/data/shots/{shot_id}/preview-files", shot_previews, ["GET"]),
    route("/data/projects/{project_id}/shots", create_shot, ["POST"]),
]
