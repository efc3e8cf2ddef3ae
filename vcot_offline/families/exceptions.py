"""Handling exceptions inside pure functions: bad input becomes a value, not a crash."""

from __future__ import annotations

from .base import Task, family


def _numbers_text(rng):
    return (rng.choice(["12", "-3", "x7", "", "4.5", " 8 ", "0", "abc", "99"]),)


def _pairs(rng):
    return ([[rng.randint(-6, 9), rng.randint(-2, 3)] for _ in range(rng.randint(0, 4))],)


def _lines(rng):
    names = ["ann", "bob", "cy"]
    out = []
    for _ in range(rng.randint(0, 4)):
        r = rng.random()
        out.append(
            f"{rng.choice(names)}:{rng.randint(0, 99)}" if r < 0.6 else rng.choice(["bob", "cy:x", ":5", "ann:"])
        )
    return (out,)


FAMILY = family(
    "exceptions",
    "catching exceptions so that bad input yields a value instead of a crash",
    "exception exceptions error errors try except raise raised catch handle handling valueerror "
    "keyerror zerodivisionerror invalid failure",
    Task(
        name="safe_int",
        family="exceptions",
        difficulty="easy",
        kind="function",
        instruction="Write a function `safe_int` that converts a string to an integer, returning None instead of raising when the string is not a valid integer.",
        code="""def safe_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None
""",
        gen=lambda rng: (
            rng.choice(["12", "-3", "x7", "", "4.5", " 8 ", "0", "abc", "99", "+5", "1_000", "--1"])
            + rng.choice(["", "", "0", "a"]),
        ),
        edge=(("42",), ("4x",)),
        scenarios=("a valid number", "letters", "an empty string"),
    ),
    Task(
        name="safe_divisions",
        family="exceptions",
        difficulty="medium",
        kind="function",
        instruction="Write a function `safe_divisions` that floor-divides each [a, b] pair of a list and returns the quotients, with None for a pair whose divisor is zero.",
        code="""def safe_divisions(pairs: list[list[int]]) -> list[int | None]:
    out = []
    for a, b in pairs:
        try:
            out.append(a // b)
        except ZeroDivisionError:
            out.append(None)
    return out
""",
        gen=_pairs,
        edge=(([],), ([[7, 2], [1, 0]],)),
        scenarios=("no pairs", "a zero divisor", "negative numbers"),
    ),
    Task(
        name="parse_scores",
        family="exceptions",
        difficulty="hard",
        kind="function",
        instruction="Write a function `parse_scores` that reads lines of the form 'name:score' into a dict of name to integer score (a later line for the same name replaces the earlier one) and returns it with the number of malformed lines, as a tuple.",
        code="""def parse_scores(lines: list[str]) -> tuple[dict[str, int], int]:
    scores = {}
    bad = 0
    for line in lines:
        try:
            name, value = line.split(":")
            if not name:
                raise ValueError(line)
            scores[name] = int(value)
        except ValueError:
            bad += 1
    return (scores, bad)
""",
        gen=_lines,
        edge=(([],), (["ann:3", "bob", "ann:5"],)),
        scenarios=("no lines", "a line without a colon", "a repeated name"),
    ),
)
