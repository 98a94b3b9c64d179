"""Generic reads and writes of Zou's `/data/<model>` family, driven by a `Model` description (the per-model
table is `domain/crud_models.py`). Filters follow Zou's casting rules, lists stay one or two statements plus
one batch read per collection, writes flush and never commit."""
from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import orjson
from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, Integer, LargeBinary, String,
                        delete, exists, false, func, insert, literal, literal_column, or_, select, union_all,
                        update)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ColumnElement
from sqlalchemy.types import TypeDecorator, Uuid

from domain import errors
from domain.base import new_id, utcnow

PROTECTED = frozenset({"id", "created_at", "updated_at"})
RESERVED_ARGS = frozenset({"page", "relations", "fields"})
INVALID_FORMAT = "One of the provided values has an invalid format."
MISSING_FIELD = "A required field is missing."
_UUID_RE = re.compile(r"\A[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\Z")
_TRUE = ("y", "yes", "t", "true", "on", "1")
_FALSE = ("n", "no", "f", "false", "off", "0")


def is_valid_id(value: Any) -> bool:
    return isinstance(value, uuid.UUID) or bool(_UUID_RE.match(str(value)))


def parse_id(value: Any) -> uuid.UUID | None:
    """The UUID of a path or body id, None when it is not one (Zou's `is_valid_id`: canonical form only)."""
    if isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(value) if isinstance(value, str) and _UUID_RE.match(value) else None


# --- the description of one model route ------------------------------------------------------------------

@dataclass(frozen=True)
class Collection:
    """A to-many relation serialized as a list of ids with `relations=true`: through a link table (`own` points
    at this row, `other` at the related one), or one-to-many when `link` is the related table itself."""

    name: str
    link: Any
    own: str
    other: str
    target: Any = None  # the related table, to drop unknown ids on writes; None = read-only collection
    link_values: Mapping[str, Any] = field(default_factory=dict)  # extra values of a new link row

    @property
    def one_to_many(self) -> bool:
        return self.other == "id"

    def own_col(self):
        return getattr(self.link, self.own)

    def other_col(self):
        return getattr(self.link, self.other)


@dataclass
class Model:
    """One model route of `/data/<route>`. Per-model behaviour lives in subclasses (`domain/crud_models.py`)
    that override the hooks; the reads and writes below are the same for every model."""

    route: str
    table: Any
    type_name: str
    defaults: Mapping[str, Any] = field(default_factory=dict)
    collections: tuple[Collection, ...] = ()
    update_dropped: frozenset[str] = frozenset()
    create_dropped: frozenset[str] = frozenset()
    hidden_filters: frozenset[str] = frozenset()  # names never filterable (all callers)
    force_delete: bool = False
    list_relations_default: bool = False  # relations of a list without query string
    update_relations: bool | frozenset[str] = False  # PUT answers with relations (all, or these)
    ignores_filters: bool = False  # the list answers every row whatever the query string
    creates_on_list: bool = False  # `before_list` may write rows (committed before listing)
    create_type: str | None = None  # `type` of the POST answer when it differs
    read_malformed_404: bool = False  # GET /<id> answers a malformed id with 404 (Zou's own read routes)
    empty_body_message: str | None = None  # 400 message for a body that is not a JSON object
    conflict_message: str | None = None  # 400 `{"message"}` of a refused insert, instead of the DB's
    delete_conflict_message: str | None = None  # 400 `{"error", "message"}` of a refused delete

    # --- columns ---
    @property
    def columns(self) -> dict[str, Any]:
        return {c.name: c for c in self.table.__table__.columns}

    @property
    def collection_names(self) -> dict[str, Collection]:
        return {c.name: c for c in self.collections}

    def hybrids(self) -> dict[str, ColumnElement]:
        """Computed attributes Zou serializes and filters on (Person.full_name)."""
        return {}

    @property
    def table_name(self) -> str:
        return self.table.__tablename__

    @property
    def has_project(self) -> bool:
        return "project_id" in self.columns

    def attribute_names(self) -> set[str]:
        return set(self.columns) | set(self.collection_names) | set(self.hybrids())

    # --- events: `<table-kebab>:<action>` with `{"<table>_id": id}` ---
    def event(self, row: Mapping[str, Any], action: str) -> tuple[str, dict[str, Any]]:
        return f"{self.table_name.replace('_', '-')}:{action}", {f"{self.table_name}_id": row["id"]}

    async def decorate(self, db, rows: list[dict[str, Any]]) -> None:
        """Set each row's `type` (and computed attributes) as Zou serializes them."""
        for r in rows:
            r.update(self.computed(r))
            r["type"] = self.type_name

    def computed(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    # --- hooks (domain rules); `actor` is the caller's person row. A hook's returned dict holds extra
    # keys of the answer; `_events` in it lists more events as (name, payload, project_id). ---
    async def before_list(self, db) -> None:
        """Rows a list creates on first use (Zou's default organisation, salary scales)."""

    async def extra_filters(self, db, args: Sequence[tuple[str, str]]) -> list[ColumnElement[bool]]:
        """Query-string parameters of this route that are not columns (e.g. `episode_id` on tasks)."""
        return []

    async def check_create(self, db, data: dict[str, Any], actor: Mapping[str, Any]) -> None:
        """Integrity checks on the raw body, before the protected fields are dropped."""

    async def prepare_create(self, db, data: dict[str, Any], actor: Mapping[str, Any]) -> dict[str, Any]:
        return data

    async def after_create(self, db, row: dict[str, Any], data: dict[str, Any], actor) -> dict[str, Any]:
        """Side effects once the row exists; returns extra keys for the response."""
        return {}

    async def check_update(self, db, row: dict[str, Any], data: dict[str, Any], actor) -> None:
        """Checks on the body before the dropped fields are removed (Zou's `pre_update`)."""

    async def prepare_update(self, db, row: dict[str, Any], data: dict[str, Any], actor) -> dict[str, Any]:
        """After the dropped fields are removed and dates validated (Zou's `update_data`)."""
        return data

    async def after_update(self, db, row: dict[str, Any], before: dict[str, Any], data: dict[str, Any],
                           actor) -> dict[str, Any]:
        return {}

    async def before_delete(self, db, row: dict[str, Any], *, force: bool) -> None:
        """Checks and dependent rows to remove before the row goes (Zou's `pre_delete`)."""

    async def after_delete(self, db, row: dict[str, Any]) -> dict[str, Any]:
        return {}


# --- value casting ---------------------------------------------------------------------------------------

def kind_of(column) -> str:
    t = column.type
    if isinstance(t, TypeDecorator):
        return "json"
    if isinstance(t, Uuid):
        return "uuid"
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, (Integer, BigInteger)):
        return "int"
    if isinstance(t, Float):
        return "float"
    if isinstance(t, DateTime):
        return "datetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, LargeBinary):
        return "binary"
    if isinstance(t, JSON):
        return "json"
    if isinstance(t, String):
        return "str"
    return "other"


class CastError(ValueError):
    pass


def parse_datetime(value: str) -> datetime:
    """ISO 8601 date or datetime (`Z` allowed) as naive UTC."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def cast(column, value: Any) -> Any:
    """A JSON or query-string value as the column stores it; CastError when the database would refuse it."""
    if value is None:
        return None
    kind = kind_of(column)
    try:
        if kind == "uuid":
            parsed = parse_id(value)
            if parsed is None:
                raise CastError(value)
            return parsed
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, int):
                return bool(value)
            if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
                return value.strip().lower() in _TRUE
            raise CastError(value)
        if kind == "int":
            if isinstance(value, bool):
                return int(value)
            if isinstance(value, float):
                return int(round(value))
            if isinstance(value, (int, str)):
                return int(value)
            raise CastError(value)
        if kind == "float":
            if isinstance(value, (int, float, str)) and not isinstance(value, bool):
                return float(value)
            raise CastError(value)
        if kind in ("date", "datetime"):
            if isinstance(value, datetime):
                return value.date() if kind == "date" else value
            if isinstance(value, date):
                return value if kind == "date" else datetime(value.year, value.month, value.day)
            if not isinstance(value, str):
                raise CastError(value)
            parsed = parse_datetime(value)
            return parsed.date() if kind == "date" else parsed
        if kind == "str":
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, (int, float)):
                value = str(value)
            if not isinstance(value, str):
                raise CastError(value)
            length = getattr(column.type, "length", None)
            if length is not None and len(value) > length:
                raise CastError(value)
            return value
        if kind == "binary":
            return value.encode() if isinstance(value, str) else value
        return value
    except (TypeError, ValueError) as exc:
        raise CastError(value) from exc


# --- list filters ----------------------------------------------------------------------------------------

def _format_error() -> errors.InvalidInput:
    return errors.InvalidInput(INVALID_FORMAT, body={"error": True, "message": INVALID_FORMAT})


def _filter_value(column, value: Any) -> Any:
    """Zou's `cast_value`: booleans and UUIDs have their own messages, other failures are the database's."""
    kind = kind_of(column)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in _TRUE + _FALSE:
            return text in _TRUE
        raise errors.InvalidInput(f"Invalid boolean value: {value}")
    if kind == "uuid":
        if value and not is_valid_id(value):
            raise errors.InvalidInput(f"Invalid UUID value: {value}")
        if not value:
            raise _format_error()
        return uuid.UUID(str(value))
    try:
        if kind == "json":
            return orjson.loads(value) if isinstance(value, str) else value
        return cast(column, value)
    except (CastError, orjson.JSONDecodeError) as exc:
        raise _format_error() from exc


def filter_clauses(db, model: Model, args: Iterable[tuple[str, str]], *,
                   not_allowed: Iterable[str] = ()) -> list[ColumnElement[bool]]:
    """WHERE clauses for a list's query string. Unknown names are ignored; a model attribute the caller may not
    filter on is refused (400 `Filtering on <k> is not allowed.`)."""
    refused = set(not_allowed) | set(model.hidden_filters)
    columns, collections, hybrids = model.columns, model.collection_names, model.hybrids()
    clauses: list[ColumnElement[bool]] = []
    for key, value in args:
        if key in RESERVED_ARGS or key not in model.attribute_names():
            continue
        if key in refused:
            raise errors.InvalidInput(f"Filtering on {key} is not allowed.")
        if key == "name" and key in columns:
            clauses.append(columns[key].ilike(value))
        elif key in collections:
            clauses.append(_collection_contains(model, collections[key], value))
        elif key in hybrids:
            clauses.append(hybrids[key] == value)
        elif isinstance(value, str) and value.startswith("["):
            clauses.append(_in_list(db, key, columns[key], value))
        else:
            column = columns[key]
            cast_value = _filter_value(column, value)
            clauses.append(_equals(db, column, cast_value))
    return clauses


def _equals(db, column, value: Any) -> ColumnElement[bool]:
    if value is None:
        return column.is_(None)
    if kind_of(column) != "json":
        return column == value
    if isinstance(getattr(column.type, "_variant_mapping", {}).get("postgresql"), postgresql.ARRAY):
        raise _format_error()  # array columns (only secrets here) compare to nothing a query string holds
    document = orjson.dumps(value).decode()
    if db.is_postgres:
        return column == sql_cast(literal(document), postgresql.JSONB)
    return func.json(column) == func.json(literal(document))


def _in_list(db, key: str, column, value: str) -> ColumnElement[bool]:
    try:
        items = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise errors.InvalidInput(f"Malformed list filter for field {key}.") from exc
    if not isinstance(items, list):
        raise errors.InvalidInput(f"Malformed list filter for field {key}.")
    values = [_filter_value(column, v) for v in items]
    if kind_of(column) in ("uuid", "int", "str"):
        return db.in_keys(column, values)
    if kind_of(column) == "json":
        return or_(false(), *[_equals(db, column, v) for v in values])
    return column.in_(values)


def _collection_contains(model: Model, coll: Collection, value: str) -> ColumnElement[bool]:
    other_id = parse_id(value)
    if other_id is None:
        raise _format_error()
    own_id = model.table.id
    if coll.one_to_many:
        return exists().where(coll.own_col() == own_id, coll.link.id == other_id)
    return exists().where(coll.own_col() == own_id, coll.other_col() == other_id)


# --- reads -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    number: int
    limit: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.limit


@dataclass
class Listing:
    rows: list[dict[str, Any]]
    page: Page | None = None
    total: int | None = None

    def envelope(self, data: list) -> dict[str, Any]:
        assert self.page is not None and self.total is not None
        return {"data": data, "total": self.total, "nb_pages": int(math.ceil(self.total / float(self.page.limit))),
                "limit": self.page.limit, "offset": self.page.offset, "page": self.page.number}


def _select(model: Model):
    return select(model.table.__table__)


async def list_rows(db, model: Model, where: Sequence[ColumnElement[bool]], *, page: Page | None = None) -> Listing:
    """All matching rows (one statement), or one page of them (a count, then the page unless it is out of
    range), ordered as Zou orders pages: most recently updated first."""
    if page is None:
        return Listing([dict(r) for r in await db.rows(_select(model).where(*where))])
    t = model.table
    total = (await db.scalars(select(func.count()).select_from(t.__table__).where(*where)))[0]
    if page.number < 1 or total < page.offset:
        return Listing([], page, total)
    stmt = (_select(model).where(*where).order_by(t.updated_at.desc(), t.created_at.desc(), t.id)
            .limit(page.limit).offset(page.offset))
    return Listing([dict(r) for r in await db.rows(stmt)], page, total)


async def row_by_id(db, model: Model, row_id: uuid.UUID) -> dict[str, Any] | None:
    rows = await db.rows(_select(model).where(model.table.id == row_id))
    return dict(rows[0]) if rows else None


async def rows_by_ids(db, model: Model, ids: Sequence[uuid.UUID]) -> list[dict[str, Any] | None]:
    rows = await db.rows(_select(model).where(db.in_keys(model.table.id, list(ids))))
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def collection_ids(db, model: Model, ids: Sequence[uuid.UUID],
                         names: Iterable[str] | None = None) -> dict[str, dict[uuid.UUID, list[uuid.UUID]]]:
    """{collection: {row id: [related ids]}}: one statement for every collection and any number of rows
    (a UNION ALL of one select per collection, told apart by a literal `coll` column)."""
    wanted = [c for c in model.collections if names is None or c.name in set(names)]
    out: dict[str, dict[uuid.UUID, list[uuid.UUID]]] = {c.name: {i: [] for i in ids} for c in wanted}
    if not ids or not wanted:
        return out
    parts = [select(literal_column(str(n)).label("coll"), c.own_col().label("own"),
                    (c.link.id if c.one_to_many else c.other_col()).label("other"))
             .where(db.in_keys(c.own_col(), list(ids)))
             for n, c in enumerate(wanted)]
    stmt = parts[0] if len(parts) == 1 else union_all(*parts)
    for r in await db.rows(stmt):
        out[wanted[r["coll"]].name].setdefault(r["own"], []).append(r["other"])
    return out


async def with_collections(db, model: Model, rows: list[dict[str, Any]],
                           names: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The rows with their collections as id lists (in place)."""
    found = await collection_ids(db, model, [r["id"] for r in rows], names)
    for r in rows:
        for name, by_row in found.items():
            r[name] = by_row.get(r["id"], [])
    return rows


# --- writes ----------------------------------------------------------------------------------------------

def invalid_keyword(key: str, model: Model) -> errors.InvalidInput:
    msg = f"'{key}' is an invalid keyword argument for {model.table.__name__}"
    return errors.InvalidInput(msg, body={"message": msg})


def format_error() -> errors.InvalidInput:
    """A value the database could not store, as the CRUD writes answer it (no `error` key)."""
    return errors.InvalidInput(INVALID_FORMAT, body={"message": INVALID_FORMAT})


def check_dates(model: Model, data: Mapping[str, Any]) -> None:
    """Zou's PUT date check: any non-empty string sent for a date/datetime column must be ISO 8601."""
    for key, value in data.items():
        column = model.columns.get(key)
        if column is None or kind_of(column) not in ("date", "datetime"):
            continue
        if isinstance(value, str) and value != "":
            try:
                parse_datetime(value)
            except ValueError as exc:
                raise errors.InvalidInput(f"Invalid date format for '{key}': '{value}'. Expected an ISO 8601 date "
                                          "or datetime.") from exc


def split_values(model: Model, data: Mapping[str, Any], *, strict: bool) -> tuple[dict, dict]:
    """Column values cast to their types, and collection id lists. `strict` (create) rejects unknown keys as
    Zou's model constructor does; updates ignore them."""
    columns, collections, hybrids = model.columns, model.collection_names, model.hybrids()
    values: dict[str, Any] = {}
    links: dict[str, Any] = {}
    for key, value in data.items():
        if key in collections:
            links[key] = value
        elif key in columns:
            try:
                values[key] = cast(columns[key], value)
            except CastError as exc:
                raise format_error() from exc
        elif key in hybrids:
            continue
        elif strict:
            raise invalid_keyword(key, model)
    return values, links


async def _resolve_links(db, coll: Collection, value: Any) -> list[uuid.UUID]:
    """Ids given for a collection (ids or `{"id": ...}` objects); unknown ids are dropped."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise format_error()
    ids: list[uuid.UUID] = []
    for item in value:
        raw = item.get("id") if isinstance(item, dict) else item
        parsed = parse_id(raw)
        if parsed is None:
            raise format_error()
        if parsed not in ids:
            ids.append(parsed)
    if not ids or coll.target is None:
        return []
    found = set(await db.scalars(select(coll.target.id).where(db.in_keys(coll.target.id, ids))))
    return [i for i in ids if i in found]


async def set_links(db, model: Model, row_id: uuid.UUID, links: Mapping[str, Any], *, replace: bool) -> None:
    for name, value in links.items():
        coll = model.collection_names[name]
        if coll.target is None or coll.one_to_many:
            continue
        ids = await _resolve_links(db, coll, value)
        if replace:
            await db.execute(delete(coll.link).where(coll.own_col() == row_id))
        if ids:
            rows = [{coll.own: row_id, coll.other: i, **_link_extra(coll)} for i in ids]
            await db.execute(insert(coll.link), rows)


def _link_extra(coll: Collection) -> dict[str, Any]:
    extra = dict(coll.link_values)
    cols = {c.name for c in coll.link.__table__.columns}
    if "id" in cols and "id" not in (coll.own, coll.other):
        extra.setdefault("id", new_id())
    now = utcnow()
    for stamp in ("created_at", "updated_at"):
        if stamp in cols:
            extra.setdefault(stamp, now)
    return extra


async def insert_row(db, model: Model, values: Mapping[str, Any], links: Mapping[str, Any]) -> uuid.UUID:
    now = utcnow()
    row = {**{k: v for k, v in model.defaults.items() if k not in values}, **values}
    row.update(id=values.get("id") or new_id(), created_at=now, updated_at=now)
    if any(row.get(c.name) is None for c in model.table.__table__.primary_key.columns):
        # a key column left out: the database's NOT NULL refusal, without sending the statement
        raise errors.Conflict(MISSING_FIELD, body={"message": MISSING_FIELD})
    await db.execute(insert(model.table.__table__).values(row))
    await set_links(db, model, row["id"], links, replace=False)
    return row["id"]


async def update_row(db, model: Model, row_id: uuid.UUID, values: Mapping[str, Any],
                     links: Mapping[str, Any]) -> None:
    await db.execute(update(model.table.__table__).where(model.table.id == row_id)
                     .values(**values, updated_at=utcnow()))
    await set_links(db, model, row_id, links, replace=True)


async def delete_row(db, model: Model, row_id: uuid.UUID) -> None:
    """The row and its own link rows (what Zou's ORM removes with it); one-to-many children are detached."""
    for coll in model.collections:
        if coll.one_to_many:
            await db.execute(update(coll.link).where(coll.own_col() == row_id).values({coll.own: None}))
        else:
            await db.execute(delete(coll.link).where(coll.own_col() == row_id))
    await db.execute(delete(model.table.__table__).where(model.table.id == row_id))


def pick_fields(rows: list[dict[str, Any]], names: Iterable[str]) -> list[dict[str, Any]]:
    """`fields=a,b`: keep those keys, plus `id` and `type`."""
    kept = set(names) | {"id", "type"}
    return [{k: v for k, v in r.items() if k in kept} for r in rows]
