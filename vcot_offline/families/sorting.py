"""Sorting: keys, insertion sort, counting inversions with merge sort."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "sorting",
    "putting values in order with a sort",
    "sort sorted sorting order ordering ordered key comparison compare stable ascending descending "
    "rank merge insertion inversion",
    Task(
        name="sort_by_length",
        family="sorting",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `sort_by_length` that returns the words of a list ordered by length, "
            "keeping the original order of words of equal length."
        ),
        code="""def sort_by_length(words: list[str]) -> list[str]:
    return sorted(words, key=len)
""",
        gen=lambda rng: (gen.words(rng, "abc", 0, 5),),
        edge=(([],), (["bb", "a", "cc", "d"],)),
        bugs=(
            """def sort_by_length(words: list[str]) -> list[str]:
    return sorted(words)
""",
            """def sort_by_length(words: list[str]) -> list[str]:
    return sorted(words, key=len, reverse=True)
""",
        ),
        scenarios=("an empty list", "ties in length keep their order", "already sorted"),
    ),
    Task(
        name="insertion_sort",
        family="sorting",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `insertion_sort` that sorts a list of integers in ascending order with "
            "insertion sort and returns the sorted copy, leaving the input unchanged."
        ),
        code="""def insertion_sort(nums: list[int]) -> list[int]:
    items = list(nums)
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j >= 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key
    return items
""",
        gen=lambda rng: (gen.ints(rng, -5, 9, 0, 5),),
        edge=(([],), ([1],), ([3, 1, 2],), ([2, 2, 1],)),
        bugs=(
            """def insertion_sort(nums: list[int]) -> list[int]:
    items = list(nums)
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j > 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key
    return items
""",
        ),
        scenarios=("an empty list", "duplicates", "a reversed list", "negative numbers"),
    ),
    Task(
        name="count_inversions",
        family="sorting",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `count_inversions` that counts the pairs (i, j) with i < j and "
            "nums[i] > nums[j] in a list of integers."
        ),
        code="""def count_inversions(nums: list[int]) -> int:
    count = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] > nums[j]:
                count += 1
    return count
""",
        gen=lambda rng: (gen.ints(rng, 0, 9, 0, 5),),
        edge=(([],), ([1, 2, 3],), ([3, 2, 1],), ([2, 2],)),
        bugs=(
            """def count_inversions(nums: list[int]) -> int:
    count = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] >= nums[j]:
                count += 1
    return count
""",
            """def count_inversions(nums: list[int]) -> int:
    count = 0
    for i in range(len(nums) - 1):
        if nums[i] > nums[i + 1]:
            count += 1
    return count
""",
        ),
        scenarios=("a sorted list", "a reversed list", "equal values", "an empty list"),
    ),
)
