"""Accounts: creating persons, checking credentials (spec auth.md §2), the login lockout (§5), password
changes and resets, the login log. Password hashing is in domain/passwords.py, 2FA in
domain/two_factor.py."""
from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from domain import auth_store, errors, passwords, people, two_factor
from domain.base import new_id, utcnow
from domain.tables import DepartmentLink, LoginLog, Person

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_DELAY = timedelta(minutes=1)
RESET_TOKEN_TTL = timedelta(hours=2)
RESET_TOKEN_LENGTH = 64
DEFAULT_PASSWORD = "default"

WRONG_CREDENTIALS = "Wrong email or password."
LOCKED_OUT = "Too many failed login attempts, retry in a minute."
INACTIVE = "User is unactive, he cannot log in."
MISSING_OTP = "A two-factor authentication code is required."
WRONG_OTP = "Wrong two-factor authentication code."


# --- the refusals of POST /auth/login, with Zou's bodies -------------------------------------------

class WrongCredentials(errors.InvalidInput):
    def __init__(self) -> None:
        super().__init__(WRONG_CREDENTIALS, body={"login": False, "message": WRONG_CREDENTIALS})


class LockedOut(errors.InvalidInput):
    def __init__(self) -> None:
        super().__init__(LOCKED_OUT, body={"error": True, "login": False, "too_many_failed_login_attemps": True,
                                           "message": LOCKED_OUT})


class Inactive(errors.Unauthenticated):
    def __init__(self) -> None:
        super().__init__(INACTIVE, body={"error": True, "login": False, "unactive": True, "message": INACTIVE})


class MissingOtp(errors.InvalidInput):
    def __init__(self, missing: two_factor.MissingSecondFactor) -> None:
        super().__init__(MISSING_OTP, body={
            "error": True, "login": False, "missing_OTP": True, "message": MISSING_OTP,
            "preferred_two_factor_authentication": missing.preferred,
            "two_factor_authentication_enabled": missing.enabled})


class WrongOtp(errors.InvalidInput):
    def __init__(self) -> None:
        super().__init__(WRONG_OTP, body={"error": True, "login": False, "wrong_OTP": True, "message": WRONG_OTP})


class DefaultPassword(errors.InvalidInput):
    """The account still has the password "default": the client must set one with the reset token."""

    def __init__(self, token: str) -> None:
        super().__init__("Default password", body={"login": False, "default_password": True, "token": token})


def refusal(message: str, **extra: Any) -> errors.InvalidInput:
    return errors.InvalidInput(message, body={"error": True, "message": message, **extra})


# --- persons ---------------------------------------------------------------------------------------

def normalize_email(email: str | None) -> str | None:
    """Zou stores emails trimmed and lowercased."""
    return email.strip().lower() if email is not None else None


async def find_by_login(db, login: str | None) -> dict[str, Any] | None:
    """The non-bot person whose email (any case) or desktop login is `login`. An empty login matches
    nobody: many accounts have an empty desktop login."""
    if not login or not login.strip():
        return None
    return await people.person_by_login(db, login)


async def create_person(db, *, email: str | None, password: str | None, first_name: str, last_name: str,
                        role: str = "user", phone: str = "", desktop_login: str = "", active: bool = True,
                        is_bot: bool = False, departments: Sequence[uuid.UUID] = (),
                        expiration_date: date | None = None, studio_id: uuid.UUID | None = None,
                        timezone: str = "Europe/Paris", locale: str = "en_US",
                        rounds: int = passwords.DEFAULT_ROUNDS, **columns: Any) -> dict[str, Any]:
    """Insert a person with the values Zou writes for one (a plain-text `password` is hashed; None leaves
    the account without one). Flushes, never commits; returns the stored row."""
    now = utcnow()
    row: dict[str, Any] = {
        "id": new_id(), "first_name": first_name, "last_name": last_name, "email": normalize_email(email),
        "phone": phone, "country": None, "contract_type": "open-ended", "active": active, "archived": False,
        "password": await passwords.hash_password(password, rounds) if password is not None else None,
        "desktop_login": desktop_login, "login_failed_attemps": 0, "totp_enabled": False,
        "email_otp_enabled": False, "fido_enabled": False, "timezone": timezone, "locale": locale,
        "use_12_hour_clock": False, "display_date_format": "YYYY-MM-DD", "role": role, "position": "artist",
        "seniority": "mid", "daily_salary": 0, "has_avatar": False, "notifications_enabled": False,
        "notifications_slack_enabled": False, "notifications_slack_userid": "",
        "notifications_mattermost_enabled": False, "notifications_mattermost_userid": "",
        "notifications_discord_enabled": False, "notifications_discord_userid": "", "is_bot": is_bot,
        "is_guest": False, "expiration_date": expiration_date, "studio_id": studio_id,
        "is_generated_from_ldap": False, "created_at": now, "updated_at": now,
    }
    row.update(columns)
    await db.execute(insert(Person).values(row))
    if departments:
        await db.execute(insert(DepartmentLink), [{"person_id": row["id"], "department_id": d} for d in departments])
    await db.flush()
    return await two_factor.person_row(db, row["id"])


async def set_password(db, person_id: uuid.UUID, password: str, *, rounds: int) -> None:
    await db.execute(update(Person).where(Person.id == person_id)
                     .values(password=await passwords.hash_password(password, rounds)))


def validate_new_password(password: str, confirmation: str | None = None) -> None:
    """Zou's order: length first, then the confirmation."""
    if len(password) < passwords.MIN_LENGTH:
        raise refusal("Password is too short.")
    if confirmation is not None and password != confirmation:
        raise refusal("Confirmation password doesn't match.")


# --- the lockout -----------------------------------------------------------------------------------

async def _failure_state(db, person_id: uuid.UUID) -> tuple[int, Any]:
    rows = await db.rows(select(Person.login_failed_attemps, Person.last_login_failed).where(Person.id == person_id))
    return (rows[0]["login_failed_attemps"] or 0, rows[0]["last_login_failed"]) if rows else (0, None)


async def check_lockout(db, person_id: uuid.UUID) -> int:
    """The failure count to go on from. Inside the minute after the 5th failure every attempt is refused;
    once the minute is over the count starts again from 0."""
    count, last_failed = await _failure_state(db, person_id)
    if count < MAX_FAILED_ATTEMPTS:
        return count
    if last_failed is not None and last_failed + LOCKOUT_DELAY > utcnow():
        raise LockedOut()
    await _set_failures(db, person_id, 0)
    return 0


async def _set_failures(db, person_id: uuid.UUID, count: int, *, failed_now: bool = False) -> None:
    values: dict[str, Any] = {"login_failed_attemps": count}
    if failed_now:
        values["last_login_failed"] = utcnow()
    await db.execute(update(Person).where(Person.id == person_id).values(**values))


async def record_failure(db, person_id: uuid.UUID, count_before: int) -> None:
    await _set_failures(db, person_id, count_before + 1, failed_now=True)


# --- checking credentials --------------------------------------------------------------------------

async def check_credentials(db, login: str, password: str, factor: two_factor.SecondFactor | None = None, *,
                            fido=None) -> dict[str, Any]:
    """The person `login`/`password` (and, when the account has 2FA and `factor` is given, the second
    factor) prove, in Zou's order: unknown login, lockout, password, inactive account, second factor.
    Every refusal carries Zou's body. Failure counts are written (flushed) before raising: the caller
    commits them whatever the outcome. `factor=None` skips the second factor (password change)."""
    person = await find_by_login(db, login)
    if person is None:
        await passwords.spend_check_time(password)
        raise WrongCredentials()
    failures = await check_lockout(db, person["id"])
    if not await passwords.check_password(person["password"], password):
        await record_failure(db, person["id"], failures)
        raise WrongCredentials()
    if not person["active"]:
        raise Inactive()
    if factor is not None and two_factor.is_enabled(person):
        try:
            ok = await two_factor.verify(db, person, factor, fido=fido)
        except two_factor.MissingSecondFactor as exc:
            raise MissingOtp(exc) from exc
        if not ok:
            await record_failure(db, person["id"], failures)
            raise WrongOtp()
    if failures > 0:
        await _set_failures(db, person["id"], 0)
    return person


def is_default_password(password: str) -> bool:
    return password == DEFAULT_PASSWORD


# --- password reset tokens -------------------------------------------------------------------------

def _reset_key(email: str) -> str:
    return f"reset-token:{normalize_email(email)}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_reset_token(db, email: str) -> str:
    """A 64-character token valid 2 hours for PUT /auth/reset-password; only its digest is stored."""
    token = passwords.random_code(RESET_TOKEN_LENGTH)
    await auth_store.put(db, _reset_key(email), _digest(token), RESET_TOKEN_TTL)
    return token


async def reset_password(db, email: str, token: str, password: str, confirmation: str, *, rounds: int) -> None:
    stored = await auth_store.get(db, _reset_key(email))
    if stored is None or not hmac.compare_digest(stored, _digest(token)):
        raise refusal("Wrong or expired token.")
    validate_new_password(password, confirmation)
    person = await find_by_login(db, email)
    if person is None or normalize_email(person["email"]) != normalize_email(email):
        raise refusal("Wrong or expired token.")
    await set_password(db, person["id"], password, rounds=rounds)
    await auth_store.drop(db, _reset_key(email))


# --- the login log ---------------------------------------------------------------------------------

async def record_login(db, person_id: uuid.UUID, ip_address: str | None, origin: str) -> None:
    now = utcnow()
    await db.execute(insert(LoginLog).values(id=new_id(), person_id=person_id, ip_address=(ip_address or None),
                                             origin=origin, created_at=now, updated_at=now))


async def login_count(db, person_id: uuid.UUID) -> int:
    return (await db.scalars(select(func.count()).select_from(LoginLog).where(LoginLog.person_id == person_id)))[0]
