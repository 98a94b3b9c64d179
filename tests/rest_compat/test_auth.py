"""/auth/login, /auth/authenticated, /auth/refresh-token, /auth/logout, passwords: answers as Zou 1.0.97's."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import gazu
import jwt
import pytest
from auth_fixtures import BROWSER_UA, GAZU_UA, PASSWORD, bearer, login, make_person, set_columns, settings, token_of
from sqlalchemy import select

from domain import accounts, passwords
from domain.base import utcnow
from domain.tables import LoginLog, Person
from live import live_server

__all__ = ["settings"]  # the fixture, imported for this module

# The keys of `user` in Zou 1.0.97's login answer (captured from the reference server).
ZOU_LOGIN_USER_KEYS = {
    "active", "archived", "contract_type", "country", "created_at", "daily_salary", "data", "departments",
    "desktop_login", "display_date_format", "email", "email_otp_enabled", "expiration_date", "fido_enabled",
    "first_name", "full_name", "has_avatar", "id", "is_bot", "is_generated_from_ldap", "is_guest", "last_name",
    "last_presence", "ldap_uid", "locale", "notifications_discord_enabled", "notifications_discord_userid",
    "notifications_enabled", "notifications_mattermost_enabled", "notifications_mattermost_userid",
    "notifications_slack_enabled", "notifications_slack_userid", "phone", "position",
    "preferred_two_factor_authentication", "preview_open_until", "preview_opened_at", "preview_project_id", "role",
    "seniority", "shotgun_id", "studio_id", "timezone", "totp_enabled", "type", "updated_at", "use_12_hour_clock",
}
ZOU_ORGANISATION_KEYS = {
    "created_at", "dark_theme_by_default", "format_duration_in_hours", "has_avatar", "hd_by_default",
    "hours_by_day", "id", "name", "timesheets_locked", "type", "updated_at", "use_original_file_name",
}
CHAT_TOKENS = {"chat_token_discord", "chat_token_slack", "chat_webhook_mattermost"}
WRONG = {"login": False, "message": "Wrong email or password."}
UNAUTHORIZED = ("The server could not verify that you are authorized to access the URL requested. You either "
                "supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to "
                "supply the credentials required.")


async def test_login_answers_like_zou(client, db, settings):
    person = await make_person(db)
    r = await login(client)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"user", "organisation", "login", "access_token", "refresh_token"}
    assert body["login"] is True
    assert set(body["user"]) == ZOU_LOGIN_USER_KEYS
    assert body["user"]["id"] == str(person["id"]) and body["user"]["type"] == "Person"
    assert body["user"]["departments"] == [] and body["user"]["full_name"] == "Jane Doe"
    assert set(body["organisation"]) == ZOU_ORGANISATION_KEYS  # no chat tokens for a non-admin
    assert body["organisation"]["name"] == "Kitsu" and body["organisation"]["type"] == "Organisation"
    claims = jwt.decode(body["access_token"], settings.secret_key, algorithms=["HS256"])
    refresh = jwt.decode(body["refresh_token"], settings.secret_key, algorithms=["HS256"])
    assert claims["type"] == "access" and refresh["type"] == "refresh"
    assert claims["refresh_jti"] == refresh["jti"] and claims["identity_type"] == "person"
    assert claims["sub"] == str(person["id"]) and claims["exp"] - claims["iat"] == 7 * 86400
    assert refresh["exp"] - refresh["iat"] == 15 * 86400
    assert "set-cookie" not in r.headers


async def test_admin_sees_the_chat_tokens(client, db):
    await make_person(db, "boss@example.com", role="admin")
    r = await login(client, "boss@example.com")
    assert set(r.json()["organisation"]) == ZOU_ORGANISATION_KEYS | CHAT_TOKENS


async def test_login_by_email_any_case_or_desktop_login(client, db):
    await make_person(db, desktop_login="jdoe")
    assert (await login(client, "JANE@Example.com")).status_code == 200
    assert (await login(client, "jdoe")).status_code == 200


async def test_wrong_password_and_unknown_email_answer_the_same(client, db):
    await make_person(db)
    for email, password in [("jane@example.com", "nope"), ("nobody@example.com", PASSWORD)]:
        r = await login(client, email, password)
        assert (r.status_code, r.json()) == (400, WRONG)


async def test_an_empty_desktop_login_logs_nobody_in(client, db):
    await make_person(db)
    r = await client.post("/api/auth/login", json={"email": " ", "password": PASSWORD})
    assert (r.status_code, r.json()) == (400, WRONG)


async def test_inactive_account_is_401_only_with_the_right_password(client, db):
    await make_person(db, active=False)
    assert (await login(client, password="nope")).json() == WRONG
    r = await login(client)
    assert r.status_code == 401
    assert r.json() == {"error": True, "login": False, "unactive": True,
                        "message": "User is unactive, he cannot log in."}


async def test_account_without_password_cannot_log_in(client, db):
    await make_person(db, password=None)
    r = await login(client, password="")
    assert (r.status_code, r.json()) == (400, WRONG)


@pytest.mark.parametrize("payload, errors", [
    (None, [{"field": "email", "message": "Field required"}]),
    ({}, [{"field": "email", "message": "Field required"}]),
    ({"email": ""}, [{"field": "email", "message": "String should have at least 1 character"}]),
    ({"email": 123, "password": "x"}, [{"field": "email", "message": "Input should be a valid string"}]),
    ({"email": "a@b.c", "password": None}, [{"field": "password", "message": "Input should be a valid string"}]),
    ({"email": "a@b.c", "totp": 5}, [{"field": "totp", "message": "Input should be a valid string"}]),
    ([1, 2], [{"field": "", "message": "Input should be a valid dictionary or instance of LoginSchema"}]),
])
async def test_login_validation_errors(client, payload, errors):
    kw = {} if payload is None else {"json": payload}
    r = await client.post("/api/auth/login", **kw)
    assert r.status_code == 400
    assert r.json() == {"error": True, "message": "Validation error.", "data": {"errors": errors}}


async def test_login_from_form_or_query_values(client, db):
    await make_person(db)
    assert (await client.post("/api/auth/login", data={"email": "jane@example.com", "password": PASSWORD})
            ).status_code == 200
    assert (await client.post("/api/auth/login", params={"email": "jane@example.com", "password": PASSWORD})
            ).status_code == 200
    r = await client.post("/api/auth/login", content=b"{bad json", headers={"Content-Type": "application/json"})
    assert r.json()["data"]["errors"] == [{"field": "email", "message": "Field required"}]


async def test_default_password_hands_a_reset_token(client, db):
    await make_person(db, password="default")
    r = await client.post("/api/auth/login", json={"email": "jane@example.com"})  # password defaults to "default"
    assert r.status_code == 400
    body = r.json()
    assert set(body) == {"login", "default_password", "token"}
    assert body["login"] is False and body["default_password"] is True and len(body["token"]) == 64
    r = await client.put("/api/auth/reset-password", json={"email": "jane@example.com", "token": body["token"],
                                                           "password": "brand-new-1", "password2": "brand-new-1"})
    assert (r.status_code, r.json()) == (200, {"success": True})
    assert (await login(client, password="brand-new-1")).status_code == 200
    r = await client.put("/api/auth/reset-password", json={"email": "jane@example.com", "token": body["token"],
                                                           "password": "again-new-1", "password2": "again-new-1"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "Wrong or expired token."})


async def test_reset_password_request_never_tells(client, db):
    await make_person(db)
    for email in ("jane@example.com", "nobody@example.com"):
        r = await client.post("/api/auth/reset-password", json={"email": email})
        assert (r.status_code, r.json()) == (200, {"success": "Reset token sent"})
    r = await client.post("/api/auth/reset-password", json={})
    assert r.json()["data"]["errors"] == [{"field": "email", "message": "Field required"}]


async def test_login_log_says_web_or_script(client, db):
    person = await make_person(db)
    await login(client, ua=GAZU_UA)
    await login(client, ua=BROWSER_UA)
    await client.post("/api/auth/login", json={"email": "jane@example.com", "password": PASSWORD},
                      headers={"User-Agent": GAZU_UA, "X-Real-IP": "10.1.2.3"})
    rows = await db.rows(select(LoginLog.origin, LoginLog.ip_address).where(LoginLog.person_id == person["id"]))
    assert sorted(r["origin"] for r in rows) == ["script", "script", "web"]
    assert "10.1.2.3" in {r["ip_address"] for r in rows}


async def test_browsers_get_zou_cookies(client, db):
    await make_person(db)
    r = await login(client, ua=BROWSER_UA)
    body = r.json()
    cookies = r.headers.get_list("set-cookie")
    assert len(cookies) == 2
    access, refresh = cookies
    assert access.startswith(f"access_token_cookie={body['access_token']}; Expires=")
    assert access.endswith("; Max-Age=31540000; HttpOnly; Path=/; SameSite=Lax")
    assert refresh.startswith(f"refresh_token_cookie={body['refresh_token']}; Expires=")
    assert refresh.endswith("; Max-Age=31540000; HttpOnly; Path=/api/auth/refresh-token; SameSite=Lax")
    assert " GMT; " in access and "Secure" not in access


async def test_the_access_cookie_authenticates(client, db):
    await make_person(db)
    token = await token_of(client)
    r = await client.get("/api/auth/authenticated", headers={"Cookie": f"access_token_cookie={token}"})
    assert r.status_code == 200 and r.json()["authenticated"] is True


async def test_authenticated_answers_like_zou(client, db):
    person = await make_person(db)
    r = await client.get("/api/auth/authenticated", headers=bearer(await token_of(client)))
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"authenticated", "user", "organisation"}
    assert set(body["user"]) == ZOU_LOGIN_USER_KEYS | {"fido_devices"}
    assert body["user"]["id"] == str(person["id"]) and body["user"]["fido_devices"] == []
    assert set(body["organisation"]) == ZOU_ORGANISATION_KEYS


async def test_routes_need_a_token(client):
    for path in ("/api/auth/authenticated", "/api/auth/logout", "/api/auth/refresh-token"):
        r = await client.get(path)
        assert r.status_code == 401 and r.json()["msg"].startswith("Missing JWT in cookies or headers")


async def test_refresh_gives_a_new_access_token_paired_with_the_same_refresh(client, db, settings):
    await make_person(db)
    tokens = (await login(client)).json()
    r = await client.get("/api/auth/refresh-token", headers=bearer(tokens["refresh_token"]))
    assert r.status_code == 200 and set(r.json()) == {"access_token"}
    new = jwt.decode(r.json()["access_token"], settings.secret_key, algorithms=["HS256"])
    refresh = jwt.decode(tokens["refresh_token"], settings.secret_key, algorithms=["HS256"])
    assert new["type"] == "access" and new["refresh_jti"] == refresh["jti"]
    r = await client.get("/api/auth/authenticated", headers=bearer(r.json()["access_token"]))
    assert r.status_code == 200


async def test_refresh_refuses_an_access_token_and_vice_versa(client, db):
    await make_person(db)
    tokens = (await login(client)).json()
    r = await client.get("/api/auth/refresh-token", headers=bearer(tokens["access_token"]))
    assert (r.status_code, r.json()) == (422, {"msg": "Only refresh tokens are allowed"})
    r = await client.get("/api/auth/authenticated", headers=bearer(tokens["refresh_token"]))
    assert (r.status_code, r.json()) == (422, {"msg": "Only non-refresh tokens are allowed"})


async def test_browser_refresh_sets_the_access_cookie_and_clears_the_refresh_one(client, db):
    await make_person(db)
    tokens = (await login(client, ua=BROWSER_UA)).json()
    r = await client.get("/api/auth/refresh-token", headers=bearer(tokens["refresh_token"], BROWSER_UA))
    assert (r.status_code, r.json()) == (200, {"refresh": True})
    access, refresh = r.headers.get_list("set-cookie")
    assert access.startswith("access_token_cookie=ey") and access.endswith("; Path=/; SameSite=Lax")
    assert refresh == ("refresh_token_cookie=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; "
                       "Path=/api/auth/refresh-token; SameSite=Lax")


async def test_logout_revokes_both_tokens(client, db):
    await make_person(db)
    tokens = (await login(client)).json()
    r = await client.get("/api/auth/logout", headers=bearer(tokens["access_token"]))
    assert (r.status_code, r.json()) == (200, {"logout": True})
    assert "set-cookie" not in r.headers
    revoked = (401, {"msg": "Token has been revoked"})
    r = await client.get("/api/auth/authenticated", headers=bearer(tokens["access_token"]))
    assert (r.status_code, r.json()) == revoked
    r = await client.get("/api/auth/refresh-token", headers=bearer(tokens["refresh_token"]))
    assert (r.status_code, r.json()) == revoked
    r = await client.get("/api/auth/logout", headers=bearer(tokens["access_token"]))
    assert (r.status_code, r.json()) == revoked


async def test_browser_logout_clears_both_cookies(client, db):
    await make_person(db)
    tokens = (await login(client, ua=BROWSER_UA)).json()
    r = await client.get("/api/auth/logout", headers=bearer(tokens["access_token"], BROWSER_UA))
    assert r.headers.get_list("set-cookie") == [
        "access_token_cookie=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Path=/; SameSite=Lax",
        "refresh_token_cookie=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Path=/api/auth/refresh-token; "
        "SameSite=Lax",
    ]


async def test_a_deactivated_person_loses_their_tokens(client, db):
    person = await make_person(db)
    token = await token_of(client)
    await set_columns(db, person["id"], active=False)
    r = await client.get("/api/auth/authenticated", headers=bearer(token))
    assert (r.status_code, r.json()) == (401, {"error": True, "message": UNAUTHORIZED})


@pytest.mark.parametrize("body, message", [
    ({"old_password": "nope", "password": "long-enough-1", "password_2": "long-enough-1"}, "Old password is wrong."),
    ({"old_password": PASSWORD, "password": "short", "password_2": "short"}, "Password is too short."),
    ({"old_password": PASSWORD, "password": "short", "password_2": "other"}, "Password is too short."),
    ({"old_password": PASSWORD, "password": "long-enough-1", "password_2": "long-enough-2"},
     "Confirmation password doesn't match."),
])
async def test_change_password_refusals(client, db, body, message):
    await make_person(db)
    r = await client.post("/api/auth/change-password", json=body, headers=bearer(await token_of(client)))
    assert (r.status_code, r.json()) == (400, {"error": True, "message": message})


async def test_change_password(client, db):
    person = await make_person(db)
    token = await token_of(client)
    r = await client.post("/api/auth/change-password", headers=bearer(token),
                          json={"old_password": PASSWORD, "password": "long-enough-1", "password_2": "long-enough-1"})
    assert (r.status_code, r.json()) == (200, {"success": True})
    stored = (await db.scalars(select(Person.password).where(Person.id == person["id"])))[0]
    assert bytes(stored).startswith(b"$2b$04$") and passwords.check_sync(stored, "long-enough-1")
    assert (await login(client, password=PASSWORD)).status_code == 400
    assert (await login(client, password="long-enough-1")).status_code == 200


async def test_change_password_validation(client, db):
    await make_person(db)
    r = await client.post("/api/auth/change-password", json={}, headers=bearer(await token_of(client)))
    assert r.status_code == 400
    assert [e["field"] for e in r.json()["data"]["errors"]] == ["old_password", "password", "password_2"]



def _gazu_session(api_url: str) -> dict:
    """What the real gazu client sees of a login, a refresh and a logout (synchronous: run in a thread)."""
    client = gazu.client.create_client(api_url)
    seen: dict = {"host_is_up": gazu.client.host_is_up(client=client),
                  "host_is_valid": gazu.client.host_is_valid(client=client)}
    try:
        gazu.log_in("gazu@example.com", "wrong password", client=client)
    except gazu.exception.AuthFailedException as exc:
        seen["wrong_password"] = str(exc)
    tokens = gazu.log_in("GAZU@example.com", PASSWORD, client=client)
    seen["login_user"] = tokens["user"]["email"]
    seen["current_user"] = gazu.client.get_current_user(client=client)["email"]
    old_access = client.access_token
    gazu.refresh_access_token(client=client)
    seen["refreshed"] = client.access_token != old_access
    seen["after_refresh"] = gazu.client.get_current_user(client=client)["full_name"]
    current_access = client.access_token
    gazu.log_out(client=client)
    seen["tokens_after_logout"] = dict(client.tokens)
    revoked = gazu.client.create_client(api_url)
    revoked.tokens = {"access_token": current_access}
    try:
        gazu.client.get_current_user(client=revoked)
    except gazu.exception.NotAuthenticatedException:
        seen["old_token_after_logout"] = "refused"
    return seen


async def test_the_gazu_client_logs_in_refreshes_and_logs_out(empty_database_url, tmp_path):
    async def prepare(db):
        await accounts.create_person(db, email="gazu@example.com", password=PASSWORD, first_name="Gaz",
                                     last_name="Zu", rounds=4)

    async with live_server(tmp_path, prepare=prepare, database_url=empty_database_url) as server:
        seen = await asyncio.to_thread(_gazu_session, server.api_url)
    assert seen == {
        "host_is_up": True, "host_is_valid": True, "wrong_password": seen.get("wrong_password"),
        "login_user": "gazu@example.com", "current_user": "gazu@example.com", "refreshed": True,
        "after_refresh": "Gaz Zu", "tokens_after_logout": {}, "old_token_after_logout": "refused",
    }
    assert "Wrong email or password." in seen["wrong_password"]


LOCKED = {"error": True, "login": False, "too_many_failed_login_attemps": True,
          "message": "Too many failed login attempts, retry in a minute."}


async def _fail_five_times(client):
    for _ in range(5):
        r = await login(client, password="wrong")
        assert (r.status_code, r.json()) == (400, WRONG)


async def test_five_wrong_passwords_lock_the_account_for_a_minute(client, db):
    person = await make_person(db)
    await _fail_five_times(client)
    for password in (PASSWORD, "wrong"):  # the right password is refused too
        r = await login(client, password=password)
        assert (r.status_code, r.json()) == (400, LOCKED)
    await set_columns(db, person["id"], last_login_failed=utcnow() - timedelta(seconds=61))
    assert (await login(client)).status_code == 200
    row = (await db.rows(select(Person.login_failed_attemps).where(Person.id == person["id"])))[0]
    assert row["login_failed_attemps"] == 0


async def test_after_the_minute_one_wrong_password_does_not_lock_again(client, db):
    person = await make_person(db)
    await _fail_five_times(client)
    await set_columns(db, person["id"], last_login_failed=utcnow() - timedelta(seconds=61))
    r = await login(client, password="wrong")
    assert (r.status_code, r.json()) == (400, WRONG)
    assert (await login(client)).status_code == 200


async def test_lockout_applies_to_change_password(client, db):
    await make_person(db)
    token = await token_of(client)
    await _fail_five_times(client)
    r = await client.post("/api/auth/change-password", headers=bearer(token),
                          json={"old_password": PASSWORD, "password": "long-enough-1", "password_2": "long-enough-1"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "Too many failed login attempts.",
                                               "too_many_failed_login_attemps": True})


async def test_wrong_old_passwords_count_toward_the_lockout(client, db):
    await make_person(db)
    token = await token_of(client)
    for _ in range(5):
        r = await client.post("/api/auth/change-password", headers=bearer(token),
                              json={"old_password": "nope", "password": "long-enough-1", "password_2": "long-enough-1"})
        assert r.json()["message"] == "Old password is wrong."
    assert (await login(client)).json() == LOCKED


async def test_unknown_emails_never_lock(client, db):
    for _ in range(6):
        r = await login(client, "nobody@example.com", "wrong")
        assert (r.status_code, r.json()) == (400, WRONG)


# --- API tokens (bots, persons' scripts) -----------------------------------------------------------

async def _api_token(db, settings, person_id) -> str:
    from domain import api_tokens
    from resolvers.auth import token_config

    token = await api_tokens.issue(db, token_config(settings), person_id)
    await db.commit()
    return token


async def test_a_bot_token_never_expires_and_its_jti_is_on_the_person(client, db, settings):
    bot = await make_person(db, "bot@example.com", is_bot=True)
    token = await _api_token(db, settings, bot["id"])
    claims = jwt.decode(token, settings.secret_key, algorithms=["HS256"])
    assert claims["identity_type"] == "bot" and claims["type"] == "access" and "exp" not in claims
    assert (await db.scalars(select(Person.jti).where(Person.id == bot["id"])))[0] == claims["jti"]
    r = await client.get("/api/auth/authenticated", headers=bearer(token))
    assert r.status_code == 200 and r.json()["user"]["is_bot"] is True


async def test_bots_are_refused_on_person_routes(client, db, settings):
    bot = await make_person(db, "bot@example.com", is_bot=True)
    headers = bearer(await _api_token(db, settings, bot["id"]))
    forbidden = {"error": True, "message": ("You don't have the permission to access the requested resource. "
                                            "It is either read-protected or not readable by the server.")}
    for method, path in [("GET", "/api/auth/logout"), ("PUT", "/api/auth/totp"), ("POST", "/api/auth/totp"),
                         ("PUT", "/api/auth/email-otp"), ("DELETE", "/api/auth/email-otp"),
                         ("PUT", "/api/auth/recovery-codes"), ("POST", "/api/auth/change-password")]:
        r = await client.request(method, path, headers=headers, json={})
        assert (method, path, r.status_code, r.json()) == (method, path, 403, forbidden)
    r = await client.get("/api/auth/refresh-token", headers=headers)
    assert (r.status_code, r.json()) == (422, {"msg": "Only refresh tokens are allowed"})


async def test_a_bot_cannot_log_in_with_a_password(client, db):
    await make_person(db, "bot@example.com", is_bot=True)
    r = await login(client, "bot@example.com")
    assert (r.status_code, r.json()) == (400, WRONG)


async def test_a_new_api_token_revokes_the_previous_one(client, db, settings):
    bot = await make_person(db, "bot@example.com", is_bot=True)
    old = await _api_token(db, settings, bot["id"])
    new = await _api_token(db, settings, bot["id"])
    r = await client.get("/api/auth/authenticated", headers=bearer(old))
    assert (r.status_code, r.json()) == (401, {"msg": "Token has been revoked"})
    assert (await client.get("/api/auth/authenticated", headers=bearer(new))).status_code == 200


async def test_a_person_api_token_expires_with_the_expiration_date(client, db, settings):
    person = await make_person(db, expiration_date=(utcnow() + timedelta(days=3)).date())
    token = await _api_token(db, settings, person["id"])
    claims = jwt.decode(token, settings.secret_key, algorithms=["HS256"])
    assert claims["identity_type"] == "person_api"
    assert 2 * 86400 < claims["exp"] - claims["iat"] <= 4 * 86400
    r = await client.get("/api/auth/logout", headers=bearer(token))  # not a login session
    assert r.status_code == 403


async def test_issuing_an_api_token_needs_admin_or_self(db, settings):
    from domain import errors
    from resolvers import accounts as account_resolvers
    from resolvers.context import Context, CurrentUser

    jane = await make_person(db)
    other = await make_person(db, "other@example.com")
    ctx = Context(db=db, settings=settings,
                  user=CurrentUser(id=jane["id"], role="user", is_bot=False, identity_type="person", person=jane))
    assert await account_resolvers.issue_api_token(ctx, jane["id"])
    with pytest.raises(errors.PermissionDenied):
        await account_resolvers.issue_api_token(ctx, other["id"])
