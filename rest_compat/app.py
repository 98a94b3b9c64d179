"""The `/api` sub-application: every Zou route module's ROUTES, and Zou's 404/405/500 bodies."""
from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request

from rest_compat import auth, root, zou
from rest_compat import time as time_routes
from rest_compat import budgets as budget_routes
from rest_compat import news as news_routes
from rest_compat import files as file_routes
from rest_compat import crud
from rest_compat import previews as preview_routes
from rest_compat import user as user_routes
from rest_compat import breakdown as breakdown_routes
from rest_compat import production as production_routes
from rest_compat import shots as shot_routes
from rest_compat import edits as edit_routes
from rest_compat import episodes as episode_routes
from rest_compat import scenes as scene_routes

log = logging.getLogger("trackql.rest")

ROUTE_MODULES = [root, auth]
ROUTE_MODULES.append(time_routes)
ROUTE_MODULES.append(budget_routes)
ROUTE_MODULES.append(news_routes)
ROUTE_MODULES.append(file_routes)
ROUTE_MODULES.append(preview_routes)
ROUTE_MODULES.append(user_routes)
ROUTE_MODULES.append(breakdown_routes)
ROUTE_MODULES.append(production_routes)  # static /data/<kind>/with-tasks before /data/<kind>/{id}
ROUTE_MODULES.append(shot_routes)
ROUTE_MODULES.append(edit_routes)
ROUTE_MODULES.append(episode_routes)
ROUTE_MODULES.append(scene_routes)
ROUTE_MODULES.append(crud)  # generic /data/<model> routes


def routes() -> list:
    out = []
    for module in ROUTE_MODULES:
        out.extend(module.ROUTES)
    return out


async def _http_error(request: Request, exc: HTTPException):
    if exc.status_code == 404:
        return zou.json({"error": True, "message": zou.NOT_FOUND}, 404)
    if exc.status_code == 405:
        return zou.json({"error": True, "message": zou.METHOD_NOT_ALLOWED}, 405)
    return zou.json({"error": True, "message": exc.detail}, exc.status_code)


async def _server_error(request: Request, exc: Exception):
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return zou.json({"error": True, "message": zou.INTERNAL}, 500)


def create_rest_app() -> Starlette:
    return Starlette(routes=routes(), exception_handlers={HTTPException: _http_error, Exception: _server_error})
