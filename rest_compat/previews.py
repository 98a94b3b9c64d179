"""`GET /movies/originals/preview-files/{id}.mp4`: the preview movie, streamed from the preview folder with
single byte-range requests (206, Content-Range; 416 otherwise), conditional requests (304) and HEAD, as Zou's
file sending does."""
from __future__ import annotations

import os
import time
import zlib
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from resolvers import previews
from rest_compat import zou
from rest_compat.routing import ctx_of, path_uuid, route

MAX_AGE = 604800  # a week, Zou's CLIENT_CACHE_MAX_AGE
CHUNK = 256 * 1024
RANGE_NOT_SATISFIABLE = {"error": True, "message": "The server cannot provide the requested range."}
NOT_READY = {"error": True, "message": "Preview file was not found."}


async def original_movie(request: Request) -> Response:
    movie = await previews.original_movie(ctx_of(request), path_uuid(request, "preview_id"))
    if movie.processing:
        return processing_answer(request, movie.preview_id)
    return movie_response(request, movie.path, movie.updated_at)


def processing_answer(request: Request, preview_id) -> Response:
    """A JSON client is told to come back in 5 s (202); anyone else gets the 404 a player handles."""
    if _quality(request.headers.get("accept", ""), "application/json") > _quality(
            request.headers.get("accept", ""), "image/png"):
        response = zou.json({"status": "processing", "preview_file_id": str(preview_id)}, 202)
        response.headers["Retry-After"] = "5"
    else:
        response = zou.json(NOT_READY, 404)
    response.headers["Cache-Control"] = "no-store"
    return response


def _quality(accept: str, mime: str) -> float:
    """The q of the most specific Accept entry matching `mime` (1 for every type when no header)."""
    if not accept.strip():
        return 1.0
    kind = mime.split("/")[0]
    best, best_rank = 0.0, -1
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        rank = 2 if media == mime else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if rank > best_rank:
            best, best_rank = q, rank
    return best if best_rank >= 0 else 0.0


def movie_response(request: Request, path: Path, updated_at: datetime | None) -> Response:
    stat = path.stat()
    size = stat.st_size
    modified = (updated_at or datetime.fromtimestamp(stat.st_mtime, timezone.utc).replace(tzinfo=None))
    modified = modified.replace(microsecond=0, tzinfo=timezone.utc)
    etag = f'"{stat.st_mtime}-{size}-{zlib.adler32(os.fsencode(path))}"'
    headers = {
        "Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": f"max-age={MAX_AGE}, private", "Content-Disposition": 'inline; filename=""',
        "Expires": format_datetime(datetime.fromtimestamp(time.time() + MAX_AGE, timezone.utc), usegmt=True),
    }
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    span = (0, size)
    range_header = request.headers.get("range")
    if range_header and _if_range_holds(request, etag, modified):
        span = _single_range(range_header, size)
        if span is None:
            return zou.json(RANGE_NOT_SATISFIABLE, 416)
        headers["Content-Range"] = f"bytes {span[0]}-{span[1] - 1}/{size}"
        status = 206
    else:
        status = 200
    return FileSpan(path, span, status, headers)


def _single_range(header: str, size: int) -> tuple[int, int] | None:
    """[start, end) of a `bytes=a-b`, `bytes=a-` or `bytes=-n` range within the file; None for anything
    else (other units, several ranges, malformed, out of the file)."""
    units, _, spec = header.partition("=")
    if units.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            start, end = size - int(last), size  # the last n bytes
            if int(last) <= 0:
                return None
        else:
            start = int(first)
            end = int(last) + 1 if last != "" else size
    except ValueError:
        return None
    if start < 0 or start >= end or start >= size:
        return None
    return start, min(end, size)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    since = _http_date(request.headers.get("if-modified-since"))
    return since is not None and modified <= since


def _if_range_holds(request: Request, etag: str, modified: datetime) -> bool:
    if_range = request.headers.get("if-range")
    if if_range is None:
        return True
    if if_range.startswith('"'):
        return if_range == etag
    since = _http_date(if_range)
    return since is not None and modified <= since


class FileSpan(Response):
    """Part [start, end) of a file, read in chunks; headers only for HEAD."""

    media_type = "video/mp4"

    def __init__(self, path: Path, span: tuple[int, int], status: int, headers: dict[str, str]):
        super().__init__(status_code=status, headers={**headers, "Content-Length": str(span[1] - span[0])},
                         media_type=self.media_type)
        self.path, self.span = path, span

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        start, end = self.span
        if scope["method"].upper() == "HEAD" or start == end:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        async with await anyio.open_file(self.path, "rb") as f:
            await f.seek(start)
            left = end - start
            while left > 0:
                chunk = await f.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": left > 0})
        if left > 0:  # the file shrank meanwhile: end the body anyway
            await send({"type": "http.response.body", "body": b"", "more_body": False})


ROUTES = [route("/movies/originals/preview-files/{preview_id}.mp4", original_movie, ["GET"])]
