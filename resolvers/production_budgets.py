"""Budgets read through relations, batch-first: manager project access per project (spec time-budget.md
§4); a project the caller does not manage answers FORBIDDEN at that position. (The single-budget routes
and the writes are in resolvers/budgets.py.)"""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import budgets, errors
from domain.batch import Row
from resolvers.context import Context
from resolvers.engine import Failure
from resolvers.scope import scope


async def project_budgets(ctx: Context, project_ids: Sequence[uuid.UUID]) -> list[list[Row] | Failure]:
    s = await scope(ctx)
    allowed = [p for p in project_ids if s.manages(p)]
    found = dict(zip(allowed, await budgets.budgets_for_projects(ctx.db, allowed))) if allowed else {}
    refused = Failure(errors.PermissionDenied())
    return [found.get(p, refused) for p in project_ids]


async def budget_entries(ctx: Context, budget_rows: Sequence[Row]) -> list[list[Row] | Failure]:
    s = await scope(ctx)
    allowed = [b["id"] for b in budget_rows if s.manages(b["project_id"])]
    found = dict(zip(allowed, await budgets.entries_for_budgets(ctx.db, allowed))) if allowed else {}
    refused = Failure(errors.PermissionDenied())
    return [found.get(b["id"], refused) for b in budget_rows]
