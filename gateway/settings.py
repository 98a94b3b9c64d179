"""Settings, read once at start-up from TRACKQL_* variables."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./trackql.db"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    redis_url: str | None = None
    preview_folder: Path = Path("./previews")
    access_token_days: int = 7
    refresh_token_days: int = 15
    nb_records_per_page: int = 100
    graphql_max_depth: int = 15
    graphql_max_aliases: int = 200
    graphql_max_fields: int = 5000
    smtp: dict = field(default_factory=dict)
    bcrypt_rounds: int = 12  # cost of password and recovery-code hashes (Zou: 12)
    # Where the web UI is served (Zou's DOMAIN_NAME/DOMAIN_PROTOCOL): the FIDO relying party and origin.
    domain_name: str = "localhost:8080"
    domain_protocol: str = "https"
    redis_prefix: str = "trackql"  # keys of the revocation list's Redis copy
    # Zou's ENFORCE_2FA / 2FA_EXEMPT_USERS: persons without 2FA get tokens that only reach the 2FA setup.
    enforce_2fa: bool = False
    two_fa_exempt_users: frozenset[str] = frozenset()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_path(database_url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    if not database_url.startswith("sqlite"):
        return None
    path = database_url.split(":///", 1)[-1]
    if not path or path == ":memory:":
        return None
    return Path(path)


def _secret_key(database_url: str) -> str:
    """TRACKQL_SECRET_KEY, or a random key kept beside the SQLite file so restarts and workers share it."""
    key = os.environ.get("TRACKQL_SECRET_KEY")
    if key:
        return key
    path = sqlite_path(database_url)
    if path is None:
        if database_url.startswith("sqlite"):
            return secrets.token_urlsafe(48)
        raise SystemExit("TRACKQL_SECRET_KEY must be set when the database is not the embedded SQLite file")
    key_file = path.with_name(path.name + ".secret")
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    url = env.get("TRACKQL_DATABASE_URL", DEFAULT_DATABASE_URL)
    return Settings(
        database_url=url,
        secret_key=env.get("TRACKQL_SECRET_KEY") or _secret_key(url),
        redis_url=env.get("TRACKQL_REDIS_URL") or None,
        preview_folder=Path(env.get("TRACKQL_PREVIEW_FOLDER", "./previews")),
        nb_records_per_page=int(env.get("TRACKQL_NB_RECORDS_PER_PAGE", "100")),
        graphql_max_depth=int(env.get("TRACKQL_GRAPHQL_MAX_DEPTH", "15")),
        graphql_max_aliases=int(env.get("TRACKQL_GRAPHQL_MAX_ALIASES", "200")),
        graphql_max_fields=int(env.get("TRACKQL_GRAPHQL_MAX_FIELDS", "5000")),
        smtp={k[len("TRACKQL_SMTP_"):].lower(): v for k, v in env.items() if k.startswith("TRACKQL_SMTP_")},
        bcrypt_rounds=int(env.get("TRACKQL_BCRYPT_ROUNDS", "12")),
        domain_name=env.get("TRACKQL_DOMAIN_NAME", "localhost:8080"),
        domain_protocol=env.get("TRACKQL_DOMAIN_PROTOCOL", "https"),
        redis_prefix=env.get("TRACKQL_REDIS_PREFIX", "trackql"),
        enforce_2fa=env.get("TRACKQL_ENFORCE_2FA", "").strip().lower() in ("1", "true", "yes", "on"),
        two_fa_exempt_users=frozenset(e.strip() for e in env.get("TRACKQL_2FA_EXEMPT_USERS", "").split(",")
                                      if e.strip()),
    )
