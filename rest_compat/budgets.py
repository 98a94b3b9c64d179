"""Zou's production budget routes: budgets, their entries, and the actual spending by month."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import budgets
from rest_compat import zou
from rest_compat.routing import ctx_of, route, schema_payload

# Zou lists budgets and entries in a compact form: no type, no timestamps.
BUDGET_SUMMARY = ("id", "project_id", "revision", "name", "currency")
ENTRY_SUMMARY = ("id", "budget_id", "department_id", "person_id", "start_date", "months_duration", "daily_salary",
                 "position", "seniority", "exceptions")


def summary(row: dict, keys: tuple[str, ...]) -> dict:
    return {k: row[k] for k in keys}


def _ids(request: Request, *names: str) -> list[str]:
    return [request.path_params[n] for n in names]


async def list_budgets(request: Request) -> Response:
    rows = await budgets.project_budgets(ctx_of(request), *_ids(request, "project_id"))
    return zou.json([zou.row(summary(r, BUDGET_SUMMARY)) for r in rows])


async def create_budget(request: Request) -> Response:
    row = await budgets.create_budget(ctx_of(request), *_ids(request, "project_id"), await schema_payload(request))
    return zou.json(zou.row(row, "Budget"))  # 200, not 201, as Zou


async def get_budget(request: Request) -> Response:
    row = await budgets.budget(ctx_of(request), *_ids(request, "project_id", "budget_id"))
    return zou.json(zou.row(row, "Budget"))


async def update_budget(request: Request) -> Response:
    row = await budgets.update_budget(ctx_of(request), *_ids(request, "project_id", "budget_id"),
                                      await schema_payload(request))
    return zou.json(zou.row(row, "Budget"))


async def delete_budget(request: Request) -> Response:
    await budgets.delete_budget(ctx_of(request), *_ids(request, "project_id", "budget_id"))
    return zou.no_content()


async def list_entries(request: Request) -> Response:
    rows = await budgets.budget_entries(ctx_of(request), *_ids(request, "project_id", "budget_id"))
    return zou.json([zou.row(summary(r, ENTRY_SUMMARY)) for r in rows])


async def create_entry(request: Request) -> Response:
    row = await budgets.create_budget_entry(ctx_of(request), *_ids(request, "project_id", "budget_id"),
                                            await schema_payload(request))
    return zou.json(zou.row(row, "BudgetEntry"))


async def get_entry(request: Request) -> Response:
    row = await budgets.budget_entry(ctx_of(request), *_ids(request, "project_id", "budget_id", "entry_id"))
    return zou.json(zou.row(row, "BudgetEntry"))


async def update_entry(request: Request) -> Response:
    row = await budgets.update_budget_entry(ctx_of(request), *_ids(request, "project_id", "budget_id", "entry_id"),
                                            await schema_payload(request))
    return zou.json(zou.row(row, "BudgetEntry"))


async def delete_entry(request: Request) -> Response:
    await budgets.delete_budget_entry(ctx_of(request), *_ids(request, "project_id", "budget_id", "entry_id"))
    return zou.no_content()


async def month_time_spents(request: Request) -> Response:
    spent = await budgets.month_time_spents(ctx_of(request), *_ids(request, "project_id"))
    return zou.json(_text_keys(spent))


def _text_keys(tree: dict) -> dict:
    return {str(k): _text_keys(v) if isinstance(v, dict) else v for k, v in tree.items()}


BUDGETS = "/data/projects/{project_id}/budgets"
BUDGET = BUDGETS + "/{budget_id}"
ENTRIES = BUDGET + "/entries"
ENTRY = ENTRIES + "/{entry_id}"

ROUTES = [
    route(BUDGETS + "/time-spents", month_time_spents, ["GET"]),  # before {budget_id}
    route(BUDGETS, list_budgets, ["GET"]),
    route(BUDGETS, create_budget, ["POST"]),
    route(BUDGET, get_budget, ["GET"]),
    route(BUDGET, update_budget, ["PUT"]),
    route(BUDGET, delete_budget, ["DELETE"]),
    route(ENTRIES, list_entries, ["GET"]),
    route(ENTRIES, create_entry, ["POST"]),
    route(ENTRY, get_entry, ["GET"]),
    route(ENTRY, update_entry, ["PUT"]),
    route(ENTRY, delete_entry, ["DELETE"]),
]
