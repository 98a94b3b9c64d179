"""The `trackql` command: serve, init-db, create-admin, demo-data, schema."""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url

from domain import errors
from domain.bootstrap import ensure_admin, first_run
from domain.db import Db, make_engine, sessionmaker
from domain.demo import PROJECT_NAME, load_demo
from domain.setup import init_database, is_empty
from gateway.settings import Settings, load_settings


def say(message: str = "") -> None:
    print(message, flush=True)


def step(message: str) -> None:
    say(f"  - {message}")


def fail(message: str) -> int:
    print(f"trackql: {message}", file=sys.stderr, flush=True)
    return 1


def _settings(*, signs_tokens: bool) -> Settings:
    """The settings from TRACKQL_* variables. Commands that sign no token do not need a secret key (on
    PostgreSQL `serve` requires TRACKQL_SECRET_KEY; the others run without it)."""
    env = dict(os.environ)
    if not signs_tokens and not env.get("TRACKQL_SECRET_KEY"):
        env["TRACKQL_SECRET_KEY"] = "unused: this command signs no token"
    return load_settings(env)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


# --- commands --------------------------------------------------------------------------------------

async def _init_db(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    try:
        say(f"Database: {_shown(settings.database_url)}")
        fresh = await init_database(engine)
    finally:
        await engine.dispose()
    if fresh:
        say("Created Zou's tables, TrackQL's tables and Zou's default rows "
            "(project statuses, departments, entity and asset types, task types, task statuses).")
    else:
        say("The database already holds Zou's tables (made by Zou or by TrackQL): only TrackQL's own tables "
            "(trackql_*) were added where missing; nothing else was changed.")


async def _with_db(settings: Settings, work):
    engine = make_engine(settings.database_url)
    try:
        if await is_empty(engine):
            raise errors.InvalidInput("The database has no tables yet: run `trackql init-db` first.")
        async with sessionmaker(engine)() as session:
            db = Db(session)
            result = await work(db)
            await db.commit()
            return result
    finally:
        await engine.dispose()


async def _create_admin(settings: Settings, email: str, password: str | None) -> str:
    return await _with_db(settings, lambda db: ensure_admin(db, email, password, rounds=settings.bcrypt_rounds))


async def _demo_data(settings: Settings, people_password: str | None, seed: int):
    say(f"Database: {_shown(settings.database_url)}")
    return await _with_db(settings, lambda db: load_demo(
        db, people_password=people_password, rounds=settings.bcrypt_rounds, seed=seed, progress=step))


def _describe_demo(summary) -> str:
    c = summary.counts
    parts = ", ".join(f"{c[k]} {k}" for k in ("people", "episodes", "sequences", "shots", "assets",
                                               "casting links", "tasks", "time spents", "budget entries")
                      if k in c)
    return f'Demo production "{PROJECT_NAME}": {parts}.'


async def _first_run(settings: Settings, demo: bool):
    engine = make_engine(settings.database_url)
    try:
        return await first_run(engine, admin_email=os.environ.get("TRACKQL_ADMIN_EMAIL"),
                               admin_password=os.environ.get("TRACKQL_ADMIN_PASSWORD"),
                               rounds=settings.bcrypt_rounds, demo=demo, progress=step)
    finally:
        await engine.dispose()


def cmd_serve(args) -> int:
    settings = _settings(signs_tokens=True)
    say(f"TrackQL, database: {_shown(settings.database_url)}")
    created = asyncio.run(_first_run(settings, demo=not args.no_demo_data))
    base = _address(args.host, args.port)
    if created is not None:
        if created.demo is not None and created.demo.created:
            say(_describe_demo(created.demo))
    say("")
    say(f"  GraphiQL:   {base}/graphql")
    say(f"  REST (Zou): {base}/api")
    if created is not None:
        say(f"  Login:      {created.admin_email}  password: {created.admin_password}")
        say("  (shown once: the database keeps only its hash)")
    else:
        say("  Login with an existing account; `trackql create-admin EMAIL --password P` makes one.")
    say("")
    import uvicorn

    uvicorn.run("gateway.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                loop="uvloop", http="httptools", log_level=args.log_level, access_log=not args.no_access_log,
                proxy_headers=True)
    return 0


def cmd_init_db(args) -> int:
    asyncio.run(_init_db(_settings(signs_tokens=False)))
    return 0


def cmd_create_admin(args) -> int:
    outcome = asyncio.run(_create_admin(_settings(signs_tokens=False), args.email, args.password))
    say({"created": f"Admin {args.email} created.", "exists": f"Admin {args.email} already exists.",
         "upgraded": f"User {args.email} upgraded to admin."}[outcome])
    return 0


def cmd_demo_data(args) -> int:
    summary = asyncio.run(_demo_data(_settings(signs_tokens=False), args.people_password, args.seed))
    if summary.created:
        say(_describe_demo(summary))
    return 0


def cmd_schema(args) -> int:
    from schema.schema import schema

    say(schema.as_str())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trackql", description="TrackQL: a GraphQL gateway and Zou-compatible "
                                "REST API over Kitsu's production-tracking database. Settings come from "
                                "TRACKQL_* environment variables (see README.md).")
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server; on an empty database, first create the tables, "
                           "an admin and the demo production")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--no-demo-data", action="store_true", help="first start without the demo production")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--no-access-log", action="store_true")
    serve.set_defaults(run=cmd_serve)

    init_db = sub.add_parser("init-db", help="create the tables and Zou's default rows (on a Zou database: "
                             "only TrackQL's own tables)")
    init_db.set_defaults(run=cmd_init_db)

    admin = sub.add_parser("create-admin", help="create an admin (or make an existing person admin)")
    admin.add_argument("email")
    admin.add_argument("--password", help="needed to create a new person (at least 8 characters)")
    admin.set_defaults(run=cmd_create_admin)

    demo = sub.add_parser("demo-data", help="load the demo TV-show production")
    demo.add_argument("--people-password", help="password of the demo people (default: none, they cannot "
                      "log in)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.set_defaults(run=cmd_demo_data)

    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.set_defaults(run=cmd_schema)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except errors.DomainError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `trackql schema | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
