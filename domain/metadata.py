"""Metadata descriptors (the custom columns of a production's lists): batch reads with their departments."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, one_per_key
from domain.tables import DepartmentMetadataDescriptorLink, MetadataDescriptor

DESCRIPTOR = MetadataDescriptor.__table__


async def _with_departments(db, rows: list[Row]) -> list[Row]:
    ids = [r["id"] for r in rows]
    if ids:
        links = await fetch(db, select(DepartmentMetadataDescriptorLink.__table__).where(
            db.in_keys(DepartmentMetadataDescriptorLink.metadata_descriptor_id, ids)))
        groups = many_per_key(links, "metadata_descriptor_id", ids)
        for r, group in zip(rows, groups):
            r["department_ids"] = [link["department_id"] for link in group]
    return rows


async def descriptors_for_projects(db, project_ids: Sequence[uuid.UUID], *, entity_type: str | None = None
                                   ) -> list[list[Row]]:
    """Each project's descriptors (by entity type, position, name), each with `department_ids`."""
    stmt = select(DESCRIPTOR).where(db.in_keys(MetadataDescriptor.project_id, project_ids))
    if entity_type:
        stmt = stmt.where(MetadataDescriptor.entity_type == entity_type)
    rows = await fetch(db, stmt.order_by(MetadataDescriptor.entity_type, MetadataDescriptor.position,
                                         MetadataDescriptor.name, MetadataDescriptor.id))
    return many_per_key(await _with_departments(db, rows), "project_id", project_ids)


async def descriptors_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    rows = await fetch(db, select(DESCRIPTOR).where(db.in_keys(MetadataDescriptor.id, ids)))
    return one_per_key(await _with_departments(db, rows), "id", ids)
