"""Two-factor authentication (spec auth.md §4): TOTP, codes sent by email, recovery codes, and the one
verification procedure that login and every disable/regenerate route run. FIDO lives in domain/fido.py.

Secrets never leave this module except to their owner: the TOTP secret when TOTP is being set up, the
recovery codes when they are generated, the email code in the message sent to the person."""
from __future__ import annotations

import asyncio
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyotp
from sqlalchemy import select, update

from domain import auth_store, errors, passwords
from domain.tables import Person

METHODS = ("totp", "email_otp", "fido")
# When the preferred method is disabled it falls back to the first of these still enabled.
FALLBACKS = {"totp": ("fido", "email_otp"), "email_otp": ("fido", "totp"), "fido": ("totp", "email_otp")}
RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH = 16, 10
EMAIL_CODE_TTL = timedelta(minutes=5)
MAX_HOTP_COUNTER = 999_999_999_999

OTP_FAILED = "OTP verification failed."


class _StoredTOTP(pyotp.TOTP):
    # Secrets already in a Zou database were checked by pyotp 2.9, which had no minimum length; new
    # secrets are 32 base32 characters (160 bits) anyway.
    min_secret_length_bits = 0


class _StoredHOTP(pyotp.HOTP):
    min_secret_length_bits = 0


@dataclass(frozen=True)
class SecondFactor:
    """The 2FA fields a request may carry; any may be absent."""

    totp: str | None = None
    email_otp: str | None = None
    fido_authentication_response: dict | None = None
    recovery_code: str | None = None


class MissingSecondFactor(errors.InvalidInput):
    """No usable 2FA field was sent for an account that has 2FA."""

    def __init__(self, person: dict[str, Any]):
        super().__init__("A two-factor authentication code is required.")
        self.preferred = person.get("preferred_two_factor_authentication")
        self.enabled = enabled_methods(person)


def is_enabled(person: dict[str, Any]) -> bool:
    return bool(person.get("totp_enabled") or person.get("email_otp_enabled") or person.get("fido_enabled"))


def enabled_methods(person: dict[str, Any]) -> list[str]:
    """What the person can authenticate with: always "recovery_code" first, then the enabled methods."""
    return ["recovery_code"] + [m for m in METHODS if person.get(f"{m}_enabled")]


def otp_failed() -> errors.InvalidInput:
    return errors.InvalidInput(OTP_FAILED, body={"error": True, "message": OTP_FAILED, "wrong_OTP": True})


def refusal(message: str) -> errors.InvalidInput:
    return errors.InvalidInput(message, body={"error": True, "message": message})


async def person_row(db, person_id: uuid.UUID) -> dict[str, Any]:
    """The person as stored now (secrets included), read past any per-request cache."""
    rows = await db.rows(select(Person.__table__).where(Person.id == person_id))
    if not rows:
        raise errors.NotFound()
    return dict(rows[0])


async def _save(db, person_id: uuid.UUID, **values: Any) -> None:
    await db.execute(update(Person).where(Person.id == person_id).values(**values))


# --- the verification procedure -------------------------------------------------------------------

async def verify(db, person: dict[str, Any], factor: SecondFactor, *, fido=None) -> bool:
    """First matching branch wins: TOTP, then the email code, then FIDO, then a recovery code (consumed
    when it matches). Raises MissingSecondFactor when no branch applies. `fido(person, response)` checks a
    WebAuthn assertion when FIDO is available."""
    if person.get("totp_enabled") and factor.totp is not None:
        return check_totp(person, factor.totp)
    if person.get("email_otp_enabled") and factor.email_otp is not None:
        return await check_email_code(db, person, factor.email_otp)
    if person.get("fido_enabled") and factor.fido_authentication_response is not None:
        return bool(fido and await fido(person, factor.fido_authentication_response))
    if factor.recovery_code is not None:
        return await consume_recovery_code(db, person, factor.recovery_code)
    raise MissingSecondFactor(person)


async def require(db, person: dict[str, Any], factor: SecondFactor, *, fido=None) -> None:
    """The verification of the disable/regenerate routes: missing or wrong -> 400 "OTP verification failed."."""
    try:
        ok = await verify(db, person, factor, fido=fido)
    except MissingSecondFactor as exc:
        raise otp_failed() from exc
    if not ok:
        raise otp_failed()


# --- enabling and disabling ------------------------------------------------------------------------

def _on_enable(person: dict[str, Any], method: str, rounds: int) -> tuple[dict[str, Any], list[str] | None]:
    """Column values for a method just enabled, and the recovery codes when they are first issued."""
    values: dict[str, Any] = {f"{method}_enabled": True}
    codes = None
    if not person.get("otp_recovery_codes"):
        codes = new_recovery_codes()
        values["otp_recovery_codes"] = [passwords.hash_sync(c, rounds) for c in codes]
    if not person.get("preferred_two_factor_authentication"):
        values["preferred_two_factor_authentication"] = method
    return values, codes


def _on_disable(person: dict[str, Any], method: str) -> dict[str, Any]:
    """Column values once `method` is off: another preferred method, or no codes when nothing is left."""
    after = {**person, f"{method}_enabled": False}
    if not is_enabled(after):
        return {"otp_recovery_codes": None, "preferred_two_factor_authentication": None}
    if person.get("preferred_two_factor_authentication") != method:
        return {}
    for fallback in FALLBACKS[method]:
        if after.get(f"{fallback}_enabled"):
            return {"preferred_two_factor_authentication": fallback}
    return {}


async def enable_method(db, person: dict[str, Any], method: str, rounds: int, **extra: Any) -> list[str] | None:
    """Turn `method` on (with `extra` column values); the recovery codes when first issued."""
    values, codes = await asyncio.to_thread(_on_enable, person, method, rounds)
    await _save(db, person["id"], **values, **extra)
    return codes


async def disable_method(db, person: dict[str, Any], method: str, **cleared: Any) -> None:
    """Turn `method` off (with `cleared` column values), fixing the preferred method and the codes."""
    await _save(db, person["id"], **{f"{method}_enabled": False}, **cleared, **_on_disable(person, method))


# --- TOTP ------------------------------------------------------------------------------------------

def check_totp(person: dict[str, Any], code: str) -> bool:
    secret = person.get("totp_secret")
    try:
        return bool(secret) and _StoredTOTP(secret).verify(str(code), valid_window=1)
    except ValueError:  # a secret that is not base32
        return False


async def pre_enable_totp(db, person_id: uuid.UUID, organisation_name: str) -> tuple[str, str]:
    """A new TOTP secret (not active until confirmed) and its provisioning URI."""
    person = await person_row(db, person_id)
    if person.get("totp_enabled"):
        raise refusal("TOTP already enabled.")
    secret = pyotp.random_base32()
    await _save(db, person_id, totp_secret=secret, totp_enabled=False)
    uri = pyotp.TOTP(secret).provisioning_uri(name=person.get("email") or "",
                                              issuer_name=f"Kitsu {organisation_name}")
    return uri, secret


async def enable_totp(db, person_id: uuid.UUID, code: str, *, rounds: int) -> list[str] | None:
    person = await person_row(db, person_id)
    if person.get("totp_enabled"):
        raise refusal("TOTP already enabled.")
    if not check_totp(person, code):
        msg = "TOTP verification failed."
        raise errors.InvalidInput(msg, body={"error": True, "message": msg, "wrong_OTP": True})
    return await enable_method(db, person, "totp", rounds)


async def disable_totp(db, person_id: uuid.UUID, factor: SecondFactor, *, fido=None) -> None:
    person = await person_row(db, person_id)
    if not is_enabled(person):
        raise refusal("TOTP not enabled.")
    await require(db, person, factor, fido=fido)
    if not person.get("totp_enabled"):
        raise refusal("TOTP not enabled.")
    await disable_method(db, person, "totp", totp_secret=None)


# --- codes sent by email ---------------------------------------------------------------------------

def _email_key(person_id: uuid.UUID) -> str:
    return f"email-otp:{person_id}"


async def issue_email_code(db, person: dict[str, Any]) -> str:
    """A 6-digit HOTP code at a random counter, valid 5 minutes and once; the caller mails it."""
    counter = secrets.randbelow(MAX_HOTP_COUNTER + 1)
    await auth_store.put(db, _email_key(person["id"]), str(counter), EMAIL_CODE_TTL)
    return _StoredHOTP(person["email_otp_secret"]).at(counter)


async def check_email_code(db, person: dict[str, Any], code: str) -> bool:
    secret = person.get("email_otp_secret")
    counter = await auth_store.get(db, _email_key(person["id"]))
    try:
        if not secret or counter is None or not _StoredHOTP(secret).verify(str(code), int(counter)):
            return False
    except ValueError:
        return False
    # single use: of two requests presenting the same code, one takes it
    return await auth_store.take(db, _email_key(person["id"])) is not None


async def pre_enable_email_otp(db, person_id: uuid.UUID) -> tuple[dict[str, Any], str]:
    """A new email secret (not active until confirmed); returns the person and the code to mail."""
    person = await person_row(db, person_id)
    if person.get("email_otp_enabled"):
        raise refusal("OTP by email already enabled.")
    secret = pyotp.random_base32()
    await _save(db, person_id, email_otp_secret=secret, email_otp_enabled=False)
    person = {**person, "email_otp_secret": secret, "email_otp_enabled": False}
    return person, await issue_email_code(db, person)


async def enable_email_otp(db, person_id: uuid.UUID, code: str, *, rounds: int) -> list[str] | None:
    person = await person_row(db, person_id)
    if person.get("email_otp_enabled"):
        raise refusal("OTP by email already enabled.")
    if not await check_email_code(db, person, code):
        msg = "OTP by email verification failed."
        raise errors.InvalidInput(msg, body={"error": True, "message": msg, "wrong_OTP": True})
    return await enable_method(db, person, "email_otp", rounds)


async def disable_email_otp(db, person_id: uuid.UUID, factor: SecondFactor, *, fido=None) -> None:
    person = await person_row(db, person_id)
    if not is_enabled(person):
        raise refusal("OTP by email not enabled.")
    await require(db, person, factor, fido=fido)
    if not person.get("email_otp_enabled"):
        raise refusal("OTP by email not enabled.")
    await disable_method(db, person, "email_otp", email_otp_secret=None)


# --- recovery codes --------------------------------------------------------------------------------

def new_recovery_codes() -> list[str]:
    return [passwords.random_code(RECOVERY_CODE_LENGTH) for _ in range(RECOVERY_CODE_COUNT)]


async def consume_recovery_code(db, person: dict[str, Any], code: str) -> bool:
    """Whether `code` matches one of the stored hashes; the match is removed (compare-and-set on the
    stored list, so two requests cannot both spend it)."""
    stored = list(person.get("otp_recovery_codes") or [])
    for hashed in stored:
        if await passwords.check_password(hashed, code):
            left = [h for h in stored if h != hashed]
            result = await db.execute(update(Person)
                                      .where(Person.id == person["id"], Person.otp_recovery_codes == stored)
                                      .values(otp_recovery_codes=left))
            return result.rowcount == 1
    return False


async def regenerate_recovery_codes(db, person_id: uuid.UUID, factor: SecondFactor, *, rounds: int,
                                    fido=None) -> list[str]:
    person = await person_row(db, person_id)
    if not is_enabled(person):
        raise refusal("No two factor authentication enabled.")
    await require(db, person, factor, fido=fido)
    codes = new_recovery_codes()
    hashed = await asyncio.to_thread(lambda: [passwords.hash_sync(c, rounds) for c in codes])
    await _save(db, person_id, otp_recovery_codes=hashed)
    return codes


# --- admin reset -----------------------------------------------------------------------------------

async def disable_all(db, person_id: uuid.UUID) -> None:
    """Every method off, secrets, FIDO devices, recovery codes and preference cleared."""
    person = await person_row(db, person_id)
    if not is_enabled(person):
        raise refusal("Two factor authentication not enabled for this user.")
    await _save(db, person_id, totp_enabled=False, totp_secret=None, email_otp_enabled=False,
                email_otp_secret=None, fido_enabled=False, fido_credentials=None, otp_recovery_codes=None,
                preferred_two_factor_authentication=None)
