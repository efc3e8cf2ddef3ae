"""Tuples and pairing values with zip, enumerate and sorting keys."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "tuples",
    "pairing values up as tuples",
    "tuple tuples pair pairs zip unzip enumerate record records named field ranking rank score scores",
    Task(
        name="pair_up",
        family="tuples",
        difficulty="easy",
        kind="function",
        instruction="Write a function `pair_up` that pairs the items of two lists position by position into a list of (a, b) tuples, stopping at the shorter list.",
        code="""def pair_up(a: list[int], b: list[int]) -> list[tuple[int, int]]:
    return list(zip(a, b))
""",
        gen=lambda rng: (gen.ints(rng, 0, 9, 0, 4), gen.ints(rng, 0, 9, 0, 4)),
        edge=(([], [1]), ([1, 2], [3, 4])),
        scenarios=("an empty list", "lists of different lengths", "equal lengths"),
    ),
    Task(
        name="min_max_pair",
        family="tuples",
        difficulty="medium",
        kind="function",
        instruction="Write a function `min_max_pair` that returns a tuple (smallest, largest) of a list of integers in a single pass, or None for an empty list.",
        code="""def min_max_pair(nums: list[int]) -> tuple[int, int] | None:
    if not nums:
        return None
    low = high = nums[0]
    for x in nums[1:]:
        if x < low:
            low = x
        elif x > high:
            high = x
    return (low, high)
""",
        gen=lambda rng: (gen.ints(rng, -9, 9, 0, 6),),
        edge=(([],), ([3],), ([2, 9, -1],)),
        scenarios=("an empty list", "one element", "negative numbers"),
    ),
    Task(
        name="rank_scores",
        family="tuples",
        difficulty="hard",
        kind="function",
        instruction="Write a function `rank_scores` that turns a dict of name to score into a list of (rank, name, score) tuples ordered by score descending then name, where equal scores share a rank and the next rank skips (1, 1, 3).",
        code="""def rank_scores(scores: dict[str, int]) -> list[tuple[int, str, int]]:
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    ranked = []
    for position, (name, score) in enumerate(ordered, start=1):
        if ranked and ranked[-1][2] == score:
            rank = ranked[-1][0]
        else:
            rank = position
        ranked.append((rank, name, score))
    return ranked
""",
        gen=lambda rng: ({n: rng.randint(0, 5) for n in rng.sample(["ann", "bob", "cy", "dee"], rng.randint(0, 4))},),
        edge=(({},), ({"ann": 3, "bob": 3, "cy": 1},)),
        scenarios=("no scores", "ties", "all different"),
    ),
)
