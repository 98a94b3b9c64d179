"""Entity names as the news feed shows them, read in one statement for any number of entities."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import news
from domain.tables import Entity, EntityType
from tests.team_world import _insert, team_world


async def _type(db, name):
    found = await db.scalars(select(EntityType.id).where(EntityType.name == name))
    return found[0] if found else await _insert(db, EntityType, name=name)


async def _entity(db, w, name, kind, **extra):
    return await _insert(db, Entity, name=name, project_id=w.project, entity_type_id=await _type(db, kind),
                         status="running", is_shared=False, **extra)


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def test_full_names_follow_zou(db, w, count_sql):
    ep = await _entity(db, w, "E01", "Episode")
    seq = await _entity(db, w, "SQ05", "Sequence", parent_id=ep)
    shot = await _entity(db, w, "SH050", "Shot", parent_id=seq)
    lone_shot = await _entity(db, w, "SH999", "Shot")
    hero = await _entity(db, w, "Hero", "Character", source_id=ep)
    scene = await _entity(db, w, "SC01", "Scene", parent_id=seq)
    keys = [shot, w.sh1, seq, w.seq, ep, hero, lone_shot, scene, w.t1]
    with count_sql() as c:
        names = await news.full_entity_names(db, keys)
    assert c.count == 1
    assert names == [("E01 / SQ05 / SH050", ep), ("SQ01 / SH010", None), ("E01 / SQ05", ep), ("SQ01", None),
                     ("E01", None), ("Character / Hero", ep), ("SH999", None), ("Scene / SC01", None), None]


async def test_entity_refs_align_with_keys(db, w):
    refs = await news.entity_refs_by_ids(db, [w.sh2, w.t1, w.seq])
    assert [r and (r["name"], r["entity_type_name"], r["project_id"]) for r in refs] == [
        ("SH020", "Shot", w.project), None, ("SQ01", "Sequence", w.project)]


async def test_news_for_many_entities_is_two_statements(db, w, count_sql):
    from domain.tables import Comment, News
    for task in (w.t1, w.t2, w.t2):
        comment = await _insert(db, Comment, object_id=task, object_type="Task", person_id=w.people["user"])
        await _insert(db, News, change=True, author_id=w.people["user"], comment_id=comment, task_id=task)
    with count_sql() as c:
        per_entity = await news.news_for_entities(db, [w.sh2, w.seq, w.sh1])
    assert c.count == 2
    assert [len(rows) for rows in per_entity] == [2, 0, 1]
    assert per_entity[0][0]["full_entity_name"] == "SQ01 / SH020"
