"""Preview files: batch reads, and where their movies lie in Zou's local file store
(`<preview folder>/movies/<prefix>/<id[0:3]>/<id[3:6]>/<id>`, no extension; spec events-previews.md §4)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from domain.tables import PreviewFile, Task

PREVIEW_FILE = PreviewFile.__table__
# Where a movie is looked for, best first: the normalized full quality, the low definition, the upload.
MOVIE_PREFIXES = ("previews", "lowdef", "source")
LOWDEF_MOVIE_PREFIXES = ("lowdef", "previews", "source")


async def preview_files_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(PREVIEW_FILE).where(db.in_keys(PreviewFile.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def preview_refs_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    """What serving a preview's files needs, without its heavy columns: {id, task_id, updated_at, extension,
    status, data, project_id, entity_id} (project and entity of its task)."""
    rows = await db.rows(select(PreviewFile.id, PreviewFile.task_id, PreviewFile.updated_at, PreviewFile.extension,
                                PreviewFile.status, PreviewFile.data, Task.project_id, Task.entity_id)
                         .outerjoin(Task, Task.id == PreviewFile.task_id)
                         .where(db.in_keys(PreviewFile.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


def movie_path(folder: Path, prefix: str, preview_id: uuid.UUID) -> Path:
    key = str(preview_id)
    return Path(folder) / "movies" / prefix / key[:3] / key[3:6] / key


def movie_prefixes(preview: dict, *, lowdef: bool = False) -> list[str]:
    """The prefixes to try: those recorded on the preview (`data.movie_prefixes`) first, in the route's
    order, then the others."""
    order = LOWDEF_MOVIE_PREFIXES if lowdef else MOVIE_PREFIXES
    data = preview.get("data")
    recorded = data.get("movie_prefixes") if isinstance(data, dict) else None
    recorded = recorded if isinstance(recorded, list) else []
    return [p for p in order if p in recorded] + [p for p in order if p not in recorded]


def find_movie(folder: Path, preview: dict, *, lowdef: bool = False) -> Path | None:
    """The stored movie of a preview, or None when no prefix holds one."""
    for prefix in movie_prefixes(preview, lowdef=lowdef):
        path = movie_path(folder, prefix, preview["id"])
        if path.is_file():
            return path
    return None
