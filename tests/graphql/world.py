"""A small studio for comparing executions: two productions and one person of each role."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert

from domain.tables import ProjectPersonLink, TaskPersonLink
from factories import entity_type, make_entity, make_person
from gql_production import Production, build_production

Row = dict[str, Any]


@dataclass
class World:
    people: dict[str, Row]
    main: Production  # the team: manager, artist, vendor, client (roles per project)
    other: Production  # only the admin and the outsider's team
    scene: Row
    edit: Row


async def build_world(db) -> World:
    people = {role: await make_person(db, role=role, first_name=role.capitalize())
              for role in ("admin", "manager", "user", "vendor", "client", "supervisor")}
    people["outsider"] = await make_person(db, role="user", first_name="Outsider")
    people["promoted"] = await make_person(db, role="user", first_name="Promoted")
    main = await build_production(db, shots=12, name="World Main", shots_per_sequence=4, sequences_per_episode=2,
                                  assets=5, cast_per_shot=2, canceled_every=5,
                                  team=[people["manager"], people["user"], people["vendor"], people["client"],
                                        people["supervisor"], (people["promoted"], "manager")])
    other = await build_production(db, shots=4, name="World Other", assets=2, team=[people["outsider"]])
    # the vendor works on the first shot's first task only
    await db.execute(insert(TaskPersonLink.__table__), [{"task_id": main.tasks[0]["id"],
                                                         "person_id": people["vendor"]["id"]}])
    # the manager is an artist on the other production
    await db.execute(insert(ProjectPersonLink.__table__), [{"project_id": other.project["id"],
                                                            "person_id": people["manager"]["id"], "role": "user"}])
    scene = await make_entity(db, project=main.project, entity_type=await entity_type(db, "Scene"),
                              name="SC01", parent=main.sequences[0]["id"])
    edit = await make_entity(db, project=main.project, entity_type=await entity_type(db, "Edit"),
                             name="Edit01", parent=main.episodes[0]["id"])
    return World(people, main, other, scene, edit)
