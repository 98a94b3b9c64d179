"""`GET /movies/originals/preview-files/{id}.mp4` against Zou 1.0.97's answers (spec events-previews.md §4)."""
from __future__ import annotations

import pytest

from domain.previews import movie_path
from domain.tables import PreviewFile
from tests.team_world import _insert, team_world

UNKNOWN = "00000000-0000-4000-8000-000000000000"
MOVIE = bytes(range(256)) * 40  # 10,240 bytes
NOT_SATISFIABLE = {"error": True, "message": "The server cannot provide the requested range."}


@pytest.fixture
async def w(db, settings):
    w = await team_world(db, settings)
    for key, task, status in [("ready", "t1", "ready"), ("processing", "t1", "processing"), ("nofile", "t1", "ready"),
                              ("other_shot", "t2", "ready")]:
        w.ids[key] = await _insert(db, PreviewFile, name=key, revision=1, extension="mp4", status=status,
                                   validation_status="neutral", task_id=getattr(w, task))
    for key in ("ready", "other_shot"):
        store(settings, "previews", getattr(w, key), MOVIE)
    return w


def store(settings, prefix, preview_id, content: bytes):
    path = movie_path(settings.preview_folder, prefix, preview_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def url(preview_id) -> str:
    return f"/api/movies/originals/preview-files/{preview_id}.mp4"


async def test_whole_movie_with_zou_headers(client, w):
    r = await client.get(url(w.ready), headers=w.auth("user"))
    assert r.status_code == 200 and r.content == MOVIE
    h = r.headers
    assert h["content-type"] == "video/mp4" and h["content-length"] == "10240"
    assert h["accept-ranges"] == "bytes" and h["cache-control"] == "max-age=604800, private"
    assert h["content-disposition"] == 'inline; filename=""'
    assert {"etag", "last-modified", "expires"} <= set(h)


@pytest.mark.parametrize("header,status,content_range,part", [
    ("bytes=0-99", 206, "bytes 0-99/10240", MOVIE[:100]),
    ("bytes=10000-", 206, "bytes 10000-10239/10240", MOVIE[10000:]),
    ("bytes=-10", 206, "bytes 10230-10239/10240", MOVIE[-10:]),
    ("bytes=0-20000", 206, "bytes 0-10239/10240", MOVIE),
    ("bytes=20000-20010", 416, None, None),
    ("bytes=10240-", 416, None, None),
    ("bytes=5-2", 416, None, None),
    ("bytes=-20000", 416, None, None),
    ("bytes=0-1,5-6", 416, None, None),  # several ranges: refused, as Zou does
    ("pages=1-2", 416, None, None),
    ("bytes=abc", 416, None, None),
])
async def test_byte_ranges(client, w, header, status, content_range, part):
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "Range": header})
    assert r.status_code == status
    if status == 206:
        assert r.headers["content-range"] == content_range and r.content == part
        assert r.headers["content-length"] == str(len(part))
    else:
        assert r.json() == NOT_SATISFIABLE and "content-range" not in r.headers


async def test_conditional_requests(client, w):
    first = await client.get(url(w.ready), headers=w.auth("admin"))
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "If-Modified-Since": modified})
    assert r.status_code == 304
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "If-None-Match": '"other"'})
    assert r.status_code == 200
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "Range": "bytes=0-9", "If-Range": etag})
    assert r.status_code == 206
    r = await client.get(url(w.ready), headers={**w.auth("admin"), "Range": "bytes=0-9", "If-Range": '"stale"'})
    assert r.status_code == 200 and r.content == MOVIE


async def test_head_sends_headers_only(client, w):
    r = await client.head(url(w.ready), headers={**w.auth("admin"), "Range": "bytes=0-9"})
    assert r.status_code == 206 and r.content == b"" and r.headers["content-range"] == "bytes 0-9/10240"


@pytest.mark.parametrize("who,preview,status", [
    ("admin", "ready", 200), ("manager", "ready", 200), ("user", "ready", 200), ("super", "ready", 200),
    ("client", "ready", 200), ("vendor", "ready", 200), ("vendor", "other_shot", 403), ("outsider", "ready", 403),
    ("outmgr", "ready", 403), ("vendor", "processing", 200),
])
async def test_movie_needs_task_access(client, w, who, preview, status):
    r = await client.get(url(getattr(w, preview)), headers={**w.auth(who), "Accept": "application/json"})
    assert r.status_code == (202 if preview == "processing" and status == 200 else status)


async def test_processing_preview(client, w):
    r = await client.get(url(w.processing), headers=w.auth("admin"))
    assert (r.status_code, r.json()) == (404, {"error": True, "message": "Preview file was not found."})
    assert r.headers["cache-control"] == "no-store"
    r = await client.get(url(w.processing), headers={**w.auth("admin"), "Accept": "application/json"})
    assert (r.status_code, r.json()) == (202, {"status": "processing", "preview_file_id": str(w.processing)})
    assert r.headers["retry-after"] == "5" and r.headers["cache-control"] == "no-store"
    r = await client.get(url(w.processing), headers={**w.auth("admin"), "Accept": "image/*,application/json;q=0.9"})
    assert r.status_code == 404


async def test_missing_preview_or_movie_is_404(client, w):
    for target in (w.nofile, UNKNOWN, "nope"):
        r = await client.get(url(target), headers=w.auth("admin"))
        assert r.status_code == 404 and r.json()["message"].startswith("404 Not Found")
    r = await client.get(url(w.ready))
    assert r.status_code == 401


async def test_lowdef_and_source_are_fallbacks_and_recorded_prefixes_come_first(client, w, db, settings):
    from sqlalchemy import update

    store(settings, "source", w.nofile, b"uploaded")
    r = await client.get(url(w.nofile), headers=w.auth("admin"))
    assert r.content == b"uploaded"
    store(settings, "lowdef", w.nofile, b"low")
    assert (await client.get(url(w.nofile), headers=w.auth("admin"))).content == b"low"
    store(settings, "previews", w.nofile, b"full")
    assert (await client.get(url(w.nofile), headers=w.auth("admin"))).content == b"full"
    await db.execute(update(PreviewFile.__table__).where(PreviewFile.id == w.nofile)
                     .values(data={"movie_prefixes": ["source"]}))
    assert (await client.get(url(w.nofile), headers=w.auth("admin"))).content == b"uploaded"


async def test_empty_movie_file(client, w, settings):
    store(settings, "previews", w.nofile, b"")
    r = await client.get(url(w.nofile), headers=w.auth("admin"))
    assert (r.status_code, r.content, r.headers["content-length"]) == (200, b"", "0")


async def test_long_movie_streams_across_chunks(client, w, settings):
    big = bytes(range(251)) * 4000  # 1,004,000 bytes, several read chunks
    store(settings, "previews", w.nofile, big)
    r = await client.get(url(w.nofile), headers=w.auth("admin"))
    assert r.content == big
    r = await client.get(url(w.nofile), headers={**w.auth("admin"), "Range": "bytes=200000-900000"})
    assert r.status_code == 206 and r.content == big[200000:900001]


def test_local_store_layout_shards_by_id_prefix(tmp_path):
    import uuid

    from domain.previews import movie_prefixes
    pid = uuid.UUID("03908355-3bb6-43c1-add0-4bcb28e080c7")
    assert movie_path(tmp_path, "lowdef", pid) == tmp_path / "movies/lowdef/039/083" / str(pid)
    assert movie_prefixes({"data": None}) == ["previews", "lowdef", "source"]
    assert movie_prefixes({"data": {"movie_prefixes": ["source", "lowdef"]}}) == ["lowdef", "source", "previews"]
    assert movie_prefixes({"data": {}}, lowdef=True) == ["lowdef", "previews", "source"]
