"""Preview movies, shared by GraphQL and REST: the preview must exist, then task access on its task
(project access, and vendors need a task of the entity assigned)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from domain import errors, previews
from resolvers import access
from resolvers.context import Context


@dataclass(frozen=True)
class Movie:
    preview_id: uuid.UUID
    updated_at: datetime | None
    processing: bool  # still being encoded: nothing to serve yet
    path: Path | None


async def _preview(ctx: Context, preview_id: uuid.UUID) -> dict:
    ctx.require_user()
    preview = await ctx.loaders.get(previews.preview_refs_by_ids).load(preview_id)
    if preview is None:
        raise errors.NotFound("Preview file not found")
    if preview["project_id"] is None or preview["entity_id"] is None:
        raise errors.NotFound("Task not found")
    await access.check_entity_access(ctx, preview["project_id"], preview["entity_id"])
    return preview


async def original_movie(ctx: Context, preview_id: uuid.UUID, *, lowdef: bool = False) -> Movie:
    """The stored movie of a preview (full quality first, then low definition, then the upload). 404 when the
    preview has no movie on disk."""
    preview = await _preview(ctx, preview_id)
    if preview["status"] == "processing":
        return Movie(preview_id, preview["updated_at"], True, None)
    path = previews.find_movie(ctx.settings.preview_folder, preview, lowdef=lowdef)
    if path is None:
        raise errors.NotFound("Movie file not found")
    return Movie(preview_id, preview["updated_at"], False, path)
