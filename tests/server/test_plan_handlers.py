"""Every kind of the mutation catalogue has exactly one server handler."""

from classroom_desk.server import plan_sync, sync_service
from classroom_desk.sync.protocol import MUTATION_KINDS


def test_every_kind_has_one_handler() -> None:
    conference, plans = set(sync_service._HANDLERS), set(plan_sync.HANDLERS)
    assert not conference & plans
    assert conference | plans == set(MUTATION_KINDS.values())
