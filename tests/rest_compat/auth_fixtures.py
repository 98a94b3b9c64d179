"""Helpers shared by the account tests (login, 2FA): cheap bcrypt, persons with a password, logins."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from domain import accounts
from domain.tables import Person
from gateway.settings import Settings

PASSWORD = "secret-pass-1"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
GAZU_UA = "CGWire Gazu 1.3.1"


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    """The suite's settings with bcrypt at cost 4 (12 costs 0.25 s a hash; 16 recovery codes a login)."""
    return Settings(database_url=database_url, secret_key="test-secret-" + "x" * 32,
                    preview_folder=tmp_path / "previews", bcrypt_rounds=4)


async def make_person(db, email: str = "jane@example.com", *, password: str | None = PASSWORD, role: str = "user",
                      commit: bool = True, **kw) -> dict:
    person = await accounts.create_person(db, email=email, password=password, first_name="Jane", last_name="Doe",
                                          role=role, rounds=4, **kw)
    if commit:
        await db.commit()
    return person


async def set_columns(db, person_id, **values) -> None:
    await db.execute(update(Person).where(Person.id == person_id).values(**values))
    await db.commit()


async def login(client, email: str = "jane@example.com", password: str = PASSWORD, *, ua: str = GAZU_UA, **extra):
    return await client.post("/api/auth/login", json={"email": email, "password": password, **extra},
                             headers={"User-Agent": ua})


async def token_of(client, email: str = "jane@example.com", password: str = PASSWORD, **extra) -> str:
    r = await login(client, email, password, **extra)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def bearer(token: str, ua: str = GAZU_UA) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "User-Agent": ua}
