"""Strings: counting characters, run-length encoding, sliding windows."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "strings",
    "reading a string character by character",
    "string strings str text character characters char chars substring unicode letter letters "
    "vowel encoding decode encode window whitespace case",
    Task(
        name="count_vowels",
        family="strings",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `count_vowels` that counts how many characters of a string are vowels "
            "(a, e, i, o, u, in either case)."
        ),
        code="""def count_vowels(text: str) -> int:
    count = 0
    for ch in text:
        if ch.lower() in "aeiou":
            count += 1
    return count
""",
        gen=lambda rng: (gen.text(rng, "abcdeiouxyzAEI "),),
        edge=(("",), ("AEIOU",), ("rhythm",)),
        bugs=(
            """def count_vowels(text: str) -> int:
    count = 0
    for ch in text:
        if ch in "aeiou":
            count += 1
    return count
""",
            """def count_vowels(text: str) -> int:
    count = 0
    for ch in text:
        if ch.lower() in "aeiouy":
            count += 1
    return count
""",
        ),
        scenarios=("an empty string", "upper-case vowels", "no vowels at all", "spaces"),
    ),
    Task(
        name="compress_runs",
        family="strings",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `compress_runs` that run-length encodes a string: each maximal run of one "
            "character becomes the character followed by the run length, so 'aaabcc' becomes 'a3b1c2'."
        ),
        code="""def compress_runs(text: str) -> str:
    if not text:
        return ""
    parts = []
    current = text[0]
    count = 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            parts.append(current + str(count))
            current = ch
            count = 1
    parts.append(current + str(count))
    return "".join(parts)
""",
        gen=lambda rng: (gen.word(rng, "aab", 0, 8),),
        edge=(("",), ("a",), ("aaabcc",)),
        bugs=(
            """def compress_runs(text: str) -> str:
    if not text:
        return ""
    parts = []
    current = text[0]
    count = 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            parts.append(current + str(count))
            current = ch
            count = 1
    return "".join(parts)
""",
            """def compress_runs(text: str) -> str:
    parts = []
    for ch in sorted(set(text)):
        parts.append(ch + str(text.count(ch)))
    return "".join(parts)
""",
        ),
        scenarios=("an empty string", "a single character", "alternating characters", "one long run"),
    ),
    Task(
        name="longest_unique_substring",
        family="strings",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `longest_unique_substring` that returns the length of the longest substring "
            "of a string in which no character repeats."
        ),
        code="""def longest_unique_substring(text: str) -> int:
    last_seen = {}
    start = 0
    best = 0
    for i, ch in enumerate(text):
        if ch in last_seen and last_seen[ch] >= start:
            start = last_seen[ch] + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best
""",
        gen=lambda rng: (gen.word(rng, "abcd", 0, 8),),
        edge=(("",), ("aaaa",), ("abcabcbb",), ("abba",)),
        bugs=(
            """def longest_unique_substring(text: str) -> int:
    last_seen = {}
    start = 0
    best = 0
    for i, ch in enumerate(text):
        if ch in last_seen:
            start = last_seen[ch] + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best
""",
            """def longest_unique_substring(text: str) -> int:
    return len(set(text))
""",
        ),
        scenarios=("an empty string", "all characters equal", "all characters distinct", "a repeat inside the window"),
    ),
)
