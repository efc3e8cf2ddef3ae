"""Sliding windows and prefix sums over integer lists."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "windows",
    "sliding a window over a sequence and reusing prefix sums",
    "window windows sliding prefix sums subarray subarrays consecutive span moving average fixed size",
    Task(
        name="max_window_sum",
        family="windows",
        difficulty="easy",
        kind="function",
        instruction="Write a function `max_window_sum` that returns the largest sum of k consecutive integers of a list, or 0 if the list is shorter than k.",
        code="""def max_window_sum(nums: list[int], k: int) -> int:
    if k <= 0 or len(nums) < k:
        return 0
    window = sum(nums[:k])
    best = window
    for i in range(k, len(nums)):
        window += nums[i] - nums[i - k]
        best = max(best, window)
    return best
""",
        gen=lambda rng: (gen.ints(rng, -5, 9, 0, 6), rng.randint(1, 3)),
        edge=(([], 2), ([1, 4, 2, 10], 2)),
        scenarios=("a list shorter than k", "k of one", "negative numbers"),
    ),
    Task(
        name="count_target_subarrays",
        family="windows",
        difficulty="medium",
        kind="function",
        instruction="Write a function `count_target_subarrays` that counts the contiguous subarrays of a list of integers whose sum equals a target, using prefix sums in a dict.",
        code="""def count_target_subarrays(nums: list[int], target: int) -> int:
    seen = {0: 1}
    prefix = 0
    count = 0
    for x in nums:
        prefix += x
        count += seen.get(prefix - target, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    return count
""",
        gen=lambda rng: (gen.ints(rng, -2, 3, 0, 6), rng.randint(-1, 4)),
        edge=(([], 0), ([1, 1, 1], 2)),
        scenarios=("an empty list", "a target of zero", "negative numbers"),
    ),
    Task(
        name="shortest_window_at_least",
        family="windows",
        difficulty="hard",
        kind="function",
        instruction="Write a function `shortest_window_at_least` that returns the length of the shortest contiguous subarray of positive integers whose sum is at least a target, or 0 if there is none.",
        code="""def shortest_window_at_least(nums: list[int], target: int) -> int:
    best = len(nums) + 1
    total = 0
    left = 0
    for right, x in enumerate(nums):
        total += x
        while total >= target:
            best = min(best, right - left + 1)
            total -= nums[left]
            left += 1
    return best if best <= len(nums) else 0
""",
        gen=lambda rng: (gen.ints(rng, 1, 6, 0, 6), rng.randint(1, 12)),
        edge=(([2, 3, 1, 2, 4, 3], 7), ([], 1)),
        scenarios=("no window reaches the target", "one element suffices", "the whole list"),
    ),
)
