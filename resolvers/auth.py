"""Who is asking: the token of a request turned into a `CurrentUser`."""
from __future__ import annotations

import uuid

from domain import errors, people, tokens
from resolvers.context import Context, CurrentUser

UNAUTHORIZED = ("The server could not verify that you are authorized to access the URL requested. You either "
                "supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to "
                "supply the credentials required.")


def token_config(settings) -> tokens.TokenConfig:
    return tokens.TokenConfig(settings.secret_key, settings.access_token_days, settings.refresh_token_days)


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
    elif await tokens.is_revoked(ctx.db, claims["jti"]):
        raise errors.Unauthenticated("Token has been revoked", body={"msg": "Token has been revoked"})
    user = CurrentUser(id=person_id, role=person["role"], is_bot=bool(person["is_bot"]),
                       identity_type=identity, person=person, claims=claims)
    return user


def _unauthorized() -> errors.Unauthenticated:
    return errors.Unauthenticated(UNAUTHORIZED, body={"error": True, "message": UNAUTHORIZED})


def bearer_token(headers, cookies, *, kind: str = "access") -> str | None:
    auth = headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return cookies.get("access_token_cookie" if kind == "access" else "refresh_token_cookie")
