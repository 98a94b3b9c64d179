"""Shots as Zou's shot routes serve them (entities.md §1-4): read one (with its relations), list with Zou's
filters, create, update, and a shot's task types and previews. Access follows Zou's order of checks."""
from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError

from domain import crud, entities, errors, shots, tasks, teams
from domain.shot_previews import previews_for_entities
from domain.batch import Row
from domain.crud_models import MODELS
from resolvers import access
from resolvers import entities as entity_resolvers
from resolvers import zou_access
from resolvers.context import Context
from resolvers.scope import blank_for_clients, scope
from resolvers.tasks import entity_task_types

BAD_FILTER = "One of the ID sent in parameter is not properly formatted."
RELATIONS = ("entities_out", "entity_concept_links", "instance_casting", "entities_in")


async def shot(ctx: Context, shot_id: uuid.UUID) -> Row:
    """One shot: 404 when unknown or not a shot, then project and entity access."""
    return await entity_resolvers.entity(ctx, shot_id, "Shot")


async def full_shot_tasks(ctx: Context, shot_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    """The tasks `GET /data/shots/{id}` lists, once the shot's access is checked: all of the shot's tasks
    (Zou does not narrow them to a vendor's), blanked for a client."""
    return blank_for_clients(await scope(ctx), await tasks.tasks_for_entities(ctx.db, shot_ids))


async def entity_relations(ctx: Context, shot_rows: Sequence[Row]) -> list[Row]:
    """Each entity's collections as id lists (`entities_out`, `entities_in`, `instance_casting`, ...)."""
    ctx.require_user()
    found = await crud.collection_ids(ctx.db, MODELS["entities"], [r["id"] for r in shot_rows], RELATIONS)
    return [{name: found[name].get(r["id"], []) for name in RELATIONS} for r in shot_rows]


async def list_shots(ctx: Context, criteria: Sequence[tuple[str, str]]) -> list[Row]:
    """`GET /data/shots/all`: a `sequence_id` criterion names the sequence (404 when it is none) and stands for
    its project and parent; then project access on the `project_id` criterion (anyone but an admin must
    give one); a vendor gets the shots holding a task of theirs."""
    given = dict(criteria)
    if "sequence_id" in given:
        sequence = await _sequence(ctx, given.pop("sequence_id"))
        given["project_id"], given["parent_id"] = str(sequence["project_id"]), str(sequence["id"])
    await _criterion_project_access(ctx, given.get("project_id"))
    s = await scope(ctx)
    try:
        return await shots.shots_listing(ctx.db, list(given.items()), **s.filters)
    except errors.InvalidInput as exc:
        if not isinstance(exc.__cause__, DBAPIError):
            raise
        # A value the database refuses (a NUL character on PostgreSQL): Zou's answer to a DataError here.
        raise errors.InvalidInput(BAD_FILTER, body={"error": True, "message": BAD_FILTER}) from exc


async def _sequence(ctx: Context, raw: str) -> Row:
    sequence_id = crud.parse_id(raw)
    row = (await entities.entities_by_ids(ctx.db, [sequence_id]))[0] if sequence_id else None
    if row is None or row["kind"] != "Sequence":
        raise errors.NotFound()
    return row


async def _criterion_project_access(ctx: Context, raw: str | None) -> None:
    if ctx.require_user().is_admin:
        return
    project_id = crud.parse_id(raw) if raw is not None else None
    if raw is not None and project_id is None:
        raise errors.NotFound()
    if project_id is None:
        raise errors.PermissionDenied()
    await access.check_project_access(ctx, project_id)


async def create_shot(ctx: Context, project_id: uuid.UUID, payload: Any) -> Row:
    """`POST /data/projects/{p}/shots`: body checked first, then the project (404), manager access (403) and
    the sequence (404 unless a sequence of the project). An existing shot of that name is returned as is."""
    values = shots.check_body("NewShotSchema", payload, shots.NEW_SHOT)
    if not (await teams.projects_exist(ctx.db, [project_id]))[0]:
        raise errors.NotFound()
    await zou_access.manager_access(ctx, project_id)
    sequence = None
    if values["sequence_id"] is not None:
        sequence = (await entities.entities_by_ids(ctx.db, [values["sequence_id"]]))[0]
        if sequence is None or sequence["kind"] != "Sequence" or sequence["project_id"] != project_id:
            raise errors.NotFound()
    row = await shots.create_shot(ctx.db, ctx.events, project_id=project_id, sequence=sequence,
                                  name=values["name"], data=values["data"], nb_frames=values["nb_frames"],
                                  description=values["description"], actor_id=ctx.require_user().id)
    await ctx.commit()
    return row


async def update_shot(ctx: Context, shot_id: uuid.UUID, payload: Any) -> Row:
    """`PUT /data/shots/{id}`: manager access on the shot's project before the body is checked; the typed
    keys are validated, the other columns written as sent, `data` replaced whole."""
    row = (await entities.entities_by_ids(ctx.db, [shot_id]))[0]
    if row is None or row["kind"] != "Shot":
        raise errors.NotFound()
    await zou_access.manager_access(ctx, row["project_id"])
    values = shots.check_body("UpdateShotSchema", payload, shots.SHOT_UPDATE, partial=True)
    sent = dict(payload) if isinstance(payload, Mapping) else {}
    updated = await shots.update_shot(ctx.db, ctx.events, shot=row, values={**sent, **values},
                                      actor_id=ctx.require_user().id)
    await ctx.commit()
    return updated


async def shot_task_types(ctx: Context, shot_id: uuid.UUID) -> list[Row]:
    await shot(ctx, shot_id)
    return (await entity_task_types(ctx, [shot_id]))[0]


async def shot_previews(ctx: Context, shot_id: uuid.UUID) -> list[Row]:
    """The shot's preview files (with their task's type), task types by priority, newest revision first."""
    await shot(ctx, shot_id)
    return (await previews_for_entities(ctx.db, [shot_id]))[0]
