"""`GET /data/entities/{entity_id}/working-files` against Zou 1.0.97's answers (spec entities.md §11)."""
from __future__ import annotations

import pytest

from domain.tables import FileStatus, OutputFile, OutputType, WorkingFile
from tests.team_world import _insert, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
async def w(db, settings):
    w = await team_world(db, settings)
    for key, task, entity, name, revision in [("wf_main1", "t1", "sh1", "main", 1), ("wf_main2", "t1", "sh1", "main", 2),
                                               ("wf_other", "t1", "sh1", "other", 1),
                                               ("wf_sh2", "t2", "sh2", "main", 1),
                                               ("wf_negative", "t1", "sh1", "main", -1)]:
        w.ids[key] = await _insert(db, WorkingFile, name=name, revision=revision, task_id=getattr(w, task),
                                   entity_id=getattr(w, entity), comment="c", validation_status="neutral",
                                   person_id=w.people["admin"])
    return w


async def test_working_files_highest_revision_first(client, w):
    r = await client.get(f"/api/data/entities/{w.sh1}/working-files", headers=w.auth("user"))
    assert r.status_code == 200
    rows = r.json()
    assert [(x["name"], x["revision"]) for x in rows[:1]] == [("main", 2)]
    assert sorted((x["name"], x["revision"]) for x in rows) == [("main", 1), ("main", 2), ("other", 1)]
    assert rows[0]["type"] == "WorkingFile" and rows[0]["entity_id"] == str(w.sh1)
    assert "outputs" not in rows[0] and "validation_status" in rows[0] and "path" in rows[0]


async def test_working_file_filters(client, w, db):
    url = f"/api/data/entities/{w.sh1}/working-files"
    r = await client.get(url, params={"task_id": str(w.t2)}, headers=w.auth("admin"))
    assert r.json() == []
    r = await client.get(url, params={"task_id": str(w.t1), "name": "main"}, headers=w.auth("admin"))
    assert [x["revision"] for x in r.json()] == [2, 1]
    r = await client.get(url, params={"name": "MAIN"}, headers=w.auth("admin"))
    assert r.json() == []  # exact, case-sensitive
    r = await client.get(url, params={"name": "", "task_id": ""}, headers=w.auth("admin"))
    assert len(r.json()) == 3
    r = await client.get(url, params={"task_id": "nope"}, headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (400, {"error": True, "message": "Wrong UUID format.", "data": None})
    output_type = await _insert(db, OutputType, name="Cache", short_name="cache")
    file_status = await _insert(db, FileStatus, name="TB status", color="#000000")
    output = await _insert(db, OutputFile, name="out", revision=1, source_file_id=w.wf_other, entity_id=w.sh1,
                           output_type_id=output_type, canceled=False, file_status_id=file_status)
    r = await client.get(url, params={"relations": "true", "name": "other"}, headers=w.auth("admin"))
    assert r.json()[0]["outputs"] == [str(output)]
    r = await client.get(url, params={"relations": "TRUE", "name": "main"}, headers=w.auth("admin"))
    assert [x["outputs"] for x in r.json()] == [[], []]


@pytest.mark.parametrize("who,entity,status", [
    ("admin", "sh1", 200), ("manager", "sh1", 200), ("user", "sh1", 200), ("client", "sh1", 200),
    ("vendor", "sh2", 200),  # no vendor check on this route
    ("outsider", "sh1", 403), ("outmgr", "sh1", 403),
])
async def test_working_files_need_project_access(client, w, who, entity, status):
    r = await client.get(f"/api/data/entities/{getattr(w, entity)}/working-files", headers=w.auth(who))
    assert r.status_code == status


async def test_unknown_entity_is_404(client, w):
    for entity in (UNKNOWN, "nope"):
        r = await client.get(f"/api/data/entities/{entity}/working-files", headers=w.auth("admin"))
        assert r.status_code == 404
