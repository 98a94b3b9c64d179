"""The same small production built, through the API, on two servers (the real Zou 1.0.97 and TrackQL), then the
same breakdown, shot, scene, edit and episode requests sent to both and their answers compared: status codes,
JSON key sets and value kinds, and values once each server's ids are replaced by the scenario's names and
timestamps masked. Run by hand (not part of the test run):

    .venv/bin/python tests/zou_breakdown_diff.py http://127.0.0.1:5000/api http://127.0.0.1:PORT/api \
        [--sqlite=<TrackQL's SQLite file> | --pg=<TrackQL's PostgreSQL URL>] [-v] [--keep]

TrackQL has no asset-instance model route, so the shot's asset instance is written into its database directly.

It creates its own project, people and rows (unique names) and removes the project afterwards."""
from __future__ import annotations

import json
import re
import sys
import uuid
from typing import Any

import httpx

ADMIN = ("admin@example.com", "mysecretpassword")
PASSWORD = "mysecretpassword"
UNKNOWN = "00000000-0000-4000-8000-000000000000"
SQLITE = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--sqlite=")), None)
PG = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--pg=")), None)  # a libpq URL
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")


class Server:
    def __init__(self, base: str, tag: str):
        self.base, self.tag = base.rstrip("/"), tag
        self.http = httpx.Client(timeout=60)
        self.tokens: dict[str, str] = {}
        self.ids: dict[str, str] = {}  # scenario name -> this server's id

    def login(self, who: str, email: str) -> None:
        r = self.http.post(self.base + "/auth/login", json={"email": email, "password": PASSWORD})
        r.raise_for_status()
        self.tokens[who] = r.json()["access_token"]

    def send(self, method: str, path: str, who: str = "admin", **kw) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        headers.update(kw.pop("headers", {}))
        return self.http.request(method, self.base + path.format(**self.ids), headers=headers, **kw)

    def make(self, name: str, method: str, path: str, body: dict, who: str = "admin") -> dict:
        r = self.send(method, path, who, json=body)
        if r.status_code >= 300:
            raise RuntimeError(f"{self.base}: {method} {path} {body} -> {r.status_code} {r.text[:300]}")
        row = r.json()
        self.ids[name] = row["id"]
        return row

    def type_id(self, table: str, name: str, **create) -> str:
        found = self.send("GET", f"/data/{table}", params={"name": name}).json()
        found = [f for f in found if f["name"] == name and all(f.get(k) == v for k, v in create.items())]
        if found:
            return found[0]["id"]
        return self.send("POST", f"/data/{table}", json={"name": name, **create}).json()["id"]


def build(s: Server) -> None:
    """The production, the same on both servers."""
    tag = s.tag
    s.login("admin", ADMIN[0])
    for t in ("Episode", "Sequence", "Shot", "Scene", "Edit", "Character", "Prop"):
        s.ids["type_" + t] = s.type_id("entity-types", t)
    s.ids["tt_anim"] = s.type_id("task-types", "Animation", for_entity="Shot")
    s.ids["tt_layout"] = s.type_id("task-types", "Layout", for_entity="Shot")
    s.ids["tt_edit"] = s.type_id("task-types", "Edit", for_entity="Edit")
    s.ids["tt_ep"] = s.type_id("task-types", "Episode Board", for_entity="Episode")
    s.ids["todo"] = s.send("GET", "/data/task-status", params={"short_name": "todo"}).json()[0]["id"]
    people = {"user": "user", "outsider": "user", "client": "client", "vendor": "vendor", "manager": "manager",
              "outmgr": "manager"}
    for who, role in people.items():
        s.make(who, "POST", "/data/persons", {"first_name": "BD", "last_name": f"{who}{tag}", "role": role,
                                               "email": f"bd.{who}.{tag}@example.com", "password": PASSWORD})
        s.login(who, f"bd.{who}.{tag}@example.com")
    team = [s.ids[w] for w in ("user", "client", "vendor", "manager")]
    s.make("project", "POST", "/data/projects", {"name": f"BD {tag}", "production_type": "tvshow", "team": team})
    s.make("project2", "POST", "/data/projects", {"name": f"BD2 {tag}", "production_type": "tvshow"})
    p = s.ids["project"]
    for tt in ("tt_anim", "tt_layout", "tt_edit", "tt_ep"):
        s.send("POST", f"/data/projects/{p}/settings/task-types", json={"task_type_id": s.ids[tt]})

    def entity(name: str, kind: str, parent: str | None = None, **extra):
        body = {"name": name, "project_id": p, "entity_type_id": s.ids["type_" + kind], **extra}
        if parent:
            body["parent_id"] = s.ids[parent]
        return s.make(name, "POST", "/data/entities", body)

    entity("EP01", "Episode")
    entity("EP02", "Episode")
    entity("SQ01", "Sequence", "EP01")
    entity("SQ02", "Sequence", "EP01")
    entity("SC01", "Scene", "SQ01")
    entity("SCX", "Scene")
    s.make("SH010", "POST", "/data/projects/{project}/shots",
           {"name": "SH010", "sequence_id": s.ids["SQ01"], "nb_frames": 24, "data": {"frame_in": 1}})
    s.make("SH020", "POST", "/data/projects/{project}/shots", {"name": "SH020", "sequence_id": s.ids["SQ01"]})
    s.make("SH030", "POST", "/data/projects/{project}/shots", {"name": "SH030", "sequence_id": s.ids["SQ02"]})
    entity("hero", "Character", source_id=s.ids["EP01"])
    entity("Anna", "Character")
    entity("chair", "Prop")
    entity("broken", "Prop", canceled=True)
    entity("ED01", "Edit", "EP01")
    entity("ED02", "Edit", "EP01")
    entity("ED03", "Edit")

    def task(name, entity_name, tt, assignees=(), task_name="main"):
        return s.make(name, "POST", "/data/tasks", {
            "name": task_name, "project_id": p, "entity_id": s.ids[entity_name], "task_type_id": s.ids[tt],
            "task_status_id": s.ids["todo"], "assignees": [s.ids[a] for a in assignees]})

    task("t_sh010_anim", "SH010", "tt_anim", ["user", "vendor"])
    task("t_sh010_layout", "SH010", "tt_layout", ["user"])
    task("t_sh020_anim", "SH020", "tt_anim")
    task("t_ed01", "ED01", "tt_edit", ["vendor"])
    task("t_ep01", "EP01", "tt_ep", ["vendor"], "board")
    task("t_ep01b", "EP01", "tt_ep", (), "Animatic")
    for i, (t, rev) in enumerate((("t_sh010_anim", 1), ("t_sh010_anim", 1), ("t_sh010_anim", 2),
                                  ("t_sh010_layout", 1))):
        s.make(f"pv{i}", "POST", "/data/preview-files", {"name": f"pv{i}", "task_id": s.ids[t], "revision": rev,
                                                         "position": i + 1, "extension": "mp4"})
    instance = {"asset_id": s.ids["hero"], "name": "hero_0001", "number": 1, "description": ""}
    r = s.send("POST", "/data/asset-instances", json=instance)
    if r.status_code == 201:
        s.ids["ai1"] = r.json()["id"]
        s.send("POST", "/data/shots/{SH010}/asset-instances", json={"asset_instance_id": s.ids["ai1"]})
    elif SQLITE:  # TrackQL has no asset-instance model route: written straight into its SQLite file
        _sqlite_instance(s, instance)
    elif PG:  # ... or into its PostgreSQL database
        _pg_instance(s, instance)


def _pg_instance(s: Server, instance: dict) -> None:
    import subprocess

    s.ids["ai1"] = str(uuid.uuid4())
    sql = ("INSERT INTO asset_instance (id, asset_id, name, number, description, active, created_at, updated_at) "
           f"VALUES ('{s.ids['ai1']}', '{instance['asset_id']}', '{instance['name']}', {instance['number']}, '', "
           "true, now(), now()); INSERT INTO asset_instance_link (entity_id, asset_instance_id) "
           f"VALUES ('{s.ids['SH010']}', '{s.ids['ai1']}');")
    subprocess.run(["psql", PG, "-c", sql], check=True, capture_output=True)


def _sqlite_instance(s: Server, instance: dict) -> None:
    import sqlite3

    s.ids["ai1"] = str(uuid.uuid4())
    hexed = {k: uuid.UUID(v).hex for k, v in (("id", s.ids["ai1"]), ("asset_id", instance["asset_id"]),
                                              ("shot", s.ids["SH010"]))}
    with sqlite3.connect(SQLITE) as conn:
        conn.execute("INSERT INTO asset_instance (id, asset_id, name, number, description, active, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, 1, datetime('now'), datetime('now'))",
                     (hexed["id"], hexed["asset_id"], instance["name"], instance["number"], ""))
        conn.execute("INSERT INTO asset_instance_link (entity_id, asset_instance_id) VALUES (?, ?)",
                     (hexed["shot"], hexed["id"]))


def requests() -> list[tuple[str, str, str, Any]]:
    """(who, method, path, json body) in order; writes come after the reads they change."""
    P = "/data/projects/{project}"
    out: list[tuple[str, str, str, Any]] = []
    cast = [{"asset_id": "{hero}", "nb_occurences": 2, "label": "animate"}, {"asset_id": "{chair}", "nb_occurences": 1},
            {"asset_id": "{broken}", "nb_occurences": 1}, {"asset_id": "{Anna}"}]
    out += [("admin", "PUT", P + "/entities/{SH010}/casting", cast),
            ("admin", "PUT", P + "/entities/{SH020}/casting", [{"asset_id": "{Anna}", "nb_occurences": 3}]),
            ("manager", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "{chair}", "nb_occurences": 1}]),
            ("user", "PUT", P + "/entities/{SH030}/casting", []),
            ("admin", "PUT", P + "/entities/{SH030}/casting", {"a": 1}),
            ("admin", "PUT", "/data/projects/{project2}/entities/{SH030}/casting", []),
            ("admin", "PUT", P + f"/entities/{UNKNOWN}/casting", []),
            ("admin", "PUT", P + "/entities/nope/casting", []),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": UNKNOWN, "nb_occurences": 1}]),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "nope", "nb_occurences": 1}]),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "{chair}", "nb_occurences": "x"}]),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "{chair}", "nb_occurences": 2,
                                                                 "label": 5}]),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "{chair}", "nb_occurences": 1}, 7]),
            ("admin", "PUT", P + "/entities/{SH030}/casting", {RAW: "not json"}),
            ("admin", "PUT", P + "/entities/{SH030}/casting", {RAW: None}),
            ("admin", "GET", P + "/entities/{SH030}/casting", None),
            ("admin", "GET", P + "/sequences/all/casting", None),
            ("user", "GET", P + "/sequences/all/casting", None),
            ("vendor", "GET", P + "/sequences/all/casting", None),
            ("admin", "GET", P + "/episodes/{EP01}/sequences/all/casting", None),
            ("admin", "GET", P + "/episodes/main/sequences/all/casting", None),
            ("admin", "GET", P + "/episodes/casting", None),
            ("admin", "GET", P + "/asset-types/{type_Character}/casting", None),
            ("admin", "GET", P + f"/asset-types/{UNKNOWN}/casting", None),
            ("admin", "GET", P + "/entities/{EP01}/casting", None),
            ("user", "GET", P + "/edits", None),
            ("vendor", "GET", P + "/edits", None),
            ("outsider", "GET", P + "/edits", None),
            ("admin", "GET", f"/data/projects/{UNKNOWN}/edits", None),
            ("admin", "GET", "/data/entities/{SH010}/working-files?task_id={t_sh010_anim}", None),
            ("admin", "GET", "/data/entities/{SH010}/working-files?name=main", None)]
    for who in ("admin", "manager", "user", "client", "vendor", "outsider", "outmgr"):
        out += [(who, "GET", P + "/entities/{SH010}/casting", None),
                (who, "GET", P + "/sequences/{SQ01}/casting", None),
                (who, "GET", "/data/shots/{SH010}/asset-instances", None),
                (who, "GET", "/data/shots/{SH010}", None),
                (who, "GET", "/data/shots/{SH020}", None),
                (who, "GET", "/data/shots/all?sequence_id={SQ01}", None),
                (who, "GET", "/data/shots/all?project_id={project}", None),
                (who, "GET", "/data/shots/{SH010}/task-types", None),
                (who, "GET", "/data/shots/{SH010}/preview-files", None),
                (who, "GET", "/data/scenes/{SC01}", None),
                (who, "GET", "/data/edits/with-tasks?project_id={project}", None),
                (who, "GET", "/data/episodes/{EP01}/edits", None),
                (who, "GET", "/data/episodes/{EP01}/tasks", None),
                (who, "GET", "/data/entities/{SH010}/working-files", None),
                (who, "GET", "/data/entities/{SH010}/news", None)]
    out += [("admin", "GET", P + "/entities/{EP01}/casting", None),
            ("admin", "GET", P + "/entities/{hero}/casting", None),
            ("admin", "GET", "/data/projects/{project2}/entities/{SH010}/casting", None),
            ("admin", "GET", P + f"/entities/{UNKNOWN}/casting", None),
            ("admin", "GET", P + "/entities/nope/casting", None),
            ("admin", "GET", P + "/sequences/{SQ02}/casting", None),
            ("admin", "GET", P + "/sequences/{SH010}/casting", None),
            ("admin", "GET", "/data/projects/{project2}/sequences/{SQ01}/casting", None),
            ("admin", "GET", P + f"/sequences/{UNKNOWN}/casting", None),
            ("admin", "GET", P + "/sequences/nope/casting", None),
            ("admin", "GET", "/data/shots/{SH020}/asset-instances", None),
            ("admin", "GET", "/data/shots/{hero}/asset-instances", None),
            ("admin", "GET", f"/data/shots/{UNKNOWN}/asset-instances", None),
            ("admin", "GET", "/data/shots/nope/asset-instances", None),
            ("admin", "GET", f"/data/shots/{UNKNOWN}", None),
            ("admin", "GET", "/data/shots/nope", None),
            ("admin", "GET", "/data/shots/{hero}", None),
            ("admin", "GET", "/data/shots/all", None),
            ("admin", "GET", "/data/shots/all?sequence_id={SQ01}&name=SH020", None),
            ("admin", "GET", "/data/shots/all?sequence_id={SQ01}&name=sh020", None),
            ("admin", "GET", "/data/shots/all?sequence_id=nope", None),
            ("admin", "GET", f"/data/shots/all?sequence_id={UNKNOWN}", None),
            ("admin", "GET", "/data/shots/all?project_id=nope", None),
            ("user", "GET", "/data/shots/all", None),
            ("admin", "GET", "/data/shots/{SH020}/task-types", None),
            ("admin", "GET", "/data/shots/nope/task-types", None),
            ("admin", "GET", f"/data/shots/{UNKNOWN}/task-types", None),
            ("admin", "GET", "/data/shots/{SH020}/preview-files", None),
            ("admin", "GET", f"/data/shots/{UNKNOWN}/preview-files", None),
            ("admin", "GET", "/data/scenes/{SCX}", None),
            ("admin", "GET", f"/data/scenes/{UNKNOWN}", None),
            ("admin", "GET", "/data/scenes/nope", None),
            ("admin", "GET", "/data/scenes/{SH010}", None),
            ("admin", "GET", "/data/edits/with-tasks", None),
            ("admin", "GET", "/data/edits/with-tasks?project_id=nope", None),
            ("admin", "GET", "/data/edits/with-tasks?project_id={project}&episode_id={EP01}", None),
            ("admin", "GET", "/data/edits/with-tasks?project_id={project}&episode_id=main", None),
            ("user", "GET", "/data/edits/with-tasks", None),
            ("admin", "GET", "/data/episodes/{EP02}/edits", None),
            ("admin", "GET", f"/data/episodes/{UNKNOWN}/edits", None),
            ("admin", "GET", "/data/episodes/nope/edits", None),
            ("admin", "GET", "/data/episodes/{SH010}/edits", None),
            ("admin", "GET", "/data/episodes/{EP01}/edits?relations=true", None),
            ("admin", "GET", "/data/episodes/{EP02}/tasks", None),
            ("admin", "GET", f"/data/episodes/{UNKNOWN}/tasks", None),
            ("admin", "GET", "/data/episodes/nope/tasks", None),
            ("admin", "GET", f"/data/entities/{UNKNOWN}/working-files", None),
            ("admin", "GET", f"/data/entities/{UNKNOWN}/news", None)]
    # writes
    out += [("admin", "POST", P + "/shots", {"name": "SH040", "sequence_id": "{SQ02}", "nb_frames": 10}),
            ("admin", "POST", P + "/shots", {"name": "SH040", "sequence_id": "{SQ02}"}),
            ("admin", "POST", P + "/shots", {"sequence_id": "{SQ02}"}),
            ("admin", "POST", P + "/shots", {"name": ""}),
            ("admin", "POST", P + "/shots", {"name": "X", "sequence_id": "nope"}),
            ("admin", "POST", P + "/shots", {"name": "X", "sequence_id": UNKNOWN}),
            ("admin", "POST", P + "/shots", {"name": "X", "sequence_id": "{SH010}"}),
            ("admin", "POST", P + "/shots", {"name": "X", "nb_frames": "many"}),
            ("admin", "POST", f"/data/projects/{UNKNOWN}/shots", {"name": "X"}),
            ("admin", "POST", "/data/projects/nope/shots", {"name": "X"}),
            ("user", "POST", P + "/shots", {"name": "X"}),
            ("manager", "POST", P + "/shots", {"name": "SH050", "sequence_id": "{SQ02}"}),
            ("outmgr", "POST", P + "/shots", {"name": "X"}),
            ("admin", "PUT", "/data/shots/{SH020}", {"description": "d", "nb_frames": 48, "data": {"fps": 24}}),
            ("admin", "PUT", "/data/shots/{SH020}", {"nb_frames": "many"}),
            ("admin", "PUT", "/data/shots/{SH020}", {"name": ""}),
            ("admin", "PUT", "/data/shots/{SH020}", {"parent_id": "nope"}),
            ("admin", "PUT", "/data/shots/{SH020}", {"canceled": "maybe"}),
            ("admin", "PUT", "/data/shots/{SH020}", {"unknown_key": 1, "code": "c1"}),
            ("admin", "PUT", "/data/shots/{SH020}", {RAW: "not json"}),
            ("admin", "PUT", "/data/shots/{SH020}", {RAW: None}),
            ("admin", "PUT", "/data/shots/{SH020}", [1, 2]),
            ("admin", "POST", P + "/shots", {RAW: "not json"}),
            ("admin", "POST", P + "/shots", {RAW: None}),
            ("admin", "POST", P + "/shots", [1]),
            ("admin", "POST", P + "/shots", {"name": "A\u0000B", "sequence_id": "{SQ02}"}),
            ("admin", "PUT", "/data/shots/{SH020}", {"description": "d\u0000"}),
            ("admin", "PUT", P + "/entities/{SH030}/casting", [{"asset_id": "{chair}", "nb_occurences": 1,
                                                                 "label": "a\u0000"}]),
            ("admin", "GET", "/data/shots/all?sequence_id={SQ01}&name=%00", None),
            ("user", "PUT", "/data/shots/{SH020}", {"description": "x"}),
            ("user", "PUT", "/data/shots/{SH020}", {"nb_frames": "many"}),
            ("admin", "PUT", f"/data/shots/{UNKNOWN}", {"description": "x"}),
            ("admin", "PUT", "/data/shots/nope", {"description": "x"}),
            ("admin", "PUT", "/data/shots/{hero}", {"description": "x"}),
            ("admin", "PUT", "/data/entities/{SH020}", {"description": "e", "data": {"frame_out": 9}}),
            ("user", "PUT", "/data/entities/{SH020}", {"description": "e"}),
            ("admin", "PUT", "/data/entities/nope", {"description": "e"}),
            ("admin", "PUT", f"/data/entities/{UNKNOWN}", {"description": "e"}),
            ("admin", "GET", "/data/shots/{SH020}", None),
            ("user", "DELETE", "/data/edits/{ED02}", None),
            ("admin", "DELETE", "/data/edits/{ED01}", None),
            ("admin", "GET", "/data/edits/with-tasks?project_id={project}", None),
            ("admin", "DELETE", "/data/edits/{ED02}", None),
            ("admin", "DELETE", "/data/edits/{ED02}", None),
            ("admin", "DELETE", "/data/edits/nope", None),
            ("admin", "DELETE", "/data/edits/{SH010}", None),
            ("admin", "DELETE", "/data/edits/{ED01}?force=true", None),
            ("admin", "GET", "/data/episodes/{EP01}/edits", None),
            ("admin", "GET", P + "/entities/{EP01}/casting", None),
            ("admin", "PUT", P + "/entities/{SH010}/casting", [{"asset_id": "{chair}", "nb_occurences": 1}]),
            ("admin", "GET", P + "/entities/{EP01}/casting", None),
            ("admin", "GET", P + "/sequences/{SQ01}/casting", None)]
    return out


def fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids) if "{" in value else value
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def normalize(value: Any, names: dict[str, str]) -> Any:
    """Ids replaced by scenario names (unknown ones by `<id>`), timestamps by `<time>`."""
    if isinstance(value, dict):
        return {names.get(k, k): normalize(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, names) for v in value]
    if isinstance(value, str):
        if value in names:
            return names[value]
        try:
            uuid.UUID(value)
            return "<id>"
        except ValueError:
            pass
        if _TIME.match(value):
            return "<time>"
        return value.replace(names.get("<tag>", "<tag>"), "<tag>")
    return value


RAW = "__raw__"  # a body sent as is: {RAW: text} (content type JSON), {RAW: None} (no body, no content type)


def answer(s: Server, who: str, method: str, path: str, body: Any) -> tuple[int, Any]:
    if isinstance(body, dict) and RAW in body:
        kw = {} if body[RAW] is None else {"content": body[RAW], "headers": {"Content-Type": "application/json"}}
    else:
        kw = {} if body is None else {"json": fill(body, s.ids)}
    r = s.send(method, fill(path, s.ids), who, **kw)
    try:
        payload = r.json() if r.content else None
    except ValueError:
        payload = "<non-json> " + r.text[:80]
    names = {v: k for k, v in s.ids.items()}
    names["<tag>"] = s.tag
    return r.status_code, normalize(payload, names)


def diff(a: Any, b: Any, at: str = "") -> list[str]:
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                       and not isinstance(a, bool) and not isinstance(b, bool)):
        return [f"{at}: {type(a).__name__} {json.dumps(a)[:120]} != {type(b).__name__} {json.dumps(b)[:120]}"]
    if isinstance(a, dict):
        out = []
        if list(a) != list(b) and set(a) == set(b):
            pass  # key order is not part of JSON's meaning
        for k in sorted(set(a) | set(b)):
            if k not in b:
                out.append(f"{at}.{k}: only in Zou ({json.dumps(a[k])[:60]})")
            elif k not in a:
                out.append(f"{at}.{k}: only in TrackQL ({json.dumps(b[k])[:60]})")
            else:
                out += diff(a[k], b[k], f"{at}.{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{at}: {len(a)} items != {len(b)} items: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, f"{at}[{i}]")
        return out
    if type(a) is float or type(b) is float:
        return [] if float(a) == float(b) and type(a) is type(b) else [f"{at}: {a!r} != {b!r}"]
    return [] if a == b else [f"{at}: {a!r} != {b!r}"]


def cleanup(s: Server) -> None:
    if "ai1" in s.ids:
        s.send("DELETE", "/data/shots/{SH010}/asset-instances/{ai1}")
        s.send("DELETE", "/data/asset-instances/{ai1}")
    closed = [r for r in s.send("GET", "/data/project-status").json() if isinstance(r, dict)
              and r.get("name") == "Closed"]
    for project in ("project", "project2"):
        if project in s.ids and closed:
            s.send("PUT", "/data/projects/{%s}" % project, json={"project_status_id": closed[0]["id"]})
            s.send("DELETE", "/data/projects/{%s}?force=true" % project)
    for who in ("user", "outsider", "client", "vendor", "manager", "outmgr"):
        if who in s.ids:
            s.send("DELETE", "/data/persons/{%s}?force=true" % who)


def main(zou_url: str, trackql_url: str) -> int:
    tag = "t" + uuid.uuid4().hex[:6]
    servers = [Server(zou_url, tag), Server(trackql_url, tag)]
    failures = 0
    try:
        for s in servers:
            build(s)
        for who, method, path, body in requests():
            (sa, a), (sb, b) = (answer(s, who, method, path, body) for s in servers)
            problems = ([f"status {sa} != {sb}"] if sa != sb else []) + diff(a, b)
            label = f"{who:8} {method:6} {path}"
            if problems:
                failures += 1
                print(f"DIFF {label}  [{sa}]")
                for p in problems[:12]:
                    print("     ", p)
                if "-v" in sys.argv:
                    print("      zou:", json.dumps(a)[:600])
                    print("      tql:", json.dumps(b)[:600])
            else:
                print(f"same {label}  [{sa}]")
    finally:
        if "--keep" in sys.argv:
            print(json.dumps([{"base": s.base, "ids": s.ids, "tokens": s.tokens} for s in servers]))
        else:
            for s in servers:
                cleanup(s)
    print(f"{failures} request(s) differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
