"""Comments, production news and notifications as both faces read them."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import activity, errors, tasks
from domain.batch import Row
from resolvers.context import Context
from resolvers.engine import Failure
from resolvers.scope import scope

NEWS_LIMIT = 50


async def task_comments(ctx: Context, task_rows: Sequence[Row]) -> list[list[Row]]:
    """Each (visible) task's comments, newest first; on a client's projects only those meant for clients
    or written by the client."""
    s = await scope(ctx)
    plain = [t["id"] for t in task_rows if t["project_id"] not in s.client_project_ids]
    client = [t["id"] for t in task_rows if t["project_id"] in s.client_project_ids]
    found: dict[uuid.UUID, list[Row]] = {}
    if plain:
        found.update(zip(plain, await activity.comments_for_tasks(ctx.db, plain)))
    if client:
        found.update(zip(client, await activity.comments_for_tasks(ctx.db, client, for_client_or_author=s.user_id)))
    return [found.get(t["id"], []) for t in task_rows]


async def project_news(ctx: Context, project_ids: Sequence[uuid.UUID], *, limit: int = NEWS_LIMIT
                       ) -> list[list[Row]]:
    """Each project's latest news (a vendor: of their tasks), at most `limit`."""
    s = await scope(ctx)
    visible = [p for p in project_ids if s.sees(p)]
    limit = max(0, min(limit, 500))
    found = dict(zip(visible, await activity.news_for_projects(
        ctx.db, visible, limit=limit, assigned_task_clause=tasks.assigned_task_clause(
            ctx.db, s.filters["assigned_to"])))) if visible else {}
    return [found.get(p, []) for p in project_ids]


async def person_notifications(ctx: Context, person_ids: Sequence[uuid.UUID], *, read: bool | None = None,
                               limit: int = 100) -> list[list[Row] | Failure]:
    """A person's own notifications; FORBIDDEN for anyone else's."""
    user = ctx.require_user()
    mine = [p for p in person_ids if p == user.id]
    found = dict(zip(mine, await activity.notifications_for_persons(ctx.db, mine, read=read,
                                                                    limit=max(0, min(limit, 500))))) if mine else {}
    refused = Failure(errors.PermissionDenied())
    return [found.get(p, refused) for p in person_ids]


async def comments_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    """Comments reached from a visible row (a news item, a notification)."""
    ctx.require_user()
    return await activity.comments_by_ids(ctx.db, ids)
