"""`GET /api/`: what gazu's `host_is_up` and `get_api_version` read."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from rest_compat import zou
from rest_compat.routing import route

ZOU_VERSION = "1.0.97"


async def api_root(request: Request) -> Response:
    return zou.json({"api": "Zou", "version": ZOU_VERSION})


ROUTES = [route("/", api_root, ["GET"], public=True)]
