"""Replay of the production-list answers captured from the real Zou 1.0.97 (`python -m bench.zou_diff --capture`,
tests/fixtures/zou/production_lists/answers.json): the same small production is built on TrackQL through its
own REST API by the same scenario code, the same requests are sent, and every answer must have Zou's status,
content type, keys (in Zou's order), value types and values (ids mapped to the scenario's names, timestamps
masked, unordered lists sorted), except the documented places where TrackQL is stricter than Zou."""
from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from bench import zou_diff
from tests.factories import make_person

FIXTURE = Path(__file__).parents[1] / "fixtures" / "zou" / "production_lists" / "answers.json"
TAG = "zdp6"  # the tag the fixture was captured with: names of the scenario carry it
ADMIN_EMAIL = "zd.admin@example.com"

# Where TrackQL knowingly answers otherwise (README, compatibility notes): Zou 1.0.97 shows a client the
# assignees of a sequence's tasks, and lists a project's tasks unfiltered to clients (not blanked) and vendors
# (all tasks, not only theirs, unless an episode is named).
STRICTER = {
    "production_lists: sequences with tasks as client",
    "production_lists: project tasks as client",
    "production_lists: project tasks as vendor",
}


@pytest.fixture
def captured() -> dict:
    return json.loads(FIXTURE.read_text())


async def test_fixture_covers_the_web_ui_routes(captured):
    routes = {zou_diff.route_of(a) for a in captured.values()}
    assert {"GET /config", "GET /data/projects/all", "GET /data/sequences/with-tasks", "GET /data/shots/with-tasks",
            "GET /data/assets/with-tasks", "GET /data/projects/{id}/shots", "GET /data/projects/{id}/tasks",
            "GET /data/projects/{id}/sequences/all/casting", "GET /data/tasks"} <= routes
    assert any(a["content_type"] == "application/x-ndjson" for a in captured.values())
    assert f"ZD Show {TAG}" in json.dumps(captured)


async def test_trackql_answers_as_zou(app, db, captured):
    await make_person(db, role="admin", email=ADMIN_EMAIL, first_name="Zd", last_name="Admin")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver/api",
                                 timeout=60) as http:
        admin = await zou_diff.Api.login(http, ADMIN_EMAIL, "mysecretpassword")
        production = await zou_diff.build(admin, TAG, artist_login=lambda e, pw: zou_diff.Api.login(http, e, pw))
        cases = [c for c in zou_diff.CASES if c.family == "production_lists"]
        answers = await zou_diff.run_cases(production, cases)
    assert set(answers) == set(captured)
    failures = []
    for name, expected in captured.items():
        got = answers[name]
        if name in STRICTER:
            assert got["status"] == expected["status"] and got["content_type"] == expected["content_type"], name
            assert zou_diff.differences(expected, got), f"{name}: now the same as Zou, drop it from STRICTER"
            continue
        diffs = zou_diff.differences(expected, got)
        if diffs:
            failures.append(f"{name}: " + "; ".join(diffs[:5]))
    assert not failures, "\n".join(failures)
