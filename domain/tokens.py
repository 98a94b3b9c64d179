"""JWT access and refresh tokens as Zou (flask-jwt-extended) issues them, and their revocation."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from domain import errors
from domain.base import utcnow
from domain.trackql_tables import RevokedToken

ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenConfig:
    secret: str
    access_days: int = 7
    refresh_days: int = 15


def _encode(cfg: TokenConfig, claims: dict[str, Any]) -> str:
    return jwt.encode(claims, cfg.secret, algorithm=ALGORITHM)


def make_token(cfg: TokenConfig, person_id: uuid.UUID, *, kind: str, identity_type: str = "person",
               expires: timedelta | None = None, jti: str | None = None, extra: dict | None = None) -> str:
    now = datetime.now(timezone.utc)
    claims: dict[str, Any] = {
        "fresh": False, "iat": now, "jti": jti or str(uuid.uuid4()), "type": kind,
        "sub": str(person_id), "nbf": now, "identity_type": identity_type,
    }
    if expires is None:
        expires = timedelta(days=cfg.access_days if kind == "access" else cfg.refresh_days)
    if expires is not False:
        claims["exp"] = now + expires
    claims.update(extra or {})
    return _encode(cfg, claims)


def make_login_tokens(cfg: TokenConfig, person_id: uuid.UUID, extra: dict | None = None) -> tuple[str, str]:
    refresh_jti = str(uuid.uuid4())
    refresh = make_token(cfg, person_id, kind="refresh", jti=refresh_jti, extra=extra)
    access = make_token(cfg, person_id, kind="access", extra={"refresh_jti": refresh_jti, **(extra or {})})
    return access, refresh


def decode(cfg: TokenConfig, token: str, *, kind: str) -> dict[str, Any]:
    """Claims of a valid token of `kind`; errors carry the bodies Zou's JWT layer sends."""
    try:
        claims = jwt.decode(token, cfg.secret, algorithms=[ALGORITHM], options={"require": ["sub", "jti"]})
    except jwt.ExpiredSignatureError as exc:
        raise errors.Unauthenticated("Signature has expired",
                                     body={"error": True, "message": "Signature has expired"}) from exc
    except jwt.DecodeError as exc:
        msg = "Not enough segments" if token.count(".") != 2 else "Signature verification failed"
        raise errors.MalformedToken(msg, body={"msg": msg}) from exc
    except jwt.InvalidTokenError as exc:
        raise errors.MalformedToken(str(exc), body={"msg": str(exc)}) from exc
    if claims.get("type") != kind:
        msg = "Only non-refresh tokens are allowed" if kind == "access" else "Only refresh tokens are allowed"
        raise errors.MalformedToken(msg, body={"msg": msg})
    return claims


async def revoke(db, jtis: list[str], expires_at: datetime, *, cache=None) -> None:
    """Record revoked jtis (flushes, never commits). The Redis copy, when there is one, is written first:
    a commit that fails afterwards leaves the token refused, not accepted."""
    if not jtis:
        return
    if cache is not None:
        await cache.add((j, expires_at) for j in jtis)
    rows = [{"jti": j, "expires_at": expires_at} for j in jtis]
    ins = (postgresql.insert(RevokedToken) if db.is_postgres else sqlite.insert(RevokedToken)).values(rows)
    await db.execute(ins.on_conflict_do_nothing(index_elements=["jti"]))


async def is_revoked(db, jti: str, *, cache=None) -> bool:
    """Whether any process revoked the jti: the Redis copy answers when it is complete, else the database
    (and the copy is reloaded from it)."""
    if cache is not None:
        cached = await cache.is_revoked(jti)
        if cached is not None:
            return cached
    revoked = bool(await db.scalars(select(RevokedToken.jti).where(RevokedToken.jti == jti)))
    if cache is not None:
        await cache.load(await live_revocations(db))
    return revoked


async def live_revocations(db) -> list[tuple[str, datetime]]:
    """(jti, expires_at) of every revocation that has not expired yet."""
    rows = await db.rows(select(RevokedToken.jti, RevokedToken.expires_at).where(RevokedToken.expires_at >= utcnow()))
    return [(r["jti"], r["expires_at"]) for r in rows]


async def purge_expired(db) -> None:
    await db.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
