"""Persons as both faces read them. Secrets never leave `domain.people`'s rows through the faces: the
GraphQL type and REST serializers name the fields they show."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from domain import errors, people
from domain.batch import Row
from resolvers.args import uuid_arg
from resolvers.context import Context


async def me(ctx: Context) -> Row:
    return ctx.require_user().person


async def persons_by_ids(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await people.persons_by_ids(ctx.db, ids)


async def person(ctx: Context, id: Any) -> Row:  # noqa: A002
    row = await ctx.loaders.of(persons_by_ids, ctx).load(uuid_arg(id))
    if row is None:
        raise errors.NotFound()
    return row


def full_name(row: Row) -> str:
    return people.full_name(row)
