"""TrackQL's own tables (prefixed `trackql_`), beside Zou's."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, String

from domain.base import Base


class RevokedToken(Base):
    """A revoked JWT id; every process sharing the database refuses it until it would have expired."""

    __tablename__ = "trackql_revoked_token"
    jti = Column(String(60), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)
