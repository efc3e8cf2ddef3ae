"""Integer arithmetic: digits, divisors, primes."""

from __future__ import annotations

from .base import Task, family

FAMILY = family(
    "math",
    "integer arithmetic with division and remainders",
    "math mathematics arithmetic integer integers number numbers digit digits divisor divisors gcd "
    "prime primes modulo remainder division factor factors numeric",
    Task(
        name="digit_sum",
        family="math",
        difficulty="easy",
        kind="function",
        instruction="Write a function `digit_sum` that returns the sum of the decimal digits of an integer (ignoring its sign).",
        code="""def digit_sum(n: int) -> int:
    n = abs(n)
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total
""",
        gen=lambda rng: (rng.randint(-9999, 9999),),
        edge=((0,), (-45,), (1001,)),
        scenarios=("zero", "a negative number", "zeros inside the number"),
    ),
    Task(
        name="gcd",
        family="math",
        difficulty="medium",
        kind="function",
        instruction="Write a function `gcd` that returns the greatest common divisor of two non-negative integers with Euclid's algorithm (gcd(0, 0) is 0).",
        code="""def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a
""",
        gen=lambda rng: (rng.randint(0, 60), rng.randint(0, 60)),
        edge=((0, 0), (12, 18), (7, 0)),
        scenarios=("one argument zero", "coprime numbers", "equal numbers"),
    ),
    Task(
        name="prime_factors",
        family="math",
        difficulty="hard",
        kind="function",
        instruction="Write a function `prime_factors` that returns the prime factors of an integer n >= 2 in ascending order, with repetition.",
        code="""def prime_factors(n: int) -> list[int]:
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors
""",
        gen=lambda rng: (rng.randint(2, 200),),
        edge=((2,), (12,), (97,)),
        scenarios=("a prime", "a power of two", "a product of distinct primes"),
    ),
)
