"""The default rows a fresh Zou 1.0.97 database holds after `zou init-db` and `zou init-data` (3D domain):
project statuses, departments, entity types (shot-side, concept and asset types), task types and task
statuses, with the values read from such a database. Written only where missing, so running it again, or on
a database that already has some of them, changes nothing that exists."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.base import new_id, utcnow
from domain.tables import AlembicVersion, Department, EntityType, ProjectStatus, TaskStatus, TaskType

# Zou's last migration in 1.0.97; a Zou pointed at this database then sees its schema as current.
ALEMBIC_HEAD = "b8e3d1f6a2c9"

PROJECT_STATUSES = [("Open", "#000000"), ("Closed", "#000000")]

DEPARTMENTS = [
    ("Modeling", "#78909C"),
    ("Animation", "#009688"),
    ("FX", "#26C6DA"),
    ("Compositing", "#F06292"),
    ("Concept", "#8D6E63"),
    ("Layout", "#7CB342"),
]

SHOT_SIDE_ENTITY_TYPES = ["Shot", "Scene", "Sequence", "Episode", "Edit", "Concept", "ConceptFolder"]
ASSET_TYPES = ["Character", "Prop", "Environment", "FX"]

# (name, colour, priority, for_entity, department name or None)
TASK_TYPES = [
    ("Concept", "#8D6E63", 1, "Concept", None),
    ("Concept", "#8D6E63", 1, "Asset", "Concept"),
    ("Modeling", "#78909C", 2, "Asset", "Modeling"),
    ("Shading", "#64B5F6", 3, "Asset", "Modeling"),
    ("Rigging", "#9CCC65", 4, "Asset", "Animation"),
    ("Storyboard", "#43A047", 1, "Shot", "Concept"),
    ("Layout", "#7CB342", 2, "Shot", "Layout"),
    ("Animation", "#009688", 3, "Shot", "Animation"),
    ("Lighting", "#F9A825", 4, "Shot", "Compositing"),
    ("FX", "#26C6DA", 5, "Shot", "FX"),
    ("Rendering", "#F06292", 6, "Shot", "Compositing"),
    ("Compositing", "#ff5252", 7, "Shot", "Compositing"),
    ("Edit", "#9b298c", 8, "Edit", "Compositing"),
]

_STATUS_FLAGS = ("is_done", "is_retake", "is_feedback_request", "is_default", "is_wip", "for_concept")
# (name, short name, colour, the flags that are true; the others are false)
TASK_STATUSES = [
    ("Todo", "todo", "#f5f5f5", {"is_default"}),
    ("Work In Progress", "wip", "#3273dc", {"is_wip"}),
    ("Waiting For Approval", "wfa", "#ab26ff", {"is_feedback_request"}),
    ("Retake", "retake", "#ff3860", {"is_retake"}),
    ("Done", "done", "#22d160", {"is_done"}),
    ("Ready To Start", "ready", "#fbc02d", set()),
    ("Neutral", "neutral", "#CCCCCC", {"is_default", "for_concept"}),
    ("Approved", "approved", "#66BB6A", {"for_concept"}),
    ("Rejected", "rejected", "#E81123", {"for_concept"}),
]


def _stamped(row: dict) -> dict:
    now = utcnow()
    return {"id": new_id(), "created_at": now, "updated_at": now, **row}


async def _insert(conn: AsyncConnection, table, rows: list[dict]) -> None:
    if rows:
        await conn.execute(insert(table), [_stamped(r) for r in rows])


async def _names(conn: AsyncConnection, column) -> set:
    return set((await conn.execute(select(column))).scalars())


async def seed_alembic_version(conn: AsyncConnection) -> None:
    if not (await _names(conn, AlembicVersion.version_num)):
        await conn.execute(insert(AlembicVersion), [{"version_num": ALEMBIC_HEAD}])


async def seed_project_statuses(conn: AsyncConnection) -> None:
    have = await _names(conn, ProjectStatus.name)
    await _insert(conn, ProjectStatus, [{"name": n, "color": c} for n, c in PROJECT_STATUSES if n not in have])


async def seed_departments(conn: AsyncConnection) -> None:
    have = await _names(conn, Department.name)
    await _insert(conn, Department, [{"name": n, "color": c, "archived": False}
                                     for n, c in DEPARTMENTS if n not in have])


async def seed_entity_types(conn: AsyncConnection) -> None:
    have = await _names(conn, EntityType.name)
    await _insert(conn, EntityType, [{"name": n, "short_name": None, "description": None, "archived": False}
                                     for n in SHOT_SIDE_ENTITY_TYPES + ASSET_TYPES if n not in have])


async def seed_task_types(conn: AsyncConnection) -> None:
    have = set((await conn.execute(select(TaskType.name, TaskType.for_entity))).all())
    departments = dict((await conn.execute(select(Department.name, Department.id))).all())
    await _insert(conn, TaskType, [
        {"name": name, "short_name": "", "description": None, "color": color, "priority": priority,
         "for_entity": for_entity, "allow_timelog": True, "archived": False, "shotgun_id": None,
         "department_id": departments.get(department) if department else None}
        for name, color, priority, for_entity, department in TASK_TYPES if (name, for_entity) not in have])


async def seed_task_statuses(conn: AsyncConnection) -> None:
    have = set((await conn.execute(select(TaskStatus.name))).scalars())
    short_names = set((await conn.execute(select(TaskStatus.short_name))).scalars())
    await _insert(conn, TaskStatus, [
        {"name": name, "short_name": short, "description": None, "color": color, "priority": 1,
         "archived": False, "is_artist_allowed": True, "is_client_allowed": True, "shotgun_id": None,
         **{flag: flag in flags for flag in _STATUS_FLAGS}}
        for name, short, color, flags in TASK_STATUSES if name not in have and short not in short_names])


async def seed_defaults(conn: AsyncConnection) -> None:
    await seed_alembic_version(conn)
    await seed_project_statuses(conn)
    await seed_departments(conn)
    await seed_entity_types(conn)
    await seed_task_types(conn)
    await seed_task_statuses(conn)
