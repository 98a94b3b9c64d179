"""TRACKQL_ENFORCE_2FA (Zou's ENFORCE_2FA, 2FA_EXEMPT_USERS): a person without 2FA logs in with tokens that
reach only the 2FA setup routes (Zou's 403 answer elsewhere) until a method is enabled."""
from __future__ import annotations

import jwt
import pyotp
import pytest
from auth_fixtures import PASSWORD, bearer, login, make_person

from gateway.settings import Settings, load_settings

SETUP_REQUIRED = {"error": True, "two_factor_authentication_required": True,
                  "message": "Two-factor authentication setup is required. Please configure 2FA before accessing "
                             "the API."}


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret-" + "x" * 32,
                    preview_folder=tmp_path / "previews", bcrypt_rounds=4, enforce_2fa=True,
                    two_fa_exempt_users=frozenset({"exempt@example.com"}))


def test_the_settings_read_zou_style_variables():
    s = load_settings({"TRACKQL_SECRET_KEY": "k", "TRACKQL_ENFORCE_2FA": "True",
                       "TRACKQL_2FA_EXEMPT_USERS": "a@example.com, b@example.com"})
    assert s.enforce_2fa and s.two_fa_exempt_users == {"a@example.com", "b@example.com"}
    assert not load_settings({"TRACKQL_SECRET_KEY": "k"}).enforce_2fa


async def test_a_person_without_2fa_gets_restricted_tokens(client, db, settings):
    await make_person(db)
    r = await login(client)
    assert r.status_code == 200
    body = r.json()
    assert body["two_factor_authentication_required"] is True and body["login"] is True
    claims = jwt.decode(body["access_token"], settings.secret_key, algorithms=["HS256"])
    refresh = jwt.decode(body["refresh_token"], settings.secret_key, algorithms=["HS256"])
    assert claims["requires_2fa_setup"] is True and refresh["requires_2fa_setup"] is True
    token = body["access_token"]
    for path in ("/api/data/projects", "/api/data/user/context", "/api/data/persons"):
        r = await client.get(path, headers=bearer(token))
        assert (r.status_code, r.json()) == (403, SETUP_REQUIRED), path
    assert (await client.get("/api/auth/authenticated", headers=bearer(token))).status_code == 200
    r = await client.get("/api/auth/refresh-token", headers=bearer(body["refresh_token"]))
    assert jwt.decode(r.json()["access_token"], settings.secret_key, algorithms=["HS256"])["requires_2fa_setup"]
    gql = await client.post("/graphql", json={"query": "{ projects { nodes { id } } }"}, headers=bearer(token))
    assert gql.status_code == 403 and gql.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # the setup routes work; enabling TOTP hands out unrestricted tokens
    r = await client.put("/api/auth/totp", headers=bearer(token))
    assert r.status_code == 200
    r = await client.post("/api/auth/totp", headers=bearer(token),
                          json={"totp": pyotp.TOTP(r.json()["otp_secret"]).now()})
    assert r.status_code == 200
    fresh = r.json()["access_token"]
    assert "requires_2fa_setup" not in jwt.decode(fresh, settings.secret_key, algorithms=["HS256"])
    assert (await client.get("/api/data/projects", headers=bearer(fresh))).status_code == 200


async def test_persons_with_2fa_and_exempt_persons_are_not_restricted(client, db):
    await make_person(db, "exempt@example.com")
    r = await login(client, "exempt@example.com")
    assert "two_factor_authentication_required" not in r.json()
    assert (await client.get("/api/data/projects", headers=bearer(r.json()["access_token"]))).status_code == 200


async def test_graphql_login_says_the_setup_is_required(client, db):
    await make_person(db)
    query = ('mutation($p: String!) { login(email: "jane@example.com", password: $p) '
             '{ login accessToken twoFactorSetupRequired } }')
    r = await client.post("/graphql", json={"query": query, "variables": {"p": PASSWORD}})
    out = r.json()["data"]["login"]
    assert out["login"] is True and out["twoFactorSetupRequired"] is True
    r = await client.post("/graphql", json={"query": "mutation { preEnableTotp { secret } }"},
                          headers=bearer(out["accessToken"]))
    assert r.status_code == 200 and r.json()["data"]["preEnableTotp"]["secret"]
