"""A real TrackQL server for tests that need one (gazu is a synchronous client; several processes sharing
a database): `trackql serve` (uvicorn over `gateway.app:create_app`) in a subprocess, on a free port, over
a fresh SQLite file (or any database URL given), stopped when the context exits.

    async with live_server(tmp_path, prepare=my_setup) as server:
        gazu.set_host(server.api_url)

`prepare(db)` runs before the server starts, on the fresh database (schema and default rows made), and
commits what it writes. With `first_start=True` the database is left empty: `trackql serve` makes it
itself (tables, admin, demo production) and prints the login, read back with `server.printed_login()`."""
from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from domain.db import Db, make_engine, sessionmaker
from domain.seed import seed_defaults
from domain.setup import create_schema

ROOT = Path(__file__).resolve().parent.parent
SECRET = "live-test-secret-" + "y" * 32


@dataclass(frozen=True)
class LiveServer:
    url: str  # http://127.0.0.1:PORT
    database_url: str
    log_path: Path

    @property
    def api_url(self) -> str:
        return self.url + "/api"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def printed_login(self) -> tuple[str, str]:
        """The (email, password) `trackql serve` printed on its first start."""
        m = re.search(r"Login:\s+(\S+)\s+password:\s+(\S+)", self.log())
        if m is None:
            raise AssertionError(f"no login printed by the server:\n{self.log()}")
        return m.group(1), m.group(2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def prepare_database(database_url: str, prepare: Callable[[Db], Awaitable[None]] | None = None) -> None:
    engine = make_engine(database_url)
    try:
        await create_schema(engine)
        async with engine.begin() as conn:
            await seed_defaults(conn)
        if prepare is not None:
            async with sessionmaker(engine)() as session:
                db = Db(session)
                await prepare(db)
                await db.commit()
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def live_server(tmp_path: Path, *, prepare: Callable[[Db], Awaitable[None]] | None = None,
                      database_url: str | None = None, env: dict[str, str] | None = None,
                      first_start: bool = False, startup_timeout: float = 30.0) -> AsyncIterator[LiveServer]:
    database_url = database_url or f"sqlite+aiosqlite:///{tmp_path}/live.db"
    if not first_start:
        await prepare_database(database_url, prepare)
    port = free_port()
    log_path = tmp_path / f"live-{port}.log"
    child_env = {**os.environ, "TRACKQL_DATABASE_URL": database_url, "TRACKQL_SECRET_KEY": SECRET,
                 "TRACKQL_BCRYPT_ROUNDS": "4", "PYTHONPATH": str(ROOT), **(env or {})}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "info"],
            cwd=ROOT, env=child_env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(f"http://127.0.0.1:{port}", database_url, log_path)
    try:
        _wait_ready(proc, server, startup_timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_ready(proc: subprocess.Popen, server: LiveServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the live server exited with {proc.returncode}:\n{server.log()}")
        try:
            if httpx.get(server.api_url + "/", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the live server did not answer within {timeout} s:\n{server.log()}")
