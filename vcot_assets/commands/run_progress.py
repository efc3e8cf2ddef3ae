"""What `vcot run` shows while batches run: one row per batch, drawn with rich.

The runs write their events to the instance; the parent reads them back (`poll`), so progress
needs nothing from the worker processes but the run tags `vcot/invocation` and `vcot/batch`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.console import Console
from rich.live import Live
from rich.table import Table

INVOCATION_TAG = "vcot/invocation"
BATCH_TAG = "vcot/batch"


@dataclass
class BatchProgress:
    key: str
    status: str = "queued"  # queued | held | running | done | failed | up to date
    stage: str = ""
    assets: int = 0  # planned in this run
    done: int = 0
    calls: int = 0  # teacher calls made
    cached: int = 0  # teacher replies from the cache
    rejected: int = 0
    started: float | None = None
    finished: float | None = None

    def elapsed(self, now: float) -> str:
        if self.started is None:
            return ""
        return f"{(self.finished or now) - self.started:.0f} s"

    def fold(self, events) -> None:
        """Stage, assets done, teacher calls and rejections from a run's events so far."""
        self.done = self.calls = self.cached = self.rejected = 0
        for event in events:
            if event.is_step_start:
                self.stage = event.step_key
            elif event.is_step_materialization:
                metadata = event.step_materialization_data.materialization.metadata
                self.done += 1
                self.calls += _int(metadata.get("teacher/calls"))
                self.cached += _int(metadata.get("teacher/cache_hits"))
                self.rejected += _int(metadata.get("rejected"))


def _int(value) -> int:
    try:
        return int(value.value) if value is not None else 0
    except (TypeError, ValueError):
        return 0


class RunProgress:
    def __init__(self, keys: list[str], invocation: str, console: Console | None = None) -> None:
        self.batches = {key: BatchProgress(key) for key in keys}
        self.invocation = invocation
        # Piped output (CI, logs) gets the final table once, wide enough to read.
        self.console = console or Console(width=None if Console().is_terminal else 132)
        self.started = time.monotonic()
        self._live: Live | None = None

    def __enter__(self) -> RunProgress:
        self._live = Live(self.table(), console=self.console, refresh_per_second=2, transient=False)
        self._live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.update(self.table())
            self._live.__exit__(*exc)
            if not self.console.is_terminal:
                self.console.line()

    def note(self, text: str) -> None:
        self.console.print(text, highlight=False)

    def set(self, key: str, **changes) -> None:
        batch = self.batches[key]
        for name, value in changes.items():
            setattr(batch, name, value)
        self.refresh()

    def poll(self, instance) -> None:
        """Read the events of this invocation's runs from the instance."""
        from dagster import DagsterEventType, RunsFilter

        kinds = {DagsterEventType.STEP_START, DagsterEventType.ASSET_MATERIALIZATION}
        for record in instance.get_run_records(RunsFilter(tags={INVOCATION_TAG: self.invocation})):
            run = record.dagster_run
            batch = self.batches.get(run.tags.get(BATCH_TAG, ""))
            if batch is None or batch.status != "running":
                continue
            batch.fold(entry.dagster_event for entry in instance.all_logs(run.run_id, of_type=kinds))
        self.refresh()

    def refresh(self) -> None:
        if self._live is not None:
            self._live.update(self.table())

    def totals(self) -> tuple[int, int, int]:
        rows = self.batches.values()
        return sum(b.calls for b in rows), sum(b.cached for b in rows), sum(b.rejected for b in rows)

    def table(self) -> Table:
        now = time.monotonic()
        calls, cached, rejected = self.totals()
        table = Table(
            title=f"vcot run: {now - self.started:.0f} s, teacher calls {calls} made / {cached} cached, "
            f"{rejected} rejections",
            title_justify="left",
        )
        for column in ("batch", "status", "stage", "assets", "calls", "cached", "rejected", "elapsed"):
            table.add_column(column, justify="right" if column in ("assets", "calls", "cached", "rejected") else "left")
        for b in self.batches.values():
            if b.status == "up to date":
                continue
            assets = f"{b.done}/{b.assets}" if b.assets else ""
            table.add_row(
                b.key, b.status, b.stage, assets, str(b.calls), str(b.cached), str(b.rejected), b.elapsed(now)
            )
        return table
