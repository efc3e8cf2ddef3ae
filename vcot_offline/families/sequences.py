"""Number sequences generated step by step."""

from __future__ import annotations

from .base import Task, family

FAMILY = family(
    "sequences",
    "generating a sequence of numbers step by step",
    "sequence sequences series generate generator iterate iteration fibonacci collatz next term terms progression say",
    Task(
        name="collatz_steps",
        family="sequences",
        difficulty="easy",
        kind="function",
        instruction="Write a function `collatz_steps` that counts the steps needed to reach 1 from a positive integer n, halving even numbers and mapping odd n to 3n + 1.",
        code="""def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
""",
        gen=lambda rng: (rng.randint(1, 40),),
        edge=((1,), (6,)),
        scenarios=("one", "a power of two", "an odd start"),
    ),
    Task(
        name="fibonacci_upto",
        family="sequences",
        difficulty="medium",
        kind="function",
        instruction="Write a function `fibonacci_upto` that returns the Fibonacci numbers (starting 0, 1) that do not exceed a limit, in order.",
        code="""def fibonacci_upto(limit: int) -> list[int]:
    out = []
    a, b = 0, 1
    while a <= limit:
        out.append(a)
        a, b = b, a + b
    return out
""",
        gen=lambda rng: (rng.randint(-1, 150),),
        edge=((0,), (1,), (-1,)),
        scenarios=("a negative limit", "zero", "a limit between two terms"),
    ),
    Task(
        name="look_and_say",
        family="sequences",
        difficulty="hard",
        kind="function",
        instruction="Write a function `look_and_say` that applies the look-and-say step to a string of digits the given number of times, where each step describes the runs of digits ('1211' becomes '111221').",
        code="""def look_and_say(term: str, steps: int) -> str:
    for _ in range(steps):
        parts = []
        i = 0
        while i < len(term):
            j = i
            while j < len(term) and term[j] == term[i]:
                j += 1
            parts.append(str(j - i) + term[i])
            i = j
        term = "".join(parts)
    return term
""",
        gen=lambda rng: ("".join(rng.choice("123") for _ in range(rng.randint(1, 3))), rng.randint(0, 3)),
        edge=(("1", 3), ("1211", 1)),
        scenarios=("zero steps", "one step", "several steps"),
    ),
)
