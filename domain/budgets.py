"""Production budgets and their entries (spec time-budget.md §4): batch reads, writes and events."""
from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from domain import payloads
from domain.base import new_id, utcnow
from domain.events import EventBus
from domain.tables import Budget, BudgetEntry, Task, TaskType, TimeSpent

BUDGET = Budget.__table__
ENTRY = BudgetEntry.__table__

BUDGET_FIELDS = [payloads.Field("name", "str", required=True, min_length=1),
                 payloads.Field("currency", "str", default="USD", max_length=3)]
BUDGET_UPDATE_FIELDS = [payloads.Field("name", "str"), payloads.Field("currency", "str", max_length=3)]
ENTRY_FIELDS = [payloads.Field("department_id", "str", required=True, min_length=1),
                payloads.Field("person_id", "str"),
                payloads.Field("start_date", "str"),
                payloads.Field("months_duration", "int"),
                payloads.Field("daily_salary", "float"),
                payloads.Field("position", "str"),
                payloads.Field("seniority", "str")]
# Zou's position and seniority choices ("" is let through as well)
CHOICES = {"position": ("supervisor", "lead", "artist", ""), "seniority": ("senior", "mid", "junior", "")}
CHOICE_MESSAGES = {"position": "Input should be 'supervisor', 'lead' or 'artist'",
                   "seniority": "Input should be 'senior', 'mid' or 'junior'"}
ENTRY_UPDATE_FIELDS = [payloads.Field("department_id", "str"), *ENTRY_FIELDS[1:],
                       payloads.Field("exceptions", "dict", default={})]


# --- reads ---

async def budgets_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(BUDGET).where(db.in_keys(Budget.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def budgets_for_projects(db, project_ids: Sequence[uuid.UUID]) -> list[list[dict]]:
    rows = await db.rows(select(BUDGET).where(db.in_keys(Budget.project_id, list(project_ids)))
                         .order_by(Budget.revision, Budget.created_at, Budget.id))
    out: dict[uuid.UUID, list[dict]] = {p: [] for p in project_ids}
    for r in rows:
        out[r["project_id"]].append(dict(r))
    return [out[p] for p in project_ids]


async def entries_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(ENTRY).where(db.in_keys(BudgetEntry.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def entries_for_budgets(db, budget_ids: Sequence[uuid.UUID]) -> list[list[dict]]:
    rows = await db.rows(select(ENTRY).where(db.in_keys(BudgetEntry.budget_id, list(budget_ids)))
                         .order_by(BudgetEntry.created_at, BudgetEntry.id))
    out: dict[uuid.UUID, list[dict]] = {b: [] for b in budget_ids}
    for r in rows:
        out[r["budget_id"]].append(dict(r))
    return [out[b] for b in budget_ids]


async def month_time_spents(db, project_id: uuid.UUID) -> dict:
    """The time actually spent on a production, `{department_id: {"total", person_id: {"total", "YYYY-MM"}}}`
    (tasks whose type has no department are left out, as in Zou)."""
    rows = await db.rows(select(TimeSpent.person_id, TimeSpent.date, TimeSpent.duration, TaskType.department_id)
                         .join(Task, Task.id == TimeSpent.task_id)
                         .join(TaskType, TaskType.id == Task.task_type_id)
                         .where(Task.project_id == project_id, TaskType.department_id.isnot(None))
                         .order_by(TimeSpent.date))
    out: dict = {}
    for r in rows:
        month = r["date"].strftime("%Y-%m")
        department = out.setdefault(r["department_id"], {"total": 0})
        person = department.setdefault(r["person_id"], {"total": 0})
        person[month] = person.get(month, 0) + r["duration"]
        person["total"] += r["duration"]
        department["total"] += r["duration"]
    return out


# --- writes (flush, never commit) ---

async def create_budget(db, events: EventBus, *, project_id: uuid.UUID, payload: Any,
                        actor_id: uuid.UUID | None = None) -> dict:
    """A new budget; its revision is the project's last one plus one (the first is 1)."""
    body = payloads.validate("BudgetSchema", payload, BUDGET_FIELDS)
    last = (await db.scalars(select(func.max(Budget.revision)).where(Budget.project_id == project_id)))[0]
    budget_id, now = new_id(), utcnow()
    await db.execute(insert(BUDGET).values(id=budget_id, project_id=project_id, name=body["name"],
                                           currency=body["currency"], revision=(last or 0) + 1,
                                           created_at=now, updated_at=now))
    events.record("budget:create", {"budget_id": budget_id, "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)
    return (await budgets_by_ids(db, [budget_id]))[0]


async def update_budget(db, events: EventBus, *, budget: dict, payload: Any,
                        actor_id: uuid.UUID | None = None) -> dict:
    """Name and currency; a null or absent value keeps the current one."""
    body = payloads.validate("BudgetUpdateSchema", payload, BUDGET_UPDATE_FIELDS)
    values = {k: v for k, v in body.items() if v is not None}
    await db.execute(update(BUDGET).where(Budget.id == budget["id"]).values(**values, updated_at=utcnow()))
    project_id = budget["project_id"]
    events.record("budget:update", {"budget_id": budget["id"], "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)
    return (await budgets_by_ids(db, [budget["id"]]))[0]


async def delete_budget(db, events: EventBus, *, budget: dict, actor_id: uuid.UUID | None = None) -> None:
    """The budget and its entries."""
    await db.execute(delete(ENTRY).where(BudgetEntry.budget_id == budget["id"]))
    await db.execute(delete(BUDGET).where(Budget.id == budget["id"]))
    project_id = budget["project_id"]
    events.record("budget:delete", {"budget_id": budget["id"], "project_id": project_id}, project_id=project_id,
                  user_id=actor_id)


async def create_entry(db, events: EventBus, *, budget: dict, payload: Any,
                       actor_id: uuid.UUID | None = None) -> dict:
    body = payloads.validate("BudgetEntrySchema", payload, ENTRY_FIELDS)
    values = _entry_values(body)
    entry_id, now = new_id(), utcnow()
    await db.execute(insert(ENTRY).values(id=entry_id, budget_id=budget["id"], exceptions={}, created_at=now,
                                          updated_at=now, **_with_defaults(values)))
    _entry_event(events, "budget-entry:create", budget, entry_id, actor_id)
    return (await entries_by_ids(db, [entry_id]))[0]


async def update_entry(db, events: EventBus, *, entry: dict, payload: Any,
                       actor_id: uuid.UUID | None = None) -> dict:
    """Every field of the schema is written, as Zou does: an omitted one becomes null (so a partial body
    that leaves out a required column is refused). `exceptions` keeps the months with a positive amount."""
    body = payloads.validate("BudgetEntryUpdateSchema", payload, ENTRY_UPDATE_FIELDS)
    values = _entry_values(body)
    values["exceptions"] = _clean_exceptions(body["exceptions"])
    budget = (await budgets_by_ids(db, [entry["budget_id"]]))[0]
    await db.execute(update(ENTRY).where(BudgetEntry.id == entry["id"]).values(**values, updated_at=utcnow()))
    _entry_event(events, "budget-entry:update", budget, entry["id"], actor_id)
    return (await entries_by_ids(db, [entry["id"]]))[0]


async def delete_entry(db, events: EventBus, *, entry: dict, actor_id: uuid.UUID | None = None) -> None:
    budget = (await budgets_by_ids(db, [entry["budget_id"]]))[0]
    await db.execute(delete(ENTRY).where(BudgetEntry.id == entry["id"]))
    _entry_event(events, "budget-entry:delete", budget, entry["id"], actor_id)


def _entry_event(events: EventBus, name: str, budget: dict | None, entry_id: uuid.UUID,
                 actor_id: uuid.UUID | None) -> None:
    project_id = budget["project_id"] if budget else None
    budget_id = budget["id"] if budget else None
    events.record(name, {"budget_id": budget_id, "budget_entry_id": entry_id, "project_id": project_id},
                  project_id=project_id, user_id=actor_id)


def _with_defaults(values: dict[str, Any]) -> dict[str, Any]:
    """Zou's column defaults on creation: an artist, mid seniority."""
    return {**values, "position": "artist" if values.get("position") is None else values["position"],
            "seniority": "mid" if values.get("seniority") is None else values["seniority"]}


def _entry_values(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body's columns, ids and day parsed; a malformed one is a 400 naming the field."""
    failures: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    for key in ("department_id", "person_id", "start_date", "months_duration", "daily_salary", "position",
                "seniority"):
        value = body.get(key)
        if value is not None and key.endswith("_id"):
            parsed = payloads.parse_uuid(value)
            if parsed is None:
                failures.append((key, "Input should be a valid UUID"))
            value = parsed
        elif value is not None and key in CHOICES and value not in CHOICES[key]:
            failures.append((key, CHOICE_MESSAGES[key]))
        elif value is not None and key == "start_date":
            try:
                value = payloads.parse_day(value)
            except ValueError:
                failures.append((key, "Input should be a valid date in the format YYYY-MM-DD"))
        values[key] = value
    if failures:
        raise payloads.validation_error(failures)
    return values


def _clean_exceptions(exceptions: Mapping[str, Any] | None) -> dict[str, int]:
    """{"YYYY-MM": amount}: amounts as integers, months set to zero or null dropped."""
    out: dict[str, int] = {}
    for month, amount in (exceptions or {}).items():
        if amount is None:
            continue
        try:
            amount = int(float(amount)) if isinstance(amount, str) else int(amount)
        except (TypeError, ValueError) as exc:
            raise payloads.validation_error([("exceptions", "Input should be a valid integer")]) from exc
        if amount > 0:
            out[str(month)] = amount
    return out
