"""A small studio for comparing executions: two productions, one person of each role, and a little of
everything else (budgets, time, files, comments...)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert

from domain.tables import (AssetInstance, AssetInstanceLink, Comment, DepartmentLink, FileStatus, News, Notification,
                           OutputFile, OutputType, PreviewFile, ProjectPersonLink, SalaryScale, SearchFilter,
                           Software, TaskPersonLink, TimeSpent, WorkingFile)
from factories import (entity_type, insert_row, link, make_budget, make_budget_entry, make_day_off, make_department,
                       make_entity, make_metadata_descriptor, make_person, make_search_filter_group)
from gql_production import Production, build_production

Row = dict[str, Any]


@dataclass
class World:
    people: dict[str, Row]
    main: Production  # the team: manager, artist, vendor, client (roles per project)
    other: Production  # only the admin and the outsider's team
    scene: Row
    edit: Row
    departments: list[Row]
    budget: Row


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
    departments = [await make_department(db, name=f"World Dept {i}") for i in range(2)]
    budget = await _studio_life(db, people, main, other, departments)
    return World(people, main, other, scene, edit, departments, budget)


async def _studio_life(db, people: dict[str, Row], main: Production, other: Production, departments: list[Row]):
    """Budgets, time, day offs, files, comments, news, notifications, saved searches, asset instances."""
    dept_a, dept_b = departments
    for role, dept in (("supervisor", dept_a), ("user", dept_a), ("vendor", dept_b)):
        await link(db, DepartmentLink, person_id=people[role]["id"], department_id=dept["id"])
    await link(db, DepartmentLink, person_id=main.artists[0]["id"], department_id=dept_a["id"])
    await link(db, DepartmentLink, person_id=main.artists[1]["id"], department_id=dept_b["id"])
    for position in ("artist", "lead"):
        await insert_row(db, SalaryScale, department_id=dept_a["id"], position=position, seniority="mid",
                         salary=300 if position == "artist" else 400)

    budget = await make_budget(db, project=main.project, name="World budget")
    await make_budget(db, project=main.project, name="World budget v2", revision=2)
    await make_budget_entry(db, budget=budget, department=dept_a, person=main.artists[0])
    await make_budget_entry(db, budget=budget, department=dept_b, months_duration=6, daily_salary=250.5)
    await make_budget(db, project=other.project, name="Other budget")

    for n, task in enumerate(main.tasks[:6]):
        artist = main.artists[n % len(main.artists)]
        await insert_row(db, TimeSpent, task_id=task["id"], person_id=artist["id"], duration=30.0 * (n + 1),
                         date=date(2025, 3, 3 + n))
    await insert_row(db, TimeSpent, task_id=other.tasks[0]["id"], person_id=other.artists[0]["id"], duration=45.0,
                     date=date(2025, 3, 4))
    await insert_row(db, TimeSpent, task_id=main.tasks[0]["id"], person_id=people["user"]["id"], duration=15.0,
                     date=date(2025, 3, 5))
    for person in (main.artists[0], main.artists[1], people["user"], other.artists[0]):
        await make_day_off(db, person=person, day=date(2025, 3, 10), end=date(2025, 3, 12), description="holiday")

    file_status = await insert_row(db, FileStatus, name="World created", color="#000000")
    output_type = await insert_row(db, OutputType, name="World cache", short_name="wcache")
    software = await insert_row(db, Software, name="World Blender", short_name="wbl", file_extension="blend")
    for n, task in enumerate(main.tasks[:4]):
        await insert_row(db, PreviewFile, task_id=task["id"], person_id=main.artists[0]["id"], revision=n + 1,
                         position=1, name=f"preview{n}", extension="mp4", status="ready", validation_status="neutral",
                         file_size=2 ** 33 + n, is_movie=True, annotations=[])
        await insert_row(db, WorkingFile, task_id=task["id"], entity_id=task["entity_id"], revision=1, size=10,
                         name=f"work{n}", software_id=software["id"], person_id=main.artists[1]["id"])
    await insert_row(db, OutputFile, entity_id=main.shots[0]["id"], name="out", revision=1, canceled=False,
                     file_status_id=file_status["id"], output_type_id=output_type["id"],
                     task_type_id=main.tasks[0]["task_type_id"])

    comments = []
    for n, task in enumerate(main.tasks[:3]):
        author = people["client"] if n == 2 else main.artists[0]
        comments.append(await insert_row(db, Comment, object_id=task["id"], object_type="Task", text=f"note {n}",
                                         person_id=author["id"], task_status_id=task["task_status_id"],
                                         for_client=(n == 1), pinned=False, links=["a", "b"], replies=[],
                                         checklist=[], data={}))
        await insert_row(db, News, change=n == 0, author_id=author["id"], task_id=task["id"],
                         comment_id=comments[-1]["id"])
    for role in ("user", "vendor"):
        await insert_row(db, Notification, read=False, change=False, type="comment", person_id=people[role]["id"],
                         author_id=main.artists[0]["id"], task_id=main.tasks[0]["id"], comment_id=comments[0]["id"])

    await make_metadata_descriptor(db, project=main.project, name="World difficulty", entity_type="Shot",
                                   for_client=False)
    await make_metadata_descriptor(db, project=main.project, name="World client note", entity_type="Shot",
                                   for_client=True)
    await make_metadata_descriptor(db, project=main.project, name="World fx note", entity_type="Shot",
                                   departments=[dept_b])
    await make_metadata_descriptor(db, project=main.project, name="World rig note", entity_type="Asset",
                                   departments=[dept_a])

    group = await make_search_filter_group(db, person=people["user"], project=main.project, name="World group")
    await insert_row(db, SearchFilter, list_type="shot", name="World retakes", search_query="retake",
                     person_id=people["user"]["id"], project_id=main.project["id"],
                     search_filter_group_id=group["id"])
    await insert_row(db, SearchFilter, list_type="asset", name="World props", search_query="prop",
                     person_id=people["manager"]["id"], project_id=main.project["id"])

    instance = await insert_row(db, AssetInstance, asset_id=main.assets[0]["id"], name="inst", number=1,
                                active=True, data={})
    await link(db, AssetInstanceLink, entity_id=main.shots[0]["id"], asset_instance_id=instance["id"])
    return budget
