"""Accounts in the domain: Zou-compatible hashes, the person row Zou writes, the login rules."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from domain import accounts, organisations, passwords, two_factor
from domain.base import utcnow
from domain.tables import Organisation, Person
from domain.user_agents import is_browser

# person.password of admin@example.com in the reference Zou database (zou create-admin, flask-bcrypt)
ZOU_ADMIN_HASH = b"$2b$12$RA5PhgJtVqF1n7uYkQ7W6.MbEdNJ88UajCVLAWwCy51O9kRQyuOSq"


async def make_person(db, email="jane@example.com", password="secret-pass", **kw):
    return await accounts.create_person(db, email=email, password=password, first_name="Jane", last_name="Doe",
                                        rounds=4, **kw)


def test_zou_hash_verifies():
    assert passwords.check_sync(ZOU_ADMIN_HASH, "mysecretpassword")
    assert passwords.check_sync(memoryview(ZOU_ADMIN_HASH), "mysecretpassword")
    assert not passwords.check_sync(ZOU_ADMIN_HASH, "mysecretpassword!")


def test_unusable_hashes_never_match():
    assert not passwords.check_sync(None, "default")
    assert not passwords.check_sync(b"default", "default")  # what Zou's LDAP sync stores
    assert not passwords.check_sync(b"$2b$12$truncated", "x")


def test_hash_is_zou_format_and_truncates_at_72_bytes():
    h = passwords.hash_sync("p" * 80, rounds=4)
    assert h.startswith(b"$2b$04$") and len(h) == 60
    assert passwords.check_sync(h, "p" * 72 + "different tail")


async def test_create_person_writes_zou_defaults(db):
    row = await make_person(db, email="  Jane@Example.COM ")
    assert row["email"] == "jane@example.com"
    expected = {
        "contract_type": "open-ended", "active": True, "archived": False, "phone": "", "desktop_login": "",
        "login_failed_attemps": 0, "totp_enabled": False, "email_otp_enabled": False, "fido_enabled": False,
        "timezone": "Europe/Paris", "locale": "en_US", "use_12_hour_clock": False,
        "display_date_format": "YYYY-MM-DD", "role": "user", "position": "artist", "seniority": "mid",
        "daily_salary": 0, "has_avatar": False, "notifications_enabled": False,
        "notifications_slack_enabled": False, "notifications_slack_userid": "", "is_bot": False,
        "is_guest": False, "is_generated_from_ldap": False, "data": None, "jti": None, "country": None,
    }
    assert {k: row[k] for k in expected} == expected
    assert passwords.check_sync(row["password"], "secret-pass")


async def test_create_person_refuses_a_duplicate_email(db):
    from domain import errors

    await make_person(db)
    with pytest.raises(errors.Conflict):
        await make_person(db, email="JANE@example.com")


async def test_credentials_in_zou_order(db):
    person = await make_person(db, desktop_login="jdoe")
    assert (await accounts.check_credentials(db, "JANE@EXAMPLE.COM", "secret-pass"))["id"] == person["id"]
    assert (await accounts.check_credentials(db, "jdoe", "secret-pass"))["id"] == person["id"]
    with pytest.raises(accounts.WrongCredentials):
        await accounts.check_credentials(db, "nobody@example.com", "secret-pass")
    with pytest.raises(accounts.WrongCredentials):
        await accounts.check_credentials(db, "", "secret-pass")
    await db.execute(update(Person).where(Person.id == person["id"]).values(active=False))
    with pytest.raises(accounts.WrongCredentials):  # the password is checked before the account state
        await accounts.check_credentials(db, "jdoe", "wrong")
    with pytest.raises(accounts.Inactive):
        await accounts.check_credentials(db, "jdoe", "secret-pass")


async def test_empty_desktop_login_matches_nobody(db):
    await make_person(db)  # desktop_login "" like every person created without one
    assert await accounts.find_by_login(db, "") is None
    assert await accounts.find_by_login(db, "   ") is None


async def _failures(db, person_id):
    return (await db.rows(select(Person.login_failed_attemps, Person.last_login_failed)
                          .where(Person.id == person_id)))[0]


async def test_lockout_after_five_failures_then_reset_after_a_minute(db):
    person = await make_person(db)
    for _ in range(5):
        with pytest.raises(accounts.WrongCredentials):
            await accounts.check_credentials(db, "jane@example.com", "wrong")
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 5
    with pytest.raises(accounts.LockedOut):  # even the right password
        await accounts.check_credentials(db, "jane@example.com", "secret-pass")
    await db.execute(update(Person).where(Person.id == person["id"])
                     .values(last_login_failed=utcnow() - timedelta(seconds=61)))
    await accounts.check_credentials(db, "jane@example.com", "secret-pass")
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 0


async def test_a_wrong_password_after_the_minute_counts_from_zero(db):
    person = await make_person(db)
    await db.execute(update(Person).where(Person.id == person["id"])
                     .values(login_failed_attemps=5, last_login_failed=utcnow() - timedelta(minutes=2)))
    with pytest.raises(accounts.WrongCredentials):
        await accounts.check_credentials(db, "jane@example.com", "wrong")
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 1


async def test_success_resets_the_count(db):
    person = await make_person(db)
    for _ in range(3):
        with pytest.raises(accounts.WrongCredentials):
            await accounts.check_credentials(db, "jane@example.com", "wrong")
    await accounts.check_credentials(db, "jane@example.com", "secret-pass")
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 0


async def test_missing_code_does_not_count_a_wrong_one_does(db):
    person = await make_person(db)
    await db.execute(update(Person).where(Person.id == person["id"])
                     .values(totp_enabled=True, totp_secret="JBSWY3DPEHPK3PXP",
                             preferred_two_factor_authentication="totp"))
    factor = two_factor.SecondFactor()
    with pytest.raises(accounts.MissingOtp) as missing:
        await accounts.check_credentials(db, "jane@example.com", "secret-pass", factor)
    assert missing.value.body["two_factor_authentication_enabled"] == ["recovery_code", "totp"]
    assert missing.value.body["preferred_two_factor_authentication"] == "totp"
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 0
    with pytest.raises(accounts.WrongOtp):
        await accounts.check_credentials(db, "jane@example.com", "secret-pass", two_factor.SecondFactor(totp="1"))
    assert (await _failures(db, person["id"]))["login_failed_attemps"] == 1


async def test_default_organisation_is_created_once(db):
    first = await organisations.get_organisation(db)
    again = await organisations.get_organisation(db)
    assert first["id"] == again["id"] and first["name"] == "Kitsu" and first["hours_by_day"] == 8.0
    assert len(await db.rows(select(Organisation.id))) == 1
    assert "chat_token_slack" in organisations.present(first, sensitive=True)
    assert not organisations.CHAT_TOKEN_FIELDS & set(organisations.present(first, sensitive=False))


def test_browser_detection_agrees_with_zou():
    """The user agents below were classified by ua-parser, the library Zou 1.0.97 uses, against Zou's list
    of browser families (Brave, Chrome, Chrome Mobile, Chrome Mobile iOS, Edge, Firefox, Mobile Safari,
    Opera, Safari, Vivaldi)."""
    cases = json.loads((Path(__file__).parent / "user_agents_zou.json").read_text())
    wrong = [(ua, family) for ua, family, expected in cases if is_browser(ua) != expected]
    assert len(cases) > 80 and wrong == []
    assert not is_browser("") and not is_browser(None) and not is_browser("CGWire Gazu 1.3.1")


async def test_a_recovery_code_is_spent_once_even_by_concurrent_checks(db):
    person = await make_person(db)
    codes = two_factor.new_recovery_codes()[:3]
    await db.execute(update(Person).where(Person.id == person["id"])
                     .values(otp_recovery_codes=[passwords.hash_sync(c, 4) for c in codes]))
    stale = await two_factor.person_row(db, person["id"])
    assert await two_factor.consume_recovery_code(db, stale, codes[1]) is True
    # a second request that read the row before the first one wrote it
    assert await two_factor.consume_recovery_code(db, stale, codes[1]) is False
    left = (await two_factor.person_row(db, person["id"]))["otp_recovery_codes"]
    assert len(left) == 2 and not any(passwords.check_sync(h, codes[1]) for h in left)


async def test_auth_secrets_expire_and_are_taken_once(db):
    from domain import auth_store

    await auth_store.put(db, "k", "v", timedelta(minutes=1))
    assert await auth_store.get(db, "k") == "v"
    assert await auth_store.take(db, "k") == "v"
    assert await auth_store.take(db, "k") is None
    await auth_store.put(db, "old", "v", timedelta(seconds=-1))
    assert await auth_store.get(db, "old") is None and await auth_store.take(db, "old") is None
    await auth_store.put(db, "new", "v", timedelta(minutes=1))  # purges what expired
    from domain.trackql_tables import AuthSecret

    assert sorted(await db.scalars(select(AuthSecret.key))) == ["new"]
