"""The lists the Kitsu web UI loads a production with: the boards (`/data/{shots,assets,sequences}/with-tasks`,
plain, `compact=true` and `stream=true` as Zou 1.0.97 answers them), the project's shots and tasks, all
projects, and `/config`."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from domain.boards import Criteria
from domain import errors
from resolvers import boards, edits, projects, studio, tasks
from resolvers.scope import CLIENT_BLANK_TASK
from rest_compat import streaming, trees, zou
from rest_compat.entities import entity_rows
from rest_compat.routing import ctx_of, path_uuid, route

Row = dict[str, Any]
v = zou.value

SHOT_FIELDS = ["canceled", "data", "description", "entity_type_id", "episode_id", "episode_name", "fps",
               "frame_in", "frame_out", "id", "name", "nb_frames", "parent_id", "preview_file_id", "project_id",
               "project_name", "sequence_id", "sequence_name", "source_id", "nb_entities_out", "is_casting_standby",
               "type", "tasks"]
SHOT_TASK_FIELDS = ["id", "duration", "due_date", "end_date", "done_date", "entity_id", "estimation",
                    "is_subscribed", "last_comment_date", "last_preview_file_id", "nb_assets_ready", "priority",
                    "real_start_date", "retake_count", "start_date", "difficulty", "nb_drawings", "task_status_id",
                    "task_type_id", "assignees", "data"]
ASSET_FIELDS = ["id", "name", "preview_file_id", "description", "asset_type_name", "asset_type_id", "canceled",
                "ready_for", "episode_id", "casting_episode_ids", "is_casting_standby", "is_shared", "data", "tasks"]
ASSET_TASK_FIELDS = ["id", "due_date", "done_date", "duration", "entity_id", "estimation", "end_date",
                     "is_subscribed", "last_comment_date", "last_preview_file_id", "priority", "real_start_date",
                     "retake_count", "start_date", "difficulty", "task_status_id", "task_type_id", "assignees",
                     "data"]
ENTITY_TASK_FIELDS = ["id", "estimation", "entity_id", "end_date", "due_date", "done_date", "duration",
                      "last_comment_date", "last_preview_file_id", "priority", "real_start_date", "retake_count",
                      "start_date", "difficulty", "task_status_id", "task_type_id", "data"]
EDIT_TASK_FIELDS = ["id", "duration", "due_date", "entity_id", "end_date", "estimation", "last_comment_date",
                    "last_preview_file_id", "nb_assets_ready", "priority", "real_start_date", "retake_count",
                    "start_date", "task_status_id", "task_type_id", "data"]
# A client's blanked durations are written as the integer 0 (Zou's blank values).
_CLIENT_NUMBERS = {k: (0 if isinstance(x, float) else x) for k, x in CLIENT_BLANK_TASK.items()}


# --- tasks on a board ----------------------------------------------------------------------------------------

def _task_value(task: Row, name: str) -> Any:
    if name == "priority":
        return task["priority"] or 0
    if name == "assignees":
        return [v(p) for p in task["assignees"]]
    if name == "is_subscribed":
        return bool(task["is_subscribed"])
    if task["client_blanked"] and name in _CLIENT_NUMBERS:
        return _CLIENT_NUMBERS[name]
    return v(task[name])


def board_task(task: Row, fields: list[str]) -> Row:
    """A task as a board lists it: `fields` in order, then `is_subscribed` and `assignees` (always there)."""
    out = {name: _task_value(task, name) for name in fields}
    out.setdefault("is_subscribed", _task_value(task, "is_subscribed"))
    out.setdefault("assignees", _task_value(task, "assignees"))
    return out


def _data(row: Row, hidden: Mapping) -> dict:
    return boards.visible_data(row["data"] or {}, hidden.get(row["project_id"]))


# --- entities on a board -------------------------------------------------------------------------------------

def shot_entry(shot: Row, hidden: Mapping) -> Row:
    data = _data(shot, hidden)
    sequence = shot["sequence"] or {}
    episode = sequence.get("episode") or {}
    return {"canceled": shot["canceled"], "data": data, "description": shot["description"],
            "entity_type_id": v(shot["entity_type_id"]), "episode_id": v(episode.get("id")),
            "episode_name": episode.get("name") or "", "fps": data.get("fps"), "frame_in": data.get("frame_in"),
            "frame_out": data.get("frame_out"), "id": v(shot["id"]), "name": shot["name"],
            "nb_frames": shot["nb_frames"], "parent_id": v(shot["parent_id"]),
            "preview_file_id": v(shot["preview_file_id"]), "project_id": v(shot["project_id"]),
            "project_name": (shot["project"] or {}).get("name"), "sequence_id": v(sequence.get("id")),
            "sequence_name": sequence.get("name"), "source_id": v(shot["source_id"]),
            "nb_entities_out": shot["nb_entities_out"], "is_casting_standby": shot["is_casting_standby"],
            "tasks": [board_task(t, SHOT_TASK_FIELDS) for t in shot["tasks"]], "type": "Shot"}


def asset_entry(asset: Row, hidden: Mapping) -> Row:
    return {"id": v(asset["id"]), "name": asset["name"], "preview_file_id": v(asset["preview_file_id"]) or "",
            "description": asset["description"], "asset_type_name": (asset["asset_type"] or {}).get("name"),
            "asset_type_id": v(asset["entity_type_id"]), "canceled": asset["canceled"],
            "ready_for": str(v(asset["ready_for"])), "episode_id": v(asset["source_id"]) or "",
            "casting_episode_ids": [v(e) for e in asset["casting_episode_ids"]],
            "is_casting_standby": asset["is_casting_standby"], "is_shared": asset["is_shared"],
            "data": _data(asset, hidden), "tasks": [board_task(t, ASSET_TASK_FIELDS) for t in asset["tasks"]]}


def sequence_entry(sequence: Row, hidden: Mapping) -> Row:
    data = _data(sequence, hidden)
    return {"id": v(sequence["id"]), "name": sequence["name"], "status": sequence["status"] or "running",
            "episode_id": str(v(sequence["parent_id"])), "description": sequence["description"],
            "frame_in": data.get("frame_in"), "frame_out": data.get("frame_out"), "fps": data.get("fps"),
            "preview_file_id": v(sequence["preview_file_id"]) or "", "canceled": sequence["canceled"],
            "data": data, "tasks": [board_task(t, ENTITY_TASK_FIELDS) for t in sequence["tasks"]]}


def edit_entry(edit: Row, hidden: Mapping) -> Row:
    episode = edit["episode"] or {}
    return {"canceled": edit["canceled"], "data": _data(edit, hidden), "description": edit["description"],
            "entity_type_id": v(edit["entity_type_id"]), "episode_id": v(episode.get("id")),
            "episode_name": episode.get("name") or "", "id": v(edit["id"]), "name": edit["name"],
            "parent_id": v(edit["parent_id"]), "preview_file_id": v(edit["preview_file_id"]),
            "project_id": v(edit["project_id"]), "project_name": (edit["project"] or {}).get("name"),
            "source_id": v(edit["source_id"]), "nb_entities_out": edit["nb_entities_out"],
            "tasks": [board_task(t, EDIT_TASK_FIELDS) for t in edit["tasks"]], "type": "Edit"}


def compact(entry: Row, fields: list[str], task_fields: list[str]) -> list[Any]:
    """An entry as a list of values in `fields` order, its tasks as lists in `task_fields` order."""
    return [[[t[f] for f in task_fields] for t in entry["tasks"]] if f == "tasks" else entry[f] for f in fields]


# --- the board routes ----------------------------------------------------------------------------------------

def query_args(request: Request) -> dict[str, str]:
    """The query string, first value per name (Werkzeug's `args.items()`), without `page`."""
    out: dict[str, str] = {}
    for k, value in request.query_params.multi_items():
        if k != "page":
            out.setdefault(k, value)
    return out


async def board_answer(request: Request, *, roots: list[Row], selection, entry: Callable[[Row, Mapping], Row],
                       entity_type: str, keep_task: Callable[[Row], bool] | None = None,
                       fields: list[str] | None = None, task_fields: list[str] | None = None,
                       stream: bool = False, compact_rows: bool = False, fields_key: str = "") -> Response:
    """A board as Zou sends it: a JSON array; with `compact`/`stream` a header and rows (ndjson when
    streamed). `keep_task` narrows each entry's tasks; by default, with Zou's `assigned_to` criterion, to those
    assigned to the caller (shot, asset and edit boards)."""
    ctx = ctx_of(request)
    hidden = await boards.hidden_metadata(ctx, [r["project_id"] for r in roots], entity_type)
    if keep_task is None and "assigned_to" in request.query_params:
        keep_task = _assigned_to(ctx.require_user().id)

    def present(obj: Row) -> Any:
        if keep_task is not None:
            obj["tasks"] = [t for t in obj["tasks"] if keep_task(t)]
        out = entry(obj, hidden)
        return compact(out, fields, task_fields) if compact_rows else out

    chunks = streaming.built(ctx, selection, roots, present)
    if not stream and not compact_rows:
        return streaming.json_array(chunks)
    header: Row = {"compact": compact_rows}
    if compact_rows:
        header[fields_key] = fields
        header["task_fields"] = task_fields
    if stream:
        return streaming.ndjson(header, chunks)
    return streaming.json_rows(header, chunks)


def _options(query: dict[str, str]) -> tuple[bool, bool]:
    """Zou's response options, popped before the criteria are read."""
    return query.pop("stream", "false") == "true", query.pop("compact", "false") == "true"


def _assigned_to(user_id) -> Callable[[Row], bool]:
    return lambda task: user_id in task["assignees"]


async def shots_with_tasks(request: Request) -> Response:
    query = query_args(request)
    stream, compact_rows = _options(query)
    c = boards.criteria(query)
    roots = await boards.shots_board(ctx_of(request), c)
    return await board_answer(request, roots=roots, selection=trees.shot_board(c.project_id is not None),
                              entry=shot_entry, entity_type="Shot", fields=SHOT_FIELDS, task_fields=SHOT_TASK_FIELDS, stream=stream,
                              compact_rows=compact_rows, fields_key="shot_fields")


async def assets_with_tasks(request: Request) -> Response:
    query = query_args(request)
    stream, compact_rows = _options(query)
    c = boards.criteria(query)
    roots = await boards.assets_board(ctx_of(request), c)
    episode = c.episode_id if not isinstance(c.episode_id, str) else None
    selection = trees.asset_board(c.project_id is not None, c.project_id is not None, episode)
    return await board_answer(request, roots=roots, selection=selection, entry=asset_entry, entity_type="Asset",
                              fields=ASSET_FIELDS,
                              task_fields=ASSET_TASK_FIELDS, stream=stream, compact_rows=compact_rows,
                              fields_key="asset_fields")


async def sequences_with_tasks(request: Request) -> Response:
    query = query_args(request)
    c = boards.criteria(query, ("project_id", "episode_id"))
    c = Criteria(project_id=c.project_id, episode_id=c.episode_id)
    roots = await boards.sequences_board(ctx_of(request), c)
    # Zou lists every sequence and keeps the tasks whose assignees include the `assigned_to` value as given
    assigned_to = query.get("assigned_to")
    keep = None if assigned_to is None else (lambda task: assigned_to in {str(p) for p in task["assignees"]})
    return await board_answer(request, roots=roots, selection=trees.sequence_board(c.project_id is not None),
                              entry=sequence_entry, entity_type="Sequence", keep_task=keep)


ROUTES = [
    route("/data/shots/with-tasks", shots_with_tasks, ["GET"]),
    route("/data/assets/with-tasks", assets_with_tasks, ["GET"]),
    route("/data/sequences/with-tasks", sequences_with_tasks, ["GET"]),
]


# --- the other lists -----------------------------------------------------------------------------------------

async def instance_config(request: Request) -> Response:
    return zou.json(await studio.instance_config(ctx_of(request)))


def _descriptor(d: Row) -> Row:
    return {"id": v(d["id"]), "name": d["name"], "field_name": d["field_name"], "data_type": d["data_type"],
            "choices": d["choices"], "for_client": d["for_client"] or False, "entity_type": d["entity_type"],
            "task_type_id": v(d["task_type_id"]), "position": d["position"],
            "departments": [v(x) for x in d["department_ids"]]}


# Zou's order of a project's keys.
PROJECT_KEYS = ("name", "code", "description", "shotgun_id", "file_tree", "data", "has_avatar", "fps", "ratio",
                "resolution", "production_type", "production_style", "start_date", "end_date", "man_days",
                "nb_episodes", "episode_span", "max_retakes", "is_clients_isolated", "is_client_stats_visible",
                "is_client_task_list_visible", "is_client_task_panel_visible", "is_preview_download_allowed",
                "is_set_preview_automated", "homepage", "is_publish_default_for_artists",
                "is_bot_collaboration_enabled", "is_single_preview_per_revision", "is_frame_in_numbering",
                "revision_padding", "hd_bitrate_compression", "ld_bitrate_compression", "project_status_id",
                "default_preview_background_file_id", "from_schedule_version_id", "id", "created_at", "updated_at")


async def all_projects(request: Request) -> Response:
    rows, admin_shape = await projects.all_projects(ctx_of(request), name=request.query_params.get("name"))
    out = []
    for r in rows:
        project = zou.row({k: r[k] for k in PROJECT_KEYS if k in r}, "Project")
        if admin_shape:
            project["project_status_name"] = r["project_status_name"]
            project["descriptors"] = [_descriptor(d) for d in r["descriptors"]]
        out.append(project)
    return zou.json(out)


async def project_shots(request: Request) -> Response:
    rows = await edits.project_entities(ctx_of(request), path_uuid(request, "project_id"), "Shot")
    return await entity_rows(request, rows, "Shot", relations=False)


def _integer(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    try:
        return default if raw is None else int(raw)
    except ValueError as exc:
        raise errors.InvalidInput(f"{name} must be an integer.") from exc


def _task_with_assignees(task: Row) -> Row:
    row = zou.row({k: task[k] for k in trees.TASK_ROW_COLUMNS}, "Task")
    if task["client_blanked"]:
        row.update({"duration": 0, "estimation": 0})
    out: Row = {}
    for k, value in row.items():
        if k == "id":
            out["assignees"] = [v(p) for p in task["assignees"]]
        out[k] = value
    return out


async def project_tasks(request: Request) -> Response:
    ctx = ctx_of(request)
    project_id = path_uuid(request, "project_id")
    q = request.query_params
    rows, envelope = await tasks.project_tasks(ctx, project_id, page=_integer(request, "page", -1),
                                               limit=ctx.settings.nb_records_per_page,
                                               task_type_id=q.get("task_type_id"), episode_id=q.get("episode_id"))
    if envelope is None:  # the whole project (40,000 tasks on a studio production): streamed
        return streaming.json_array(streaming.built(ctx, trees.PROJECT_TASK, rows, _task_with_assignees))
    data = [_task_with_assignees(t) for t in await trees.build(ctx, trees.PROJECT_TASK, rows)]
    return zou.json({"data": data, **envelope})


ROUTES += [
    route("/config", instance_config, ["GET"], public=True),
    route("/data/projects/all", all_projects, ["GET"]),
    route("/data/projects/{project_id}/shots", project_shots, ["GET"]),
    route("/data/projects/{project_id}/tasks", project_tasks, ["GET"]),
]
