"""Heaps and priority queues (heapq)."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "heaps",
    "keeping the smallest items at hand with a heap (priority queue)",
    "heap heaps heapq priority queue smallest largest top kth k merge push pop",
    Task(
        name="k_smallest",
        family="heaps",
        difficulty="easy",
        kind="function",
        instruction="Write a function `k_smallest` that returns the k smallest integers of a list in ascending order (all of them if k exceeds the length).",
        code="""import heapq


def k_smallest(nums: list[int], k: int) -> list[int]:
    return heapq.nsmallest(k, nums)
""",
        gen=lambda rng: (gen.ints(rng, -9, 9, 0, 6), rng.randint(0, 4)),
        edge=(([], 2), ([5, 1, 3], 2)),
        scenarios=("k of zero", "k larger than the list", "duplicates"),
    ),
    Task(
        name="kth_largest",
        family="heaps",
        difficulty="medium",
        kind="function",
        instruction="Write a function `kth_largest` that returns the k-th largest integer of a non-empty list (k counts from 1) using a min-heap of size k.",
        code="""import heapq


def kth_largest(nums: list[int], k: int) -> int:
    heap = []
    for x in nums:
        heapq.heappush(heap, x)
        if len(heap) > k:
            heapq.heappop(heap)
    return heap[0]
""",
        gen=lambda rng: (lambda xs: (xs, rng.randint(1, len(xs))))(gen.ints(rng, -9, 9, 1, 6)),
        edge=(([3, 2, 1, 5, 6, 4], 2), ([7], 1)),
        scenarios=("k of one", "k equal to the length", "duplicates"),
    ),
    Task(
        name="merge_sorted_lists",
        family="heaps",
        difficulty="hard",
        kind="function",
        instruction="Write a function `merge_sorted_lists` that merges several ascending lists of integers into one ascending list using a heap.",
        code="""import heapq


def merge_sorted_lists(lists: list[list[int]]) -> list[int]:
    heap = [(lst[0], i, 0) for i, lst in enumerate(lists) if lst]
    heapq.heapify(heap)
    out = []
    while heap:
        value, i, j = heapq.heappop(heap)
        out.append(value)
        if j + 1 < len(lists[i]):
            heapq.heappush(heap, (lists[i][j + 1], i, j + 1))
    return out
""",
        gen=lambda rng: ([sorted(gen.ints(rng, 0, 9, 0, 3)) for _ in range(rng.randint(0, 3))],),
        edge=(([],), ([[1, 4], [2, 3]],), ([[], [1]],)),
        scenarios=("no lists", "empty inner lists", "overlapping values"),
    ),
)
