"""The store key read straight from the Secret Service at start, without keyring.

Why: on a Linux desktop the key lives in the Secret Service (gnome-keyring, KWallet's
Secret Service), where keyring's Secret Service backend put it. Reading it through keyring
costs about 70 ms of every start before anything is on screen: importing keyring pulls in
urllib, email and its plugin machinery, and its backend (secretstorage) loads
cryptography for an encrypted D-Bus session. This module asks the same question over
jeepney (the D-Bus library secretstorage itself uses) in a "plain" session: the Secret
Service protocol's own option for a peer on the user's private session bus, where any
process of the user may ask the service for the same secret anyway.

It only reads, and only the common case: the entry found unlocked in the default
collection, searched by the attributes keyring's backend writes. Everything else returns
``None`` and keyring is asked as before (the caller does that): another backend chosen by
the user, no D-Bus, no Secret Service, a locked collection (keyring shows the unlock
prompt), no entry yet (keyring makes it).
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

SECRETS_BUS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
DEFAULT_COLLECTION_PATH = "/org/freedesktop/secrets/aliases/default"
PLAIN_SESSION = "plain"
#: A Secret Service that does not answer within this long is left to keyring.
REPLY_TIMEOUT_S = 5.0
#: Where a user chooses keyring's backend or its properties (the Secret Service's
#: collection, its attribute scheme); where any is set, keyring itself is asked.
KEYRING_BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
KEYRING_PROPERTY_ENV_PREFIX = "KEYRING_PROPERTY_"


def read_entry(service: str, username: str) -> str | None:
    """The secret keyring stored for (``service``, ``username``) in the Secret Service's
    default collection, or ``None`` when keyring must be asked instead (see the module)."""
    if not sys.platform.startswith("linux") or keyring_chosen_by_user():
        return None
    try:
        return _ask_secret_service({"username": username, "service": service})
    except Exception:  # keyring is asked next, and says in its own words what is wrong
        return None


def keyring_chosen_by_user() -> bool:
    """A backend or backend property chosen in the environment or in keyringrc.cfg."""
    if any(
        name == KEYRING_BACKEND_ENV or name.startswith(KEYRING_PROPERTY_ENV_PREFIX)
        for name in os.environ
    ):
        return True
    config_home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return (Path(config_home) / "python_keyring" / "keyringrc.cfg").exists()


def _ask_secret_service(attributes: dict[str, str]) -> str | None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import unwrap_msg

    def call(
        path: str, interface: str, method: str, signature: str, *body: object
    ) -> tuple[Any, ...]:
        address = DBusAddress(path, bus_name=SECRETS_BUS_NAME, interface=interface)
        message = new_method_call(address, method, signature, body)
        reply = connection.send_and_get_reply(message, timeout=REPLY_TIMEOUT_S)
        return tuple(unwrap_msg(reply))

    with closing(open_dbus_connection(bus="SESSION")) as connection:
        _output, session = call(
            SERVICE_PATH,
            "org.freedesktop.Secret.Service",
            "OpenSession",
            "sv",
            PLAIN_SESSION,
            ("s", ""),
        )
        (items,) = call(
            DEFAULT_COLLECTION_PATH,
            "org.freedesktop.Secret.Collection",
            "SearchItems",
            "a{ss}",
            attributes,
        )
        if not items:
            return None
        # keyring's backend reads the first item found; a locked one raises (IsLocked),
        # and keyring then shows the unlock prompt.
        ((_session, _parameters, value, _content_type),) = call(
            items[0], "org.freedesktop.Secret.Item", "GetSecret", "o", session
        )
        return bytes(value).decode("utf-8")
