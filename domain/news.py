"""News (one per comment on a task): batch reads in the shape Zou's news feed serves them, and the
entity names the feed shows ("SQ01 / SH010")."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import aliased

from domain import people
from domain.tables import Comment, Entity, EntityType, News, Person, PreviewFile, Project, Task

NEWS = News.__table__


async def news_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(NEWS).where(db.in_keys(News.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def entity_refs_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    """{id, name, project_id, parent_id, source_id, preview_file_id, entity_type_id, entity_type_name} of
    each entity (the few columns access checks and names need)."""
    rows = await db.rows(select(Entity.id, Entity.name, Entity.project_id, Entity.parent_id, Entity.source_id,
                                Entity.preview_file_id, Entity.entity_type_id,
                                EntityType.name.label("entity_type_name"))
                         .join(EntityType, EntityType.id == Entity.entity_type_id)
                         .where(db.in_keys(Entity.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def full_entity_names(db, ids: Sequence[uuid.UUID]) -> list[tuple[str, uuid.UUID | None] | None]:
    """(full name, episode id) of each entity, as the news feed shows them: a shot is
    "Episode / Sequence / Shot" (or "Sequence / Shot"), a sequence "Episode / Sequence", an episode its name,
    anything else "<Type> / <Name>" with its `source_id` as episode."""
    parent, grand = aliased(Entity), aliased(Entity)
    rows = await db.rows(select(Entity.id, Entity.name, Entity.parent_id, Entity.source_id,
                                EntityType.name.label("type_name"), parent.name.label("parent_name"),
                                parent.parent_id.label("parent_parent_id"), grand.id.label("grand_id"),
                                grand.name.label("grand_name"))
                         .join(EntityType, EntityType.id == Entity.entity_type_id)
                         .outerjoin(parent, parent.id == Entity.parent_id)
                         .outerjoin(grand, grand.id == parent.parent_id)
                         .where(db.in_keys(Entity.id, list(ids))))
    by_id = {r["id"]: _full_name(r) for r in rows}
    return [by_id.get(i) for i in ids]


def _full_name(r) -> tuple[str, uuid.UUID | None]:
    kind, name = r["type_name"], r["name"]
    if kind == "Shot":
        if r["parent_name"] is None:
            return name, None
        if r["parent_parent_id"] is not None and r["grand_name"] is not None:
            return f"{r['grand_name']} / {r['parent_name']} / {name}", r["grand_id"]
        return f"{r['parent_name']} / {name}", None
    if kind == "Episode":
        return name, None
    if kind == "Sequence":
        if r["parent_name"] is None:
            return name, None
        return f"{r['parent_name']} / {name}", r["parent_id"]
    return f"{kind} / {name}", r["source_id"]


async def news_for_entities(db, entity_ids: Sequence[uuid.UUID]) -> list[list[dict]]:
    """The news of the tasks of each entity, newest first, each with the task, comment, preview, project and
    author data Zou's feed embeds (`person`: a short author)."""
    rows = await db.rows(
        select(NEWS, Task.task_type_id, Task.entity_id.label("task_entity_id"), Comment.task_status_id,
               PreviewFile.extension.label("preview_file_extension"),
               PreviewFile.revision.label("preview_file_revision"), Project.id.label("project_id"),
               Project.name.label("project_name"), Entity.preview_file_id.label("entity_preview_file_id"),
               Person.first_name, Person.last_name, Person.has_avatar, Person.role)
        .join(Task, Task.id == News.task_id)
        .join(Project, Project.id == Task.project_id)
        .join(Entity, Entity.id == Task.entity_id)
        .outerjoin(Comment, Comment.id == News.comment_id)
        .outerjoin(PreviewFile, PreviewFile.id == News.preview_file_id)
        .outerjoin(Person, Person.id == News.author_id)
        .where(db.in_keys(Task.entity_id, list(entity_ids)))
        .order_by(News.created_at.desc(), News.id.desc()))
    names = dict(zip(entity_ids, await full_entity_names(db, entity_ids)))
    out: dict[uuid.UUID, list[dict]] = {e: [] for e in entity_ids}
    for r in rows:
        full_name, episode_id = names.get(r["task_entity_id"]) or ("", None)
        out[r["task_entity_id"]].append({
            "id": r["id"], "author_id": r["author_id"], "comment_id": r["comment_id"], "task_id": r["task_id"],
            "task_type_id": r["task_type_id"], "task_status_id": r["task_status_id"],
            "task_entity_id": r["task_entity_id"], "preview_file_id": r["preview_file_id"],
            "preview_file_extension": r["preview_file_extension"],
            "preview_file_revision": r["preview_file_revision"], "project_id": r["project_id"],
            "project_name": r["project_name"], "created_at": r["created_at"], "change": r["change"],
            "full_entity_name": full_name, "episode_id": episode_id,
            "entity_preview_file_id": r["entity_preview_file_id"],
            "person": _short_author(r),
        })
    return [out[e] for e in entity_ids]


def _short_author(r) -> dict | None:
    if r["first_name"] is None and r["last_name"] is None and r["role"] is None:
        return None
    return {"id": r["author_id"], "first_name": r["first_name"], "last_name": r["last_name"],
            "full_name": people.full_name(dict(r)), "has_avatar": r["has_avatar"], "role": r["role"]}
