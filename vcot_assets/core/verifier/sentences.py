"""Split a rationale into sentences: at `.`, `!`, `?` before a space or line end, and at line
breaks; a dot inside brackets, quotes or a number, or one that ends an abbreviation (`i.e.`),
does not split."""

from __future__ import annotations

import re

_SPLIT_POINTS = re.compile(r"[.!?'\"()\[\]{}\n\\]")
# `i.e. 6 flips`, `e.g. 'ab'`, `vs. 9`: a dot that ends an abbreviation, not the sentence
_ABBREVIATION = re.compile(r"(?<![\w.])(?:i\.e|e\.g|vs|cf|approx|resp)\.$", re.I)


def split_sentences(text: str) -> list[str]:
    """Sentences of a rationale; dots inside brackets, quotes or numbers do not split."""
    sentences: list[str] = []
    depth = 0
    quote = ""
    start = 0
    n = len(text)
    skip_to = 0
    for m in _SPLIT_POINTS.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if quote:
            if ch == "\\":
                skip_to = i + 2
            elif ch == quote:
                quote = ""
            elif ch == "\n":
                quote = ""  # an apostrophe in prose, not a string: the line ends it
                depth = 0
                sentences.append(text[start:i])
                start = i + 1
            continue
        if ch in "'\"":
            if i == 0 or not text[i - 1].isalnum():
                quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == "\n":
            depth = 0
            sentences.append(text[start:i])
            start = i + 1
        elif ch != "\\" and depth == 0 and (i + 1 == n or text[i + 1] in " \t\n"):
            ellipsis_inside = (
                ch == "." and text[max(0, i - 2) : i + 1] == "..." and re.match(r"\s*[-+*/,a-z\d]", text[i + 1 :])
            )
            number = ch == "." and i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit()
            abbreviation = ch == "." and _ABBREVIATION.search(text, max(0, i - 5), i + 1)
            if not (number or ellipsis_inside or abbreviation):  # (`1 + 2 + ... + 10 = 55` is one sentence)
                sentences.append(text[start : i + 1])
                start = i + 1
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip() and any(c.isalnum() for c in s)]


# ---------------------------------------------------------------------------- scanning
