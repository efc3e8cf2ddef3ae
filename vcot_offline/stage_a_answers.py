"""The offline teacher's Stage A answers: concepts, instructions, signatures, code, tests.

Every answer is a pure function of the prompt sections (and the seed, for candidates). Later
prompts carry the instruction and signature this teacher wrote earlier, which map back to the
task (by the name in the signature, else the instruction text), so answers stay coherent
across calls. Mistakes are rolled per decision at the configured rates.
"""

from __future__ import annotations

import ast
import json
import re

from .families import FAMILIES, find_task, rank_families, words
from .families.base import Task, literal_text
from .prompt import ParsedPrompt, count_in
from .rates import FailureRates, happens, pick, roll, stable_int
from .variants import style_variant, wrong_variant

_DIFFICULTIES = ("easy", "medium", "hard")

# Words that mark a phrase as a programming concept even when no family claims it.
_PROGRAMMING_WORDS = frozenset(
    "algorithm algorithms argument arguments array arrays attribute binary bit bits boolean buffer byte "
    "bytes cache call callable character class code collection comparison container conversion data "
    "datetime decimal default descriptor encoding error exception expression file float format fraction "
    "function functions generator hash heap index integer integers interval iterable iterator json key "
    "keyword lambda list loop mapping matrix method module number numbers object operator parameter "
    "parse parser path pattern queue range recursion regex regular return sequence set slice sort stack "
    "statement stream string strings structure syntax text thread token tree tuple type types unicode "
    "value values variable variables".split()
)

# Words that carry no concept of their own ("simple cache" is "cache").
_FILLER = frozenset(
    "a an the of in on to for and or with by from simple lightweight optional basic new given default".split()
)


def _is_programming_phrase(phrase: str) -> bool:
    found = words(phrase)
    return bool(found & _PROGRAMMING_WORDS) or any(found & f.keywords for f in FAMILIES)


def _keyphrases(section: str) -> list[str]:
    lines = [ln for ln in section.splitlines() if ln.strip()]
    if len(lines) == 1 and "," in lines[0]:
        lines = lines[0].split(",")
    phrases = []
    for line in lines:
        phrase = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s*", "", line)
        phrase = re.sub(r"\s*[(\[].*?[)\]]\s*$", "", phrase).strip().strip("`'\"")
        if phrase and phrase.lower() != "(none found)" and not phrase.startswith("("):
            phrases.append(phrase)
    return phrases


def concepts(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    limit = count_in(p.section("constraints"), 10)
    chosen: list[dict] = []
    kept_words: list[set[str]] = []
    for phrase in _keyphrases(p.section("keyphrases (most relevant first)") or p.section("keyphrases")):
        found = words(phrase) - _FILLER
        if not found or len(chosen) >= limit:
            continue
        # "heap item" repeats "heap": a phrase whose words contain, or sit inside, a kept one's is merged.
        if any(found <= other or other <= found for other in kept_words):
            continue
        if not _is_programming_phrase(phrase) and not happens(rates.keep_non_concept, "keep", phrase):
            continue
        kept_words.append(found)
        fam = rank_families(phrase)[0]
        chosen.append(
            {
                "name": phrase.lower(),
                "keyphrase": phrase,
                "description": (
                    f"Using {phrase.lower()} in Python code, practised through {fam.topic}: "
                    f"{', '.join([k for k in sorted(fam.keywords) if len(k) > 2][:4])}."
                ),
                "examples": [f"a helper like `{t.name}`" for t in fam.tasks[:2]],
                "difficulty": pick(_DIFFICULTIES, "difficulty", phrase),
            }
        )
    body = json.dumps(chosen, indent=1)
    if happens(rates.malformed, "malformed", p.task, body, seed):
        if chosen and roll("how", body, seed) < 0.5:  # a difficulty outside the three levels
            chosen[0]["difficulty"] = "intermediate"
            return f"```json\n{json.dumps(chosen, indent=1)}\n```"
        return f"Here are the concepts I found:\n```json\n{body[: max(1, len(body) // 2)]}\n```"
    return f"```json\n{body}\n```"


def tasks_for_concept(text: str, difficulty: str, count: int) -> list[Task]:
    """Exercises for a concept: from the families its words name first, then any others.

    Within a family and in the tail, the order is a hash of the concept, so related concepts
    (the same family words) are spread over different exercises instead of all getting the same.
    """
    found = words(text)

    def order(t: Task) -> int:
        return stable_int(text, difficulty, t.name)

    matched: list[Task] = []
    for fam in rank_families(text):
        if found & fam.keywords:
            matched.extend(sorted(fam.task_for(difficulty), key=order)[:2])
    rest = sorted((t for fam in FAMILIES for t in fam.task_for(difficulty) if t not in matched), key=order)
    return (matched + rest)[:count]


def instructions(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    concept = p.section("concept")
    difficulty = p.section("difficulty").strip().lower()
    if difficulty not in _DIFFICULTIES:
        difficulty = "medium"
    count = count_in(p.section("constraints"), 6)
    tasks = tasks_for_concept(concept, difficulty, count)
    lines = [f"{n}. [{t.kind}] {t.instruction}" for n, t in enumerate(tasks, start=1)]
    if lines and happens(rates.malformed, "malformed", p.task, concept, difficulty, seed):
        broken = int(roll("which", concept, difficulty) * len(lines))
        lines[broken] = re.sub(r"\[(function|class)\] ", "", lines[broken])
    return "\n".join(lines)


def _task_or_fallback(p: ParsedPrompt) -> Task:
    """The task this teacher posed; for a statement it never wrote, a stable stand-in."""
    instruction = p.section("problem statement")
    task = find_task(instruction, p.section("signature"))
    if task is not None:
        return task
    return tasks_for_concept(instruction, pick(_DIFFICULTIES, "difficulty", instruction), 1)[0]


def signature(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    task = _task_or_fallback(p)
    line = task.signature
    if happens(rates.malformed, "malformed", p.task, line, seed):
        return _broken_signature(line, stable_int("how", line, seed) % 3)
    return line


def _broken_signature(line: str, how: int) -> str:
    """The ways a model slips on the one-line signature format."""
    if how == 0:  # the kind label left out (a bare `def` head would be read: models write those)
        return line.split(":", 1)[1].strip().split(";")[0]
    if how == 1:  # the return type of the (primary) function forgotten
        return (
            re.sub(r"\) -> [^;]+$", ")", line)
            if "Class:" not in line
            else re.sub(r"^(Class: [^;]+; [^;]+; [^;]+?\)) -> [^;]+", r"\1", line)
        )
    return re.sub(r"(\w+): [^,()]+(?=[,)])", r"\1", line)  # parameters without types


def candidate_code(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    task = _task_or_fallback(p)
    tag = (p.section("problem statement"), p.section("signature"), seed)
    if happens(rates.malformed, "malformed", p.task, *tag):
        return _broken_code(task, style_variant(task, seed), stable_int("how", *tag) % 4)
    if happens(rates.wrong_candidate, "wrong", p.task, *tag):
        code = wrong_variant(task, seed)
    else:
        code = style_variant(task, seed)
    return f"```python\n{code.rstrip()}\n```"


def _broken_code(task: Task, code: str, how: int) -> str:
    """The ways a model's code answer breaks before any test runs."""
    if how == 0:  # no fence at all
        return f"Here is my implementation:\n\n{code}"
    if how == 1:  # cut off mid-answer
        return f"```python\n{code[: len(code) * 2 // 3]}"
    if how == 2:  # a syntax slip: the first colon forgotten
        return "```python\n" + re.sub(r":\n", "\n", code, count=1).rstrip() + "\n```"
    # does not follow the signature: a renamed parameter, or a renamed primary method
    if task.kind == "class":
        renamed = re.sub(rf"def {task.method}\(", f"def {task.method}_all(", code)
    else:
        tree = ast.parse(code)
        func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == task.name)
        if not func.args.args:
            return f"Here is my implementation:\n\n{code}"
        old = func.args.args[0].arg
        for node in ast.walk(func):
            if isinstance(node, ast.arg) and node.arg == old:
                node.arg = f"{old}_in"
            elif isinstance(node, ast.Name) and node.id == old:
                node.id = f"{old}_in"
        renamed = ast.unparse(tree)
    return f"```python\n{renamed.rstrip()}\n```"


_GENERIC_SCENARIOS = (
    "a typical small input",
    "the smallest possible input",
    "repeated values",
    "negative numbers where they are allowed",
    "a larger input",
)


def test_scenarios(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    task = _task_or_fallback(p)
    count = count_in(p.section("constraints"), 10)
    items = list(dict.fromkeys(list(task.scenarios) + list(_GENERIC_SCENARIOS)))[:count]
    if happens(rates.malformed, "malformed", p.task, task.name, seed):
        return "The tests should cover " + "; ".join(items) + "."
    return "\n".join(f"{n}. {s[0].upper()}{s[1:]}." for n, s in enumerate(items, start=1))


def wrong_literal(expected: str, salt: object) -> str:
    """A plausible but wrong expected value of the same type."""
    value = ast.literal_eval(expected)
    flip = stable_int("wrong", expected, salt) % 2
    if isinstance(value, bool):
        wrong = not value
    elif isinstance(value, int):
        wrong = value + (1 if flip else -1)
    elif isinstance(value, float):
        wrong = value + 0.5
    elif isinstance(value, str):
        wrong = value[:-1] if value and flip else value + "a"
    elif isinstance(value, list):
        wrong = value[:-1] if value else [0]
    elif isinstance(value, tuple):
        wrong = value[:-1] if value else (0,)
    elif isinstance(value, dict):
        wrong = dict(list(value.items())[:-1]) if value else {"a": 0}
    elif value is None:
        wrong = 0
    else:
        return expected + " + 1"
    return literal_text(wrong) or repr(wrong)


def _malformed_test(name: str, call: str, expected: str, how: int) -> str:
    if how == 4:  # calls a generic name instead of the one in the signature
        return f"def {name}():\n    assert solution{call[call.index('(') :]} == {expected}\n"
    if how == 0:
        return f"def {name}():\n    result = {call}\n    assert result == {expected}\n"
    if how == 1:
        return f"def {name}():\n    assert {call} == {expected}\n    assert {call} is not None\n"
    if how == 2:
        return f"def {name}():\n    for _ in range(2):\n        assert {call} == {expected}\n"
    return f"def {name}():\n    assert {call} == {call}\n"


def candidate_tests(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    task = _task_or_fallback(p)
    count = count_in(p.section("constraints"), 25)
    stem = re.sub(r"(?<!^)(?=[A-Z])", "_", task.name).lower()
    parts = []
    for n, (call, expected) in enumerate(task.cases(count, seed), start=1):
        name = f"test_{stem}_{n:02d}"
        if happens(rates.malformed_test, "malformed_test", call, seed):
            parts.append(_malformed_test(name, call, expected, stable_int("how", call) % 5))
            continue
        if happens(rates.wrong_expected, "wrong_expected", call, seed):
            expected = wrong_literal(expected, seed)
        parts.append(f"def {name}():\n    assert {call} == {expected}\n")
    body = "\n\n".join(parts)
    if happens(rates.malformed, "malformed", p.task, task.name, seed):
        return body
    return f"```python\n{body}```"
