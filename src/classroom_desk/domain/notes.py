"""What a note or short text may hold: its limits, the conference tags, plain-text rules.

Apart from the sync wire format (which enforces them) so that the teacher's actions and
the panel can read them without loading pydantic at start-up.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

MAX_NOTE_CHARS: Final = 200_000
MAX_TEXT_CHARS: Final = 10_000
NoteTag = Literal[
    "celebrated",
    "set goal",
    "reassigned",
    "discussed time",
    "needs small group",
    "contact family",
]
#: The one-key tags of a conference note, in the order the panel numbers them.
NOTE_TAGS: Final[tuple[str, ...]] = get_args(NoteTag)


def plain_text(text: str, *, limit: int = MAX_TEXT_CHARS, what: str = "the text") -> str:
    """Plain text as stored: NULs dropped, line ends normalised, trimmed, bounded."""
    plain = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(plain) > limit:
        raise ValueError(f"{what} is too long ({len(plain):,} characters, at most {limit:,})")
    return plain
