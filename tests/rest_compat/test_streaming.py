"""Large lists are streamed (rest_compat/streaming.py): the route answers a StreamingResponse whose body goes
out a chunk at a time, each chunk built through the engine only after the previous one was sent, so the
server never holds the whole document; and the three encodings (JSON array, `{...header, "rows": [...]}`,
ndjson) are well formed whatever the chunks."""
from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from starlette.responses import StreamingResponse

from rest_compat import streaming
from tests.factories import (auth_headers, make_person, make_project, make_sequence, make_shot, make_task,
                             make_task_status, make_task_type)

N_SHOTS = 7


@pytest.fixture
async def world(db, settings) -> dict[str, Any]:
    admin = await make_person(db, role="admin")
    user = await make_person(db, role="user")
    project = await make_project(db, team=[user])
    sequence = await make_sequence(db, project=project, name="SQ01")
    task_type, status = await make_task_type(db), await make_task_status(db)
    for i in range(N_SHOTS):
        shot = await make_shot(db, project=project, sequence=sequence, name=f"SH{i:03d}")
        await make_task(db, entity=shot, task_type=task_type, task_status=status, assignees=[user])
    return {"project": str(project["id"]), "admin": auth_headers(settings, admin), "user": auth_headers(settings, user)}


async def call(app, path: str, query: str, headers: dict[str, str], on_build: list[int]) -> list[dict]:
    """The ASGI messages the app sends for a GET, in order; `on_build` gets, at each engine run of the
    streaming module, how many body messages had been sent by then."""
    sent: list[dict] = []
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query.encode(),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}

    requested = []

    async def receive():
        if not requested:
            requested.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays connected (Starlette cancels this wait when done)

    async def send(message):
        sent.append(message)

    real_build = streaming.trees.build

    async def counting_build(ctx, selection, objects):
        on_build.append(sum(1 for m in sent if m["type"] == "http.response.body"))
        return await real_build(ctx, selection, objects)

    streaming.trees.build = counting_build
    try:
        await app(scope, receive, send)
    finally:
        streaming.trees.build = real_build
    return sent


def bodies(messages: list[dict]) -> list[bytes]:
    return [m["body"] for m in messages if m["type"] == "http.response.body" and m.get("body")]


@pytest.mark.parametrize("query,ctype", [("stream=true&compact=true", "application/x-ndjson"),
                                         ("stream=true", "application/x-ndjson"),
                                         ("compact=true", "application/json"),
                                         ("", "application/json")])
async def test_shot_board_is_sent_a_chunk_at_a_time(app, world, monkeypatch, query, ctype):
    monkeypatch.setattr(streaming, "CHUNK", 2)
    runs: list[int] = []
    q = f"project_id={world['project']}" + (f"&{query}" if query else "")
    messages = await call(app, "/api/data/shots/with-tasks", q, world["admin"], runs)
    start = messages[0]
    assert start["status"] == 200
    assert dict(start["headers"])[b"content-type"].decode().startswith(ctype)
    chunks = bodies(messages)
    # an opening, one chunk per 2 shots (4 engine runs for 7 shots), a closing for the JSON forms
    assert len(runs) == 4
    assert len(chunks) >= 5
    # each run after the first starts only once the previous chunk went out: never the whole list at once
    assert runs == sorted(runs) and runs[0] >= 1 and all(b > a for a, b in zip(runs, runs[1:]))
    body = b"".join(chunks)
    if ctype == "application/x-ndjson":
        lines = [json.loads(line) for line in body.decode().splitlines()]
        assert len(lines) == 1 + N_SHOTS and lines[0]["compact"] == ("compact" in query)
        names = [row[10] if isinstance(row, list) else row["name"] for row in lines[1:]]
    else:
        doc = json.loads(body)
        rows = doc["rows"] if query else doc
        names = [row[10] if isinstance(row, list) else row["name"] for row in rows]
    assert names == [f"SH{i:03d}" for i in range(N_SHOTS)]


async def test_project_tasks_are_sent_a_chunk_at_a_time(app, world, monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK", 3)
    runs: list[int] = []
    messages = await call(app, f"/api/data/projects/{world['project']}/tasks", "", world["admin"], runs)
    assert messages[0]["status"] == 200
    assert len(runs) == 3 and all(b > a for a, b in zip(runs, runs[1:]))  # 7 tasks, chunks of 3
    tasks = json.loads(b"".join(bodies(messages)))
    assert len(tasks) == N_SHOTS and all(t["type"] == "Task" and len(t["assignees"]) == 1 for t in tasks)
    runs.clear()
    messages = await call(app, f"/api/data/projects/{world['project']}/tasks", "page=1", world["admin"], runs)
    # a page is built whole (one engine run, before anything is sent) and sent as one JSON object
    assert json.loads(b"".join(bodies(messages)))["total"] == N_SHOTS and runs == [0]


async def test_board_handler_returns_a_streaming_response(app, world, client, monkeypatch):
    """The handler's own return value, not only what reaches the wire."""
    from rest_compat import production

    seen: list[Any] = []
    real = production.board_answer

    async def spy(*args, **kwargs):
        response = await real(*args, **kwargs)
        seen.append(response)
        return response

    monkeypatch.setattr(production, "board_answer", spy)
    for kind in ("shots", "assets", "sequences"):
        r = await client.get(f"/api/data/{kind}/with-tasks?project_id={world['project']}&stream=true&compact=true",
                             headers=world["user"])
        assert r.status_code == 200
    assert len(seen) == 3 and all(isinstance(x, StreamingResponse) for x in seen)


async def test_errors_are_raised_before_streaming_starts(app, world, settings, db):
    """Permission and id checks run before the first byte: a refused caller gets a JSON error status."""
    outsider = auth_headers(settings, await make_person(db, role="user"))
    runs: list[int] = []
    messages = await call(app, "/api/data/shots/with-tasks", f"project_id={world['project']}&stream=true",
                          outsider, runs)
    assert messages[0]["status"] == 403 and runs == []
    messages = await call(app, "/api/data/shots/with-tasks", "project_id=12&stream=true", world["admin"], runs)
    assert messages[0]["status"] == 400 and runs == []


# --- the encodings -------------------------------------------------------------------------------------------

async def chunks_of(*groups: list) -> Any:
    for group in groups:
        yield group


async def collect(response: StreamingResponse) -> bytes:
    return b"".join([part async for part in response.body_iterator])


@pytest.mark.parametrize("groups", [(), ([],), ([1, 2], [], [3]), ([], [{"a": None}])])
async def test_json_array(groups):
    expected = [x for g in groups for x in g]
    assert json.loads(await collect(streaming.json_array(chunks_of(*groups)))) == expected


@pytest.mark.parametrize("header", [{}, {"compact": True, "shot_fields": ["a", "b"]}])
async def test_json_rows(header):
    body = await collect(streaming.json_rows(header, chunks_of([[1, 2]], [], [[3, 4]])))
    doc = json.loads(body)
    assert doc == {**header, "rows": [[1, 2], [3, 4]]} and list(doc) == [*header, "rows"]


async def test_ndjson_one_line_per_row():
    response = streaming.ndjson({"compact": False}, chunks_of([{"n": 1}, {"n": 2}], [], [{"n": "x\ny"}]))
    assert response.media_type == "application/x-ndjson"
    body = (await collect(response)).decode()
    assert body.endswith("\n") and body.count("\n") == 4
    assert [json.loads(line) for line in body.splitlines()] == [{"compact": False}, {"n": 1}, {"n": 2},
                                                               {"n": "x\ny"}]


async def test_built_runs_the_engine_per_chunk(monkeypatch):
    calls: list[int] = []

    async def fake_build(ctx, selection, objects):
        calls.append(len(objects))
        return [{"v": o["v"] * 10} for o in objects]

    monkeypatch.setattr(streaming.trees, "build", fake_build)
    roots = [{"v": i} for i in range(5)]
    out = [chunk async for chunk in streaming.built(None, None, roots, lambda o: o["v"], chunk=2)]
    assert calls == [2, 2, 1] and out == [[0, 10], [20, 30], [40]]
    assert [chunk async for chunk in streaming.built(None, None, [], lambda o: o)] == []
