"""The generic reads and writes of `/data/<model>` (domain/crud.py) on their own: Zou's casting rules for
filters, pages, collections read in one batch, value casting and link writes."""
from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import select

from domain import crud, errors
from domain.crud_models import MODELS
from domain.tables import ProjectPersonLink, TaskType
from factories import make_department, make_person, make_project, make_task_type

TASK_TYPES = MODELS["task-types"]
PROJECTS = MODELS["projects"]
PERSONS = MODELS["persons"]


async def names(db, model, args) -> set[str]:
    listing = await crud.list_rows(db, model, crud.filter_clauses(db, model, args))
    return {r["name"] for r in listing.rows}


async def test_name_filter_is_case_insensitive_like(db):
    await make_task_type(db, name="Crudtest Anim")
    await make_task_type(db, name="Crudtest Layout")
    assert await names(db, TASK_TYPES, [("name", "crudtest anim")]) == {"Crudtest Anim"}
    assert await names(db, TASK_TYPES, [("name", "crudtest%")]) == {"Crudtest Anim", "Crudtest Layout"}


async def test_list_filter_takes_a_json_array(db):
    a = await make_task_type(db, name="Crudtest A")
    b = await make_task_type(db, name="Crudtest B")
    await make_task_type(db, name="Crudtest C")
    ids = f'["{a["id"]}", "{b["id"]}"]'
    assert await names(db, TASK_TYPES, [("id", ids)]) == {"Crudtest A", "Crudtest B"}
    assert await names(db, TASK_TYPES, [("id", "[]")]) == set()


async def test_equality_filters_cast_values_to_the_column_type(db):
    await make_task_type(db, name="Crudtest P7", priority=7077, archived=True)
    assert await names(db, TASK_TYPES, [("priority", "7077"), ("archived", "YES")]) == {"Crudtest P7"}
    assert await names(db, TASK_TYPES, [("priority", "7077"), ("archived", "off")]) == set()


@pytest.mark.parametrize("args, message, has_data", [
    ([("archived", "maybe")], "Invalid boolean value: maybe", True),
    ([("department_id", "nope")], "Invalid UUID value: nope", True),
    ([("id", "[nope")], "Malformed list filter for field id.", True),
    ([("priority", "high")], "One of the provided values has an invalid format.", False),
    ([("department_id", "")], "One of the provided values has an invalid format.", False),
])
def test_bad_filter_values_are_400s_with_zous_messages(db, args, message, has_data):
    with pytest.raises(errors.InvalidInput) as caught:
        crud.filter_clauses(db, TASK_TYPES, args)
    assert caught.value.message == message
    body = caught.value.body
    assert (body is None) == has_data  # default body {"error", "message", "data"} vs {"error", "message"}


def test_unknown_and_reserved_parameters_are_ignored(db):
    assert crud.filter_clauses(db, TASK_TYPES, [("page", "1"), ("relations", "true"), ("fields", "id"),
                                                ("colour", "red"), ("with_pass_hash", "true")]) == []


def test_a_refused_column_is_400_not_ignored(db):
    with pytest.raises(errors.InvalidInput, match="Filtering on password is not allowed."):
        crud.filter_clauses(db, PERSONS, [("password", "x")], not_allowed={"password"})


async def test_collection_filter_keeps_rows_whose_collection_holds_the_id(db):
    ann = await make_person(db)
    in_team = await make_project(db, team=[ann])
    await make_project(db)
    listing = await crud.list_rows(db, PROJECTS, crud.filter_clauses(db, PROJECTS, [("team", str(ann["id"]))]))
    assert [r["id"] for r in listing.rows] == [in_team["id"]]


async def test_full_name_filters_on_the_computed_name(db):
    person = await make_person(db, first_name="Crudia", last_name="Tester")
    listing = await crud.list_rows(db, PERSONS, crud.filter_clauses(db, PERSONS, [("full_name", "Crudia Tester")]))
    assert [r["id"] for r in listing.rows] == [person["id"]]


async def test_a_page_is_ordered_by_last_update_and_counts_every_match(db):
    for i in range(5):
        await make_task_type(db, name=f"Crudpage {i}", updated_at=datetime(2030, 1, 1 + i))
    where = crud.filter_clauses(db, TASK_TYPES, [("name", "Crudpage%")])
    page = await crud.list_rows(db, TASK_TYPES, where, page=crud.Page(2, 2))
    assert [r["name"] for r in page.rows] == ["Crudpage 2", "Crudpage 1"]
    assert page.envelope([]) == {"data": [], "total": 5, "nb_pages": 3, "limit": 2, "offset": 2, "page": 2}
    past = await crud.list_rows(db, TASK_TYPES, where, page=crud.Page(9, 2))
    assert past.rows == [] and past.total == 5
    zero = await crud.list_rows(db, TASK_TYPES, where, page=crud.Page(0, 2))
    assert zero.rows == [] and zero.envelope([])["offset"] == -2


async def test_every_collection_is_read_in_one_statement(db, count_sql):
    people = [await make_person(db) for _ in range(3)]
    projects = [await make_project(db, team=people[: i + 1]) for i in range(3)]
    rows = [dict(p) for p in projects]
    with count_sql() as counted:
        await crud.with_collections(db, PROJECTS, rows)
    assert counted.count == 1
    assert counted.statements[0].count("UNION ALL") == len(PROJECTS.collections) - 1
    assert [len(r["team"]) for r in rows] == [1, 2, 3]
    assert rows[0]["asset_types"] == []


def test_casting_of_written_values():
    cols = TaskType.__table__.c
    assert crud.cast(cols.priority, "3") == 3
    assert crud.cast(cols.archived, "true") is True
    assert crud.cast(cols.department_id, "6f1c2a8e-0d3c-4c9a-9a34-1d9d3d8a7b10") == uuid.UUID(
        "6f1c2a8e-0d3c-4c9a-9a34-1d9d3d8a7b10")
    project_cols = MODELS["projects"].columns
    assert crud.cast(project_cols["start_date"], "2026-05-01T10:00:00") == date(2026, 5, 1)
    task_cols = MODELS["tasks"].columns
    assert crud.cast(task_cols["due_date"], "2026-05-01T10:00:00Z") == datetime(2026, 5, 1, 10)
    assert crud.cast(task_cols["due_date"], "2026-05-01T12:00:00+02:00") == datetime(2026, 5, 1, 10)
    for column, value in [(cols.priority, "x"), (cols.department_id, "nope"), (cols.name, "n" * 41),
                          (cols.archived, "perhaps"), (project_cols["start_date"], "")]:
        with pytest.raises(crud.CastError):
            crud.cast(column, value)


def test_create_rejects_an_unknown_key_and_update_ignores_it():
    with pytest.raises(errors.InvalidInput) as caught:
        crud.split_values(TASK_TYPES, {"name": "x", "colour": "red"}, strict=True)
    assert caught.value.body == {"message": "'colour' is an invalid keyword argument for TaskType"}
    values, links = crud.split_values(TASK_TYPES, {"name": "x", "colour": "red"}, strict=False)
    assert values == {"name": "x"} and links == {}


def test_update_dates_must_be_iso_8601():
    crud.check_dates(PROJECTS, {"start_date": "2026-05-01", "end_date": "", "name": "not a date"})
    with pytest.raises(errors.InvalidInput, match="Invalid date format for 'end_date': '2026-04-'"):
        crud.check_dates(PROJECTS, {"end_date": "2026-04-"})


async def test_insert_applies_defaults_and_links_known_ids_only(db):
    ann = await make_person(db)
    values, links = crud.split_values(PROJECTS, {"name": "Crud links", "team": [str(ann["id"]),
                                                                               str(uuid.uuid4())]}, strict=True)
    project_id = await crud.insert_row(db, PROJECTS, {**values, "project_status_id": None}, links)
    row = await crud.row_by_id(db, PROJECTS, project_id)
    assert row["fps"] == "25" and row["production_style"] == "2d3d"
    team = await db.scalars(select(ProjectPersonLink.person_id).where(ProjectPersonLink.project_id == project_id))
    assert team == [ann["id"]]


async def test_update_replaces_a_collection(db):
    ann, bob = await make_person(db), await make_person(db)
    project = await make_project(db, team=[ann])
    await crud.update_row(db, PROJECTS, project["id"], {"description": "x"}, {"team": [{"id": str(bob["id"])}]})
    team = await db.scalars(select(ProjectPersonLink.person_id).where(ProjectPersonLink.project_id == project["id"]))
    assert team == [bob["id"]]


async def test_delete_removes_the_rows_own_links(db):
    ann = await make_person(db)
    project = await make_project(db, team=[ann])
    await crud.delete_row(db, PROJECTS, project["id"])
    assert await db.scalars(select(ProjectPersonLink.person_id)
                            .where(ProjectPersonLink.project_id == project["id"])) == []


async def test_delete_of_a_referenced_row_is_a_conflict(db):
    department = await make_department(db)
    await make_task_type(db, department=department)
    with pytest.raises(errors.Conflict) as caught:
        await crud.delete_row(db, MODELS["departments"], department["id"])
    assert caught.value.body == {"message": "The change conflicts with records referencing this one."}


async def test_json_columns_filter_on_the_whole_document(db):
    project = await make_project(db, data={"crud": 1})
    await make_project(db, data={"crud": 2})
    for value in ('{"crud": 1}', '[{"crud": 1}, {"crud": 3}]'):
        listing = await crud.list_rows(db, PROJECTS, crud.filter_clauses(db, PROJECTS, [("data", value)]))
        assert [r["id"] for r in listing.rows] == [project["id"]]
    with pytest.raises(errors.InvalidInput, match="invalid format"):
        crud.filter_clauses(db, PROJECTS, [("data", "{nope")])
