"""Data-quality rules behind the blocking asset checks: pure functions over records.

Each returns the list of problems it found (empty = pass), worded for the person who opens
the check in the UI, so the check can show the first few.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import lru_cache
from typing import Any

from vcot_assets.core.equality import equal_texts
from vcot_assets.core.grounding.records import Sample, Trace

ANSWER_PREFIX = "Answer:"


@lru_cache(maxsize=None)
def _field_types(record_type: type) -> dict[str, Any]:
    return typing.get_type_hints(record_type)


def _type_problem(value: Any, annotation: Any, where: str) -> str | None:
    origin = typing.get_origin(annotation)
    if annotation is Any:
        return None
    if origin is typing.Literal:
        return (
            None
            if value in typing.get_args(annotation)
            else f"{where}: {value!r} is not one of {typing.get_args(annotation)}"
        )
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(annotation)
        if any(_type_problem(value, option, where) is None for option in options):
            return None
        return f"{where}: {type(value).__name__} does not match {annotation}"
    if annotation is type(None):
        return None if value is None else f"{where}: expected None"
    if origin in (list, tuple):
        if not isinstance(value, (list, tuple)):
            return f"{where}: expected a list, got {type(value).__name__}"
        (item_type, *_) = typing.get_args(annotation) or (Any,)
        for index, item in enumerate(value):
            problem = _type_problem(item, item_type, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if origin is dict:
        if not isinstance(value, dict):
            return f"{where}: expected a dict, got {type(value).__name__}"
        key_type, value_type = typing.get_args(annotation) or (Any, Any)
        for key, item in value.items():
            problem = _type_problem(key, key_type, f"{where} key") or _type_problem(
                item, value_type, f"{where}[{key!r}]"
            )
            if problem:
                return problem
        return None
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        if not isinstance(value, annotation):
            return f"{where}: expected {annotation.__name__}, got {type(value).__name__}"
        return next(iter(schema_problems([value], annotation)), None)
    if annotation is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, annotation)
    return (
        None if ok else f"{where}: expected {getattr(annotation, '__name__', annotation)}, got {type(value).__name__}"
    )


def schema_problems(records: list[Any], record_type: type) -> list[str]:
    """Every record is a `record_type` whose fields hold values of their annotated types,
    and whose id fields (`*_id`, `key`) are non-empty."""
    problems = []
    hints = _field_types(record_type)
    for index, record in enumerate(records):
        if not isinstance(record, record_type):
            problems.append(f"record {index}: expected {record_type.__name__}, got {type(record).__name__}")
            continue
        for item in dataclasses.fields(record_type):
            value = getattr(record, item.name)
            where = f"record {index} ({record_type.__name__}.{item.name})"
            problem = _type_problem(value, hints[item.name], where)
            if problem is None and (item.name.endswith("_id") or item.name == "key") and value == "":
                problem = f"{where}: empty identifier"
            if problem:
                problems.append(problem)
    return problems


def rejected_share(kept: int, rejected: int) -> float | None:
    """Share of items a stage rejected; None when the stage saw no items at all."""
    total = kept + rejected
    return rejected / total if total else None


def duplicate_problems(samples: list[Sample]) -> list[str]:
    """No sample id twice, and no two samples with the same conversation."""
    problems, seen_ids, seen_content = [], set(), {}
    for sample in samples:
        if sample.sample_id in seen_ids:
            problems.append(f"sample id {sample.sample_id} appears twice")
        seen_ids.add(sample.sample_id)
        digest = hashlib.sha256(json.dumps([sample.view, sample.messages], sort_keys=True).encode()).hexdigest()
        if digest in seen_content:
            problems.append(f"samples {seen_content[digest]} and {sample.sample_id} hold the same conversation")
        else:
            seen_content[digest] = sample.sample_id
    return problems


def final_answers(sample: Sample) -> list[str]:
    """The `Answer: ...` line that ends each assistant turn, in order."""
    answers = []
    for message in sample.messages:
        if message.get("role") != "assistant":
            continue
        last = message.get("content", "").rstrip().rsplit("\n", 1)[-1].strip()
        answers.append(last[len(ANSWER_PREFIX) :].strip() if last.startswith(ANSWER_PREFIX) else "")
    return answers


def answer_problems(
    samples: list[Sample], traces_by_id: dict[str, Trace], backward_returns: dict[str, str]
) -> list[str]:
    """Each sample agrees with the trace it was built from.

    Forward answers must equal the traced return value; a backward answer is a call whose
    value, as executed again (`backward_returns`, keyed by sample id), must equal it too; the
    sample's trace hash and recorded output must be those of the trace.
    """
    problems = []
    for sample in samples:
        instruction_id = sample.provenance.get("instruction_id", "")
        trace = traces_by_id.get(instruction_id)
        if trace is None:
            problems.append(f"{sample.sample_id}: no trace for instruction {instruction_id!r}")
            continue
        if sample.provenance.get("trace_sha256") != trace.sha256:
            problems.append(f"{sample.sample_id}: trace hash differs from the trace of {instruction_id}")
        if not equal_texts(sample.provenance.get("output", ""), trace.returned):
            problems.append(f"{sample.sample_id}: recorded output differs from the traced return {trace.returned!r}")
        answers = final_answers(sample)
        expected_turns = {
            "forward": ["forward"],
            "backward": ["backward"],
            "bidirectional": ["forward", "backward"],
        }.get(sample.view, [])
        if len(answers) != len(expected_turns) or "" in answers:
            problems.append(f"{sample.sample_id}: expected {len(expected_turns)} answer lines, found {answers}")
            continue
        for direction, answer in zip(expected_turns, answers):
            if direction == "forward" and not equal_texts(answer, trace.returned):
                problems.append(
                    f"{sample.sample_id}: forward answer {answer!r} is not the traced return {trace.returned!r}"
                )
            if direction == "backward":
                returned = backward_returns.get(sample.sample_id)
                if returned is None or not equal_texts(returned, trace.returned):
                    problems.append(
                        f"{sample.sample_id}: backward call {answer!r} returns {returned!r}, "
                        f"not the traced {trace.returned!r}"
                    )
    return problems


def backward_calls(samples: list[Sample]) -> dict[str, str]:
    """The predicted call of each sample with a backward turn, keyed by sample id."""
    calls = {}
    for sample in samples:
        answers = final_answers(sample)
        if sample.view in ("backward", "bidirectional") and answers and answers[-1]:
            calls[sample.sample_id] = answers[-1]
    return calls
