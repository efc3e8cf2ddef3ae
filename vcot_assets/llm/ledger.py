"""A run's teacher spend, shared by every step of the run, even across processes.

Dagster runs each asset step with its own client, often in its own process, while a spend cap
is meant for the whole run. The ledger is one small JSON file per run, read and rewritten under
an exclusive `flock` for every call, so concurrent steps see one running total and no call
starts once a cap is reached. A few hundred microseconds per call, against calls that take
seconds.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass
class Spend:
    calls: int = 0
    tokens: int = 0
    cost: float = 0.0


class SpendLedger:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _locked(self) -> Iterator[Spend]:
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                spend = self._read()
                before = Spend(spend.calls, spend.tokens, spend.cost)
                yield spend
                if spend != before:
                    tmp = self.path.with_suffix(".tmp")
                    tmp.write_text(json.dumps(spend.__dict__))
                    os.replace(tmp, self.path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> Spend:
        try:
            data = json.loads(self.path.read_text())
            return Spend(int(data["calls"]), int(data["tokens"]), float(data["cost"]))
        except FileNotFoundError:
            return Spend()
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise RuntimeError(
                f"the teacher spend ledger {self.path} is unreadable ({err}); "
                "delete it to start the run's count from zero"
            ) from err

    def total(self) -> Spend:
        with self._locked() as spend:
            return Spend(spend.calls, spend.tokens, spend.cost)

    def reserve_call(self, max_calls: int | None, max_tokens: int | None, max_cost: float | None) -> str | None:
        """Count one call, or return why not: the message of the first cap the run has reached."""
        with self._locked() as spend:
            if max_calls is not None and spend.calls >= max_calls:
                return f"teacher spend cap reached for this run: {spend.calls} calls made, max_calls={max_calls}"
            if max_tokens is not None and spend.tokens >= max_tokens:
                return (
                    f"teacher spend cap reached for this run: {spend.tokens} tokens used, max_total_tokens={max_tokens}"
                )
            if max_cost is not None and spend.cost >= max_cost:
                return f"teacher spend cap reached for this run: cost {spend.cost:.4f}, max_cost={max_cost}"
            spend.calls += 1
            return None

    def add(self, tokens: int, cost: float | None) -> None:
        with self._locked() as spend:
            spend.tokens += tokens
            spend.cost += cost or 0.0
