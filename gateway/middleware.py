"""Per-request plumbing: one database session and one `Context` per request, Zou's security headers,
and Zou's tolerance for a trailing slash."""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Receive, Scope, Send

from domain.db import Db
from domain.events import EventBus
from rest_compat.zou import SECURITY_HEADERS
from resolvers.context import Context


class RequestContext:
    def __init__(self, app: ASGIApp, *, sessionmaker, settings, publisher=None):
        self.app = app
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.publisher = publisher

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if len(path) > len("/api/") and path.endswith("/") and path.startswith("/api/"):
            scope = dict(scope, path=path.rstrip("/") or "/")
        elif path == "/api":  # gazu's host_is_up: HEAD <host>, no redirect followed
            scope = dict(scope, path="/api/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        async with self.sessionmaker() as session:
            headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            ctx = Context(db=Db(session), settings=self.settings, events=EventBus(self.publisher),
                          user_agent=headers.get("user-agent", ""))
            scope.setdefault("state", {})
            scope["state"]["ctx"] = ctx
            try:
                await self.app(scope, receive, send_with_headers)
            finally:
                if session.in_transaction():
                    await session.rollback()
