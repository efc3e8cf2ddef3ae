"""Dictionaries as counters and groupings."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "dicts",
    "counting and grouping values with a dictionary",
    "dict dicts dictionary dictionaries mapping mappings key keys value values hash table "
    "count counter counting frequency group grouping lookup",
    Task(
        name="word_frequencies",
        family="dicts",
        difficulty="easy",
        kind="function",
        instruction=(
            "Write a function `word_frequencies` that maps each word of a list to the number of times it occurs."
        ),
        code="""def word_frequencies(words: list[str]) -> dict[str, int]:
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts
""",
        gen=lambda rng: (gen.words(rng, "ab", 0, 5),),
        edge=(([],), (["x"],), (["a", "b", "a"],)),
        bugs=(
            """def word_frequencies(words: list[str]) -> dict[str, int]:
    counts = {}
    for w in words:
        counts[w] = 1
    return counts
""",
        ),
        scenarios=("an empty list", "one repeated word", "all words distinct"),
    ),
    Task(
        name="most_common_char",
        family="dicts",
        difficulty="medium",
        kind="function",
        instruction=(
            "Write a function `most_common_char` that returns the character occurring most often in a "
            "string; on a tie return the alphabetically smallest one, and return '' for an empty string."
        ),
        code="""def most_common_char(text: str) -> str:
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    best = ""
    for ch in sorted(counts):
        if best == "" or counts[ch] > counts[best]:
            best = ch
    return best
""",
        gen=lambda rng: (gen.word(rng, "abcd", 0, 7),),
        edge=(("",), ("b",), ("abab",), ("cbbc",)),
        bugs=(
            """def most_common_char(text: str) -> str:
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    best = ""
    for ch in counts:
        if best == "" or counts[ch] > counts[best]:
            best = ch
    return best
""",
            """def most_common_char(text: str) -> str:
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    best = ""
    for ch in sorted(counts):
        if best == "" or counts[ch] >= counts[best]:
            best = ch
    return best
""",
        ),
        scenarios=("an empty string", "a tie between two characters", "a single character"),
    ),
    Task(
        name="group_anagrams",
        family="dicts",
        difficulty="hard",
        kind="function",
        instruction=(
            "Write a function `group_anagrams` that groups the words of a list that are anagrams of each "
            "other; each group is sorted and the groups are sorted by their first word."
        ),
        code="""def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        key = "".join(sorted(w))
        groups.setdefault(key, []).append(w)
    result = [sorted(g) for g in groups.values()]
    result.sort()
    return result
""",
        gen=lambda rng: (gen.words(rng, "abc", 0, 5),),
        edge=(([],), (["ab", "ba", "c"],), (["abc"],)),
        bugs=(
            """def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        groups.setdefault(len(w), []).append(w)
    result = [sorted(g) for g in groups.values()]
    result.sort()
    return result
""",
            """def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        key = "".join(sorted(w))
        groups.setdefault(key, []).append(w)
    return list(groups.values())
""",
        ),
        scenarios=("an empty list", "words that are all anagrams", "duplicate words", "no anagrams"),
    ),
)
