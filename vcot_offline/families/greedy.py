"""Greedy choices: jumping, scheduling, matching."""

from __future__ import annotations

from . import gen
from .base import Task, family


def _meetings(rng):
    out = []
    for _ in range(rng.randint(0, 5)):
        a = rng.randint(0, 10)
        out.append([a, a + rng.randint(1, 4)])
    return (out,)


FAMILY = family(
    "greedy",
    "making the locally best choice at each step (greedy algorithms)",
    "greedy choice schedule scheduling activity activities meeting meetings jump assign assignment "
    "optimal earliest deadline",
    Task(
        name="can_reach_end",
        family="greedy",
        difficulty="easy",
        kind="function",
        instruction="Write a function `can_reach_end` that tells whether the last index of a list is reachable from index 0 when each value is the longest jump allowed from that index.",
        code="""def can_reach_end(jumps: list[int]) -> bool:
    farthest = 0
    for i, step in enumerate(jumps):
        if i > farthest:
            return False
        farthest = max(farthest, i + step)
    return True
""",
        gen=lambda rng: (gen.ints(rng, 0, 3, 1, 6),),
        edge=(([0],), ([2, 3, 1, 1, 4],), ([3, 2, 1, 0, 4],)),
        scenarios=("a single element", "a zero that blocks", "big jumps"),
    ),
    Task(
        name="max_meetings",
        family="greedy",
        difficulty="medium",
        kind="function",
        instruction="Write a function `max_meetings` that returns the largest number of non-overlapping meetings [start, end) that fit in one room, choosing by earliest end time.",
        code="""def max_meetings(meetings: list[list[int]]) -> int:
    count = 0
    free_at = None
    for start, end in sorted(meetings, key=lambda m: m[1]):
        if free_at is None or start >= free_at:
            count += 1
            free_at = end
    return count
""",
        gen=_meetings,
        edge=(([],), ([[1, 3], [2, 4], [3, 5]],)),
        scenarios=("no meetings", "back-to-back meetings", "all overlapping"),
    ),
    Task(
        name="assign_cookies",
        family="greedy",
        difficulty="hard",
        kind="function",
        instruction="Write a function `assign_cookies` that returns how many children can be content, where child i needs a cookie of size at least greed[i] and each cookie goes to at most one child.",
        code="""def assign_cookies(greed: list[int], sizes: list[int]) -> int:
    greed = sorted(greed)
    sizes = sorted(sizes)
    child = 0
    for size in sizes:
        if child < len(greed) and size >= greed[child]:
            child += 1
    return child
""",
        gen=lambda rng: (gen.ints(rng, 1, 5, 0, 4), gen.ints(rng, 1, 5, 0, 4)),
        edge=(([1, 2, 3], [1, 1]), ([], [2])),
        scenarios=("no cookies", "more cookies than children", "cookies too small"),
    ),
)
