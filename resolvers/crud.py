"""The generic model routes `/data/<model>[/<id>]` for both faces: who may list, read, create, update and
delete each model (crud.md §7), which rows a caller sees, and the shape of a row per caller. The reads and
writes themselves are `domain/crud.py`'s, the per-model domain rules `domain/crud_models.py`'s."""
from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from datetime import date

from domain import api_tokens, crud, errors, organisations, passwords
from domain import crud_visibility as visibility
from domain.crud import Model
from domain.crud_models import (DEFAULT_USER_LIMIT, PERSON_SELF_ONLY_FIELDS, first_episode, is_open_project,
                                MODELS, model_for, refused)
from domain.people import SECRET_FIELDS
from resolvers import access
from resolvers.auth import token_config
from resolvers.context import Context

DATA_EMPTY = "Data are empty. Please verify that you sent JSON data and that you set the right headers."
PERSON_MINIMAL = ("id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "departments",
                  "studio_id", "role", "desktop_login", "is_bot")
PERSON_CLIENT = ("id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "role", "is_bot")
PERSON_MINIMAL_FILTERS = frozenset({"id", "first_name", "last_name", "full_name", "has_avatar", "active",
                                    "departments", "studio_id", "role", "desktop_login", "email", "is_bot",
                                    "is_guest"})
SUPERVISOR_TASK_FIELDS = frozenset({"priority", "start_date", "due_date", "estimation", "difficulty", "data"})
CLIENT_BLANK_TASK = {
    "assignees": [], "assigner_id": None, "completion_rate": 0, "difficulty": None, "done_date": None,
    "due_date": None, "duration": 0, "end_date": None, "estimation": 0, "last_comment_date": None,
    "nb_assets_ready": 0, "nb_drawings": 0, "priority": 0, "real_start_date": None, "retake_count": 0,
    "start_date": None,
}

Row = dict[str, Any]
Check = Callable[..., Awaitable[None]]


# --- rules -----------------------------------------------------------------------------------------------

async def anyone(ctx: Context, *_: Any) -> None:
    ctx.require_user()


async def admin(ctx: Context, *_: Any) -> None:
    access.require_admin(ctx)


async def _belongs(ctx: Context, project_id: uuid.UUID | None) -> bool:
    return project_id is not None and project_id in await access.team_roles(ctx)


async def _role(ctx: Context, project_id: uuid.UUID | None) -> str:
    return await access.effective_role(ctx, project_id)


async def _my_departments(ctx: Context) -> list[uuid.UUID]:
    return await visibility.department_ids_of(ctx.db, ctx.require_user().id)


async def project_access(ctx: Context, project_id: uuid.UUID | None) -> None:
    """Zou's `check_project_access`: admin, or in the project's team (no existence check: the row exists)."""
    if not ctx.require_user().is_admin and not await _belongs(ctx, project_id):
        raise errors.PermissionDenied()


async def manager_access(ctx: Context, project_id: uuid.UUID | None) -> None:
    if ctx.require_user().is_admin:
        return
    if not await _belongs(ctx, project_id) or await _role(ctx, project_id) != "manager":
        raise errors.PermissionDenied()


async def entity_access(ctx: Context, project_id: uuid.UUID | None, entity_id: uuid.UUID | None) -> None:
    await project_access(ctx, project_id)
    if await _role(ctx, project_id) == "vendor":
        if not await visibility.has_assigned_task(ctx.db, ctx.require_user().id, entity_id=entity_id):
            raise errors.PermissionDenied()


async def task_access(ctx: Context, task: Row) -> None:
    await entity_access(ctx, task["project_id"], task["entity_id"])


async def department_supervisor(ctx: Context, project_id, task_type_id) -> bool:
    """A supervisor on the project whose departments hold the task type's (or who has none)."""
    if not await _belongs(ctx, project_id) or await _role(ctx, project_id) != "supervisor":
        return False
    mine = await _my_departments(ctx)
    return not mine or await visibility.task_type_department(ctx.db, task_type_id) in mine


# projects
async def read_project(ctx, model, row):
    await project_access(ctx, row["id"])


async def update_project(ctx, model, row, data):
    await manager_access(ctx, row["id"])


# persons
async def create_person(ctx, model, data):
    if (not data.get("is_bot", False) and data.get("active", True)
            and await visibility.user_limit_reached(ctx.db)):
        raise errors.InvalidInput("User limit reached.", data={"limit": DEFAULT_USER_LIMIT})
    access.require_admin(ctx)


async def read_person(ctx, model, row):
    if await _global_client(ctx) and row["id"] not in await visibility.client_team_person_ids(ctx.db, ctx.user.id):
        raise errors.PermissionDenied()


async def update_person(ctx, model, row, data):
    if row["id"] != ctx.require_user().id:
        access.require_admin(ctx)


async def delete_person(ctx, model, row):
    if row["id"] == ctx.require_user().id:
        raise errors.PermissionDenied()
    access.require_admin(ctx)


async def _global_client(ctx: Context) -> bool:
    return ctx.require_user().role == "client"


# entities
async def create_entity(ctx, model, data):
    if "project_id" not in data:
        raise errors.InvalidInput("'project_id'", body={"message": "'project_id'"})
    project_id = crud.parse_id(data["project_id"])
    if project_id is None:
        raise crud.format_error()
    await access.check_manager_project_access(ctx, project_id)


async def read_entity(ctx, model, row):
    await entity_access(ctx, row["project_id"], row["id"])


async def update_entity(ctx, model, row, data):
    """Zou's `check_metadata_department_access`."""
    user = ctx.require_user()
    if user.is_admin:
        return
    belongs = await _belongs(ctx, row["project_id"])
    role = await _role(ctx, row["project_id"])
    if belongs and (role in ("admin", "manager") or row.get("created_by") == user.id):
        return
    if belongs and role == "supervisor" and set(data) <= {"data"}:
        mine = await _my_departments(ctx)
        if not mine:
            return
        kind = row.get("type") if row.get("type") in ("Shot", "Asset", "Edit") else None
        if kind is not None:
            fields = await visibility.descriptor_departments(ctx.db, row["project_id"], kind)
            sent = list((data.get("data") or {}).keys()) if isinstance(data.get("data"), dict) else []
            if sent and all(set(fields.get(name, ())) & set(mine) for name in sent):
                return
    raise errors.PermissionDenied()


async def delete_entity(ctx, model, row):
    if row.get("created_by") != ctx.require_user().id:
        await manager_access(ctx, row["project_id"])


# tasks
async def read_task(ctx, model, row):
    await task_access(ctx, row)


async def update_task(ctx, model, row, data):
    """Zou's `check_supervisor_task_access`."""
    if ctx.require_user().is_admin:
        return
    if await _belongs(ctx, row["project_id"]) and await _role(ctx, row["project_id"]) == "manager":
        return
    if set(data) <= SUPERVISOR_TASK_FIELDS and await department_supervisor(ctx, row["project_id"],
                                                                            row["task_type_id"]):
        return
    raise errors.PermissionDenied()


async def delete_task(ctx, model, row):
    await manager_access(ctx, row["project_id"])


# time spents
async def delete_time_spent(ctx, model, row):
    """time-budget.md §1: the person is an assignee, and the caller is that person, an admin or a manager."""
    user = ctx.require_user()
    task = await visibility.task_row(ctx.db, row["task_id"])
    if task is None:
        raise errors.NotFound()
    allowed = row["person_id"] in await visibility.task_assignee_ids(ctx.db, task["id"]) and (
        user.id == row["person_id"] or user.is_admin
        or (await _belongs(ctx, task["project_id"]) and await _role(ctx, task["project_id"]) == "manager"))
    if not allowed:
        raise errors.PermissionDenied()


# day offs
async def day_off_owner(ctx, model, row_or_data, *rest):
    user = ctx.require_user()
    if "person_id" not in row_or_data:
        raise errors.InvalidInput("'person_id'", body={"message": "'person_id'"})
    if not user.is_admin and str(row_or_data["person_id"]) != str(user.id):
        raise errors.PermissionDenied()


async def update_day_off(ctx, model, row, data):
    user = ctx.require_user()
    if "person_id" in data and str(data["person_id"]) != str(row["person_id"]) and not user.is_admin:
        raise errors.PermissionDenied()
    await day_off_owner(ctx, model, row)


async def read_day_off(ctx, model, row) -> None:
    row["_with_description"] = await day_off_readable(ctx, row["person_id"])


async def day_off_readable(ctx: Context, person_id: uuid.UUID) -> bool:
    """time-budget.md §3: True (with description) for admins, the person and managers of a project the person
    is in; False (dates only) for supervisors of such a project sharing a department; 403 otherwise."""
    user = ctx.require_user()
    if user.is_admin or user.id == person_id:
        return True
    scopes = await visibility.manager_or_supervisor_projects(ctx.db, user.id, user.role)
    roles = {scopes[p] for p in await visibility.teams_holding(ctx.db, person_id, scopes)}
    if "manager" in roles:
        return True
    if "supervisor" in roles and await visibility.shares_department(ctx.db, person_id, await _my_departments(ctx)):
        return False
    raise errors.PermissionDenied()


# preview files
async def read_preview(ctx, model, row):
    task = await visibility.task_row(ctx.db, row["task_id"])
    if task is None:
        raise errors.NotFound()
    if await _role(ctx, task["project_id"]) == "vendor":
        if ctx.require_user().id not in await visibility.task_assignee_ids(ctx.db, task["id"]):
            raise errors.PermissionDenied()
    else:
        await project_access(ctx, task["project_id"])


async def update_preview(ctx, model, row, data):
    task = await visibility.task_row(ctx.db, row["task_id"])
    if task is None:
        raise errors.NotFound()
    await project_access(ctx, task["project_id"])
    if ctx.require_user().is_admin or await _role(ctx, task["project_id"]) == "manager":
        return
    if ctx.require_user().id in await visibility.task_assignee_ids(ctx.db, task["id"]):
        return
    if not await department_supervisor(ctx, task["project_id"], task["task_type_id"]):
        raise errors.PermissionDenied()


async def delete_preview(ctx, model, row):
    task = await visibility.task_row(ctx.db, row["task_id"])
    await manager_access(ctx, task["project_id"] if task else None)


# working files
async def list_working_files(ctx, model):
    if ctx.require_user().role == "vendor":
        raise errors.PermissionDenied()


async def read_working_file(ctx, model, row):
    task = await visibility.task_row(ctx.db, row["task_id"])
    if task is None:
        raise errors.NotFound()
    await task_access(ctx, task)


async def update_working_file(ctx, model, row, data):
    """Zou's `check_task_action_access`."""
    user = ctx.require_user()
    task = await visibility.task_row(ctx.db, row["task_id"])
    if task is None:
        raise errors.NotFound()
    if user.is_admin:
        return
    if not await _belongs(ctx, task["project_id"]):
        raise errors.PermissionDenied()
    if await _role(ctx, task["project_id"]) in ("manager", "client"):
        return
    if user.id in await visibility.task_assignee_ids(ctx.db, task["id"]):
        return
    if await department_supervisor(ctx, task["project_id"], task["task_type_id"]):
        return
    if await visibility.entity_creator(ctx.db, task["entity_id"]) == user.id:
        return
    raise errors.PermissionDenied()


# --- visibility of list rows -----------------------------------------------------------------------------

async def _open_team_projects(ctx: Context) -> set[uuid.UUID]:
    return await access.visible_project_ids(ctx, open_only=True) or set()


async def scope_projects(ctx, model):
    if ctx.require_user().is_admin:
        return []
    return [visibility.rows_in_projects(ctx.db, model.table.id, await _open_team_projects(ctx))]


async def scope_entities(ctx, model):
    user = ctx.require_user()
    if user.is_admin:
        return []
    clauses = [visibility.rows_in_projects(ctx.db, model.table.project_id, await _open_team_projects(ctx))]
    if user.role == "vendor":
        clauses.append(visibility.projects_with_assignment(model.table.project_id, user.id))
    return clauses


async def scope_tasks(ctx, model):
    user = ctx.require_user()
    if user.role == "vendor":
        return [visibility.tasks_assigned_to(model.table.id, user.id)]
    if user.is_admin:
        return []
    return [visibility.rows_in_projects(ctx.db, model.table.project_id, await _open_team_projects(ctx))]


async def scope_previews(ctx, model):
    user = ctx.require_user()
    if user.is_admin:
        return []
    return [visibility.previews_visible(ctx.db, await _open_team_projects(ctx),
                                        user.id if user.role == "vendor" else None)]


async def scope_working_files(ctx, model):
    if ctx.require_user().is_admin:
        return []
    teams = set(await access.team_roles(ctx))
    return [visibility.working_files_in_projects(ctx.db, teams)]


async def scope_descriptors(ctx, model):
    user = ctx.require_user()
    if user.is_admin:
        return []
    roles = await access.team_roles(ctx)
    open_ids = await _open_team_projects(ctx)
    by_role: dict[str, list[uuid.UUID]] = {}
    for project_id in open_ids:
        role = roles.get(project_id)
        by_role.setdefault(role if role and role != "admin" else user.role, []).append(project_id)
    vendor_departments = await _my_departments(ctx) if "vendor" in by_role else []
    return [visibility.descriptors_visible(ctx.db, by_role, vendor_departments)]


async def scope_persons(ctx, model):
    clauses = [model.table.preview_project_id.is_(None)]
    if await _global_client(ctx):
        ids = await visibility.client_team_person_ids(ctx.db, ctx.user.id)
        clauses.append(ctx.db.in_keys(model.table.id, list(ids)))
    return clauses


async def no_scope(ctx, model):
    return []


# --- shapes of rows per caller ---------------------------------------------------------------------------

async def shape_plain(ctx, model, rows, *, relations, mode):
    return rows


async def shape_organisation(ctx, model, rows, *, relations, mode):
    admin_caller = ctx.require_user().is_admin
    return [organisations.present(r, sensitive=admin_caller) for r in rows]


async def shape_person(ctx, model, rows, *, relations, mode):
    user = ctx.require_user()
    safe = [{k: v for k, v in r.items() if k not in SECRET_FIELDS} for r in rows]
    if mode in ("create", "update"):
        return safe
    if user.is_admin or (mode == "one" and user.role == "manager"):
        if user.is_admin and mode == "list" and getattr(ctx, "_with_pass_hash", False):
            for out, r in zip(safe, rows):
                out["password"] = r.get("password")
        return safe
    if user.role == "client":
        return [{k: r.get(k) for k in PERSON_CLIENT} for r in safe]
    return [{**{k: r.get(k) for k in PERSON_MINIMAL}, "departments": r.get("departments", []) if relations else []}
            for r in safe]


async def shape_task(ctx, model, rows, *, relations, mode):
    if mode == "list":
        client = ctx.require_user().role == "client"
    elif mode == "one" and rows:
        client = await _role(ctx, rows[0]["project_id"]) == "client"
    else:
        client = False
    if not client:
        return rows
    return [{**r, **{k: v for k, v in CLIENT_BLANK_TASK.items() if k in r}} for r in rows]


async def shape_day_off(ctx, model, rows, *, relations, mode):
    out = []
    for r in rows:
        keep_description = r.pop("_with_description", True)
        out.append(r if keep_description else {k: v for k, v in r.items() if k != "description"})
    return out


async def no_hidden(ctx, model) -> frozenset[str]:
    return frozenset()


async def hidden_organisation(ctx, model):
    return frozenset() if ctx.require_user().is_admin else organisations.CHAT_TOKEN_FIELDS


async def hidden_person(ctx, model):
    names = set(model.attribute_names())
    if ctx.require_user().is_admin:
        return frozenset(SECRET_FIELDS & names)
    return frozenset(names - PERSON_MINIMAL_FILTERS)


# --- the table of policies -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Policy:
    list: Check = admin
    scope: Callable[..., Awaitable[list]] = no_scope
    read: Check = admin
    create: Check = admin
    update: Check = admin
    delete: Check = admin
    shape: Callable[..., Awaitable[list]] = shape_plain
    hidden: Callable[..., Awaitable[frozenset]] = no_hidden
    dropped: Callable[[Context, Row], Awaitable[frozenset]] | None = None


async def _person_dropped(ctx, row):
    return frozenset() if ctx.require_user().is_admin else PERSON_SELF_ONLY_FIELDS | _expiration(ctx)


def _expiration(ctx) -> frozenset:
    return frozenset() if ctx.require_user().identity_type in ("person", "person_api") else {"expiration_date"}


_READ_ALL = Policy(list=anyone, read=anyone)
POLICIES: dict[str, Policy] = {
    "task-types": _READ_ALL, "task-status": _READ_ALL, "departments": _READ_ALL, "file-status": _READ_ALL,
    "softwares": _READ_ALL, "output-types": _READ_ALL, "entity-types": _READ_ALL,
    "organisations": Policy(list=anyone, read=anyone, shape=shape_organisation, hidden=hidden_organisation),
    "day-offs": Policy(create=day_off_owner, read=read_day_off, update=update_day_off, delete=day_off_owner,
                       shape=shape_day_off),
    "metadata-descriptors": Policy(list=anyone, scope=scope_descriptors),
    "projects": Policy(list=anyone, scope=scope_projects, read=read_project, update=update_project),
    "persons": Policy(list=anyone, scope=scope_persons, read=read_person, create=create_person,
                      update=update_person, delete=delete_person, shape=shape_person, hidden=hidden_person,
                      dropped=_person_dropped),
    "entities": Policy(list=anyone, scope=scope_entities, read=read_entity, create=create_entity,
                       update=update_entity, delete=delete_entity),
    "tasks": Policy(list=anyone, scope=scope_tasks, read=read_task, create=anyone, update=update_task,
                    delete=delete_task, shape=shape_task),
    "time-spents": Policy(delete=delete_time_spent),
    "preview-files": Policy(list=anyone, scope=scope_previews, read=read_preview, update=update_preview,
                            delete=delete_preview),
    "working-files": Policy(list=list_working_files, scope=scope_working_files, read=read_working_file,
                            update=update_working_file),
}


def policy_for(route: str) -> Policy:
    return POLICIES.get(route, Policy())


def model_routes() -> list[str]:
    """The route names served as `/data/<route>[/<id>]`."""
    return list(MODELS)


def is_valid_id(value: str) -> bool:
    return crud.is_valid_id(value)


# --- presenting rows -------------------------------------------------------------------------------------

async def present(ctx: Context, model: Model, rows: list[Row], *, relations: bool | Sequence[str],
                  mode: str) -> list[Row]:
    """Rows as the caller may see them: `type`, computed attributes, collections when asked, per-role shape."""
    if relations:
        names = None if relations is True else list(relations)
        await crud.with_collections(ctx.db, model, rows, names)
    return await policy_for(model.route).shape(ctx, model, rows, relations=bool(relations), mode=mode)


# --- list ------------------------------------------------------------------------------------------------

@dataclass
class ListArgs:
    """The query string of a list route, first value per name (as Werkzeug's `args.items()`)."""

    items: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, pairs: Sequence[tuple[str, str]]) -> ListArgs:
        seen: dict[str, str] = {}
        for k, v in pairs:
            seen.setdefault(k, v)
        return cls(list(seen.items()))

    def get(self, name: str, default: str | None = None) -> str | None:
        return dict(self.items).get(name, default)

    def integer(self, name: str, default: int) -> int:
        raw = self.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError as exc:
            raise errors.InvalidInput(f"{name} must be an integer.") from exc


async def list_models(ctx: Context, route: str, args: ListArgs) -> list[Row] | dict[str, Any]:
    """`GET /data/<model>`: a plain array, or Zou's page envelope when `page` is given."""
    model = model_for(route)
    policy = policy_for(route)
    ctx.require_user()
    await policy.list(ctx, model)
    if model.creates_on_list:
        await model.before_list(ctx.db)
        await ctx.commit()
    db = ctx.db
    if not args.items or model.ignores_filters:
        where = await policy.scope(ctx, model)
        listing = await crud.list_rows(db, model, where)
        await model.decorate(db, listing.rows)
        return await present(ctx, model, listing.rows, relations=model.list_relations_default, mode="list")
    where = crud.filter_clauses(db, model, args.items, not_allowed=await policy.hidden(ctx, model))
    where += await model.extra_filters(db, args.items)
    where += await policy.scope(ctx, model)
    page_number = args.integer("page", -1)
    limit = args.integer("limit", 0) or ctx.settings.nb_records_per_page
    relations = (args.get("relations") or "false").lower() == "true"
    fields = [f.strip() for f in (args.get("fields") or "").split(",")] if args.get("fields") else None
    ctx._with_pass_hash = (args.get("with_pass_hash") or "false").lower() == "true"  # type: ignore[attr-defined]
    if page_number > -1:
        if limit < 1:
            raise errors.InvalidInput("limit must be a positive integer.")
        listing = await crud.list_rows(db, model, where, page=crud.Page(page_number, limit))
    else:
        listing = await crud.list_rows(db, model, where)
    await model.decorate(db, listing.rows)
    rows = await present(ctx, model, listing.rows, relations=relations, mode="list")
    if fields:
        rows = crud.pick_fields(rows, fields)
    return listing.envelope(rows) if listing.page is not None else rows


# --- read one --------------------------------------------------------------------------------------------

def malformed_id() -> errors.InvalidInput:
    return errors.InvalidInput("Malformed ID.")


async def load(ctx: Context, model: Model, raw_id: str | uuid.UUID, *, reading: bool = False) -> Row:
    """The stored row: 400 `Malformed ID.` for a non-UUID (404 on the models whose read is Zou's own), 404 for
    an unknown id."""
    row_id = crud.parse_id(raw_id)
    if row_id is None:
        raise errors.NotFound() if reading and model.read_malformed_404 else malformed_id()
    row = await crud.row_by_id(ctx.db, model, row_id)
    if row is None:
        raise errors.NotFound()
    await model.decorate(ctx.db, [row])
    return row


async def get_model(ctx: Context, route: str, raw_id: str, *, relations: bool = True) -> Row:
    model = model_for(route)
    ctx.require_user()
    row = await load(ctx, model, raw_id, reading=True)
    await policy_for(route).read(ctx, model, row)
    out = (await present(ctx, model, [row], relations=relations, mode="one"))[0]
    if route == "projects":
        out.update(await project_extras(ctx, row, relations=relations))
    return out


async def project_extras(ctx: Context, row: Row, *, relations: bool) -> dict[str, Any]:
    """What a project read by id adds (crud.md §7 projects): descriptors narrowed for the caller's role on it,
    task type and status links, the first episode of a tvshow, and always the status name."""
    out: dict[str, Any] = {}
    if relations:
        role = await _role(ctx, row["id"])
        vendor_departments = await _my_departments(ctx) if role == "vendor" else None
        out["descriptors"] = await visibility.project_descriptors(
            ctx.db, row["id"], for_client=role == "client", vendor_departments=vendor_departments)
        out.update(await visibility.project_links(ctx.db, row["id"]))
        if row.get("production_type") == "tvshow":
            episode, _ = await first_episode(ctx.db, row["id"], running_first=True)
            if episode is not None:
                out["first_episode_id"] = episode["id"]
    out["project_status_name"] = await visibility.project_status_name(ctx.db, row["project_status_id"])
    return out


async def api_token(ctx: Context, person: Row, scope: Any = api_tokens.KEEP) -> str:
    """A bot's (or API person's) token, issued as `POST /data/persons` and `PUT` with an expiration do;
    `scope` (TrackQL's `token_scope` body key) limits it, else it keeps the previous token's limits."""
    return await api_tokens.issue(ctx.db, token_config(ctx.settings), person["id"], scope=scope,
                                  set_by=ctx.require_user().id)


def _token_scope(route: str, data: dict[str, Any]) -> Any:
    """Pops TrackQL's `token_scope` ({"project_ids": [...] | null, "read_only": bool}) off a person body."""
    if route != "persons" or "token_scope" not in data:
        return api_tokens.KEEP
    raw = data.pop("token_scope")
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"project_ids", "read_only"}:
        raise errors.InvalidInput("token_scope is {\"project_ids\": [...] or null, \"read_only\": true or false}.")
    return api_tokens.TokenScope.of(raw.get("project_ids"), raw.get("read_only", False))


# --- create ----------------------------------------------------------------------------------------------

def _events(ctx: Context, extras: Mapping[str, Any]) -> None:
    for name, data, project_id in extras.get("_events", ()):
        record_event(ctx, name, data, project_id)


def _public(extras: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in extras.items() if not k.startswith("_")}


def record_event(ctx: Context, name: str, data: Mapping[str, Any], project_id: uuid.UUID | None) -> None:
    """Zou's `emit`: the project id, when there is one, goes into the payload too."""
    payload = dict(data)
    if project_id is not None:
        payload["project_id"] = project_id
    ctx.events.record(name, payload, project_id=project_id, user_id=ctx.require_user().id)


def _row_event(ctx: Context, model: Model, row: Row, action: str) -> None:
    name, data = model.event(row, action)
    project_id = row.get("project_id") if model.has_project else None
    record_event(ctx, name, data, project_id)


async def create_model(ctx: Context, route: str, body: Any) -> Row:
    """`POST /data/<model>`: 201 row with its relations."""
    model = model_for(route)
    user = ctx.require_user()
    if not isinstance(body, dict):
        raise errors.InvalidInput(model.empty_body_message or DATA_EMPTY)
    data = dict(body)
    token_scope = _token_scope(route, data)
    if token_scope is not api_tokens.KEEP and data.get("is_bot") is not True:
        raise errors.InvalidInput("token_scope goes with a bot (is_bot: true), whose token is issued.")
    await policy_for(route).create(ctx, model, data)
    await model.check_create(ctx.db, data, user.person)
    data = {k: v for k, v in data.items() if k not in crud.PROTECTED | model.create_dropped}
    data = await model.prepare_create(ctx.db, data, user.person)
    if route == "persons" and data.get("password") is not None:
        data["password"] = await passwords.hash_password(str(data["password"]), rounds=ctx.settings.bcrypt_rounds)
    values, links = crud.split_values(model, data, strict=True)
    try:
        row_id = await crud.insert_row(ctx.db, model, values, links)
    except errors.Conflict as exc:
        if model.conflict_message:
            raise errors.Conflict(model.conflict_message, body={"message": model.conflict_message}) from exc
        raise
    row = await crud.row_by_id(ctx.db, model, row_id)
    await model.decorate(ctx.db, [row])
    extras = await model.after_create(ctx.db, row, data, user.person)
    _row_event(ctx, model, row, "new")
    _events(ctx, extras)
    extras = _public(extras)
    if route == "persons" and row.get("is_bot"):
        extras["access_token"] = await api_token(ctx, row, token_scope)
    out = (await present(ctx, model, [row], relations=True, mode="create"))[0]
    if model.create_type:
        out["type"] = model.create_type
    out.update(extras)
    await ctx.commit()
    return out


# --- update ----------------------------------------------------------------------------------------------

async def update_model(ctx: Context, route: str, raw_id: str, body: Any) -> Row:
    """`PUT /data/<model>/<id>`: 200 row (without relations unless the model says otherwise)."""
    model = model_for(route)
    policy = policy_for(route)
    user = ctx.require_user()
    if not isinstance(body, dict):
        raise errors.InvalidInput(DATA_EMPTY)
    row = await load(ctx, model, raw_id)
    data = dict(body)
    token_scope = _token_scope(route, data)
    if token_scope is not api_tokens.KEEP and "expiration_date" not in data:
        raise errors.InvalidInput("token_scope goes with expiration_date, which issues the token.")
    await policy.update(ctx, model, row, data)
    await model.check_update(ctx.db, row, data, user.person)
    dropped = crud.PROTECTED | model.update_dropped | ({"project_id"} if model.has_project else set())
    if policy.dropped is not None:
        dropped |= await policy.dropped(ctx, row)
    data = {k: v for k, v in data.items() if k not in dropped}
    crud.check_dates(model, data)
    data = await model.prepare_update(ctx.db, row, data, user.person)
    values, links = crud.split_values(model, data, strict=False)
    before_links = await crud.collection_ids(ctx.db, model, [row["id"]], list(links)) if links else {}
    await crud.update_row(ctx.db, model, row["id"], values, links)
    new = await crud.row_by_id(ctx.db, model, row["id"])
    await model.decorate(ctx.db, [new])
    extras = await model.after_update(ctx.db, new, row, data, user.person)
    _row_event(ctx, model, new, "update")
    _events(ctx, extras)
    if before_links:
        await _link_events(ctx, model, new, before_links)
    out = (await present(ctx, model, [new], relations=model.update_relations, mode="update"))[0]
    out.update(_public(extras))
    if route == "persons" and _regenerates_token(data):
        out["access_token"] = await api_token(ctx, new, token_scope)
    await ctx.commit()
    return out


async def _link_events(ctx: Context, model: Model, row: Row, before: Mapping[str, Mapping]) -> None:
    """Assignee changes through PUT /data/tasks/<id> emit `task:assign` / `task:unassign` per person."""
    if model.route != "tasks" or "assignees" not in before:
        return
    old = set(before["assignees"].get(row["id"], []))
    new = set((await crud.collection_ids(ctx.db, model, [row["id"]], ["assignees"]))["assignees"][row["id"]])
    for person_id in sorted(new - old, key=str):
        record_event(ctx, "task:assign", {"task_id": row["id"], "person_id": person_id}, row["project_id"])
    for person_id in sorted(old - new, key=str):
        record_event(ctx, "task:unassign", {"task_id": row["id"], "person_id": person_id}, row["project_id"])


def _regenerates_token(data: Mapping[str, Any]) -> bool:
    """A PUT on a person that sends `expiration_date` issues a new API token, unless the date is past."""
    if "expiration_date" not in data:
        return False
    value = data["expiration_date"]
    return value is None or date.fromisoformat(str(value)[:10]) >= date.today()


# --- delete ----------------------------------------------------------------------------------------------

async def delete_model(ctx: Context, route: str, raw_id: str, *, force: bool = False) -> None:
    """`DELETE /data/<model>/<id>`: 204; rows still referenced answer the FK 400 and nothing is removed."""
    model = model_for(route)
    ctx.require_user()
    row = await load(ctx, model, raw_id)
    if route == "projects" and await is_open_project(ctx.db, row):
        raise refused("Only closed projects can be deleted")
    await policy_for(route).delete(ctx, model, row)
    try:
        await model.before_delete(ctx.db, row, force=force and model.force_delete)
        await crud.delete_row(ctx.db, model, row["id"])
    except errors.Conflict as exc:
        if model.delete_conflict_message:
            raise refused(model.delete_conflict_message) from exc
        raise
    extras = await model.after_delete(ctx.db, row)
    _row_event(ctx, model, row, "delete")
    _events(ctx, extras)
    await ctx.commit()
