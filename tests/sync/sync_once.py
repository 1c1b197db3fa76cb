"""A laptop syncing once, as its own process (so a test can SIGKILL it mid-sync)."""

from __future__ import annotations

import sys
from pathlib import Path

from classroom_desk.store.database import open_store
from classroom_desk.sync.client import SyncClient
from classroom_desk.sync.values import RetryPolicy


def main() -> None:
    store_path, server_url, token = sys.argv[1:4]
    store = open_store(Path(store_path))
    with SyncClient(
        store, server_url=server_url, token=token, retry=RetryPolicy(attempts=1)
    ) as client:
        client.sync()
    print("synced", flush=True)


if __name__ == "__main__":
    main()
