"""The vcot home: the Dagster instance directory, with asset data and caches beneath it."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource
from pydantic import Field


def resolve_home(explicit: str | None = None) -> Path:
    """`--home`, else $VCOT_HOME, else $DAGSTER_HOME (so `dagster dev` sees `vcot run`'s data), else ./.vcot."""
    chosen = explicit or os.environ.get("VCOT_HOME") or os.environ.get("DAGSTER_HOME") or ".vcot"
    return Path(chosen).expanduser().resolve()


class HomeResource(ConfigurableResource):
    """Where asset data, the teacher cache and the default documents folder live."""

    path: str
    docs: str = ""  # documents folder; default <home>/docs, or $VCOT_DOCS
    stdlib: bool = Field(
        default_factory=lambda: os.environ.get("VCOT_STDLIB", "1") != "0",
        description="include the built-in corpus of standard-library docstrings",
    )

    @property
    def root(self) -> Path:
        return Path(self.path)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def docs_dir(self) -> Path:
        return Path(self.docs or os.environ.get("VCOT_DOCS") or self.root / "docs")
