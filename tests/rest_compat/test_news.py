"""`GET /data/entities/{entity_id}/news` against Zou 1.0.97's answers (spec entities.md §10)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from domain.base import utcnow
from domain.tables import Comment, News, PreviewFile
from tests.team_world import _insert, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def comment_news(db, w, task, author="user", *, change=True, minutes_ago=0, preview=None):
    at = utcnow() - timedelta(minutes=minutes_ago)
    comment = await _insert(db, Comment, object_id=task, object_type="Task", text="hi", person_id=w.people[author],
                            task_status_id=w.wip, created_at=at, updated_at=at)
    return await _insert(db, News, change=change, author_id=w.people[author], comment_id=comment, task_id=task,
                         preview_file_id=preview, created_at=at, updated_at=at), comment


async def test_news_of_a_shot_in_zou_shape(client, w, db):
    preview = await _insert(db, PreviewFile, name="p", revision=2, extension="mp4", status="ready",
                            validation_status="neutral", task_id=w.t1)
    old, _ = await comment_news(db, w, w.t1, "manager", change=False, minutes_ago=5, preview=preview)
    new, comment = await comment_news(db, w, w.t1, "user")
    await comment_news(db, w, w.t2)  # another shot's news
    r = await client.get(f"/api/data/entities/{w.sh1}/news", headers=w.auth("user"))
    assert r.status_code == 200
    body = r.json()
    assert {k: body[k] for k in ("total", "nb_pages", "limit", "offset", "page")} == {
        "total": 2, "nb_pages": 1, "limit": 2000, "offset": 0, "page": 1}
    assert [n["id"] for n in body["data"]] == [str(new), str(old)]
    first = body["data"][0]
    assert first == {
        "id": str(new), "type": "News", "author_id": str(w.people["user"]), "comment_id": str(comment),
        "task_id": str(w.t1), "task_type_id": str(w.animation), "task_status_id": str(w.wip),
        "task_entity_id": str(w.sh1), "preview_file_id": None, "preview_file_extension": None,
        "preview_file_revision": None, "project_id": str(w.project), "project_name": "TB Film",
        "created_at": first["created_at"], "change": True, "full_entity_name": "SQ01 / SH010", "episode_id": None,
        "entity_preview_file_id": None,
        "person": {"id": str(w.people["user"]), "first_name": "TB", "last_name": "User", "full_name": "TB User",
                   "has_avatar": False, "role": "user"}}
    second = body["data"][1]
    assert (second["preview_file_id"], second["preview_file_extension"], second["preview_file_revision"],
            second["change"]) == (str(preview), "mp4", 2, False)


async def test_no_news_is_an_empty_page(client, w):
    r = await client.get(f"/api/data/entities/{w.seq}/news", headers=w.auth("admin"))
    assert r.json() == {"data": [], "total": 0, "nb_pages": 0, "limit": 2000, "offset": 0, "page": 1}


@pytest.mark.parametrize("who,entity,status", [
    ("admin", "sh1", 200), ("manager", "sh1", 200), ("user", "sh1", 200), ("super", "sh1", 200),
    ("client", "sh1", 200), ("vendor", "sh1", 200), ("vendor", "sh2", 403), ("outsider", "sh1", 403),
    ("outmgr", "sh1", 403),
])
async def test_news_need_entity_access(client, w, who, entity, status):
    r = await client.get(f"/api/data/entities/{getattr(w, entity)}/news", headers=w.auth(who))
    assert r.status_code == status


async def test_unknown_entity_is_404(client, w):
    for entity in (UNKNOWN, "nope"):
        r = await client.get(f"/api/data/entities/{entity}/news", headers=w.auth("admin"))
        assert r.status_code == 404 and r.json()["message"].startswith("404 Not Found")
