"""The app's start on a plain store, for ``bench/encryption.py``'s same-code baseline.

The same code as ``python -m classroom_desk`` with no store key: the keyring is not
asked and SQLite reads its pages without the cipher. What is left between this start and
the encrypted one is what encryption itself costs. Nothing else runs this way: the app
always has a key.

    python bench/plain_store_start.py --demo --smoke-test --data-dir DIR
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from classroom_desk import app
from classroom_desk.store.database import Store


def _no_keyring(data_dir: Path) -> None:
    return None


def _without_key(
    data_dir: Path, ask: Any, opener: Callable[[None], Store], lookup: Any = None
) -> Store:
    return opener(None)


if __name__ == "__main__":
    app.KeyringLookup.read = _no_keyring  # type: ignore[assignment,method-assign]
    app.open_with_key = _without_key  # type: ignore[assignment]
    sys.exit(app.main(sys.argv[1:]))
