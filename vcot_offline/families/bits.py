"""Bit manipulation on non-negative integers."""

from __future__ import annotations

from .base import Task, family

FAMILY = family(
    "bits",
    "working with the binary representation of integers (bitwise operators)",
    "bit bits bitwise binary mask masks shift xor and or flag flags byte bytes popcount power two",
    Task(
        name="count_set_bits",
        family="bits",
        difficulty="easy",
        kind="function",
        instruction="Write a function `count_set_bits` that returns the number of 1 bits in the binary form of a non-negative integer.",
        code="""def count_set_bits(n: int) -> int:
    count = 0
    while n:
        count += n & 1
        n >>= 1
    return count
""",
        gen=lambda rng: (rng.randint(0, 300),),
        edge=((0,), (255,)),
        scenarios=("zero", "a power of two", "all ones"),
    ),
    Task(
        name="single_number",
        family="bits",
        difficulty="medium",
        kind="function",
        instruction="Write a function `single_number` that returns the one integer that appears an odd number of times in a list where every other integer appears an even number of times, using XOR.",
        code="""def single_number(nums: list[int]) -> int:
    result = 0
    for x in nums:
        result ^= x
    return result
""",
        gen=lambda rng: (lambda pairs, odd: (sorted(pairs * 2 + [odd], key=lambda v: (v * 7) % 5),))(
            [rng.randint(0, 9) for _ in range(rng.randint(0, 3))], rng.randint(0, 20)
        ),
        edge=(([4],), ([2, 2, 1],)),
        scenarios=("one element", "the single value is zero", "several pairs"),
    ),
    Task(
        name="hamming_distance",
        family="bits",
        difficulty="hard",
        kind="function",
        instruction="Write a function `hamming_distance` that returns the number of bit positions in which two non-negative integers differ, using XOR and clearing the lowest set bit.",
        code="""def hamming_distance(a: int, b: int) -> int:
    diff = a ^ b
    count = 0
    while diff:
        diff &= diff - 1
        count += 1
    return count
""",
        gen=lambda rng: (rng.randint(0, 64), rng.randint(0, 64)),
        edge=((0, 0), (1, 4)),
        scenarios=("equal numbers", "zero and a number", "numbers differing in every bit"),
    ),
)
