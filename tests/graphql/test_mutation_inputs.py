"""Bad input to every mutation answers a coded error (never INTERNAL) and writes nothing: malformed ids,
unknown ids, values of the wrong kind."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from domain.tables import ApiEvent, Entity, TimeSpent
from factories import make_project, make_shot, make_task

UNKNOWN = str(uuid.UUID(int=7))
BAD = "not-an-id"

# mutation, the arguments (with `$id` standing for the id under test)
TARGETED = [
    ("updateEpisode", 'id: $id, input: {name: "x"}', "{ id }"),
    ("updateSequence", 'id: $id, input: {name: "x"}', "{ id }"),
    ("updateShot", 'id: $id, input: {name: "x"}', "{ id }"),
    ("updateScene", 'id: $id, input: {name: "x"}', "{ id }"),
    ("updateEdit", 'id: $id, input: {name: "x"}', "{ id }"),
    ("updateAsset", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteEpisode", "id: $id", ""),
    ("deleteSequence", "id: $id, force: true", ""),
    ("deleteShot", "id: $id", ""),
    ("deleteScene", "id: $id", ""),
    ("deleteEdit", "id: $id", ""),
    ("deleteAsset", "id: $id", ""),
    ("updateTask", "id: $id, input: {priority: 1}", "{ id }"),
    ("deleteTask", "id: $id", ""),
    ("updateTaskType", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteTaskType", "id: $id", ""),
    ("updateTaskStatus", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteTaskStatus", "id: $id", ""),
    ("updateOutputType", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteOutputType", "id: $id", ""),
    ("updateMetadataDescriptor", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteMetadataDescriptor", "id: $id", ""),
    ("updateSearchFilter", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteSearchFilter", "id: $id", ""),
    ("updateSearchFilterGroup", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteSearchFilterGroup", "id: $id", ""),
    ("createBudget", 'projectId: $id, input: {name: "x"}', "{ id }"),
    ("updateBudget", 'id: $id, input: {name: "x"}', "{ id }"),
    ("deleteBudget", "id: $id", ""),
    ("createBudgetEntry", 'budgetId: $id, input: {monthsDuration: 1}', "{ id }"),
    ("updateBudgetEntry", "id: $id, input: {monthsDuration: 1}", "{ id }"),
    ("deleteBudgetEntry", "id: $id", ""),
    ("setShotCasting", "shotId: $id, casting: []", "{ id }"),
    ("setTimeSpent", f'taskId: $id, personId: "{UNKNOWN}", date: "2026-01-05", duration: 60', "{ id }"),
    ("createEpisode", 'input: {projectId: $id, name: "x"}', "{ id }"),
    ("createSequence", 'input: {projectId: $id, name: "x"}', "{ id }"),
    ("createShot", 'input: {projectId: $id, name: "x"}', "{ id }"),
    ("createScene", 'input: {projectId: $id, name: "x"}', "{ id }"),
    ("createEdit", 'input: {projectId: $id, name: "x"}', "{ id }"),
    ("createAsset", 'input: {projectId: $id, assetTypeId: $id, name: "x"}', "{ id }"),
    ("createTask", "input: {entityId: $id, taskTypeId: $id}", "{ id }"),
    ("createMetadataDescriptor", 'input: {projectId: $id, entityType: "Shot", name: "x"}', "{ id }"),
]


async def _events(db) -> int:
    return (await db.scalars(select(func.count()).select_from(ApiEvent)))[0]


@pytest.mark.parametrize("value,codes", [(BAD, {"BAD_USER_INPUT", "NOT_FOUND"}), (UNKNOWN, {"NOT_FOUND"})],
                         ids=["malformed", "unknown"])
async def test_bad_ids_are_coded_errors(gql, db, admin, value, codes):
    failures = {}
    for name, args, selection in TARGETED:
        body = await gql(f"mutation($id: ID!) {{ {name}({args}) {selection} }}", {"id": value}, as_=admin)
        code = body.get("errors", [{}])[0].get("extensions", {}).get("code")
        if body.get("data") != {name: None} or code not in codes:
            failures[name] = body
    assert failures == {}
    assert await _events(db) == 0


async def test_values_of_the_wrong_kind_are_refused_before_anything_runs(gql, db, admin):
    for query in ['mutation { setTimeSpent(taskId: "x", personId: "y", date: "2026-13-45", duration: 1) { id } }',
                  'mutation { createBudgetEntry(budgetId: "x", input: {startDate: "yesterday"}) { id } }',
                  'mutation { updateTask(id: "x", input: {priority: "high"}) { id } }']:
        body = await gql(query, as_=admin, status=400)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
    assert await _events(db) == 0


async def test_odd_values_on_real_rows_are_refused_and_nothing_is_written(gql, db, admin):
    team = await make_project(db, team=[admin])
    shot = await make_shot(db, project=team, name="SH001", data={"a": 1})
    task = await make_task(db, entity=shot, assignees=[admin])
    cases = [
        ('mutation($id: ID!) { updateShot(id: $id, input: {status: "sleeping"}) { id } }', shot["id"]),
        ('mutation($id: ID!) { updateShot(id: $id, input: {parentId: "nope"}) { id } }', shot["id"]),
        ("mutation($id: ID!) { updateTask(id: $id, input: {assigneeIds: [\"nope\"]}) { id } }", task["id"]),
        ('mutation($id: ID!) { setTimeSpent(taskId: $id, personId: "%s", date: "2026-01-05", duration: -5) '
         "{ id } }" % admin["id"], task["id"]),
        ('mutation($id: ID!) { setShotCasting(shotId: $id, casting: [{assetId: "nope"}]) { id } }', shot["id"]),
    ]
    for query, target in cases:
        body = await gql(query, {"id": str(target)}, as_=admin)
        assert body.get("errors", [{}])[0].get("extensions", {}).get("code") in {"BAD_USER_INPUT", "NOT_FOUND"}, (
            query, body)
    assert await _events(db) == 0
    assert await db.scalars(select(Entity.data).where(Entity.id == shot["id"])) == [{"a": 1}]
    assert await db.scalars(select(TimeSpent.id).where(TimeSpent.task_id == task["id"])) == []


async def test_a_too_deep_mutation_is_refused_before_it_writes(gql, db, admin, count_sql, settings):
    inner = "name"
    for level in range(settings.graphql_max_depth):
        inner = f"{'sequence' if level % 2 else 'shots'} {{ {inner} }}"
    project = await make_project(db, team=[admin])
    query = ('mutation($p: ID!) { createSequence(input: {projectId: $p, name: "SQDEEP"}) { ' + inner + " } }")
    with count_sql() as sql:
        body = await gql(query, {"p": str(project["id"])}, as_=admin, status=400)
    assert "too deep" in body["errors"][0]["message"]
    assert sql.count == 0
    assert await db.scalars(select(Entity.id).where(Entity.name == "SQDEEP")) == []
