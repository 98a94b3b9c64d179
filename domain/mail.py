"""Outgoing email (aiosmtplib), configured by TRACKQL_SMTP_HOST, _PORT, _USER, _PASSWORD, _TLS, _SENDER.
Without a host, messages are not sent (Zou with mail disabled). Message bodies are never logged: they
carry one-time codes."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

log = logging.getLogger("trackql.mail")

_TRUE = {"1", "true", "yes", "on", "y", "t"}


@dataclass(frozen=True)
class MailConfig:
    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    tls: bool = False  # implicit TLS (SMTPS); STARTTLS is used when the server offers it
    sender: str = "no-reply@trackql.local"

    @classmethod
    def from_mapping(cls, smtp: Mapping[str, str] | None) -> MailConfig:
        """From `Settings.smtp` ({"host": ..., "port": ..., ...} taken from TRACKQL_SMTP_*)."""
        smtp = smtp or {}
        try:
            port = int(smtp.get("port") or (465 if _flag(smtp.get("tls")) else 25))
        except ValueError as exc:
            raise ValueError(f"TRACKQL_SMTP_PORT is not a number: {smtp.get('port')!r}") from exc
        return cls(host=smtp.get("host") or None, port=port, user=smtp.get("user") or None,
                   password=smtp.get("password") or None, tls=_flag(smtp.get("tls")),
                   sender=smtp.get("sender") or cls.sender)

    @property
    def enabled(self) -> bool:
        return bool(self.host)


def _flag(value: str | None) -> bool:
    return str(value or "").strip().lower() in _TRUE


async def send(config: MailConfig, *, to: str, subject: str, text: str, html: str | None = None) -> bool:
    """Send one message; False when mail is not configured or the server refused it (logged, never raised:
    a mail failure must not fail the request that caused it)."""
    if not config.enabled or not to:
        log.info("mail not configured: message %r to %s not sent", subject, to)
        return False
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = config.sender, to, subject
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    try:
        await aiosmtplib.send(msg, hostname=config.host, port=config.port, username=config.user,
                              password=config.password, use_tls=config.tls, start_tls=None if not config.tls else False,
                              timeout=15)
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("mail to %s not sent: %s", to, type(exc).__name__)
        return False
    return True


def otp_message(*, first_name: str, code: str, organisation: str, when: str) -> tuple[str, str]:
    """Subject and text of the message carrying an email login code."""
    subject = f"{organisation} - your verification code"
    text = (f"Hello {first_name},\n\n"
            f"Your verification code is: {code}\n\n"
            f"It was requested on {when} (UTC) and stays valid for 5 minutes, for one login.\n"
            "If you did not ask for it, someone may know your password: change it.\n")
    return subject, text


def notice_message(*, first_name: str, organisation: str, what: str, when: str) -> tuple[str, str]:
    """Subject and text of a security notice (password changed, 2FA disabled by an admin)."""
    subject = f"{organisation} - {what}"
    text = f"Hello {first_name},\n\n{what} on {when} (UTC).\nIf this was not expected, contact your administrator.\n"
    return subject, text
