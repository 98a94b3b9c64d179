"""Time spents and day offs."""
from __future__ import annotations

from datetime import date

import strawberry

import resolvers.people
import resolvers.tasks
from schema.fields import relation
from schema.scalars import DateTime


@strawberry.type(description="Time logged by a person on a task on one day (minutes).")
class TimeSpent:
    id: strawberry.ID
    duration: float
    date: date
    task_id: strawberry.ID | None
    person_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.tasks.tasks_by_ids, key="task_id")
    def task(self) -> Task | None:
        """The task the time was spent on (null outside what the caller sees)."""

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """Who logged the time."""


@strawberry.type(description="A person's absence from `date` to `endDate` (included).")
class DayOff:
    id: strawberry.ID
    date: date
    end_date: date
    description: str | None
    person_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """Who is away."""


from schema.people import Person  # noqa: E402
from schema.tasks import Task  # noqa: E402
