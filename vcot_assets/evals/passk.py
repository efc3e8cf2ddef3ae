"""The unbiased pass@k estimator (Chen et al., 2021) and its average over problems.

pass@k for one problem with n generations of which c pass is 1 - C(n-c, k) / C(n, k): the
chance that k generations drawn without replacement contain at least one pass. It is computed
in exact rational arithmetic so averages over hundreds of problems do not drift in the last
digits that published scores are compared on.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from math import comb


def pass_at_k_exact(n: int, c: int, k: int) -> Fraction:
    """1 - C(n-c, k) / C(n, k) as an exact fraction; 1 when every k-subset holds a pass."""
    if n < 0 or c < 0 or k < 1:
        raise ValueError(f"pass@k needs n >= 0, c >= 0, k >= 1 (got n={n}, c={c}, k={k})")
    if c > n:
        raise ValueError(f"more passing generations than generations (n={n}, c={c})")
    if n - c < k:
        return Fraction(1)
    return 1 - Fraction(comb(n - c, k), comb(n, k))


def pass_at_k(n: int, c: int, k: int) -> float:
    return float(pass_at_k_exact(n, c, k))


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """Average pass@k over problems given (n, c) per problem, in percent."""
    total = Fraction(0)
    problems = 0
    for n, c in counts:
        total += pass_at_k_exact(n, c, k)
        problems += 1
    if problems == 0:
        raise ValueError("no problems to average pass@k over")
    return float(total * 100 / problems)
