"""Recursion: factorials, flattening nested lists, subsets."""

from __future__ import annotations

from .base import Task, family


def _nested(rng, depth=0):
    out = []
    for _ in range(rng.randint(0, 3)):
        if depth < 2 and rng.random() < 0.35:
            out.append(_nested(rng, depth + 1))
        else:
            out.append(rng.randint(0, 9))
    return out


FAMILY = family(
    "recursion",
    "solving a problem by calling a function on smaller inputs (recursion)",
    "recursion recursive recurse call calls nested nesting tree base case subset subsets factorial flatten depth stack",
    Task(
        name="factorial",
        family="recursion",
        difficulty="easy",
        kind="function",
        instruction="Write a recursive function `factorial` that returns n! for a non-negative integer n (0! is 1).",
        code="""def factorial(n: int) -> int:
    if n <= 1:
        return 1
    return n * factorial(n - 1)
""",
        gen=lambda rng: (rng.randint(0, 20),),
        edge=((0,), (1,), (5,)),
        bugs=(
            """def factorial(n: int) -> int:
    if n <= 1:
        return n
    return n * factorial(n - 1)
""",
        ),
        scenarios=("zero", "one", "a larger number"),
    ),
    Task(
        name="flatten",
        family="recursion",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `flatten` that turns a list whose items are integers or (nested) lists of "
            "integers into a flat list of the integers in order."
        ),
        code="""def flatten(items: list) -> list[int]:
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out
""",
        gen=lambda rng: (_nested(rng),),
        edge=(([],), ([1, [2, [3]], 4],), ([[], [[]]],)),
        bugs=(
            """def flatten(items: list) -> list[int]:
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(item)
        else:
            out.append(item)
    return out
""",
        ),
        scenarios=("an empty list", "deep nesting", "empty inner lists", "no nesting"),
    ),
    Task(
        name="power_set",
        family="recursion",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a recursive function `power_set` that returns every subset of a list of distinct "
            "integers, each subset sorted ascending and the list of subsets sorted."
        ),
        code="""def power_set(items: list[int]) -> list[list[int]]:
    if not items:
        return [[]]
    rest = power_set(items[1:])
    with_first = [sorted([items[0]] + s) for s in rest]
    return sorted(rest + with_first)
""",
        gen=lambda rng: (sorted(rng.sample(range(10), rng.randint(0, 3))),),
        edge=(([],), ([1],), ([1, 2, 3],)),
        bugs=(
            """def power_set(items: list[int]) -> list[list[int]]:
    if not items:
        return []
    rest = power_set(items[1:])
    with_first = [sorted([items[0]] + s) for s in rest]
    return sorted(rest + with_first + [[items[0]]])
""",
        ),
        scenarios=("an empty list", "one item", "three items"),
    ),
)
