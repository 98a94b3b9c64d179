"""Production budgets and their entries (managers of the production)."""
from __future__ import annotations

from datetime import date

import strawberry

import resolvers.people
import resolvers.production_budgets
import resolvers.projects
import resolvers.studio
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type
class Budget:
    id: strawberry.ID
    project_id: strawberry.ID | None
    revision: int
    name: str
    currency: str | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.projects.projects_by_ids, key="project_id")
    def project(self) -> Project | None:
        """The budget's production."""

    @relation(resolvers.production_budgets.budget_entries, key=None)
    def entries(self) -> list[BudgetEntry]:
        """The budget's lines."""


@strawberry.type(description="One line of a budget: a position in a department for some months.")
class BudgetEntry:
    id: strawberry.ID
    budget_id: strawberry.ID
    department_id: strawberry.ID
    person_id: strawberry.ID | None
    start_date: date
    months_duration: int
    daily_salary: float
    position: str | None
    seniority: str | None
    exceptions: JSON | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.studio.departments, key="department_id")
    def department(self) -> Department | None:
        """The entry's department."""

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """The person planned on this line, if any."""


from schema.people import Department, Person  # noqa: E402
from schema.projects import Project  # noqa: E402
