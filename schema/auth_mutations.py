"""The account flows as GraphQL mutations, over the same resolvers as Zou's `/auth/*` routes
(resolvers/accounts.py): login, logout, refreshToken, TOTP, email codes, recovery codes, and TrackQL's
scoped API tokens. Secrets appear only in the answers that hand them to their owner."""
from __future__ import annotations

import uuid

import strawberry
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType

from domain import errors
from domain.api_tokens import TokenScope
from domain.two_factor import SecondFactor
from resolvers import accounts
from resolvers.auth import check_request, two_factor_setup_required
from resolvers.context import Context
from schema.scalars import JSON

Info = strawberry.Info


@strawberry.input(description="A second factor: one of a TOTP code, an email code, a recovery code or a FIDO "
                              "assertion.")
class SecondFactorInput:
    totp: str | None = None
    email_otp: str | None = None
    recovery_code: str | None = None
    fido_authentication_response: JSON | None = None


def _factor(value: SecondFactorInput | None) -> SecondFactor:
    if value is None:
        return SecondFactor()
    fido = value.fido_authentication_response
    if fido is not None and not isinstance(fido, dict):
        raise errors.InvalidInput("fidoAuthenticationResponse must be an object.")
    return SecondFactor(totp=value.totp, email_otp=value.email_otp, fido_authentication_response=fido,
                        recovery_code=value.recovery_code)


@strawberry.type(description="A login: tokens, or what is still needed (a second factor).")
class LoginPayload:
    login: bool
    access_token: str | None = None
    refresh_token: str | None = None
    user_id: strawberry.ID | None = None
    second_factor_required: bool = False
    preferred_two_factor_authentication: str | None = None
    two_factor_authentication_enabled: list[str] = strawberry.field(default_factory=list)
    two_factor_setup_required: bool = strawberry.field(
        default=False, description="TRACKQL_ENFORCE_2FA: the tokens reach only the 2FA setup until a method is "
                                   "enabled.")


@strawberry.type
class TotpSetup:
    provisioning_uri: str
    secret: str


@strawberry.type(description="A 2FA method enabled: recovery codes when first issued, and fresh tokens.")
class TwoFactorEnabledPayload:
    recovery_codes: list[str] | None
    access_token: str
    refresh_token: str


@strawberry.type
class ApiTokenPayload:
    access_token: str
    project_ids: list[strawberry.ID] | None
    read_only: bool


def _enabled(result: accounts.TwoFactorEnabled) -> TwoFactorEnabledPayload:
    return TwoFactorEnabledPayload(recovery_codes=result.otp_recovery_codes, access_token=result.access_token,
                                   refresh_token=result.refresh_token)


@strawberry.type
class AuthMutation:
    @strawberry.mutation(description="Log in with an email (or desktop login) and a password, plus a second "
                                     "factor when the account has one.")
    async def login(self, info: Info, email: str, password: str,
                    second_factor: SecondFactorInput | None = None) -> LoginPayload:
        out = await accounts.login_or_second_factor(info.context, email=email, password=password,
                                                    factor=_factor(second_factor), ip_address=None)
        if isinstance(out, accounts.SecondFactorRequired):
            return LoginPayload(login=False, second_factor_required=True,
                                preferred_two_factor_authentication=out.preferred,
                                two_factor_authentication_enabled=out.enabled)
        return LoginPayload(login=True, access_token=out.access_token, refresh_token=out.refresh_token,
                            user_id=strawberry.ID(str(out.user["id"])),
                            two_factor_setup_required=out.two_factor_setup_required)

    @strawberry.mutation(description="Revoke the access token of this request and its refresh token.")
    async def logout(self, info: Info) -> bool:
        await accounts.logout(info.context)
        return True

    @strawberry.mutation(description="A new access token from a refresh token.")
    async def refresh_token(self, info: Info, refresh_token: str) -> str:
        return await accounts.refresh_with(info.context, refresh_token)

    @strawberry.mutation(description="Start setting up TOTP: the secret and its otpauth URI.")
    async def pre_enable_totp(self, info: Info) -> TotpSetup:
        uri, secret = await accounts.pre_enable_totp(info.context)
        return TotpSetup(provisioning_uri=uri, secret=secret)

    @strawberry.mutation(description="Enable TOTP with a current code.")
    async def enable_totp(self, info: Info, totp: str) -> TwoFactorEnabledPayload:
        return _enabled(await accounts.enable_totp(info.context, totp=totp))

    @strawberry.mutation(description="Disable TOTP (a second factor is required).")
    async def disable_totp(self, info: Info, second_factor: SecondFactorInput | None = None) -> bool:
        await accounts.disable_totp(info.context, _factor(second_factor))
        return True

    @strawberry.mutation(description="Start enabling email codes: a code is mailed to the caller.")
    async def pre_enable_email_otp(self, info: Info) -> bool:
        await accounts.pre_enable_email_otp(info.context)
        return True

    @strawberry.mutation(description="Enable email codes with the code received.")
    async def enable_email_otp(self, info: Info, email_otp: str) -> TwoFactorEnabledPayload:
        return _enabled(await accounts.enable_email_otp(info.context, email_otp=email_otp))

    @strawberry.mutation(description="Mail a login code to an account with email codes enabled (same answer "
                                     "whatever the account).")
    async def send_email_otp(self, info: Info, email: str) -> bool:
        await accounts.send_email_code(info.context, email=email)
        return True

    @strawberry.mutation(description="Disable email codes (a second factor is required).")
    async def disable_email_otp(self, info: Info, second_factor: SecondFactorInput | None = None) -> bool:
        await accounts.disable_email_otp(info.context, _factor(second_factor))
        return True

    @strawberry.mutation(description="Replace the recovery codes (a second factor is required).")
    async def new_recovery_codes(self, info: Info, second_factor: SecondFactorInput | None = None) -> list[str]:
        return await accounts.regenerate_recovery_codes(info.context, _factor(second_factor))

    @strawberry.mutation(description="A new API token for a person (bot or personal), limited to some projects "
                                     "and/or to reading; the previous token stops working. Admins, or a person "
                                     "for themselves.")
    async def issue_api_token(self, info: Info, person_id: strawberry.ID,
                              project_ids: list[strawberry.ID] | None = None,
                              read_only: bool = False) -> ApiTokenPayload:
        try:
            target = uuid.UUID(str(person_id))
        except ValueError as exc:
            raise errors.NotFound() from exc
        scope = TokenScope.of(project_ids, read_only)
        token = await accounts.issue_api_token(info.context, target, scope)
        ids = None if scope is None or scope.project_ids is None else sorted(str(p) for p in scope.project_ids)
        return ApiTokenPayload(access_token=token, project_ids=ids, read_only=bool(scope and scope.read_only))


# Root fields a token issued before a required 2FA setup may use (Zou's /auth/* list, as GraphQL fields).
TWO_FACTOR_SETUP_FIELDS = frozenset({
    "login", "logout", "refreshToken", "preEnableTotp", "enableTotp", "disableTotp", "preEnableEmailOtp",
    "enableEmailOtp", "sendEmailOtp", "disableEmailOtp", "newRecoveryCodes", "me", "__typename",
})


def token_refusal(ctx: Context, operation: OperationDefinitionNode) -> GraphQLError | None:
    """What the token itself forbids, checked once per operation: a mutation with a read-only API token; for
    a restricted token (TRACKQL_ENFORCE_2FA), anything but the 2FA setup (Zou's refusal)."""
    if ctx.user is None:
        return None
    if operation.operation == OperationType.MUTATION:
        try:
            check_request(ctx.user, method="POST", path=None)
        except errors.DomainError as exc:
            return GraphQLError(exc.message, original_error=exc)
    if not ctx.user.claims.get("requires_2fa_setup"):
        return None
    fields = {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}
    if fields <= TWO_FACTOR_SETUP_FIELDS and len(fields) == len(operation.selection_set.selections):
        return None
    exc = two_factor_setup_required()
    return GraphQLError(exc.message, original_error=exc)
