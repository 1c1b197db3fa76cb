"""What dialogs say when something did not work: plain words and what to do next, never an
exception's name or an errno (a teacher cannot act on those)."""

from __future__ import annotations

import re

from classroom_desk.i18n import plural, translate
from classroom_desk.sync.another_person import (
    NotTheFirstSchoolError,
    StoresNotRemovableError,
    UnsentWorkError,
)
from classroom_desk.sync.client import OfflineError, SignInRequiredError, SyncError

# "ConnectError: ", "[Errno 111] ", "(ReadTimeout)" and the like, should one slip through.
_TECHNICAL = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Timeout)\b:?\s*|\[Errno \d+\]\s*")


def sign_in_failure_text(error: Exception, server_url: str) -> str:
    """The dialog's message for a sign-in that failed with ``error``."""
    if isinstance(error, OfflineError):
        return translate(
            "Messages",
            "Cannot reach the school server at {server}. Check the address and that this "
            "laptop is on the school's network, then try again. Everything you do meanwhile "
            "is kept on this laptop.",
        ).format(server=server_url)
    if isinstance(error, SignInRequiredError):
        return translate("Messages", "{problem} Check them and try again.").format(
            problem=plain(str(error))
        )
    if isinstance(error, UnsentWorkError):
        return unsent_work_text(error)
    if isinstance(error, NotTheFirstSchoolError):
        return translate(
            "Messages",
            "Not signed in: {user} signed in on this laptop before you. To take this laptop "
            "over, choose {school} in the School menu and sign in there. Nothing was changed.",
        ).format(user=error.user, school=error.first_school)
    if isinstance(error, StoresNotRemovableError):
        return translate(
            "Messages",
            "Not signed in: this laptop holds the work of the person who signed in before "
            "for {schools} and cannot check or remove it ({detail}). Nothing was changed; "
            "ask the school's IT person.",
        ).format(schools=", ".join(error.schools), detail=plain(error.detail))
    if isinstance(error, SyncError):
        return plain(str(error))
    if isinstance(error, OSError):
        return translate(
            "Messages",
            "This laptop could not keep the sign-in (its data folder could not be written). "
            "Try again; if it keeps failing, ask the school's IT person.",
        )
    return translate(
        "Messages",
        "The sign-in did not work. Try again; if it keeps failing, ask the school's IT person.",
    )


def unsent_work_text(error: UnsentWorkError) -> str:
    """Another person's sign-in refused: whose work waits, in which school, how much."""
    waiting = "; ".join(
        plural(
            count,
            translate("Messages", "{school}: 1 change not yet sent"),
            translate("Messages", "{school}: {count} changes not yet sent"),
        ).format(school=school, count=count)
        for school, count in error.waiting
    )
    return translate(
        "Messages",
        "Not signed in: {user}, who signed in on this laptop before you, has work the "
        "school server has not received yet ({waiting}). Ask {user} to sign in and sync "
        "(F5) first, so nothing is lost. Nothing was changed.",
    ).format(user=error.user, waiting=waiting)


def plain(message: str) -> str:
    """``message`` without exception names or errno codes."""
    cleaned = _TECHNICAL.sub("", message)
    return re.sub(r"\(\s*\)", "", cleaned).replace("  ", " ").strip()


def file_error_text(error: Exception, path: object) -> str:
    """A file that could not be written or read (an export), and what to do about it."""
    if isinstance(error, PermissionError):
        why = translate("Messages", "this computer does not allow writing there")
    elif isinstance(error, FileNotFoundError):
        why = translate("Messages", "that folder does not exist (any more)")
    elif isinstance(error, IsADirectoryError):
        why = translate("Messages", "that is a folder, not a file name")
    elif isinstance(error, OSError) and error.strerror:
        why = error.strerror.lower()
    else:
        why = plain(str(error)) or translate("Messages", "something went wrong")
    return translate(
        "Messages",
        "{file} could not be saved: {why}. Choose another folder or name and try again.",
    ).format(file=path, why=why)


def import_failure_text(error: Exception) -> str:
    """An import that failed other than on the file's content (an ``InputError`` says
    what and where itself): the file gone or unreadable, or something unexpected."""
    if isinstance(error, OSError):
        why = (error.strerror or translate("Messages", "it could not be opened")).lower()
        return translate(
            "Messages",
            "{file} could not be read: {why}. Check that it is still there, then import it "
            "again.\n\nNothing was imported.",
        ).format(file=error.filename or translate("Messages", "The file"), why=why)
    return translate(
        "Messages",
        "{problem}.\n\nNothing was imported. Try again; if it keeps failing, ask the "
        "school's IT person.",
    ).format(problem=plain(str(error)) or translate("Messages", "Something went wrong"))
