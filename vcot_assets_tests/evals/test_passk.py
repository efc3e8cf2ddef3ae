from fractions import Fraction
from itertools import combinations

import pytest

from vcot_assets.evals.passk import mean_pass_at_k, pass_at_k, pass_at_k_exact


def brute_force(n: int, c: int, k: int) -> Fraction:
    """Share of k-subsets of n generations (c passing) that hold at least one pass."""
    outcomes = [True] * c + [False] * (n - c)
    subsets = list(combinations(outcomes, k))
    return Fraction(sum(any(s) for s in subsets), len(subsets))


@pytest.mark.parametrize("n,c,k", [(10, 0, 1), (10, 3, 1), (10, 3, 5), (10, 6, 5), (7, 1, 5), (5, 0, 5), (1, 1, 1)])
def test_matches_counting_subsets(n, c, k):
    assert pass_at_k_exact(n, c, k) == brute_force(n, c, k)


def test_pass_at_1_is_the_pass_rate():
    assert pass_at_k(10, 3, 1) == pytest.approx(0.3)


def test_one_when_every_subset_holds_a_pass():
    # n - c < k: the README's "1.0 when n - c < k" (e.g. 3 executed, 1 passing, k = 5).
    assert pass_at_k(3, 1, 5) == 1.0


def test_mean_is_percent():
    assert mean_pass_at_k([(10, 10), (10, 0)], 1) == 50.0
    assert mean_pass_at_k([(10, 5)], 5) == pytest.approx(100 * (1 - 1 / 252))


@pytest.mark.parametrize("n,c,k", [(5, 6, 1), (-1, 0, 1), (5, 1, 0)])
def test_rejects_impossible_counts(n, c, k):
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)


def test_rejects_empty_average():
    with pytest.raises(ValueError):
        mean_pass_at_k([], 1)
