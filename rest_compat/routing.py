"""Zou's paths as Starlette routes: authentication first (unless public), Zou's error bodies always."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain import errors
from resolvers.auth import authenticate, bearer_token, check_request
from resolvers import permissions
from resolvers.context import MISSING_JWT, Context
from rest_compat import zou

log = logging.getLogger("trackql.rest")
Handler = Callable[[Request], Awaitable[Response]]


def route(path: str, handler: Handler, methods: list[str], *, public: bool = False,
          token: str = "access") -> Route:
    """A Zou route; `token` is the kind a non-public route requires ("access" or "refresh"). Who may call it
    is its rows' rule in the permission table (resolvers/permissions.py); a method with no row is refused."""
    for method in methods:
        op = permissions.operation(permissions.rest_key(method, path))
        if op is not None and (op.public, op.rule.token) != (public, token):
            raise ValueError(f"{method} {path}: public={public}, token={token!r} disagree with rule {op.rule.name}")

    async def endpoint(request: Request) -> Response:
        ctx: Context = request.state.ctx
        key = permissions.rest_key(request.method, path)
        op = permissions.operation(key)
        try:
            if op is None or not op.public:
                await require_token(ctx, request, kind=token)
            await permissions.enforce(ctx, op, key)
            return await handler(request)
        except errors.DomainError as exc:
            await ctx.db.rollback()
            ctx.events.discard()
            return zou.error_response(exc)

    endpoint.__name__ = handler.__name__
    return Route(path, endpoint, methods=methods)


async def require_token(ctx: Context, request: Request, *, kind: str = "access") -> None:
    token = bearer_token(request.headers, request.cookies, kind=kind)
    if token is None:
        raise errors.Unauthenticated("Missing JWT", body={"msg": MISSING_JWT})
    ctx.user = await authenticate(ctx, token, kind=kind)
    check_request(ctx.user, method=request.method, path=_api_path(request))


def _api_path(request: Request) -> str:
    path, root = request.scope["path"], request.scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def ctx_of(request: Request) -> Context:
    return request.state.ctx


def path_uuid(request: Request, name: str) -> uuid.UUID:
    """A UUID path parameter; a malformed one is the route's 404, as on Zou's non-CRUD routes."""
    try:
        return uuid.UUID(request.path_params[name])
    except ValueError as exc:
        raise errors.NotFound("Not found") from exc


async def json_body(request: Request, *, strict: bool = True) -> Any:
    """The JSON body. `strict` routes (generic CRUD) answer 415 to a non-JSON content type, as Zou does."""
    ctype = request.headers.get("content-type", "")
    raw = await request.body()
    if "json" not in ctype:
        if strict:
            msg = ("Did not attempt to load JSON data because the request Content-Type was not "
                   "'application/json'.")
            raise errors.UnsupportedMediaType(msg, body={"error": True, "message": msg})
        return {}
    if not raw:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        msg = "The browser (or proxy) sent a request that this server could not understand."
        raise errors.InvalidInput(msg, body={"error": True, "message": msg}) from exc


async def schema_payload(request: Request) -> Any:
    """What Zou's schema-validated routes read: the JSON body, or, when there is none (or it does not
    parse), the query-string and form values as strings (Werkzeug's `request.values`)."""
    if "json" in request.headers.get("content-type", ""):
        try:
            payload = orjson.loads(await request.body() or b"null")
        except orjson.JSONDecodeError:
            payload = None
        if payload is not None:
            return payload
    values: dict[str, Any] = {}
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        values.update({k: v for k, v in form.items() if isinstance(v, str)})
    values.update(dict(request.query_params))
    return values
