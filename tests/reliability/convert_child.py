"""Converts one plain store to SQLCipher (``open_store`` with a key), for the kill test."""

from __future__ import annotations

import sys
from pathlib import Path

from classroom_desk.store.database import open_store
from classroom_desk.store.encryption import StoreKey

if __name__ == "__main__":
    path, key = Path(sys.argv[1]), StoreKey.from_hex(sys.argv[2])
    print("ready", flush=True)
    open_store(path, key).close()
    print("done", flush=True)
