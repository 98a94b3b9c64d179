"""bcrypt hashes as Zou (flask-bcrypt) stores them: `$2b$` hashes as bytes in `person.password`
(bytea), over the first 72 bytes of the UTF-8 password. Hashing runs in a worker thread: a round costs
about 0.25 s at the default cost and must not stall the event loop."""
from __future__ import annotations

import asyncio
import secrets
import string

import bcrypt

DEFAULT_ROUNDS = 12  # flask-bcrypt's default, what Zou writes
MIN_LENGTH = 8  # Zou's MIN_PASSWORD_LENGTH

_ALPHABET = string.ascii_uppercase + string.digits


def _bytes(password: str) -> bytes:
    return password.encode("utf-8")[:72]


def hash_sync(password: str, rounds: int = DEFAULT_ROUNDS) -> bytes:
    return bcrypt.hashpw(_bytes(password), bcrypt.gensalt(rounds=rounds, prefix=b"2b"))


def _usable(stored) -> bytes | None:
    if stored is None:
        return None
    stored = stored.encode() if isinstance(stored, str) else bytes(stored)
    return stored if stored.startswith(b"$2") else None


def check_sync(stored, password: str) -> bool:
    """Whether `password` matches the stored hash; a missing or unreadable hash never matches (Zou's LDAP
    sync stores the literal b"default", persons imported from CSV have none)."""
    usable = _usable(stored)
    if usable is None:
        return False
    try:
        return bcrypt.checkpw(_bytes(password), usable)
    except ValueError:
        return False


async def hash_password(password: str, rounds: int = DEFAULT_ROUNDS) -> bytes:
    return await asyncio.to_thread(hash_sync, password, rounds)


async def check_password(stored, password: str) -> bool:
    """As `check_sync`; an account without a usable hash still costs one bcrypt round, so the answer's
    timing does not tell it apart."""
    if _usable(stored) is None:
        await spend_check_time(password)
        return False
    return await asyncio.to_thread(check_sync, stored, password)


async def spend_check_time(password: str) -> None:
    """One bcrypt comparison that cannot succeed (an unknown login costs what a known one does)."""
    await asyncio.to_thread(check_sync, _dummy_hash(), password)


_DUMMY: bytes | None = None


def _dummy_hash() -> bytes:
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_sync(secrets.token_urlsafe(16), DEFAULT_ROUNDS)
    return _DUMMY


def random_code(length: int) -> str:
    """`length` characters from A-Z0-9 (recovery codes, reset tokens)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))
