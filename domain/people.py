"""Persons: batch reads and the fields that never leave the server."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from domain.tables import DepartmentLink, Person

SECRET_FIELDS = frozenset({
    "password", "totp_secret", "email_otp_secret", "otp_recovery_codes", "fido_credentials", "jti",
    "login_failed_attemps", "last_login_failed", "oidc_issuer", "oidc_subject", "saml_issuer", "saml_subject",
})


def full_name(row: dict[str, Any]) -> str:
    first, last = row.get("first_name") or "", row.get("last_name") or ""
    return f"{first} {last}" if first and last else f"{first}{last}"


async def persons_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(Person.__table__).where(db.in_keys(Person.id, ids)))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def department_ids_by_person(db, ids: Sequence[uuid.UUID]) -> list[list[uuid.UUID]]:
    rows = await db.rows(select(DepartmentLink.person_id, DepartmentLink.department_id)
                         .where(db.in_keys(DepartmentLink.person_id, ids)))
    out: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    for r in rows:
        out[r["person_id"]].append(r["department_id"])
    return [out[i] for i in ids]


async def person_by_login(db, login: str) -> dict | None:
    """A non-bot person by email (case-insensitive) or desktop login."""
    login = login.strip()
    rows = await db.rows(select(Person.__table__).where(
        (func.lower(Person.email) == login.lower()) | (Person.desktop_login == login)))
    rows = [r for r in rows if not r["is_bot"]]
    # an email match wins over another person's desktop login, as in Zou
    rows.sort(key=lambda r: (r["email"] or "").lower() != login.lower())
    return dict(rows[0]) if rows else None


def safe(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in SECRET_FIELDS}
    out["full_name"] = full_name(row)
    return out
