"""The permission table checked against the real Zou 1.0.97 (not a test: run by hand, it needs Zou at
127.0.0.1:5000):

    .venv/bin/python tests/zou_permission_check.py [--zou http://127.0.0.1:5000/api]

It builds the matrix world on Zou (people of every role with unique emails, a production with its team, a
sequence, two shots with an Animation task each, `user` assigned to both, the vendor to the first, a
budget and its entry, a day off of `user`, a time spent, a descriptor), sends every REST row of
resolvers/permissions.py it can fill with those ids (GET rows for every role; writes only for the roles
the table refuses, on rows made for the purpose, never on Zou's own studio rows), compares Zou's status with the row's rule, prints
the differences and a summary, then deletes what it made."""
from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from resolvers.permissions import MATRIX_ROLES, OPERATIONS  # noqa: E402
from tests.test_permission_matrix import DAY, rest_request  # noqa: E402

PASSWORD = "matrix-pass-1234"
ROLES = {"manager": "manager", "supervisor": "supervisor", "user": "user", "outsider": "user",
         "client": "client", "vendor": "vendor", "team_manager": "user", "outside_manager": "manager"}


class ZouWorld:
    """The ids `rest_request` fills paths with, Zou's."""

    def __init__(self):
        self.ids: dict[str, str] = {}
        self.people: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        try:
            return self.ids[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def ok(r: httpx.Response) -> Any:
    if r.status_code >= 300:
        raise RuntimeError(f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}")
    return r.json() if r.content else None


def build(api: httpx.Client, admin: dict, tag: str, w: ZouWorld, headers: dict[str, dict]) -> None:
    """Fills `w` and `headers` as it goes, so that a failure half-way still leaves what to clean up."""
    headers["admin"] = admin
    me = ok(api.get("/auth/authenticated", headers=admin))["user"]
    w.people["admin"] = me["id"]
    for key, role in ROLES.items():
        email = f"tbpm-{tag}-{key}@example.com"
        person = ok(api.post("/data/persons", headers=admin, json={
            "first_name": "TBPM", "last_name": f"{key} {tag}", "email": email, "role": role,
            "password": PASSWORD}))
        w.people[key] = person["id"]
        token = ok(api.post("/auth/login", json={"email": email, "password": PASSWORD}))["access_token"]
        headers[key] = {"Authorization": f"Bearer {token}"}
    w.people["super"] = w.people["supervisor"]
    project = ok(api.post("/data/projects", headers=admin, json={"name": f"TBPM {tag}",
                                                                 "production_type": "featurefilm"}))
    w.ids["project"] = p = project["id"]
    for key in ("manager", "supervisor", "user", "client", "vendor"):
        ok(api.post(f"/data/projects/{p}/team", headers=admin, json={"person_id": w.people[key]}))
    ok(api.post(f"/data/projects/{p}/team", headers=admin,
                json={"person_id": w.people["team_manager"], "role": "manager"}))
    animation = ok(api.get("/data/task-types", headers=admin, params={"name": "Animation"}))[0]["id"]
    w.ids["animation"] = animation
    ok(api.post(f"/data/projects/{p}/settings/task-types", headers=admin, json={"task_type_id": animation}))
    closed = ok(api.get("/data/project-status", headers=admin, params={"name": "Closed"}))[0]["id"]
    w.ids["closed_project"] = ok(api.post("/data/projects", headers=admin, json={
        "name": f"TBPM closed {tag}", "production_type": "featurefilm", "project_status_id": closed}))["id"]
    w.ids["seq"] = ok(api.post(f"/data/projects/{p}/sequences", headers=admin, json={"name": "SQ01"}))["id"]
    for key, name in (("sh1", "SH010"), ("sh2", "SH020")):
        w.ids[key] = ok(api.post(f"/data/projects/{p}/shots", headers=admin,
                                 json={"name": name, "sequence_id": w.ids["seq"]}))["id"]
    ok(api.post(f"/actions/projects/{p}/task-types/{animation}/shots/create-tasks", headers=admin))
    tasks = ok(api.get("/data/tasks", headers=admin, params={"project_id": p}))
    by_entity = {t["entity_id"]: t["id"] for t in tasks}
    w.ids["t1"], w.ids["t2"] = by_entity[w.ids["sh1"]], by_entity[w.ids["sh2"]]
    for task, who in (("t1", "user"), ("t2", "user"), ("t1", "vendor")):
        ok(api.put(f"/actions/tasks/{w.ids[task]}/assign", headers=admin, json={"person_id": w.people[who]}))
    w.ids["asset_type"] = ok(api.get("/data/entity-types", headers=admin, params={"name": "Prop"}))[0]["id"]
    w.ids["wip"] = ok(api.get("/data/task-status", headers=admin, params={"short_name": "wip"}))[0]["id"]
    departments = ok(api.get("/data/departments", headers=admin, params={"name": "Animation"}))
    w.ids["animation_dep"] = departments[0]["id"]
    w.ids["asset"] = ok(api.post(f"/data/projects/{p}/asset-types/{w.ids['asset_type']}/assets/new",
                                 headers=admin, json={"name": "Chair"}))["id"]
    w.ids["budget"] = ok(api.post(f"/data/projects/{p}/budgets", headers=admin, json={"name": "B1"}))["id"]
    w.ids["budget_entry"] = ok(api.post(f"/data/projects/{p}/budgets/{w.ids['budget']}/entries", headers=admin, json={
        "department_id": w.ids["animation_dep"], "start_date": "2026-01-01", "months_duration": 2,
        "daily_salary": 100}))["id"]
    w.ids["day_off"] = ok(api.post("/data/day-offs", headers=headers["user"], json={
        "person_id": w.people["user"], "date": "2026-02-02", "end_date": "2026-02-03"}))["id"]
    w.ids["time_spent"] = ok(api.post(f"/actions/tasks/{w.ids['t2']}/time-spents/{DAY}/persons/{w.people['user']}",
                                      headers=admin, json={"duration": 60}))["id"]
    w.ids["descriptor"] = ok(api.post(f"/data/projects/{p}/metadata-descriptors", headers=admin, json={
        "entity_type": "Shot", "name": f"Look {tag}"}))["id"]
    w.ids["organisation"] = ok(api.get("/data/organisations", headers=admin))[0]["id"]
    w.ids["file_status"] = (ok(api.get("/data/file-status", headers=admin)) or [{"id": None}])[0]["id"]
    w.ids["software"] = (ok(api.get("/data/softwares", headers=admin)) or [{"id": None}])[0]["id"]
    w.ids["output_type"] = (ok(api.get("/data/output-types", headers=admin)) or [{"id": None}])[0]["id"]
    w.ids["episode"] = ok(api.post(f"/data/projects/{p}/episodes", headers=admin, json={"name": "E01"}))["id"]
    w.ids["scene"] = ok(api.post(f"/data/projects/{p}/scenes", headers=admin,
                                 json={"name": "SC01", "sequence_id": w.ids["seq"]}))["id"]
    w.ids["edit"] = ok(api.post(f"/data/projects/{p}/edits", headers=admin, json={"name": "ED01"}))["id"]
    ok(api.put(f"/data/projects/{p}/entities/{w.ids['sh2']}/casting", headers=admin,
               json=[{"asset_id": w.ids["asset"], "nb_occurences": 1}]))
    w.ids["entity_link"] = ok(api.get("/data/entity-links", headers=admin,
                                      params={"entity_in_id": w.ids["sh2"]}))[0]["id"]
    w.ids["filter_group"] = ok(api.post("/data/user/filter-groups", headers=headers["user"], json={
        "list_type": "shots", "name": f"TBPM {tag}", "color": "#000000", "project_id": p}))["id"]
    comment = ok(api.post(f"/actions/tasks/{w.ids['t2']}/comment", headers=admin,
                          json={"task_status_id": w.ids["wip"], "comment": "matrix"}))
    w.ids["preview"] = ok(api.post(f"/actions/tasks/{w.ids['t2']}/comments/{comment['id']}/add-preview",
                                   headers=admin, json={}))["id"]

    w.ids["news"] = ok(api.get("/data/news", headers=admin, params={"task_id": w.ids["t2"]}))[0]["id"]
    w.ids["salary_scale"] = ok(api.get("/data/salary-scales", headers=admin))[0]["id"]
    for key in [k for k, v in w.ids.items() if v is None]:
        del w.ids[key]


# Rows of the studio-wide models made for the refused writes (never Zou's own rows).
OWN_ROWS = {
    "task-types": {"name": "TBPM type {tag}", "for_entity": "Shot"},
    "task-status": {"name": "TBPM status {tag}", "short_name": "tb{tag}", "color": "#000000"},
    "file-status": {"name": "TBPM fs {tag}", "color": "#000000"},
    "softwares": {"name": "TBPM soft {tag}", "short_name": "tb{tag}", "file_extension": "tbpm"},
    "output-types": {"name": "TBPM out {tag}", "short_name": "tb{tag}"},
    "departments": {"name": "TBPM dep {tag}", "color": "#000000"},
    "entity-types": {"name": "TBPM kind {tag}"},
}


def own_rows(api: httpx.Client, admin: dict, tag: str, rows: dict[str, str]) -> None:
    for model, body in OWN_ROWS.items():
        rows[model] = ok(api.post(f"/data/{model}", headers=admin,
                                  json={k: v.format(tag=tag) for k, v in body.items()}))["id"]


def cleanup(api: httpx.Client, admin: dict, w: ZouWorld, rows: dict[str, str]) -> None:
    for model, row_id in rows.items():
        api.delete(f"/data/{model}/{row_id}", headers=admin, params={"force": "true"})
    closed = ok(api.get("/data/project-status", headers=admin, params={"name": "Closed"}))[0]["id"]
    for p in (w.ids.get("project"), w.ids.get("closed_project")):
        if p:
            api.put(f"/data/projects/{p}", headers=admin, json={"project_status_id": closed})
            api.delete(f"/data/projects/{p}", headers=admin, params={"force": "true"})
    for key in ("day_off", "filter_group"):
        if key in w.ids:
            route = "day-offs" if key == "day_off" else "search-filter-groups"
            api.delete(f"/data/{route}/{w.ids[key]}", headers=admin)
    for key in ROLES:
        if key in w.people:
            api.delete(f"/data/persons/{w.people[key]}", headers=admin, params={"force": "true"})


def sendable(key: str, role: str) -> bool:
    if key.startswith(("Query.", "Mutation.")):
        return False
    method, path = key.split(" ", 1)
    if path.startswith("/auth/") or path in ("/", "/config"):
        return False
    if "/api-token" in path:
        return False  # TrackQL's own
    if method == "GET":
        return True
    if OPERATIONS[key].rule.status_for(role) is None or role == "admin":
        return False  # only refused writes: Zou must change nothing
    return not path.startswith("/data/organisations")  # one row, Zou's own


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zou", default="http://127.0.0.1:5000/api")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    tag = uuid.uuid4().hex[:8]
    api = httpx.Client(base_url=args.zou, timeout=60)
    login = ok(api.post("/auth/login", json={"email": "admin@example.com", "password": "mysecretpassword"}))
    admin = {"Authorization": f"Bearer {login['access_token']}"}
    w = ZouWorld()
    rows: dict[str, str] = {}
    same = differ = skipped = refusals_seen = 0
    verbose = args.verbose
    try:
        own_rows(api, admin, tag, rows)
        headers: dict[str, dict] = {}
        build(api, admin, tag, w, headers)
        headers["anonymous"] = {}
        for key in sorted(OPERATIONS):
            for role in MATRIX_ROLES:
                if not sendable(key, role):
                    continue
                try:
                    method, url, body = rest_request(w, key)
                except (KeyError, AttributeError):
                    skipped += 1
                    continue
                url = url.removeprefix("/api")
                model = url.split("/")[2] if url.startswith("/data/") else ""
                if method != "GET" and model in rows and url.count("/") == 3:
                    url = f"/data/{model}/{rows[model]}"
                r = api.request(method, url, json=body, headers=headers[role])
                if method == "POST" and r.status_code < 300 and url.count("/") == 2:
                    made = r.json().get("id") if isinstance(r.json(), dict) else None
                    if made:  # a create the table refuses went through: undo it
                        api.delete(f"{url}/{made}", headers=admin, params={"force": "true"})
                expected = OPERATIONS[key].rule.status_for(role)
                agrees = r.status_code not in (401, 403) if expected is None else r.status_code == expected
                if agrees:
                    same += 1
                    refusals_seen += expected is not None
                    if verbose:
                        print(f"same {key} as {role}: {r.status_code}")
                else:
                    differ += 1
                    print(f"DIFF {key} as {role}: table {expected or 'allowed'}, Zou {r.status_code} "
                          f"{r.text[:120]!r}")
    finally:
        cleanup(api, admin, w, rows)
    print(f"{same} (row, role) cases agree with Zou ({refusals_seen} of them refusals), {differ} differ, "
          f"{skipped} cases not fillable with the ids made on Zou")
    return 0


if __name__ == "__main__":
    sys.exit(main())
