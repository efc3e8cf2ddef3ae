"""Ground one claim: in the program state at the pointer, or at an event of the window."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from vcot_assets.core.equality import same_value
from vcot_assets.core.grounding.records import Entity
from vcot_assets.core.verifier.expressions import (
    NOT_LITERAL,
    Opaque,
    UnknownValue,
    evaluate,
    expression_names,
    parse_expression,
    parse_literal,
    python_literal,
)
from vcot_assets.core.verifier.trace_index import TraceIndex


@dataclass
class _Claim:
    left: ast.expr
    op: str  # "==" or a comparison operator
    right: ast.expr
    truth: bool
    names: set[str]


def claim_of(entity: Entity) -> _Claim | None:
    if entity.kind in ("value", "index"):
        left, right = parse_expression(entity.name), parse_expression(python_literal(entity.value))
        if left is None or right is None:
            return None
        return _Claim(left, "==", right, True, expression_names(left))
    node = parse_expression(entity.name)
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    truth = entity.value.strip().lower() not in ("false", "0", "no")
    return _Claim(node, "cmp", node, truth, expression_names(node))


def _claim_holds(claim: _Claim, state: dict) -> bool:
    try:
        if claim.op == "cmp":
            return bool(evaluate(claim.left, state)) == claim.truth
        return same_value(evaluate(claim.left, state), evaluate(claim.right, state))
    except UnknownValue:
        return False
    except Exception:
        return False


@dataclass
class Walk:
    index: TraceIndex
    window: int
    backward: bool

    def bounds(self, pointer: int) -> tuple[int, int]:
        last = len(self.index.events) - 1
        if self.backward:
            return max(0, pointer - self.window), pointer
        return pointer, min(last, pointer + self.window)

    def ordered(self, lo: int, hi: int) -> range:
        return range(hi, lo - 1, -1) if self.backward else range(lo, hi + 1)


def ground(entity: Entity, walk: Walk, pointer: int) -> tuple[bool, int | None]:
    """(grounded, matched event index or None when grounded by state or not at all)."""
    index = walk.index
    lo, hi = walk.bounds(pointer)
    if entity.kind in ("value", "index", "comparison"):
        claim = claim_of(entity)
        if claim is None:
            return False, None
        if not claim.names:  # literals only: arithmetic or a comparison of shown values
            return _claim_holds(claim, {}), None
        if not any(
            n in index.names or f"self.{n}" in index.names or (n.startswith("self.") and n[5:] in index.names)
            for n in claim.names
        ):
            return False, None
        base = index.states[pointer] if index.states else {}
        # forward: a value that already holds is a restatement (no move); backward: the walk
        # goes to the event that set it, so earlier sentences keep their place in the window
        if not walk.backward and _claim_holds(claim, base):
            return True, None
        for i in walk.ordered(lo, hi):
            event = index.events[i]
            if event.kind not in ("new", "modified"):
                continue
            if (
                event.name not in claim.names
                and event.name[5:] not in claim.names
                and f"self.{event.name}" not in claim.names
            ):
                continue
            if _claim_holds(claim, index.states[i]):
                return True, i
        if walk.backward and _claim_holds(claim, base):
            return True, None
        return False, None
    if entity.kind == "return":
        claimed = parse_literal(python_literal(entity.value))
        if claimed is NOT_LITERAL:
            claimed = Opaque(entity.value.strip())
        for i in walk.ordered(lo, hi):
            if (
                index.events[i].kind == "return"
                and index.values[i] is not None
                and same_value(index.values[i], claimed)
            ):
                return True, i
        return any(same_value(v, claimed) for v in index.final_returns), None
    if entity.kind == "branch":
        wanted = _branch_word(entity.value)
        accepted = {"if": ("if", "elif"), "elif": ("elif",), "else": ("else",), "skip": ("skip",)}.get(
            wanted, (wanted,)
        )
        hits = [i for i, label in index.branch_events if lo <= i <= hi and label in accepted]
        if not hits:
            return False, None
        return True, (max(hits) if walk.backward else min(hits))
    if entity.kind == "loop":
        count = re.search(r"-?\d+", entity.value)
        if count is None:
            return False, None
        wanted_count = int(count.group())
        return any(count == wanted_count and first <= hi and last >= lo for first, last, count in index.loop_runs), None
    return False, None


def _branch_word(value: str) -> str:
    """`if` / `elif` / `else` / `skip` from an entity value ("else", "if branch not taken", ...)."""
    words = re.findall(r"[a-z]+", value.lower())
    if any(w in ("skip", "skipped", "not", "false", "bypassed") for w in words):
        return "skip"
    for word in ("elif", "else", "if"):
        if word in words:
            return word
    return value.strip().lower()
