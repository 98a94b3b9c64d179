"""Who belongs where: persons' departments and project teams, departments and their salary scales."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, one_per_key
from domain.tables import Department, DepartmentLink, ProjectPersonLink, SalaryScale


async def departments_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(Department.__table__).where(db.in_keys(Department.id, ids)))
    return one_per_key(rows, "id", ids)


async def all_departments(db, *, archived: bool | None = None) -> list[Row]:
    stmt = select(Department.__table__)
    if archived is not None:
        stmt = stmt.where(Department.archived.is_(True) if archived else Department.archived.isnot(True))
    return await fetch(db, stmt.order_by(Department.name, Department.id))


async def departments_for_persons(db, person_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(Department.__table__, DepartmentLink.person_id.label("member_id"))
                       .join(DepartmentLink, DepartmentLink.department_id == Department.id)
                       .where(db.in_keys(DepartmentLink.person_id, person_ids))
                       .order_by(Department.name, Department.id))
    return many_per_key(rows, "member_id", person_ids)


async def team_roles_for_persons(db, person_ids: Sequence[uuid.UUID]) -> list[dict[uuid.UUID, str | None]]:
    """Each person's {project_id: per-project role} over the teams they are in."""
    rows = await fetch(db, select(ProjectPersonLink.person_id, ProjectPersonLink.project_id, ProjectPersonLink.role)
                       .where(db.in_keys(ProjectPersonLink.person_id, person_ids)))
    return [{r["project_id"]: r["role"] for r in group} for group in many_per_key(rows, "person_id", person_ids)]


async def salary_scales_for_departments(db, department_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    rows = await fetch(db, select(SalaryScale.__table__).where(db.in_keys(SalaryScale.department_id, department_ids))
                       .order_by(SalaryScale.position, SalaryScale.seniority, SalaryScale.id))
    return many_per_key(rows, "department_id", department_ids)


async def all_salary_scales(db) -> list[Row]:
    return await fetch(db, select(SalaryScale.__table__).order_by(SalaryScale.department_id, SalaryScale.position,
                                                                   SalaryScale.seniority, SalaryScale.id))
