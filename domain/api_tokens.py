"""API tokens (spec auth.md §7): one non-refreshable access token per person, for bots (`identity_type`
"bot") and for persons' scripts ("person_api"). Its jti is kept in `person.jti`; a token is valid only
while its jti is that one, so issuing a new token revokes the previous one."""
from __future__ import annotations

import uuid
from datetime import datetime, time

from sqlalchemy import update

from domain import tokens
from domain.base import utcnow
from domain.tables import Person
from domain.two_factor import person_row


def identity_of(person: dict) -> str:
    return "bot" if person.get("is_bot") else "person_api"


async def issue(db, cfg: tokens.TokenConfig, person_id: uuid.UUID) -> str:
    """A new API token for the person (the previous one stops working). It expires at the end of the
    person's `expiration_date` when there is one, never otherwise. Flushes, never commits."""
    person = await person_row(db, person_id)
    expires = False
    if person.get("expiration_date") is not None:
        expires = datetime.combine(person["expiration_date"], time.max) - utcnow()
    jti = str(uuid.uuid4())
    token = tokens.make_token(cfg, person_id, kind="access", identity_type=identity_of(person), expires=expires,
                              jti=jti)
    await db.execute(update(Person).where(Person.id == person_id).values(jti=jti))
    return token
