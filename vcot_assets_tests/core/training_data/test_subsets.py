"""The paper's subsets in three views, and where they are written."""

from pathlib import Path

import pytest

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.training_data.records import BaseModelAnswer
from vcot_assets.core.training_data.subsets import (
    SUBSETS,
    build_subsets,
    subset_counts,
    subset_view_keys,
    training_set_path,
    wrong_answers,
)


def samples_of(pid: str, difficulty: str, views=("forward", "backward", "bidirectional")) -> list[Sample]:
    return [
        Sample(
            sample_id=f"{pid}-{view}",
            view=view,
            messages=[{"role": "user", "content": pid}],
            provenance={"instruction_id": pid, "difficulty": difficulty},
        )
        for view in views
    ]


SAMPLES = [
    *samples_of("p-easy", "easy"),
    *samples_of("p-medium", "medium"),
    *samples_of("p-hard", "hard"),
    *samples_of("p-fwd-only", "hard", views=("forward",)),
]
ANSWERS = [
    BaseModelAnswer("p-easy", "forward", "base", "1", correct=False),
    BaseModelAnswer("p-easy", "backward", "base", "f(1)", correct=True),
    BaseModelAnswer("p-medium", "forward", "base", "2", correct=True),
    BaseModelAnswer("p-medium", "backward", "base", "f(9)", correct=False),
    BaseModelAnswer("p-hard", "forward", "base", "3", correct=True),
    BaseModelAnswer("p-hard", "backward", "base", "f(3)", correct=True),
]


def ids(samples):
    return sorted(s.sample_id.rsplit("-", 1)[0] for s in samples)


def test_full_and_difficulty():
    subsets = build_subsets(SAMPLES, wrong_answers(ANSWERS))
    assert set(subsets) == set(SUBSETS)
    assert ids(subsets["full"]["forward"]) == ["p-easy", "p-fwd-only", "p-hard", "p-medium"]
    assert ids(subsets["difficulty"]["forward"]) == ["p-fwd-only", "p-hard", "p-medium"]
    assert ids(subsets["difficulty"]["backward"]) == ["p-hard", "p-medium"]


def test_answerability_follows_the_direction_of_each_view():
    subsets = build_subsets(SAMPLES, wrong_answers(ANSWERS))
    assert ids(subsets["answerability"]["forward"]) == ["p-easy"]
    assert ids(subsets["answerability"]["backward"]) == ["p-medium"]
    assert ids(subsets["answerability"]["bidirectional"]) == ["p-easy", "p-medium"]


def test_without_base_model_answers_answerability_is_empty_not_everything():
    subsets = build_subsets(SAMPLES, None)
    assert all(items == [] for items in subsets["answerability"].values())
    counts = subset_counts(subsets)
    assert counts["full-forward"] == 4 and counts["answerability-bidirectional"] == 0


def test_paths_and_config_names():
    assert subset_view_keys()[:3] == ["full-forward", "full-backward", "full-bidirectional"]
    assert len(subset_view_keys()) == 9
    assert training_set_path(Path("/d"), "difficulty", "backward") == Path("/d/training_sets/difficulty/backward.jsonl")
    with pytest.raises(ValueError):
        training_set_path(Path("/d"), "tiny", "forward")


def test_unknown_view_is_an_error():
    odd = Sample(sample_id="x-sideways", view="sideways", messages=[], provenance={})
    with pytest.raises(ValueError, match="unknown view"):
        build_subsets([odd], None)
