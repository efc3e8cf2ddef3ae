"""Text made of words: capitalising, common prefixes, wrapping lines."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "text",
    "splitting text into words and putting it back together",
    "word words text sentence sentences split join whitespace line lines wrap prefix capitalize title paragraph token",
    Task(
        name="capitalize_words",
        family="text",
        difficulty="easy",
        kind="function",
        instruction="Write a function `capitalize_words` that upper-cases the first letter of every space-separated word of a string and lower-cases the rest, joining the words with single spaces.",
        code="""def capitalize_words(text: str) -> str:
    words = []
    for word in text.split():
        words.append(word[0].upper() + word[1:].lower())
    return " ".join(words)
""",
        gen=lambda rng: (" ".join(gen.words(rng, "abAB", 0, 4)),),
        edge=(("",), ("hello WORLD",)),
        scenarios=("an empty string", "mixed case", "one word"),
    ),
    Task(
        name="common_prefix",
        family="text",
        difficulty="medium",
        kind="function",
        instruction="Write a function `common_prefix` that returns the longest common prefix of a list of words (the empty string for no words).",
        code="""def common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
""",
        gen=lambda rng: (gen.words(rng, "ab", 0, 4),),
        edge=(([],), (["flow", "flower", "flight"],)),
        scenarios=("no words", "no common prefix", "one word"),
    ),
    Task(
        name="wrap_words",
        family="text",
        difficulty="hard",
        kind="function",
        instruction="Write a function `wrap_words` that greedily wraps the words of a text into lines of at most width characters (a longer word gets a line of its own) and returns the lines.",
        code="""def wrap_words(text: str, width: int) -> list[str]:
    lines = []
    current = ""
    for word in text.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines
""",
        gen=lambda rng: (" ".join(gen.words(rng, "abc", 0, 5)), rng.randint(1, 8)),
        edge=(("", 5), ("the quick brown fox", 10)),
        scenarios=("an empty text", "a word longer than the width", "exact fit"),
    ),
)
