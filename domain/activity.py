"""What happens on tasks: comments, the news feed of a production, the notifications of a person."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from domain.batch import Row, fetch, many_per_key, one_per_key, where_all
from domain.tables import Comment, News, Notification, Task

COMMENT = Comment.__table__


async def comments_for_tasks(db, task_ids: Sequence[uuid.UUID], *, for_client_or_author: uuid.UUID | None = None
                             ) -> list[list[Row]]:
    """Each task's comments, newest first. `for_client_or_author`: only the comments meant for clients or
    written by that person (what a client reads)."""
    stmt = select(COMMENT).where(db.in_keys(Comment.object_id, task_ids), Comment.object_type == "Task")
    if for_client_or_author is not None:
        stmt = stmt.where((Comment.for_client.is_(True)) | (Comment.person_id == for_client_or_author))
    rows = await fetch(db, stmt.order_by(Comment.created_at.desc(), Comment.id))
    return many_per_key(rows, "object_id", task_ids)


async def comments_by_ids(db, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return one_per_key(await fetch(db, select(COMMENT).where(db.in_keys(Comment.id, ids))), "id", ids)


async def news_for_projects(db, project_ids: Sequence[uuid.UUID], *, limit: int, assigned_task_clause=None
                            ) -> list[list[Row]]:
    """Each project's latest news, at most `limit` each (one statement: the projects' news newest first,
    cut per project)."""
    stmt = where_all(select(News.__table__, Task.project_id.label("news_project_id"))
                     .join(Task, Task.id == News.task_id)
                     .where(db.in_keys(Task.project_id, project_ids)), assigned_task_clause)
    rows = await fetch(db, stmt.order_by(News.created_at.desc(), News.id))
    return [group[:limit] for group in many_per_key(rows, "news_project_id", project_ids)]


async def notifications_for_persons(db, person_ids: Sequence[uuid.UUID], *, read: bool | None = None,
                                    limit: int = 100) -> list[list[Row]]:
    stmt = select(Notification.__table__).where(db.in_keys(Notification.person_id, person_ids))
    if read is not None:
        stmt = stmt.where(Notification.read.is_(read))
    rows = await fetch(db, stmt.order_by(Notification.created_at.desc(), Notification.id))
    return [group[:limit] for group in many_per_key(rows, "person_id", person_ids)]

