"""The nested production view costs the same number of SQL statements at 10 shots and at 1,000."""
from __future__ import annotations

import pytest

from factories import make_person

NESTED = """
query Nested($id: ID!) {
  project(id: $id) {
    episodes { sequences { shots {
      name
      casting { asset { name assetType { name } } nbOccurences }
      tasks { taskType { name } taskStatus { shortName } assignees { fullName } }
    } } }
  }
}"""


def _shots(body):
    return [shot for ep in body["data"]["project"]["episodes"] for seq in ep["sequences"] for shot in seq["shots"]]


@pytest.mark.parametrize("role", ["admin", "user"])
async def test_nested_query_statement_count_does_not_grow(gql, db, count_sql, production, role):
    caller = await make_person(db, role=role)
    small = await production(shots=10, team=[caller])
    large = await production(shots=1000, team=[caller])

    with count_sql() as at_10:
        small_body = await gql(NESTED, {"id": str(small.project["id"])}, as_=caller)
    with count_sql() as at_1000:
        large_body = await gql(NESTED, {"id": str(large.project["id"])}, as_=caller)

    assert "errors" not in large_body
    assert len(_shots(small_body)) == 10
    assert len(_shots(large_body)) == 1000
    assert at_1000.count == at_10.count, at_1000.statements
    # authentication (person, revoked token), scope, project, then one statement per relation level
    assert at_10.count <= 14


async def test_nested_answer_matches_the_rows(gql, db, production, admin):
    prod = await production(shots=25, assets=6, cast_per_shot=2)
    body = await gql(NESTED, {"id": str(prod.project["id"])}, as_=admin)
    shots = _shots(body)
    assert [s["name"] for s in shots] == sorted(s["name"] for s in prod.shots)
    assets = {a["id"]: a for a in prod.assets}
    first = shots[0]
    cast = sorted(((assets[link["entity_out_id"]]["name"], link["nb_occurences"]) for link in prod.links
                   if link["entity_in_id"] == prod.shots[0]["id"]))
    assert sorted((c["asset"]["name"], c["nbOccurences"]) for c in first["casting"]) == cast
    assert {c["asset"]["assetType"]["name"] for s in shots for c in s["casting"]} <= {"Character", "Prop",
                                                                                      "Environment"}
    assert [t["taskType"]["name"] for t in first["tasks"]] == ["Layout", "Animation", "Lighting"]
    assert all(len(t["assignees"]) == 1 for s in shots for t in s["tasks"])
    assert {t["taskStatus"]["shortName"] for s in shots for t in s["tasks"]} == {"todo", "wip", "wfa", "done"}

