"""FIDO2/WebAuthn second factor (spec auth.md §4, FIDO), with the `webauthn` package.

Credentials are stored in `person.fido_credentials` as Zou stores them, so that either server reads the
other's: `{"device_name", "aaguid": int, "credential_id": int, "public_key": {"1": kty, "3": alg, "-1": crv,
"-2": x as int, "-3": y as int}}` (big-endian integers, as the fido2 library's bytes2int). That format holds
EC2 keys only, so only the ECDSA algorithms the webauthn package verifies (ES256, ES512) are offered. Challenges live in `trackql_auth_secret` (Zou keeps
them in the Flask session cookie), five minutes, single use."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import cbor2
from sqlalchemy import update
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, parse_client_data_json
from webauthn.helpers.cose import COSEAlgorithmIdentifier
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorAttachment,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from domain import auth_store, people, two_factor
from domain.tables import Person

CHALLENGE_TTL = timedelta(minutes=5)
ALGORITHMS = [COSEAlgorithmIdentifier.ECDSA_SHA_256, COSEAlgorithmIdentifier.ECDSA_SHA_512]
_CURVE_BYTES = {1: 32, 2: 48, 3: 66}  # COSE curves P-256, P-384, P-521
DEV_DOMAIN = "localhost:8080"  # Zou's default: any origin accepted


@dataclass(frozen=True)
class RelyingParty:
    """Who the credentials are for: Zou's DOMAIN_NAME/DOMAIN_PROTOCOL."""

    domain_name: str = DEV_DOMAIN
    protocol: str = "https"

    @property
    def id(self) -> str:
        return urlparse(f"https://{self.domain_name}").hostname or "localhost"

    def origin_for(self, client_data_json: bytes) -> str:
        """The origin a response must come from; on Zou's default domain, the one the client reports."""
        if self.domain_name == DEV_DOMAIN:
            return parse_client_data_json(client_data_json).origin
        return f"{self.protocol}://{self.domain_name}"


def _int(value: bytes) -> int:
    return int.from_bytes(value, "big")


def _bytes(value: int, length: int = 0) -> bytes:
    return value.to_bytes(max(length, (value.bit_length() + 7) // 8 or 1), "big")


def stored_credential(device_name: str, credential_id: bytes, aaguid: str, cose_key: bytes) -> dict[str, Any]:
    key = cbor2.loads(cose_key)
    return {
        "device_name": device_name,
        "aaguid": _int(uuid.UUID(aaguid).bytes),
        "credential_id": _int(credential_id),
        "public_key": {"1": key[1], "3": key[3], "-1": key[-1], "-2": _int(key[-2]), "-3": _int(key[-3])},
        # the exact id: as an integer, an id starting with a zero byte loses it (Zou reads the keys above only)
        "raw_id": bytes_to_base64url(credential_id),
    }


def cose_key(credential: dict[str, Any]) -> bytes:
    """The COSE public key of a stored credential (integers padded back to the curve's size)."""
    pk = credential["public_key"]
    size = _CURVE_BYTES.get(int(pk["-1"]), 0)
    return cbor2.dumps({1: int(pk["1"]), 3: int(pk["3"]), -1: int(pk["-1"]),
                        -2: _bytes(int(pk["-2"]), size), -3: _bytes(int(pk["-3"]), size)})


def device_names(person: dict[str, Any]) -> list[str]:
    return [c.get("device_name") for c in person.get("fido_credentials") or []]


def _raw_id(credential: dict[str, Any]) -> bytes:
    if credential.get("raw_id"):
        return base64url_to_bytes(credential["raw_id"])
    return _bytes(int(credential["credential_id"]))


def _descriptors(person: dict[str, Any]) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=_raw_id(c)) for c in person.get("fido_credentials") or []]


def _options(options) -> dict[str, Any]:
    return json.loads(options_to_json(options))


def _key(kind: str, person_id: uuid.UUID) -> str:
    return f"fido-{kind}:{person_id}"


# --- registration ----------------------------------------------------------------------------------

async def registration_options(db, rp: RelyingParty, person_id: uuid.UUID) -> dict[str, Any]:
    """PUT /auth/fido: the `publicKey` creation options (cross-platform authenticator, user verification
    preferred); the challenge is kept for the POST that follows."""
    person = await two_factor.person_row(db, person_id)
    options = generate_registration_options(
        rp_id=rp.id, rp_name="Kitsu", user_id=str(person_id).encode(), user_name=person.get("email") or "",
        user_display_name=people.full_name(person), exclude_credentials=_descriptors(person),
        supported_pub_key_algs=ALGORITHMS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            authenticator_attachment=AuthenticatorAttachment.CROSS_PLATFORM,
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED))
    await auth_store.put(db, _key("registration", person_id), bytes_to_base64url(options.challenge), CHALLENGE_TTL)
    return _options(options)


async def register(db, rp: RelyingParty, person_id: uuid.UUID, response: dict[str, Any], device_name: str,
                   *, rounds: int) -> list[str] | None:
    """POST /auth/fido: verifies the authenticator's answer to the kept challenge and stores the device.
    Returns the recovery codes when FIDO is the first method enabled."""
    challenge = await auth_store.take(db, _key("registration", person_id))
    if challenge is None:
        raise two_factor.refusal("No preregistration before.")
    try:
        client_data = base64url_to_bytes(response["response"]["clientDataJSON"])
        verified = verify_registration_response(
            credential=response, expected_challenge=base64url_to_bytes(challenge), expected_rp_id=rp.id,
            expected_origin=rp.origin_for(client_data), supported_pub_key_algs=ALGORITHMS)
        credential = stored_credential(device_name, verified.credential_id, verified.aaguid,
                                       verified.credential_public_key)
    except (InvalidRegistrationResponse, KeyError, TypeError, ValueError) as exc:
        raise two_factor.refusal("FIDO server exception your registration response is probly wrong.") from exc
    person = await two_factor.person_row(db, person_id)
    credentials = list(person.get("fido_credentials") or []) + [credential]
    return await two_factor.enable_method(db, person, "fido", rounds, fido_credentials=credentials)


async def unregister(db, person_id: uuid.UUID, device_name: str, factor: two_factor.SecondFactor,
                     *, rp: RelyingParty) -> None:
    """DELETE /auth/fido: removes the named device after the 2FA check; the last one disables FIDO."""
    person = await two_factor.person_row(db, person_id)
    if not person.get("fido_enabled"):
        raise two_factor.refusal("FIDO not enabled.")
    await two_factor.require(db, person, factor, fido=checker(db, rp))
    credentials = list(person.get("fido_credentials") or [])
    left = credentials[:]
    for i, credential in enumerate(credentials):
        if credential.get("device_name") == device_name:
            del left[i]
            break
    if left:
        await db.execute(update(Person).where(Person.id == person_id).values(fido_credentials=left))
    else:
        await two_factor.disable_method(db, person, "fido", fido_credentials=[])


# --- authentication --------------------------------------------------------------------------------

async def authentication_options(db, rp: RelyingParty, person: dict[str, Any]) -> dict[str, Any]:
    """GET /auth/fido: the `publicKey` request options for the person's devices; the challenge is kept
    for the login (or disable route) that follows."""
    options = generate_authentication_options(rp_id=rp.id, allow_credentials=_descriptors(person),
                                              user_verification=UserVerificationRequirement.DISCOURAGED)
    await auth_store.put(db, _key("authentication", person["id"]), bytes_to_base64url(options.challenge),
                         CHALLENGE_TTL)
    return _options(options)


def checker(db, rp: RelyingParty):
    """The FIDO branch of the 2FA verification procedure (two_factor.verify's `fido`)."""

    async def check(person: dict[str, Any], response: dict[str, Any]) -> bool:
        challenge = await auth_store.take(db, _key("authentication", person["id"]))
        if challenge is None or not isinstance(response, dict):
            return False
        try:
            raw_id = _int(base64url_to_bytes(response.get("rawId") or response["id"]))
            credential = next(c for c in person.get("fido_credentials") or [] if int(c["credential_id"]) == raw_id)
            client_data = base64url_to_bytes(response["response"]["clientDataJSON"])
            verify_authentication_response(
                credential=response, expected_challenge=base64url_to_bytes(challenge), expected_rp_id=rp.id,
                expected_origin=rp.origin_for(client_data), credential_public_key=cose_key(credential),
                credential_current_sign_count=0)
        except (InvalidAuthenticationResponse, StopIteration, KeyError, TypeError, ValueError):
            return False
        return True

    return check
