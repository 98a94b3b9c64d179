"""The model routes of `/data/<model>` (crud.md §1, §7): for each, its table, Zou type name, Python-side
defaults, collections, dropped fields and domain rules (validation, side effects, delete rules). Permissions
are not here: they are `resolvers/crud.py`'s."""
from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from domain import day_offs, errors, organisations
from domain.base import new_id, utcnow
from domain.crud import INVALID_FORMAT, CastError, Collection, Model, cast, format_error, parse_id
from domain.people import full_name
from domain.tables import (
    ApiEvent, AssetInstance, AssetInstanceLink, AttachmentFile, Budget, BudgetEntry, Comment, CommentAcknoledgments,
    CommentDepartmentMentions, CommentMentions, CommentPreviewLink, DayOff, Department, DepartmentLink,
    DepartmentMetadataDescriptorLink, DesktopLoginLog, Entity, EntityConceptLink, EntityLink, EntityType,
    EntityVersion, FileStatus, LoginLog, MetadataDescriptor, News, Notification, Organisation, OutputFile, OutputType,
    Person, PreviewBackgroundFile, PreviewFile, PreviewFileStorageState, Project, ProjectAssetTypeLink,
    ProjectPersonLink, ProjectPreviewBackgroundFileLink, ProjectStatus, ProjectStatusAutomationLink,
    ProjectTaskStatusLink, ProjectTaskTypeLink, SalaryScale, ScheduleItem, SearchFilter, SearchFilterGroup, Software,
    StatusAutomation, Subscription, Task, TaskPersonLink, TaskStatus, TaskType, TaskTypeAssetTypeLink, TimeSpent,
    WorkingFile,
)

PROJECT_STYLES = ("2d", "2dpaper", "3d", "2d3d", "ar", "vfx", "stop-motion", "motion-design", "archviz", "commercial",
                  "catalog", "immersive", "nft", "video-game", "vr")
ENTITY_STATUSES = ("standby", "running", "complete", "canceled")
DESCRIPTOR_TYPES = ("string", "number", "list", "taglist", "boolean", "checklist", "date", "url", "textarea",
                    "person")
VALIDATION_STATUSES = ("validated", "rejected", "neutral")
ROLES = ("user", "admin", "supervisor", "manager", "client", "vendor")
CONTRACT_TYPES = ("open-ended", "fixed-term", "short-term", "freelance", "apprentice", "internship")
TWO_FACTOR_TYPES = ("totp", "email_otp", "fido")
DISPLAY_DATE_FORMATS = ("YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY")
POSITIONS = ("supervisor", "lead", "artist")
SENIORITIES = ("senior", "mid", "junior")
TEMPORAL_TYPES = ("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept", "ConceptFolder")
MOVIE_HIGHDEF_BITRATE, MIN_MOVIE_BITRATE = 28, 1
PREVIEW_FIELDS = frozenset({"preview_project_id", "preview_opened_at", "preview_open_until"})
TWO_FACTOR_FIELDS = frozenset({"totp_enabled", "totp_secret", "email_otp_enabled", "email_otp_secret",
                               "fido_enabled", "fido_credentials", "otp_recovery_codes",
                               "preferred_two_factor_authentication"})
PERSON_SELF_ONLY_FIELDS = frozenset({"role", "departments", "active", "is_bot", "archived", "login_failed_attemps",
                                     "last_login_failed", "is_generated_from_ldap", "ldap_uid", "oidc_issuer",
                                     "oidc_subject", "saml_issuer", "saml_subject", "last_presence", "studio_id"})
DEFAULT_USER_LIMIT = 100
DEFAULT_TIMEZONE, DEFAULT_LOCALE = "Europe/Paris", "en_US"


def invalid(message: str, data: Any = None) -> errors.InvalidInput:
    """Zou's WrongParameterException: `{"error": true, "message": ..., "data": ...}`."""
    return errors.InvalidInput(message, data=data)


def refused(message: str) -> errors.InvalidInput:
    """A refusal a route answers directly: `{"error": true, "message": ...}` (no `data` key)."""
    return errors.InvalidInput(message, body={"error": True, "message": message})


def missing_key(key: str) -> errors.InvalidInput:
    """Zou reads a required key with `data[key]`: the KeyError becomes `{"message": "'key'"}`."""
    return errors.InvalidInput(f"'{key}'", body={"message": f"'{key}'"})


def _cast_or_400(column, value: Any) -> Any:
    try:
        return cast(column, value)
    except CastError as exc:
        raise format_error() from exc


# --- shared lookups --------------------------------------------------------------------------------------

async def entity_type_names(db, type_ids) -> dict[uuid.UUID, str]:
    ids = list({i for i in type_ids if i is not None})
    if not ids:
        return {}
    rows = await db.rows(select(EntityType.id, EntityType.name).where(db.in_keys(EntityType.id, ids)))
    return {r["id"]: r["name"] for r in rows}


def base_type_name(type_name: str | None) -> str:
    """The API's name for an entity of that entity type: a temporal type's own name, else Asset."""
    return type_name if type_name in TEMPORAL_TYPES else "Asset"


async def temporal_type_id(db, name: str) -> uuid.UUID:
    """The id of a built-in entity type, created on demand as Zou does."""
    found = await db.scalars(select(EntityType.id).where(EntityType.name == name))
    if found:
        return found[0]
    type_id, now = new_id(), utcnow()
    await db.execute(EntityType.__table__.insert().values(id=type_id, name=name, archived=False, created_at=now,
                                                          updated_at=now))
    return type_id


async def open_status_id(db) -> uuid.UUID:
    found = await db.scalars(select(ProjectStatus.id).where(ProjectStatus.name == "Open"))
    if found:
        return found[0]
    status_id, now = new_id(), utcnow()
    await db.execute(ProjectStatus.__table__.insert().values(id=status_id, name="Open", color="#000000",
                                                             created_at=now, updated_at=now))
    return status_id


async def is_open_project(db, project: Mapping[str, Any]) -> bool:
    return project.get("project_status_id") == await open_status_id(db)


async def recompute_task_duration(db, task_id: uuid.UUID | None) -> dict[str, Any] | None:
    """task.duration = the sum of its time spents (time-budget.md §1); returns the task row."""
    if task_id is None:
        return None
    total = (await db.scalars(select(func.coalesce(func.sum(TimeSpent.duration), 0.0))
                              .where(TimeSpent.task_id == task_id)))[0]
    await db.execute(update(Task).where(Task.id == task_id).values(duration=float(total), updated_at=utcnow()))
    rows = await db.rows(select(Task.id, Task.project_id).where(Task.id == task_id))
    return dict(rows[0]) if rows else None


# --- generic models --------------------------------------------------------------------------------------

class TaskTypeModel(Model):
    async def _check_name(self, db, name: Any, exclude: uuid.UUID | None = None) -> None:
        if not isinstance(name, str):
            return
        stmt = select(TaskType.id).where(func.lower(TaskType.name) == name.lower())
        if exclude is not None:
            stmt = stmt.where(TaskType.id != exclude)
        if await db.scalars(stmt.limit(1)):
            raise invalid("A task type with similar name already exists")

    async def prepare_create(self, db, data, actor):
        await self._check_name(db, data.get("name"))
        return data

    async def prepare_update(self, db, row, data, actor):
        name = data.get("name")
        if name is not None and name != row["name"]:
            await self._check_name(db, name, exclude=row["id"])
        return data

    async def before_delete(self, db, row, *, force):
        links = {
            "schedule items": ScheduleItem.__table__,
            "projects": ProjectTaskTypeLink.__table__,
        }
        if force:
            for table in links.values():
                await db.execute(delete(table).where(table.c.task_type_id == row["id"]))
            return
        blockers = [label for label, table in links.items()
                    if await db.scalars(select(table.c.task_type_id).where(table.c.task_type_id == row["id"]).limit(1))]
        if blockers:
            raise invalid(f"Task type is attached to {' and '.join(blockers)}. Re-issue the request with force=true "
                          "to detach.")


class TaskStatusModel(Model):
    async def _clear_default(self, db, data) -> None:
        if data.get("is_default"):
            await db.execute(update(TaskStatus).where(TaskStatus.is_default.is_(True))
                             .values(is_default=False, updated_at=utcnow()))

    async def check_create(self, db, data, actor):
        await self._clear_default(db, data)

    async def check_update(self, db, row, data, actor):
        await self._clear_default(db, data)


class OrganisationModel(Model):
    async def before_list(self, db):
        await organisations.get_organisation(db)

    async def check_update(self, db, row, data, actor):
        if "hours_by_day" in data:
            value = data["hours_by_day"]
            try:
                if isinstance(value, bool) or value is None:
                    raise TypeError(value)
                data["hours_by_day"] = float(value)
            except (TypeError, ValueError) as exc:
                raise invalid("hours_by_day must be a number.") from exc


class DayOffModel(Model):
    """Overlap check and covered time spents as `domain/day_offs.py` rules them; values are cast here
    first (Zou's database cast: a bad date is the CRUD format error)."""

    def _period(self, start: Any, end: Any, person_id: Any) -> tuple:
        cols = self.columns
        return (_cast_or_400(cols["person_id"], person_id), _cast_or_400(cols["date"], start),
                _cast_or_400(cols["end_date"], end))

    async def check_create(self, db, data, actor):
        for key in ("date", "end_date", "person_id"):
            if key not in data:
                raise missing_key(key)
        person_id, start, end = self._period(data["date"], data["end_date"], data["person_id"])
        await day_offs.check_period_free(db, person_id, start, end)

    async def check_update(self, db, row, data, actor):
        person_id, start, end = self._period(data.get("date", row["date"]), data.get("end_date", row["end_date"]),
                                             data.get("person_id", row["person_id"]))
        await day_offs.check_period_free(db, person_id, start, end, exclude_id=row["id"])

    async def after_create(self, db, row, data, actor):
        await day_offs.clear_covered_time_spents(db, row["person_id"], row["date"], row["end_date"])
        return {}

    async def after_update(self, db, row, before, data, actor):
        await day_offs.clear_covered_time_spents(db, row["person_id"], row["date"], row["end_date"])
        return {}


class MetadataDescriptorModel(Model):
    def _check_type(self, data) -> None:
        if "data_type" in data and data["data_type"] not in DESCRIPTOR_TYPES:
            raise invalid("Invalid data_type")

    async def check_create(self, db, data, actor):
        self._check_type(data)

    async def prepare_update(self, db, row, data, actor):
        self._check_type(data)
        return data


class EntityTypeModel(Model):
    def event(self, row, action):
        return f"asset-type:{action}", {"asset_type_id": row["id"]}

    async def check_create(self, db, data, actor):
        name = data.get("name", "")
        if isinstance(name, str) and await db.scalars(
                select(EntityType.id).where(EntityType.name.ilike(name)).limit(1)):
            raise invalid("Entity type with this name already exists")


class TimeSpentModel(Model):
    async def extra_filters(self, db, args):
        given = dict(args)
        start, end = given.get("start_date"), given.get("end_date")
        if not start and not end:
            return []
        if start is None or end is None:
            raise invalid("If querying for a range of dates, both a `start_date` and an `end_date` must be given.")
        column = self.columns["date"]
        try:
            return [TimeSpent.date.between(cast(column, start), cast(column, end))]
        except CastError as exc:
            raise errors.InvalidInput(INVALID_FORMAT, body={"error": True, "message": INVALID_FORMAT}) from exc

    async def _task_updated(self, db, row) -> dict[str, Any]:
        """Every time spent write recomputes its task's duration and announces the task."""
        task = await recompute_task_duration(db, row["task_id"])
        if task is None:
            return {}
        return {"_events": [("task:update", {"task_id": task["id"]}, task["project_id"])]}

    async def after_create(self, db, row, data, actor):
        return await self._task_updated(db, row)

    async def after_update(self, db, row, before, data, actor):
        return await self._task_updated(db, row)

    async def after_delete(self, db, row):
        return await self._task_updated(db, row)


class SalaryScaleModel(Model):
    async def check_create(self, db, data, actor):
        raise invalid("Salary scales cannot be created")

    async def before_list(self, db) -> None:
        """Zou's salary-scale list first creates a row for every department x position x seniority."""
        have = {(r["department_id"], r["position"], r["seniority"])
                for r in await db.rows(select(SalaryScale.department_id, SalaryScale.position,
                                              SalaryScale.seniority))}
        now = utcnow()
        missing = [{"id": new_id(), "department_id": d, "position": p, "seniority": s, "salary": 0,
                    "created_at": now, "updated_at": now}
                   for d in await db.scalars(select(Department.id))
                   for p in POSITIONS for s in SENIORITIES if (d, p, s) not in have]
        if missing:
            await db.execute(SalaryScale.__table__.insert(), missing)


class WorkingFileModel(Model):
    def _check(self, data) -> None:
        if "validation_status" in data and data["validation_status"] not in VALIDATION_STATUSES:
            raise invalid("Invalid validation_status")

    async def prepare_create(self, db, data, actor):
        self._check(data)
        return data

    async def prepare_update(self, db, row, data, actor):
        self._check(data)
        return data


class PreviewFileModel(Model):
    async def extra_filters(self, db, args):
        given = dict(args)
        if "project_id" not in given:
            return []
        project_id = parse_id(given["project_id"])
        if project_id is None:
            raise invalid("Invalid project_id.")
        return [PreviewFile.task_id.in_(select(Task.id).where(Task.project_id == project_id))]

    async def check_update(self, db, row, data, actor):
        if "revision" not in data or row.get("position") != 1:
            return
        new_revision = _cast_or_400(self.columns["revision"], data["revision"])
        if new_revision == row.get("revision"):
            return
        taken = await db.scalars(select(PreviewFile.id).where(
            PreviewFile.task_id == row["task_id"], PreviewFile.revision == new_revision,
            PreviewFile.id != row["id"]).limit(1))
        if taken:
            raise invalid("Revision already exists for this task.")
        await db.execute(update(PreviewFile).where(
            PreviewFile.task_id == row["task_id"], PreviewFile.revision == row.get("revision"),
            PreviewFile.id != row["id"]).values(revision=new_revision))

    async def before_delete(self, db, row, *, force):
        await detach_preview_files(db, [row["id"]])


async def detach_preview_files(db, preview_ids: list[uuid.UUID]) -> None:
    """Clear what points at previews about to be deleted (comments' links, news, main previews)."""
    if not preview_ids:
        return
    await db.execute(delete(CommentPreviewLink).where(db.in_keys(CommentPreviewLink.preview_file, preview_ids)))
    await db.execute(update(Comment).where(db.in_keys(Comment.preview_file_id, preview_ids))
                     .values(preview_file_id=None))
    await db.execute(update(News).where(db.in_keys(News.preview_file_id, preview_ids)).values(preview_file_id=None))
    await db.execute(update(Entity).where(db.in_keys(Entity.preview_file_id, preview_ids))
                     .values(preview_file_id=None))
    await db.execute(update(Task).where(db.in_keys(Task.last_preview_file_id, preview_ids))
                     .values(last_preview_file_id=None))


# --- projects --------------------------------------------------------------------------------------------

def check_resolution(value: Any) -> None:
    if value in (None, ""):
        return
    if not (isinstance(value, str) and (re.match(r"^\d{3,4}x\d{3,4}$", value) or re.match(r"^x\d{3,4}$", value))):
        raise invalid(f"Invalid resolution {value}. Expected format: '1920x1080' or 'x1080'.")


def check_bitrates(data: Mapping[str, Any], current: Mapping[str, Any] | None = None) -> None:
    current = current or {}
    changes = {k: data[k] for k in ("hd_bitrate_compression", "ld_bitrate_compression")
               if k in data and data[k] != current.get(k)}
    for bitrate in changes.values():
        if bitrate is None:
            continue
        if not isinstance(bitrate, int) or isinstance(bitrate, bool) or not (
                MIN_MOVIE_BITRATE <= bitrate <= MOVIE_HIGHDEF_BITRATE):
            raise invalid(f"Invalid bitrate {bitrate}. Expected an integer number of Mbit/s between "
                          f"{MIN_MOVIE_BITRATE} and {MOVIE_HIGHDEF_BITRATE}.")
    lowdef = changes.get("ld_bitrate_compression")
    if lowdef is None:
        return
    merged = {**current, **data}
    highdef = min(merged.get("hd_bitrate_compression") or MOVIE_HIGHDEF_BITRATE, MOVIE_HIGHDEF_BITRATE)
    if lowdef > highdef:
        raise invalid(f"The low definition bitrate ({lowdef}) cannot exceed the high definition one ({highdef}).")


def check_production_style(data: dict[str, Any]) -> None:
    if "production_style" in data:
        if data["production_style"] is None:
            data["production_style"] = "2d3d"
        if data["production_style"] not in PROJECT_STYLES:
            raise invalid("Invalid production_style")


async def first_episode(db, project_id: uuid.UUID, *, create_by: uuid.UUID | None = None,
                        running_first: bool = False) -> tuple[dict[str, Any] | None, bool]:
    """The first episode of a production (by name), created as `E01` when `create_by` is given and there is
    none. Returns (episode row, created)."""
    episode_type = await temporal_type_id(db, "Episode")
    stmt = select(Entity.__table__).where(Entity.project_id == project_id, Entity.entity_type_id == episode_type)
    rows = [dict(r) for r in await db.rows(stmt.order_by(Entity.name))]
    if running_first and any(r["status"] == "running" for r in rows):
        rows = [r for r in rows if r["status"] == "running"]
    if rows:
        return rows[0], False
    if create_by is None:
        return None, False
    now = utcnow()
    episode = {"id": new_id(), "name": "E01", "project_id": project_id, "entity_type_id": episode_type,
               "status": "running", "description": "", "data": {}, "created_by": create_by, "canceled": False,
               "nb_entities_out": 0, "is_casting_standby": False, "is_shared": False, "created_at": now,
               "updated_at": now}
    await db.execute(Entity.__table__.insert().values(episode))
    return episode, True


async def copy_project_descriptors(db, project_id: uuid.UUID) -> None:
    """A new production gets the all-projects (`Project`) descriptors of the open productions, one per field."""
    open_id = await open_status_id(db)
    rows = await db.rows(
        select(MetadataDescriptor.__table__).join(Project, MetadataDescriptor.project_id == Project.id)
        .where(Project.project_status_id == open_id, MetadataDescriptor.entity_type == "Project",
               MetadataDescriptor.project_id != project_id)
        .order_by(MetadataDescriptor.position, MetadataDescriptor.name))
    if not rows:
        return
    departments: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in await db.rows(select(DepartmentMetadataDescriptorLink.__table__).where(
            db.in_keys(DepartmentMetadataDescriptorLink.metadata_descriptor_id, [r["id"] for r in rows]))):
        departments.setdefault(link["metadata_descriptor_id"], []).append(link["department_id"])
    seen: set[str] = set()
    now = utcnow()
    for r in rows:
        if r["field_name"] in seen:
            continue
        seen.add(r["field_name"])
        new = {**dict(r), "id": new_id(), "project_id": project_id, "created_at": now, "updated_at": now}
        await db.execute(MetadataDescriptor.__table__.insert().values(new))
        links = [{"metadata_descriptor_id": new["id"], "department_id": d} for d in departments.get(r["id"], [])]
        if links:
            await db.execute(DepartmentMetadataDescriptorLink.__table__.insert(), links)


class ProjectModel(Model):
    async def check_create(self, db, data, actor):
        check_production_style(data)
        if "resolution" in data:
            check_resolution(data["resolution"])
        check_bitrates(data)

    async def prepare_create(self, db, data, actor):
        data.pop("project_template_id", None)
        if "project_status_id" not in data:
            data["project_status_id"] = await open_status_id(db)
        backgrounds = await self._backgrounds(db, data)
        default = data.get("default_preview_background_file_id")
        if default is not None and str(default) not in backgrounds:
            raise invalid("Invalid default_preview_background_file_id")
        return data

    async def _backgrounds(self, db, data) -> set[str]:
        if "preview_background_files" not in data:
            return set()
        value = data["preview_background_files"] or []
        ids = [parse_id(v.get("id") if isinstance(v, dict) else v) for v in value] if isinstance(value, list) else []
        if any(i is None for i in ids) or not isinstance(value, list):
            raise errors.NotFound()
        found = set(await db.scalars(select(PreviewBackgroundFile.id)
                                     .where(db.in_keys(PreviewBackgroundFile.id, ids)))) if ids else set()
        if len(found) != len(set(ids)):
            raise errors.NotFound()
        return {str(i) for i in ids}

    async def after_create(self, db, row, data, actor):
        extras: dict[str, Any] = {}
        if row.get("production_type") == "tvshow":
            episode, created = await first_episode(db, row["id"], create_by=actor["id"])
            extras["first_episode_id"] = episode["id"]
            if created:
                extras["_events"] = [("episode:new", {"episode_id": episode["id"]}, row["id"])]
        await copy_project_descriptors(db, row["id"])
        return extras

    async def check_update(self, db, row, data, actor):
        if "resolution" in data:
            check_resolution(data["resolution"])
        check_bitrates(data, current=row)
        if "preview_background_files" in data:
            current = await self._backgrounds(db, data)
        else:
            current = {str(i) for i in await db.scalars(
                select(ProjectPreviewBackgroundFileLink.preview_background_file_id)
                .where(ProjectPreviewBackgroundFileLink.project_id == row["id"]))}
        chosen = data.get("preview_background_file_id")
        if chosen is not None and str(chosen) not in current:
            raise invalid("Invalid preview_background_file_id")

    async def prepare_update(self, db, row, data, actor):
        check_production_style(data)
        return data

    async def after_update(self, db, row, before, data, actor):
        if row.get("production_type") != "tvshow":
            return {}
        episode, created = await first_episode(db, row["id"], create_by=actor["id"])
        extras: dict[str, Any] = {"first_episode_id": episode["id"]}
        if created:
            extras["_events"] = [("episode:new", {"episode_id": episode["id"]}, row["id"])]
        return extras

    async def before_delete(self, db, row, *, force):
        preview_accounts = await db.scalars(select(Person.id).where(Person.preview_project_id == row["id"]))
        for person_id in preview_accounts:
            await remove_person_records(db, person_id)
            await db.execute(delete(DepartmentLink).where(DepartmentLink.person_id == person_id))
            await db.execute(delete(Person).where(Person.id == person_id))
        if force:
            await remove_project_contents(db, row["id"])

    def event(self, row, action):
        return f"project:{action}", {"project_id": row["id"]}


async def remove_project_contents(db, project_id: uuid.UUID) -> None:
    """What a forced delete of a closed production removes before the project row (Zou's `remove_project`)."""
    task_ids = list(await db.scalars(select(Task.id).where(Task.project_id == project_id)))
    await remove_tasks_records(db, task_ids)
    if task_ids:
        await db.execute(delete(News).where(db.in_keys(News.task_id, task_ids)))
        await db.execute(delete(TaskPersonLink).where(db.in_keys(TaskPersonLink.task_id, task_ids)))
        await db.execute(delete(Task).where(db.in_keys(Task.id, task_ids)))
    budget_ids = list(await db.scalars(select(Budget.id).where(Budget.project_id == project_id)))
    if budget_ids:
        await db.execute(delete(BudgetEntry).where(db.in_keys(BudgetEntry.budget_id, budget_ids)))
        await db.execute(delete(Budget).where(db.in_keys(Budget.id, budget_ids)))
    entity_ids = list(await db.scalars(select(Entity.id).where(Entity.project_id == project_id)))
    if entity_ids:
        for col in (EntityLink.entity_in_id, EntityLink.entity_out_id):
            await db.execute(delete(EntityLink).where(db.in_keys(col, entity_ids)))
        for col in (EntityConceptLink.entity_in_id, EntityConceptLink.entity_out_id):
            await db.execute(delete(EntityConceptLink).where(db.in_keys(col, entity_ids)))
        await db.execute(delete(EntityVersion).where(db.in_keys(EntityVersion.entity_id, entity_ids)))
        await db.execute(delete(AssetInstanceLink).where(db.in_keys(AssetInstanceLink.entity_id, entity_ids)))
        await db.execute(delete(Subscription).where(db.in_keys(Subscription.entity_id, entity_ids)))
        await db.execute(update(OutputFile).where(db.in_keys(OutputFile.entity_id, entity_ids))
                         .values(entity_id=None))
        await db.execute(delete(WorkingFile).where(db.in_keys(WorkingFile.entity_id, entity_ids)))
        # children before parents: clear the self references first
        await db.execute(update(Entity).where(db.in_keys(Entity.id, entity_ids))
                         .values(parent_id=None, source_id=None, preview_file_id=None))
        await db.execute(delete(Entity).where(db.in_keys(Entity.id, entity_ids)))
    descriptor_ids = list(await db.scalars(select(MetadataDescriptor.id)
                                           .where(MetadataDescriptor.project_id == project_id)))
    if descriptor_ids:
        await db.execute(delete(DepartmentMetadataDescriptorLink).where(
            db.in_keys(DepartmentMetadataDescriptorLink.metadata_descriptor_id, descriptor_ids)))
        await db.execute(delete(MetadataDescriptor).where(db.in_keys(MetadataDescriptor.id, descriptor_ids)))
    await db.execute(delete(ScheduleItem).where(ScheduleItem.project_id == project_id))
    await db.execute(delete(SearchFilterGroup).where(SearchFilterGroup.project_id == project_id))
    await db.execute(delete(SearchFilter).where(SearchFilter.project_id == project_id))
    await db.execute(delete(ApiEvent).where(ApiEvent.project_id == project_id))


async def remove_tasks_records(db, task_ids: list[uuid.UUID]) -> None:
    """Everything tied to tasks that a forced task delete removes: comments, notifications, news,
    subscriptions, previews, time spents, working and output files."""
    if not task_ids:
        return
    wf_ids = list(await db.scalars(select(WorkingFile.id).where(db.in_keys(WorkingFile.task_id, task_ids))))
    if wf_ids:
        await db.execute(update(PreviewFile).where(db.in_keys(PreviewFile.source_file_id,
                                                              list(await db.scalars(select(OutputFile.id).where(
                                                                  db.in_keys(OutputFile.source_file_id, wf_ids))))))
                         .values(source_file_id=None))
        await db.execute(delete(OutputFile).where(db.in_keys(OutputFile.source_file_id, wf_ids)))
        await db.execute(delete(WorkingFile).where(db.in_keys(WorkingFile.id, wf_ids)))
    comment_ids = list(await db.scalars(select(Comment.id).where(db.in_keys(Comment.object_id, task_ids))))
    if comment_ids:
        await db.execute(delete(Notification).where(db.in_keys(Notification.comment_id, comment_ids)))
        await db.execute(delete(News).where(db.in_keys(News.comment_id, comment_ids)))
        for table, col in ((CommentPreviewLink, "comment"), (CommentMentions, "comment"),
                           (CommentDepartmentMentions, "comment"), (CommentAcknoledgments, "comment"),
                           (AttachmentFile, "comment_id")):
            await db.execute(delete(table).where(db.in_keys(getattr(table, col), comment_ids)))
    preview_ids = list(await db.scalars(select(PreviewFile.id).where(db.in_keys(PreviewFile.task_id, task_ids))))
    await detach_preview_files(db, preview_ids)
    if comment_ids:
        await db.execute(delete(Comment).where(db.in_keys(Comment.id, comment_ids)))
    await db.execute(delete(Subscription).where(db.in_keys(Subscription.task_id, task_ids)))
    if preview_ids:
        await db.execute(delete(PreviewFileStorageState).where(
            db.in_keys(PreviewFileStorageState.preview_file_id, preview_ids)))
        await db.execute(delete(PreviewFile).where(db.in_keys(PreviewFile.id, preview_ids)))
    await db.execute(delete(TimeSpent).where(db.in_keys(TimeSpent.task_id, task_ids)))
    await db.execute(delete(Notification).where(db.in_keys(Notification.task_id, task_ids)))
    await db.execute(delete(News).where(db.in_keys(News.task_id, task_ids)))


# --- persons ---------------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
_LOCALE_RE = re.compile(r"^[a-zA-Z]{2,3}([_-][a-zA-Z]{2,4})?([_-][a-zA-Z]{2})?$")


def normalize_email(value: Any) -> str:
    if not isinstance(value, str):
        raise invalid("The email address is not valid. It must have exactly one @-sign.")
    value = value.strip()
    if value.count("@") != 1:
        raise invalid("The email address is not valid. It must have exactly one @-sign.")
    local, _, domain = value.partition("@")
    if not local:
        raise invalid("There must be something before the @-sign.")
    if not domain:
        raise invalid("There must be something after the @-sign.")
    if not _EMAIL_RE.match(value):
        raise invalid("The email address contains invalid characters.")
    return f"{local}@{domain.lower()}"


def check_person_fields(data: dict[str, Any]) -> None:
    if "role" in data and data["role"] not in ROLES:
        raise invalid("Invalid role")
    if "contract_type" in data and data["contract_type"] not in CONTRACT_TYPES:
        raise invalid("Invalid contract_type")
    country = data.get("country")
    if country is not None:
        normalized = country.strip().upper() if isinstance(country, str) else None
        if normalized is None or (normalized and not (len(normalized) == 2 and normalized.isascii()
                                                      and normalized.isalpha())):
            raise invalid("Invalid country code, expected an ISO 3166-1 alpha-2 code.")
        data["country"] = normalized or None
    locale = data.get("locale")
    if locale is not None:
        if not isinstance(locale, str) or (locale.strip() and not _LOCALE_RE.match(locale.strip())):
            raise invalid("Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR).")
        data["locale"] = locale.strip() or None
    fmt = data.get("display_date_format")
    if fmt is not None and fmt not in DISPLAY_DATE_FORMATS:
        raise invalid(f"Invalid display_date_format, expected one of: {', '.join(DISPLAY_DATE_FORMATS)}.")
    if "two_factor_authentication" in data and data["two_factor_authentication"] not in TWO_FACTOR_TYPES:
        raise invalid("Invalid two_factor_authentication")


def parse_expiration(value: Any) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise invalid("Expiration date is not valid.") from exc


async def active_user_count(db) -> int:
    return (await db.scalars(select(func.count()).select_from(Person).where(
        Person.active.is_(True), Person.is_bot.isnot(True), Person.is_guest.isnot(True),
        Person.preview_project_id.is_(None))))[0]


async def email_taken(db, email: str, exclude: uuid.UUID | None = None) -> bool:
    stmt = select(Person.id).where(Person.email == email, Person.is_bot.isnot(True))
    if exclude is not None:
        stmt = stmt.where(Person.id != exclude)
    return bool(await db.scalars(stmt.limit(1)))


async def remove_person_records(db, person_id: uuid.UUID) -> None:
    """What `DELETE /data/persons/<id>?force=true` removes or detaches before the person."""
    comment_ids = list(await db.scalars(select(Comment.id).where(Comment.person_id == person_id)))
    if comment_ids:
        await db.execute(delete(Notification).where(db.in_keys(Notification.comment_id, comment_ids)))
        await db.execute(delete(News).where(db.in_keys(News.comment_id, comment_ids)))
        for table, col in ((CommentPreviewLink, "comment"), (CommentMentions, "comment"),
                           (CommentDepartmentMentions, "comment"), (CommentAcknoledgments, "comment"),
                           (AttachmentFile, "comment_id")):
            await db.execute(delete(table).where(db.in_keys(getattr(table, col), comment_ids)))
        await db.execute(delete(Comment).where(db.in_keys(Comment.id, comment_ids)))
    await db.execute(delete(CommentAcknoledgments).where(CommentAcknoledgments.person == person_id))
    await db.execute(update(Comment).where(Comment.editor_id == person_id).values(editor_id=None))
    await db.execute(delete(ApiEvent).where(ApiEvent.user_id == person_id))
    await db.execute(delete(Notification).where(or_(Notification.person_id == person_id,
                                                    Notification.author_id == person_id)))
    await db.execute(delete(SearchFilter).where(SearchFilter.person_id == person_id))
    await db.execute(delete(SearchFilterGroup).where(SearchFilterGroup.person_id == person_id))
    await db.execute(delete(DesktopLoginLog).where(DesktopLoginLog.person_id == person_id))
    await db.execute(delete(LoginLog).where(LoginLog.person_id == person_id))
    await db.execute(delete(Subscription).where(Subscription.person_id == person_id))
    await db.execute(delete(TimeSpent).where(TimeSpent.person_id == person_id))
    await db.execute(delete(ProjectPersonLink).where(ProjectPersonLink.person_id == person_id))
    await db.execute(delete(TaskPersonLink).where(TaskPersonLink.person_id == person_id))
    await db.execute(update(Task).where(Task.assigner_id == person_id).values(assigner_id=None))
    for table in (OutputFile, WorkingFile, PreviewFile):
        await db.execute(update(table).where(table.person_id == person_id).values(person_id=None))


class PersonModel(Model):
    def computed(self, row):
        return {"full_name": full_name(row)}

    def hybrids(self):
        first = func.coalesce(Person.first_name, "")
        last = func.coalesce(Person.last_name, "")
        return {"full_name": func.trim(first + " " + last)}

    async def check_create(self, db, data, actor):
        check_person_fields(data)
        if data.get("expiration_date") is not None:
            if parse_expiration(data["expiration_date"]) < date.today():
                raise invalid("Expiration date can't be in the past.")
        if "email" in data:
            data["email"] = normalize_email(data["email"])
            if not data.get("is_bot", False) and await email_taken(db, data["email"]):
                raise invalid("Email already in use.")

    async def prepare_create(self, db, data, actor):
        if isinstance(data.get("email"), str):
            data["email"] = data["email"].strip()
        return data

    async def check_update(self, db, row, data, actor):
        if row.get("preview_project_id") is not None:
            raise errors.PermissionDenied()
        if (not row.get("active") and data.get("active") and not row.get("is_bot") and not data.get("is_bot")
                and await active_user_count(db) >= DEFAULT_USER_LIMIT):
            raise invalid("User limit reached.")

    async def prepare_update(self, db, row, data, actor):
        check_person_fields(data)
        if data.get("expiration_date") is not None:
            new = parse_expiration(data["expiration_date"])
            if new != row.get("expiration_date") and new < date.today():
                raise invalid("Expiration date can't be in the past.")
        if "email" in data:
            data["email"] = normalize_email(data["email"])
            is_bot = data.get("is_bot", row.get("is_bot"))
            if not is_bot and await email_taken(db, data["email"], exclude=row["id"]):
                raise invalid("Email already in use.")
        return data

    async def before_delete(self, db, row, *, force):
        if force:
            await remove_person_records(db, row["id"])


# --- entities --------------------------------------------------------------------------------------------

def _words(type_name: str) -> list[str]:
    return [w.lower() for w in re.findall("[A-Z][a-z]*", type_name)]


class EntityModel(Model):
    async def decorate(self, db, rows):
        names = await entity_type_names(db, [r.get("entity_type_id") for r in rows])
        for r in rows:
            r["type"] = base_type_name(names.get(r.get("entity_type_id")))

    def event(self, row, action):
        words = _words(row.get("type") or base_type_name(None))
        return f"{'-'.join(words)}:{action}", {f"{'_'.join(words)}_id": row["id"]}

    async def check_create(self, db, data, actor):
        if "status" in data and data["status"] not in ENTITY_STATUSES:
            raise invalid("Invalid status")

    async def prepare_create(self, db, data, actor):
        data["created_by"] = actor["id"]
        return data

    async def check_update(self, db, row, data, actor):
        name = data.get("name", row["name"])
        project_id = data.get("project_id", row["project_id"])
        type_id = data.get("entity_type_id", row["entity_type_id"])
        parent = data.get("parent_id", row["parent_id"])
        if parent in ("", "null"):
            parent = None
        changed = (name != row["name"] or str(project_id) != str(row["project_id"])
                   or str(type_id) != str(row["entity_type_id"]) or str(parent) != str(row["parent_id"]))
        if not changed:
            return
        cols = self.columns
        stmt = select(Entity.id).where(
            Entity.name == _cast_or_400(cols["name"], name),
            Entity.project_id == _cast_or_400(cols["project_id"], project_id),
            Entity.entity_type_id == _cast_or_400(cols["entity_type_id"], type_id), Entity.id != row["id"])
        parent_id = _cast_or_400(cols["parent_id"], parent)
        stmt = stmt.where(Entity.parent_id.is_(None) if parent_id is None else Entity.parent_id == parent_id)
        if await db.scalars(stmt.limit(1)):
            raise invalid(f"An entity with name '{name}', project_id '{project_id}', entity_type_id '{type_id}', "
                          f"and parent_id '{parent}' already exists. The combination of these fields must be "
                          "unique.")

    async def prepare_update(self, db, row, data, actor):
        merged = dict(row.get("data") or {})
        sent = data.get("data")
        merged.update(sent if isinstance(sent, dict) else {})
        data["data"] = merged
        if "status" in data and data["status"] not in ENTITY_STATUSES:
            raise invalid("Invalid status")
        if data.get("source_id") == "null":
            data["source_id"] = None
        return data

    async def after_update(self, db, row, before, data, actor):
        if row.get("type") != "Shot":
            return {}
        frames = lambda d: ((d or {}).get("frame_in", 0), (d or {}).get("frame_out", 0))  # noqa: E731
        if frames(row.get("data")) != frames(before.get("data")) or row["name"] != before["name"]:
            now = utcnow()
            await db.execute(EntityVersion.__table__.insert().values(
                id=new_id(), entity_id=row["id"], name=before["name"], data=row.get("data"),
                person_id=actor["id"], created_at=now, updated_at=now))
        return {}

    async def before_delete(self, db, row, *, force):
        if row.get("type") == "Sequence":
            await db.execute(delete(Subscription).where(Subscription.entity_id == row["id"]))
        await db.execute(delete(EntityLink).where(or_(EntityLink.entity_in_id == row["id"],
                                                      EntityLink.entity_out_id == row["id"])))
        await db.execute(delete(EntityConceptLink).where(or_(EntityConceptLink.entity_in_id == row["id"],
                                                             EntityConceptLink.entity_out_id == row["id"])))


# --- tasks -----------------------------------------------------------------------------------------------

class TaskModel(Model):
    async def extra_filters(self, db, args):
        given = dict(args)
        if given.get("episode_id") is None:
            return []
        episode_id = parse_id(given["episode_id"])
        if episode_id is None:
            raise invalid(f"Invalid UUID format for episode_id: {given['episode_id']}")
        sequences = select(Entity.id).where(Entity.parent_id == episode_id)
        return [Task.entity_id.in_(select(Entity.id).where(Entity.parent_id.in_(sequences)))]

    async def check_create(self, db, data, actor):
        for key in ("task_type_id", "entity_id"):
            if parse_id(data.get(key)) is None:
                raise invalid(f"A valid {key} is required.")
        data["name"] = data.get("name") or "main"
        if "assignees" in data and not isinstance(data["assignees"], list):
            raise invalid("assignees must be a list.")
        task_types = await db.rows(select(TaskType.for_entity).where(TaskType.id == parse_id(data["task_type_id"])))
        entities = await db.rows(select(Entity.entity_type_id).where(Entity.id == parse_id(data["entity_id"])))
        if not task_types or not entities:
            raise errors.NotFound()
        for_entity = task_types[0]["for_entity"]
        type_name = (await entity_type_names(db, [entities[0]["entity_type_id"]])).get(entities[0]["entity_type_id"])
        if for_entity == "Asset":
            matches = base_type_name(type_name) == "Asset"
        else:
            matches = type_name == for_entity
        if not matches:
            raise refused("Task type of the task does not match entity type.")

    async def check_update(self, db, row, data, actor):
        if isinstance(data.get("data"), dict) and data["data"]:
            data["data"] = {**(row.get("data") or {}), **data["data"]}

    async def before_delete(self, db, row, *, force):
        if force:
            await remove_tasks_records(db, [row["id"]])

    def event(self, row, action):
        payload: dict[str, Any] = {"task_id": row["id"]}
        if action == "delete":
            payload.update(entity_id=row.get("entity_id"), task_type_id=row.get("task_type_id"))
        return f"task:{action}", payload


# --- the table -------------------------------------------------------------------------------------------

def _link(name, link, own, other, target, **values) -> Collection:
    return Collection(name, link, own, other, target, values)


_PROJECT_DEFAULTS = {
    "has_avatar": False, "fps": "25", "ratio": "16:9", "resolution": "1920x1080", "production_type": "short",
    "production_style": "2d3d", "nb_episodes": 0, "episode_span": 0, "max_retakes": 0, "is_clients_isolated": False,
    "is_client_stats_visible": True, "is_client_task_list_visible": True, "is_client_task_panel_visible": True,
    "is_preview_download_allowed": False, "is_set_preview_automated": False, "homepage": "assets",
    "is_publish_default_for_artists": False, "is_bot_collaboration_enabled": False,
    "is_single_preview_per_revision": False, "is_frame_in_numbering": False, "revision_padding": 0,
}
_PERSON_DEFAULTS = {
    "contract_type": "open-ended", "active": True, "archived": False, "login_failed_attemps": 0,
    "totp_enabled": False, "email_otp_enabled": False, "fido_enabled": False, "timezone": DEFAULT_TIMEZONE,
    "locale": DEFAULT_LOCALE, "use_12_hour_clock": False, "display_date_format": "YYYY-MM-DD", "role": "user",
    "position": "artist", "seniority": "mid", "daily_salary": 0, "has_avatar": False,
    "notifications_enabled": False, "notifications_slack_enabled": False, "notifications_slack_userid": "",
    "notifications_mattermost_enabled": False, "notifications_mattermost_userid": "",
    "notifications_discord_enabled": False, "notifications_discord_userid": "", "is_bot": False, "is_guest": False,
    "is_generated_from_ldap": False,
}
_TASK_STATUS_DEFAULTS = {
    "archived": False, "priority": 1, "is_done": False, "is_artist_allowed": True, "is_client_allowed": True,
    "is_retake": False, "is_feedback_request": False, "is_default": False, "is_wip": False, "for_concept": False,
}
_ORGANISATION_DEFAULTS = {
    "hours_by_day": 8.0, "has_avatar": False, "use_original_file_name": False, "timesheets_locked": False,
    "format_duration_in_hours": False, "hd_by_default": False, "chat_token_slack": "",
    "chat_webhook_mattermost": "", "chat_token_discord": "", "dark_theme_by_default": False,
}
_ENTITY_DEFAULTS = {"canceled": False, "nb_entities_out": 0, "is_casting_standby": False, "is_shared": False,
                    "status": "running"}
_TASK_DEFAULTS = {"priority": 0, "difficulty": 3, "duration": 0.0, "estimation": 0.0, "completion_rate": 0,
                  "retake_count": 0, "sort_order": 0, "nb_assets_ready": 0, "nb_drawings": 0}
_PREVIEW_DEFAULTS = {"revision": 1, "position": 1, "file_size": 0, "status": "processing",
                     "validation_status": "neutral", "width": 0, "height": 0, "duration": 0.0, "is_movie": False}

MODELS: dict[str, Model] = {m.route: m for m in [
    TaskTypeModel("task-types", TaskType, "TaskType", defaults={
        "color": "#FFFFFF", "priority": 1, "for_entity": "Asset", "allow_timelog": True, "archived": False},
        force_delete=True),
    TaskStatusModel("task-status", TaskStatus, "TaskStatus", defaults=_TASK_STATUS_DEFAULTS),
    OrganisationModel("organisations", Organisation, "Organisation", defaults=_ORGANISATION_DEFAULTS,
                      creates_on_list=True),
    Model("file-status", FileStatus, "FileStatus"),
    Model("softwares", Software, "Software", defaults={"archived": False, "monthly_cost": 0, "inventory_amount": 0},
          read_malformed_404=True),
    Model("output-types", OutputType, "OutputType", read_malformed_404=True),
    DayOffModel("day-offs", DayOff, "DayOff"),
    Model("search-filter-groups", SearchFilterGroup, "SearchFilterGroup",
          defaults={"name": "", "color": "", "is_shared": False}),
    MetadataDescriptorModel(
        "metadata-descriptors", MetadataDescriptor, "MetadataDescriptor", defaults={"for_client": False},
        collections=(_link("departments", DepartmentMetadataDescriptorLink, "metadata_descriptor_id",
                           "department_id", Department),),
        list_relations_default=True, update_relations=True),
    Model("entity-links", EntityLink, "EntityLink", defaults={"nb_occurences": 1, "label": ""}),
    ProjectModel(
        "projects", Project, "Project", defaults=_PROJECT_DEFAULTS, update_dropped=frozenset({"team"}),
        collections=(
            _link("team", ProjectPersonLink, "project_id", "person_id", Person),
            _link("asset_types", ProjectAssetTypeLink, "project_id", "asset_type_id", EntityType),
            _link("task_statuses", ProjectTaskStatusLink, "project_id", "task_status_id", TaskStatus,
                  roles_for_board=["user", "admin", "supervisor", "manager", "vendor"]),
            _link("task_types", ProjectTaskTypeLink, "project_id", "task_type_id", TaskType, is_client_visible=True),
            _link("status_automations", ProjectStatusAutomationLink, "project_id", "status_automation_id",
                  StatusAutomation),
            _link("preview_background_files", ProjectPreviewBackgroundFileLink, "project_id",
                  "preview_background_file_id", PreviewBackgroundFile),
        ), force_delete=True),
    PersonModel(
        "persons", Person, "Person", defaults=_PERSON_DEFAULTS,
        collections=(_link("departments", DepartmentLink, "person_id", "department_id", Department),),
        create_dropped=PREVIEW_FIELDS, update_dropped=frozenset({"password", "jti"}) | TWO_FACTOR_FIELDS
        | PREVIEW_FIELDS, force_delete=True, update_relations=frozenset({"departments"}),
        delete_conflict_message="Some data are still linked to given person."),
    Model("departments", Department, "Department", defaults={"archived": False}),
    EntityTypeModel(
        "entity-types", EntityType, "EntityType", defaults={"archived": False},
        collections=(_link("task_types", TaskTypeAssetTypeLink, "asset_type_id", "task_type_id", TaskType),),
        update_relations=frozenset({"task_types"})),
    EntityModel(
        "entities", Entity, "Entity", defaults=_ENTITY_DEFAULTS,
        collections=(
            _link("entities_out", EntityLink, "entity_in_id", "entity_out_id", Entity, nb_occurences=1, label=""),
            _link("entities_in", EntityLink, "entity_out_id", "entity_in_id", Entity, nb_occurences=1, label=""),
            _link("entity_concept_links", EntityConceptLink, "entity_in_id", "entity_out_id", Entity),
            _link("instance_casting", AssetInstanceLink, "entity_id", "asset_instance_id", AssetInstance),
        ),
        update_dropped=frozenset({"instance_casting", "entities_in", "entities_out", "type", "shotgun_id",
                                  "created_by"}), update_relations=True, create_type="Entity"),
    TaskModel(
        "tasks", Task, "Task", defaults=_TASK_DEFAULTS,
        collections=(_link("assignees", TaskPersonLink, "task_id", "person_id", Person),), force_delete=True,
        empty_body_message="A JSON object is expected.", conflict_message="Task already exists."),
    TimeSpentModel("time-spents", TimeSpent, "TimeSpent"),
    Model("budgets", Budget, "Budget", defaults={"revision": 1}, update_dropped=frozenset({"revision"})),
    Model("budget-entries", BudgetEntry, "BudgetEntry", defaults={"position": "artist", "seniority": "mid"},
          update_dropped=frozenset({"budget_id"})),
    SalaryScaleModel("salary-scales", SalaryScale, "SalaryScale",
                     defaults={"position": "artist", "seniority": "mid", "salary": 0},
                     update_dropped=frozenset({"department_id"}), ignores_filters=True, creates_on_list=True),
    PreviewFileModel(
        "preview-files", PreviewFile, "PreviewFile", defaults=_PREVIEW_DEFAULTS,
        collections=(_link("comments", CommentPreviewLink, "preview_file", "comment", Comment),), force_delete=True),
    WorkingFileModel(
        "working-files", WorkingFile, "WorkingFile", defaults={"validation_status": "neutral"},
        collections=(Collection("outputs", OutputFile, "source_file_id", "id"),), read_malformed_404=True),
    Model("news", News, "News", defaults={"change": False}),
]}


def model_for(route: str) -> Model:
    try:
        return MODELS[route]
    except KeyError as exc:
        raise errors.NotFound() from exc

