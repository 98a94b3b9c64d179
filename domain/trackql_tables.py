"""TrackQL's own tables (prefixed `trackql_`), beside Zou's."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, String, Text, Uuid

from domain.base import JSONB, Base, utcnow


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


class ApiTokenScope(Base):
    """The limits an admin put on a person's API token (bot or personal): some projects only, and/or read
    only. The token carries the same scope in its claims; this row records it (one API token a person, so
    one row), and a regenerated token keeps it unless a new scope is given."""

    __tablename__ = "trackql_api_token_scope"
    person_id = Column(Uuid, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    jti = Column(String(60), nullable=False)
    project_ids = Column(JSONB, nullable=True)  # list of project id strings; null: every project
    read_only = Column(Boolean, nullable=False, default=False)
    set_by = Column(Uuid, nullable=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
