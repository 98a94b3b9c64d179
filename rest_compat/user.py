"""`GET /data/user/context`: every key Zou 1.0.97 answers, in its shapes."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from domain import people
from resolvers import user_context
from rest_compat import zou
from rest_compat.routing import ctx_of, route

MINIMAL_PERSON = ("id", "first_name", "last_name", "full_name", "has_avatar", "active", "departments", "studio_id",
                  "role", "desktop_login", "is_bot")
CLIENT_PERSON = ("id", "first_name", "last_name", "full_name", "has_avatar", "active", "role", "is_bot")
DESCRIPTOR = ("id", "name", "field_name", "data_type", "choices", "for_client", "entity_type", "task_type_id",
              "position", "departments")
LISTS = {"asset_types": "AssetType", "custom_actions": "CustomAction", "status_automations": "StatusAutomation",
         "departments": "Department", "studios": "Studio", "project_status": "ProjectStatus", "task_types": "TaskType",
         "task_status": "TaskStatus", "preview_background_files": "PreviewBackgroundFile"}


async def context(request: Request) -> Response:
    c = await user_context.user_context(ctx_of(request))
    body = {key: [zou.row(r, type_name) for r in getattr(c, key)] for key, type_name in LISTS.items()}
    body.update(
        notification_count=c.notification_count,
        persons=_persons(c.persons, c.persons_shape),
        project_roles={str(k): v for k, v in c.project_roles.items()},
        projects=[_project(p) for p in c.projects],
        search_filters=_grouped(c.search_filters, "SearchFilter"),
        search_filter_groups=_grouped(c.search_filter_groups, "SearchFilterGroup"),
        plugins=[zou.row(r) for r in c.plugins],
    )
    if c.user_limit is not None:
        body["user_limit"] = c.user_limit
    return zou.json(body)


def _persons(rows: list[dict], shape: str) -> list[dict]:
    if shape == "full":
        return [zou.row(people.safe(r), "Person") for r in rows]
    keys = CLIENT_PERSON if shape == "client" else MINIMAL_PERSON
    out = [zou.row({k: ({**r, "full_name": people.full_name(r)}).get(k) for k in keys}, "Person") for r in rows]
    return sorted(out, key=lambda p: p["full_name"]) if shape == "client" else out


def _project(p: dict) -> dict:
    out = zou.row({k: v for k, v in p.items() if k not in ("descriptors", "task_type_links", "task_statuses_link")},
                  "Project")
    out["descriptors"] = [zou.row({k: (d[k] or False) if k == "for_client" else d[k] for k in DESCRIPTOR})
                          for d in p["descriptors"]]
    links = {str(link["task_type_id"]): {"priority": link["priority"],
                                         "hd_bitrate_compression": link["hd_bitrate_compression"],
                                         "ld_bitrate_compression": link["ld_bitrate_compression"],
                                         "is_client_visible": link["is_client_visible"]}
             for link in p["task_type_links"]}
    out["task_type_links"] = links
    out["task_types_priority"] = {k: v["priority"] for k, v in links.items()}
    out["task_statuses_link"] = {str(link["task_status_id"]): {"priority": link["priority"],
                                                              "roles_for_board": link["roles_for_board"],
                                                              "is_client_allowed": link["is_client_allowed"]}
                                 for link in p["task_statuses_link"]}
    return out


def _grouped(groups: dict, type_name: str) -> dict:
    return {list_type: {project: [zou.row(r, type_name) for r in rows] for project, rows in by_project.items()}
            for list_type, by_project in groups.items()}


ROUTES = [route("/data/user/context", context, ["GET"])]
