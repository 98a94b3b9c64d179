"""Production budget routes against Zou 1.0.97's answers (spec time-budget.md §4)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.tables import ApiEvent, BudgetEntry
from tests.team_world import team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"
WRONG_UUID = {"error": True, "message": "Wrong UUID format.", "data": None}


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


def budgets_url(w, project="project") -> str:
    return f"/api/data/projects/{getattr(w, project)}/budgets"


async def new_budget(client, w, name="B1", who="admin", **extra) -> dict:
    r = await client.post(budgets_url(w), json={"name": name, **extra}, headers=w.auth(who))
    assert r.status_code == 200, r.text
    return r.json()


def entry_body(w, **extra) -> dict:
    return {"department_id": str(w.animation_dep), "person_id": str(w.people["user"]), "start_date": "2026-04-01",
            "months_duration": 3, "daily_salary": 350.0, "position": "artist", "seniority": "mid", **extra}


async def test_create_answers_200_with_the_next_revision(client, w):
    first = await new_budget(client, w)
    assert set(first) == {"id", "project_id", "revision", "name", "currency", "created_at", "updated_at", "type"}
    assert (first["revision"], first["currency"], first["type"]) == (1, "USD", "Budget")
    second = await new_budget(client, w, "B2", who="manager", currency="EUR")
    assert (second["revision"], second["currency"]) == (2, "EUR")
    r = await client.get(budgets_url(w), headers=w.auth("manager"))
    assert r.status_code == 200
    assert r.json() == [{k: b[k] for k in ("id", "project_id", "revision", "name", "currency")}
                        for b in (first, second)]


@pytest.mark.parametrize("who,status", [
    ("admin", 200), ("manager", 200), ("teammgr", 200), ("outmgr", 403), ("user", 403), ("super", 403),
    ("client", 403), ("vendor", 403), ("outsider", 403),
])
async def test_budgets_need_manager_project_access(client, w, who, status):
    r = await client.post(budgets_url(w), json={"name": "X"}, headers=w.auth(who))
    assert r.status_code == status
    r = await client.get(budgets_url(w), headers=w.auth(who))
    assert r.status_code == status


@pytest.mark.parametrize("body,field,message", [
    ({}, "name", "Field required"),
    ({"name": ""}, "name", "String should have at least 1 character"),
    ({"name": 3}, "name", "Input should be a valid string"),
    ({"name": "B", "currency": "EUROS"}, "currency", "String should have at most 3 characters"),
])
async def test_create_validation(client, w, body, field, message):
    r = await client.post(budgets_url(w), json=body, headers=w.auth("admin"))
    assert r.status_code == 400
    assert r.json() == {"error": True, "message": "Validation error.",
                        "data": {"errors": [{"field": field, "message": message}]}}


async def test_project_ids(client, w):
    r = await client.get(f"/api/data/projects/{UNKNOWN}/budgets", headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (200, [])  # an admin is not asked whether the project exists
    r = await client.get(f"/api/data/projects/{UNKNOWN}/budgets", headers=w.auth("manager"))
    assert r.status_code == 404
    r = await client.get("/api/data/projects/nope/budgets", headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, WRONG_UUID)
    r = await client.get("/api/data/projects/nope/budgets", headers=w.auth("manager"))
    assert r.status_code == 404  # the project lookup runs first for non-admins
    r = await client.post("/api/data/projects/nope/budgets", json={"name": "x"}, headers=w.auth("manager"))
    assert (r.status_code, r.json()) == (400, WRONG_UUID)
    r = await client.post(f"/api/data/projects/{UNKNOWN}/budgets", json={"name": "x"}, headers=w.auth("admin"))
    assert r.status_code == 404  # Zou 1.0.97: 500 (foreign key)


async def test_read_update_delete_one_budget(client, w, db):
    b = await new_budget(client, w)
    url = f"{budgets_url(w)}/{b['id']}"
    r = await client.get(url, headers=w.auth("manager"))
    assert (r.status_code, r.json()) == (200, b)
    r = await client.put(url, json={"name": "B1b", "currency": None}, headers=w.auth("manager"))
    assert r.status_code == 200
    assert (r.json()["name"], r.json()["currency"], r.json()["revision"]) == ("B1b", "USD", 1)
    r = await client.put(url, json={}, headers=w.auth("manager"))
    assert r.json()["name"] == "B1b"
    assert (await client.put(url, json={"name": "z"}, headers=w.auth("user"))).status_code == 403
    await client.post(f"{url}/entries", json=entry_body(w), headers=w.auth("admin"))
    r = await client.delete(url, headers=w.auth("manager"))
    assert r.status_code == 204 and r.content == b""
    assert (await client.get(url, headers=w.auth("manager"))).status_code == 404
    assert (await client.delete(url, headers=w.auth("manager"))).status_code == 404
    assert await db.scalars(select(BudgetEntry.id)) == []


async def test_budget_ids(client, w):
    b = await new_budget(client, w)
    r = await client.get(f"{budgets_url(w)}/{UNKNOWN}", headers=w.auth("admin"))
    assert r.status_code == 404 and r.json()["message"].startswith("404 Not Found")
    r = await client.get(f"{budgets_url(w)}/nope", headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, WRONG_UUID)
    r = await client.get(f"{budgets_url(w, 'project2')}/{b['id']}", headers=w.auth("admin"))
    assert r.status_code == 404
    # Zou 1.0.97 updates a budget through another project's path; TrackQL refuses (404).
    r = await client.put(f"{budgets_url(w, 'project2')}/{b['id']}", json={"name": "x"}, headers=w.auth("admin"))
    assert r.status_code == 404


async def test_entries_lifecycle(client, w):
    b = await new_budget(client, w)
    url = f"{budgets_url(w)}/{b['id']}/entries"
    assert (await client.get(url, headers=w.auth("manager"))).json() == []
    r = await client.post(url, json=entry_body(w), headers=w.auth("manager"))
    assert r.status_code == 200
    e = r.json()
    assert e["type"] == "BudgetEntry" and e["exceptions"] == {} and e["start_date"] == "2026-04-01"
    assert (e["daily_salary"], e["months_duration"], e["position"]) == (350.0, 3, "artist")
    r = await client.post(url, json={"department_id": str(w.modeling_dep), "start_date": "2026-05-01",
                                     "months_duration": "1", "daily_salary": 100}, headers=w.auth("admin"))
    minimal = r.json()
    assert (minimal["position"], minimal["seniority"], minimal["person_id"]) == ("artist", "mid", None)
    r = await client.get(url, headers=w.auth("manager"))
    assert [x["id"] for x in r.json()] == [e["id"], minimal["id"]]
    assert set(r.json()[0]) == {"id", "budget_id", "department_id", "person_id", "start_date", "months_duration",
                                "daily_salary", "position", "seniority", "exceptions"}
    r = await client.get(f"{url}/{e['id']}", headers=w.auth("manager"))
    assert r.json() == e
    exceptions = {"2026-05": 2, "2026-06": 0, "2026-07": None, "2026-08": "3", "2026-09": 2.7}
    r = await client.put(f"{url}/{e['id']}", json=entry_body(w, daily_salary=400, exceptions=exceptions),
                         headers=w.auth("manager"))
    assert r.status_code == 200
    assert (r.json()["daily_salary"], r.json()["exceptions"]) == (400.0, {"2026-05": 2, "2026-08": 3, "2026-09": 2})
    r = await client.delete(f"{url}/{minimal['id']}", headers=w.auth("user"))
    assert r.status_code == 403
    r = await client.delete(f"{url}/{minimal['id']}", headers=w.auth("manager"))
    assert r.status_code == 204
    assert (await client.delete(f"{url}/{minimal['id']}", headers=w.auth("manager"))).status_code == 404


async def test_entry_update_writes_every_field(client, w):
    b = await new_budget(client, w)
    url = f"{budgets_url(w)}/{b['id']}/entries"
    e = (await client.post(url, json=entry_body(w), headers=w.auth("admin"))).json()
    r = await client.put(f"{url}/{e['id']}", json={"daily_salary": 410}, headers=w.auth("admin"))
    # as in Zou, omitted fields are written as null: a required one refuses the update (Zou: 500)
    assert (r.status_code, r.json()) == (400, {"message": "A required field is missing."})
    r = await client.get(f"{url}/{e['id']}", headers=w.auth("admin"))
    assert r.json()["daily_salary"] == 350.0
    body = entry_body(w)
    del body["person_id"], body["position"]
    r = await client.put(f"{url}/{e['id']}", json=body, headers=w.auth("admin"))
    assert (r.status_code, r.json()["person_id"], r.json()["position"]) == (200, None, None)


@pytest.mark.parametrize("change,status,field,message", [
    ({"department_id": None}, 400, "department_id", "Field required"),
    ({"department_id": "nope"}, 400, "department_id", "Input should be a valid UUID"),
    ({"start_date": "2026-99-01"}, 400, "start_date", "Input should be a valid date in the format YYYY-MM-DD"),
    ({"months_duration": "x"}, 400, "months_duration",
     "Input should be a valid integer, unable to parse string as an integer"),
    ({"months_duration": 2.5}, 400, "months_duration",
     "Input should be a valid integer, got a number with a fractional part"),
    ({"daily_salary": "abc"}, 400, "daily_salary", "Input should be a valid number, unable to parse string as a number"),
    ({"position": "boss"}, 400, "position", "Input should be 'supervisor', 'lead' or 'artist'"),
])
async def test_entry_validation(client, w, db, change, status, field, message):
    b = await new_budget(client, w)
    body = {k: v for k, v in entry_body(w, **change).items() if v is not None}
    r = await client.post(f"{budgets_url(w)}/{b['id']}/entries", json=body, headers=w.auth("admin"))
    assert r.status_code == status
    assert r.json() == {"error": True, "message": "Validation error.",
                        "data": {"errors": [{"field": field, "message": message}]}}
    assert await db.scalars(select(BudgetEntry.id)) == []


async def test_entry_refusals_that_crash_zou(client, w):
    b = await new_budget(client, w)
    url = f"{budgets_url(w)}/{b['id']}/entries"
    body = entry_body(w)
    del body["start_date"]
    r = await client.post(url, json=body, headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, {"message": "A required field is missing."})
    r = await client.post(url, json=entry_body(w, department_id=UNKNOWN), headers=w.auth("admin"))
    assert r.status_code == 400
    r = await client.post(f"{budgets_url(w)}/{UNKNOWN}/entries", json=entry_body(w), headers=w.auth("admin"))
    assert r.status_code == 404
    r = await client.get(f"{url}/nope", headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, WRONG_UUID)
    r = await client.get(f"{url}/{UNKNOWN}", headers=w.auth("admin"))
    assert r.status_code == 404


async def test_budget_events(client, w, db):
    b = await new_budget(client, w, who="manager")
    url = f"{budgets_url(w)}/{b['id']}"
    e = (await client.post(f"{url}/entries", json=entry_body(w), headers=w.auth("manager"))).json()
    await client.put(f"{url}/entries/{e['id']}", json=entry_body(w), headers=w.auth("manager"))
    await client.delete(f"{url}/entries/{e['id']}", headers=w.auth("manager"))
    await client.put(url, json={"name": "x"}, headers=w.auth("manager"))
    await client.delete(url, headers=w.auth("manager"))
    rows = await db.rows(select(ApiEvent.name, ApiEvent.data, ApiEvent.project_id).order_by(ApiEvent.created_at))
    assert [r["name"] for r in rows] == ["budget:create", "budget-entry:create", "budget-entry:update",
                                         "budget-entry:delete", "budget:update", "budget:delete"]
    assert rows[1]["data"] == {"budget_id": b["id"], "budget_entry_id": e["id"], "project_id": str(w.project)}
    assert all(r["project_id"] == w.project for r in rows)


async def test_month_time_spents_is_admin_only(client, w):
    url = f"/api/actions/tasks/{w.t1}/time-spents/2026-01-05/persons/{w.people['user']}"
    await client.post(url, json={"duration": 60}, headers=w.auth("user"))
    await client.post(url.replace("2026-01-05", "2026-02-03"), json={"duration": 30}, headers=w.auth("user"))
    r = await client.get(f"{budgets_url(w)}/time-spents", headers=w.auth("admin"))
    assert r.status_code == 200
    assert r.json() == {str(w.animation_dep): {"total": 90.0, str(w.people["user"]): {
        "total": 90.0, "2026-01": 60.0, "2026-02": 30.0}}}
    assert (await client.get(f"{budgets_url(w)}/time-spents", headers=w.auth("manager"))).status_code == 403
    r = await client.get("/api/data/projects/nope/budgets/time-spents", headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, WRONG_UUID)
