"""Who is asking: the token of a request turned into a `CurrentUser`, and what that token allows."""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace

from domain import errors, people, tokens
from domain.api_tokens import TokenScope
from domain.revocation_cache import RevocationCache
from resolvers.context import Context, CurrentUser

UNAUTHORIZED = ("The server could not verify that you are authorized to access the URL requested. You either "
                "supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to "
                "supply the credentials required.")
TWO_FACTOR_SETUP_REQUIRED = ("Two-factor authentication setup is required. Please configure 2FA before accessing "
                             "the API.")
# What a token carrying `requires_2fa_setup` may call (Zou's list, paths under /api).
TWO_FACTOR_SETUP_PATHS = frozenset({
    "/auth/totp", "/auth/email-otp", "/auth/fido", "/auth/recovery-codes", "/auth/login", "/auth/logout",
    "/auth/authenticated", "/auth/refresh-token",
})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_ONLY_TOKEN = "This token is read-only."


def token_config(settings) -> tokens.TokenConfig:
    return tokens.TokenConfig(settings.secret_key, settings.access_token_days, settings.refresh_token_days)


# One Redis client per (URL, event loop): a client's connections belong to the loop that opened them.
_caches: dict[tuple[str, str, int], RevocationCache] = {}


def revocation_cache(settings) -> RevocationCache | None:
    """The Redis copy of the revocation list when TRACKQL_REDIS_URL is set, else None."""
    url = getattr(settings, "redis_url", None)
    if not url:
        return None
    prefix = getattr(settings, "redis_prefix", "trackql")
    key = (url, prefix, id(asyncio.get_running_loop()))
    cache = _caches.get(key)
    if cache is None:
        cache = _caches[key] = RevocationCache(url, prefix)
    return cache


async def close_revocation_caches() -> None:
    loop = id(asyncio.get_running_loop())
    for key in [k for k in _caches if k[2] == loop]:
        await _caches.pop(key).close()


async def authenticate(ctx: Context, token: str, *, kind: str = "access") -> CurrentUser:
    claims = tokens.decode(token_config(ctx.settings), token, kind=kind)
    try:
        person_id = uuid.UUID(str(claims["sub"]))
    except ValueError as exc:
        raise _unauthorized() from exc
    person = (await ctx.loaders.get(people.persons_by_ids).load(person_id))
    if person is None or not person["active"]:
        raise _unauthorized()
    identity = claims.get("identity_type", "person")
    if identity in ("bot", "person_api"):
        if person.get("jti") != claims["jti"]:
            raise errors.Unauthenticated("Token has been revoked", body={"msg": "Token has been revoked"})
    elif await tokens.is_revoked(ctx.db, claims["jti"], cache=revocation_cache(ctx.settings)):
        raise errors.Unauthenticated("Token has been revoked", body={"msg": "Token has been revoked"})
    user = CurrentUser(id=person_id, role=person["role"], is_bot=bool(person["is_bot"]),
                       identity_type=identity, person=person, claims=claims)
    return _scoped(user)


def token_scope(user: CurrentUser | None) -> TokenScope | None:
    """The limits of the caller's API token, if it has any (session tokens never do)."""
    if user is None or user.identity_type not in ("bot", "person_api"):
        return None
    return TokenScope.from_claims(user.claims)


def _scoped(user: CurrentUser) -> CurrentUser:
    """A project-limited token of an admin acts as a manager of those projects only: every admin shortcut
    of the access checks would otherwise see past the limit (resolvers/access.py applies the projects)."""
    scope = token_scope(user)
    if scope is not None and scope.project_ids is not None and user.role == "admin":
        return replace(user, role="manager")
    return user


def check_request(user: CurrentUser, *, method: str, path: str | None) -> None:
    """What the token itself allows, whatever the route: a read-only token reads only; a token issued
    before a required 2FA setup reaches only the setup routes (Zou's answer otherwise). `path` is the
    REST path under /api, None for GraphQL (checked per operation by the GraphQL face)."""
    if user.claims.get("requires_2fa_setup") and path is not None and path not in TWO_FACTOR_SETUP_PATHS:
        raise two_factor_setup_required()
    scope = token_scope(user)
    if scope is not None and scope.read_only and method.upper() not in READ_METHODS:
        raise read_only_refusal()


def read_only_refusal() -> errors.PermissionDenied:
    return errors.PermissionDenied(READ_ONLY_TOKEN, body={"error": True, "message": READ_ONLY_TOKEN})


def two_factor_setup_required() -> errors.PermissionDenied:
    return errors.PermissionDenied(TWO_FACTOR_SETUP_REQUIRED, body={
        "error": True, "two_factor_authentication_required": True, "message": TWO_FACTOR_SETUP_REQUIRED})


def _unauthorized() -> errors.Unauthenticated:
    return errors.Unauthenticated(UNAUTHORIZED, body={"error": True, "message": UNAUTHORIZED})


def bearer_token(headers, cookies, *, kind: str = "access") -> str | None:
    auth = headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return cookies.get("access_token_cookie" if kind == "access" else "refresh_token_cookie")
