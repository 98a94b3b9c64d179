"""Zou's breakdown routes (breakdown.md): casting reads (an entity's, a sequence's, a project's, an episode's,
an asset type's), the casting write, and a shot's asset instances."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from resolvers import breakdown
from rest_compat import trees, zou
from rest_compat.routing import ctx_of, json_body, path_uuid, route

Row = dict[str, Any]
Entry = Callable[[Row, Row], Row]


def _asset_fields(link: Row) -> tuple[Row, str | None]:
    asset = link["asset"] or {}
    asset_type = asset.get("asset_type") or {}
    return asset, asset_type.get("name")


def entity_entry(link: Row, container: Row) -> Row:
    """One line of an entity's casting."""
    asset, type_name = _asset_fields(link)
    return {"asset_id": link["asset_id"], "asset_name": asset.get("name"), "asset_type_name": type_name,
            "ready_for": asset.get("ready_for"), "episode_id": asset.get("source_id"),
            "preview_file_id": asset.get("preview_file_id"), "nb_occurences": link["nb_occurences"],
            "label": link["label"], "is_shared": asset.get("is_shared"), "project_id": asset.get("project_id")}


def sequence_entry(link: Row, container: Row) -> Row:
    """One line of a shot's casting in a sequence's (or a project's) casting."""
    asset, type_name = _asset_fields(link)
    return {"asset_id": link["asset_id"], "name": asset.get("name"), "asset_name": asset.get("name"),
            "asset_type_name": type_name, "sequence_name": (container["parent"] or {}).get("name"),
            "preview_file_id": asset.get("preview_file_id"), "nb_occurences": link["nb_occurences"],
            "label": link["label"], "is_shared": asset.get("is_shared"), "project_id": asset.get("project_id")}


def episode_entry(link: Row, container: Row) -> Row:
    entry = sequence_entry(link, container)
    del entry["sequence_name"]
    return entry


def asset_type_entry(link: Row, container: Row) -> Row:
    entry = episode_entry(link, container)
    del entry["is_shared"], entry["project_id"]
    return entry


async def _containers(request: Request, containers: list[Row]) -> list[Row]:
    return await trees.build(ctx_of(request), trees.CASTING_CONTAINER, containers)


def _by_container(built: list[Row], entry: Entry) -> dict[str, list[Row]]:
    """{container id: casting lines}, containers without casting left out."""
    return {zou.value(c["id"]): [zou.row(entry(link, c)) for link in c["casting"]]
            for c in built if c["casting"]}


async def entity_casting(request: Request) -> Response:
    container = await breakdown.casting_container(ctx_of(request), path_uuid(request, "project_id"),
                                                  path_uuid(request, "entity_id"))
    built = (await _containers(request, [container]))[0]
    return zou.json([zou.row(entity_entry(link, built)) for link in built["casting"]])


async def set_entity_casting(request: Request) -> Response:
    body = await json_body(request)
    await breakdown.set_entity_casting(ctx_of(request), path_uuid(request, "project_id"),
                                       path_uuid(request, "entity_id"), body)
    return zou.json(body)


async def sequence_casting(request: Request) -> Response:
    shots = await breakdown.sequence_shots(ctx_of(request), path_uuid(request, "project_id"),
                                           path_uuid(request, "sequence_id"))
    return zou.json(_by_container(await _containers(request, shots), sequence_entry))


def _in_sequence_order(built: list[Row]) -> list[Row]:
    """Shots by sequence name then shot name; shots outside any sequence are not listed (Zou joins them)."""
    placed = [c for c in built if c["parent"] is not None]
    return sorted(placed, key=lambda c: c["parent"]["name"])


async def all_sequences_casting(request: Request) -> Response:
    shots = await breakdown.project_shots(ctx_of(request), path_uuid(request, "project_id"))
    built = _in_sequence_order(await _containers(request, shots))
    return zou.json(_by_container(built, sequence_entry))


async def episode_sequences_casting(request: Request) -> Response:
    project_id = path_uuid(request, "project_id")
    if request.path_params["episode_id"] == "main":  # the main pack: assets only, no shot
        await breakdown.casting_reader(ctx_of(request), project_id)
        return zou.json({})
    shots = await breakdown.project_shots(ctx_of(request), project_id, path_uuid(request, "episode_id"))
    built = _in_sequence_order(await _containers(request, shots))
    return zou.json(_by_container(built, sequence_entry))


async def episodes_casting(request: Request) -> Response:
    containers = await breakdown.project_containers(ctx_of(request), path_uuid(request, "project_id"))
    return zou.json(_by_container(await _containers(request, containers), episode_entry))


async def asset_type_casting(request: Request) -> Response:
    assets = await breakdown.asset_type_assets(ctx_of(request), path_uuid(request, "project_id"),
                                               path_uuid(request, "asset_type_id"))
    return zou.json(_by_container(await _containers(request, assets), asset_type_entry))


async def shot_asset_instances(request: Request) -> Response:
    rows = await breakdown.shot_asset_instances(ctx_of(request), path_uuid(request, "shot_id"))
    grouped: dict[str, list[Row]] = {}
    for r in rows:
        grouped.setdefault(zou.value(r["asset_id"]), []).append(
            zou.row(r, "AssetInstance", drop=("linked_entity_id",)))
    return zou.json(grouped)


PROJECT = "/data/projects/{project_id}"
ROUTES = [
    route(PROJECT + "/entities/{entity_id}/casting", entity_casting, ["GET"]),
    route(PROJECT + "/entities/{entity_id}/casting", set_entity_casting, ["PUT"]),
    route(PROJECT + "/sequences/all/casting", all_sequences_casting, ["GET"]),
    route(PROJECT + "/sequences/{sequence_id}/casting", sequence_casting, ["GET"]),
    route(PROJECT + "/episodes/casting", episodes_casting, ["GET"]),
    route(PROJECT + "/episodes/{episode_id}/sequences/all/casting", episode_sequences_casting, ["GET"]),
    route(PROJECT + "/asset-types/{asset_type_id}/casting", asset_type_casting, ["GET"]),
    route("/data/shots/{shot_id}/asset-instances", shot_asset_instances, ["GET"]),
]
