"""`GET /data/entities/{entity_id}/working-files` (query: task_id, name, relations)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import working_files
from rest_compat import zou
from rest_compat.routing import ctx_of, path_uuid, route


async def entity_working_files(request: Request) -> Response:
    q = request.query_params
    rows = await working_files.entity_working_files(
        ctx_of(request), path_uuid(request, "entity_id"), task_id=q.get("task_id"), name=q.get("name"),
        with_outputs=q.get("relations", "").lower() == "true")
    return zou.json([zou.row(r, "WorkingFile") for r in rows])


ROUTES = [route("/data/entities/{entity_id}/working-files", entity_working_files, ["GET"])]
