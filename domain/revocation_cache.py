"""A Redis copy of the revocation list (`trackql_revoked_token`), so that processes answer "is this token
revoked?" without a database statement.

The database stays the authority. Redis answers only while its copy is known to be complete: a marker
key, set after a full load from the database, says so, and it expires after `LOADED_TTL` seconds so that a
revocation whose Redis write was lost is picked up by the next reload. A revocation is written to Redis
before the database commit (a lost commit leaves a revoked token refused, never a revoked token
accepted). Without the marker, or when Redis does not answer, the caller reads the database."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timezone

from redis import asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger("trackql.revocation")

LOADED_TTL = 300  # seconds between full reloads from the database
TIMEOUT = 0.5  # seconds; past that the database answers instead


def _epoch(naive_utc: datetime) -> int:
    return int(naive_utc.replace(tzinfo=timezone.utc).timestamp())


class RevocationCache:
    def __init__(self, url: str, prefix: str = "trackql"):
        self.redis = aioredis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self.prefix = prefix

    def key(self, jti: str) -> str:
        return f"{self.prefix}:revoked:{jti}"

    @property
    def loaded_key(self) -> str:
        return f"{self.prefix}:revoked-loaded"

    async def is_revoked(self, jti: str) -> bool | None:
        """True/False when the copy is complete, None when the database must answer."""
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                loaded, hit = await pipe.exists(self.loaded_key).exists(self.key(jti)).execute()
        except (RedisError, OSError) as exc:
            log.warning("revocation cache unavailable: %s", type(exc).__name__)
            return None
        if not loaded:
            return None
        return bool(hit)

    async def add(self, entries: Iterable[tuple[str, datetime]]) -> None:
        """Record revoked jtis (with their naive-UTC expiry). On failure the copy is declared incomplete."""
        entries = list(entries)
        if not entries:
            return
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                for jti, expires_at in entries:
                    pipe.set(self.key(jti), b"1", exat=_epoch(expires_at))
                await pipe.execute()
        except (RedisError, OSError) as exc:
            log.warning("revocation not copied to Redis (%s); the database answers", type(exc).__name__)
            await self.invalidate()

    async def load(self, entries: Iterable[tuple[str, datetime]]) -> None:
        """Copy the whole list, then mark the copy complete for `LOADED_TTL` seconds."""
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                for jti, expires_at in entries:
                    pipe.set(self.key(jti), b"1", exat=_epoch(expires_at))
                pipe.set(self.loaded_key, b"1", ex=LOADED_TTL)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            log.warning("revocation list not loaded into Redis: %s", type(exc).__name__)

    async def invalidate(self) -> None:
        try:
            await self.redis.delete(self.loaded_key)
        except (RedisError, OSError):
            pass

    async def close(self) -> None:
        await self.redis.aclose()
