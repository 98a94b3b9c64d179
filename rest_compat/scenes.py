"""Zou's `GET /data/scenes/{scene_id}` (entities.md §5): the scene with its project's, sequence's and (when
there is one) episode's names."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import edits
from rest_compat import trees, zou
from rest_compat.routing import ctx_of, path_uuid, route


async def get_scene(request: Request) -> Response:
    ctx = ctx_of(request)
    row = await edits.scene(ctx, path_uuid(request, "scene_id"))
    built = (await trees.build(ctx, trees.SCENE, [row]))[0]
    out = zou.row({k: row[k] for k in trees.ENTITY_COLUMNS}, "Scene")
    sequence = built["sequence"]
    out.update(project_name=built["project"]["name"], sequence_id=zou.value(sequence["id"]),
               sequence_name=sequence["name"])
    if sequence["episode"] is not None:
        out.update(episode_id=zou.value(sequence["episode"]["id"]), episode_name=sequence["episode"]["name"])
    return zou.json(out)


ROUTES = [route("/data/scenes/{scene_id}", get_scene, ["GET"])]
