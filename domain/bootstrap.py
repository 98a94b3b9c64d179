"""Making a database usable: the admin account (`trackql create-admin`) and the first start on an empty
database (schema, Zou's default rows, an admin, the demo production)."""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain import accounts, errors, passwords
from domain.base import utcnow
from domain.db import Db, sessionmaker
from domain.demo import DemoSummary, load_demo
from domain.setup import init_database, is_empty
from domain.tables import Person

DEFAULT_ADMIN_EMAIL = "admin@example.com"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Progress = Callable[[str], None]


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def check_new_admin(email: str, password: str | None) -> None:
    """Refuse, before anything is written, what `ensure_admin` could not create."""
    if password is None:
        raise errors.InvalidInput("A password is required to create an admin (--password).")
    if not _EMAIL.match(email):
        raise errors.InvalidInput(f"Email is not valid: {email!r}.")
    if len(password) < passwords.MIN_LENGTH:
        raise errors.InvalidInput(f"Password is too short (at least {passwords.MIN_LENGTH} characters).")


async def ensure_admin(db: Db, email: str, password: str | None, *, rounds: int) -> str:
    """An admin `email`, as Zou's `create-admin` does: an existing admin is left as is ("exists"), an
    existing non-admin becomes admin ("upgraded"), otherwise "Super Admin" is created with `password`
    ("created"). Flushes, never commits."""
    email = accounts.normalize_email(email) or ""
    person = await accounts.find_by_login(db, email)
    if person is not None:
        if person["role"] == "admin":
            return "exists"
        await db.execute(update(Person).where(Person.id == person["id"]).values(role="admin", updated_at=utcnow()))
        return "upgraded"
    check_new_admin(email, password)
    await accounts.create_person(db, email=email, password=password, first_name="Super", last_name="Admin",
                                 role="admin", rounds=rounds)
    return "created"


@dataclass
class FirstRun:
    admin_email: str
    admin_password: str
    demo: DemoSummary | None


async def first_run(engine: AsyncEngine, *, admin_email: str | None, admin_password: str | None, rounds: int,
                    demo: bool = True, progress: Progress = lambda _msg: None) -> FirstRun | None:
    """On an empty database: every table and Zou's default rows, an admin (`admin_email` or
    admin@example.com; `admin_password` or a generated one) and, with `demo`, the demo production.
    None when the database was not empty (nothing is done then)."""
    if not await is_empty(engine):
        return None
    email = admin_email or DEFAULT_ADMIN_EMAIL
    password = admin_password or generate_password()
    check_new_admin(accounts.normalize_email(email) or "", password)
    progress("creating the tables and Zou's default rows")
    await init_database(engine)
    async with sessionmaker(engine)() as session:
        db = Db(session)
        progress(f"creating the admin {email}")
        await ensure_admin(db, email, password, rounds=rounds)
        summary = None
        if demo:
            progress("loading the demo production")
            summary = await load_demo(db, rounds=rounds, progress=lambda m: progress(f"  demo: {m}"))
        await db.commit()
    return FirstRun(email, password, summary)
