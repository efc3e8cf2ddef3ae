"""The mistakes the offline teacher makes, the way a model makes them.

A model that narrates a run slips where people slip: it adds wrong, counts a loop one pass too
many, misremembers one value in a list of values, says a test was true when it was false,
writes the value a variable had a step earlier, or gets the final answer a little wrong. The
wrong value is chosen for being a near miss (one more, one less, a stale value, a dropped or
swapped element), never for being easy or hard to catch: whether a checker notices is for the
checker's measurement to say.
"""

from __future__ import annotations

import ast

from .rates import pick, stable_int
from .story import Fact, is_literal

REASONING_SLIPS = (
    "wrong_arithmetic",
    "off_by_one_loop_count",
    "wrong_loop_summary_value",
    "branch_not_taken",
    "wrong_intermediate_value",
)


def _text(value) -> str:
    return repr(value)


def _alternatives(value, salt: str) -> list:
    """Near misses of a value, most likely first, each of the value's own type."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        step = 1 if stable_int("sign", salt) % 2 else -1
        options = [value + step, value - step]
        if abs(value) >= 10:
            options.insert(stable_int("carry", salt) % 2, value + 10 * step)
        return options
    if isinstance(value, float):
        return [value + 1, round(value * 1.1, 2)]
    if isinstance(value, str):
        options = []
        if len(value) > 1:
            options.append(value[:-1])
            i = stable_int("swap", salt) % (len(value) - 1)
            options.append(value[:i] + value[i + 1] + value[i] + value[i + 2 :])
        if value:
            i = stable_int("double", salt) % len(value)
            options.append(value[:i] + value[i] + value[i:])
        return options or ["a"]
    if isinstance(value, (list, tuple)):
        kind = type(value)
        options = []
        ints = [i for i, v in enumerate(value) if type(v) is int]
        if ints:
            i = ints[stable_int("element", salt) % len(ints)]
            items = list(value)
            items[i] += 1 if stable_int("sign", salt) % 2 else -1
            options.append(kind(items))
        if len(value) > 1:
            i = stable_int("swap", salt) % (len(value) - 1)
            items = list(value)
            items[i], items[i + 1] = items[i + 1], items[i]
            options.append(kind(items))
        if value:
            options.append(kind(value[:-1]))
        return options
    if isinstance(value, dict) and value:
        options = []
        keys = [k for k, v in value.items() if type(v) is int]
        if keys:
            k = keys[stable_int("key", salt) % len(keys)]
            options.append({**value, k: value[k] + 1})
        options.append(dict(list(value.items())[:-1]))
        return options
    return []


def near_miss(text: str, salt: str, stale: str | None = None) -> str | None:
    """A wrong value a model would plausibly write instead of `text`, or None if there is none.

    `stale` is the value the variable held before, which a model that loses its place writes.
    """
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    options = [_text(v) for v in _alternatives(value, salt)]
    if stale is not None and stale != text and is_literal(stale):
        options.insert(0, stale)
    options = [o for o in options if o != text]
    if not options:
        return None
    # A stale value first when there is one, else the likeliest near miss, now and then another.
    return options[0] if stable_int("which", salt) % 3 else pick(options, "other", salt)


def wrong_arithmetic(fact: Fact, salt: str) -> bool:
    try:
        worked = ast.literal_eval(fact.value)
    except (ValueError, SyntaxError):
        return False
    wrong = near_miss(_text(worked), salt)
    if wrong is None:
        return False
    fact.value, fact.slip = wrong, "wrong_arithmetic"
    return True


def slip_reasoning(facts: list[Fact], kinds: list[str], salt: str, summaries: list[list[str]]) -> str:
    """Make one mistake of a kind the narration offers; the kind made, or '' if none fits.

    `summaries` are the value lists the narration will state in loop summaries (changed in
    place for a wrong value in a summary).
    """
    sites: dict[str, list] = {
        "wrong_arithmetic": [f for f in facts if f.kind == "assign" and f.arithmetic],
        "off_by_one_loop_count": [f for f in facts if f.kind == "loop_end" and f.count > 0],
        "wrong_loop_summary_value": [s for s in summaries if len(s) >= 3],
        "branch_not_taken": [f for f in facts if f.kind == "branch"],
        "wrong_intermediate_value": [f for f in facts if f.kind == "assign" and is_literal(f.value)],
    }
    available = [k for k in kinds if sites.get(k)]
    if not available:
        return ""
    kind = pick(available, "slip kind", salt)
    site = pick(sites[kind], "slip site", salt)
    if kind == "wrong_arithmetic":
        return kind if wrong_arithmetic(site, salt) else ""
    if kind == "off_by_one_loop_count":
        # Counting the final, failing test as a pass is the usual way to be one over.
        site.count += 1 if stable_int("count", salt) % 4 else -1
        site.slip = kind
        return kind
    if kind == "wrong_loop_summary_value":
        i = 1 + stable_int("summary index", salt) % (len(site) - 1)
        wrong = near_miss(site[i], salt, stale=site[i - 1])
        if wrong is None:
            return ""
        site[i] = wrong
        return kind
    if kind == "branch_not_taken":
        site.truth, site.slip = not site.truth, kind
        return kind
    stale = _earlier_value(facts, site)
    wrong = near_miss(site.value, salt, stale=stale)
    if wrong is None:
        return ""
    site.value, site.slip = wrong, kind
    return kind


def _earlier_value(facts: list[Fact], site: Fact) -> str | None:
    earlier = None
    for f in facts:
        if f is site:
            return earlier
        if f.kind == "assign" and f.name == site.name:
            earlier = f.value
    return earlier


def wrong_answer(answer: str, facts: list[Fact], salt: str) -> str | None:
    """A final answer a little off: the last value before the final update, or a near miss."""
    returned = [f for f in facts if f.kind == "return"]
    name = ""
    if returned:
        source = returned[-1].source
        name = source[len("return ") :].strip() if source.startswith("return ") else ""
    history = [f.value for f in facts if f.kind == "assign" and f.name == name]
    stale = history[-2] if len(history) >= 2 and history[-1] == answer else None
    return near_miss(answer, salt, stale=stale)


def wrong_call(call: str, salt: str) -> str:
    """The call with one argument changed the way a model misremembers an input."""
    try:
        tree = ast.parse(call, mode="eval")
    except SyntaxError:
        return call
    arguments = [a for n in ast.walk(tree) if isinstance(n, ast.Call) for a in n.args]
    if not arguments:
        return call
    node = pick(arguments, "argument", salt)
    wrong = near_miss(ast.unparse(node), salt)
    if wrong is None:
        return call
    replacement = ast.parse(wrong, mode="eval").body
    for parent in ast.walk(tree):
        if isinstance(parent, ast.Call):
            parent.args = [replacement if a is node else a for a in parent.args]
    return ast.unparse(tree)
