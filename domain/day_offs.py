"""Day offs: batch reads and the service rules the day-off writes apply (spec time-budget.md §3).

The generic CRUD routes call the rules around their writes:

    await day_offs.check_period_free(db, person_id, start, end, exclude_id=None)   # before insert/update
    ... insert or update the row ...
    await day_offs.clear_covered_time_spents(db, person_id, start, end)            # after it
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from domain import errors, time_spents
from domain.tables import DayOff

DAY_OFF = DayOff.__table__
OVERLAP = "Day off already exists for this period"


async def day_offs_by_ids(db, ids: Sequence[uuid.UUID]) -> list[dict | None]:
    rows = await db.rows(select(DAY_OFF).where(db.in_keys(DayOff.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def day_offs_for_persons(db, person_ids: Sequence[uuid.UUID], start: date | None = None,
                               end: date | None = None) -> list[list[dict]]:
    """Each person's day offs intersecting [start, end] (either bound open when None), earliest first."""
    stmt = select(DAY_OFF).where(db.in_keys(DayOff.person_id, list(person_ids)))
    stmt = _intersecting(stmt, start, end)
    rows = await db.rows(stmt.order_by(DayOff.date, DayOff.id))
    out: dict[uuid.UUID, list[dict]] = {p: [] for p in person_ids}
    for r in rows:
        out[r["person_id"]].append(dict(r))
    return [out[p] for p in person_ids]


async def day_offs_covering(db, keys: Sequence[tuple[uuid.UUID, date]]) -> list[dict | None]:
    """The day off of each (person_id, day) whose period holds that day, or None."""
    if not keys:
        return []
    days = [k[1] for k in keys]
    rows = await db.rows(_intersecting(select(DAY_OFF).where(
        db.in_keys(DayOff.person_id, list({k[0] for k in keys}))), min(days), max(days))
        .order_by(DayOff.date, DayOff.id))
    out: list[dict | None] = []
    for person_id, day in keys:
        out.append(next((dict(r) for r in rows if r["person_id"] == person_id and r["date"] <= day <= r["end_date"]),
                        None))
    return out


def _intersecting(stmt, start: date | None, end: date | None):
    if start is not None:
        stmt = stmt.where(DayOff.end_date >= start)
    if end is not None:
        stmt = stmt.where(DayOff.date <= end)
    return stmt


async def overlapping(db, person_id: uuid.UUID, start: date, end: date, *,
                      exclude_id: uuid.UUID | None = None) -> list[dict]:
    """The person's day offs sharing at least one day with [start, end], but `exclude_id`."""
    stmt = _intersecting(select(DAY_OFF).where(DayOff.person_id == person_id), start, end)
    if exclude_id is not None:
        stmt = stmt.where(DayOff.id != exclude_id)
    return [dict(r) for r in await db.rows(stmt)]


async def check_period_free(db, person_id: uuid.UUID, start: date, end: date, *,
                            exclude_id: uuid.UUID | None = None) -> None:
    """400 `Day off already exists for this period` when the person already has a day off in it."""
    if await overlapping(db, person_id, start, end, exclude_id=exclude_id):
        raise errors.InvalidInput(OVERLAP)


async def clear_covered_time_spents(db, person_id: uuid.UUID, start: date, end: date) -> list[uuid.UUID]:
    """A day off wipes the time the person logged on the days it covers (task durations are not
    recomputed, as in Zou). Returns the ids of the removed time spents."""
    return await time_spents.delete_time_spents_between(db, person_id, start, end)
