"""Parsing small text formats into values."""

from __future__ import annotations

from .base import Task, family


def _int_list_text(rng):
    nums = [str(rng.randint(-20, 99)) for _ in range(rng.randint(0, 5))]
    return ("".join(n + rng.choice([",", ", ", " ,"]) for n in nums).rstrip(" ,"),)


def _pairs_text(rng):
    keys = rng.sample("abcdxyz", rng.randint(0, 4))
    return (";".join(f"{k}={rng.randint(0, 99)}" for k in keys),)


def _expression(rng):
    text = str(rng.randint(0, 20))
    for _ in range(rng.randint(0, 3)):
        text += rng.choice("+-") + str(rng.randint(0, 20))
    return (text,)


FAMILY = family(
    "parsing",
    "parsing text into structured values",
    "parse parsing parser tokenize tokenizer format delimiter separator comma split field fields "
    "syntax literal config configuration expression",
    Task(
        name="parse_int_list",
        family="parsing",
        difficulty="easy",
        kind="function",
        instruction="Write a function `parse_int_list` that parses a string of comma-separated integers (with optional spaces) into a list of integers; an empty string gives an empty list.",
        code="""def parse_int_list(text: str) -> list[int]:
    values = []
    for part in text.split(","):
        part = part.strip()
        if part:
            values.append(int(part))
    return values
""",
        gen=_int_list_text,
        edge=(("",), ("1, 2,3",)),
        scenarios=("an empty string", "spaces around numbers", "negative numbers"),
    ),
    Task(
        name="parse_settings",
        family="parsing",
        difficulty="medium",
        kind="function",
        instruction="Write a function `parse_settings` that parses 'key=value' pairs separated by semicolons into a dict of string keys to integer values; an empty string gives an empty dict.",
        code="""def parse_settings(text: str) -> dict[str, int]:
    settings = {}
    for pair in text.split(";"):
        if not pair:
            continue
        key, value = pair.split("=")
        settings[key.strip()] = int(value)
    return settings
""",
        gen=_pairs_text,
        edge=(("",), ("a=1;b=2",)),
        scenarios=("an empty string", "one pair", "several pairs"),
    ),
    Task(
        name="evaluate_sum",
        family="parsing",
        difficulty="hard",
        kind="function",
        instruction="Write a function `evaluate_sum` that evaluates an expression made of non-negative integers joined by + and - (no spaces), scanning it character by character.",
        code="""def evaluate_sum(expression: str) -> int:
    total = 0
    number = 0
    sign = 1
    for ch in expression:
        if ch.isdigit():
            number = number * 10 + int(ch)
        else:
            total += sign * number
            number = 0
            sign = 1 if ch == "+" else -1
    return total + sign * number
""",
        gen=_expression,
        edge=(("7",), ("10-4+3",)),
        scenarios=("a single number", "multi-digit numbers", "a negative result"),
    ),
)
