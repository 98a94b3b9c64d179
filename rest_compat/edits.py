"""Zou's edit routes (entities.md §7-8): the edits board (`/data/edits/with-tasks`), a project's edits and the
edit removal."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import boards, edits, entities, projects, tasks
from resolvers.engine import Leaf, Load, Selection
from rest_compat import trees, zou
from rest_compat.entities import entity_rows
from rest_compat.production import board_answer, edit_entry, query_args
from rest_compat.routing import ctx_of, path_uuid, route


def _edit_task(subscriptions: bool) -> Selection:
    """An edit's task on the board: as on the other boards, but its assignees are never blanked."""
    return Selection([
        *trees.leaves(*trees.TASK_COLUMNS), Leaf("client_blanked", compute=lambda r: bool(r.get("client_blanked"))),
        trees.many("assignees", None, edits.board_task_assignee_ids, None),
        trees.scalar("is_subscribed", Load(boards.task_subscribed, "id", {"enabled": subscriptions})),
    ])


def _edit_board(subscriptions: bool) -> Selection:
    return Selection([
        *trees.leaves(*trees.ENTITY_COLUMNS),
        trees.one("episode", trees.ID_NAME, entities.entities_by_ids, "parent_id"),
        trees.one("project", trees.NAME, projects.projects_by_ids, "project_id"),
        trees.many("tasks", _edit_task(subscriptions), tasks.entity_tasks),
    ])


EDIT_BOARDS = {True: _edit_board(True), False: _edit_board(False)}


async def edits_with_tasks(request: Request) -> Response:
    c = boards.criteria(query_args(request))
    roots = await boards.edits_board(ctx_of(request), c)
    return await board_answer(request, roots=roots, selection=EDIT_BOARDS[c.project_id is not None],
                              entry=edit_entry, entity_type="Edit")


async def project_edits(request: Request) -> Response:
    rows = await edits.project_entities(ctx_of(request), path_uuid(request, "project_id"), "Edit")
    return await entity_rows(request, rows, "Edit", relations=False)


async def delete_edit(request: Request) -> Response:
    force = request.query_params.get("force", "false").lower() == "true"
    await edits.delete_edit(ctx_of(request), path_uuid(request, "edit_id"), force=force)
    return zou.no_content()


ROUTES = [
    route("/data/edits/with-tasks", edits_with_tasks, ["GET"]),
    route("/data/edits/{edit_id}", delete_edit, ["DELETE"]),
    route("/data/projects/{project_id}/edits", project_edits, ["GET"]),
]
