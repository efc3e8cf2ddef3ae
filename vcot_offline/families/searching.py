"""Searching: linear scan, binary search, search in a rotated sorted list."""

from __future__ import annotations

from . import gen
from .base import Task, family


def _sorted_and_target(rng):
    nums = sorted(set(gen.ints(rng, -9, 20, 0, 7)))
    target = rng.choice(nums) if nums and rng.random() < 0.6 else rng.randint(-9, 20)
    return (nums, target)


def _rotated_and_target(rng):
    nums, target = _sorted_and_target(rng)
    k = rng.randint(0, len(nums)) if nums else 0
    return (nums[k:] + nums[:k], target)


FAMILY = family(
    "searching",
    "finding a value in a sequence by searching",
    "search searching find lookup locate index position binary bisect target linear scan membership contains rotated",
    Task(
        name="linear_search",
        family="searching",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `linear_search` that returns the index of the first occurrence of a target "
            "in a list of integers, or -1 when it is absent."
        ),
        code="""def linear_search(nums: list[int], target: int) -> int:
    for i, x in enumerate(nums):
        if x == target:
            return i
    return -1
""",
        gen=lambda rng: (gen.ints(rng, 0, 6, 0, 6), rng.randint(0, 6)),
        edge=(([], 3), ([5, 5], 5), ([1, 2, 3], 3)),
        bugs=(
            """def linear_search(nums: list[int], target: int) -> int:
    found = -1
    for i, x in enumerate(nums):
        if x == target:
            found = i
    return found
""",
        ),
        scenarios=("an empty list", "a missing target", "a repeated target", "the last element"),
    ),
    Task(
        name="binary_search",
        family="searching",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `binary_search` that returns the index of a target in a sorted list of "
            "distinct integers using binary search, or -1 when it is absent."
        ),
        code="""def binary_search(nums: list[int], target: int) -> int:
    lo = 0
    hi = len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
""",
        gen=_sorted_and_target,
        edge=(([], 1), ([1, 3, 5, 7], 5), ([1, 3, 5, 7], 4), ([2], 2)),
        bugs=(
            """def binary_search(nums: list[int], target: int) -> int:
    lo = 0
    hi = len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
""",
        ),
        scenarios=("an empty list", "the first element", "the last element", "a missing target"),
    ),
    Task(
        name="search_rotated",
        family="searching",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `search_rotated` that finds the index of a target in a sorted list of distinct "
            "integers that has been rotated by an unknown amount, in logarithmic time; return -1 if absent."
        ),
        code="""def search_rotated(nums: list[int], target: int) -> int:
    lo = 0
    hi = len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[lo] <= nums[mid]:
            if nums[lo] <= target < nums[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:
            if nums[mid] < target <= nums[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1
""",
        gen=_rotated_and_target,
        edge=(([], 1), ([4, 5, 6, 7, 0, 1, 2], 0), ([4, 5, 6, 7, 0, 1, 2], 3), ([1], 1)),
        bugs=(
            """def search_rotated(nums: list[int], target: int) -> int:
    lo = 0
    hi = len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
""",
        ),
        scenarios=("no rotation", "the target in the rotated part", "a missing target", "one element"),
    ),
)
