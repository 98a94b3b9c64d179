"""Zou's events: recorded by writes during a request, stored in `api_event` after the commit,
then handed to the delivery bus (broadcaster)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import insert

from domain.base import new_id, utcnow
from domain.tables import ApiEvent


@dataclass(frozen=True)
class Event:
    name: str
    data: dict[str, Any]
    project_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None


class Publisher(Protocol):
    async def publish(self, channel: str, message: str) -> None: ...


@dataclass
class EventBus:
    """Events recorded during one request; `store` writes them once the data is committed."""

    publisher: Publisher | None = None
    pending: list[Event] = field(default_factory=list)

    def record(self, name: str, data: dict[str, Any], *, project_id=None, user_id=None) -> None:
        self.pending.append(Event(name, data, project_id, user_id))

    def discard(self) -> None:
        self.pending.clear()

    async def store(self, db) -> list[Event]:
        events, self.pending = self.pending, []
        if not events:
            return []
        await db.execute(insert(ApiEvent), [
            {"id": new_id(), "name": e.name, "data": _jsonable(e.data), "project_id": e.project_id,
             "user_id": e.user_id, "created_at": utcnow(), "updated_at": utcnow()}
            for e in events
        ])
        await db.commit()
        if self.publisher is not None:
            import orjson

            for e in events:
                await self.publisher.publish("events", orjson.dumps(
                    {"name": e.name, "data": _jsonable(e.data),
                     "project_id": str(e.project_id) if e.project_id else None}).decode())
        return events


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in data.items()}
