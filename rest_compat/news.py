"""`GET /data/entities/{entity_id}/news`: Zou's paginated envelope, page 1 of 2000."""
from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import Response

from resolvers import news
from rest_compat import zou
from rest_compat.routing import ctx_of, path_uuid, route

LIMIT = 2000


async def entity_news(request: Request) -> Response:
    rows = await news.entity_news(ctx_of(request), path_uuid(request, "entity_id"))
    data = [{**zou.row(r, "News"), "person": zou.row(r["person"]) if r["person"] else None} for r in rows[:LIMIT]]
    return zou.json({"data": data, "total": len(rows), "nb_pages": math.ceil(len(rows) / LIMIT), "limit": LIMIT,
                     "offset": 0, "page": 1})


ROUTES = [route("/data/entities/{entity_id}/news", entity_news, ["GET"])]
