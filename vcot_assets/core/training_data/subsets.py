"""The paper's training subsets, each in the three views, and where they are written.

- full: every problem that survived deduplication and decontamination.
- answerability (model-answerability): problems the base model gets wrong. Per view: the
  forward view keeps problems whose forward question the base model answers wrongly, the
  backward view those whose backward question it answers wrongly, and the bi-directional view
  those it gets wrong in either direction. Problems with no recorded base-model answer for the
  direction are left out (unknown is not wrong).
- difficulty: problems of medium or hard difficulty (provenance `difficulty`).

Files: `<data_dir>/training_sets/<subset>/<view>.jsonl` (what the trainer reads) and
`.parquet` beside it, described by the dataset card `README.md` so that
`datasets.load_dataset(<dir>, "<subset>-<view>")` loads one subset in one view.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.records import VIEWS
from vcot_assets.core.training_data.decontam import problem_id_of
from vcot_assets.core.training_data.records import BaseModelAnswer

SUBSETS: tuple[str, ...] = ("full", "answerability", "difficulty")
HARD_DIFFICULTIES = frozenset({"medium", "hard"})
TRAINING_SETS_DIR = "training_sets"
# Which base-model answer directions make a problem "wrong" in each view.
_DIRECTIONS_OF_VIEW = {"forward": ("forward",), "backward": ("backward",), "bidirectional": ("forward", "backward")}


def subset_view_keys() -> list[str]:
    """`<subset>-<view>` names, the dataset configs (and checkpoint partitions) in order."""
    return [f"{subset}-{view}" for subset in SUBSETS for view in VIEWS]


def training_set_path(data_dir: Path, subset: str, view: str, suffix: str = ".jsonl") -> Path:
    if subset not in SUBSETS or view not in VIEWS:
        raise ValueError(f"unknown training set {subset!r}/{view!r}: subsets {SUBSETS}, views {VIEWS}")
    return Path(data_dir) / TRAINING_SETS_DIR / subset / f"{view}{suffix}"


def wrong_answers(answers: Iterable[BaseModelAnswer]) -> dict[str, set[str]]:
    """Problem id -> directions the base model got wrong; a problem answered right is absent."""
    wrong: dict[str, set[str]] = {}
    for answer in answers:
        if not answer.correct:
            wrong.setdefault(answer.instruction_id, set()).add(answer.direction)
    return wrong


def is_hard(sample: Sample) -> bool:
    return (sample.provenance or {}).get("difficulty", "").lower() in HARD_DIFFICULTIES


def build_subsets(samples: Iterable[Sample], wrong: dict[str, set[str]] | None) -> dict[str, dict[str, list[Sample]]]:
    """subset -> view -> samples. `wrong=None` (no base model answers) leaves answerability empty."""
    by_view: dict[str, list[Sample]] = {view: [] for view in VIEWS}
    for sample in samples:
        if sample.view not in by_view:
            raise ValueError(f"sample {sample.sample_id} has unknown view {sample.view!r}")
        by_view[sample.view].append(sample)
    subsets: dict[str, dict[str, list[Sample]]] = {}
    subsets["full"] = {view: list(items) for view, items in by_view.items()}
    subsets["answerability"] = {
        view: [
            s
            for s in items
            if wrong is not None and wrong.get(problem_id_of(s), set()) & set(_DIRECTIONS_OF_VIEW[view])
        ]
        for view, items in by_view.items()
    }
    subsets["difficulty"] = {view: [s for s in items if is_hard(s)] for view, items in by_view.items()}
    return subsets


def subset_counts(subsets: dict[str, dict[str, list[Sample]]]) -> dict[str, int]:
    return {f"{subset}-{view}": len(items) for subset, views in subsets.items() for view, items in views.items()}


def sample_row(sample: Sample) -> dict:
    """One row: messages as role/content pairs, provenance values as strings (one type per column)."""
    return {
        "sample_id": sample.sample_id,
        "view": sample.view,
        "messages": [{"role": str(m.get("role", "")), "content": str(m.get("content", ""))} for m in sample.messages],
        "provenance": {str(k): str(v) for k, v in (sample.provenance or {}).items()},
    }


def write_subsets(data_dir: Path, subsets: dict[str, dict[str, list[Sample]]]) -> dict[str, Path]:
    """Write every subset x view as JSONL and Parquet (atomically); returns the JSONL paths."""
    written = {}
    provenance_keys = sorted(
        {k for views in subsets.values() for items in views.values() for s in items for k in (s.provenance or {})}
    )
    for subset, views in subsets.items():
        for view, items in views.items():
            rows = [sample_row(s) for s in items]
            path = training_set_path(data_dir, subset, view)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".jsonl.tmp{os.getpid()}")
            with tmp.open("w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            os.replace(tmp, path)
            # Every provenance key in every file, so all configs share one schema.
            for row in rows:
                row["provenance"] = {k: row["provenance"].get(k, "") for k in provenance_keys}
            frame = pd.DataFrame(rows, columns=["sample_id", "view", "messages", "provenance"])
            parquet = path.with_suffix(".parquet")
            tmp = parquet.with_suffix(f".parquet.tmp{os.getpid()}")
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, parquet)
            written[f"{subset}-{view}"] = path
    return written
