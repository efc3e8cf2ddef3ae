"""Iterators and generators: consuming sequences lazily, one item at a time."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "iterators",
    "consuming sequences one item at a time with iterators and generators",
    "iterator iterators iterable iterables generator generators yield next iter lazy stream chunk chunks "
    "batch batches interleave itertools",
    Task(
        name="chunked",
        family="iterators",
        difficulty="easy",
        kind="function",
        instruction="Write a function `chunked` that splits a list into consecutive chunks of a given positive size (the last chunk may be shorter), using a generator.",
        code="""def chunked(items: list[int], size: int) -> list[list[int]]:
    def chunks():
        for start in range(0, len(items), size):
            yield items[start:start + size]

    return list(chunks())
""",
        gen=lambda rng: (gen.ints(rng, 0, 9, 0, 7), rng.randint(1, 4)),
        edge=(([], 2), ([1, 2, 3, 4, 5], 2)),
        scenarios=("an empty list", "a size larger than the list", "an exact multiple"),
    ),
    Task(
        name="interleave",
        family="iterators",
        difficulty="medium",
        kind="function",
        instruction="Write a function `interleave` that takes one item from each list in turn (skipping lists that have run out) until all are exhausted, using iterators and next().",
        code="""def interleave(lists: list[list[int]]) -> list[int]:
    iterators = [iter(lst) for lst in lists]
    out = []
    while iterators:
        alive = []
        for it in iterators:
            try:
                out.append(next(it))
                alive.append(it)
            except StopIteration:
                pass
        iterators = alive
    return out
""",
        gen=lambda rng: ([gen.ints(rng, 0, 9, 0, 3) for _ in range(rng.randint(0, 3))],),
        edge=(([],), ([[1, 2, 3], [4], [5, 6]],)),
        scenarios=("no lists", "lists of different lengths", "empty inner lists"),
    ),
    Task(
        name="running_unique",
        family="iterators",
        difficulty="hard",
        kind="function",
        instruction="Write a function `running_unique` that returns the items of a list in order, dropping any item equal to one already produced, through a generator that remembers what it has yielded; stop after `limit` items.",
        code="""def running_unique(items: list[int], limit: int) -> list[int]:
    def unique():
        seen = set()
        for item in items:
            if item not in seen:
                seen.add(item)
                yield item

    out = []
    for item in unique():
        if len(out) == limit:
            break
        out.append(item)
    return out
""",
        gen=lambda rng: (gen.ints(rng, 0, 5, 0, 7), rng.randint(0, 4)),
        edge=(([], 3), ([1, 1, 2, 1, 3], 2)),
        scenarios=("a limit of zero", "all items equal", "more unique items than the limit"),
    ),
)
