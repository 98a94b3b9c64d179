"""TrackQL's own tables (prefixed `trackql_`), beside Zou's."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Text

from domain.base import Base


class RevokedToken(Base):
    """A revoked JWT id; every process sharing the database refuses it until it would have expired."""

    __tablename__ = "trackql_revoked_token"
    jti = Column(String(60), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)


class AuthSecret(Base):
    """A short-lived value of the authentication flows, under a namespaced key (Zou keeps these in its
    key-value store): the counter of a pending email code, a password reset token's digest, a FIDO
    challenge. Expired rows are ignored and purged."""

    __tablename__ = "trackql_auth_secret"
    key = Column(String(320), primary_key=True)
    value = Column(Text, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)
