"""The benchmark run: every documented GET route of the REST layer and the nested GraphQL query, against a
real `trackql serve` on a database made by `bench.generate`, optionally side by side with the real Zou
serving the same database, and against the floor (asyncpg + orjson alone, `bench.floor`).

    python -m bench.run --database-url postgresql://postgres@127.0.0.1/trackql_bench_studio \
        [--zou http://127.0.0.1:5001] [--out bench/results/studio.json] [--wrk]
    python -m bench.run report small.json studio.json     # markdown tables from saved runs

Per route: p50 and p95 latency of sequential requests (one keep-alive client, `trackql serve --workers 1`,
alternating TrackQL / Zou / floor so that a burst of load from elsewhere hits all of them), answer size and
status on each side, SQL statements per request, and the server's peak RSS while answering (sampled from
/proc every 2 ms) above its idle RSS. SQL statements are counted in-process: the same app (`create_app`) on
an engine with a `before_cursor_execute` listener, driven through httpx's ASGI transport, so the server
that is timed runs unchanged. With `--wrk`: requests per second on two routes with wrk (Debian's package)
against `trackql serve --workers 2` and against Zou.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bench import floor

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mysecretpassword"
ADMIN = "admin@example.com"
SECRET = "bench-secret-key-not-for-production"

NESTED_QUERY = """query Nested($id: ID!) { project(id: $id) { id name episodes { id name sequences { id name
  shots { id name casting { asset { name assetType { name } } nbOccurences }
          tasks { taskType { name } taskStatus { shortName } assignees { fullName } } } } } } }"""

# the generic CRUD path -> its table
CRUD_TABLES = {
    "task-types": "task_type", "task-status": "task_status", "organisations": "organisation",
    "file-status": "file_status", "softwares": "software", "output-types": "output_type",
    "day-offs": "day_off", "search-filter-groups": "search_filter_group",
    "metadata-descriptors": "metadata_descriptor", "entity-links": "entity_link", "projects": "project",
    "persons": "person", "departments": "department", "entity-types": "entity_type", "entities": "entity",
    "tasks": "task", "time-spents": "time_spent", "budgets": "budget", "budget-entries": "budget_entry",
    "salary-scales": "salary_scale", "preview-files": "preview_file", "working-files": "working_file",
    "news": "news",
}
# the heavy list routes of the issue -> their floor (bench.floor.HEAVY_LISTS)
HEAVY = {
    "/data/projects/{project_id}/shots": "project_shots",
    "/data/shots/with-tasks": "shots_with_tasks",
    "/data/assets/with-tasks": "assets_with_tasks",
    "/data/projects/{project_id}/tasks": "project_tasks",
    "/data/projects/{project_id}/sequences/all/casting": "all_sequences_casting",
}
SKIPPED = {"/auth/logout": "revokes the token it is sent with"}
WITH_PROJECT_QUERY = {"/data/shots/with-tasks", "/data/assets/with-tasks", "/data/sequences/with-tasks",
                      "/data/edits/with-tasks"}
WITH_EMAIL_QUERY = {"/auth/email-otp", "/auth/fido"}


# ------------------------------------------------------------------------------------------ the data
async def pick_ids(dsn: str) -> dict[str, str]:
    """Realistic ids from the database: the project, a shot and a sequence in the middle, a task with time
    spents, ... (a value is absent when the generated data has no such row)."""
    conn = await asyncpg.connect(dsn)
    try:
        one = conn.fetchval
        ids: dict[str, Any] = {}
        ids["project_id"] = await one("SELECT id FROM project ORDER BY created_at LIMIT 1")
        types = {r["name"]: r["id"] for r in await conn.fetch("SELECT name, id FROM entity_type")}

        async def middle(type_name: str):
            return await one("SELECT id FROM entity WHERE project_id = $1 AND entity_type_id = $2 ORDER BY name "
                             "OFFSET (SELECT count(*) / 2 FROM entity WHERE project_id = $1 AND "
                             "entity_type_id = $2) LIMIT 1", ids["project_id"], types.get(type_name))

        ids["shot_id"] = await middle("Shot")
        ids["sequence_id"] = await middle("Sequence")
        ids["episode_id"] = await middle("Episode")
        ids["scene_id"] = await middle("Scene")
        ids["entity_id"] = ids["shot_id"]
        ids["asset_type_id"] = await one("SELECT a.entity_type_id FROM entity a JOIN entity_link l ON "
                                         "l.entity_out_id = a.id WHERE a.project_id = $1 GROUP BY 1 "
                                         "ORDER BY count(*) DESC LIMIT 1", ids["project_id"])
        spent = await conn.fetchrow("SELECT t.task_id, t.person_id, t.date, p.email FROM time_spent t "
                                    "JOIN person p ON p.id = t.person_id JOIN task k ON k.id = t.task_id "
                                    "WHERE k.entity_id = $1 ORDER BY t.date LIMIT 1", ids["shot_id"])
        if spent is not None:
            ids.update(task_id=spent["task_id"], date=spent["date"].isoformat(), artist=spent["email"])
        else:
            ids["task_id"] = await one("SELECT id FROM task WHERE entity_id = $1 LIMIT 1", ids["shot_id"])
        budget = await conn.fetchrow("SELECT b.id, e.id AS entry FROM budget b LEFT JOIN budget_entry e ON "
                                     "e.budget_id = b.id WHERE b.project_id = $1 LIMIT 1", ids["project_id"])
        if budget is not None:
            ids.update(budget_id=budget["id"], entry_id=budget["entry"])
        ids["preview_id"] = await one("SELECT id FROM preview_file LIMIT 1")
        for path, table in CRUD_TABLES.items():
            n = await one(f"SELECT count(*) FROM {table}")
            ids[f"crud:{path}"] = await one(f"SELECT id FROM {table} ORDER BY id OFFSET $1 LIMIT 1", n // 2)
        return {k: str(v) for k, v in ids.items() if v is not None}
    finally:
        await conn.close()


@dataclass
class Probe:
    key: str  # the route's path template, or "graphql"
    path: str  # what is requested, with the query string
    method: str = "GET"
    body: bytes | None = None
    user: str = "admin"  # or "artist" (the person of the picked time spent)
    token: str = "access"
    floor: str | None = None


def probes_for(templates: list[str], ids: dict[str, str]) -> tuple[list[Probe], dict[str, str]]:
    probes, skipped = [], {}
    for tpl in templates:
        if tpl in SKIPPED:
            skipped[tpl] = SKIPPED[tpl]
            continue
        crud = re.fullmatch(r"/data/([a-z-]+)/\{instance_id\}", tpl)
        values = dict(ids)
        if crud:
            if f"crud:{crud.group(1)}" not in ids:
                skipped[tpl] = "no row of this model in the generated data"
                continue
            values["instance_id"] = ids[f"crud:{crud.group(1)}"]
        missing = [p for p in re.findall(r"{([^}]+)}", tpl) if p not in values]
        if missing:
            skipped[tpl] = f"no {', '.join(missing)} in the generated data"
            continue
        path = "/api" + re.sub(r"{([^}]+)}", lambda m: values[m.group(1)], tpl)
        if tpl in WITH_PROJECT_QUERY:
            path += f"?project_id={ids['project_id']}"
        if tpl in WITH_EMAIL_QUERY:
            path += f"?email={ADMIN}"
        user = "artist" if tpl.startswith("/data/user/tasks/") and "artist" in ids else "admin"
        token = "refresh" if tpl == "/auth/refresh-token" else "access"
        probes.append(Probe(tpl, path, user=user, token=token, floor=HEAVY.get(tpl)))
    if "sequence_id" in ids:
        for p in probes:
            if p.key == "/data/projects/{project_id}/sequences/{sequence_id}/casting":
                p.floor = "sequence_casting"
    body = orjson.dumps({"query": NESTED_QUERY, "variables": {"id": ids["project_id"]}})
    probes.append(Probe("graphql nested view", "/graphql", method="POST", body=body, floor="nested_view"))
    return probes, skipped


# ---------------------------------------------------------------------------------- SQL statements
def asyncpg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def plain_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def sql_counts(url: str, probes: list[Probe], ids: dict[str, str]) -> dict[str, dict]:
    """Statements per request, counted on an in-process app (the served one stays untouched)."""
    from domain.db import make_engine
    from gateway.app import create_app
    from gateway.settings import load_settings

    settings = load_settings({"TRACKQL_DATABASE_URL": asyncpg_url(url), "TRACKQL_SECRET_KEY": SECRET})
    engine = make_engine(settings.database_url)
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    out = {}
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                                     timeout=600) as client:
            tokens = {}
            for user, email in (("admin", ADMIN), ("artist", ids.get("artist"))):
                if email:
                    r = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
                    tokens[user] = r.json()
            for p in probes:
                await _send_async(client, p, tokens)  # warm-up: caches filled on first use are not counted
                seen.clear()
                r = await _send_async(client, p, tokens)
                out[p.key] = {"status": r.status_code, "statements": len(seen), "bytes": len(r.content),
                              "sql": [" ".join(q.split())[:120] for q in seen]}
    finally:
        await engine.dispose()
    return out


def _headers(p: Probe, tokens: dict) -> dict[str, str]:
    h = {"Authorization": f"Bearer {tokens[p.user][p.token + '_token']}"}
    if p.body is not None:
        h["Content-Type"] = "application/json"
    return h


async def _send_async(client: httpx.AsyncClient, p: Probe, tokens: dict) -> httpx.Response:
    return await client.request(p.method, p.path, content=p.body, headers=_headers(p, tokens))


# ------------------------------------------------------------------------------------ the servers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`trackql serve` in a child process."""

    def __init__(self, url: str, workers: int, port: int | None = None):
        self.port = port or free_port()
        env = dict(os.environ, TRACKQL_DATABASE_URL=asyncpg_url(url), TRACKQL_SECRET_KEY=SECRET)
        self.log = tempfile.NamedTemporaryFile(prefix="trackql-bench-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/trackql"), "serve", "--port", str(self.port), "--workers", str(workers),
             "--no-access-log", "--log-level", "warning", "--no-demo-data"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(self.base + "/api/", timeout=2).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"trackql serve did not start; see {self.log.name}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def cpu_seconds(pids: list[int]) -> float:
    """CPU time used so far by every thread of `pids` (schedstat: nanoseconds, unlike /proc/stat's ticks)."""
    total = 0
    for pid in pids:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass
    return total / 1e9


def worker_pids(pidfile: str) -> list[int]:
    """The gunicorn workers (children) of the master whose pid the file holds."""
    master = int(Path(pidfile).read_text().strip())
    with open(f"/proc/{master}/task/{master}/children") as f:
        return [int(p) for p in f.read().split()] or [master]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """The highest RSS of a process while the block runs, sampled every 2 ms from another thread."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()

    def __enter__(self):
        self.peak = rss_mb(self.pid)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.002)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb(self.pid))


def login(base: str, email: str) -> dict:
    r = httpx.post(base + "/api/auth/login", json={"email": email, "password": PASSWORD}, timeout=60)
    r.raise_for_status()
    return r.json()


# --------------------------------------------------------------------------------------- timing
@dataclass
class Side:
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # server CPU seconds per call, when its pids are known
    status: int = 0
    bytes: int = 0
    peak_rss_over_idle: float | None = None

    def summary(self) -> dict:
        ms = sorted(t * 1000 for t in self.times)
        if not ms:
            return {}
        p95 = ms[min(len(ms) - 1, max(0, int(round(len(ms) * 0.95)) - 1))]
        cpu = round(1000 * sum(self.cpu) / len(self.cpu), 2) if self.cpu else None
        return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2), "min_ms": round(ms[0], 2),
                "cpu_ms": cpu, "runs": len(ms), "status": self.status, "bytes": self.bytes,
                "peak_rss_over_idle_mb": self.peak_rss_over_idle}


class Floor:
    """The floor of a route on one asyncpg connection (its own event loop, driven synchronously)."""

    def __init__(self, url: str, ids: dict[str, str]):
        self.loop = asyncio.new_event_loop()
        self.conn = self.loop.run_until_complete(asyncpg.connect(plain_dsn(url)))
        self.target = self.loop.run_until_complete(floor.find_target(self.conn, ids.get("sequence_id")))

    def call(self, key: str, answer: Any) -> bytes:
        if key == "nested_view":
            return self.loop.run_until_complete(floor.nested_view(self.conn, self.target))
        if key == "sequence_casting":
            return self.loop.run_until_complete(floor.sequence_casting(self.conn, self.target))
        return self.loop.run_until_complete(floor.heavy_list(self.conn, self.target, key, answer))

    def close(self):
        self.loop.run_until_complete(self.conn.close())
        self.loop.close()


def time_probe(p: Probe, sides: dict[str, Callable[[], tuple[int, int]]], *, runs: int, min_runs: int,
               budget: float, pids: dict[str, list[int]] | None = None) -> dict[str, Side]:
    """Alternating calls of every side (the order rotates each round), after one warm-up call each; at
    least `min_runs` rounds, at most `runs`, stopping early once `budget` seconds were spent."""
    out = {name: Side() for name in sides}
    names = list(sides)
    for name in names:
        out[name].status, out[name].bytes = sides[name]()
    start = time.perf_counter()
    for i in range(runs):
        if i >= min_runs and time.perf_counter() - start > budget:
            break
        for name in names[i % len(names):] + names[:i % len(names)]:
            watched = (pids or {}).get(name)
            c0 = cpu_seconds(watched) if watched else 0.0
            t0 = time.perf_counter()
            out[name].status, out[name].bytes = sides[name]()
            out[name].times.append(time.perf_counter() - t0)
            if watched:
                out[name].cpu.append(cpu_seconds(watched) - c0)
    return out


def http_side(client: httpx.Client, base: str, p: Probe, tokens: dict, keep: dict | None = None):
    def call() -> tuple[int, int]:
        r = client.request(p.method, base + p.path, content=p.body, headers=_headers(p, tokens))
        if keep is not None and "answer" not in keep:
            keep["answer"] = r.content
        return r.status_code, len(r.content)
    return call


def latency(url: str, probes: list[Probe], ids: dict[str, str], *, zou: str | None, runs: int, min_runs: int,
            budget: float, only: str | None, zou_pidfile: str | None = None) -> tuple[dict, dict]:
    server = Server(url, workers=1)
    results: dict[str, dict] = {}
    try:
        tokens = {"admin": login(server.base, ADMIN)}
        ztokens = {"admin": login(zou, ADMIN)} if zou else {}
        if "artist" in ids:
            tokens["artist"] = login(server.base, ids["artist"])
            if zou:
                ztokens["artist"] = login(zou, ids["artist"])
        fl = Floor(url, ids)
        client = httpx.Client(timeout=600)
        # warm the server (imports, pools) before its idle RSS is read
        for p in probes[:5]:
            http_side(client, server.base, p, tokens)()
        idle = rss_mb(server.pid)
        pids = {"trackql": [server.pid]}
        if zou and zou_pidfile:
            pids["zou"] = worker_pids(zou_pidfile)
        server_info = {"idle_rss_mb": round(idle, 1), "pid": server.pid}
        for p in probes:
            if only and not re.search(only, p.key):
                continue
            load = os.getloadavg()[0]
            keep: dict = {}
            sides = {"trackql": http_side(client, server.base, p, tokens, keep)}
            if zou and p.key != "graphql nested view":
                sides["zou"] = http_side(client, zou, p, ztokens)
            if p.floor:
                sides["trackql"]()  # the answer the floor re-encodes
                answer = orjson.loads(keep["answer"]) if keep["answer"][:1] in (b"[", b"{") else None
                if p.floor in ("nested_view", "sequence_casting") or answer is not None:
                    sides["floor"] = lambda: (200, len(fl.call(p.floor, answer)))
            with PeakRss(server.pid) as rss:
                timed = time_probe(p, {"trackql": sides["trackql"]}, runs=1, min_runs=1, budget=0)
            timed = time_probe(p, sides, runs=runs, min_runs=min_runs, budget=budget, pids=pids)
            timed["trackql"].peak_rss_over_idle = round(rss.peak - idle, 1)
            row = {name: s.summary() for name, s in timed.items()}
            row["load"] = round(load, 2)
            row["path"] = p.path
            results[p.key] = row
            print(_line(p.key, row), flush=True)
        server_info["rss_after_mb"] = round(rss_mb(server.pid), 1)
        fl.close()
        return results, server_info
    finally:
        server.stop()


def memory(url: str, probes: list[Probe], ids: dict[str, str], *, repeat: int = 3) -> dict[str, dict]:
    """Peak RSS of a fresh server (one worker) answering one heavy route `repeat` times, above its idle
    RSS (read after a few small requests): Python keeps freed arenas, so a server that already answered
    other big requests would hide or inflate what this route costs."""
    out = {}
    small = next(p for p in probes if p.key == "/data/task-types")
    for p in probes:
        if not p.floor:
            continue
        server = Server(url, workers=1)
        try:
            tokens = {"admin": login(server.base, ADMIN)}
            client = httpx.Client(timeout=600)
            for _ in range(5):
                http_side(client, server.base, small, tokens)()
            idle = rss_mb(server.pid)
            with PeakRss(server.pid) as rss:
                for _ in range(repeat):
                    status, size = http_side(client, server.base, p, tokens)()
            out[p.key] = {"idle_rss_mb": round(idle, 1), "peak_rss_mb": round(rss.peak, 1),
                          "peak_over_idle_mb": round(rss.peak - idle, 1), "status": status, "bytes": size,
                          "after_mb": round(rss_mb(server.pid), 1), "load": round(os.getloadavg()[0], 2)}
            print(f"memory {p.key:<60} idle {idle:6.1f} MB  peak {rss.peak:6.1f} MB  (+{rss.peak - idle:.1f})",
                  flush=True)
            client.close()
        finally:
            server.stop()
    return out


def _line(key: str, row: dict) -> str:
    t, z, f = row.get("trackql", {}), row.get("zou", {}), row.get("floor", {})
    s = f"{key[:62]:<62} {t.get('status', '-'):>3} p50 {t.get('p50_ms', 0):9.1f} p95 {t.get('p95_ms', 0):9.1f}"
    if t.get("cpu_ms") is not None:
        s += f" cpu {t['cpu_ms']:8.1f}"
    if z:
        s += f" | zou {z.get('status')} p50 {z.get('p50_ms', 0):9.1f} ({t['p50_ms'] / z['p50_ms']:.2f}x)"
        if z.get("cpu_ms") is not None and t.get("cpu_ms"):
            s += f" cpu {z['cpu_ms']:8.1f} ({t['cpu_ms'] / z['cpu_ms']:.2f}x)"
    if f:
        s += f" | floor p50 {f.get('p50_ms', 0):8.1f} ({t['p50_ms'] / f['p50_ms']:.2f}x)"
    return s + f" | load {row['load']}"


# ------------------------------------------------------------------------------------------ wrk
WRK_SCRIPT = 'wrk.headers["Authorization"] = "Bearer {token}"\n'


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def wrk(url: str, token: str, *, duration: int, connections: int, pids: list[int] | None = None,
        paths: list[str] | None = None) -> dict:
    """wrk on `url`, or on `paths` of its host picked at random per request."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT.format(token=token))
        if paths:
            f.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
                    "request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n")
    c0 = cpu_seconds(pids) if pids else 0.0
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", f.name, url],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    cpu = cpu_seconds(pids) - c0 if pids else None
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    done = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {"rps": rps, "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "p50_ms": round(float(p50.group(1)) * scale[p50.group(2)], 2) if p50 else None,
            "requests": done, "cpu_ms_per_request": round(1000 * cpu / done, 2) if cpu is not None and done else None}


async def _all_shot_ids(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        return [str(r[0]) for r in await conn.fetch(
            "SELECT e.id FROM entity e JOIN entity_type t ON t.id = e.entity_type_id WHERE t.name = 'Shot'")]
    finally:
        await conn.close()


def throughput(url: str, ids: dict[str, str], *, zou: str | None, duration: int, connections: int,
               rounds: int, zou_pidfile: str | None = None) -> dict:
    server = Server(url, workers=2)
    try:
        routes = {"GET /api/data/shots/{id}": f"/api/data/shots/{ids['shot_id']}",
                  "GET sequence casting": f"/api/data/projects/{ids['project_id']}/sequences/"
                                          f"{ids['sequence_id']}/casting",
                  # Zou memoizes get_full_shot for 120 s: one id measures its cache; every shot at random
                  # measures reads
                  "GET /api/data/shots/{id}, every shot at random": "/api/data/shots/random"}
        shot_paths = [f"/api/data/shots/{i}" for i in asyncio.run(_all_shot_ids(plain_dsn(url)))]
        sides = {"trackql": (server.base, login(server.base, ADMIN)["access_token"])}
        pids = {"trackql": [server.pid, *children(server.pid)]}
        if zou:
            sides["zou"] = (zou, login(zou, ADMIN)["access_token"])
            if zou_pidfile:
                pids["zou"] = worker_pids(zou_pidfile)
        out: dict[str, dict] = {}
        for name, path in routes.items():
            for side, (base, token) in sides.items():  # warm-up
                wrk(base + path, token, duration=2, connections=connections,
                    paths=shot_paths if path.endswith("/random") else None)
            for i in range(rounds):
                for side, (base, token) in (list(sides.items()) if i % 2 == 0 else list(sides.items())[::-1]):
                    load = os.getloadavg()[0]
                    r = wrk(base + path, token, duration=duration, connections=connections, pids=pids.get(side),
                            paths=shot_paths if path.endswith("/random") else None)
                    r["load"] = round(load, 2)
                    out.setdefault(name, {}).setdefault(side, []).append(r)
                    print(f"wrk {name:<28} {side:<8} {r['rps']:9.1f} req/s  p50 {r['p50_ms']} ms  "
                          f"cpu/request {r['cpu_ms_per_request']} ms  "
                          f"non-2xx {r['non_2xx']}  load {r['load']}", flush=True)
        return out
    finally:
        server.stop()


# --------------------------------------------------------------------------------------- the run
def machine() -> dict:
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return {"cpus": os.cpu_count(), "cpu_model": model, "ram_gb": round(mem, 1), "python": platform.python_version(),
            "commit": commit, "kernel": platform.release()}


async def sizes(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    try:
        q = {"shots": "SELECT count(*) FROM entity e JOIN entity_type t ON t.id = e.entity_type_id WHERE t.name = 'Shot'",
             "assets": "SELECT count(*) FROM entity e JOIN entity_type t ON t.id = e.entity_type_id "
                       "WHERE t.name NOT IN ('Shot', 'Sequence', 'Episode', 'Edit', 'Scene')",
             "tasks": "SELECT count(*) FROM task", "casting links": "SELECT count(*) FROM entity_link",
             "people": "SELECT count(*) FROM person", "time spents": "SELECT count(*) FROM time_spent"}
        return {k: await conn.fetchval(v) for k, v in q.items()}
    finally:
        await conn.close()


def run(args) -> int:
    from rest_compat.app import routes

    templates = [r.path for r in routes() if "GET" in (r.methods or [])]
    dsn = plain_dsn(args.database_url)
    ids = asyncio.run(pick_ids(dsn))
    probes, skipped = probes_for(templates, ids)
    report: dict[str, Any] = {"machine": machine(), "database": make_url(dsn).database,
                              "sizes": asyncio.run(sizes(dsn)), "zou": args.zou, "skipped": skipped,
                              "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                              "load_at_start": os.getloadavg()}
    print(json.dumps({k: report[k] for k in ("machine", "database", "sizes", "load_at_start")}), flush=True)
    if not args.no_sql:
        report["sql"] = asyncio.run(sql_counts(args.database_url, probes, ids))
        print(f"SQL statements counted on {len(report['sql'])} requests", flush=True)
    if not args.no_latency:
        report["latency"], report["server"] = latency(args.database_url, probes, ids, zou=args.zou, runs=args.runs,
                                                      min_runs=args.min_runs, budget=args.budget, only=args.only,
                                                      zou_pidfile=args.zou_pidfile)
    if args.memory:
        report["memory"] = memory(args.database_url, probes, ids)
    if args.wrk:
        report["wrk"] = throughput(args.database_url, ids, zou=args.zou, duration=args.wrk_duration,
                                   connections=args.wrk_connections, rounds=args.wrk_rounds,
                                   zou_pidfile=args.zou_pidfile)
    report["finished"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    report["load_at_end"] = os.getloadavg()
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=1))
        print(f"written {args.out}")
    return 0


# ------------------------------------------------------------------------------------------ report
def _fmt(v, digits=1) -> str:
    if v is None or v == "":
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def render(paths: list[str]) -> str:
    """A markdown table per route from saved runs (the last one's latencies; SQL statements of each)."""
    runs = [json.loads(Path(p).read_text()) for p in paths]
    big = runs[-1]
    names = " / ".join(r["database"].removeprefix("trackql_bench_") for r in runs)
    lines = [f"| route | status T/Z | p50 ms | p95 ms | CPU ms | Zou p50 | Zou CPU | T/Zou p50 | T/Zou CPU | "
             f"floor p50 | T/floor | SQL {names} | RSS +MB | answer MB | load |",
             "| --- | --- |" + " ---: |" * 13]
    for key, row in big.get("latency", {}).items():
        t, z, f = row.get("trackql", {}), row.get("zou", {}), row.get("floor", {})
        sql = " / ".join(_fmt(r.get("sql", {}).get(key, {}).get("statements")) for r in runs)
        zc = z.get("cpu_ms") if z else None
        cells = [f"`{key}`", f"{t.get('status')}" + (f"/{z.get('status')}" if z else ""),
                 _fmt(t.get("p50_ms")), _fmt(t.get("p95_ms")), _fmt(t.get("cpu_ms")),
                 _fmt(z.get("p50_ms")), _fmt(zc),
                 _fmt(t["p50_ms"] / z["p50_ms"], 2) if z else "–",
                 _fmt(t["cpu_ms"] / zc, 2) if zc and t.get("cpu_ms") else "–",
                 _fmt(f.get("p50_ms")), _fmt(t["p50_ms"] / f["p50_ms"], 2) if f else "–", sql,
                 _fmt(t.get("peak_rss_over_idle_mb")), _fmt(t.get("bytes", 0) / 1e6, 2), _fmt(row.get("load"), 2)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


SMALL_ANSWER = 64_000  # bytes: a "small" GET route answers one object or a short list


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def targets(paths: list[str]) -> str:
    """Each target of issue 5, met or not, from saved runs (the first the small size, the last the studio
    one, which holds the Zou, floor, memory and wrk figures)."""
    runs = [json.loads(Path(p).read_text()) for p in paths]
    small, big = runs[0], runs[-1]
    lat, out = big.get("latency", {}), []

    grown = [f"`{k}` {small['sql'][k]['statements']} → {v['statements']}" for k, v in big.get("sql", {}).items()
             if k in small.get("sql", {}) and v["statements"] > small["sql"][k]["statements"]]
    if small is not big and small.get("sql") and big.get("sql"):
        out.append(f"- SQL statements per request do not grow with size: {_verdict(not grown)}"
                   + (f" ({len(grown)} routes grow: {', '.join(grown)})" if grown else ""))

    rows = [(k, v) for k, v in lat.items() if v.get("zou") and k not in HEAVY and v["trackql"].get("status") == 200
            and v["trackql"].get("bytes", 0) <= SMALL_ANSWER and k != "/"]
    ok = [k for k, v in rows if v["trackql"]["p50_ms"] <= 0.5 * v["zou"]["p50_ms"]]
    ratios = sorted(v["trackql"]["p50_ms"] / v["zou"]["p50_ms"] for _, v in rows)
    cpu = sorted(v["trackql"]["cpu_ms"] / v["zou"]["cpu_ms"] for _, v in rows
                 if v["trackql"].get("cpu_ms") and v["zou"].get("cpu_ms"))
    if rows:
        out.append(f"- Small GET routes (200, answer ≤ {SMALL_ANSWER // 1000} kB; {len(rows)} routes), TrackQL p50 ≤ "
                   f"0.5× Zou's: {_verdict(len(ok) == len(rows))} — {len(ok)} of {len(rows)} meet it; median "
                   f"ratio {statistics.median(ratios):.2f} (best {ratios[0]:.2f}, worst {ratios[-1]:.2f})"
                   + (f"; server CPU per request, median ratio {statistics.median(cpu):.2f}" if cpu else ""))

    mem = big.get("memory", {})
    for k in HEAVY:
        v = lat.get(k)
        if not v or not v.get("floor"):
            continue
        r = v["trackql"]["p50_ms"] / v["floor"]["p50_ms"]
        m = mem.get(k)
        line = f"- Heavy list `{k}`: {r:.2f}× the floor {_verdict(r <= 2)}"
        if m:
            line += f"; peak RSS {m['peak_over_idle_mb']:.0f} MB over idle {_verdict(m['peak_over_idle_mb'] <= 100)}"
        out.append(line)
    v = lat.get("graphql nested view")
    if v and v.get("floor"):
        r = v["trackql"]["p50_ms"] / v["floor"]["p50_ms"]
        out.append(f"- Nested GraphQL query: {r:.2f}× the floor {_verdict(r <= 2)}")
    m = mem.get("graphql nested view")
    if m:
        out.append(f"- Server peak RSS answering the nested query: {m['peak_rss_mb']:.0f} MB "
                   f"{_verdict(m['peak_rss_mb'] <= 400)}")
    w = big.get("wrk", {}).get("GET /api/data/shots/{id}")
    if w and "zou" in w:
        t = statistics.median(x["rps"] for x in w["trackql"])
        z = statistics.median(x["rps"] for x in w["zou"])
        out.append(f"- Throughput on `GET /api/data/shots/{{id}}`, 2 workers each: {t:.0f} req/s vs Zou's {z:.0f} "
                   f"({t / z:.2f}×) {_verdict(t >= 2 * z)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["report"]:
        print(targets(argv[1:]) + "\n\n" + render(argv[1:]))
        return 0
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--database-url", required=True, help="postgresql://user@host/db made by bench.generate")
    p.add_argument("--zou", help="base URL of a Zou serving the same database (e.g. http://127.0.0.1:5001)")
    p.add_argument("--zou-pidfile", help="gunicorn pid file of that Zou: its workers' CPU time per request "
                   "is measured too (e.g. /tmp/zou-bench/zou.pid)")
    p.add_argument("--runs", type=int, default=30, help="rounds per route at most (default 30)")
    p.add_argument("--min-runs", type=int, default=5, help="rounds per route at least (default 5)")
    p.add_argument("--budget", type=float, default=3.0, help="seconds per route after which rounds stop")
    p.add_argument("--only", help="regular expression: time only the routes it finds")
    p.add_argument("--no-sql", action="store_true", help="skip the SQL statement counts")
    p.add_argument("--no-latency", action="store_true", help="skip the latency pass")
    p.add_argument("--memory", action="store_true", help="peak RSS of a fresh server per heavy route")
    p.add_argument("--wrk", action="store_true", help="throughput with wrk on two routes (2 workers)")
    p.add_argument("--wrk-duration", type=int, default=10)
    p.add_argument("--wrk-connections", type=int, default=16)
    p.add_argument("--wrk-rounds", type=int, default=2)
    p.add_argument("--out", help="write every figure as JSON to this file")
    args = p.parse_args(argv)
    if not make_url(args.database_url).drivername.startswith("postgres"):
        print("error: the benchmark runs on PostgreSQL", file=sys.stderr)
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
