"""The account flows as GraphQL mutations (same resolvers as /auth/*): TOTP and email codes end to end,
recovery codes, refresh, logout, scoped API tokens, and TRACKQL_ENFORCE_2FA's restricted tokens."""
from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
import pyotp
import pytest
from aiosmtpd.controller import Controller
from factories import make_person, make_project

from domain import accounts
from gateway.settings import Settings
from live import free_port

PASSWORD = "secret-pass-1"
LOGIN = """mutation($email: String!, $password: String!, $f: SecondFactorInput) {
  login(email: $email, password: $password, secondFactor: $f) {
    login accessToken refreshToken userId secondFactorRequired preferredTwoFactorAuthentication
    twoFactorAuthenticationEnabled twoFactorSetupRequired
  }
}"""


@dataclass
class Sink:
    port: int
    messages: list[email.message.Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def code_after(self, count: int, timeout: float = 5.0) -> str:
        """The 6-digit code of the first message past the `count` already received."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) > count:
                    msg = self.messages[count]
                    part = msg.get_body(("plain",)) or msg
                    return re.search(r"\b(\d{6})\b", part.get_payload(decode=True).decode()).group(1)
            time.sleep(0.02)
        raise AssertionError("no code mailed")


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


@pytest.fixture
async def jane(db):
    person = await accounts.create_person(db, email="jane@example.com", password=PASSWORD, first_name="Jane",
                                          last_name="Doe", rounds=4)
    await db.commit()
    return person


@pytest.fixture
def gq(client):
    async def run(query: str, variables: dict[str, Any] | None = None, token: str | None = None,
                  status: int = 200) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        r = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert r.status_code == status, r.text
        return r.json()

    return run


def error_of(body: dict) -> tuple[str, str]:
    err = body["errors"][0]
    return err["extensions"]["code"], err["message"]


async def login(gq, factor: dict | None = None, email_: str = "jane@example.com") -> dict:
    body = await gq(LOGIN, {"email": email_, "password": PASSWORD, "f": factor})
    assert "errors" not in body or body["data"] is None, body
    return body


async def test_totp_end_to_end_through_graphql(gq, jane, client):
    first = (await login(gq))["data"]["login"]
    assert first["login"] is True and first["userId"] == str(jane["id"]) and not first["secondFactorRequired"]
    token = first["accessToken"]

    setup = (await gq("mutation { preEnableTotp { provisioningUri secret } }", token=token))["data"]["preEnableTotp"]
    assert setup["provisioningUri"].startswith("otpauth://totp/") and setup["secret"] in setup["provisioningUri"]
    totp = pyotp.TOTP(setup["secret"])
    wrong = await gq('mutation { enableTotp(totp: "000000") { recoveryCodes } }', token=token)
    assert error_of(wrong)[0] == "BAD_USER_INPUT"
    enabled = (await gq('mutation($c: String!) { enableTotp(totp: $c) { recoveryCodes accessToken refreshToken } }',
                        {"c": totp.now()}, token=token))["data"]["enableTotp"]
    codes = enabled["recoveryCodes"]
    assert len(codes) == 16 and enabled["accessToken"]

    assert (await gq("mutation { logout }", token=token))["data"] == {"logout": True}
    again = await gq("mutation { logout }", token=token)
    assert error_of(again)[0] == "UNAUTHENTICATED"  # the token is revoked

    missing = (await login(gq))["data"]["login"]
    assert missing == {"login": False, "accessToken": None, "refreshToken": None, "userId": None,
                       "secondFactorRequired": True, "preferredTwoFactorAuthentication": "totp",
                       "twoFactorAuthenticationEnabled": ["recovery_code", "totp"], "twoFactorSetupRequired": False}
    wrong = await login(gq, {"totp": "000000"})
    assert error_of(wrong) == ("BAD_USER_INPUT", "Wrong two-factor authentication code.")
    ok = (await login(gq, {"totp": totp.now()}))["data"]["login"]
    assert ok["login"] is True and ok["accessToken"]
    by_code = (await login(gq, {"recoveryCode": codes[0]}))["data"]["login"]
    assert by_code["login"] is True
    reused = await login(gq, {"recoveryCode": codes[0]})
    assert error_of(reused)[0] == "BAD_USER_INPUT"

    token = ok["accessToken"]
    refused = await gq("mutation { newRecoveryCodes }", token=token)
    assert error_of(refused)[0] == "BAD_USER_INPUT"  # a second factor is required
    fresh = (await gq("mutation($f: SecondFactorInput) { newRecoveryCodes(secondFactor: $f) }",
                      {"f": {"totp": totp.now()}}, token=token))["data"]["newRecoveryCodes"]
    assert len(fresh) == 16 and not set(fresh) & set(codes)
    assert error_of(await login(gq, {"recoveryCode": codes[1]}))[0] == "BAD_USER_INPUT"  # old codes are gone
    done = await gq("mutation($f: SecondFactorInput) { disableTotp(secondFactor: $f) }",
                    {"f": {"totp": totp.now()}}, token=token)
    assert done["data"] == {"disableTotp": True}
    assert (await login(gq))["data"]["login"]["login"] is True


async def test_email_codes_through_graphql(gq, jane, smtp_sink):
    token = (await login(gq))["data"]["login"]["accessToken"]
    sent = len(smtp_sink.messages)
    assert (await gq("mutation { preEnableEmailOtp }", token=token))["data"] == {"preEnableEmailOtp": True}
    code = smtp_sink.code_after(sent)
    enabled = await gq('mutation($c: String!) { enableEmailOtp(emailOtp: $c) { recoveryCodes } }', {"c": code},
                       token=token)
    assert len(enabled["data"]["enableEmailOtp"]["recoveryCodes"]) == 16
    assert (await login(gq))["data"]["login"]["preferredTwoFactorAuthentication"] == "email_otp"

    sent = len(smtp_sink.messages)
    answer = await gq('mutation { sendEmailOtp(email: "jane@example.com") }')
    assert answer["data"] == {"sendEmailOtp": True}
    assert (await gq('mutation { sendEmailOtp(email: "nobody@example.com") }'))["data"] == {"sendEmailOtp": True}
    code = smtp_sink.code_after(sent)
    ok = (await login(gq, {"emailOtp": code}))["data"]["login"]
    assert ok["login"] is True
    sent = len(smtp_sink.messages)
    await gq('mutation { sendEmailOtp(email: "jane@example.com") }')
    code = smtp_sink.code_after(sent)
    off = await gq("mutation($f: SecondFactorInput) { disableEmailOtp(secondFactor: $f) }", {"f": {"emailOtp": code}},
                   token=ok["accessToken"])
    assert off["data"] == {"disableEmailOtp": True}


async def test_refresh_token_mutation(gq, jane, settings):
    tokens = (await login(gq))["data"]["login"]
    body = await gq('mutation($r: String!) { refreshToken(refreshToken: $r) }', {"r": tokens["refreshToken"]})
    fresh = body["data"]["refreshToken"]
    claims = jwt.decode(fresh, settings.secret_key, algorithms=["HS256"])
    refresh = jwt.decode(tokens["refreshToken"], settings.secret_key, algorithms=["HS256"])
    assert claims["type"] == "access" and claims["refresh_jti"] == refresh["jti"]
    assert (await gq("{ me { id } }", token=fresh))["data"]["me"]["id"] == str(jane["id"])
    wrong = await gq('mutation($r: String!) { refreshToken(refreshToken: $r) }', {"r": tokens["accessToken"]})
    assert error_of(wrong)[0] == "UNAUTHENTICATED"
    await gq("mutation { logout }", token=fresh)  # revokes the refresh token too
    revoked = await gq('mutation($r: String!) { refreshToken(refreshToken: $r) }', {"r": tokens["refreshToken"]})
    assert error_of(revoked)[0] == "UNAUTHENTICATED"


async def test_login_refusals_and_anonymous_calls(gq, jane):
    wrong = await gq(LOGIN, {"email": "jane@example.com", "password": "nope"})
    assert error_of(wrong) == ("BAD_USER_INPUT", "Wrong email or password.")
    assert error_of(await gq("mutation { preEnableTotp { secret } }"))[0] == "UNAUTHENTICATED"
    assert error_of(await gq("mutation { logout }"))[0] == "UNAUTHENTICATED"


async def test_issue_api_token_mutation(gq, db, jane, settings):
    admin = await accounts.create_person(db, email="boss@example.com", password=PASSWORD, first_name="B",
                                         last_name="Oss", role="admin", rounds=4)
    bot = await make_person(db, role="user", is_bot=True, password=None)
    project = await make_project(db, name="GQL Scoped", team=[bot])
    other = await make_project(db, name="GQL Other", team=[bot])
    await db.commit()
    admin_token = (await login(gq, email_="boss@example.com"))["data"]["login"]["accessToken"]
    issue = """mutation($p: ID!, $ids: [ID!], $ro: Boolean!) {
      issueApiToken(personId: $p, projectIds: $ids, readOnly: $ro) { accessToken projectIds readOnly } }"""
    out = (await gq(issue, {"p": str(bot["id"]), "ids": [str(project["id"])], "ro": True},
                    token=admin_token))["data"]["issueApiToken"]
    assert out["projectIds"] == [str(project["id"])] and out["readOnly"] is True
    names = await gq("{ projects { nodes { name } } }", token=out["accessToken"])
    assert [p["name"] for p in names["data"]["projects"]["nodes"]] == ["GQL Scoped"]
    assert other["id"]
    jane_token = (await login(gq))["data"]["login"]["accessToken"]
    refused = await gq(issue, {"p": str(bot["id"]), "ids": None, "ro": False}, token=jane_token)
    assert error_of(refused)[0] == "FORBIDDEN"
    bad = await gq(issue, {"p": "not-an-id", "ids": None, "ro": False}, token=admin_token)
    assert error_of(bad)[0] == "NOT_FOUND"
    bad = await gq(issue, {"p": str(bot["id"]), "ids": ["nope"], "ro": False}, token=admin_token)
    assert error_of(bad)[0] == "BAD_USER_INPUT"
