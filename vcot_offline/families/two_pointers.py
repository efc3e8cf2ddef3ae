"""Two pointers moving over a sequence."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "two_pointers",
    "scanning a sequence from both ends with two pointers",
    "pointer pointers two left right palindrome reverse pair pairs sorted duplicates partition in-place",
    Task(
        name="is_palindrome",
        family="two_pointers",
        difficulty="easy",
        kind="function",
        instruction="Write a function `is_palindrome` that tells whether a string reads the same forwards and backwards, comparing characters from both ends.",
        code="""def is_palindrome(text: str) -> bool:
    i = 0
    j = len(text) - 1
    while i < j:
        if text[i] != text[j]:
            return False
        i += 1
        j -= 1
    return True
""",
        gen=lambda rng: (lambda w: (w + w[::-1][rng.randint(0, 1) :] if rng.random() < 0.5 else w,))(
            gen.word(rng, "ab", 0, 4)
        ),
        edge=(("",), ("abba",), ("abc",)),
        scenarios=("an empty string", "an odd-length palindrome", "not a palindrome"),
    ),
    Task(
        name="pair_with_sum",
        family="two_pointers",
        difficulty="medium",
        kind="function",
        instruction="Write a function `pair_with_sum` that, given an ascending list of integers and a target, returns the indices [i, j] (i < j) of the first pair found by moving two pointers inward whose values add up to the target, or [] if none.",
        code="""def pair_with_sum(nums: list[int], target: int) -> list[int]:
    i = 0
    j = len(nums) - 1
    while i < j:
        total = nums[i] + nums[j]
        if total == target:
            return [i, j]
        if total < target:
            i += 1
        else:
            j -= 1
    return []
""",
        gen=lambda rng: (sorted(gen.ints(rng, -5, 9, 0, 6)), rng.randint(-4, 12)),
        edge=(([1, 2, 4, 7], 6), ([], 3)),
        scenarios=("no pair", "an empty list", "negative numbers"),
    ),
    Task(
        name="dedupe_sorted",
        family="two_pointers",
        difficulty="hard",
        kind="function",
        instruction="Write a function `dedupe_sorted` that removes duplicates from an ascending list in place with a slow and a fast pointer and returns the list of unique values.",
        code="""def dedupe_sorted(nums: list[int]) -> list[int]:
    if not nums:
        return []
    slow = 0
    for fast in range(1, len(nums)):
        if nums[fast] != nums[slow]:
            slow += 1
            nums[slow] = nums[fast]
    return nums[: slow + 1]
""",
        gen=lambda rng: (sorted(gen.ints(rng, 0, 5, 0, 7)),),
        edge=(([],), ([1, 1, 2],)),
        scenarios=("an empty list", "all equal values", "no duplicates"),
    ),
)
