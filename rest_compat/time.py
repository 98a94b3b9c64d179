"""Zou's time-spent routes: the caller's own entry, a task's entries, and the set/add/delete actions
gazu uses (`gazu.task.get_time_spent`, `set_time_spent`, `add_time_spent`)."""
from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import Response

from resolvers import time_spents
from rest_compat import zou
from rest_compat.routing import ctx_of, path_uuid, route, schema_payload

TYPE = "TimeSpent"


def _row(r: dict | None) -> dict | None:
    return zou.row(r, TYPE) if r is not None else None


async def own_time_spent(request: Request) -> Response:
    # Zou answers 500 when there is no entry (or the task id is not a UUID): TrackQL answers `null`.
    try:
        task_id = uuid.UUID(request.path_params["task_id"])
    except ValueError:
        task_id = None
    row = await time_spents.own_time_spent(ctx_of(request), task_id, request.path_params["date"])
    return zou.json(_row(row))


async def task_time_spents(request: Request) -> Response:
    rows = await time_spents.task_time_spents(ctx_of(request), path_uuid(request, "task_id"),
                                              request.path_params.get("date"))
    return zou.json(_by_person(rows))


def _by_person(rows: list[dict]) -> dict:
    out: dict = {"total": 0}
    for r in rows:
        out.setdefault(str(r["person_id"]), []).append(_row(r))
        out["total"] += r["duration"]
    return out


async def set_time_spent(request: Request) -> Response:
    row = await time_spents.log_time(ctx_of(request), path_uuid(request, "task_id"), path_uuid(request, "person_id"),
                                     request.path_params["date"], await schema_payload(request))
    return zou.json(_row(row), 201)


async def add_time_spent(request: Request) -> Response:
    row = await time_spents.log_time(ctx_of(request), path_uuid(request, "task_id"), path_uuid(request, "person_id"),
                                     request.path_params["date"], await schema_payload(request), add=True)
    return zou.json(_row(row), 201)


async def delete_time_spent(request: Request) -> Response:
    row = await time_spents.remove_time(ctx_of(request), path_uuid(request, "task_id"),
                                        path_uuid(request, "person_id"), request.path_params["date"])
    return zou.json(_row(row), 201)


PERSON_DAY = "/actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}"

ROUTES = [
    route("/data/user/tasks/{task_id}/time-spents/{date}", own_time_spent, ["GET"]),
    route("/actions/tasks/{task_id}/time-spents", task_time_spents, ["GET"]),
    route("/actions/tasks/{task_id}/time-spents/{date}", task_time_spents, ["GET"]),
    route(PERSON_DAY, set_time_spent, ["POST"]),
    route(PERSON_DAY, delete_time_spent, ["DELETE"]),
    route(PERSON_DAY + "/add", add_time_spent, ["POST"]),
]
