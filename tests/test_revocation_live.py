"""Revocation across processes: two live `trackql serve` processes on one database; a token revoked through
one (logout, a regenerated API token, a disabled person) is refused by the other, with and without the
Redis copy of the revocation list (db 7, a prefix of its own; its keys are deleted afterwards)."""
from __future__ import annotations

import contextlib
import uuid

import httpx
import jwt
import pytest
from redis import asyncio as aioredis

from domain import accounts
from live import live_server

REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "secret-pass-1"
GAZU_UA = {"User-Agent": "CGWire Gazu 1.3.1"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **GAZU_UA}


@contextlib.asynccontextmanager
async def redis_prefix():
    prefix = f"trackql-test-{uuid.uuid4().hex[:12]}"
    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        yield prefix, client
    finally:
        keys = [k async for k in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@contextlib.asynccontextmanager
async def two_servers(tmp_path, database_url, env):
    ids = {}

    async def prepare(db):
        for email, role in (("admin@example.com", "admin"), ("jane@example.com", "user")):
            ids[email] = (await accounts.create_person(db, email=email, password=PASSWORD, first_name="A",
                                                       last_name=role, role=role, rounds=4))["id"]
        ids["bot"] = (await accounts.create_person(db, email=None, password=None, first_name="Bot",
                                                   last_name="One", is_bot=True, rounds=4))["id"]

    async with live_server(tmp_path, prepare=prepare, database_url=database_url, env=env) as a, \
            live_server(tmp_path, database_url=database_url, env=env, first_start=True) as b, \
            httpx.AsyncClient(timeout=20) as http:
        yield a, b, http, ids


async def _login(http, server, email: str) -> dict:
    r = await http.post(server.api_url + "/auth/login", json={"email": email, "password": PASSWORD},
                        headers=GAZU_UA)
    assert r.status_code == 200, r.text
    return r.json()


async def _who(http, server, token: str) -> httpx.Response:
    return await http.get(server.api_url + "/auth/authenticated", headers=bearer(token))


@pytest.mark.parametrize("with_redis", [False, True], ids=["database", "redis"])
async def test_a_token_revoked_on_one_process_is_refused_by_the_other(tmp_path, empty_database_url, with_redis):
    async with redis_prefix() as (prefix, redis):
        env = {"TRACKQL_REDIS_URL": REDIS_URL, "TRACKQL_REDIS_PREFIX": prefix} if with_redis else {}
        async with two_servers(tmp_path, empty_database_url, env) as (a, b, http, ids):
            jane = await _login(http, a, "jane@example.com")
            admin = (await _login(http, b, "admin@example.com"))["access_token"]
            assert (await _who(http, b, jane["access_token"])).status_code == 200

            # logout on A: B refuses the access token and its refresh token
            assert (await http.get(a.api_url + "/auth/logout", headers=bearer(jane["access_token"]))).status_code == 200
            r = await _who(http, b, jane["access_token"])
            assert (r.status_code, r.json()) == (401, {"msg": "Token has been revoked"})
            r = await http.get(b.api_url + "/auth/refresh-token", headers=bearer(jane["refresh_token"]))
            assert r.status_code == 401
            jti = jwt.decode(jane["access_token"], options={"verify_signature": False})["jti"]
            in_redis = await redis.exists(f"{prefix}:revoked:{jti}")
            assert in_redis == (1 if with_redis else 0)
            if with_redis:  # B answered from a complete copy that it loaded from the database
                assert await redis.exists(f"{prefix}:revoked-loaded") == 1

            # a regenerated API token: the old one is refused by the other process
            bot = f"/data/persons/{ids['bot']}"
            r = await http.put(a.api_url + bot, json={"expiration_date": None}, headers=bearer(admin))
            assert r.status_code == 200, r.text
            first = r.json()["access_token"]
            assert (await http.get(b.api_url + "/data/projects", headers=bearer(first))).status_code == 200
            r = await http.put(b.api_url + bot, json={"expiration_date": None}, headers=bearer(admin))
            second = r.json()["access_token"]
            r = await http.get(a.api_url + "/data/projects", headers=bearer(first))
            assert (r.status_code, r.json()) == (401, {"msg": "Token has been revoked"})
            assert (await http.get(a.api_url + "/data/projects", headers=bearer(second))).status_code == 200

            # a person disabled through A: their live session is refused by B
            jane = await _login(http, b, "jane@example.com")
            assert (await _who(http, b, jane["access_token"])).status_code == 200
            r = await http.put(f"{a.api_url}/data/persons/{ids['jane@example.com']}", json={"active": False},
                               headers=bearer(admin))
            assert r.status_code == 200, r.text
            assert (await _who(http, b, jane["access_token"])).status_code == 401
