"""Dynamic programming: counting paths, coin change, longest common subsequence."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "dynamic",
    "building answers from smaller subproblems with a table (dynamic programming)",
    "dynamic programming dp memo memoization memoize cache table subproblem optimal "
    "subsequence coin change stairs ways",
    Task(
        name="climb_stairs",
        family="dynamic",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `climb_stairs` that returns the number of ways to climb n steps when each "
            "move climbs one or two steps (there is one way to climb 0 steps)."
        ),
        code="""def climb_stairs(n: int) -> int:
    a = 1
    b = 1
    for _ in range(n):
        a, b = b, a + b
    return a
""",
        gen=lambda rng: (rng.randint(0, 25),),
        edge=((0,), (1,), (4,)),
        bugs=(
            """def climb_stairs(n: int) -> int:
    a = 0
    b = 1
    for _ in range(n):
        a, b = b, a + b
    return a
""",
        ),
        scenarios=("zero steps", "one step", "many steps"),
    ),
    Task(
        name="min_coins",
        family="dynamic",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `min_coins` that returns the fewest coins from the given denominations that "
            "add up to an amount (each denomination can be used any number of times), or -1 if impossible."
        ),
        code="""def min_coins(coins: list[int], amount: int) -> int:
    best = [0] + [amount + 1] * amount
    for total in range(1, amount + 1):
        for c in coins:
            if c <= total:
                best[total] = min(best[total], best[total - c] + 1)
    return best[amount] if best[amount] <= amount else -1
""",
        gen=lambda rng: (sorted(set(rng.sample([1, 2, 3, 4, 5, 7], rng.randint(1, 3)))), rng.randint(0, 12)),
        edge=(([1, 2, 5], 11), ([2], 3), ([3], 0), ([1, 3, 4], 6)),
        bugs=(
            """def min_coins(coins: list[int], amount: int) -> int:
    count = 0
    for c in sorted(coins, reverse=True):
        while amount >= c:
            amount -= c
            count += 1
    return count if amount == 0 else -1
""",
        ),
        scenarios=("an amount of zero", "an impossible amount", "greedy choice is not optimal"),
    ),
    Task(
        name="lcs_length",
        family="dynamic",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `lcs_length` that returns the length of the longest common subsequence of two strings."
        ),
        code="""def lcs_length(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ch in a:
        row = [0]
        for j, other in enumerate(b):
            if ch == other:
                row.append(prev[j] + 1)
            else:
                row.append(max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]
""",
        gen=lambda rng: (gen.word(rng, "abc", 0, 4), gen.word(rng, "abc", 0, 4)),
        edge=(("", "abc"), ("abcde", "ace"), ("abc", "abc")),
        bugs=(
            """def lcs_length(a: str, b: str) -> int:
    return len(set(a) & set(b))
""",
        ),
        scenarios=("an empty string", "identical strings", "no common character"),
    ),
)
