"""ConferenceRun: the walk's frozen order, who was seen, where a student stands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.presenters.conference_run import ConferenceRun


def test_next_is_forward_unseen_and_still_shown() -> None:
    run = ConferenceRun.start(["a", "b", "c", "d", "e"])
    run.see("c")
    run.see("d")
    assert run.next_after("c", {"a", "b", "c", "d", "e"}) == "e"  # d was seen
    assert run.next_after("b", {"a", "b", "e"}) == "e"  # c, d seen; never back to a
    assert run.next_after("e", {"a", "b", "c", "d", "e"}) is None
    assert run.next_after("x", {"a"}) == "a"  # outside the run: from its start
    assert run.progress_text("c") == "3 of 5"
    assert run.progress_text("x") == ""


@given(
    order=st.lists(st.integers(0, 30), unique=True, min_size=1, max_size=15),
    seen=st.sets(st.integers(0, 30)),
    shown=st.sets(st.integers(0, 30)),
    data=st.data(),
)
def test_next_never_goes_back_and_never_repeats(
    order: list[int], seen: set[int], shown: set[int], data: st.DataObject
) -> None:
    ids = [str(n) for n in order]
    run = ConferenceRun.start(ids)
    for student in seen:
        run.see(str(student))
    current = data.draw(st.sampled_from(ids))
    following = run.next_after(current, {str(n) for n in shown})
    if following is not None:
        assert ids.index(following) > ids.index(current)
        assert following not in run.seen and int(following) in shown
        skipped = ids[ids.index(current) + 1 : ids.index(following)]
        assert all(s in run.seen or int(s) not in shown for s in skipped)
    else:
        rest = ids[ids.index(current) + 1 :]
        assert all(s in run.seen or int(s) not in shown for s in rest)
