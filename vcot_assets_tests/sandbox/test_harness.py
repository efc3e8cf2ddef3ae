"""The sandbox child's own bookkeeping, in this process (the hostile programs run in test_hostile)."""

import errno

from vcot_assets.sandbox import harness


def test_a_unit_that_used_up_the_descriptors_taints_the_child(monkeypatch):
    # A multiprocessing bomb can leave no descriptor free, so listing /proc/self/task fails: the
    # child must start afresh (tainted), not report its own failure as a crash of the program.
    state = harness._ChildState()

    def no_descriptors(path):
        raise OSError(errno.EMFILE, "Too many open files", path)

    monkeypatch.setattr(harness.os, "listdir", no_descriptors)
    assert state.tainted() is True
