"""A person who teaches in several schools signs in once: after the sign-in of the store
in front of them, the laptop signs in to each other school the server listed, with the
same password (in hand for this call only, never kept), each into that school's own store
(its own sync state, outbox and token), and brings down each one's copy at once: a school
not opened before the app closes is then on the laptop after a restart, offline, and on
a computer with no keyring (whose tokens last the session) before any sign-in. Qt-free.

A school whose sign-in fails (refused, no network) is said by name; the schools signed in
stay signed in. An older server lists no schools: nothing more happens, as before.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from classroom_desk.store.database import Store, StoreError, open_store
from classroom_desk.store.encryption import DATABASE_OR_FILE_ERRORS
from classroom_desk.store.school_files import (
    SchoolList,
    forget_school_list,
    read_school_list,
    write_school_list,
)
from classroom_desk.sync.another_person import handover_for, remove_stores
from classroom_desk.sync.client import SyncClient, sign_in
from classroom_desk.sync.values import OtherSchoolSignIn, RetryPolicy, SignInResult, SyncError

_log = logging.getLogger(__name__)
#: The teacher waits on the sign-in: a copy that fails twice comes with the school's sync.
FIRST_COPY_RETRY = RetryPolicy(attempts=2, base_delay=0.5, max_delay=1.0)


def sign_in_everywhere(
    store: Store,
    *,
    server_url: str,
    user: str,
    password: str,
    **options: Any,
) -> SignInResult:
    """Sign ``store`` in, then every other school of the person (see the module); the
    result is this store's, with ``other_schools`` telling how each other one went.
    Another person than the one before: refused while the person before has work not yet
    sent, else their other schools' stores go (see :mod:`.another_person`).
    ``options``: as :func:`~classroom_desk.sync.client.sign_in`'s."""
    handover = handover_for(store, user)  # refused here, before anything is sent
    first = sign_in(store, server_url=server_url, user=user, password=password, **options)
    data_dir = store.path.parent
    kept = read_school_list(data_dir)
    if handover is not None:
        # The list of the schools of whoever signed in before is not theirs to switch to.
        removal = handover.carry_out(data_dir)
        kept = SchoolList.of(
            [], left=[(school.id, school.name) for school, _ in removal.not_removed]
        )
    else:
        removal = remove_stores(data_dir, kept.left)
        kept = dataclasses.replace(kept, left=tuple(school for school, _ in removal.not_removed))
    first = dataclasses.replace(
        first,
        removed_schools=tuple(school.name for school in removal.removed),
        not_removed=tuple((school.name, why) for school, why in removal.not_removed),
    )
    schools = school_list_after(store, first, kept)
    if len(schools.schools) < 2:
        if schools.left:
            write_school_list(data_dir, schools)
        else:
            forget_school_list(data_dir)
        return first
    listed = {school_id for school_id, _name in first.schools}
    others: list[OtherSchoolSignIn] = []
    for school in schools.schools:
        path = school.path(data_dir)
        if school.id not in listed or path == store.path:
            continue  # this store, or a school the server no longer lists (its work stays)
        try:
            other = open_store(path, store.key)
        except StoreError as error:
            others.append(OtherSchoolSignIn(school.id, school.name, problem=str(error)))
            continue
        except DATABASE_OR_FILE_ERRORS as error:  # a full disk, a folder made read only
            others.append(OtherSchoolSignIn(school.id, school.name, problem=f"{path}: {error}"))
            continue
        try:
            result = sign_in(
                other,
                server_url=server_url,
                user=user,
                password=password,
                school=school.id,
                **options,
            )
        except SyncError as error:
            _log.warning("sign-in to another school failed: %s", type(error).__name__)
            others.append(OtherSchoolSignIn(school.id, school.name, problem=str(error)))
        else:
            others.append(
                OtherSchoolSignIn(
                    school.id,
                    school.name,
                    token=result.token,
                    remembered=result.remembered,
                    copy_problem=_first_copy(other, server_url, result.token, options),
                )
            )
        finally:
            other.close()
    try:
        write_school_list(data_dir, schools)
    except OSError as error:  # signed in all the same; the switch cannot offer them
        others = [
            dataclasses.replace(other, problem=f"{data_dir}: {error}", token=None)
            for other in others
        ]
    return dataclasses.replace(first, other_schools=tuple(others))


def _first_copy(store: Store, server_url: str, token: str, options: dict[str, Any]) -> str | None:
    """Sync a school just signed in to, so its store holds its copy; why it did not (the
    school stays signed in: its copy comes with its first sync)."""
    try:
        with SyncClient(
            store,
            server_url=server_url,
            token=token,
            transport=options.get("transport"),
            timeout=options.get("timeout", 30.0),
            retry=FIRST_COPY_RETRY,
        ) as client:
            client.sync()
    except SyncError as error:
        _log.warning("first copy of another school failed: %s", type(error).__name__)
        return str(error) or type(error).__name__
    return None


def school_list_after(store: Store, signed_in: SignInResult, kept: SchoolList) -> SchoolList:
    """The laptop's schools after ``store`` signed in: the ones it ``kept``, then the new
    ones the server listed; a fresh list (``store`` the first) when it kept none or not
    this school. No school for one school. The stores left by a person before stay left."""
    if kept.find(signed_in.school_id) is not None:
        return kept.joined(signed_in.schools)
    if len(signed_in.schools) < 2:
        return SchoolList.of([], left=kept.left_pairs)
    here = (signed_in.school_id, signed_in.school_name)
    return SchoolList.of(
        [here, *signed_in.schools],
        first_file=store.path.name,
        shown=signed_in.school_id,
        left=kept.left_pairs,
    )
