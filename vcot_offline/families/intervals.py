"""Intervals: merging, overlaps, covering."""

from __future__ import annotations

from .base import Task, family


def _intervals(rng, n=4):
    out = []
    for _ in range(rng.randint(0, n)):
        a = rng.randint(0, 12)
        out.append([a, a + rng.randint(0, 4)])
    return out


FAMILY = family(
    "intervals",
    "reasoning about ranges and intervals that overlap",
    "interval intervals range ranges overlap overlapping merge start end span segment meeting schedule",
    Task(
        name="total_covered",
        family="intervals",
        difficulty="easy",
        kind="function",
        instruction="Write a function `total_covered` that returns how many integer points are covered by at least one closed interval [a, b] of a list.",
        code="""def total_covered(intervals: list[list[int]]) -> int:
    points = set()
    for a, b in intervals:
        for x in range(a, b + 1):
            points.add(x)
    return len(points)
""",
        gen=lambda rng: (_intervals(rng),),
        edge=(([],), ([[1, 3], [2, 5]],)),
        scenarios=("no intervals", "overlapping intervals", "single-point intervals"),
    ),
    Task(
        name="merge_intervals",
        family="intervals",
        difficulty="medium",
        kind="function",
        instruction="Write a function `merge_intervals` that merges overlapping closed intervals [a, b] and returns them sorted by start.",
        code="""def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    merged = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged
""",
        gen=lambda rng: (_intervals(rng, 5),),
        edge=(([],), ([[1, 3], [2, 6], [8, 10]],), ([[1, 4], [4, 5]],)),
        scenarios=("touching intervals", "nested intervals", "unsorted input"),
    ),
    Task(
        name="max_overlap",
        family="intervals",
        difficulty="hard",
        kind="function",
        instruction="Write a function `max_overlap` that returns the largest number of half-open intervals [start, end) that contain one common point.",
        code="""def max_overlap(intervals: list[list[int]]) -> int:
    events = []
    for start, end in intervals:
        events.append((start, 1))
        events.append((end, -1))
    best = 0
    current = 0
    for _, delta in sorted(events):
        current += delta
        best = max(best, current)
    return best
""",
        gen=lambda rng: ([[a, b + 1] for a, b in _intervals(rng, 5)],),
        edge=(([],), ([[1, 3], [3, 5]],), ([[1, 5], [2, 6], [3, 4]],)),
        scenarios=("intervals that only touch", "all intervals overlapping", "no intervals"),
    ),
)
