"""`trackql serve` on a clean database, as a newcomer runs it: the first start prints a login, and gazu 1.3.1
(Kitsu's Python client) logs in with it and lists the demo production."""
from __future__ import annotations

import asyncio

import gazu

from domain.demo import PROJECT_NAME
from live import live_server


def _gazu_projects(api_url: str, email: str, password: str) -> dict:
    gazu.set_host(api_url)
    try:
        user = gazu.log_in(email, password)["user"]
        projects = gazu.project.all_projects()
        return {"user": user["email"], "role": user["role"],
                "projects": sorted(p["name"] for p in projects),
                "types": {p["type"] for p in projects},
                "production_types": {p["production_type"] for p in projects}}
    finally:
        gazu.log_out()


async def test_first_serve_prints_a_login_that_gazu_uses_to_list_the_demo_projects(empty_database_url,
                                                                                   tmp_path):
    async with live_server(tmp_path, database_url=empty_database_url, first_start=True) as server:
        email, password = server.printed_login()
        assert f"{server.url}/graphql" in server.log()
        seen = await asyncio.to_thread(_gazu_projects, server.api_url, email, password)
    assert email == "admin@example.com"
    assert seen == {"user": "admin@example.com", "role": "admin", "projects": [PROJECT_NAME],
                    "types": {"Project"}, "production_types": {"tvshow"}}
