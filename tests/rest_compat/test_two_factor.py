"""Two-factor authentication through REST (spec auth.md §4): TOTP, codes by email (read from a real SMTP
sink), recovery codes, the admin reset; bodies as Zou 1.0.97's."""
from __future__ import annotations

import email
import re
import threading
import time
from dataclasses import dataclass, field, replace

import pyotp
import pytest
from aiosmtpd.controller import Controller
from auth_fixtures import BROWSER_UA, PASSWORD, bearer, login, make_person, set_columns, token_of
from sqlalchemy import select

from domain import passwords
from domain.tables import Person
from gateway.settings import Settings
from live import free_port
from soft_authenticator import SoftAuthenticator

MISSING = {"error": True, "login": False, "missing_OTP": True,
           "message": "A two-factor authentication code is required."}
WRONG_OTP = {"error": True, "login": False, "wrong_OTP": True, "message": "Wrong two-factor authentication code."}
OTP_FAILED = {"error": True, "message": "OTP verification failed.", "wrong_OTP": True}
CODE = re.compile(r"^[A-Z0-9]{10}$")


@dataclass
class Sink:
    """Messages received by the SMTP server the app sends to."""

    port: int
    messages: list[email.message.Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 5.0) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} messages, got {len(self.messages)}")

    def last_code(self, to: str) -> str:
        for msg in reversed(self.wait_for(1)):
            if msg["To"] == to:
                match = re.search(r"\b(\d{6})\b", body_text(msg))
                if match:
                    return match.group(1)
        raise AssertionError(f"no code mailed to {to}")


def body_text(msg: email.message.Message) -> str:
    part = msg.get_body(("plain",)) if hasattr(msg, "get_body") else msg
    return (part or msg).get_payload(decode=True).decode()


@pytest.fixture
def smtp_sink():
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def settings(database_url, tmp_path, smtp_sink) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret-" + "x" * 32,
                    preview_folder=tmp_path / "previews", bcrypt_rounds=4,
                    smtp={"host": "127.0.0.1", "port": str(smtp_sink.port), "sender": "kitsu@example.com"})


async def enable_totp(client, token: str) -> tuple[str, dict]:
    r = await client.put("/api/auth/totp", headers=bearer(token))
    assert r.status_code == 200, r.text
    secret = r.json()["otp_secret"]
    r = await client.post("/api/auth/totp", headers=bearer(token), json={"totp": pyotp.TOTP(secret).now()})
    assert r.status_code == 200, r.text
    return secret, r.json()


async def enable_email_otp(client, token: str, sink: Sink, to: str = "jane@example.com") -> dict:
    before = len(sink.messages)
    r = await client.put("/api/auth/email-otp", headers=bearer(token))
    assert (r.status_code, r.json()) == (200, {"success": True})
    sink.wait_for(before + 1)
    r = await client.post("/api/auth/email-otp", headers=bearer(token), json={"email_otp": sink.last_code(to)})
    assert r.status_code == 200, r.text
    return r.json()


async def stored(db, person_id) -> dict:
    return dict((await db.rows(select(Person.__table__).where(Person.id == person_id)))[0])


# --- TOTP ------------------------------------------------------------------------------------------

async def test_totp_login_end_to_end(client, db):
    await make_person(db)
    token = await token_of(client)
    secret, enabled = await enable_totp(client, token)
    codes = enabled["otp_recovery_codes"]
    assert set(enabled) == {"otp_recovery_codes", "access_token", "refresh_token"}
    assert len(codes) == 16 and all(CODE.match(c) for c in codes) and len(set(codes)) == 16
    assert (await client.get("/api/auth/logout", headers=bearer(enabled["access_token"]))).status_code == 200

    r = await login(client)
    assert (r.status_code, r.json()) == (400, {**MISSING, "preferred_two_factor_authentication": "totp",
                                               "two_factor_authentication_enabled": ["recovery_code", "totp"]})
    r = await login(client, totp="000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert (r.status_code, r.json()) == (400, WRONG_OTP)
    r = await login(client, totp=pyotp.TOTP(secret).now())
    assert r.status_code == 200 and r.json()["user"]["totp_enabled"] is True
    r = await login(client, recovery_code=codes[3])
    assert r.status_code == 200
    r = await login(client, recovery_code=codes[3])  # single use
    assert (r.status_code, r.json()) == (400, WRONG_OTP)
    assert (await login(client, recovery_code=codes[4])).status_code == 200


async def test_totp_setup_answers(client, db):
    person = await make_person(db)
    token = await token_of(client)
    r = await client.put("/api/auth/totp", headers=bearer(token))
    body = r.json()
    assert set(body) == {"totp_provisionning_uri", "otp_secret"}
    assert re.fullmatch(r"[A-Z2-7]{32}", body["otp_secret"])
    assert body["totp_provisionning_uri"] == (f"otpauth://totp/Kitsu%20Kitsu:jane%40example.com?"
                                              f"secret={body['otp_secret']}&issuer=Kitsu%20Kitsu")
    assert (await stored(db, person["id"]))["totp_enabled"] is False  # not before it is confirmed
    again = (await client.put("/api/auth/totp", headers=bearer(token))).json()["otp_secret"]
    assert again != body["otp_secret"]
    r = await client.post("/api/auth/totp", headers=bearer(token), json={"totp": pyotp.TOTP(body["otp_secret"]).now()})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "TOTP verification failed.",
                                               "wrong_OTP": True})
    r = await client.post("/api/auth/totp", headers=bearer(token), json={})
    assert r.json() == {"error": True, "message": "Validation error.",
                        "data": {"errors": [{"field": "totp", "message": "Field required"}]}}
    r = await client.post("/api/auth/totp", headers=bearer(token), json={"totp": pyotp.TOTP(again).now()})
    assert r.status_code == 200
    for method in ("put", "post"):
        r = await getattr(client, method)("/api/auth/totp", headers=bearer(token), json={"totp": "123456"})
        assert (r.status_code, r.json()) == (400, {"error": True, "message": "TOTP already enabled."})


async def test_totp_without_setup_is_a_400_not_a_500(client, db):
    await make_person(db)
    r = await client.post("/api/auth/totp", headers=bearer(await token_of(client)), json={"totp": "123456"})
    assert r.status_code == 400 and r.json()["wrong_OTP"] is True


async def test_enabling_returns_working_tokens_and_browser_cookies(client, db):
    await make_person(db)
    token = await token_of(client)
    r = await client.put("/api/auth/totp", headers=bearer(token, BROWSER_UA))
    secret = r.json()["otp_secret"]
    r = await client.post("/api/auth/totp", headers=bearer(token, BROWSER_UA), json={"totp": pyotp.TOTP(secret).now()})
    cookies = r.headers.get_list("set-cookie")
    assert cookies[0].startswith(f"access_token_cookie={r.json()['access_token']};")
    assert cookies[1].startswith(f"refresh_token_cookie={r.json()['refresh_token']};")
    assert (await client.get("/api/auth/authenticated", headers=bearer(r.json()["access_token"]))).status_code == 200


async def test_recovery_codes_are_stored_hashed(client, db):
    person = await make_person(db)
    _, enabled = await enable_totp(client, await token_of(client))
    hashes = (await stored(db, person["id"]))["otp_recovery_codes"]
    assert len(hashes) == 16
    assert all(bytes(h).startswith(b"$2b$") for h in hashes)
    assert all(passwords.check_sync(h, c) for h, c in zip(hashes, enabled["otp_recovery_codes"]))
    assert not {c.encode() for c in enabled["otp_recovery_codes"]} & {bytes(h) for h in hashes}


async def test_disable_totp(client, db):
    person = await make_person(db)
    token = await token_of(client)
    r = await client.delete("/api/auth/totp", headers=bearer(token))
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "TOTP not enabled."})
    secret, _ = await enable_totp(client, token)
    r = await client.request("DELETE", "/api/auth/totp", headers=bearer(token), json={})
    assert (r.status_code, r.json()) == (400, OTP_FAILED)
    r = await client.request("DELETE", "/api/auth/totp", headers=bearer(token), json={"totp": "12"})
    assert (r.status_code, r.json()) == (400, OTP_FAILED)
    r = await client.request("DELETE", "/api/auth/totp", headers=bearer(token), json={"totp": pyotp.TOTP(secret).now()})
    assert (r.status_code, r.json()) == (200, {"success": True})
    row = await stored(db, person["id"])
    assert (row["totp_enabled"], row["totp_secret"], row["otp_recovery_codes"],
            row["preferred_two_factor_authentication"]) == (False, None, None, None)
    assert (await login(client)).status_code == 200


async def test_a_wrong_totp_is_not_saved_by_a_right_email_code(client, db, smtp_sink):
    await make_person(db)
    token = await token_of(client)
    secret, _ = await enable_totp(client, token)
    await enable_email_otp(client, token, smtp_sink)
    await client.get("/api/auth/email-otp", params={"email": "jane@example.com"})
    code = smtp_sink.last_code("jane@example.com")
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    r = await login(client, totp=wrong, email_otp=code)
    assert (r.status_code, r.json()) == (400, WRONG_OTP)  # only TOTP is looked at
    assert (await login(client, email_otp=code)).status_code == 200


# --- codes by email --------------------------------------------------------------------------------

async def test_email_code_login_end_to_end(client, db, smtp_sink):
    await make_person(db)
    token = await token_of(client)
    enabled = await enable_email_otp(client, token, smtp_sink)
    codes = enabled["otp_recovery_codes"]
    assert len(codes) == 16
    await client.get("/api/auth/logout", headers=bearer(enabled["access_token"]))

    r = await login(client)
    assert (r.status_code, r.json()) == (400, {**MISSING, "preferred_two_factor_authentication": "email_otp",
                                               "two_factor_authentication_enabled": ["recovery_code", "email_otp"]})
    sent = len(smtp_sink.messages)
    r = await client.get("/api/auth/email-otp", params={"email": "JANE@example.com"})
    assert (r.status_code, r.json()) == (200, {"success": True})
    smtp_sink.wait_for(sent + 1)
    code = smtp_sink.last_code("jane@example.com")
    r = await login(client, email_otp="000000" if code != "000000" else "111111")
    assert (r.status_code, r.json()) == (400, WRONG_OTP)
    assert (await login(client, email_otp=code)).status_code == 200
    r = await login(client, email_otp=code)  # single use
    assert (r.status_code, r.json()) == (400, WRONG_OTP)
    assert (await login(client, recovery_code=codes[0])).status_code == 200
    assert (await login(client, recovery_code=codes[0])).json() == WRONG_OTP


async def test_the_mail_says_who_it_is_for(client, db, smtp_sink):
    await make_person(db)
    token = await token_of(client)
    await client.put("/api/auth/email-otp", headers=bearer(token))
    msg = smtp_sink.wait_for(1)[-1]
    assert msg["To"] == "jane@example.com" and msg["From"] == "kitsu@example.com"
    assert "Jane" in body_text(msg) and "Kitsu" in msg["Subject"]


async def test_email_code_request_answers_the_same_whatever_the_account(client, db, smtp_sink):
    await make_person(db)
    await make_person(db, "off@example.com", active=False)
    for email_ in ("jane@example.com", "off@example.com", "nobody@example.com", ""):
        r = await client.get("/api/auth/email-otp", params={"email": email_})
        assert (r.status_code, r.json()) == (200, {"success": True})
    r = await client.get("/api/auth/email-otp")
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "Missing required parameter: email",
                                               "data": None})
    time.sleep(0.2)
    assert smtp_sink.messages == []  # nobody has email codes enabled


async def test_email_otp_setup_answers(client, db, smtp_sink):
    await make_person(db)
    token = await token_of(client)
    r = await client.post("/api/auth/email-otp", headers=bearer(token), json={"email_otp": "123456"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "OTP by email verification failed.",
                                               "wrong_OTP": True})
    r = await client.post("/api/auth/email-otp", headers=bearer(token), json={})
    assert r.json()["data"] == {"errors": [{"field": "email_otp", "message": "Field required"}]}
    await enable_email_otp(client, token, smtp_sink)
    for method in ("put", "post"):
        r = await getattr(client, method)("/api/auth/email-otp", headers=bearer(token), json={"email_otp": "1"})
        assert (r.status_code, r.json()) == (400, {"error": True, "message": "OTP by email already enabled."})


async def test_disable_email_otp_rules(client, db, smtp_sink):
    person = await make_person(db)
    token = await token_of(client)
    not_enabled = (400, {"error": True, "message": "OTP by email not enabled."})
    r = await client.request("DELETE", "/api/auth/email-otp", headers=bearer(token), json={})
    assert (r.status_code, r.json()) == not_enabled
    secret, _ = await enable_totp(client, token)
    r = await client.request("DELETE", "/api/auth/email-otp", headers=bearer(token), json={})
    assert (r.status_code, r.json()) == (400, OTP_FAILED)
    r = await client.request("DELETE", "/api/auth/email-otp", headers=bearer(token),
                             json={"totp": pyotp.TOTP(secret).now()})
    assert (r.status_code, r.json()) == not_enabled  # a valid TOTP, but email codes are off
    await enable_email_otp(client, token, smtp_sink)
    r = await client.request("DELETE", "/api/auth/email-otp", headers=bearer(token),
                             json={"totp": pyotp.TOTP(secret).now()})
    assert (r.status_code, r.json()) == (200, {"success": True})
    row = await stored(db, person["id"])
    assert (row["email_otp_enabled"], row["email_otp_secret"], row["totp_enabled"]) == (False, None, True)
    assert len(row["otp_recovery_codes"]) == 16  # TOTP is still on


async def test_preferred_method_and_recovery_codes_follow_the_methods(client, db, smtp_sink):
    person = await make_person(db)
    token = await token_of(client)
    secret, first = await enable_totp(client, token)
    second = await enable_email_otp(client, token, smtp_sink)
    assert len(first["otp_recovery_codes"]) == 16 and second["otp_recovery_codes"] is None
    r = await login(client)
    assert r.json()["preferred_two_factor_authentication"] == "totp"
    assert r.json()["two_factor_authentication_enabled"] == ["recovery_code", "totp", "email_otp"]
    await client.request("DELETE", "/api/auth/totp", headers=bearer(token), json={"totp": pyotp.TOTP(secret).now()})
    row = await stored(db, person["id"])
    assert row["preferred_two_factor_authentication"] == "email_otp" and len(row["otp_recovery_codes"]) == 16
    assert (await login(client, recovery_code=first["otp_recovery_codes"][0])).status_code == 200


async def test_regenerate_recovery_codes(client, db):
    await make_person(db)
    token = await token_of(client)
    r = await client.put("/api/auth/recovery-codes", headers=bearer(token), json={})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "No two factor authentication enabled."})
    secret, enabled = await enable_totp(client, token)
    r = await client.put("/api/auth/recovery-codes", headers=bearer(token), json={"totp": "12"})
    assert (r.status_code, r.json()) == (400, OTP_FAILED)
    r = await client.put("/api/auth/recovery-codes", headers=bearer(token), json={"totp": pyotp.TOTP(secret).now()})
    assert r.status_code == 200 and set(r.json()) == {"otp_recovery_codes"}
    fresh = r.json()["otp_recovery_codes"]
    assert len(fresh) == 16 and all(CODE.match(c) for c in fresh)
    assert (await login(client, recovery_code=enabled["otp_recovery_codes"][0])).json() == WRONG_OTP
    assert (await login(client, recovery_code=fresh[0])).status_code == 200


async def test_a_recovery_code_can_regenerate_the_codes(client, db):
    await make_person(db)
    token = await token_of(client)
    _, enabled = await enable_totp(client, token)
    code = enabled["otp_recovery_codes"][5]
    r = await client.put("/api/auth/recovery-codes", headers=bearer(token), json={"recovery_code": code})
    assert r.status_code == 200


async def test_wrong_codes_count_toward_the_lockout_missing_ones_do_not(client, db):
    person = await make_person(db)
    await enable_totp(client, await token_of(client))
    for _ in range(6):
        assert (await login(client)).json()["missing_OTP"] is True
    assert (await stored(db, person["id"]))["login_failed_attemps"] == 0
    for _ in range(5):
        assert (await login(client, totp="12")).json() == WRONG_OTP
    assert (await login(client, totp="12")).json()["too_many_failed_login_attemps"] is True


# --- the admin reset -------------------------------------------------------------------------------

async def test_admin_disables_the_two_factor_of_a_person(client, db, smtp_sink):
    person = await make_person(db)
    await make_person(db, "boss@example.com", role="admin")
    await enable_totp(client, await token_of(client))
    admin = await token_of(client, "boss@example.com")
    path = f"/api/actions/persons/{person['id']}/disable-two-factor-authentication"
    r = await client.delete(path, headers=bearer(admin))
    assert (r.status_code, r.json()) == (200, {"success": True})
    row = await stored(db, person["id"])
    assert not any(row[k] for k in ("totp_enabled", "totp_secret", "email_otp_enabled", "email_otp_secret",
                                    "fido_enabled", "fido_credentials", "otp_recovery_codes",
                                    "preferred_two_factor_authentication"))
    assert (await login(client)).status_code == 200
    assert smtp_sink.wait_for(1)[-1]["To"] == "jane@example.com"
    r = await client.delete(path, headers=bearer(admin))
    assert (r.status_code, r.json()) == (400, {"error": True,
                                               "message": "Two factor authentication not enabled for this user."})


async def test_admin_reset_checks_in_zou_order(client, db):
    import uuid

    person = await make_person(db)
    other_admin = await make_person(db, "other@example.com", role="admin")
    boss = await make_person(db, "boss@example.com", role="admin")
    bot = await make_person(db, "bot@example.com", is_bot=True)
    user_token = await token_of(client)
    admin = await token_of(client, "boss@example.com")

    def path(pid):
        return f"/api/actions/persons/{pid}/disable-two-factor-authentication"

    assert (await client.delete(path(uuid.uuid4()), headers=bearer(admin))).status_code == 404
    assert (await client.delete(path("not-a-uuid"), headers=bearer(admin))).status_code == 404
    assert (await client.delete(path(bot["id"]), headers=bearer(admin))).status_code == 403
    assert (await client.delete(path(person["id"]), headers=bearer(user_token))).status_code == 403
    r = await client.delete(path(other_admin["id"]), headers=bearer(admin))
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "An admin can't disable 2FA for other admins."})
    r = await client.delete(path(boss["id"]), headers=bearer(admin))  # their own: allowed, nothing to disable
    assert r.json()["message"] == "Two factor authentication not enabled for this user."
    assert (await client.delete(path(person["id"]))).status_code == 401
    await set_columns(db, person["id"], totp_enabled=True, totp_secret=pyotp.random_base32())
    assert (await client.delete(path(person["id"]), headers=bearer(admin))).status_code == 200


# --- secrets stay secret ---------------------------------------------------------------------------

async def test_secrets_never_reach_logs_or_other_answers(client, db, smtp_sink, caplog):
    """Every log record (any logger, DEBUG and up, as an operator turning logs up would see them) and every
    answer of the 2FA flows are searched for the password, the TOTP secret, the recovery codes and the
    mailed codes; only the answers that hand a secret to its owner may carry it."""
    import logging

    caplog.set_level(logging.DEBUG)
    person = await make_person(db)
    answers: list[tuple[str, str]] = []  # (what, body)

    async def call(what, method, path, **kw):
        r = await client.request(method, path, **kw)
        answers.append((what, r.text))
        return r

    r = await call("login", "POST", "/api/auth/login", json={"email": "jane@example.com", "password": PASSWORD})
    token = r.json()["access_token"]
    r = await call("totp setup (owner)", "PUT", "/api/auth/totp", headers=bearer(token))
    secret = r.json()["otp_secret"]
    r = await call("totp enable (owner)", "POST", "/api/auth/totp", headers=bearer(token),
                   json={"totp": pyotp.TOTP(secret).now()})
    codes = r.json()["otp_recovery_codes"]
    await call("email setup", "PUT", "/api/auth/email-otp", headers=bearer(token))
    setup_code = smtp_sink.last_code("jane@example.com")
    await call("email enable", "POST", "/api/auth/email-otp", headers=bearer(token), json={"email_otp": setup_code})
    await call("login without code", "POST", "/api/auth/login", json={"email": "jane@example.com", "password": PASSWORD})
    await call("login wrong password", "POST", "/api/auth/login", json={"email": "jane@example.com", "password": "x" + PASSWORD})
    await call("login with totp", "POST", "/api/auth/login",
               json={"email": "jane@example.com", "password": PASSWORD, "totp": pyotp.TOTP(secret).now()})
    await call("login with recovery code", "POST", "/api/auth/login",
               json={"email": "jane@example.com", "password": PASSWORD, "recovery_code": codes[0]})
    await call("code request", "GET", "/api/auth/email-otp", params={"email": "jane@example.com"})
    login_code = smtp_sink.last_code("jane@example.com")
    await call("login with email code", "POST", "/api/auth/login",
               json={"email": "jane@example.com", "password": PASSWORD, "email_otp": login_code})
    await call("login with used email code", "POST", "/api/auth/login",
               json={"email": "jane@example.com", "password": PASSWORD, "email_otp": login_code})
    await call("authenticated", "GET", "/api/auth/authenticated", headers=bearer(token))
    r = await call("recovery codes (owner)", "PUT", "/api/auth/recovery-codes", headers=bearer(token),
                   json={"totp": pyotp.TOTP(secret).now()})
    fresh = r.json()["otp_recovery_codes"]
    await call("disable email", "DELETE", "/api/auth/email-otp", headers=bearer(token),
               json={"recovery_code": fresh[0]})
    await call("change password", "POST", "/api/auth/change-password", headers=bearer(token),
               json={"old_password": PASSWORD, "password": "new-" + PASSWORD, "password_2": "new-" + PASSWORD})

    row = await stored(db, person["id"])
    hashes = [bytes(h).decode() for h in row["otp_recovery_codes"]] + [bytes(row["password"]).decode()]
    secrets = {"password": [PASSWORD, "new-" + PASSWORD], "totp secret": [secret], "recovery codes": codes + fresh,
               "email codes": [setup_code, login_code], "hashes": hashes}
    may_carry = {"totp setup (owner)": {"totp secret"}, "totp enable (owner)": {"recovery codes"},
                 "recovery codes (owner)": {"recovery codes"}}
    assert len(caplog.records) > 5  # the flows did log
    # "mail.log" is the test's SMTP server (aiosmtpd) logging what it received: the recipient's side.
    records = [rec for rec in caplog.records if not rec.name.startswith("mail.log")]
    leaks = [(kind, rec.name) for kind, values in secrets.items() for value in values for rec in records
             if value in f"{rec.getMessage()} {rec.exc_text or ''}"]
    assert sorted(set(leaks)) == []
    for what, body in answers:
        carried = [kind for kind, values in secrets.items() for value in values if value in body]
        assert set(carried) <= may_carry.get(what, set()), (what, carried)


# --- FIDO ------------------------------------------------------------------------------------------

async def register_device(client, token: str, device: SoftAuthenticator, name: str = "yubikey") -> dict:
    r = await client.put("/api/auth/fido", headers=bearer(token))
    assert r.status_code == 200, r.text
    r = await client.post("/api/auth/fido", headers=bearer(token),
                          json={"registration_response": device.register(r.json()), "device_name": name})
    assert r.status_code == 200, r.text
    return r.json()


async def fido_assertion(client, device: SoftAuthenticator, email_: str = "jane@example.com") -> dict:
    r = await client.get("/api/auth/fido", params={"email": email_})
    assert r.status_code == 200, r.text
    return device.assert_(r.json())


async def test_fido_registration_options_look_like_zou(client, db):
    await make_person(db)
    r = await client.put("/api/auth/fido", headers=bearer(await token_of(client)))
    options = r.json()
    assert {"rp", "user", "challenge", "pubKeyCredParams", "excludeCredentials",
            "authenticatorSelection"} <= set(options)
    assert options["rp"] == {"name": "Kitsu", "id": "localhost"}
    assert options["user"]["name"] == "jane@example.com" and options["user"]["displayName"] == "Jane Doe"
    assert options["authenticatorSelection"]["authenticatorAttachment"] == "cross-platform"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert {p["alg"] for p in options["pubKeyCredParams"]} == {-7, -36}


async def test_fido_login_end_to_end(client, db):
    person = await make_person(db)
    token = await token_of(client)
    device = SoftAuthenticator()
    enabled = await register_device(client, token, device)
    assert len(enabled["otp_recovery_codes"]) == 16 and enabled["access_token"]
    row = await stored(db, person["id"])
    assert row["fido_enabled"] is True and row["preferred_two_factor_authentication"] == "fido"
    credential = row["fido_credentials"][0]
    assert set(credential) >= {"device_name", "aaguid", "credential_id", "public_key"}  # Zou's keys
    assert set(credential["public_key"]) == {"1", "3", "-1", "-2", "-3"}
    assert isinstance(credential["credential_id"], int) and isinstance(credential["public_key"]["-2"], int)
    r = await client.get("/api/auth/authenticated", headers=bearer(token))
    assert r.json()["user"]["fido_devices"] == ["yubikey"]

    r = await login(client)
    assert r.json()["preferred_two_factor_authentication"] == "fido"
    assert r.json()["two_factor_authentication_enabled"] == ["recovery_code", "fido"]
    assertion = await fido_assertion(client, device)
    r = await login(client, fido_authentication_response=assertion)
    assert r.status_code == 200, r.text
    r = await login(client, fido_authentication_response=assertion)  # the challenge was spent
    assert (r.status_code, r.json()) == (400, WRONG_OTP)
    other = SoftAuthenticator()
    r = await login(client, fido_authentication_response=other.assert_(
        (await client.get("/api/auth/fido", params={"email": "jane@example.com"})).json()))
    assert (r.status_code, r.json()) == (400, WRONG_OTP)


async def test_fido_challenge_refusals(client, db):
    await make_person(db)
    refused = (400, {"error": True, "message": "FIDO not enabled."})
    for email_ in ("jane@example.com", "nobody@example.com"):
        r = await client.get("/api/auth/fido", params={"email": email_})
        assert (r.status_code, r.json()) == refused
    r = await client.get("/api/auth/fido")
    assert r.json() == {"error": True, "message": "Missing required parameter: email", "data": None}


async def test_fido_registration_refusals(client, db):
    await make_person(db)
    token = await token_of(client)
    r = await client.post("/api/auth/fido", headers=bearer(token),
                          json={"registration_response": {}, "device_name": "x"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "No preregistration before."})
    r = await client.post("/api/auth/fido", headers=bearer(token), json={})
    assert [e["field"] for e in r.json()["data"]["errors"]] == ["registration_response", "device_name"]
    await client.put("/api/auth/fido", headers=bearer(token))
    r = await client.post("/api/auth/fido", headers=bearer(token),
                          json={"registration_response": {"id": "x", "response": {}}, "device_name": "x"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": (
        "FIDO server exception your registration response is probly wrong.")})
    r = await client.request("DELETE", "/api/auth/fido", headers=bearer(token), json={"device_name": "x"})
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "FIDO not enabled."})


async def test_outside_dev_the_origin_must_be_the_domain(db, settings, engine, session_factory):
    import httpx

    from gateway.app import create_app

    studio = replace(settings, domain_name="kitsu.studio.example", domain_protocol="https")
    app = create_app(studio, engine=engine, session_factory=session_factory)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver") as c:
        await make_person(db)
        token = await token_of(c)
        options = (await c.put("/api/auth/fido", headers=bearer(token))).json()
        assert options["rp"]["id"] == "kitsu.studio.example"
        evil = SoftAuthenticator(origin="https://evil.example")
        r = await c.post("/api/auth/fido", headers=bearer(token),
                         json={"registration_response": evil.register(options), "device_name": "k"})
        assert r.status_code == 400
        options = (await c.put("/api/auth/fido", headers=bearer(token))).json()
        good = SoftAuthenticator(origin="https://kitsu.studio.example")
        r = await c.post("/api/auth/fido", headers=bearer(token),
                         json={"registration_response": good.register(options), "device_name": "k"})
        assert r.status_code == 200, r.text
        r = await login(c)
        assertion = good.assert_((await c.get("/api/auth/fido", params={"email": "jane@example.com"})).json())
        assert (await login(c, fido_authentication_response=assertion)).status_code == 200


async def test_removing_the_last_device_disables_fido(client, db):
    person = await make_person(db)
    token = await token_of(client)
    device, spare = SoftAuthenticator(), SoftAuthenticator()
    await register_device(client, token, device, "main")
    again = await register_device(client, token, spare, "spare")
    assert again["otp_recovery_codes"] is None
    r = await client.request("DELETE", "/api/auth/fido", headers=bearer(token), json={"device_name": "main"})
    assert (r.status_code, r.json()) == (400, OTP_FAILED)
    r = await client.request("DELETE", "/api/auth/fido", headers=bearer(token),
                             json={"device_name": "main", "fido_authentication_response": await fido_assertion(client, spare)})
    assert (r.status_code, r.json()) == (200, {"success": True})
    row = await stored(db, person["id"])
    assert [c["device_name"] for c in row["fido_credentials"]] == ["spare"] and row["fido_enabled"] is True
    r = await client.request("DELETE", "/api/auth/fido", headers=bearer(token),
                             json={"device_name": "spare", "fido_authentication_response": await fido_assertion(client, spare)})
    assert r.status_code == 200
    row = await stored(db, person["id"])
    assert (row["fido_enabled"], row["otp_recovery_codes"], row["preferred_two_factor_authentication"]) == \
        (False, None, None)
    assert (await login(client)).status_code == 200


async def test_fido_can_confirm_other_2fa_routes(client, db):
    await make_person(db)
    token = await token_of(client)
    device = SoftAuthenticator()
    await register_device(client, token, device)
    r = await client.put("/api/auth/recovery-codes", headers=bearer(token),
                         json={"fido_authentication_response": await fido_assertion(client, device)})
    assert r.status_code == 200 and len(r.json()["otp_recovery_codes"]) == 16


# --- the real gazu client --------------------------------------------------------------------------

def _gazu_two_factor(api_url: str, secret: str, recovery_code: str) -> list[str]:
    import gazu

    seen = []
    for kwargs in ({}, {"totp": "12"}, {"totp": pyotp.TOTP(secret).now()}, {"recovery_code": recovery_code},
                   {"recovery_code": recovery_code}):
        client = gazu.client.create_client(api_url)
        try:
            gazu.log_in("jane@example.com", PASSWORD, client=client, **kwargs)
            seen.append(gazu.client.get_current_user(client=client)["email"])
        except gazu.exception.AuthFailedException as exc:
            seen.append("refused: " + ("missing" if "required" in str(exc) else "wrong"))
    return seen


async def test_gazu_logs_in_with_totp_and_recovery_codes(empty_database_url, tmp_path):
    import asyncio

    from domain import accounts, two_factor
    from live import live_server

    secret, codes = pyotp.random_base32(), two_factor.new_recovery_codes()

    async def prepare(db):
        person = await accounts.create_person(db, email="jane@example.com", password=PASSWORD, first_name="Jane",
                                              last_name="Doe", rounds=4)
        await db.execute(Person.__table__.update().where(Person.id == person["id"]).values(
            totp_enabled=True, totp_secret=secret, preferred_two_factor_authentication="totp",
            otp_recovery_codes=[passwords.hash_sync(c, 4) for c in codes]))

    async with live_server(tmp_path, prepare=prepare, database_url=empty_database_url) as server:
        seen = await asyncio.to_thread(_gazu_two_factor, server.api_url, secret, codes[0])
    assert seen == ["refused: missing", "refused: wrong", "jane@example.com", "jane@example.com", "refused: wrong"]
