"""Number words written in digits (`seven` -> `7`, `minus two` -> `-2`): what the verifier and the
reading of extraction replies both compare with digits. A module of its own so that reading a
reply does not depend on (and change its code version with) the whole prose reader."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_WORD = re.compile(
    r"\b(?:(negative|minus)\s+)?((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)\b",
    re.IGNORECASE,
)


def number_word_digits(match: re.Match) -> str:
    """A match of NUMBER_WORD as digits."""
    words = match.group(2).lower().replace("-", " ").split()
    value = sum(NUMBER_WORDS[w] for w in words)
    return str(-value if match.group(1) else value)


def numbers_in_digits(text: str) -> str:
    """`seven words, minus two` -> `7 words, -2`: the number words of a text written in digits."""
    return NUMBER_WORD.sub(number_word_digits, text)
