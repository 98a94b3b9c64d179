"""The select of the root list of persons, with its filters."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import exists, func, or_, select

from domain.batch import where_all
from domain.tables import DepartmentLink, Person, ProjectPersonLink


def people_listing(db, *, name: str | None = None, role: str | None = None, active: bool | None = None,
                   department_id: uuid.UUID | None = None, updated_since: datetime | None = None,
                   team_of_projects: Iterable[uuid.UUID] | None = None, me: uuid.UUID | None = None):
    """Persons by name; `name` is a part of the full name (any case); `team_of_projects` keeps the people of
    those projects' teams (and `me`)."""
    full = func.lower(Person.first_name + " " + Person.last_name)
    in_teams = None
    if team_of_projects is not None:
        projects = list(team_of_projects)
        members = exists(select(ProjectPersonLink.person_id).where(
            ProjectPersonLink.person_id == Person.id,
            db.in_keys(ProjectPersonLink.project_id, projects))) if projects else None
        in_teams = or_(Person.id == me, members) if members is not None else Person.id == me
    in_department = exists(select(DepartmentLink.person_id).where(
        DepartmentLink.person_id == Person.id, DepartmentLink.department_id == department_id)) \
        if department_id is not None else None
    return where_all(
        select(Person.__table__).where(Person.preview_project_id.is_(None)),
        full.contains(name.lower(), autoescape=True) if name else None,
        Person.role == role if role else None,
        (Person.active.is_(True) if active else Person.active.isnot(True)) if active is not None else None,
        Person.updated_at >= updated_since if updated_since is not None else None,
        in_department, in_teams,
    ).order_by(Person.first_name, Person.last_name, Person.id)
