"""Zou's generic model routes: `GET/POST /data/<model>` and `GET/PUT/DELETE /data/<model>/<id>` for every
model route of crud.md §1 (the table is `domain/crud_models.py`)."""
from __future__ import annotations

import functools
import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from resolvers import crud
from rest_compat import zou
from rest_compat.routing import ctx_of, json_body, route


def _encode(row: dict) -> dict:
    return zou.row(row)


def _encoded(result):
    if isinstance(result, dict):  # the page envelope
        return {**result, "data": [_encode(r) for r in result["data"]]}
    return [_encode(r) for r in result]


async def list_models(request: Request, model: str) -> Response:
    args = crud.ListArgs.of(request.query_params.multi_items())
    return zou.json(_encoded(await crud.list_models(ctx_of(request), model, args)))


async def create_model(request: Request, model: str) -> Response:
    body = await json_body(request)
    return zou.json(_encode(await crud.create_model(ctx_of(request), model, body)), 201)


async def get_model(request: Request, model: str) -> Response:
    relations = request.query_params.get("relations", "true").lower() == "true"
    row = await crud.get_model(ctx_of(request), model, request.path_params["instance_id"], relations=relations)
    return zou.json(_encode(row))


async def update_model(request: Request, model: str) -> Response:
    body = await json_body(request)
    return zou.json(_encode(await crud.update_model(ctx_of(request), model, request.path_params["instance_id"],
                                                    body)))


async def delete_model(request: Request, model: str) -> Response:
    force = request.query_params.get("force", "false").lower() == "true"
    await crud.delete_model(ctx_of(request), model, request.path_params["instance_id"], force=force)
    return zou.no_content()


_STATIC = re.compile(r"^/data/([^/{}]+)/([^/{}]+)$")


@functools.cache
def _static_paths() -> frozenset[tuple[str, str]]:
    """`/data/<model>/<word>` paths other modules serve (e.g. `/data/projects/open`): Zou's static routes
    win over `/<id>`, whatever the order the route modules are listed in."""
    from rest_compat.app import ROUTE_MODULES

    found = set()
    for module in ROUTE_MODULES:
        for r in getattr(module, "ROUTES", ()):
            m = _STATIC.match(getattr(r, "path", ""))
            if m and r not in ROUTES:
                found.add((m.group(1), m.group(2)))
    return frozenset(found)


class InstanceRoute(Route):
    """`/data/<model>/{instance_id}` that steps aside for another module's static path of the same shape."""

    def matches(self, scope):
        match, child = super().matches(scope)
        if match is not Match.NONE:
            instance_id = child.get("path_params", {}).get("instance_id", "")
            model = self.path.split("/")[2]
            if not crud.is_valid_id(instance_id) and (model, instance_id) in _static_paths():
                return Match.NONE, {}
        return match, child


_INSTANCE = {"GET": get_model, "PUT": update_model, "DELETE": delete_model, "HEAD": get_model}
_COLLECTION = {"GET": list_models, "POST": create_model, "HEAD": list_models}


def _routes_of(model: str) -> list[Route]:
    async def collection(request: Request) -> Response:
        return await _COLLECTION[request.method](request, model)

    async def instance(request: Request) -> Response:
        return await _INSTANCE[request.method](request, model)

    instance_path = f"/data/{model}/{{instance_id}}"
    plain = route(instance_path, instance, ["GET", "PUT", "DELETE"])
    return [route(f"/data/{model}", collection, ["GET", "POST"]),
            InstanceRoute(instance_path, plain.endpoint, methods=["GET", "PUT", "DELETE"])]


ROUTES: list[Route] = [r for name in crud.model_routes() for r in _routes_of(name)]
