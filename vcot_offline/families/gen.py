"""Small input generators shared by the task families (kept small: traces must stay short)."""

from __future__ import annotations

import random
import string


def ints(rng: random.Random, lo: int = -9, hi: int = 9, min_len: int = 0, max_len: int = 6) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(rng.randint(min_len, max_len))]


def word(rng: random.Random, letters: str = "abcde", min_len: int = 1, max_len: int = 5) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(min_len, max_len)))


def words(rng: random.Random, letters: str = "abcde", min_count: int = 0, max_count: int = 5) -> list[str]:
    return [word(rng, letters) for _ in range(rng.randint(min_count, max_count))]


def text(rng: random.Random, alphabet: str = string.ascii_lowercase + "  ", min_len: int = 0, max_len: int = 10) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(min_len, max_len)))
