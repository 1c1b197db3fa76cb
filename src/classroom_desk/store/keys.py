"""Where the store's key comes from: the OS keyring, or a passphrase where there is none.

One key encrypts every store in a data folder (the school's, the demo's, their backups).
It is made at random on first run and kept in the keyring beside the device token.
Without a keyring (a headless Linux), the teacher chooses a passphrase and the key is
derived from it with Argon2id each start. The key is never written to a file:
``store-key.json`` in the data folder only says where the key lives (and, for a
passphrase, the salt and the Argon2id costs), so a later start asks the right question.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk.i18n import translatable, translate
from classroom_desk.store import secret_service
from classroom_desk.store.database import StoreError
from classroom_desk.store.encryption import KEY_BYTES, StoreKey, is_plain_sqlite

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring (and its Secret Service backend: D-Bus, cryptography) and argon2 are imported
# where they are used: the keyring is read first thing at start (``KeyringLookup.read``)
# and argon2 is needed only without a keyring.

SERVICE = "classroom-desk"
KEY_FILE = "store-key.json"
#: Scripts and CI on a machine without a keyring may hand the passphrase in this
#: environment variable (as restic and borg do); it is never read from a file.
PASSPHRASE_ENV = "CLASSROOM_DESK_PASSPHRASE"
MIN_PASSPHRASE_LENGTH = 12
#: Argon2id costs (RFC 9106's second recommended option, with 64 MiB): about a quarter
#: of a second on a classroom laptop, once per start.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 4
SALT_BYTES = 16
KEPT_IN_KEYRING = "keyring"
KEPT_AS_PASSPHRASE = "passphrase"

NO_KEYRING_FOR_STORE = translatable(
    "Passphrase",
    "This computer has no secure password store (keyring), so Classroom Desk cannot keep "
    "the key that locks your students' data. Choose a passphrase instead: you will type "
    "it each time the app starts. Nobody, not even school IT, can open the data without "
    "it, so keep it somewhere safe.",
)


class StoreKeyError(StoreError):
    """The key cannot be had; the store was left untouched."""


@dataclass(frozen=True, slots=True)
class PassphraseRequest:
    """What the passphrase prompt should ask."""

    new: bool  #: choosing a passphrase (type it twice) rather than unlocking
    data_dir: Path
    #: Asked again: the passphrase typed before did not unlock the data.
    after_wrong: bool = False

    @property
    def message(self) -> str:
        """The question in the teacher's language, worded when it is read (the prompt
        reads it once the language is loaded, which is after the request is made)."""
        if self.new:
            message = translate("Passphrase", NO_KEYRING_FOR_STORE)
        else:
            message = translate(
                "Passphrase", "Type the passphrase that unlocks the students' data in {folder}."
            ).format(folder=self.data_dir)
        if self.after_wrong:
            return translate(
                "Passphrase", "That passphrase does not unlock the data. {message}"
            ).format(message=message)
        return message


#: Asks the teacher; returns the passphrase, or ``None`` when they cancel.
AskPassphrase = Callable[[PassphraseRequest], str | None]


def keyring_available() -> bool:
    """A usable keyring backend (the fail and null backends have priority 0 or less)."""
    import keyring

    try:
        return float(getattr(keyring.get_keyring(), "priority", 0)) > 0
    except (TypeError, ValueError):
        return False


#: What keyring's own Linux backends other than the Secret Service need: KWallet needs
#: dbus-python, libsecret needs PyGObject. Without them (the app installs neither) and
#: without a third-party plugin, keyring's search can only pick the Secret Service.
OTHER_LINUX_BACKENDS_NEED = ("dbus", "gi")


def use_system_keyring() -> None:
    """Set the keyring backend the app uses: keyring's own choice, made fast on Linux.

    keyring's search imports every backend it ships (the macOS one runs ``ldconfig`` looking
    for Apple's frameworks) and asks D-Bus twice; on Linux that was a tenth of a second or
    more of every start. A backend named in ``PYTHON_KEYRING_BACKEND`` or ``keyringrc.cfg``
    is honoured as keyring honours it. On Linux, when the search could only end at the
    Secret Service (see ``OTHER_LINUX_BACKENDS_NEED``), the Secret Service is asked
    directly, and when it does not answer keyring's fail backend is set, as the search
    would (that leads to the passphrase); everywhere else keyring searches as it always
    does. A backend already set (a test's, a caller's) is kept.
    """
    import keyring.core

    # keyring has no public "is a backend set"; this module global is what get_keyring reads.
    if getattr(keyring.core, "_keyring_backend", None) is not None:
        return
    backend = keyring.core.load_env() or keyring.core.load_config() or _linux_secret_service()
    if backend is None:
        keyring.core.init_backend()  # keyring's own search
    else:
        keyring.set_keyring(backend)


def _linux_secret_service() -> KeyringBackend | None:
    """keyring's choice where the Secret Service is the only backend it could choose: the
    Secret Service when it answers, else keyring's fail backend (where its search ends
    then, after importing every other backend); ``None`` where keyring must search."""
    if not sys.platform.startswith("linux"):
        return None
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    if any(find_spec(module) is not None for module in OTHER_LINUX_BACKENDS_NEED):
        return None
    plugins = entry_points(group="keyring.backends")
    if any(not plugin.value.startswith("keyring.backends.") for plugin in plugins):
        return None  # a third-party backend: its priority is for keyring's search to weigh
    from keyring.backends import SecretService, fail

    try:
        SecretService.Keyring.priority  # noqa: B018 - raises when no Secret Service answers
    except Exception:  # as keyring's own viability test: any error means not usable
        return fail.Keyring()  # type: ignore[no-untyped-call]
    return SecretService.Keyring()  # type: ignore[no-untyped-call]


class KeyringLookup:
    """The keyring's entry for a data folder, read once.

    The app reads it first thing at start, on the main thread and before Qt is imported
    (``read``): PySide6's import hook inspects every module imported after it and is not
    safe against a second thread importing at the same time (a start read the keyring on
    a thread while Qt loaded, and one start in a benchmark's few dozen died in pydantic's
    import). On a Linux desktop the entry is read straight from the Secret Service
    (:mod:`classroom_desk.store.secret_service`, without importing keyring); keyring is
    asked whenever that finds nothing. The lookup only reads: a new key is made and
    stored by :func:`load_store_key`, and never put in a file.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._answer: tuple[bool, str | None] | None = None
        self._error: BaseException | None = None

    @classmethod
    def read(cls, data_dir: Path) -> KeyringLookup:
        """The answer asked for now; what reading raised is raised by ``answer``."""
        lookup = cls(data_dir)
        lookup._read()
        return lookup

    def answer(self) -> tuple[bool, str | None]:
        """(a usable keyring, the entry or ``None``); raises what reading it raised."""
        if self._answer is None and self._error is None:
            self._read()
        if self._error is not None:
            raise self._error
        assert self._answer is not None
        return self._answer

    def _read(self) -> None:
        stored = secret_service.read_entry(SERVICE, keyring_user(self.data_dir))
        if stored is not None:
            self._answer = (True, stored)
            return
        import keyring

        try:
            use_system_keyring()
            available = keyring_available()
            stored = (
                keyring.get_password(SERVICE, keyring_user(self.data_dir)) if available else None
            )
            self._answer = (available, stored)
        except BaseException as error:  # raised by ``answer``, where the store opens
            self._error = error


def keyring_user(data_dir: Path) -> str:
    return f"store-key {data_dir.resolve()}"


def derive_key(
    passphrase: str, *, salt: bytes, time_cost: int, memory_kib: int, lanes: int
) -> StoreKey:
    """Argon2id of the passphrase: the store key for a computer without a keyring."""
    from argon2.low_level import Type, hash_secret_raw

    return StoreKey(
        hash_secret_raw(
            secret=passphrase.encode("utf-8"),
            salt=salt,
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=lanes,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    )


def check_new_passphrase(passphrase: str) -> str | None:
    """Why a new passphrase is refused, in plain words, or ``None``."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return translate(
            "Passphrase",
            "Use at least {count} characters: a few words you will remember, like 'maple river "
            "lantern'.",
        ).format(count=MIN_PASSPHRASE_LENGTH)
    if len(set(passphrase)) < 5:
        return translate(
            "Passphrase", "That passphrase repeats too few characters; use a few different words."
        )
    return None


def load_store_key(
    data_dir: Path, *, ask: AskPassphrase, lookup: KeyringLookup | None = None
) -> StoreKey:
    """The key for the stores in ``data_dir``: from the keyring, or from a passphrase.

    A new data folder gets a new random key in the keyring, or, without a keyring, a
    passphrase the teacher chooses. Raises :class:`StoreKeyError` in plain words when
    the key is gone (a keyring entry deleted) or the teacher cancels the prompt.
    ``lookup`` is the keyring's answer already asked for (``KeyringLookup.read``).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    kept_in = _read_key_file(data_dir).get("kept_in")
    if kept_in == KEPT_AS_PASSPHRASE:
        return _key_from_passphrase(data_dir, ask, new=False)
    if lookup is None or lookup.data_dir != data_dir:
        lookup = KeyringLookup(data_dir)
    try:
        available, stored = lookup.answer()
    except _keyring_errors() as error:
        raise StoreKeyError(
            f"The keyring did not give the key for {data_dir} ({error}); nothing was changed."
        ) from error
    if kept_in == KEPT_IN_KEYRING or available:
        return _key_from_keyring(
            data_dir, ask, expected=kept_in == KEPT_IN_KEYRING, available=available, stored=stored
        )
    return _key_from_passphrase(data_dir, ask, new=True)


def _keyring_errors() -> type[Exception]:
    import keyring.errors

    return keyring.errors.KeyringError


def retry_passphrase(data_dir: Path) -> bool:
    """True when a wrong key may be a mistyped passphrase (worth asking again)."""
    return _read_key_file(data_dir).get("kept_in") == KEPT_AS_PASSPHRASE


def _key_from_keyring(
    data_dir: Path, ask: AskPassphrase, *, expected: bool, available: bool, stored: str | None
) -> StoreKey:
    if not available:
        raise StoreKeyError(
            f"The key that locks the data in {data_dir} is kept in this computer's keyring, "
            "and no keyring is reachable now (is the desktop session's password store "
            "running?). The data was left untouched; start the app from the desktop session "
            "that set it up."
        )
    if stored is not None:
        try:
            return StoreKey.from_hex(stored)
        except ValueError as error:
            raise StoreKeyError(
                f"The keyring's entry for {data_dir} is not a Classroom Desk key; "
                "nothing was changed."
            ) from error
    if expected or _has_encrypted_store(data_dir):
        raise StoreKeyError(
            f"The key that locks the data in {data_dir} is missing from this computer's "
            "keyring (the entry was deleted, or the folder was copied from another computer). "
            "The encrypted data was left untouched. If this laptop syncs with the school "
            "server, move the folder away and sign in again: everything synced comes back."
        )
    import keyring

    key = StoreKey.generate()
    try:
        keyring.set_password(SERVICE, keyring_user(data_dir), key.hex())
    except _keyring_errors():
        # A keyring that refuses to store is no keyring: a passphrase it is.
        return _key_from_passphrase(data_dir, ask, new=True)
    _write_key_file(data_dir, {"kept_in": KEPT_IN_KEYRING})
    return key


def _key_from_passphrase(data_dir: Path, ask: AskPassphrase, *, new: bool) -> StoreKey:
    settings = _read_key_file(data_dir)
    passphrase = ask(PassphraseRequest(new=new, data_dir=data_dir))
    if passphrase is None:
        raise StoreKeyError(
            translate("Passphrase", "No passphrase was given, so the students' data stays locked.")
        )
    if new:
        problem = check_new_passphrase(passphrase)
        if problem is not None:
            raise StoreKeyError(
                translate("Passphrase", "That passphrase was not used: {problem}").format(
                    problem=problem
                )
            )
        settings = {
            "kept_in": KEPT_AS_PASSPHRASE,
            "kdf": "argon2id",
            "salt": secrets.token_bytes(SALT_BYTES).hex(),
            "time_cost": ARGON2_TIME_COST,
            "memory_kib": ARGON2_MEMORY_KIB,
            "lanes": ARGON2_PARALLELISM,
        }
    try:
        key = derive_key(
            passphrase,
            salt=bytes.fromhex(str(settings["salt"])),
            time_cost=int(str(settings["time_cost"])),
            memory_kib=int(str(settings["memory_kib"])),
            lanes=int(str(settings["lanes"])),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise StoreKeyError(
            f"{data_dir / KEY_FILE} is damaged ({error}); the data was left untouched."
        ) from error
    if new:
        _write_key_file(data_dir, settings)
    return key


def passphrase_from_environment() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def _has_encrypted_store(data_dir: Path) -> bool:
    candidates = [*data_dir.glob("*.sqlite"), *(data_dir / "backups").glob("*.sqlite")]
    for path in candidates:
        try:
            if path.stat().st_size > 0 and not is_plain_sqlite(path):
                return True
        except OSError:
            continue
    return False


def _read_key_file(data_dir: Path) -> dict[str, object]:
    path = data_dir / KEY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise StoreKeyError(
            f"{path} cannot be read ({error}); the data was left untouched."
        ) from error
    return data if isinstance(data, dict) else {}


def _write_key_file(data_dir: Path, settings: dict[str, object]) -> None:
    path = data_dir / KEY_FILE
    work = path.with_name(path.name + ".new")
    work.write_text(json.dumps({"version": 1, **settings}, indent=2) + "\n", encoding="utf-8")
    work.replace(path)
