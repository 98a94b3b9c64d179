"""A software FIDO2 authenticator (one P-256 key, "none" attestation) answering WebAuthn options as a
browser would hand them to the server."""
from __future__ import annotations

import hashlib
import json
import os
import struct
import uuid

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import bytes_to_base64url

UP, UV, AT = 0x01, 0x04, 0x40


class SoftAuthenticator:
    def __init__(self, origin: str = "https://localhost:8080"):
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        # a leading zero byte on purpose: Zou's integer storage must not lose it
        self.credential_id = b"\x00" + os.urandom(31)
        self.aaguid = uuid.uuid4().bytes
        self.sign_count = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin,
                           "crossOrigin": False}).encode()

    def register(self, options: dict) -> dict:
        """The answer to PUT /auth/fido's creation options (navigator.credentials.create)."""
        rp_hash = hashlib.sha256(options["rp"]["id"].encode()).digest()
        attested = self.aaguid + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_key()
        auth_data = rp_hash + bytes([UP | UV | AT]) + struct.pack(">I", self.sign_count) + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        cid = bytes_to_base64url(self.credential_id)
        return {"id": cid, "rawId": cid, "type": "public-key",
                "response": {"clientDataJSON": bytes_to_base64url(self._client_data("webauthn.create",
                                                                                    options["challenge"])),
                             "attestationObject": bytes_to_base64url(attestation)}}

    def assert_(self, options: dict, *, rp_id: str = "localhost") -> dict:
        """The answer to GET /auth/fido's request options (navigator.credentials.get)."""
        self.sign_count += 1
        auth_data = (hashlib.sha256(options.get("rpId", rp_id).encode()).digest() + bytes([UP | UV])
                     + struct.pack(">I", self.sign_count))
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        cid = bytes_to_base64url(self.credential_id)
        return {"id": cid, "rawId": cid, "type": "public-key",
                "response": {"clientDataJSON": bytes_to_base64url(client_data),
                             "authenticatorData": bytes_to_base64url(auth_data),
                             "signature": bytes_to_base64url(signature), "userHandle": None}}
