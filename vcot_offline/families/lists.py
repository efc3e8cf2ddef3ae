"""Lists walked element by element: running values, runs, best subarrays."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "lists",
    "walking a list while keeping a running value",
    "list lists array arrays sequence sequences element elements item items iterate iteration "
    "running total sum prefix cumulative accumulate subarray contiguous loop index",
    Task(
        name="running_total",
        family="lists",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `running_total` that takes a list of integers and returns a new list "
            "whose i-th element is the sum of the first i + 1 input elements. An empty list gives an empty list."
        ),
        code="""def running_total(nums: list[int]) -> list[int]:
    total = 0
    out = []
    for x in nums:
        total += x
        out.append(total)
    return out
""",
        gen=lambda rng: (gen.ints(rng),),
        edge=(([],), ([5],), ([4, -1, 3],)),
        bugs=(
            """def running_total(nums: list[int]) -> list[int]:
    out = []
    for i in range(1, len(nums)):
        out.append(sum(nums[:i]))
    return out
""",
            """def running_total(nums: list[int]) -> list[int]:
    total = 0
    out = []
    for x in nums:
        out.append(total)
        total += x
    return out
""",
        ),
        scenarios=("an empty list", "a single element", "negative numbers", "all zeros"),
    ),
    Task(
        name="longest_increasing_run",
        family="lists",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `longest_increasing_run` that returns the length of the longest contiguous "
            "run of strictly increasing integers in a list. An empty list has length 0."
        ),
        code="""def longest_increasing_run(nums: list[int]) -> int:
    if not nums:
        return 0
    best = 1
    run = 1
    for i in range(1, len(nums)):
        if nums[i] > nums[i - 1]:
            run += 1
        else:
            run = 1
        best = max(best, run)
    return best
""",
        gen=lambda rng: (gen.ints(rng, -5, 5, 0, 7),),
        edge=(([],), ([7],), ([1, 2, 3, 1, 2],), ([3, 3, 3],)),
        bugs=(
            """def longest_increasing_run(nums: list[int]) -> int:
    best = 0
    run = 1
    for i in range(1, len(nums)):
        if nums[i] >= nums[i - 1]:
            run += 1
        else:
            run = 1
        best = max(best, run)
    return best
""",
            """def longest_increasing_run(nums: list[int]) -> int:
    if not nums:
        return 0
    best = 1
    run = 1
    for i in range(1, len(nums)):
        if nums[i] > nums[i - 1]:
            run += 1
            best = max(best, run)
    return best
""",
        ),
        scenarios=("an empty list", "a strictly increasing list", "equal neighbours", "a decreasing list"),
    ),
    Task(
        name="max_subarray_sum",
        family="lists",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `max_subarray_sum` that returns the largest sum of a non-empty contiguous "
            "subarray of a list of integers, or 0 for an empty list."
        ),
        code="""def max_subarray_sum(nums: list[int]) -> int:
    if not nums:
        return 0
    best = nums[0]
    current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
""",
        gen=lambda rng: (gen.ints(rng, -9, 9, 0, 7),),
        edge=(([],), ([-3],), ([-2, -1, -5],), ([2, -1, 2, 3, -9, 4],)),
        bugs=(
            """def max_subarray_sum(nums: list[int]) -> int:
    best = 0
    current = 0
    for x in nums:
        current = max(0, current + x)
        best = max(best, current)
    return best
""",
            """def max_subarray_sum(nums: list[int]) -> int:
    if not nums:
        return 0
    best = nums[0]
    current = nums[0]
    for x in nums[1:]:
        current = current + x
        best = max(best, current)
    return best
""",
        ),
        scenarios=("all negative numbers", "an empty list", "a single element", "a mix of signs"),
    ),
)
