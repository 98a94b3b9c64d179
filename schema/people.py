"""Persons, departments, the organisation and salary scales."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

import resolvers.activity
import resolvers.people
import resolvers.search_filters
import resolvers.studio
import resolvers.tasks
import resolvers.timesheets
from schema.fields import computed, relation
from schema.scalars import JSON, DateTime

From = Annotated[date | None, strawberry.argument(name="from", description="First day (included).")]
To = Annotated[date | None, strawberry.argument(description="Last day (included).")]


@strawberry.type(description="A person of the studio. Admins and managers see every field (the daily "
                             "salary: admins), anyone their own; others see the minimal fields, the rest null.")
class Person:
    id: strawberry.ID
    first_name: str
    last_name: str
    role: str
    is_bot: bool
    is_guest: bool
    active: bool | None
    has_avatar: bool | None
    desktop_login: str | None
    studio_id: strawberry.ID | None
    email: str | None
    phone: str | None
    archived: bool | None
    position: str | None
    seniority: str | None
    contract_type: str | None
    daily_salary: int | None
    timezone: str | None
    locale: str | None
    last_presence: date | None
    expiration_date: date | None
    data: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @computed(resolvers.people.full_name)
    def full_name(self) -> str:
        """First and last name."""

    @relation(resolvers.people.person_departments)
    def departments(self) -> list[Department]:
        """The person's departments."""

    @relation(resolvers.tasks.person_tasks)
    def tasks(self, task_type_id: strawberry.ID | None = None, task_status_id: strawberry.ID | None = None,
              updated_since: DateTime | None = None) -> list[Task]:
        """The tasks assigned to the person, within the projects the caller sees."""

    @relation(resolvers.timesheets.person_time_spents)
    def time_spents(self, from_: From = None, to: To = None) -> list[TimeSpent] | None:
        """The time the person logged (their own or an admin: all; a manager: on the projects they manage)."""

    @relation(resolvers.timesheets.person_day_offs)
    def day_offs(self, from_: From = None, to: To = None) -> list[DayOff] | None:
        """The person's day offs intersecting the period (own, admin, managers and supervisors of a team
        they share)."""

    @relation(resolvers.search_filters.person_search_filters)
    def search_filters(self) -> list[SearchFilter] | None:
        """The person's saved searches (their own only)."""

    @relation(resolvers.search_filters.person_search_filter_groups)
    def search_filter_groups(self) -> list[SearchFilterGroup] | None:
        """The person's groups of saved searches (their own only)."""

    @relation(resolvers.activity.person_notifications)
    def notifications(self, read: bool | None = None, limit: int = 100) -> list[Notification] | None:
        """The person's notifications, newest first (their own only)."""


@strawberry.type
class Department:
    id: strawberry.ID
    name: str
    color: str
    archived: bool | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.studio.department_salary_scales)
    def salary_scales(self) -> list[SalaryScale]:
        """The department's salary grid (admins)."""


@strawberry.type
class SalaryScale:
    id: strawberry.ID
    department_id: strawberry.ID
    position: str | None
    seniority: str | None
    salary: int
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.studio.departments, key="department_id")
    def department(self) -> Department | None:
        """The department of the scale."""


@strawberry.type(description="The studio's settings (chat tokens are not exposed).")
class Organisation:
    id: strawberry.ID
    name: str
    hours_by_day: float
    has_avatar: bool | None
    use_original_file_name: bool | None
    timesheets_locked: bool | None
    format_duration_in_hours: bool | None
    hd_by_default: bool | None
    dark_theme_by_default: bool | None
    created_at: DateTime | None
    updated_at: DateTime | None


from schema.activity import Notification  # noqa: E402
from schema.search_filters import SearchFilter, SearchFilterGroup  # noqa: E402
from schema.tasks import Task  # noqa: E402
from schema.time import DayOff, TimeSpent  # noqa: E402
