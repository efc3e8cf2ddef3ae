"""Locks on a vcot home, so two `vcot run` on one home never materialize the same batch twice.

One lock file per batch (and one for the cross-batch Stage D) under `<home>/locks/`, held with
`flock` by the `vcot run` process that materializes it: the kernel releases it when that process
ends, however it ends, so a crashed run never leaves a batch locked. The file names the holder's
pid, for the message the other run prints.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class HomeLocks:
    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / "locks"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._held: dict[str, int] = {}

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.lock"

    def try_acquire(self, name: str) -> bool:
        """Take the lock if nobody holds it; never waits."""
        if name in self._held:
            return True
        fd = os.open(self._path(name), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._held[name] = fd
        return True

    def acquire(self, name: str, poll_s: float = 0.5) -> bool:
        """Take the lock, waiting for its holder; True when it had to wait."""
        waited = False
        while not self.try_acquire(name):
            waited = True
            time.sleep(poll_s)
        return waited

    def holder(self, name: str) -> str:
        try:
            return self._path(name).read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self, name: str) -> None:
        fd = self._held.pop(name, None)
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def release_all(self) -> None:
        for name in list(self._held):
            self.release(name)
