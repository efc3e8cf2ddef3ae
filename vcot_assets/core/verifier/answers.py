"""Final answers: forward literals compared by value, backward answers as full calls."""

from __future__ import annotations

import ast
import re

from vcot_assets.core.equality import equal_texts


def answers_match(predicted: str, actual: str) -> bool:
    """Compare two answers by vcot's one rule (`core/equality.py`): literals by value, other text exactly."""
    return equal_texts(predicted, actual)


_ANSWER_PREFIX = re.compile(r"^\s*(?:answer\s*:|the answer is|assert)\s*", re.IGNORECASE)


def normalize_backward_answer(answer: str, function_name: str) -> str:
    """A backward answer as a full call: `[4, -1, 3]` -> `f([4, -1, 3])`; calls stay as they are.

    Accepts `Answer:` prefixes, backticks and a trailing `== output` (assert form)."""
    text = _ANSWER_PREFIX.sub("", answer.strip().strip("`").strip())
    text = text.strip().rstrip(".").strip().strip("`").strip()
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        node = None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
        text = ast.get_source_segment(text, node.left) or text
        node = node.left
    root = node
    while isinstance(root, (ast.Call, ast.Attribute)):
        root = root.func if isinstance(root, ast.Call) else root.value
    if isinstance(node, ast.Call) and isinstance(root, ast.Name) and root.id == function_name:
        return text
    return f"{function_name}({text})"
