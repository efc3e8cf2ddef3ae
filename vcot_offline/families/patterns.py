"""Regular expressions from the standard `re` module."""

from __future__ import annotations

from .base import Task, family


def _mixed_text(rng):
    parts = [rng.choice(["ab", "x", "12", "7", "-3", "cd", " ", "42", "q9"]) for _ in range(rng.randint(0, 5))]
    return (" ".join(parts),)


def _identifier(rng):
    return ("".join(rng.choice("ab_1 -") for _ in range(rng.randint(0, 5))),)


def _dates_text(rng):
    words = []
    for _ in range(rng.randint(0, 3)):
        if rng.random() < 0.6:
            words.append(f"{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        else:
            words.append(rng.choice(["on", "2021-1-5", "due", "1999-13"]))
    return (" ".join(words),)


FAMILY = family(
    "patterns",
    "matching text against regular expression patterns",
    "regex regexes regular expression expressions pattern patterns match matching search findall re "
    "group groups substitute replace validate",
    Task(
        name="extract_integers",
        family="patterns",
        difficulty="easy",
        kind="function",
        instruction="Write a function `extract_integers` that returns every integer written in a text (an optional minus sign followed by digits), in order, using a regular expression.",
        code="""import re


def extract_integers(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"-?\\d+", text)]
""",
        gen=_mixed_text,
        edge=(("",), ("a1b-22c",)),
        scenarios=("no numbers", "negative numbers", "numbers glued to letters"),
    ),
    Task(
        name="is_identifier",
        family="patterns",
        difficulty="medium",
        kind="function",
        instruction="Write a function `is_identifier` that tells whether a string is a simple identifier (a letter or underscore followed by letters, digits or underscores) using re.fullmatch.",
        code="""import re


def is_identifier(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) is not None
""",
        gen=_identifier,
        edge=(("",), ("_a1",), ("1a",)),
        scenarios=("an empty string", "a leading digit", "an underscore"),
    ),
    Task(
        name="iso_dates",
        family="patterns",
        difficulty="hard",
        kind="function",
        instruction="Write a function `iso_dates` that finds the dates written as YYYY-MM-DD (month 01-12, day 01-31) in a text and returns them as [year, month, day] lists, using regular expression groups.",
        code="""import re


def iso_dates(text: str) -> list[list[int]]:
    dates = []
    for year, month, day in re.findall(r"\\b(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b", text):
        dates.append([int(year), int(month), int(day)])
    return dates
""",
        gen=_dates_text,
        edge=(("",), ("due 2024-02-29 or 2024-13-01",)),
        scenarios=("no dates", "an invalid month", "two dates"),
    ),
)
