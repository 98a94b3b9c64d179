"""Persons and departments."""
from __future__ import annotations

from datetime import date

import strawberry

import resolvers.people
import resolvers.tasks
from schema.fields import computed, relation
from schema.scalars import JSON, DateTime


@strawberry.type(description="A person of the studio (artist, manager, client, bot...).")
class Person:
    id: strawberry.ID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    active: bool | None
    archived: bool | None
    role: str
    position: str | None
    seniority: str | None
    contract_type: str
    timezone: str | None
    locale: str | None
    desktop_login: str | None
    has_avatar: bool | None
    is_bot: bool
    is_guest: bool
    last_presence: date | None
    expiration_date: date | None
    studio_id: strawberry.ID | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @computed(resolvers.people.full_name)
    def full_name(self) -> str:
        """First and last name."""

    @relation(resolvers.tasks.person_tasks)
    def tasks(self, task_type_id: strawberry.ID | None = None, task_status_id: strawberry.ID | None = None,
              updated_since: DateTime | None = None) -> list[Task]:
        """The tasks assigned to the person, within the projects the caller sees."""


from schema.tasks import Task  # noqa: E402
