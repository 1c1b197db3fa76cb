"""Where a piece of typed work stands: what the panel's note and profile show beside it."""

from __future__ import annotations

import enum


class SaveState(enum.Enum):
    EMPTY = "empty"
    UNSAVED = "unsaved"
    SAVED = "saved"
    FAILED = "failed"
