"""The request context shared by GraphQL fields and REST handlers."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from domain import errors
from domain.db import Db
from domain.events import EventBus
from resolvers.loaders import Loaders

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor")


@dataclass(frozen=True)
class CurrentUser:
    id: uuid.UUID
    role: str
    is_bot: bool
    identity_type: str  # "person", "bot", "person_api"
    person: dict[str, Any]  # the person row (secrets included: never serialize it whole)
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass
class Context:
    db: Db
    settings: Any
    user: CurrentUser | None = None
    loaders: Loaders = None  # type: ignore[assignment]
    events: EventBus = field(default_factory=EventBus)
    user_agent: str = ""
    # set by the gateway when a token was sent but could not be accepted (GraphQL reports it lazily)
    auth_error: errors.DomainError | None = None

    def __post_init__(self) -> None:
        if self.loaders is None:
            self.loaders = Loaders(self.db)

    def require_user(self) -> CurrentUser:
        if self.user is None:
            raise self.auth_error or errors.Unauthenticated(
                "Missing JWT in cookies or headers", body={"msg": MISSING_JWT})
        return self.user

    async def commit(self) -> None:
        """Commit the request's writes, then store and publish their events, then forget cached reads."""
        await self.db.commit()
        await self.events.store(self.db)
        self.loaders.clear()


MISSING_JWT = ('Missing JWT in cookies or headers (Missing cookie "access_token_cookie"; '
               "Missing Authorization Header)")
