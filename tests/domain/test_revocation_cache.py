"""The Redis copy of the revocation list (Redis db 7, a prefix per test, its keys deleted afterwards): it
answers without a statement only while it is complete; otherwise the database answers and the copy is
reloaded; an unreachable Redis leaves the database in charge."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from domain import tokens
from domain.base import utcnow
from domain.revocation_cache import RevocationCache

REDIS_URL = "redis://127.0.0.1:6379/7"


@pytest.fixture
async def cache():
    c = RevocationCache(REDIS_URL, prefix=f"trackql-test-{uuid.uuid4().hex[:12]}")
    try:
        yield c
    finally:
        keys = [k async for k in c.redis.scan_iter(match=f"{c.prefix}:*")]
        if keys:
            await c.redis.delete(*keys)
        await c.close()


def _revocation_reads(statements: list[str]) -> int:
    return sum("trackql_revoked_token" in s for s in statements)


async def test_a_complete_copy_answers_without_reading_the_database(db, cache, count_sql):
    later = utcnow() + timedelta(days=1)
    await tokens.revoke(db, ["jti-a"], later, cache=cache)
    assert await tokens.is_revoked(db, "jti-a", cache=cache)  # no marker yet: the database answers, copy loaded
    assert await cache.redis.exists(cache.loaded_key) == 1
    with count_sql() as c:
        assert await tokens.is_revoked(db, "jti-a", cache=cache)
        assert not await tokens.is_revoked(db, "jti-b", cache=cache)
    assert _revocation_reads(c.statements) == 0


async def test_without_the_marker_the_database_answers_and_the_copy_is_reloaded(db, cache, count_sql):
    later = utcnow() + timedelta(days=1)
    await tokens.revoke(db, ["jti-db-only"], later)  # written while Redis was not told
    await cache.load([])
    assert not await tokens.is_revoked(db, "jti-db-only", cache=cache)  # the copy is trusted while marked
    await cache.invalidate()
    with count_sql() as c:
        assert await tokens.is_revoked(db, "jti-db-only", cache=cache)
    assert _revocation_reads(c.statements) == 2  # the check, then the reload
    assert await cache.redis.exists(cache.key("jti-db-only")) == 1
    assert await cache.is_revoked("jti-db-only") is True


async def test_expired_revocations_are_not_copied(db, cache):
    await tokens.revoke(db, ["jti-old"], utcnow() - timedelta(seconds=5))
    await tokens.revoke(db, ["jti-new"], utcnow() + timedelta(hours=1))
    assert [j for j, _ in await tokens.live_revocations(db)] == ["jti-new"]
    await cache.load(await tokens.live_revocations(db))
    assert await cache.is_revoked("jti-new") is True and await cache.is_revoked("jti-old") is False


async def test_an_unreachable_redis_leaves_the_database_in_charge(db):
    down = RevocationCache("redis://127.0.0.1:1/7")
    try:
        await tokens.revoke(db, ["jti-c"], utcnow() + timedelta(days=1), cache=down)
        assert await down.is_revoked("jti-c") is None
        assert await tokens.is_revoked(db, "jti-c", cache=down)
        assert not await tokens.is_revoked(db, "jti-d", cache=down)
    finally:
        await down.close()
