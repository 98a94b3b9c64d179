"""Compare two Zou-compatible servers (the real Zou 1.0.97 and TrackQL) route by route on the breakdown, shot,
scene, edit, episode and production-list routes: build the same small production on both through their own
REST APIs, send the same requests, normalize what must differ (ids become the names the scenario gave them,
timestamps a placeholder) and print the differences.

    .venv/bin/python -m bench.zou_diff --left http://127.0.0.1:5000/api --right http://127.0.0.1:8099/api \\
        [--left-login admin@example.com:mysecretpassword] [--right-login ...] [--tag zd1] [--only casting]

    .venv/bin/python -m bench.zou_diff --left http://127.0.0.1:5000/api --capture tests/fixtures/zou
    .venv/bin/python -m bench.zou_diff --left ... --right ... --tag zd1 --cleanup   # remove the tag's rows

The production is named after `--tag`: a second run with the same tag reuses what exists (found by name).
`--capture DIR` writes the left server's normalized answers to DIR/<family>/answers.json (the fixtures the
test suite compares TrackQL with). Not part of the test run.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_LOGIN = "admin@example.com:mysecretpassword"
ARTIST_PASSWORD = "zou-diff-password-1"
# The people of the scenario besides the admin, by their global role; all in the show's team.
PEOPLE = {"artist": "user", "client": "client", "vendor": "vendor"}
UNKNOWN_ID = "00000000-0000-4000-8000-00000000f00d"


@dataclass
class Answer:
    status: int
    content_type: str
    body: Any  # parsed JSON, a list of parsed ndjson lines, or the text
    headers: dict[str, str] = field(default_factory=dict)


class Api:
    """One server, as one user (a bearer token) through an httpx.AsyncClient (a live server, or an ASGI app)."""

    def __init__(self, http: httpx.AsyncClient, token: str):
        self.http = http
        self.token = token

    @classmethod
    async def login(cls, http: httpx.AsyncClient, email: str, password: str) -> Api:
        r = await http.post("/auth/login", json={"email": email, "password": password})
        r.raise_for_status()
        return cls(http, r.json()["access_token"])

    async def call(self, method: str, path: str, body: Any = None, *, params: dict | None = None,
                   raw: bytes | None = None, headers: dict | None = None) -> Answer:
        sent = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        if raw is not None:
            r = await self.http.request(method, path, content=raw, params=params,
                                        headers={"Content-Type": "application/json", **sent})
        else:
            r = await self.http.request(method, path, json=body, params=params, headers=sent)
        ctype = r.headers.get("content-type", "").split(";")[0]
        if ctype == "application/x-ndjson":
            parsed: Any = [json.loads(line) for line in r.text.splitlines() if line]
        else:
            try:
                parsed = r.json()
            except ValueError:
                parsed = r.text
        return Answer(r.status_code, ctype, parsed, dict(r.headers))

    async def ok(self, method: str, path: str, body: Any = None, **kw) -> Any:
        a = await self.call(method, path, body, **kw)
        if a.status >= 300:
            raise RuntimeError(f"{method} {path} -> {a.status}: {a.body}")
        return a.body

    async def one(self, path: str, **params: Any) -> dict | None:
        """The row of a list route whose name is exactly `name` (the other filters as sent)."""
        rows = await self.ok("GET", path, params=params)
        name = params.get("name")
        rows = [r for r in rows if name is None or r.get("name") == name]
        return rows[0] if rows else None


# --- the production ------------------------------------------------------------------------------------------

@dataclass
class Production:
    tag: str
    ids: dict[str, str] = field(default_factory=dict)  # symbolic name -> id
    users: dict[str, Api] = field(default_factory=dict)  # "admin", "artist"

    def fill(self, text: str) -> str:
        return re.sub(r"\{([^{}]+)\}", lambda m: self.ids.get(m.group(1), m.group(0)), text)

    def fill_body(self, body: Any) -> Any:
        if isinstance(body, str):
            return self.fill(body)
        if isinstance(body, list):
            return [self.fill_body(b) for b in body]
        if isinstance(body, dict):
            return {k: self.fill_body(v) for k, v in body.items()}
        return body


async def build(api: Api, tag: str, *, artist_login: Callable[[str, str], Awaitable[Api]] | None = None
                ) -> Production:
    """The small production, made through the server's REST API (what exists is reused, by name)."""
    p = Production(tag, users={"admin": api})
    ids = p.ids
    ids["rand"] = UNKNOWN_ID
    ids["admin"] = (await api.ok("GET", "/auth/authenticated"))["user"]["id"]
    for name in ("Animation", "Layout", "Modeling", "Edit"):
        ids[f"tt:{name}"] = (await api.one("/data/task-types", name=name))["id"]
    for name in ("Todo", "Work In Progress"):
        ids[f"ts:{name}"] = (await api.one("/data/task-status", name=name))["id"]
    for name in ("Shot", "Sequence", "Episode", "Scene", "Edit", "Character", "Prop"):
        ids[f"et:{name}"] = (await api.one("/data/entity-types", name=name))["id"]
    for key, for_entity in (("EpReview", "Episode"), ("SeqReview", "Sequence")):
        found = await api.one("/data/task-types", name=f"{key} {tag}")
        if found is None:
            found = await api.ok("POST", "/data/task-types", {"name": f"{key} {tag}", "for_entity": for_entity,
                                                              "priority": 9})
        ids[f"tt:{key}"] = found["id"]

    for who, role in PEOPLE.items():
        email = f"{who}.{tag}@example.com"
        person = await api.one("/data/persons", email=email)
        if person is None:
            person = await api.ok("POST", "/data/persons", {"first_name": "Zed", "last_name": f"{who} {tag}",
                                                            "email": email, "role": role,
                                                            "password": ARTIST_PASSWORD})
        ids[who] = person["id"]

    show = await api.one("/data/projects", name=f"ZD Show {tag}")
    if show is None:
        show = await api.ok("POST", "/data/projects", {"name": f"ZD Show {tag}", "production_type": "tvshow",
                                                       "team": [ids["admin"], *(ids[w] for w in PEOPLE)]})
    ids["show"] = show["id"]
    ids["ps:Open"] = show["project_status_id"]
    await api.ok("PUT", f"/data/projects/{show['id']}", {"task_types": [ids[k] for k in ids if k.startswith("tt:")]})
    film = await api.one("/data/projects", name=f"ZD Film {tag}")
    if film is None:
        film = await api.ok("POST", "/data/projects", {"name": f"ZD Film {tag}", "production_type": "featurefilm"})
    ids["film"] = film["id"]

    async def entity(key: str, name: str, type_key: str, project: str, parent: str | None = None, **extra) -> None:
        found = await api.one("/data/entities", name=name, project_id=ids[project], entity_type_id=ids[type_key])
        if found is None:
            body = {"name": name, "project_id": ids[project], "entity_type_id": ids[type_key], **extra}
            if parent:
                body["parent_id"] = ids[parent]
            found = await api.ok("POST", "/data/entities", body)
        ids[key] = found["id"]

    ids["E01"] = (await api.one("/data/entities", name="E01", project_id=ids["show"],
                                entity_type_id=ids["et:Episode"]))["id"]
    await entity("E02", "E02", "et:Episode", "show")
    await entity("SQ01", "SQ01", "et:Sequence", "show", "E01")
    await entity("SQ02", "SQ02", "et:Sequence", "show", "E01")
    await entity("SQ03", "SQ03", "et:Sequence", "show", "E02")
    await entity("FSQ", "FSQ01", "et:Sequence", "film")
    await entity("SC01", "SC01", "et:Scene", "show", "SQ01")
    await entity("EDIT1", "Edit1", "et:Edit", "show", "E01", description="cut one")
    await entity("EDIT2", "Edit2", "et:Edit", "show")
    await entity("Hero", "Hero", "et:Character", "show", source_id=ids["E01"], description="the hero")
    await entity("Sidekick", "Sidekick", "et:Character", "show")
    await entity("Sword", "Sword", "et:Prop", "show", is_shared=True)
    await entity("Ghost", "Ghost", "et:Prop", "show")
    await api.ok("PUT", f"/data/entities/{ids['Ghost']}", {"canceled": True})
    await entity("FilmProp", "Lamp", "et:Prop", "film")

    shots = [("SH010", "SQ01", {"frame_in": 1, "frame_out": 48}, 48),
             ("SH020", "SQ01", {"frame_in": 49, "frame_out": 80, "fps": 24}, 32),
             ("SH030", "SQ02", {}, None), ("SH040", "SQ03", {}, None), ("FSH010", "FSQ", {}, 12)]
    for name, seq, data, frames in shots:
        project = "film" if seq == "FSQ" else "show"
        body: dict[str, Any] = {"name": name, "sequence_id": ids[seq], "data": data}
        if frames is not None:
            body["nb_frames"] = frames
        ids[name] = (await api.ok("POST", f"/data/projects/{ids[project]}/shots", body))["id"]
    # what the update cases of an earlier run changed
    await api.ok("PUT", f"/data/shots/{ids['SH040']}", {"description": None, "nb_frames": None, "data": {}})

    async def cast(shot: str, entries: list[tuple[str, int, str | None]]) -> None:
        items = [{"asset_id": ids[a], "nb_occurences": n, **({"label": label} if label else {})}
                 for a, n, label in entries]
        await api.ok("PUT", f"/data/projects/{ids['show']}/entities/{ids[shot]}/casting", items)

    await cast("SH010", [("Hero", 2, "animate"), ("Sword", 1, None)])
    await cast("SH020", [("Sidekick", 1, "fixed"), ("Ghost", 1, None), ("Hero", 1, None)])
    await cast("SH030", [("Sword", 3, None)])
    await cast("SH040", [("Sidekick", 1, None)])
    await cast("Hero", [("Sword", 1, "held")])

    async def task(key: str, entity_key: str, type_key: str, *, assignees=(), status="ts:Todo", **extra) -> None:
        found = await api.ok("GET", "/data/tasks", params={"entity_id": ids[entity_key],
                                                           "task_type_id": ids[type_key]})
        if not found:
            project_id = (await api.ok("GET", f"/data/entities/{ids[entity_key]}"))["project_id"]
            created = await api.ok("POST", "/data/tasks", {
                "entity_id": ids[entity_key], "task_type_id": ids[type_key], "task_status_id": ids[status],
                "project_id": project_id, "name": "main", **extra})
            if assignees:
                await api.ok("PUT", f"/data/tasks/{created['id']}", {"assignees": [ids[a] for a in assignees]})
            found = [created]
        ids[key] = found[0]["id"]

    await task("t:SH010:anim", "SH010", "tt:Animation", assignees=("artist",), priority=2, estimation=3.5,
               due_date="2026-03-01T00:00:00")
    await task("t:SH010:layout", "SH010", "tt:Layout", status="ts:Work In Progress")
    await task("t:SH020:anim", "SH020", "tt:Animation", assignees=("artist", "admin"))
    await task("t:SH030:layout", "SH030", "tt:Layout", assignees=("vendor",))
    await task("t:Hero:model", "Hero", "tt:Modeling", assignees=("artist",), data={"note": "big"})
    await task("t:Sword:model", "Sword", "tt:Modeling")
    await task("t:E01:review", "E01", "tt:EpReview", assignees=("artist",))
    await task("t:EDIT1:edit", "EDIT1", "tt:Edit")
    await task("t:SQ01:review", "SQ01", "tt:SeqReview", assignees=("artist",))
    await task("t:FSH010:anim", "FSH010", "tt:Animation")

    async def preview(key: str, task_key: str, revision: int, position: int = 1, **extra) -> None:
        found = [r for r in await api.ok("GET", "/data/preview-files", params={"task_id": ids[task_key]})
                 if r["revision"] == revision and r["position"] == position]
        if not found:
            found = [await api.ok("POST", "/data/preview-files", {
                "task_id": ids[task_key], "revision": revision, "position": position,
                "name": f"v{revision}-{position}", "person_id": ids["admin"], **extra})]
        ids[key] = found[0]["id"]

    await preview("pv:anim:1a", "t:SH010:anim", 1, 1, extension="png")
    await preview("pv:anim:1b", "t:SH010:anim", 1, 2, extension="png", data={"original_width": 640})
    await preview("pv:anim:2", "t:SH010:anim", 2, 1, extension="mp4")
    await preview("pv:layout:1", "t:SH010:layout", 1, 1, extension="mp4")

    await _extras(api, p)
    if artist_login is not None:
        for who in PEOPLE:
            p.users[who] = await artist_login(f"{who}.{tag}@example.com", ARTIST_PASSWORD)
    return p


async def _extras(api: Api, p: Production) -> None:
    """What the entity, budget and time routes read: a news item, a working file, a budget with an entry and
    time spent by the artist (what exists is reused)."""
    ids = p.ids
    news = await api.ok("GET", "/data/news", params={"task_id": ids["t:SH010:anim"]})
    if not news:
        news = [await api.ok("POST", "/data/news", {"author_id": ids["admin"], "task_id": ids["t:SH010:anim"],
                                                    "change": True})]
    ids["news"] = news[0]["id"]
    files = await api.ok("GET", "/data/working-files", params={"task_id": ids["t:SH010:anim"]})
    if not files:
        files = [await api.ok("POST", "/data/working-files", {
            "name": "main", "task_id": ids["t:SH010:anim"], "entity_id": ids["SH010"], "person_id": ids["artist"],
            "revision": 1, "comment": "first", "path": "/tmp/sh010_main_v001"})]
    ids["wf"] = files[0]["id"]
    budgets = await api.ok("GET", f"/data/projects/{ids['show']}/budgets")
    if not budgets:
        budgets = [await api.ok("POST", f"/data/projects/{ids['show']}/budgets", {"name": "Main", "currency": "EUR"})]
    ids["budget"] = budgets[0]["id"]
    ids["dep"] = (await api.ok("GET", "/data/departments"))[0]["id"]
    entries = await api.ok("GET", f"/data/projects/{ids['show']}/budgets/{ids['budget']}/entries")
    if not entries:
        entries = [await api.ok("POST", f"/data/projects/{ids['show']}/budgets/{ids['budget']}/entries", {
            "department_id": ids["dep"], "person_id": ids["artist"], "start_date": "2026-04-01",
            "months_duration": 3, "daily_salary": 350.0, "position": "artist", "seniority": "mid"})]
    ids["entry"] = entries[0]["id"]
    await api.ok("POST", "/actions/tasks/{}/time-spents/2026-03-02/persons/{}".format(
        ids["t:SH010:anim"], ids["artist"]), {"duration": 120})


# --- the requests --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    family: str
    name: str
    method: str
    path: str
    body: Any = None
    user: str = "admin"
    unordered: bool = False  # the server does not order the list (compare sorted)
    ours_only: bool = False  # keep only the rows of the scenario's projects (lists of the whole database)
    raw: str | None = None  # a non-JSON body, sent as is
    shape_only: bool = False  # whole-database answers: compare keys and value types only, not values
    setup: Callable[[Production, Api], Awaitable[None]] | None = None


async def _new_edit(p: Production, api: Api) -> None:
    """A fresh edit (with a task, for the soft delete) to delete."""
    n = sum(1 for k in p.ids if k.startswith("del:")) + 1
    name = f"Del{n} {p.tag}"
    old = await api.one("/data/entities", name=name, project_id=p.ids["show"], entity_type_id=p.ids["et:Edit"])
    if old is not None:  # left by an interrupted run
        await api.ok("DELETE", f"/data/entities/{old['id']}?force=true")
    edit = await api.ok("POST", "/data/entities", {"name": name, "project_id": p.ids["show"],
                                                  "entity_type_id": p.ids["et:Edit"]})
    p.ids["del:edit"] = edit["id"]
    p.ids[f"del:{n}"] = edit["id"]


async def _new_edit_with_task(p: Production, api: Api) -> None:
    await _new_edit(p, api)
    await api.ok("POST", "/data/tasks", {"entity_id": p.ids["del:edit"], "task_type_id": p.ids["tt:Edit"],
                                         "task_status_id": p.ids["ts:Todo"], "project_id": p.ids["show"]})


SHOW = "/data/projects/{show}"
CASES: list[Case] = [
    # --- casting ---
    Case("breakdown", "shot casting", "GET", SHOW + "/entities/{SH010}/casting"),
    Case("breakdown", "shot casting without canceled asset", "GET", SHOW + "/entities/{SH020}/casting"),
    Case("breakdown", "asset casting", "GET", SHOW + "/entities/{Hero}/casting"),
    Case("breakdown", "episode casting (auto links)", "GET", SHOW + "/entities/{E01}/casting"),
    Case("breakdown", "casting of an uncast episode", "GET", SHOW + "/entities/{E02}/casting"),
    Case("breakdown", "casting, entity of another project", "GET", "/data/projects/{film}/entities/{SH010}/casting"),
    Case("breakdown", "casting, unknown entity", "GET", SHOW + "/entities/{rand}/casting"),
    Case("breakdown", "casting, unknown project", "GET", "/data/projects/{rand}/entities/{SH010}/casting"),
    Case("breakdown", "casting as artist", "GET", SHOW + "/entities/{SH010}/casting", user="artist"),
    Case("breakdown", "sequence casting", "GET", SHOW + "/sequences/{SQ01}/casting"),
    Case("breakdown", "sequence casting, other episode", "GET", SHOW + "/sequences/{SQ03}/casting"),
    Case("breakdown", "sequence casting, other project", "GET", "/data/projects/{film}/sequences/{SQ01}/casting"),
    Case("breakdown", "sequence casting, malformed id", "GET", SHOW + "/sequences/not-an-id/casting"),
    Case("breakdown", "sequence casting, unknown id", "GET", SHOW + "/sequences/{rand}/casting"),
    Case("breakdown", "sequence casting, a shot id", "GET", SHOW + "/sequences/{SH010}/casting"),
    Case("breakdown", "sequence casting as artist", "GET", SHOW + "/sequences/{SQ01}/casting", user="artist"),
    Case("breakdown", "all sequences casting", "GET", SHOW + "/sequences/all/casting"),
    Case("breakdown", "all sequences casting, film", "GET", "/data/projects/{film}/sequences/all/casting"),
    Case("breakdown", "episode sequences casting", "GET", SHOW + "/episodes/{E01}/sequences/all/casting"),
    Case("breakdown", "main pack sequences casting", "GET", SHOW + "/episodes/main/sequences/all/casting"),
    Case("breakdown", "episodes casting", "GET", SHOW + "/episodes/casting", unordered=True),
    Case("breakdown", "asset type casting", "GET", SHOW + "/asset-types/{et:Character}/casting"),
    Case("breakdown", "shot asset instances", "GET", "/data/shots/{SH010}/asset-instances"),
    Case("breakdown", "asset instances of an asset id", "GET", "/data/shots/{Hero}/asset-instances"),
    Case("breakdown", "asset instances, unknown", "GET", "/data/shots/{rand}/asset-instances"),
    Case("breakdown", "set casting", "PUT", SHOW + "/entities/{SH030}/casting",
         [{"asset_id": "{Sword}", "nb_occurences": 3}, {"asset_id": "{Hero}"}, {"nb_occurences": 2}]),
    Case("breakdown", "casting after set", "GET", SHOW + "/entities/{SH030}/casting"),
    Case("breakdown", "set casting, not an array", "PUT", SHOW + "/entities/{SH030}/casting",
         {"asset_id": "{Sword}"}),
    Case("breakdown", "set casting as artist", "PUT", SHOW + "/entities/{SH030}/casting", [], user="artist"),
    Case("breakdown", "set casting, entity of another project", "PUT",
         "/data/projects/{film}/entities/{SH030}/casting", []),
    Case("breakdown", "set casting, unknown entity", "PUT", SHOW + "/entities/{rand}/casting", []),
    # --- shots ---
    Case("shots", "shot", "GET", "/data/shots/{SH010}", unordered=True),
    Case("shots", "shot without tasks", "GET", "/data/shots/{SH040}", unordered=True),
    Case("shots", "shot, an asset id", "GET", "/data/shots/{Hero}"),
    Case("shots", "shot, malformed id", "GET", "/data/shots/not-an-id"),
    Case("shots", "shot as artist", "GET", "/data/shots/{SH020}", user="artist", unordered=True),
    Case("shots", "shots by sequence and name", "GET", "/data/shots/all?sequence_id={SQ01}&name=SH010"),
    Case("shots", "shots by sequence, name in other case", "GET", "/data/shots/all?sequence_id={SQ01}&name=sh010"),
    Case("shots", "shots of a sequence", "GET", "/data/shots?sequence_id={SQ01}"),
    Case("shots", "shots of a project", "GET", "/data/shots/all?project_id={show}"),
    Case("shots", "shots, unknown sequence", "GET", "/data/shots/all?sequence_id={rand}"),
    Case("shots", "shots of a project as artist", "GET", "/data/shots/all?project_id={show}", user="artist"),
    Case("shots", "create shot (exists)", "POST", SHOW + "/shots", {"name": "SH010", "sequence_id": "{SQ01}"}),
    Case("shots", "create shot without name", "POST", SHOW + "/shots", {"sequence_id": "{SQ01}"}),
    Case("shots", "create shot, empty name", "POST", SHOW + "/shots", {"name": ""}),
    Case("shots", "create shot, unknown project", "POST", "/data/projects/{rand}/shots", {"name": "X"}),
    Case("shots", "create shot, sequence of another project", "POST", SHOW + "/shots",
         {"name": "SHX", "sequence_id": "{FSQ}"}),
    Case("shots", "create shot as artist", "POST", SHOW + "/shots", {"name": "SHX"}, user="artist"),
    Case("shots", "update shot", "PUT", "/data/shots/{SH040}",
         {"description": "updated", "data": {"frame_in": 3}, "nb_frames": 7, "unknown_key": 1}),
    Case("shots", "update shot, bad nb_frames", "PUT", "/data/shots/{SH040}", {"nb_frames": "many"}),
    Case("shots", "update shot, empty name", "PUT", "/data/shots/{SH040}", {"name": ""}),
    Case("shots", "update shot, unknown", "PUT", "/data/shots/{rand}", {"description": "x"}),
    Case("shots", "update shot, an asset", "PUT", "/data/shots/{Hero}", {"description": "x"}),
    Case("shots", "update shot as artist", "PUT", "/data/shots/{SH040}", {"description": "x"}, user="artist"),
    Case("shots", "update shot, not JSON", "PUT", "/data/shots/{SH040}", raw="not json"),
    Case("shots", "update entity (gazu update_shot)", "PUT", "/data/entities/{SH040}",
         {"description": "updated again", "data": {"frame_out": 9}}),
    Case("shots", "shot task types", "GET", "/data/shots/{SH010}/task-types", unordered=True),
    Case("shots", "shot task types, none", "GET", "/data/shots/{SH040}/task-types"),
    Case("shots", "shot task types, malformed id", "GET", "/data/shots/xyz/task-types"),
    Case("shots", "shot preview files", "GET", "/data/shots/{SH010}/preview-files"),
    Case("shots", "shot preview files, none", "GET", "/data/shots/{SH020}/preview-files"),
    Case("shots", "shot preview files, unknown", "GET", "/data/shots/{rand}/preview-files"),
    # --- scenes, edits, episodes ---
    Case("scenes_edits_episodes", "scene", "GET", "/data/scenes/{SC01}"),
    Case("scenes_edits_episodes", "scene, a shot id", "GET", "/data/scenes/{SH010}"),
    Case("scenes_edits_episodes", "scene, malformed", "GET", "/data/scenes/abc"),
    Case("scenes_edits_episodes", "edits with tasks", "GET", "/data/edits/with-tasks?project_id={show}",
         unordered=True),
    Case("scenes_edits_episodes", "edits with tasks of an episode", "GET",
         "/data/edits/with-tasks?project_id={show}&episode_id={E01}", unordered=True),
    Case("scenes_edits_episodes", "edits with tasks of the main pack", "GET",
         "/data/edits/with-tasks?project_id={show}&episode_id=main", unordered=True),
    Case("scenes_edits_episodes", "edits with tasks, bad project id", "GET",
         "/data/edits/with-tasks?project_id=abc"),
    Case("scenes_edits_episodes", "edits with tasks, no project (admin)", "GET", "/data/edits/with-tasks",
         unordered=True, ours_only=True),
    Case("scenes_edits_episodes", "edits with tasks, no project (artist)", "GET", "/data/edits/with-tasks",
         user="artist"),
    Case("scenes_edits_episodes", "edits with tasks as artist", "GET", "/data/edits/with-tasks?project_id={show}",
         user="artist", unordered=True),
    Case("scenes_edits_episodes", "edits with tasks, assigned to me (artist)", "GET",
         "/data/edits/with-tasks?project_id={show}&assigned_to=true", user="artist", unordered=True),
    Case("scenes_edits_episodes", "edits with tasks, assigned to me (admin)", "GET",
         "/data/edits/with-tasks?project_id={show}&assigned_to=true", unordered=True),
    Case("scenes_edits_episodes", "episode edits", "GET", "/data/episodes/{E01}/edits"),
    Case("scenes_edits_episodes", "episode edits, relations", "GET", "/data/episodes/{E01}/edits?relations=true"),
    Case("scenes_edits_episodes", "episode edits, unknown", "GET", "/data/episodes/{rand}/edits"),
    Case("scenes_edits_episodes", "episode tasks", "GET", "/data/episodes/{E01}/tasks"),
    Case("scenes_edits_episodes", "episode tasks, none", "GET", "/data/episodes/{E02}/tasks"),
    Case("scenes_edits_episodes", "episode tasks, a shot", "GET", "/data/episodes/{SH010}/tasks"),
    Case("scenes_edits_episodes", "episode tasks as artist", "GET", "/data/episodes/{E01}/tasks", user="artist"),
    Case("scenes_edits_episodes", "project edits", "GET", SHOW + "/edits"),
    Case("scenes_edits_episodes", "delete edit without task", "DELETE", "/data/edits/{del:edit}", setup=_new_edit),
    Case("scenes_edits_episodes", "delete edit again", "DELETE", "/data/edits/{del:edit}"),
    Case("scenes_edits_episodes", "delete edit with a task (soft)", "DELETE", "/data/edits/{del:edit}",
         setup=_new_edit_with_task),
    Case("scenes_edits_episodes", "soft-deleted edit is canceled", "GET", "/data/entities/{del:edit}"),
    Case("scenes_edits_episodes", "delete edit with a task, forced", "DELETE", "/data/edits/{del:edit}?force=true"),
    Case("scenes_edits_episodes", "delete edit, a shot id", "DELETE", "/data/edits/{SH010}"),
    Case("scenes_edits_episodes", "delete edit as artist", "DELETE", "/data/edits/{EDIT2}", user="artist"),
    # --- the web UI's lists ---
    Case("production_lists", "config", "GET", "/config"),
    Case("production_lists", "all projects", "GET", "/data/projects/all", ours_only=True),
    Case("production_lists", "all projects as artist", "GET", "/data/projects/all", user="artist"),
    Case("production_lists", "sequences with tasks", "GET", "/data/sequences/with-tasks?project_id={show}",
         unordered=True),
    Case("production_lists", "sequences with tasks of an episode", "GET",
         "/data/sequences/with-tasks?project_id={show}&episode_id={E01}", unordered=True),
    Case("production_lists", "sequences with tasks as artist", "GET",
         "/data/sequences/with-tasks?project_id={show}", user="artist", unordered=True),
    Case("production_lists", "shots with tasks", "GET", "/data/shots/with-tasks?project_id={show}",
         unordered=True),
    Case("production_lists", "shots with tasks of an episode", "GET",
         "/data/shots/with-tasks?project_id={show}&episode_id={E02}", unordered=True),
    Case("production_lists", "shots with tasks, stream compact", "GET",
         "/data/shots/with-tasks?project_id={show}&stream=true&compact=true", unordered=True),
    Case("production_lists", "shots with tasks, compact", "GET",
         "/data/shots/with-tasks?project_id={show}&compact=true", unordered=True),
    Case("production_lists", "shots with tasks, stream", "GET",
         "/data/shots/with-tasks?project_id={show}&stream=true", unordered=True),
    Case("production_lists", "shots with tasks, bad id", "GET", "/data/shots/with-tasks?project_id=12"),
    Case("production_lists", "shots with tasks as artist", "GET", "/data/shots/with-tasks?project_id={show}",
         user="artist", unordered=True),
    Case("production_lists", "shots with tasks as artist, other project", "GET",
         "/data/shots/with-tasks?project_id={film}", user="artist"),
    Case("production_lists", "assets with tasks", "GET", "/data/assets/with-tasks?project_id={show}"),
    Case("production_lists", "assets with tasks, stream compact", "GET",
         "/data/assets/with-tasks?project_id={show}&stream=true&compact=true"),
    Case("production_lists", "assets with tasks of an episode", "GET",
         "/data/assets/with-tasks?project_id={show}&episode_id={E01}"),
    Case("production_lists", "assets with tasks of the main pack", "GET",
         "/data/assets/with-tasks?project_id={show}&episode_id=main"),
    Case("production_lists", "assets with tasks as artist", "GET", "/data/assets/with-tasks?project_id={show}",
         user="artist"),
    Case("production_lists", "project shots", "GET", SHOW + "/shots"),
    Case("production_lists", "project shots as artist", "GET", SHOW + "/shots", user="artist"),
    Case("production_lists", "project shots, unknown project", "GET", "/data/projects/{rand}/shots"),
    Case("production_lists", "project tasks", "GET", SHOW + "/tasks", unordered=True),
    Case("production_lists", "project tasks of a task type", "GET", SHOW + "/tasks?task_type_id={tt:Animation}",
         unordered=True),
    Case("production_lists", "project tasks of an episode", "GET", SHOW + "/tasks?episode_id={E01}",
         unordered=True),
    Case("production_lists", "project tasks, page 1", "GET", SHOW + "/tasks?page=1", unordered=True),
    Case("production_lists", "project tasks as artist", "GET", SHOW + "/tasks", user="artist", unordered=True),
    Case("production_lists", "tasks of a project (CRUD)", "GET", "/data/tasks?project_id={show}", unordered=True),
    # client and vendor views, the other options the web UI sends, bad and unknown ids
    *[Case("production_lists", f"{label} as {who}", "GET", path, user=who, unordered=True)
      for who in ("client", "vendor")
      for label, path in (("shots with tasks", "/data/shots/with-tasks?project_id={show}"),
                          ("shots with tasks, stream compact",
                           "/data/shots/with-tasks?project_id={show}&stream=true&compact=true"),
                          ("assets with tasks", "/data/assets/with-tasks?project_id={show}"),
                          ("assets with tasks, stream compact",
                           "/data/assets/with-tasks?project_id={show}&stream=true&compact=true"),
                          ("sequences with tasks", "/data/sequences/with-tasks?project_id={show}"),
                          ("project shots", SHOW + "/shots"),
                          ("project tasks", SHOW + "/tasks"),
                          ("tasks of a project (CRUD)", "/data/tasks?project_id={show}"),
                          ("all projects", "/data/projects/all"),
                          ("all sequences casting", SHOW + "/sequences/all/casting"))],
    Case("production_lists", "all sequences casting as artist", "GET", SHOW + "/sequences/all/casting",
         user="artist"),
    Case("production_lists", "shots with tasks, all episodes", "GET",
         "/data/shots/with-tasks?project_id={show}&episode_id=all", unordered=True),
    Case("production_lists", "shots with tasks of an episode, stream compact", "GET",
         "/data/shots/with-tasks?project_id={show}&episode_id={E01}&stream=true&compact=true", unordered=True),
    Case("production_lists", "shots with tasks, unknown project", "GET", "/data/shots/with-tasks?project_id={rand}"),
    Case("production_lists", "shots with tasks, no project (artist)", "GET", "/data/shots/with-tasks",
         user="artist"),
    Case("production_lists", "shots with tasks, one shot", "GET",
         "/data/shots/with-tasks?project_id={show}&id={SH010}", unordered=True),
    Case("production_lists", "shots with tasks, assigned to me (artist)", "GET",
         "/data/shots/with-tasks?project_id={show}&assigned_to=true", user="artist", unordered=True),
    Case("production_lists", "assets with tasks, assigned to me (artist)", "GET",
         "/data/assets/with-tasks?project_id={show}&assigned_to=true", user="artist"),
    Case("production_lists", "sequences with tasks, assigned_to (artist)", "GET",
         "/data/sequences/with-tasks?project_id={show}&assigned_to={artist}", user="artist", unordered=True),
    Case("production_lists", "sequences with tasks, assigned_to=true (artist)", "GET",
         "/data/sequences/with-tasks?project_id={show}&assigned_to=true", user="artist", unordered=True),
    Case("production_lists", "assets with tasks, one asset", "GET",
         "/data/assets/with-tasks?project_id={show}&id={Hero}"),
    Case("production_lists", "assets with tasks, compact", "GET",
         "/data/assets/with-tasks?project_id={show}&compact=true"),
    Case("production_lists", "assets with tasks, stream", "GET",
         "/data/assets/with-tasks?project_id={show}&stream=true"),
    Case("production_lists", "assets with tasks of an episode, stream compact", "GET",
         "/data/assets/with-tasks?project_id={show}&episode_id={E01}&stream=true&compact=true"),
    Case("production_lists", "assets with tasks, bad id", "GET", "/data/assets/with-tasks?project_id=12"),
    Case("production_lists", "assets with tasks, no project (artist)", "GET", "/data/assets/with-tasks",
         user="artist"),
    Case("production_lists", "assets with tasks, episode only (artist)", "GET",
         "/data/assets/with-tasks?episode_id={E01}", user="artist"),
    Case("production_lists", "sequences with tasks, bad id", "GET", "/data/sequences/with-tasks?project_id=12"),
    Case("production_lists", "sequences with tasks, no project (artist)", "GET", "/data/sequences/with-tasks",
         user="artist"),
    Case("production_lists", "sequences with tasks, other project (artist)", "GET",
         "/data/sequences/with-tasks?project_id={film}", user="artist"),
    Case("production_lists", "project shots, malformed id", "GET", "/data/projects/abc/shots"),
    Case("production_lists", "project shots, other project (artist)", "GET", "/data/projects/{film}/shots",
         user="artist"),
    Case("production_lists", "project tasks, malformed id", "GET", "/data/projects/abc/tasks"),
    Case("production_lists", "project tasks, unknown project", "GET", "/data/projects/{rand}/tasks"),
    Case("production_lists", "project tasks, other project (artist)", "GET", "/data/projects/{film}/tasks",
         user="artist"),
    Case("production_lists", "tasks of a project (CRUD) as artist", "GET", "/data/tasks?project_id={show}",
         user="artist", unordered=True),
    Case("production_lists", "tasks of a project (CRUD), malformed id", "GET", "/data/tasks?project_id=abc"),
    # --- news, working files, previews, budgets, time spents, user context ---
    Case("entities", "entity news", "GET", "/data/entities/{SH010}/news"),
    Case("entities", "entity news as artist", "GET", "/data/entities/{SH010}/news", user="artist"),
    Case("entities", "entity news, unknown", "GET", "/data/entities/{rand}/news"),
    Case("entities", "working files", "GET", "/data/entities/{SH010}/working-files"),
    Case("entities", "working files of a task", "GET", "/data/entities/{SH010}/working-files?task_id={t:SH010:anim}"),
    Case("entities", "working files by name", "GET", "/data/entities/{SH010}/working-files?name=other"),
    Case("entities", "working files as artist", "GET", "/data/entities/{SH010}/working-files", user="artist"),
    Case("entities", "working files, unknown", "GET", "/data/entities/{rand}/working-files"),
    Case("previews", "original movie without file", "GET", "/movies/originals/preview-files/{pv:anim:2}.mp4"),
    Case("previews", "original movie, unknown", "GET", "/movies/originals/preview-files/{rand}.mp4"),
    Case("budgets", "budgets", "GET", SHOW + "/budgets"),
    Case("budgets", "budget", "GET", SHOW + "/budgets/{budget}"),
    Case("budgets", "budget, unknown", "GET", SHOW + "/budgets/{rand}"),
    Case("budgets", "budget, malformed", "GET", SHOW + "/budgets/abc"),
    Case("budgets", "budget as artist", "GET", SHOW + "/budgets/{budget}", user="artist"),
    Case("budgets", "budget entries", "GET", SHOW + "/budgets/{budget}/entries"),
    Case("budgets", "budget entry", "GET", SHOW + "/budgets/{budget}/entries/{entry}"),
    Case("time", "own time spent", "GET", "/data/user/tasks/{t:SH010:anim}/time-spents/2026-03-02", user="artist"),
    Case("time", "own time spent, bad date", "GET", "/data/user/tasks/{t:SH010:anim}/time-spents/2024-13-45",
         user="artist"),
    Case("time", "task time spents", "GET", "/actions/tasks/{t:SH010:anim}/time-spents"),
    Case("time", "task time spents of a day", "GET", "/actions/tasks/{t:SH010:anim}/time-spents/2026-03-02"),
    Case("user", "user context (admin)", "GET", "/data/user/context", shape_only=True),
    Case("user", "user context (artist)", "GET", "/data/user/context", user="artist", shape_only=True),
    Case("user", "user context (client)", "GET", "/data/user/context", user="client", shape_only=True),
]


# --- normalization and comparison ----------------------------------------------------------------------------

def normalizer(p: Production) -> Callable[[Any], Any]:
    """Ids become the scenario's names, timestamps `<ts>`, other ids `<id>`."""
    names = {v: f"<{k}>" for k, v in p.ids.items()}

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {norm(k) if isinstance(k, str) and UUID_RE.match(k) else k: norm(v) for k, v in value.items()}
        if isinstance(value, list):
            return [norm(v) for v in value]
        if isinstance(value, str):
            if UUID_RE.match(value):
                return names.get(value, "<id>")
            if TIMESTAMP_RE.match(value):
                return "<ts>"
        return value

    return norm


def _ours(value: Any) -> bool:
    """A row of the scenario (its project or name carries a scenario name)."""
    if not isinstance(value, dict):
        return True
    project = value.get("project_id")
    if isinstance(project, str) and project.startswith("<") and project != "<id>":
        return True
    return value.get("type") == "Project" and value.get("id") not in (None, "<id>")


# Lists of ids that are sets: neither server orders them.
ID_SETS = frozenset({"assignees", "entities_out", "entities_in", "instance_casting", "entity_concept_links", "team"})


def _id_sets_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: sorted(v, key=str) if k in ID_SETS and isinstance(v, list) and all(isinstance(x, str) for x in v)
                else _id_sets_sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_id_sets_sorted(v) for v in value]
    return value


def skeleton(value: Any) -> Any:
    """Keys and value types, no values: a list becomes the skeletons of its distinct item shapes."""
    if isinstance(value, dict):
        if value and all(UUID_RE.match(k) for k in value):  # keyed by ids: one entry stands for all
            return {"<id>": skeleton(list(value.values()))}
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in map(skeleton, value):
            if item not in out:
                out.append(item)
        return sorted(out, key=lambda v: json.dumps(v, sort_keys=True))
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__


def _compact_documents_sorted(body: Any) -> Any:
    """Compact rows carry `data` (a JSON document: PostgreSQL's JSONB orders its keys its own way) and id sets
    (`assignees`) by position: the keys of the one and the ids of the other are sorted, in the rows and their
    tasks, as `differences` ignores the key order of a `.data` and `_id_sets_sorted` sorts named id sets."""
    if isinstance(body, list) and body and isinstance(body[0], dict) and body[0].get("compact"):
        header, rows = body[0], body[1:]
    elif isinstance(body, dict) and body.get("compact") and isinstance(body.get("rows"), list):
        header, rows = body, body["rows"]
    else:
        return body
    fields = next((v for k, v in header.items() if k.endswith("_fields") and k != "task_fields"), [])
    task_fields = header.get("task_fields", [])

    def sort_at(row: list, names: list[str]) -> list:
        return [dict(sorted(v.items())) if n == "data" and isinstance(v, dict)
                else sorted(v, key=str) if n in ID_SETS and isinstance(v, list) else v for n, v in zip(names, row)]

    out = []
    for row in rows:
        row = sort_at(row, fields)
        if "tasks" in fields:
            i = fields.index("tasks")
            row[i] = [sort_at(t, task_fields) for t in row[i]]
        out.append(row)
    return [header, *out] if isinstance(body, list) else {**header, "rows": out}


def shape(case: Case, answer: Answer, norm: Callable[[Any], Any]) -> dict[str, Any]:
    """What is compared of an answer: status, content type, normalized body (sorted when unordered)."""
    if case.shape_only:
        return {"status": answer.status, "content_type": answer.content_type, "body": skeleton(answer.body)}
    body = _compact_documents_sorted(_id_sets_sorted(norm(answer.body)))
    if case.ours_only and isinstance(body, list):
        body = [row for row in body if _ours(row)]
    if case.unordered:
        body = _sorted(body)
    ctype = "" if answer.status == 204 else answer.content_type
    return {"status": answer.status, "content_type": ctype, "body": body}


def _sorted(body: Any) -> Any:
    key = lambda v: json.dumps(v, sort_keys=True, default=str)  # noqa: E731
    if isinstance(body, dict) and "tasks" in body:
        return _sorted_row(body)
    if isinstance(body, list):
        if body and isinstance(body[0], dict) and "compact" in body[0]:  # ndjson: header first
            return [body[0]] + sorted((_sorted_row(r) for r in body[1:]), key=key)
        return sorted((_sorted_row(r) for r in body), key=key)
    for rows_key in ("rows", "data"):  # compact answers, page envelopes
        if isinstance(body, dict) and isinstance(body.get(rows_key), list):
            return {**body, rows_key: sorted((_sorted_row(r) for r in body[rows_key]), key=key)}
    return body


def _sorted_row(row: Any) -> Any:
    """A row whose nested task lists are unordered too (sorted), and their assignee lists."""
    key = lambda v: json.dumps(v, sort_keys=True, default=str)  # noqa: E731
    if isinstance(row, dict):
        out = dict(row)
        for k in ("tasks", "assignees"):
            if isinstance(out.get(k), list):
                out[k] = sorted((_sorted_row(v) for v in out[k]), key=key)
        return out
    if isinstance(row, list):  # a compact row: its tasks are the last list of lists
        return [sorted((_sorted_row(v) for v in item), key=key)
                if isinstance(item, list) and item and all(isinstance(x, list) for x in item) else item
                for item in row]
    return row


def differences(left: Any, right: Any, path: str = "", *, key_order: bool = True) -> list[str]:
    """Human-readable differences: keys (and their order), value types, values, list lengths."""
    out: list[str] = []
    if isinstance(left, dict) and isinstance(right, dict):
        lk, rk = list(left), list(right)
        if set(lk) != set(rk):
            missing = [k for k in lk if k not in right]
            extra = [k for k in rk if k not in left]
            if missing:
                out.append(f"{path or '.'}: keys missing on the right: {missing}")
            if extra:
                out.append(f"{path or '.'}: extra keys on the right: {extra}")
        elif lk != rk and key_order and not path.endswith(".data"):  # JSONB orders keys its own way
            out.append(f"{path or '.'}: key order differs: {lk} vs {rk}")
        for k in lk:
            if k in right:
                out.extend(differences(left[k], right[k], f"{path}.{k}", key_order=key_order))
        return out
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            out.append(f"{path or '.'}: {len(left)} items vs {len(right)}")
        for i, (a, b) in enumerate(zip(left, right)):
            out.extend(differences(a, b, f"{path}[{i}]", key_order=key_order))
        return out
    if type(left) is not type(right) and not (isinstance(left, (int, float)) and isinstance(right, (int, float))
                                             and not isinstance(left, bool) and not isinstance(right, bool)):
        out.append(f"{path or '.'}: {type(left).__name__} {left!r:.80} vs {type(right).__name__} {right!r:.80}")
    elif left != right or type(left) is not type(right):
        out.append(f"{path or '.'}: {left!r:.100} vs {right!r:.100}")
    return out


async def run_cases(p: Production, cases: Iterable[Case]) -> dict[str, dict[str, Any]]:
    norm = normalizer(p)
    out: dict[str, dict[str, Any]] = {}
    for case in cases:
        api = p.users[case.user]
        if case.setup is not None:
            await case.setup(p, p.users["admin"])
            norm = normalizer(p)
        path = p.fill(case.path)
        if case.raw is not None:
            answer = await api.call(case.method, path, raw=case.raw.encode())
        else:
            answer = await api.call(case.method, path, p.fill_body(case.body))
        out[f"{case.family}: {case.name}"] = {"method": case.method, "path": case.path,
                                              "unordered": case.unordered, **shape(case, answer, norm)}
    return out


# --- clean-up -------------------------------------------------------------------------------------------------

async def cleanup(api: Api, tag: str) -> list[str]:
    """Remove what `build` made for `tag` (projects closed then force-deleted, people, task types), so a run
    leaves nothing on a shared reference server. Returns what was removed."""
    removed = []
    # Zou only deletes a closed project; the user context lists the project statuses on both servers
    statuses = (await api.ok("GET", "/data/user/context"))["project_status"]
    closed = next(s for s in statuses if s["name"] == "Closed")
    for name in (f"ZD Show {tag}", f"ZD Film {tag}"):
        project = await api.one("/data/projects", name=name)
        if project is not None:
            await api.ok("PUT", f"/data/projects/{project['id']}", {"project_status_id": closed["id"]})
            await api.ok("DELETE", f"/data/projects/{project['id']}?force=true")
            removed.append(name)
    for who in PEOPLE:
        person = await api.one("/data/persons", email=f"{who}.{tag}@example.com")
        if person is not None:
            await api.ok("DELETE", f"/data/persons/{person['id']}?force=true")
            removed.append(person["email"])
    for key in ("EpReview", "SeqReview"):
        task_type = await api.one("/data/task-types", name=f"{key} {tag}")
        if task_type is not None:
            await api.ok("DELETE", f"/data/task-types/{task_type['id']}?force=true")
            removed.append(task_type["name"])
    return removed


# --- command line --------------------------------------------------------------------------------------------

async def _side(base: str, login: str, tag: str) -> tuple[httpx.AsyncClient, Production]:
    http = httpx.AsyncClient(base_url=base.rstrip("/"), timeout=120.0)
    email, password = login.split(":", 1)
    admin = await Api.login(http, email, password)
    prod = await build(admin, tag, artist_login=lambda e, pw: Api.login(http, e, pw))
    return http, prod


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--left", required=True, help="base URL of the reference server (…/api)")
    parser.add_argument("--right", help="base URL of the server compared with it")
    parser.add_argument("--left-login", default=DEFAULT_LOGIN)
    parser.add_argument("--right-login", default=DEFAULT_LOGIN)
    parser.add_argument("--tag", default="zd2")
    parser.add_argument("--only", help="families to run, comma-separated")
    parser.add_argument("--capture", type=Path, help="write the left answers to DIR/<family>/answers.json")
    parser.add_argument("--show", action="store_true", help="print both bodies of differing cases")
    parser.add_argument("--cleanup", action="store_true",
                        help="remove the tag's production, people and task types from both servers, then exit")
    args = parser.parse_args(argv)
    if args.cleanup:
        for base, login in ((args.left, args.left_login), (args.right, args.right_login)):
            if base:
                async with httpx.AsyncClient(base_url=base.rstrip("/"), timeout=120.0) as http:
                    email, password = login.split(":", 1)
                    print(base, "removed:", await cleanup(await Api.login(http, email, password), args.tag))
        return 0
    families = set(args.only.split(",")) if args.only else None
    cases = [c for c in CASES if families is None or c.family in families]

    http, left = await _side(args.left, args.left_login, args.tag)
    left_answers = await run_cases(left, cases)
    await http.aclose()
    if args.capture:
        for family in sorted({c.family for c in cases}):
            target = args.capture / family / "answers.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            chosen = {k: v for k, v in left_answers.items() if k.startswith(family + ": ")}
            target.write_text(json.dumps(chosen, indent=1) + "\n")
            print(f"{len(chosen)} answers written to {target}")
    if not args.right:
        return 0
    http, right = await _side(args.right, args.right_login, args.tag)
    right_answers = await run_cases(right, cases)
    await http.aclose()
    return report(left_answers, right_answers, show=args.show)


def report(left: dict[str, Any], right: dict[str, Any], *, show: bool = False) -> int:
    same = 0
    for name, l_answer in left.items():
        r_answer = right[name]
        diffs = differences(l_answer, r_answer)
        label = f"{l_answer['method']} {l_answer['path']}"
        if not diffs:
            same += 1
            print(f"SAME  {name}  ({label} -> {l_answer['status']})")
            continue
        print(f"{'ORDER' if key_order_only(diffs) else 'DIFF '} {name}  ({label})")
        for d in diffs[:20]:
            print(f"        {d}")
        if len(diffs) > 20:
            print(f"        ... {len(diffs) - 20} more")
        if show:
            print("        left: ", json.dumps(l_answer["body"])[:2000])
            print("        right:", json.dumps(r_answer["body"])[:2000])
    print(f"\n{same} of {len(left)} cases answer the same\n")
    print(route_table(left, right))
    return 0 if same == len(left) else 1


def key_order_only(diffs: list[str]) -> bool:
    """Differences that are only the order of an object's keys (same keys, types and values)."""
    return all(": key order differs: " in d for d in diffs)


def route_of(answer: dict[str, Any]) -> str:
    """A case's route: its method and path without the query string, ids as Zou names them."""
    path = re.sub(r"\d{4}-\d{2}-\d{2}", "{date}", answer["path"].split("?")[0])
    parts = ["{id}" if part in MALFORMED else re.sub(r"\{(?!date\})[^}]*\}", "{id}", part)
             for part in path.split("/")]
    return f"{answer['method']} {'/'.join(parts)}"


MALFORMED = frozenset({"abc", "xyz", "not-an-id"})


def route_table(left: dict[str, Any], right: dict[str, Any]) -> str:
    """One line per route: cases sent, cases answered the same, the differing cases."""
    rows: dict[str, list[str]] = {}
    same: dict[str, int] = {}
    for name, l_answer in left.items():
        route = route_of(l_answer)
        rows.setdefault(route, [])
        diffs = differences(l_answer, right[name])
        if diffs:
            rows[route].append(name.split(": ", 1)[1] + (" (key order only)" if key_order_only(diffs) else ""))
        else:
            same[route] = same.get(route, 0) + 1
    lines = ["| route | cases | same | differing cases |", "| --- | ---: | ---: | --- |"]
    for route, differing in rows.items():
        n = same.get(route, 0) + len(differing)
        lines.append(f"| `{route}` | {n} | {same.get(route, 0)} | {'; '.join(differing)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
