"""A small production to test permissions against: one project whose team holds one person of each role,
a sequence with two shots, one task on each, and people outside the team.

    w = await team_world(db, settings)
    r = await client.get(url, headers=w.auth("user"))
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select

from domain import tokens
from domain.base import new_id, utcnow
from domain.tables import (Department, DepartmentLink, Entity, EntityType, Person, Project, ProjectPersonLink,
                           ProjectStatus, Task, TaskPersonLink, TaskStatus, TaskType)

# key: (global role, in the team, per-project role)
PEOPLE = {
    "admin": ("admin", False, None),
    "manager": ("manager", True, None),
    "teammgr": ("user", True, "manager"),  # an artist globally, manager of this production
    "user": ("user", True, None),
    "super": ("supervisor", True, None),
    "client": ("client", True, None),
    "vendor": ("vendor", True, None),
    "outsider": ("user", False, None),
    "outmgr": ("manager", False, None),  # a manager, but not of this production
}


@dataclass
class World:
    secret: str
    people: dict[str, uuid.UUID] = field(default_factory=dict)
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def __getattr__(self, name: str) -> uuid.UUID:
        try:
            return self.ids[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def token(self, who: str) -> str:
        return tokens.make_token(tokens.TokenConfig(self.secret), self.people[who], kind="access")

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(who)}"}


async def _insert(db, table, **values) -> uuid.UUID | None:
    now = utcnow()
    row_id = values.setdefault("id", new_id()) if "id" in table.__table__.c else None
    if "created_at" in table.__table__.c:
        values.setdefault("created_at", now)
        values.setdefault("updated_at", now)
    await db.execute(insert(table.__table__).values(**values))
    return row_id


async def _existing_or_new(db, table, match: dict, **values) -> uuid.UUID:
    """The row matching `match` (the seed may have made it), else a new one."""
    found = await db.scalars(select(table.id).where(*[getattr(table, k) == v for k, v in match.items()]))
    return found[0] if found else await _insert(db, table, **match, **values)


async def make_person(db, first_name: str, last_name: str, *, role: str = "user", **values) -> uuid.UUID:
    defaults = dict(email=f"{first_name}.{last_name}@example.com".lower(), active=True, is_bot=False,
                    is_guest=False, has_avatar=False, desktop_login="", contract_type="open-ended")
    return await _insert(db, Person, first_name=first_name, last_name=last_name, role=role, **{**defaults, **values})


async def make_task(db, w: World, entity: uuid.UUID, assignees: list[str], *, project: uuid.UUID | None = None,
                    name: str = "main") -> uuid.UUID:
    task = await _insert(db, Task, name=name, project_id=project or w.project, entity_id=entity,
                         task_type_id=w.animation, task_status_id=w.wip, difficulty=3, duration=0.0)
    for who in assignees:
        await _insert(db, TaskPersonLink, task_id=task, person_id=w.people[who])
    return task


async def team_world(db, settings) -> World:
    w = World(secret=settings.secret_key)
    ids = w.ids
    ids["animation_dep"] = await _existing_or_new(db, Department, {"name": "Animation"}, color="#009688")
    ids["modeling_dep"] = await _existing_or_new(db, Department, {"name": "Modeling"}, color="#78909C")
    for key, (role, _, _) in PEOPLE.items():
        w.people[key] = await make_person(db, "TB", key.capitalize(), role=role)
    await _insert(db, DepartmentLink, person_id=w.people["super"], department_id=ids["animation_dep"])
    open_id = await _existing_or_new(db, ProjectStatus, {"name": "Open"}, color="#000000")
    ids["project"] = await _insert(db, Project, name="TB Film", production_type="featurefilm",
                                   production_style="2d3d", project_status_id=open_id, revision_padding=0)
    ids["project2"] = await _insert(db, Project, name="TB Other", production_type="featurefilm",
                                    production_style="2d3d", project_status_id=open_id, revision_padding=0)
    for key, (_, in_team, project_role) in PEOPLE.items():
        if in_team:
            await _insert(db, ProjectPersonLink, project_id=ids["project"], person_id=w.people[key], role=project_role)
    ids["animation"] = await _existing_or_new(db, TaskType, {"name": "Animation", "for_entity": "Shot"},
                                              color="#009688", priority=3, department_id=ids["animation_dep"])
    ids["wip"] = await _existing_or_new(db, TaskStatus, {"short_name": "wip"}, name="Work In Progress",
                                        color="#3273dc")
    seq_type = await _existing_or_new(db, EntityType, {"name": "Sequence"})
    shot_type = await _existing_or_new(db, EntityType, {"name": "Shot"})
    ids["seq"] = await _insert(db, Entity, name="SQ01", project_id=ids["project"], entity_type_id=seq_type,
                               status="running", is_shared=False)
    ids["sh1"] = await _insert(db, Entity, name="SH010", project_id=ids["project"], entity_type_id=shot_type,
                               parent_id=ids["seq"], status="running", is_shared=False)
    ids["sh2"] = await _insert(db, Entity, name="SH020", project_id=ids["project"], entity_type_id=shot_type,
                               parent_id=ids["seq"], status="running", is_shared=False)
    ids["t1"] = await make_task(db, w, ids["sh1"], ["user", "vendor", "manager", "teammgr"])
    ids["t2"] = await make_task(db, w, ids["sh2"], ["user"])
    return w


def day(text: str) -> date:
    return date.fromisoformat(text)
