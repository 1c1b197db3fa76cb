"""The device token lives only in the OS keyring (``keyring``), never in a file.

Headless Linux often has no keyring backend: then nothing is stored anywhere, the
caller gets a plain-words reason, the app keeps the token in memory for this session
and asks the teacher to sign in again next time. There is no plaintext fallback.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
import keyring.errors

from classroom_desk.i18n import translatable

SERVICE = "classroom-desk"

NO_KEYRING_MESSAGE = translatable(
    "Sync",
    "This computer has no secure password store (keyring), so Classroom Desk cannot "
    "remember your sign-in. You can keep working; you will be asked to sign in again "
    "next time you start the app.",
)


class NoKeyringError(Exception):
    """No keyring backend: the token cannot be remembered (never written to a file)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_KEYRING_MESSAGE + (f" ({detail})" if detail else ""))


def keyring_user(server_url: str, user: str, school: str | None = None) -> str:
    """The keyring entry's user name: the server URL and the teacher's user name, and the
    school for a store that knows its school (one token per school). ``None``: a store
    signed in before laptops kept several schools, whose entry keeps its old name."""
    entry = f"{server_url.rstrip('/')} {user}"
    return entry if school is None else f"{entry} school={school}"


def keyring_available() -> bool:
    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return False


def save_token(server_url: str, user: str, token: str, school: str | None = None) -> None:
    """Remember the token; raises :class:`NoKeyringError` when there is nowhere safe."""
    if not keyring_available():
        raise NoKeyringError()
    try:
        keyring.set_password(SERVICE, keyring_user(server_url, user, school), token)
    except keyring.errors.KeyringError as error:
        raise NoKeyringError(str(error)) from error


def load_token(server_url: str, user: str, school: str | None = None) -> str | None:
    """The remembered token, or ``None`` (never signed in here, or no keyring)."""
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, keyring_user(server_url, user, school))
    except keyring.errors.KeyringError:
        return None


def forget_token(server_url: str, user: str, school: str | None = None) -> None:
    if not keyring_available():
        return
    # Nothing stored, or the keyring went away: either way nothing remains.
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, keyring_user(server_url, user, school))
