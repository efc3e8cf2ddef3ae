"""Sets: membership, unions and intersections."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "sets",
    "membership tests and set operations",
    "set sets membership unique distinct union intersection difference duplicate duplicates seen frozenset",
    Task(
        name="count_distinct",
        family="sets",
        difficulty="easy",
        kind="function",
        instruction="Write a function `count_distinct` that returns how many distinct values a list of integers holds.",
        code="""def count_distinct(nums: list[int]) -> int:
    return len(set(nums))
""",
        gen=lambda rng: (gen.ints(rng, 0, 6, 0, 7),),
        edge=(([],), ([1, 1, 1],)),
        scenarios=("an empty list", "all equal", "all distinct"),
    ),
    Task(
        name="common_sorted",
        family="sets",
        difficulty="medium",
        kind="function",
        instruction="Write a function `common_sorted` that returns the sorted list of values present in both of two lists of integers, each once.",
        code="""def common_sorted(a: list[int], b: list[int]) -> list[int]:
    seen = set(b)
    out = set()
    for x in a:
        if x in seen:
            out.add(x)
    return sorted(out)
""",
        gen=lambda rng: (gen.ints(rng, 0, 6, 0, 5), gen.ints(rng, 0, 6, 0, 5)),
        edge=(([], [1]), ([1, 2, 2], [2, 3])),
        scenarios=("no common value", "duplicates", "an empty list"),
    ),
    Task(
        name="first_repeat",
        family="sets",
        difficulty="hard",
        kind="function",
        instruction="Write a function `first_repeat` that returns the first value of a list whose value was already seen earlier in the list, or None if no value repeats.",
        code="""def first_repeat(nums: list[int]) -> int | None:
    seen = set()
    for x in nums:
        if x in seen:
            return x
        seen.add(x)
    return None
""",
        gen=lambda rng: (gen.ints(rng, 0, 8, 0, 6),),
        edge=(([],), ([1, 2, 1, 2],), ([3, 4],)),
        scenarios=("no repeat", "repeat at the end", "several repeats"),
    ),
)
