"""Zou's `/auth/*` routes and the admin 2FA reset, over resolvers/accounts.py."""
from __future__ import annotations

from dataclasses import dataclass
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from domain import errors
from domain.api_tokens import TokenScope
from domain.two_factor import SecondFactor
from resolvers import access, accounts
from rest_compat import zou
from rest_compat.routing import ctx_of, json_body, path_uuid, route, schema_payload

COOKIE_MAX_AGE = 31_540_000  # Zou's: one year, whatever the token's own expiry
ACCESS_COOKIE, REFRESH_COOKIE = "access_token_cookie", "refresh_token_cookie"


# --- request bodies, validated as Zou's pydantic schemas answer --------------------------------------

@dataclass(frozen=True)
class Field:
    kind: type = str
    required: bool = False
    min_length: int = 0
    default: Any = None


def _validation_error(problems: list[dict[str, str]]) -> errors.InvalidInput:
    return errors.InvalidInput("Validation error.", data={"errors": problems})


def _check(payload: Any, fields: dict[str, Field], schema: str) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise _validation_error([{"field": "", "message": f"Input should be a valid dictionary or instance of {schema}"}])
    out, problems = {}, []
    for name, f in fields.items():
        if name not in payload:
            if f.required:
                problems.append({"field": name, "message": "Field required"})
            out[name] = f.default
            continue
        value = payload[name]
        if value is None and not f.required and f.default is None:
            out[name] = None
        elif f.kind is str and not isinstance(value, str):
            problems.append({"field": name, "message": "Input should be a valid string"})
        elif f.kind is dict and not isinstance(value, dict):
            problems.append({"field": name, "message": "Input should be a valid dictionary"})
        elif f.kind is str and len(value) < f.min_length:
            problems.append({"field": name, "message": "String should have at least 1 character"})
        else:
            out[name] = value
    if problems:
        raise _validation_error(problems)
    return out


async def _body(request: Request, fields: dict[str, Field], schema: str) -> dict[str, Any]:
    return _check(await schema_payload(request), fields, schema)


TWO_FACTOR_FIELDS = {"totp": Field(), "email_otp": Field(), "fido_authentication_response": Field(dict),
                     "recovery_code": Field()}
LOGIN = {"email": Field(required=True, min_length=1), "password": Field(default="default"), **TWO_FACTOR_FIELDS}
CHANGE_PASSWORD = {"old_password": Field(required=True, min_length=1), "password": Field(required=True, min_length=1),
                   "password_2": Field(required=True, min_length=1)}
RESET_PASSWORD = {"email": Field(required=True, min_length=1), "token": Field(required=True, min_length=1),
                  "password": Field(required=True, min_length=1), "password2": Field(required=True, min_length=1)}
SEND_RESET = {"email": Field(required=True, min_length=1)}
TOTP = {"totp": Field(required=True, min_length=1)}
EMAIL_OTP = {"email_otp": Field(required=True, min_length=1)}
FIDO_REGISTER = {"registration_response": Field(dict, required=True), "device_name": Field(required=True, min_length=1)}
FIDO_UNREGISTER = {"device_name": Field(required=True, min_length=1), **TWO_FACTOR_FIELDS}


def _factor(body: dict[str, Any]) -> SecondFactor:
    return SecondFactor(totp=body.get("totp"), email_otp=body.get("email_otp"),
                        fido_authentication_response=body.get("fido_authentication_response"),
                        recovery_code=body.get("recovery_code"))


def _required_arg(request: Request, name: str) -> str:
    value = request.query_params.get(name)
    if value is None:
        raise errors.InvalidInput(f"Missing required parameter: {name}")
    return value


# --- cookies ---------------------------------------------------------------------------------------

def _refresh_path(request: Request) -> str:
    return request.scope.get("root_path", "") + "/auth/refresh-token"


def _cookie(name: str, value: str, path: str, *, clear: bool = False) -> str:
    if clear:
        return f"{name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Path={path}; SameSite=Lax"
    expires = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=COOKIE_MAX_AGE), usegmt=True)
    return f"{name}={value}; Expires={expires}; Max-Age={COOKIE_MAX_AGE}; HttpOnly; Path={path}; SameSite=Lax"


def _set_session_cookies(request: Request, response: Response, access_token: str, refresh_token: str) -> None:
    response.headers.append("set-cookie", _cookie(ACCESS_COOKIE, access_token, "/"))
    response.headers.append("set-cookie", _cookie(REFRESH_COOKIE, refresh_token, _refresh_path(request)))


def _client_ip(request: Request) -> str | None:
    return request.headers.get("x-real-ip") or (request.client.host if request.client else None)


# --- routes ----------------------------------------------------------------------------------------

async def login(request: Request) -> Response:
    ctx = ctx_of(request)
    body = await _body(request, LOGIN, "LoginSchema")
    result = await accounts.login(ctx, email=body["email"], password=body["password"], factor=_factor(body),
                                  ip_address=_client_ip(request))
    answer = {"user": zou.row(result.user, "Person"), "organisation": zou.row(result.organisation, "Organisation"),
              "login": True, "access_token": result.access_token, "refresh_token": result.refresh_token}
    if result.two_factor_setup_required:
        answer["two_factor_authentication_required"] = True
    response = zou.json(answer)
    if accounts.from_browser(ctx):
        _set_session_cookies(request, response, result.access_token, result.refresh_token)
    return response


async def authenticated(request: Request) -> Response:
    out = await accounts.authenticated(ctx_of(request))
    return zou.json({"authenticated": True, "user": zou.row(out["user"], "Person"),
                     "organisation": zou.row(out["organisation"], "Organisation")})


async def refresh_token(request: Request) -> Response:
    ctx = ctx_of(request)
    access_token = await accounts.refresh(ctx)
    if not accounts.from_browser(ctx):
        return zou.json({"access_token": access_token})
    response = zou.json({"refresh": True})
    response.headers.append("set-cookie", _cookie(ACCESS_COOKIE, access_token, "/"))
    response.headers.append("set-cookie", _cookie(REFRESH_COOKIE, "", _refresh_path(request), clear=True))
    return response


async def logout(request: Request) -> Response:
    ctx = ctx_of(request)
    await accounts.logout(ctx)
    response = zou.json({"logout": True})
    if accounts.from_browser(ctx):
        response.headers.append("set-cookie", _cookie(ACCESS_COOKIE, "", "/", clear=True))
        response.headers.append("set-cookie", _cookie(REFRESH_COOKIE, "", _refresh_path(request), clear=True))
    return response


async def change_password(request: Request) -> Response:
    access.require_person(ctx_of(request))
    body = await _body(request, CHANGE_PASSWORD, "ChangePasswordSchema")
    await accounts.change_password(ctx_of(request), old_password=body["old_password"], password=body["password"],
                                   password_2=body["password_2"])
    return zou.json({"success": True})


async def reset_password_request(request: Request) -> Response:
    body = await _body(request, SEND_RESET, "SendPasswordResetSchema")
    await accounts.request_password_reset(ctx_of(request), email=body["email"])
    return zou.json({"success": "Reset token sent"})


async def reset_password(request: Request) -> Response:
    body = await _body(request, RESET_PASSWORD, "ResetPasswordSchema")
    await accounts.reset_password(ctx_of(request), email=body["email"], token=body["token"],
                                  password=body["password"], password2=body["password2"])
    return zou.json({"success": True})


def _enabled_response(request: Request, result: accounts.TwoFactorEnabled) -> Response:
    response = zou.json({"otp_recovery_codes": result.otp_recovery_codes, "access_token": result.access_token,
                         "refresh_token": result.refresh_token})
    if accounts.from_browser(ctx_of(request)):
        _set_session_cookies(request, response, result.access_token, result.refresh_token)
    return response


async def totp(request: Request) -> Response:
    ctx = ctx_of(request)
    access.require_person(ctx)
    if request.method == "PUT":
        uri, secret = await accounts.pre_enable_totp(ctx)
        return zou.json({"totp_provisionning_uri": uri, "otp_secret": secret})
    if request.method == "POST":
        body = await _body(request, TOTP, "TotpSchema")
        return _enabled_response(request, await accounts.enable_totp(ctx, totp=body["totp"]))
    body = await _body(request, TWO_FACTOR_FIELDS, "TwoFactorAuthSchema")
    await accounts.disable_totp(ctx, _factor(body))
    return zou.json({"success": True})


async def email_otp_send(request: Request) -> Response:
    await accounts.send_email_code(ctx_of(request), email=_required_arg(request, "email"))
    return zou.json({"success": True})


async def email_otp(request: Request) -> Response:
    ctx = ctx_of(request)
    access.require_person(ctx)
    if request.method == "PUT":
        await accounts.pre_enable_email_otp(ctx)
        return zou.json({"success": True})
    if request.method == "POST":
        body = await _body(request, EMAIL_OTP, "EmailOtpSchema")
        return _enabled_response(request, await accounts.enable_email_otp(ctx, email_otp=body["email_otp"]))
    body = await _body(request, TWO_FACTOR_FIELDS, "TwoFactorAuthSchema")
    await accounts.disable_email_otp(ctx, _factor(body))
    return zou.json({"success": True})


async def fido_challenge(request: Request) -> Response:
    return zou.json(await accounts.fido_challenge(ctx_of(request), email=_required_arg(request, "email")))


async def fido(request: Request) -> Response:
    ctx = ctx_of(request)
    access.require_person(ctx)
    if request.method == "PUT":
        return zou.json(await accounts.fido_registration_options(ctx))
    if request.method == "POST":
        body = await _body(request, FIDO_REGISTER, "FidoRegisterSchema")
        return _enabled_response(request, await accounts.register_fido(
            ctx, registration_response=body["registration_response"], device_name=body["device_name"]))
    body = await _body(request, FIDO_UNREGISTER, "FidoUnregisterSchema")
    await accounts.unregister_fido(ctx, device_name=body["device_name"], factor=_factor(body))
    return zou.json({"success": True})


async def recovery_codes(request: Request) -> Response:
    access.require_person(ctx_of(request))
    body = await _body(request, TWO_FACTOR_FIELDS, "TwoFactorAuthSchema")
    codes = await accounts.regenerate_recovery_codes(ctx_of(request), _factor(body))
    return zou.json({"otp_recovery_codes": codes})


async def api_token(request: Request) -> Response:
    """TrackQL's own: a new API token for a person (bot or personal), limited to `project_ids` (a list, or
    null for every project) and/or `read_only`; the previous token stops working."""
    body = await json_body(request, strict=False)
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise errors.InvalidInput("The body must be a JSON object.")
    unknown = set(body) - {"project_ids", "read_only"}
    if unknown:
        raise errors.InvalidInput(f"Unknown field(s): {', '.join(sorted(map(str, unknown)))}.")
    scope = TokenScope.of(body.get("project_ids"), body.get("read_only", False))
    token = await accounts.issue_api_token(ctx_of(request), path_uuid(request, "person_id"), scope)
    return zou.json({"access_token": token, "scope": scope.claims() if scope else None})


async def disable_two_factor(request: Request) -> Response:
    await accounts.disable_two_factor_of(ctx_of(request), path_uuid(request, "person_id"))
    return zou.json({"success": True})


ROUTES = [
    route("/auth/login", login, ["POST"], public=True),
    route("/auth/authenticated", authenticated, ["GET"]),
    route("/auth/refresh-token", refresh_token, ["GET"], token="refresh"),
    route("/auth/logout", logout, ["GET"]),
    route("/auth/change-password", change_password, ["POST"]),
    route("/auth/reset-password", reset_password_request, ["POST"], public=True),
    route("/auth/reset-password", reset_password, ["PUT"], public=True),
    route("/auth/totp", totp, ["PUT", "POST", "DELETE"]),
    route("/auth/email-otp", email_otp_send, ["GET"], public=True),
    route("/auth/email-otp", email_otp, ["PUT", "POST", "DELETE"]),
    route("/auth/fido", fido_challenge, ["GET"], public=True),
    route("/auth/fido", fido, ["PUT", "POST", "DELETE"]),
    route("/auth/recovery-codes", recovery_codes, ["PUT"]),
    route("/actions/persons/{person_id}/disable-two-factor-authentication", disable_two_factor, ["DELETE"]),
    route("/actions/persons/{person_id}/api-token", api_token, ["POST"]),
]
