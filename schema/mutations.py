"""Mutations: the same resolvers as the REST routes (their rules, permissions and Zou events), the
written row read back through the batch resolvers (so it is what the caller may see).

Each resolver commits (`ctx.commit()`), which stores the events in `api_event`."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import UNSET

import resolvers.search_filters
import resolvers.tasks
import resolvers.writes
from schema.auth_mutations import AuthMutation
from schema.budgets import Budget, BudgetEntry
from schema.entities import Asset, Edit, Episode, Scene, Sequence, Shot
from schema.files import OutputType
from schema.metadata import MetadataDescriptor
from schema.scalars import JSON, DateTime
from schema.search_filters import SearchFilter, SearchFilterGroup
from schema.tasks import Task, TaskStatus, TaskType
from schema.time import TimeSpent

Info = strawberry.Info


def body(values: Any, **renamed: str) -> dict[str, Any]:
    """An input object as the JSON body a REST client sends: the fields given (UNSET left out), snake_case
    keys (`renamed` maps a field to its column), ids and dates as strings."""
    out: dict[str, Any] = {}
    for name, value in vars(values).items():
        if value is UNSET:
            continue
        out[renamed.get(name, name)] = _json_value(value)
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


# --- inputs ----------------------------------------------------------------------------------------------

@strawberry.input
class EpisodeInput:
    project_id: strawberry.ID
    name: str
    description: str | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class SequenceInput:
    project_id: strawberry.ID
    name: str
    episode_id: strawberry.ID | None = UNSET
    description: str | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class ShotInput:
    project_id: strawberry.ID
    name: str
    sequence_id: strawberry.ID | None = UNSET
    description: str | None = UNSET
    nb_frames: int | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class SceneInput:
    project_id: strawberry.ID
    name: str
    sequence_id: strawberry.ID | None = UNSET
    description: str | None = UNSET
    nb_frames: int | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class EditInput:
    project_id: strawberry.ID
    name: str
    episode_id: strawberry.ID | None = UNSET
    description: str | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class AssetInput:
    project_id: strawberry.ID
    asset_type_id: strawberry.ID
    name: str
    episode_id: strawberry.ID | None = strawberry.field(default=UNSET, description="The asset's home episode.")
    description: str | None = UNSET
    data: JSON | None = UNSET


@strawberry.input(description="The fields to change (those left out stay); `data` keys are merged.")
class EntityUpdate:
    name: str | None = UNSET
    description: str | None = UNSET
    nb_frames: int | None = UNSET
    canceled: bool | None = UNSET
    parent_id: strawberry.ID | None = UNSET
    source_id: strawberry.ID | None = UNSET
    status: str | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class TaskInput:
    entity_id: strawberry.ID
    task_type_id: strawberry.ID
    task_status_id: strawberry.ID | None = UNSET
    name: str | None = UNSET
    description: str | None = UNSET
    assignee_ids: list[strawberry.ID] | None = UNSET
    priority: int | None = UNSET
    difficulty: int | None = UNSET
    estimation: float | None = UNSET
    start_date: DateTime | None = UNSET
    due_date: DateTime | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class TaskUpdate:
    name: str | None = UNSET
    description: str | None = UNSET
    task_status_id: strawberry.ID | None = UNSET
    assignee_ids: list[strawberry.ID] | None = UNSET
    priority: int | None = UNSET
    difficulty: int | None = UNSET
    estimation: float | None = UNSET
    start_date: DateTime | None = UNSET
    due_date: DateTime | None = UNSET
    data: JSON | None = UNSET


@strawberry.input
class TaskTypeInput:
    name: str | None = UNSET
    short_name: str | None = UNSET
    description: str | None = UNSET
    color: str | None = UNSET
    priority: int | None = UNSET
    for_entity: str | None = UNSET
    allow_timelog: bool | None = UNSET
    archived: bool | None = UNSET
    department_id: strawberry.ID | None = UNSET


@strawberry.input
class TaskStatusInput:
    name: str | None = UNSET
    short_name: str | None = UNSET
    description: str | None = UNSET
    color: str | None = UNSET
    priority: int | None = UNSET
    archived: bool | None = UNSET
    is_done: bool | None = UNSET
    is_retake: bool | None = UNSET
    is_wip: bool | None = UNSET
    is_feedback_request: bool | None = UNSET
    is_default: bool | None = UNSET
    is_artist_allowed: bool | None = UNSET
    is_client_allowed: bool | None = UNSET
    for_concept: bool | None = UNSET


@strawberry.input
class OutputTypeInput:
    name: str | None = UNSET
    short_name: str | None = UNSET


@strawberry.input
class MetadataDescriptorInput:
    project_id: strawberry.ID | None = UNSET
    entity_type: str | None = UNSET
    name: str | None = UNSET
    field_name: str | None = UNSET
    data_type: str | None = UNSET
    choices: JSON | None = UNSET
    for_client: bool | None = UNSET
    position: int | None = UNSET
    task_type_id: strawberry.ID | None = UNSET
    department_ids: list[strawberry.ID] | None = UNSET


@strawberry.input
class SearchFilterInput:
    list_type: str | None = UNSET
    name: str | None = UNSET
    search_query: str | None = UNSET
    entity_type: str | None = UNSET
    project_id: strawberry.ID | None = UNSET
    is_shared: bool | None = UNSET
    search_filter_group_id: strawberry.ID | None = UNSET
    department_id: strawberry.ID | None = UNSET


@strawberry.input
class SearchFilterGroupInput:
    list_type: str | None = UNSET
    name: str | None = UNSET
    color: str | None = UNSET
    entity_type: str | None = UNSET
    project_id: strawberry.ID | None = UNSET
    is_shared: bool | None = UNSET
    department_id: strawberry.ID | None = UNSET


@strawberry.input
class BudgetInput:
    name: str | None = UNSET
    currency: str | None = UNSET


@strawberry.input
class BudgetEntryInput:
    department_id: strawberry.ID | None = UNSET
    person_id: strawberry.ID | None = UNSET
    start_date: date | None = UNSET
    months_duration: int | None = UNSET
    daily_salary: float | None = UNSET
    position: str | None = UNSET
    seniority: str | None = UNSET
    exceptions: JSON | None = UNSET


@strawberry.input(description="One asset of a casting.")
class CastingInput:
    asset_id: strawberry.ID
    nb_occurences: int = 1
    label: str = ""


# --- the mutation root: each answer is nullable, so a refused write is an error beside the others ----------

M = resolvers.writes


@strawberry.type
class Mutation(AuthMutation):  # the account flows: schema/auth_mutations.py
    @strawberry.mutation(description="A new episode (manager of the production).")
    async def create_episode(self, info: Info, input: EpisodeInput) -> Episode | None:
        return await M.create_entity(info.context, "Episode", body(input))

    @strawberry.mutation(description="A new sequence, in an episode for a TV show.")
    async def create_sequence(self, info: Info, input: SequenceInput) -> Sequence | None:
        return await M.create_entity(info.context, "Sequence", body(input, episode_id="parent_id"))

    @strawberry.mutation(description="A new shot in a sequence.")
    async def create_shot(self, info: Info, input: ShotInput) -> Shot | None:
        return await M.create_entity(info.context, "Shot", body(input, sequence_id="parent_id"))

    @strawberry.mutation(description="A new scene in a sequence.")
    async def create_scene(self, info: Info, input: SceneInput) -> Scene | None:
        return await M.create_entity(info.context, "Scene", body(input, sequence_id="parent_id"))

    @strawberry.mutation(description="A new edit, in an episode for a TV show.")
    async def create_edit(self, info: Info, input: EditInput) -> Edit | None:
        return await M.create_entity(info.context, "Edit", body(input, episode_id="parent_id"))

    @strawberry.mutation(description="A new asset of a type.")
    async def create_asset(self, info: Info, input: AssetInput) -> Asset | None:
        return await M.create_entity(info.context, "Asset",
                                     body(input, asset_type_id="entity_type_id", episode_id="source_id"))

    @strawberry.mutation
    async def update_episode(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Episode | None:
        return await M.update_entity(info.context, "Episode", id, body(input))

    @strawberry.mutation
    async def update_sequence(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Sequence | None:
        return await M.update_entity(info.context, "Sequence", id, body(input))

    @strawberry.mutation
    async def update_shot(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Shot | None:
        return await M.update_entity(info.context, "Shot", id, body(input))

    @strawberry.mutation
    async def update_scene(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Scene | None:
        return await M.update_entity(info.context, "Scene", id, body(input))

    @strawberry.mutation
    async def update_edit(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Edit | None:
        return await M.update_entity(info.context, "Edit", id, body(input))

    @strawberry.mutation
    async def update_asset(self, info: Info, id: strawberry.ID, input: EntityUpdate) -> Asset | None:
        return await M.update_entity(info.context, "Asset", id, body(input))

    @strawberry.mutation(description="Delete an episode (its creator or a manager); refused while anything refers "
                                     "to it unless `force`, which removes its sequences (with their shots and "
                                     "scenes) and the assets whose home it is.")
    async def delete_episode(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Episode", id, force=force)

    @strawberry.mutation(description="Delete a sequence (its creator or a manager); refused while anything refers "
                                     "to it unless `force`, which removes its shots and scenes first.")
    async def delete_sequence(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Sequence", id, force=force)

    @strawberry.mutation(description="Delete a shot (its creator or a manager): with tasks it is only marked "
                                     "canceled unless `force`, which removes its tasks and what hangs from them.")
    async def delete_shot(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Shot", id, force=force)

    @strawberry.mutation(description="Delete a scene (its creator or a manager); one still referred to is marked "
                                     "canceled instead. `force` is not used.")
    async def delete_scene(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Scene", id, force=force)

    @strawberry.mutation(description="Delete an edit (its creator or a manager): with tasks it is only marked "
                                     "canceled unless `force`.")
    async def delete_edit(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Edit", id, force=force)

    @strawberry.mutation(description="Delete an asset (its creator or a manager): with tasks it is only marked "
                                     "canceled unless `force`; the shots casting it are recounted.")
    async def delete_asset(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_entity(info.context, "Asset", id, force=force)

    @strawberry.mutation(description="A new task of an entity (in the entity's production).")
    async def create_task(self, info: Info, input: TaskInput) -> Task | None:
        return await M.create_task(info.context, body(input, assignee_ids="assignees"))

    @strawberry.mutation(description="Change a task; `assigneeIds` replaces the assignees.")
    async def update_task(self, info: Info, id: strawberry.ID, input: TaskUpdate) -> Task | None:
        return await M.update_task(info.context, id, body(input, assignee_ids="assignees"))

    @strawberry.mutation
    async def delete_task(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_model(info.context, "tasks", id, force=force)

    @strawberry.mutation(description="A new task type (admins).")
    async def create_task_type(self, info: Info, input: TaskTypeInput) -> TaskType | None:
        return await M.create_model(info.context, "task-types", M.checked(body(input), "name"),
                                    resolvers.tasks.task_types)

    @strawberry.mutation
    async def update_task_type(self, info: Info, id: strawberry.ID, input: TaskTypeInput) -> TaskType | None:
        return await M.update_model(info.context, "task-types", id, body(input), resolvers.tasks.task_types)

    @strawberry.mutation
    async def delete_task_type(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_model(info.context, "task-types", id, force=force)

    @strawberry.mutation(description="A new task status (admins).")
    async def create_task_status(self, info: Info, input: TaskStatusInput) -> TaskStatus | None:
        return await M.create_model(info.context, "task-status",
                                    M.checked(body(input), "name", "short_name", "color"),
                                    resolvers.tasks.task_statuses)

    @strawberry.mutation
    async def update_task_status(self, info: Info, id: strawberry.ID, input: TaskStatusInput) -> TaskStatus | None:
        return await M.update_model(info.context, "task-status", id, body(input), resolvers.tasks.task_statuses)

    @strawberry.mutation
    async def delete_task_status(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID | None:
        return await M.delete_model(info.context, "task-status", id, force=force)

    @strawberry.mutation(description="A new output type (admins).")
    async def create_output_type(self, info: Info, input: OutputTypeInput) -> OutputType | None:
        return await M.create_model(info.context, "output-types", M.checked(body(input), "name", "short_name"),
                                    M.output_types)

    @strawberry.mutation
    async def update_output_type(self, info: Info, id: strawberry.ID, input: OutputTypeInput) -> OutputType | None:
        return await M.update_model(info.context, "output-types", id, body(input), M.output_types)

    @strawberry.mutation
    async def delete_output_type(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await M.delete_model(info.context, "output-types", id)

    @strawberry.mutation(description="A new custom column of a production's lists (admins).")
    async def create_metadata_descriptor(self, info: Info, input: MetadataDescriptorInput) -> MetadataDescriptor | None:
        return await M.create_metadata_descriptor(info.context, body(input, department_ids="departments"))

    @strawberry.mutation
    async def update_metadata_descriptor(self, info: Info, id: strawberry.ID,
                                         input: MetadataDescriptorInput) -> MetadataDescriptor | None:
        return await M.update_model(info.context, "metadata-descriptors", id,
                                    body(input, department_ids="departments"), M.metadata_descriptors)

    @strawberry.mutation
    async def delete_metadata_descriptor(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await M.delete_model(info.context, "metadata-descriptors", id)

    @strawberry.mutation(description="A saved search of the caller (shared only by a manager of its production).")
    async def create_search_filter(self, info: Info, input: SearchFilterInput) -> SearchFilter | None:
        return await M.create_search_filter(info.context, M.checked(body(input), "list_type", "name",
                                                                    "search_query"))

    @strawberry.mutation
    async def update_search_filter(self, info: Info, id: strawberry.ID, input: SearchFilterInput) -> SearchFilter | None:
        return await M.update_search_filter(info.context, id, body(input))

    @strawberry.mutation
    async def delete_search_filter(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await resolvers.search_filters.delete_search_filter(info.context, id)

    @strawberry.mutation(description="A group of saved searches of the caller.")
    async def create_search_filter_group(self, info: Info, input: SearchFilterGroupInput) -> SearchFilterGroup | None:
        return await M.create_search_filter_group(info.context, M.checked(body(input), "list_type", "name",
                                                                          "color"))

    @strawberry.mutation
    async def update_search_filter_group(self, info: Info, id: strawberry.ID,
                                         input: SearchFilterGroupInput) -> SearchFilterGroup | None:
        return await M.update_search_filter_group(info.context, id, body(input))

    @strawberry.mutation(description="Delete a group and the searches filed in it.")
    async def delete_search_filter_group(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await resolvers.search_filters.delete_search_filter_group(info.context, id)

    @strawberry.mutation(description="A new budget of a production (its managers); the revision follows the "
                                     "last one.")
    async def create_budget(self, info: Info, project_id: strawberry.ID, input: BudgetInput) -> Budget | None:
        return await M.create_budget(info.context, project_id, body(input))

    @strawberry.mutation
    async def update_budget(self, info: Info, id: strawberry.ID, input: BudgetInput) -> Budget | None:
        return await M.update_budget(info.context, id, body(input))

    @strawberry.mutation(description="Delete a budget and its entries.")
    async def delete_budget(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await M.delete_budget(info.context, id)

    @strawberry.mutation
    async def create_budget_entry(self, info: Info, budget_id: strawberry.ID, input: BudgetEntryInput) -> BudgetEntry | None:
        return await M.create_budget_entry(info.context, budget_id, body(input))

    @strawberry.mutation(description="Change a budget entry: the fields left out keep their value.")
    async def update_budget_entry(self, info: Info, id: strawberry.ID, input: BudgetEntryInput) -> BudgetEntry | None:
        return await M.update_budget_entry(info.context, id, body(input))

    @strawberry.mutation
    async def delete_budget_entry(self, info: Info, id: strawberry.ID) -> strawberry.ID | None:
        return await M.delete_budget_entry(info.context, id)

    @strawberry.mutation(description="Replace a shot's casting (managers of the production).")
    async def set_shot_casting(self, info: Info, shot_id: strawberry.ID, casting: list[CastingInput]) -> Shot | None:
        return await M.set_casting(info.context, "Shot", shot_id, [body(c) for c in casting])

    @strawberry.mutation(description="Set the minutes a person spent on a task on a day (an assignee: "
                                     "themselves, or an admin or the production's manager for them).")
    async def set_time_spent(self, info: Info, task_id: strawberry.ID, person_id: strawberry.ID, date: date,
                             duration: float) -> TimeSpent | None:
        return await M.set_time_spent(info.context, task_id, person_id, date, duration)

