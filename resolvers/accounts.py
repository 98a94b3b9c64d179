"""Resolvers of the account routes (login, tokens, password, 2FA), shared by REST and GraphQL."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from domain import accounts, api_tokens, errors, fido, mail, organisations, people, tokens, two_factor
from domain.base import utcnow
from domain.user_agents import is_browser
from resolvers import access
from resolvers.auth import authenticate, revocation_cache, token_config
from resolvers.context import Context

log = logging.getLogger("trackql.auth")


@dataclass(frozen=True)
class LoginResult:
    user: dict[str, Any]  # safe person + "departments"
    organisation: dict[str, Any]
    access_token: str
    refresh_token: str
    # ENFORCE_2FA: the person has no 2FA method yet; the tokens reach only the 2FA setup routes.
    two_factor_setup_required: bool = False


@dataclass(frozen=True)
class TwoFactorEnabled:
    """A method just enabled: recovery codes when first issued, and fresh tokens."""

    otp_recovery_codes: list[str] | None
    access_token: str
    refresh_token: str


def _rounds(ctx: Context) -> int:
    return getattr(ctx.settings, "bcrypt_rounds", 12)


def _mail_config(ctx: Context) -> mail.MailConfig:
    return mail.MailConfig.from_mapping(getattr(ctx.settings, "smtp", None))


def _relying_party(ctx: Context) -> fido.RelyingParty:
    return fido.RelyingParty(domain_name=getattr(ctx.settings, "domain_name", fido.DEV_DOMAIN),
                             protocol=getattr(ctx.settings, "domain_protocol", "https"))


def _fido(ctx: Context):
    return fido.checker(ctx.db, _relying_party(ctx))


def from_browser(ctx: Context) -> bool:
    return is_browser(ctx.user_agent)


async def _organisation(ctx: Context, *, sensitive: bool) -> dict[str, Any]:
    return organisations.present(await organisations.get_organisation(ctx.db), sensitive=sensitive)


async def _user(ctx: Context, person: dict[str, Any]) -> dict[str, Any]:
    departments = (await people.department_ids_by_person(ctx.db, [person["id"]]))[0]
    return {**people.safe(person), "departments": departments}


def _session_tokens(ctx: Context, person_id: uuid.UUID, claims: dict | None = None) -> tuple[str, str]:
    return tokens.make_login_tokens(token_config(ctx.settings), person_id,
                                    extra={"identity_type": "person", **(claims or {})})


# --- login, tokens ---------------------------------------------------------------------------------

async def login(ctx: Context, *, email: str, password: str, factor: two_factor.SecondFactor,
                ip_address: str | None) -> LoginResult:
    """POST /auth/login. Refusals (and the failure counts they write) are committed before raising."""
    try:
        person = await accounts.check_credentials(ctx.db, email, password, factor, fido=_fido(ctx))
        if accounts.is_default_password(password):
            raise accounts.DefaultPassword(await accounts.issue_reset_token(ctx.db, person["email"] or email))
    except errors.DomainError as exc:
        await ctx.commit()
        log.info("login refused for %r: %s", email, type(exc).__name__)
        raise
    setup_required = requires_2fa_setup(ctx, person)
    access_token, refresh_token = _session_tokens(ctx, person["id"],
                                                  {"requires_2fa_setup": True} if setup_required else None)
    await accounts.record_login(ctx.db, person["id"], ip_address, "web" if from_browser(ctx) else "script")
    result = LoginResult(user=await _user(ctx, person),
                         organisation=await _organisation(ctx, sensitive=person["role"] == "admin"),
                         access_token=access_token, refresh_token=refresh_token,
                         two_factor_setup_required=setup_required)
    await ctx.commit()
    log.info("login of %s%s", person["id"], " (restricted: 2FA setup required)" if setup_required else "")
    return result


def requires_2fa_setup(ctx: Context, person: dict[str, Any]) -> bool:
    """Zou's ENFORCE_2FA: a person without any 2FA method, not exempt (by email, or a preview account)."""
    if not getattr(ctx.settings, "enforce_2fa", False) or two_factor.is_enabled(person):
        return False
    if person.get("preview_project_id") is not None:
        return False
    return (person.get("email") or "") not in getattr(ctx.settings, "two_fa_exempt_users", ())


async def authenticated(ctx: Context) -> dict[str, Any]:
    """GET /auth/authenticated: who the token belongs to, with departments and FIDO device names."""
    user = ctx.require_user()
    person = user.person
    result = {
        "authenticated": True,
        "user": {**await _user(ctx, person),
                 "fido_devices": [c.get("device_name") for c in person.get("fido_credentials") or []]},
        "organisation": await _organisation(ctx, sensitive=user.is_admin),
    }
    await ctx.commit()  # the organisation may just have been created
    return result


@dataclass(frozen=True)
class SecondFactorRequired:
    """The login needs a second factor that was not sent (REST answers it as a 400 with these fields)."""

    preferred: str | None
    enabled: list[str]


async def login_or_second_factor(ctx: Context, *, email: str, password: str, factor: two_factor.SecondFactor,
                                 ip_address: str | None) -> LoginResult | SecondFactorRequired:
    """`login`, with the "2FA code required" refusal as an answer (GraphQL's login)."""
    try:
        return await login(ctx, email=email, password=password, factor=factor, ip_address=ip_address)
    except accounts.MissingOtp as exc:
        body = exc.body or {}
        return SecondFactorRequired(body.get("preferred_two_factor_authentication"),
                                    list(body.get("two_factor_authentication_enabled") or []))


async def refresh_with(ctx: Context, refresh_token: str) -> str:
    """A new access token from a refresh token given as a value (GraphQL: the header carries access tokens)."""
    user = await authenticate(ctx, refresh_token, kind="refresh")
    if user.is_bot or user.identity_type != "person":
        raise errors.PermissionDenied()
    return _refreshed(ctx, user)


async def refresh(ctx: Context) -> str:
    """GET /auth/refresh-token (with a refresh token): a new access token paired with the same refresh."""
    return _refreshed(ctx, access.require_person(ctx))


def _refreshed(ctx: Context, user) -> str:
    claims: dict[str, Any] = {"identity_type": "person", "refresh_jti": user.claims["jti"]}
    if user.claims.get("skip_2fa_setup"):
        claims["skip_2fa_setup"] = True
    elif requires_2fa_setup(ctx, user.person):
        claims["requires_2fa_setup"] = True
    return tokens.make_token(token_config(ctx.settings), user.id, kind="access", extra=claims)


async def logout(ctx: Context) -> None:
    """GET /auth/logout: revokes the access token and its refresh token."""
    user = access.require_person(ctx)
    cfg, cache = token_config(ctx.settings), revocation_cache(ctx.settings)
    await tokens.revoke(ctx.db, [user.claims["jti"]], utcnow() + timedelta(days=cfg.access_days), cache=cache)
    if user.claims.get("refresh_jti"):
        await tokens.revoke(ctx.db, [user.claims["refresh_jti"]], utcnow() + timedelta(days=cfg.refresh_days),
                            cache=cache)
    await ctx.commit()


async def issue_api_token(ctx: Context, person_id: uuid.UUID,
                          scope: api_tokens.TokenScope | None = api_tokens.KEEP) -> str:
    """A new API token for `person_id` (bots: "bot", persons: "person_api"), revoking the previous one,
    limited by `scope` (KEEP: the previous token's limits). Admins for anyone, a person for themselves;
    from a login session only (an API token cannot mint another: a limited one would shed its limits).
    Commits."""
    caller = access.require_person(ctx)
    if not caller.is_admin and caller.id != person_id:
        raise errors.PermissionDenied()
    target = (await people.persons_by_ids(ctx.db, [person_id]))[0]
    if target is None:
        raise errors.NotFound()
    if not target["active"]:
        raise errors.InvalidInput("The person is not active.")
    token = await api_tokens.issue(ctx.db, token_config(ctx.settings), person_id, scope=scope, set_by=caller.id)
    await ctx.commit()
    log.info("API token of %s issued by %s (scope: %s)", person_id, caller.id,
             "kept" if scope is api_tokens.KEEP else (scope.claims() if scope else "none"))
    return token


# --- passwords -------------------------------------------------------------------------------------

async def change_password(ctx: Context, *, old_password: str, password: str, password_2: str) -> None:
    user = access.require_person(ctx)
    try:
        await accounts.check_credentials(ctx.db, user.person.get("email") or "", old_password)
    except accounts.LockedOut as exc:
        raise accounts.refusal("Too many failed login attempts.", too_many_failed_login_attemps=True) from exc
    except accounts.WrongCredentials as exc:
        await ctx.commit()  # the failure counts
        raise accounts.refusal("Old password is wrong.") from exc
    except accounts.Inactive as exc:
        raise accounts.refusal("User is unactive.") from exc
    accounts.validate_new_password(password, password_2)
    await accounts.set_password(ctx.db, user.id, password, rounds=_rounds(ctx))
    await ctx.commit()
    log.info("password changed by %s", user.id)
    await _notify(ctx, user.person, "Your password was changed")


async def request_password_reset(ctx: Context, *, email: str) -> None:
    """POST /auth/reset-password: mails a reset token when the account exists and is active; the answer
    is the same either way."""
    person = await accounts.find_by_login(ctx.db, email)
    if person is None or not person["active"] or not person.get("email") \
            or accounts.normalize_email(person["email"]) != accounts.normalize_email(email):
        return
    token = await accounts.issue_reset_token(ctx.db, person["email"])
    await ctx.commit()
    subject = f"{await _organisation_name(ctx)} - password reset"
    text = (f"Hello {person['first_name']},\n\nTo set a new password, use this token within 2 hours:\n{token}\n\n"
            "If you did not ask for it, ignore this message.\n")
    await mail.send(_mail_config(ctx), to=person["email"], subject=subject, text=text)


async def reset_password(ctx: Context, *, email: str, token: str, password: str, password2: str) -> None:
    await accounts.reset_password(ctx.db, email, token, password, password2, rounds=_rounds(ctx))
    await ctx.commit()


# --- two-factor ------------------------------------------------------------------------------------

async def _enabled_response(ctx: Context, person_id: uuid.UUID, codes: list[str] | None) -> TwoFactorEnabled:
    await ctx.commit()
    access_token, refresh_token = _session_tokens(ctx, person_id)
    return TwoFactorEnabled(codes, access_token, refresh_token)


async def pre_enable_totp(ctx: Context) -> tuple[str, str]:
    """PUT /auth/totp: (provisioning URI, secret), handed to the owner only."""
    user = access.require_person(ctx)
    org = await organisations.get_organisation(ctx.db)
    uri, secret = await two_factor.pre_enable_totp(ctx.db, user.id, org["name"])
    await ctx.commit()
    return uri, secret


async def enable_totp(ctx: Context, *, totp: str) -> TwoFactorEnabled:
    user = access.require_person(ctx)
    codes = await two_factor.enable_totp(ctx.db, user.id, totp, rounds=_rounds(ctx))
    log.info("TOTP enabled for %s", user.id)
    return await _enabled_response(ctx, user.id, codes)


async def disable_totp(ctx: Context, factor: two_factor.SecondFactor) -> None:
    user = access.require_person(ctx)
    await two_factor.disable_totp(ctx.db, user.id, factor, fido=_fido(ctx))
    await ctx.commit()
    log.info("TOTP disabled for %s", user.id)


async def send_email_code(ctx: Context, *, email: str) -> None:
    """GET /auth/email-otp (public): mails a login code when the account exists, is active and has email
    codes enabled; the answer is the same whatever the case."""
    person = await accounts.find_by_login(ctx.db, email)
    if person is None or not person["active"] or not person.get("email_otp_enabled"):
        return
    code = await two_factor.issue_email_code(ctx.db, person)
    await ctx.commit()
    await _mail_code(ctx, person, code)


async def pre_enable_email_otp(ctx: Context) -> None:
    user = access.require_person(ctx)
    person, code = await two_factor.pre_enable_email_otp(ctx.db, user.id)
    await ctx.commit()
    await _mail_code(ctx, person, code)


async def enable_email_otp(ctx: Context, *, email_otp: str) -> TwoFactorEnabled:
    user = access.require_person(ctx)
    codes = await two_factor.enable_email_otp(ctx.db, user.id, email_otp, rounds=_rounds(ctx))
    log.info("email codes enabled for %s", user.id)
    return await _enabled_response(ctx, user.id, codes)


async def disable_email_otp(ctx: Context, factor: two_factor.SecondFactor) -> None:
    user = access.require_person(ctx)
    await two_factor.disable_email_otp(ctx.db, user.id, factor, fido=_fido(ctx))
    await ctx.commit()
    log.info("email codes disabled for %s", user.id)


async def fido_challenge(ctx: Context, *, email: str) -> dict[str, Any]:
    """GET /auth/fido (public): WebAuthn request options for the person's devices. An unknown or inactive
    account and one without FIDO get the same refusal."""
    person = await accounts.find_by_login(ctx.db, email)
    if person is None or not person["active"] or not person.get("fido_enabled"):
        raise two_factor.refusal("FIDO not enabled.")
    options = await fido.authentication_options(ctx.db, _relying_party(ctx), person)
    await ctx.commit()
    return options


async def fido_registration_options(ctx: Context) -> dict[str, Any]:
    user = access.require_person(ctx)
    options = await fido.registration_options(ctx.db, _relying_party(ctx), user.id)
    await ctx.commit()
    return options


async def register_fido(ctx: Context, *, registration_response: dict[str, Any], device_name: str) -> TwoFactorEnabled:
    user = access.require_person(ctx)
    try:
        codes = await fido.register(ctx.db, _relying_party(ctx), user.id, registration_response, device_name,
                                    rounds=_rounds(ctx))
    except errors.DomainError:
        await ctx.commit()  # the challenge is spent either way
        raise
    log.info("FIDO device registered for %s", user.id)
    return await _enabled_response(ctx, user.id, codes)


async def unregister_fido(ctx: Context, *, device_name: str, factor: two_factor.SecondFactor) -> None:
    user = access.require_person(ctx)
    await fido.unregister(ctx.db, user.id, device_name, factor, rp=_relying_party(ctx))
    await ctx.commit()
    log.info("FIDO device removed for %s", user.id)


async def regenerate_recovery_codes(ctx: Context, factor: two_factor.SecondFactor) -> list[str]:
    user = access.require_person(ctx)
    codes = await two_factor.regenerate_recovery_codes(ctx.db, user.id, factor, rounds=_rounds(ctx),
                                                       fido=_fido(ctx))
    await ctx.commit()
    log.info("recovery codes regenerated for %s", user.id)
    return codes


async def disable_two_factor_of(ctx: Context, person_id: uuid.UUID) -> None:
    """DELETE /actions/persons/{id}/disable-two-factor-authentication, checks in Zou's order: target
    exists (404), target is no bot (403), caller is admin (403), an admin only resets their own."""
    ctx.require_user()
    target = (await people.persons_by_ids(ctx.db, [person_id]))[0]
    if target is None:
        raise errors.NotFound()
    if target["is_bot"]:
        raise errors.PermissionDenied()
    caller = access.require_admin(ctx)
    if target["role"] == "admin" and target["id"] != caller.id:
        raise accounts.refusal("An admin can't disable 2FA for other admins.")
    await two_factor.disable_all(ctx.db, person_id)
    await ctx.commit()
    log.warning("two-factor authentication of %s disabled by %s", person_id, caller.id)
    await _notify(ctx, target, "Two-factor authentication was disabled on your account by an administrator")


# --- mail ------------------------------------------------------------------------------------------

async def _organisation_name(ctx: Context) -> str:
    return (await organisations.get_organisation(ctx.db))["name"]


def _now_text() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M")


async def _mail_code(ctx: Context, person: dict[str, Any], code: str) -> None:
    subject, text = mail.otp_message(first_name=person["first_name"], code=code,
                                     organisation=await _organisation_name(ctx), when=_now_text())
    await mail.send(_mail_config(ctx), to=person.get("email") or "", subject=subject, text=text)


async def _notify(ctx: Context, person: dict[str, Any], what: str) -> None:
    subject, text = mail.notice_message(first_name=person["first_name"], what=what,
                                        organisation=await _organisation_name(ctx), when=_now_text())
    await mail.send(_mail_config(ctx), to=person.get("email") or "", subject=subject, text=text)
