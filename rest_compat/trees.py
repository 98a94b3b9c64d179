"""The selection trees the heavy REST routes run through the breadth-first engine (`resolvers.engine`): each
tree names the batch resolvers GraphQL uses, so a route costs one statement per level whatever the number
of rows. The routes turn the built objects into Zou's JSON."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from domain import errors
from resolvers import boards, breakdown, casting, entities, projects, tasks
from resolvers.engine import Branch, Failure, Leaf, Load, Selection, run

Row = dict[str, Any]


def leaves(*names: str) -> list[Leaf]:
    return [Leaf(n, column=n) for n in names]


def one(key: str, selection: Selection, batch, column: str) -> Branch:
    """A to-one relation loaded by `batch` over `row[column]`."""
    return Branch(key, selection, load=Load(batch, column))


def many(key: str, selection: Selection | None, batch, column: str | None = "id", **args: Any) -> Branch:
    """A to-many relation loaded by `batch` over `row[column]` (the rows themselves when `column` is None)."""
    return Branch(key, selection, load=Load(batch, column, args), many=True)


def scalar(key: str, load: Load) -> Branch:
    """A value that needs I/O (no selection below it)."""
    return Branch(key, None, load=load)


async def build(ctx: Any, selection: Selection, objects: Sequence[Any]) -> list[Row]:
    """The built objects; the first error met in them is raised (a REST answer is all or nothing)."""
    result = await run(ctx, selection, objects)
    if result.failed:
        _raise_first_failure(result.objects)
    return result.objects


def _raise_first_failure(value: Any) -> None:
    if type(value) is Failure:
        error = value.error
        raise error if isinstance(error, errors.DomainError) else errors.DomainError("Internal server error")
    if type(value) is dict:
        for v in value.values():
            _raise_first_failure(v)
    elif type(value) is list:
        for v in value:
            _raise_first_failure(v)


# --- casting -------------------------------------------------------------------------------------------------

NAME = Selection(leaves("name"))

CAST_ASSET = Selection([
    *leaves("name", "preview_file_id", "source_id", "ready_for", "is_shared", "project_id"),
    one("asset_type", NAME, entities.entity_types, "entity_type_id"),
])

CAST_LINK = Selection([
    Leaf("asset_id", column="entity_out_id"), *leaves("nb_occurences", "label"),
    one("asset", CAST_ASSET, breakdown.cast_assets, "entity_out_id"),
])

# A container (shot, episode, asset) with its casting links and its parent's name (a shot's sequence).
CASTING_CONTAINER = Selection([
    *leaves("id", "name", "project_id"),
    one("parent", NAME, entities.entities_by_ids, "parent_id"),
    many("casting", CAST_LINK, casting.entity_casting, None),
])


# --- the boards (with-tasks lists) ---------------------------------------------------------------------------

TASK_COLUMNS = ("id", "entity_id", "project_id", "task_type_id", "task_status_id", "priority", "estimation",
                "duration", "retake_count", "real_start_date", "end_date", "start_date", "due_date", "done_date",
                "last_comment_date", "last_preview_file_id", "nb_assets_ready", "difficulty", "nb_drawings", "data")


def _blanked(row: Row) -> bool:
    return bool(row.get("client_blanked"))


@functools.cache
def board_task(subscriptions: bool) -> Selection:
    """A task on a board: its columns, assignee ids and whether the caller subscribed to it."""
    return Selection([
        *leaves(*TASK_COLUMNS), Leaf("client_blanked", compute=_blanked),
        many("assignees", None, boards.task_assignee_ids, None),
        scalar("is_subscribed", Load(boards.task_subscribed, "id", {"enabled": subscriptions})),
    ])


ENTITY_COLUMNS = ("id", "name", "code", "description", "shotgun_id", "canceled", "nb_frames", "nb_entities_out",
                  "is_casting_standby", "is_shared", "status", "project_id", "entity_type_id", "parent_id",
                  "source_id", "preview_file_id", "data", "ready_for", "created_by", "created_at", "updated_at")

ID_NAME = Selection(leaves("id", "name"))


@functools.cache
def shot_board(subscriptions: bool) -> Selection:
    """A shot with its sequence, episode, project name and tasks."""
    return Selection([
        *leaves(*ENTITY_COLUMNS),
        one("sequence", Selection([*leaves("id", "name"), one("episode", ID_NAME, entities.entities_by_ids,
                                                              "parent_id")]),
            entities.entities_by_ids, "parent_id"),
        one("project", NAME, projects.projects_by_ids, "project_id"),
        many("tasks", board_task(subscriptions), tasks.entity_tasks),
    ])


@functools.cache
def edit_board(subscriptions: bool) -> Selection:
    return Selection([
        *leaves(*ENTITY_COLUMNS),
        one("episode", ID_NAME, entities.entities_by_ids, "parent_id"),
        one("project", NAME, projects.projects_by_ids, "project_id"),
        many("tasks", board_task(subscriptions), tasks.entity_tasks),
    ])


@functools.cache
def sequence_board(subscriptions: bool) -> Selection:
    return Selection([*leaves(*ENTITY_COLUMNS), many("tasks", board_task(subscriptions), tasks.entity_tasks)])


def asset_board(subscriptions: bool, casting_episodes: bool, episode_id: Any = None) -> Selection:
    return Selection([
        *leaves(*ENTITY_COLUMNS),
        one("asset_type", NAME, entities.entity_types, "entity_type_id"),
        scalar("casting_episode_ids", Load(boards.asset_casting_episodes, "id",
                                           {"enabled": casting_episodes, "episode_id": episode_id})),
        many("tasks", board_task(subscriptions), tasks.entity_tasks),
    ])


# A scene with its sequence, the sequence's episode and its project's name.
SCENE = Selection([
    Leaf("id", column="id"),
    one("sequence", Selection([*leaves("id", "name"), one("episode", ID_NAME, entities.entities_by_ids,
                                                          "parent_id")]),
        entities.entities_by_ids, "parent_id"),
    one("project", NAME, projects.projects_by_ids, "project_id"),
])


# A task row in Zou's column order, and a project's task with its assignee ids.
TASK_ROW_COLUMNS = ("name", "description", "priority", "difficulty", "duration", "estimation", "completion_rate",
                    "retake_count", "sort_order", "start_date", "due_date", "real_start_date", "end_date",
                    "done_date", "last_comment_date", "nb_assets_ready", "data", "nb_drawings", "shotgun_id",
                    "last_preview_file_id", "project_id", "task_type_id", "task_status_id", "entity_id",
                    "assigner_id", "id", "created_at", "updated_at")

PROJECT_TASK = Selection([*leaves(*TASK_ROW_COLUMNS), Leaf("client_blanked", compute=_blanked),
                          many("assignees", None, boards.task_assignee_ids, None)])
