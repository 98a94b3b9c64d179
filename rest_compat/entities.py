"""Entity rows as Zou's typed entity routes serialize them: its columns, its relations (as id lists, in Zou's
key order) when asked, a vendor's hidden metadata left out."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resolvers import boards, shots
from rest_compat import zou
from rest_compat.routing import ctx_of

# Zou's order of an entity's keys once its relations are in (`serialize(relations=True)`).
FULL_ENTITY_KEYS = ("id", "name", "code", "description", "shotgun_id", "canceled", "nb_frames", "nb_entities_out",
                    "is_casting_standby", "is_shared", "status", "project_id", "entity_type_id", "parent_id",
                    "source_id", "preview_file_id", "data", "ready_for", "created_by", "entities_out",
                    "entity_concept_links", "instance_casting", "created_at", "updated_at", "entities_in")


async def entity_rows(request: Request, rows: list[dict], type_name: str, *, relations: bool = True) -> Response:
    """Entity rows (with their relations when the route takes `?relations=true` and it is given), a vendor's
    hidden metadata left out."""
    ctx = ctx_of(request)
    hidden = await boards.hidden_metadata(ctx, [r["project_id"] for r in rows], type_name)
    if relations and request.query_params.get("relations", "").lower() == "true":
        found = await shots.entity_relations(ctx, rows)
        rows = [{**r, **rel} for r, rel in zip(rows, found)]
    out = []
    for r in rows:
        row = zou.row({k: r[k] for k in FULL_ENTITY_KEYS if k in r}, type_name)
        if r["project_id"] in hidden:  # a vendor's: Zou masks through a dict, so no data reads {}
            row["data"] = boards.visible_data(row["data"] or {}, hidden[r["project_id"]])
        out.append(row)
    return zou.json(out)
