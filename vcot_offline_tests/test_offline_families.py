"""Every task family: references, style variants and bugs checked against the task's own cases."""

from __future__ import annotations

import ast

import pytest

from vcot_assets.core.synthesis import parsing
from vcot_offline.families import FAMILIES, find_task, rank_families, tasks_by_name
from vcot_offline.variants import style_variant, wrong_variant

TASKS = sorted(tasks_by_name().values(), key=lambda t: t.name)


def _passes(code: str, task, cases) -> list[bool]:
    namespace: dict = {}
    exec(compile(code, "<candidate>", "exec"), namespace)  # our own task code, never generated text
    results = []
    for call, expected in cases:
        try:
            results.append(eval(call, dict(namespace)) == ast.literal_eval(expected))
        except Exception:
            results.append(False)
    return results


def test_every_difficulty_and_both_kinds_are_served():
    for fam in FAMILIES:
        assert {t.difficulty for t in fam.tasks} == {"easy", "medium", "hard"}, fam.name
    assert {t.kind for t in TASKS} == {"function", "class"}


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.name)
def test_task_is_consistent(task):
    cases = task.cases(25)
    assert len(cases) >= 18, "too few distinct cases for dual agreement"
    signature = parsing.parse_signature(task.signature, "i")
    assert signature.name == task.name and signature.kind == task.kind
    if task.kind == "class":
        assert signature.primary_method == task.method
    for style in range(5):
        assert all(_passes(style_variant(task, style), task, cases)), f"style {style} of {task.name} is wrong"
    for bug in task.bugs:
        assert not all(_passes(bug, task, cases)), f"a bug of {task.name} passes every case"
    assert find_task(task.instruction) is task
    assert find_task("", task.signature) is task


def test_wrong_variants_differ_from_the_reference():
    task = tasks_by_name()["binary_search"]
    assert all(wrong_variant(task, seed) != task.code for seed in range(5))


def test_concept_phrases_rank_their_family_first():
    assert rank_families("sorted list ordering")[0].name == "sorting"
    assert rank_families("hash table lookup by key")[0].name == "dicts"
    assert rank_families("unicode string")[0].name == "strings"
    # no overlap at all still gives a stable order
    assert rank_families("file descriptor") == rank_families("file descriptor")


def test_every_template_task_joins_a_family():
    from vcot_offline.families import extras

    assert all(tasks_by_name().get(t.name) is t for t in extras.EXTRA_TASKS)
