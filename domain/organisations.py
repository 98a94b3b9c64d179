"""The studio's organisation: one row, "Kitsu" by default, created on first use as Zou does."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from domain.base import new_id, utcnow
from domain.tables import Organisation

DEFAULT_NAME = "Kitsu"
# Shown to admins only (Zou's `present` vs `present_minimal`).
CHAT_TOKEN_FIELDS = frozenset({"chat_token_slack", "chat_webhook_mattermost", "chat_token_discord"})


def _defaults() -> dict[str, Any]:
    now = utcnow()
    return {
        "id": new_id(), "name": DEFAULT_NAME, "hours_by_day": 8.0, "has_avatar": False,
        "use_original_file_name": False, "timesheets_locked": False, "format_duration_in_hours": False,
        "hd_by_default": False, "chat_token_slack": "", "chat_webhook_mattermost": "", "chat_token_discord": "",
        "dark_theme_by_default": False, "created_at": now, "updated_at": now,
    }


async def _first(db) -> dict[str, Any] | None:
    rows = await db.rows(select(Organisation.__table__).order_by(Organisation.created_at, Organisation.id).limit(1))
    return dict(rows[0]) if rows else None


async def get_organisation(db) -> dict[str, Any]:
    """The organisation row, created with Zou's defaults when the database has none. Two requests racing
    to create it both end up reading the one row (the name is unique)."""
    row = await _first(db)
    if row is not None:
        return row
    insert = postgresql.insert if db.is_postgres else sqlite.insert
    await db.execute(insert(Organisation).values(_defaults()).on_conflict_do_nothing(index_elements=["name"]))
    await db.flush()
    row = await _first(db)
    assert row is not None
    return row


def present(row: dict[str, Any], *, sensitive: bool) -> dict[str, Any]:
    """The organisation as a user may see it: chat tokens only when `sensitive` (admins)."""
    if sensitive:
        return dict(row)
    return {k: v for k, v in row.items() if k not in CHAT_TOKEN_FIELDS}
