"""The studio's reference data as both faces read it: organisation, departments, salary scales."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from domain import memberships, organisations
from domain.batch import Row
from resolvers import access
from resolvers.context import Context


async def organisation(ctx: Context) -> Row:
    ctx.require_user()
    return await organisations.get_organisation(ctx.db)


async def departments(ctx: Context, ids: Sequence[uuid.UUID]) -> list[Row | None]:
    ctx.require_user()
    return await memberships.departments_by_ids(ctx.db, ids)


async def all_departments(ctx: Context, *, archived: bool | None = None) -> list[Row]:
    ctx.require_user()
    return await memberships.all_departments(ctx.db, archived=archived)


async def department_salary_scales(ctx: Context, department_ids: Sequence[uuid.UUID]) -> list[list[Row]]:
    access.require_admin(ctx)
    return await memberships.salary_scales_for_departments(ctx.db, department_ids)


async def all_salary_scales(ctx: Context) -> list[Row]:
    access.require_admin(ctx)
    return await memberships.all_salary_scales(ctx.db)


async def instance_config(ctx: Context) -> Row:
    """What `/config` tells the web UI before anyone logs in (no authentication): the organisation's theme;
    no SAML, OIDC or search indexer; Zou's defaults otherwise."""
    organisation = await organisations.get_organisation(ctx.db)
    await ctx.db.commit()
    return {"is_self_hosted": True, "crisp_token": "", "dark_theme_by_default": organisation["dark_theme_by_default"],
            "indexer_configured": False, "saml_enabled": False, "saml_idp_name": "", "oidc_enabled": False,
            "oidc_idp_name": "", "default_locale": "en_US", "default_timezone": "Europe/Paris", "enforce_2fa": False,
            "movie_highdef_bitrate": 28, "movie_lowdef_bitrate": 6, "preview_accounts_enabled": True}
