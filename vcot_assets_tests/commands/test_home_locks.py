"""Per-batch locks on a vcot home: one holder at a time, released when the holder ends."""

import subprocess
import sys

from vcot_assets.commands.home_locks import HomeLocks

HOLD = (
    "import sys, time; from vcot_assets.commands.home_locks import HomeLocks; "
    "assert HomeLocks(sys.argv[1]).try_acquire('b-000'); print('held', flush=True); time.sleep(60)"
)


def test_a_batch_held_by_another_process_is_refused_then_free_when_it_ends(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        locks = HomeLocks(tmp_path)
        assert not locks.try_acquire("b-000")
        assert locks.holder("b-000") == str(holder.pid)
        assert locks.try_acquire("b-001")
    finally:
        holder.kill()
        holder.wait()
    assert locks.try_acquire("b-000")
    locks.release_all()
