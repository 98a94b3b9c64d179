"""Shots as Zou's shot routes read and write them (entities.md §1-2): the `/data/shots/all` listing with Zou's
filters, creation (create-or-return) and the whole-row update, with their request bodies checked as Zou's
schemas check them."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import exists, insert, not_, or_, select, update
from sqlalchemy.orm import aliased

from domain import crud, errors
from domain.base import new_id, utcnow
from domain.batch import Assigned, Row, fetch, where_all, within
from domain.crud_models import MODELS, temporal_type_id
from domain.events import EventBus
from domain.payloads import Field, MISSING, validate, validation_error
from domain.tables import Entity, Project, Task, TaskPersonLink

ENTITY = Entity.__table__
ENTITY_MODEL = MODELS["entities"]

NEW_SHOT = (Field("name", "str", required=True, min_length=1), Field("sequence_id", "uuid"),
            Field("data", "dict"), Field("nb_frames", "int"), Field("description", "str"))
SHOT_UPDATE = (Field("name", "str", min_length=1), Field("description", "str"), Field("nb_frames", "int"),
               Field("data", "dict"), Field("parent_id", "uuid"), Field("canceled", "bool"))
# Keys the shot update never writes (Zou's route drops them after validation).
UPDATE_DROPPED = frozenset({"id", "created_at", "updated_at", "instance_casting", "project_id", "entities_in",
                            "entities_out", "type", "shotgun_id", "created_by"})
_TRUE = ("true", "1", "yes", "on", "y", "t")
_FALSE = ("false", "0", "no", "off", "n", "f")


# --- request bodies ------------------------------------------------------------------------------------------

def check_body(schema: str, payload: Any, fields: Iterable[Field], *, partial: bool = False) -> dict[str, Any]:
    """The body's values for `fields` (pydantic's lax coercions and messages, UUIDs and booleans included).
    `partial`: only the keys sent (Zou's `exclude_unset`)."""
    fields = tuple(fields)
    plain = tuple(f for f in fields if f.kind not in ("uuid", "bool"))
    failures: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values = validate(schema, payload, plain)
    except errors.InvalidInput as exc:
        if not isinstance(payload, Mapping):
            raise
        failures = {e["field"]: e["message"] for e in exc.data["errors"]}
    for f in fields:
        if f.kind not in ("uuid", "bool"):
            continue
        raw = payload.get(f.name, MISSING)
        if raw is MISSING or raw is None:
            values[f.name] = None
            continue
        try:
            values[f.name] = _uuid(raw) if f.kind == "uuid" else _bool(raw)
        except ValueError as exc:
            failures[f.name] = str(exc)
    if failures:
        raise validation_error([(f.name, failures[f.name]) for f in fields if f.name in failures])
    if partial:
        values = {k: v for k, v in values.items() if k in payload}
    return values


_GROUP_LENGTHS = (8, 4, 4, 4, 12)


def _uuid(raw: Any) -> uuid.UUID:
    """The UUID, or pydantic's message for what is wrong with it (it reports the first bad character, then a
    simple form's length, then the hyphenated groups)."""
    if not isinstance(raw, str):
        raise ValueError("UUID input should be a string, bytes or UUID object")
    problem = _uuid_problem(raw)
    if problem is not None:
        raise ValueError(f"Input should be a valid UUID, {problem}")
    return uuid.UUID(raw)


def _uuid_problem(raw: str) -> str | None:
    for index, ch in enumerate(raw):
        if ch != "-" and ch not in "0123456789abcdefABCDEF":
            return f"invalid character: found `{ch}` at {len(raw[:index].encode()) + 1}"
    groups = raw.split("-")
    if len(groups) == 1:
        return None if len(raw) == 32 else f"invalid length: expected length 32 for simple format, found {len(raw)}"
    if len(groups) != 5:
        return f"invalid group count: expected 5, found {len(groups)}"
    for number, (group, expected) in enumerate(zip(groups, _GROUP_LENGTHS)):
        if len(group) != expected:
            return f"invalid group length in group {number}: expected {expected}, found {len(group)}"
    return None


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in _TRUE + _FALSE:
        return raw.strip().lower() in _TRUE
    if isinstance(raw, (str, int, float)):
        raise ValueError("Input should be a valid boolean, unable to interpret input")
    raise ValueError("Input should be a valid boolean")


# --- the /data/shots/all listing -----------------------------------------------------------------------------

async def shots_listing(db, criteria: Iterable[tuple[str, str]], *, project_ids=None,
                        assigned_to: Assigned | None = None) -> list[Row]:
    """Shots under a sequence matching Zou's generic filters (`name` case-insensitive, JSON lists, casting),
    each with `project_name` and `sequence_name`, by name (case-insensitive). `assigned_to` keeps, within its
    projects, the shots holding a task assigned to the person."""
    sequence = aliased(Entity)
    shot_type = await temporal_type_id(db, "Shot")
    clauses = crud.filter_clauses(db, ENTITY_MODEL, [(k, v) for k, v in criteria if k != "entity_type_id"])
    stmt = (select(ENTITY, Project.name.label("project_name"), sequence.name.label("sequence_name"))
            .join(Project, Project.id == Entity.project_id).join(sequence, sequence.id == Entity.parent_id)
            .where(Entity.entity_type_id == shot_type, *clauses))
    stmt = where_all(stmt, within(db, Entity.project_id, project_ids), _assigned(db, assigned_to))
    rows = await fetch(db, stmt)
    return sorted(rows, key=lambda r: r["name"].casefold())


def _assigned(db, assigned_to: Assigned | None):
    if assigned_to is None or not assigned_to.project_ids:
        return None
    mine = exists(select(Task.id).join(TaskPersonLink, TaskPersonLink.task_id == Task.id).where(
        Task.entity_id == Entity.id, TaskPersonLink.person_id == assigned_to.person_id))
    return or_(not_(db.in_keys(Entity.project_id, list(assigned_to.project_ids))), mine)


# --- writes --------------------------------------------------------------------------------------------------

async def find_shot(db, *, project_id: uuid.UUID, sequence_id: uuid.UUID | None, name: str) -> Row | None:
    shot_type = await temporal_type_id(db, "Shot")
    parent = Entity.parent_id.is_(None) if sequence_id is None else Entity.parent_id == sequence_id
    found = await fetch(db, select(ENTITY).where(Entity.entity_type_id == shot_type, Entity.project_id == project_id,
                                                 Entity.name == name, parent))
    return found[0] if found else None


async def create_shot(db, events: EventBus, *, project_id: uuid.UUID, sequence: Row | None, name: str,
                      data: dict | None = None, nb_frames: int | None = None, description: str | None = None,
                      actor_id: uuid.UUID | None = None) -> Row:
    """The shot of that name in the sequence, made when missing (event `shot:new`); an existing one is
    returned unchanged."""
    sequence_id = sequence["id"] if sequence is not None else None
    found = await find_shot(db, project_id=project_id, sequence_id=sequence_id, name=name)
    if found is not None:
        return found
    shot_id, now = new_id(), utcnow()
    await db.execute(insert(Entity).values(
        **ENTITY_MODEL.defaults, id=shot_id, name=name, project_id=project_id,
        entity_type_id=await temporal_type_id(db, "Shot"), parent_id=sequence_id, data=data or {},
        nb_frames=nb_frames, description=description, created_by=actor_id, created_at=now, updated_at=now))
    episode_id = sequence["parent_id"] if sequence is not None else None
    events.record("shot:new", {"shot_id": shot_id, "episode_id": episode_id, "project_id": project_id},
                  project_id=project_id, user_id=actor_id)
    return (await fetch(db, select(ENTITY).where(Entity.id == shot_id)))[0]


async def update_shot(db, events: EventBus, *, shot: Row, values: Mapping[str, Any],
                      actor_id: uuid.UUID | None = None) -> Row:
    """The shot's columns set from `values` (other keys ignored; `data` replaced whole), event `shot:update`."""
    columns = ENTITY_MODEL.columns
    row: dict[str, Any] = {}
    for key, value in values.items():
        if key in UPDATE_DROPPED or key not in columns:
            continue
        try:
            row[key] = crud.cast(columns[key], value)
        except crud.CastError as exc:
            raise crud.format_error() from exc
    if row:
        await db.execute(update(Entity).where(Entity.id == shot["id"]).values(**row))
    events.record("shot:update", {"shot_id": shot["id"], "project_id": shot["project_id"]},
                  project_id=shot["project_id"], user_id=actor_id)
    return (await fetch(db, select(ENTITY).where(Entity.id == shot["id"])))[0]
