"""The `/graphql` endpoint: GraphiQL for browsers, GraphQL over HTTP (POST JSON, GET for queries).

Queries run breadth-first (schema/breadth.py); mutations and introspection run through Strawberry's own
execution of the same schema. Parsing and validation are cached per query text; the limits (depth, aliases,
fields) are checked before authentication and before any resolver runs. A token (Authorization: Bearer,
or the access_token_cookie cookie) is checked when present; a field that needs a user answers
UNAUTHENTICATED when there is none or it was refused."""
from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

import orjson
from graphql import DocumentNode, ExecutionResult, GraphQLError, OperationType, parse, validate
from graphql.utilities import get_operation_ast
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.http.ides import get_graphql_ide_html

from domain import errors
from resolvers.auth import authenticate, bearer_token
from resolvers.context import Context
from schema import breadth, guards
from schema.auth_mutations import token_refusal
from schema.errors import format_error
from schema.schema import schema as default_schema

JSON_OPTIONS = orjson.OPT_OMIT_MICROSECONDS | orjson.OPT_NON_STR_KEYS


class GraphQLApp:
    def __init__(self, settings: Any, schema: Any = default_schema):
        self.settings = settings
        self.schema = schema
        self._prepare = lru_cache(maxsize=512)(self._parse_and_validate)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self.handle(request)
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        if request.method == "GET" and "query" not in request.query_params:
            if "text/html" in request.headers.get("accept", ""):
                return HTMLResponse(get_graphql_ide_html())
            return _answer_errors([GraphQLError("A GET request must carry a `query` parameter.")], 400)
        if request.method not in ("GET", "POST"):
            return _answer_errors([GraphQLError("GraphQL is served over GET and POST only.")], 405)
        try:
            params = await _params(request)
        except errors.InvalidInput as exc:
            return _answer_errors([GraphQLError(exc.message)], 400)
        return await self.run(request.state.ctx, request, **params)

    async def run(self, ctx: Context, request: Request | None, *, query: str, variables: dict | None,
                  operation_name: str | None) -> Response:
        document, problems = self._prepare(query)
        if problems:
            return _answer_errors(problems, 400)
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            msg = (f"Unknown operation named '{operation_name}'." if operation_name
                   else "Must provide operation name if query contains multiple operations.")
            return _answer_errors([GraphQLError(msg)], 400)
        if request is not None and request.method == "GET" and operation.operation != OperationType.QUERY:
            return _answer_errors([GraphQLError("Mutations are sent with POST.")], 405)
        limits = guards.check(document, operation, self.settings)
        if limits:
            return _answer_errors(limits, 400)
        if request is not None:
            await _authenticate(ctx, request)
        refusal = token_refusal(ctx, operation)
        if refusal is not None:
            return _answer_errors([refusal], 403)
        result = await execute(self.schema, document, query=query, context=ctx, variables=variables,
                               operation_name=operation_name)
        return _answer(result)

    def _parse_and_validate(self, query: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
        try:
            document = parse(query)
        except GraphQLError as exc:
            return None, [exc]
        return document, validate(self.schema._schema, document)


async def execute(schema: Any, document: DocumentNode, *, query: str, context: Context,
                  variables: dict | None = None, operation_name: str | None = None) -> ExecutionResult:
    """A validated document: breadth-first for queries, Strawberry's execution otherwise."""
    operation = get_operation_ast(document, operation_name)
    if operation is not None and not breadth.wants_stock_execution(operation):
        try:
            return await breadth.execute(schema, document, context=context, variables=variables,
                                         operation_name=operation_name)
        except breadth.PlanError:
            pass
    result = await schema.execute(query, variable_values=variables, context_value=context,
                                  operation_name=operation_name)
    if result.errors:
        await context.db.rollback()
        context.events.discard()
    return ExecutionResult(result.data, result.errors)


async def _authenticate(ctx: Context, request: Request) -> None:
    token = bearer_token(request.headers, request.cookies)
    if token is None or ctx.user is not None:
        return
    try:
        ctx.user = await authenticate(ctx, token)
    except errors.DomainError as exc:
        ctx.auth_error = exc if exc.code == "UNAUTHENTICATED" else errors.Unauthenticated(exc.message)


async def _params(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        raw = dict(request.query_params)
        variables = raw.get("variables")
        if variables:
            try:
                raw["variables"] = orjson.loads(variables)
            except orjson.JSONDecodeError as exc:
                raise errors.InvalidInput("`variables` is not valid JSON.") from exc
    else:
        if "json" not in request.headers.get("content-type", ""):
            raise errors.InvalidInput("A GraphQL request is sent as application/json.")
        try:
            raw = orjson.loads(await request.body())
        except orjson.JSONDecodeError as exc:
            raise errors.InvalidInput("The request body is not valid JSON.") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("query"), str):
        raise errors.InvalidInput("The request must carry a `query` string.")
    variables = raw.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise errors.InvalidInput("`variables` must be an object.")
    operation_name = raw.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise errors.InvalidInput("`operationName` must be a string.")
    return {"query": raw["query"], "variables": variables, "operation_name": operation_name}


def encode(result: ExecutionResult) -> bytes:
    body: dict[str, Any] = {}
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    body["data"] = result.data
    return orjson.dumps(body, default=_default, option=JSON_OPTIONS)


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):  # asyncpg's own UUID class, which orjson does not know
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _answer(result: ExecutionResult) -> Response:
    return Response(encode(result), media_type="application/json")


def _answer_errors(errs: list[GraphQLError], status: int) -> Response:
    body = {"errors": [format_error(e) for e in errs]}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def create_graphql_app(settings: Any) -> GraphQLApp:
    return GraphQLApp(settings)
