"""The whole application wired in one call."""
from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Mount, Route

from domain.db import make_engine, sessionmaker
from gateway.middleware import RequestContext
from gateway.settings import Settings, load_settings
from resolvers.auth import close_revocation_caches
from rest_compat.app import create_rest_app
from schema.app import create_graphql_app


def create_app(settings: Settings | None = None, *, engine=None, session_factory=None) -> Starlette:
    settings = settings or load_settings()
    own_engine = engine is None
    engine = engine or make_engine(settings.database_url)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await close_revocation_caches()
        if own_engine:
            await engine.dispose()

    async def home(request):
        return RedirectResponse("/graphql")

    rest = create_rest_app()
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/graphql", create_graphql_app(settings)),
            Mount("/api", rest),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.add_middleware(RequestContext, sessionmaker=session_factory or sessionmaker(engine), settings=settings)
    return app
