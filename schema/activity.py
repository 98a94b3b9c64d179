"""Comments on tasks, production news and notifications."""
from __future__ import annotations

import strawberry

import resolvers.activity
import resolvers.files
import resolvers.people
import resolvers.tasks
from schema.fields import relation
from schema.scalars import JSON, DateTime


@strawberry.type(description="A comment on a task, possibly changing its status.")
class Comment:
    id: strawberry.ID
    object_id: strawberry.ID
    object_type: str
    text: str | None
    data: JSON | None
    replies: JSON | None
    checklist: JSON | None
    pinned: bool | None
    links: list[str] | None
    for_client: bool | None
    task_status_id: strawberry.ID | None
    person_id: strawberry.ID
    editor_id: strawberry.ID | None
    preview_file_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.people.persons_by_ids, key="person_id")
    def person(self) -> Person | None:
        """The author."""

    @relation(resolvers.people.persons_by_ids, key="editor_id")
    def editor(self) -> Person | None:
        """Who last edited it."""

    @relation(resolvers.tasks.task_statuses, key="task_status_id")
    def task_status(self) -> TaskStatus | None:
        """The status the comment set."""

    @relation(resolvers.files.preview_files_by_ids, key="preview_file_id")
    def preview_file(self) -> PreviewFile | None:
        """The preview posted with the comment."""


@strawberry.type(description="An item of a production's news feed (a comment, a status change).")
class News:
    id: strawberry.ID
    change: bool
    author_id: strawberry.ID
    comment_id: strawberry.ID | None
    task_id: strawberry.ID
    preview_file_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.people.persons_by_ids, key="author_id")
    def author(self) -> Person | None:
        """Who made the change."""

    @relation(resolvers.tasks.tasks_by_ids, key="task_id")
    def task(self) -> Task | None:
        """The task concerned."""

    @relation(resolvers.activity.comments_by_ids, key="comment_id")
    def comment(self) -> Comment | None:
        """The comment, when the news is one."""

    @relation(resolvers.files.preview_files_by_ids, key="preview_file_id")
    def preview_file(self) -> PreviewFile | None:
        """The preview posted, if any."""


@strawberry.type
class Notification:
    id: strawberry.ID
    read: bool
    change: bool
    type: str
    person_id: strawberry.ID
    author_id: strawberry.ID
    comment_id: strawberry.ID | None
    task_id: strawberry.ID | None
    playlist_id: strawberry.ID | None
    reply_id: strawberry.ID | None
    created_at: DateTime | None
    updated_at: DateTime | None

    @relation(resolvers.people.persons_by_ids, key="author_id")
    def author(self) -> Person | None:
        """Who caused it."""

    @relation(resolvers.tasks.tasks_by_ids, key="task_id")
    def task(self) -> Task | None:
        """The task concerned."""

    @relation(resolvers.activity.comments_by_ids, key="comment_id")
    def comment(self) -> Comment | None:
        """The comment concerned."""


from schema.files import PreviewFile  # noqa: E402
from schema.people import Person  # noqa: E402
from schema.tasks import Task, TaskStatus  # noqa: E402
