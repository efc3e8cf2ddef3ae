"""The offline teacher's task families and lookups over them."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ..rates import stable_int
from . import (
    bits,
    caches,
    conversions,
    dicts,
    dynamic,
    exceptions,
    extras,
    graphs,
    greedy,
    heaps,
    intervals,
    iterators,
    lists,
    math_basics,
    matrices,
    parsing_tasks,
    patterns,
    queues,
    records_classes,
    recursion,
    searching,
    sequences,
    sets,
    sorting,
    stacks,
    stateful,
    strings,
    text,
    tuples,
    two_pointers,
    windows,
)
from .base import Family, Task

_BASE_FAMILIES: tuple[Family, ...] = tuple(
    m.FAMILY
    for m in (
        lists,
        strings,
        dicts,
        sorting,
        searching,
        recursion,
        dynamic,
        stateful,
        heaps,
        graphs,
        intervals,
        math_basics,
        matrices,
        bits,
        two_pointers,
        sets,
        stacks,
        conversions,
        queues,
        caches,
        text,
        parsing_tasks,
        tuples,
        windows,
        greedy,
        records_classes,
        sequences,
        exceptions,
        iterators,
        patterns,
    )
)

FAMILIES: tuple[Family, ...] = tuple(
    dataclasses.replace(f, tasks=f.tasks + tuple(t for t in extras.EXTRA_TASKS if t.family == f.name))
    for f in _BASE_FAMILIES
)

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def tasks_by_name() -> dict[str, Task]:
    out: dict[str, Task] = {}
    for fam in FAMILIES:
        for t in fam.tasks:
            if t.name in out:
                raise ValueError(f"task name {t.name} used twice")
            out[t.name] = t
    return out


@lru_cache(maxsize=1)
def _tasks_by_text() -> dict[str, Task]:
    return {_normal(t.instruction): t for t in tasks_by_name().values()}


def _normal(text: str) -> str:
    return " ".join(text.split()).strip().lower()


def words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        out.add(w)
        if len(w) > 3 and w.endswith("s"):
            out.add(w[:-1])
    return out


def rank_families(text: str) -> list[Family]:
    """Families ordered by keyword overlap with `text`, ties (and no overlap) by a stable hash."""
    found = words(text)
    return sorted(FAMILIES, key=lambda f: (-len(found & f.keywords), stable_int(text, f.name)))


def find_task(instruction: str = "", signature: str = "") -> Task | None:
    """Map an instruction or signature this teacher wrote back to its task."""
    table = tasks_by_name()
    m = re.search(r"(?:Function|Class):\s*([A-Za-z_]\w*)", signature)
    if m and m.group(1) in table:
        return table[m.group(1)]
    text = re.sub(r"^\s*\[(function|class)\]\s*", "", instruction.strip(), flags=re.I)
    if _normal(text) in _tasks_by_text():
        return _tasks_by_text()[_normal(text)]
    for name in re.findall(r"`([A-Za-z_]\w*)`", instruction):
        if name in table:
            return table[name]
    return None
