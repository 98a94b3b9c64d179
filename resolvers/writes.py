"""Writes as the GraphQL face asks for them: Zou-style bodies handed to the resolvers the REST routes use
(their checks, permissions, events and commit), then the written row read back through the batch
resolvers, as the caller may see it."""
from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any

from domain import budgets, crud_models, entities as entity_reads, entity_removal, errors, metadata, teams
from domain.batch import Row
from resolvers import breakdown, crud, edits, entities, files, search_filters, tasks, time_spents, zou_access
from resolvers import budgets as budget_routes
from resolvers.args import uuid_arg
from resolvers.context import Context

Reader = Callable[[Context, Sequence[uuid.UUID]], Awaitable[Sequence[Row | None]]]


def checked(values: dict[str, Any], *required: str) -> dict[str, Any]:
    """`values` holding every `required` field (not null), else a 400 naming the first missing one."""
    for name in required:
        if values.get(name) is None:
            raise errors.InvalidInput(f"{_camel(name)} is required.")
    return values


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


async def _read_back(ctx: Context, reader: Reader, row_id: Any) -> Row:
    row = (await reader(ctx, [uuid_arg(row_id)]))[0]
    if row is None:
        raise errors.NotFound()
    return row


# --- generic models (the /data/<model> routes) -------------------------------------------------------------

async def create_model(ctx: Context, route: str, values: dict[str, Any], reader: Reader) -> Row:
    written = await crud.create_model(ctx, route, values)
    return await _read_back(ctx, reader, written["id"])


async def update_model(ctx: Context, route: str, row_id: Any, values: dict[str, Any], reader: Reader) -> Row:
    written = await crud.update_model(ctx, route, str(row_id), values)
    return await _read_back(ctx, reader, written["id"])


async def delete_model(ctx: Context, route: str, row_id: Any, *, force: bool = False) -> uuid.UUID:
    rid = uuid_arg(row_id)
    await crud.delete_model(ctx, route, str(rid), force=force)
    return rid


async def output_types(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    return await files.output_types(ctx, ids)


async def create_metadata_descriptor(ctx: Context, values: dict[str, Any]) -> Row:
    """A descriptor through the generic model route (admins); `field_name` defaults to the name as Zou's
    production route makes it (lower-case ASCII words joined by `_`)."""
    checked(values, "project_id", "entity_type", "name")
    if not (await teams.projects_exist(ctx.db, [uuid_arg(values["project_id"], "projectId")]))[0]:
        raise errors.NotFound()
    if values.get("field_name") is None:
        values = {**values, "field_name": field_name_of(values["name"])}
    return await create_model(ctx, "metadata-descriptors", values, metadata_descriptors)


def field_name_of(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower().replace("'", "")).strip("_")
    if not slug:
        raise errors.InvalidInput("name must hold a letter or a digit.")
    return slug


async def metadata_descriptors(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await metadata.descriptors_by_ids(ctx.db, ids)


# --- entities ------------------------------------------------------------------------------------------------

async def create_entity(ctx: Context, kind: str, values: dict[str, Any]) -> Row:
    """A new episode, sequence, shot, scene, edit or asset (the generic entity route: manager of the
    production; `<kind>:new` event)."""
    if kind == "Asset":
        asset_type = (await entity_reads.entity_types_by_ids(ctx.db, [uuid_arg(values.get("entity_type_id"))]))[0]
        if asset_type is None:
            raise errors.NotFound()
        if entity_reads.kind_of(asset_type["name"]) != "Asset":
            raise errors.InvalidInput("assetTypeId is not an asset type.")
    else:
        values["entity_type_id"] = str(await crud_models.temporal_type_id(ctx.db, kind))
    written = await crud.create_model(ctx, "entities", values)
    return await entities.entity(ctx, written["id"], kind)


async def update_entity(ctx: Context, kind: str, entity_id: Any, values: dict[str, Any]) -> Row:
    await entities.entity(ctx, entity_id, kind)
    await crud.update_model(ctx, "entities", str(uuid_arg(entity_id)), values)
    return await entities.entity(ctx, entity_id, kind)


async def delete_entity(ctx: Context, kind: str, entity_id: Any, *, force: bool = False) -> uuid.UUID:
    """Zou's typed DELETE routes: the entity's creator, or a manager of its production; an edit through the
    REST route's own resolver."""
    row = await entities.entity(ctx, entity_id, kind)
    if kind == "Edit":
        await edits.delete_edit(ctx, row["id"], force=force)
        return row["id"]
    user = ctx.require_user()
    await crud.policy_for("entities").delete(ctx, crud.model_for("entities"), row)
    await entity_removal.remove_entity(ctx.db, ctx.events, entity=row, kind=kind, force=force, actor_id=user.id)
    await ctx.commit()
    return row["id"]


# --- tasks ---------------------------------------------------------------------------------------------------

async def create_task(ctx: Context, values: dict[str, Any]) -> Row:
    """A task of a visible entity, in the entity's production, with the default status when none is given.
    A manager of the production creates it, as Zou's task creation actions ask (its bare `POST /data/tasks`
    checks nothing)."""
    entity = await entities.entity(ctx, values.get("entity_id"))
    await zou_access.manager_access(ctx, entity["project_id"])
    values = {**values, "project_id": str(entity["project_id"])}
    if values.get("task_status_id") is None:
        values["task_status_id"] = str(await _default_task_status_id(ctx))
    written = await crud.create_model(ctx, "tasks", values)
    return await tasks.task(ctx, written["id"])


async def _default_task_status_id(ctx: Context) -> uuid.UUID:
    """The studio's default status for a new task (Zou's "Todo": `is_default`, not a concept status)."""
    statuses = await tasks.task_statuses_list(ctx)
    for status in statuses:
        if status["is_default"] and not status["for_concept"]:
            return status["id"]
    raise errors.InvalidInput("taskStatusId is required: the studio has no default task status.")


async def update_task(ctx: Context, task_id: Any, values: dict[str, Any]) -> Row:
    await tasks.task(ctx, task_id)
    await crud.update_model(ctx, "tasks", str(uuid_arg(task_id)), values)
    return await tasks.task(ctx, task_id)


# --- saved searches --------------------------------------------------------------------------------------------

async def create_search_filter(ctx: Context, values: dict[str, Any]) -> Row:
    return await search_filters.create_search_filter(ctx, _ids(values, "project_id", "search_filter_group_id",
                                                               "department_id"))


async def update_search_filter(ctx: Context, filter_id: Any, values: dict[str, Any]) -> Row:
    return await search_filters.update_search_filter(ctx, filter_id, _ids(
        values, "project_id", "search_filter_group_id", "department_id"))


async def create_search_filter_group(ctx: Context, values: dict[str, Any]) -> Row:
    return await search_filters.create_search_filter_group(ctx, _ids(values, "project_id", "department_id"))


async def update_search_filter_group(ctx: Context, group_id: Any, values: dict[str, Any]) -> Row:
    return await search_filters.update_search_filter_group(ctx, group_id, _ids(values, "project_id",
                                                                                "department_id"))


def _ids(values: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: (uuid_arg(v, k) if k in names else v) for k, v in values.items()}


# --- budgets ---------------------------------------------------------------------------------------------------

async def _budget(ctx: Context, budget_id: Any) -> Row:
    ctx.require_user()
    row = (await budgets.budgets_by_ids(ctx.db, [uuid_arg(budget_id)]))[0]
    if row is None:
        raise errors.NotFound()
    return row


async def _entry(ctx: Context, entry_id: Any) -> tuple[Row, Row]:
    ctx.require_user()
    entry = (await budgets.entries_by_ids(ctx.db, [uuid_arg(entry_id)]))[0]
    if entry is None:
        raise errors.NotFound()
    return await _budget(ctx, entry["budget_id"]), entry


async def _budget_back(ctx: Context, budget_id: uuid.UUID) -> Row:
    return (await budgets.budgets_by_ids(ctx.db, [budget_id]))[0]


async def create_budget(ctx: Context, project_id: Any, values: dict[str, Any]) -> Row:
    written = await budget_routes.create_budget(ctx, uuid_arg(project_id, "projectId"), values)
    return await _budget_back(ctx, written["id"])


async def update_budget(ctx: Context, budget_id: Any, values: dict[str, Any]) -> Row:
    row = await _budget(ctx, budget_id)
    await budget_routes.update_budget(ctx, row["project_id"], row["id"], values)
    return await _budget_back(ctx, row["id"])


async def delete_budget(ctx: Context, budget_id: Any) -> uuid.UUID:
    row = await _budget(ctx, budget_id)
    await budget_routes.delete_budget(ctx, row["project_id"], row["id"])
    return row["id"]


async def create_budget_entry(ctx: Context, budget_id: Any, values: dict[str, Any]) -> Row:
    row = await _budget(ctx, budget_id)
    written = await budget_routes.create_budget_entry(ctx, row["project_id"], row["id"], values)
    return (await budgets.entries_by_ids(ctx.db, [written["id"]]))[0]


async def update_budget_entry(ctx: Context, entry_id: Any, values: dict[str, Any]) -> Row:
    """Zou's route writes every field (the omitted ones become null): the stored values fill the gaps."""
    budget, entry = await _entry(ctx, entry_id)
    merged = {k: _json(entry[k]) for k in ("department_id", "person_id", "start_date", "months_duration",
                                           "daily_salary", "position", "seniority", "exceptions")}
    merged.update(values)
    await budget_routes.update_budget_entry(ctx, budget["project_id"], budget["id"], entry["id"], merged)
    return (await budgets.entries_by_ids(ctx.db, [entry["id"]]))[0]


async def delete_budget_entry(ctx: Context, entry_id: Any) -> uuid.UUID:
    budget, entry = await _entry(ctx, entry_id)
    await budget_routes.delete_budget_entry(ctx, budget["project_id"], budget["id"], entry["id"])
    return entry["id"]


def _json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- casting and time ------------------------------------------------------------------------------------------

async def set_casting(ctx: Context, kind: str, entity_id: Any, items: list[dict[str, Any]]) -> Row:
    """Replace the casting of a shot (or another container): the REST route's rules and events."""
    row = await entities.entity(ctx, entity_id, kind)
    await breakdown.set_entity_casting(ctx, row["project_id"], row["id"], items)
    return await entities.entity(ctx, entity_id, kind)


async def set_time_spent(ctx: Context, task_id: Any, person_id: Any, day: date, duration: float) -> Row:
    return await time_spents.log_time(ctx, uuid_arg(task_id, "taskId"), uuid_arg(person_id, "personId"),
                                      day.isoformat(), {"duration": duration})
