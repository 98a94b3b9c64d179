"""Budget rules: revisions count per production, exceptions keep positive integer months, reads batch."""
from __future__ import annotations

import pytest

from domain import budgets
from domain.events import EventBus
from tests.team_world import team_world


@pytest.fixture
async def w(db, settings):
    return await team_world(db, settings)


async def test_revision_counts_per_project(db, w):
    bus = EventBus()
    a1 = await budgets.create_budget(db, bus, project_id=w.project, payload={"name": "a"})
    b1 = await budgets.create_budget(db, bus, project_id=w.project2, payload={"name": "b"})
    a2 = await budgets.create_budget(db, bus, project_id=w.project, payload={"name": "c", "currency": "EUR"})
    assert [a1["revision"], b1["revision"], a2["revision"]] == [1, 1, 2]
    assert [e.name for e in bus.pending] == ["budget:create"] * 3


async def test_batch_reads_align_with_keys(db, w, count_sql):
    bus = EventBus()
    a = await budgets.create_budget(db, bus, project_id=w.project, payload={"name": "a"})
    entry = await budgets.create_entry(db, bus, budget=a, payload={
        "department_id": str(w.animation_dep), "start_date": "2026-01-01", "months_duration": 1, "daily_salary": 1})
    with count_sql() as n:
        per_project = await budgets.budgets_for_projects(db, [w.project2, w.project])
    assert n.count == 1
    assert [[b["id"] for b in rows] for rows in per_project] == [[], [a["id"]]]
    with count_sql() as n:
        per_budget = await budgets.entries_for_budgets(db, [a["id"], w.project])
    assert n.count == 1
    assert [[e["id"] for e in rows] for rows in per_budget] == [[entry["id"]], []]
    assert [r and r["id"] for r in await budgets.entries_by_ids(db, [w.project, entry["id"]])] == [None, entry["id"]]
    assert [r and r["id"] for r in await budgets.budgets_by_ids(db, [a["id"], w.project])] == [a["id"], None]


@pytest.mark.parametrize("given,kept", [
    (None, {}),
    ({}, {}),
    ({"2026-01": 0, "2026-02": None, "2026-03": -4}, {}),
    ({"2026-01": 2.9, "2026-02": "5", "2026-03": 1}, {"2026-01": 2, "2026-02": 5, "2026-03": 1}),
])
def test_exceptions_keep_positive_integer_months(given, kept):
    assert budgets._clean_exceptions(given) == kept
