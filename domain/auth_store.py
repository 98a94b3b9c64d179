"""Short-lived values of the authentication flows, kept in `trackql_auth_secret` so that every process
sharing the database sees them (Zou keeps them in Redis with a TTL)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from domain.base import utcnow
from domain.trackql_tables import AuthSecret


async def put(db, key: str, value: str, ttl: timedelta) -> None:
    """Store `value` under `key` for `ttl`, replacing what was there (and dropping expired values)."""
    await db.execute(delete(AuthSecret).where((AuthSecret.key == key) | (AuthSecret.expires_at <= utcnow())))
    await db.execute(AuthSecret.__table__.insert().values(key=key, value=value, expires_at=utcnow() + ttl))


async def get(db, key: str) -> str | None:
    rows = await db.scalars(select(AuthSecret.value).where(AuthSecret.key == key, AuthSecret.expires_at > utcnow()))
    return rows[0] if rows else None


async def take(db, key: str) -> str | None:
    """The value under `key`, removed: of two concurrent takers only one gets it."""
    result = await db.execute(delete(AuthSecret).where(AuthSecret.key == key, AuthSecret.expires_at > utcnow())
                              .returning(AuthSecret.value))
    row = result.first()
    return row[0] if row else None


async def drop(db, key: str) -> None:
    await db.execute(delete(AuthSecret).where(AuthSecret.key == key))


async def purge_expired(db) -> None:
    await db.execute(delete(AuthSecret).where(AuthSecret.expires_at <= utcnow()))
