"""The offline teacher's answer to `extract_entities`: the claims it reads in one sentence.

Its own reading, as a careful annotator would do it with a few patterns: `name = value` and
`name becomes value`, a comparison said to be true or false, a branch taken or skipped, a loop
that goes on or ends, and a returned value. The prompt holds no program, so it knows no
variable names and takes any identifier-like word before `=` for one.
"""

from __future__ import annotations

import json
import re

from .prompt import ParsedPrompt
from .rates import FailureRates, happens

_VALUE = r"(?P<value>'[^']*'|\"[^\"]*\"|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|-?\d+(?:\.\d+)?|True|False|None)"
_NAME = r"(?P<name>[A-Za-z_][\w.]*(?:\[[^\]]+\])?)"
_COMPARISON = re.compile(
    r"`?(?P<left>[^\s`,]+) (?P<op><=|>=|==|!=|<|>) (?P<right>[^\s`,]+)`? (?:is|was) `?(?P<truth>true|false)`?",
    re.I,
)
_ASSIGN = re.compile(rf"`?{_NAME}`? (?:=|becomes|is now|is set to|starts at|was) `?{_VALUE}")
_BRANCH = re.compile(r"\bthe (?P<head>if|elif|else) branch (?P<how>runs|ran|is taken|is skipped|was skipped)")
_LOOP = re.compile(r"\bthe loop (?P<how>runs again|goes on|ends|stops|went on|stopped)")
_RETURN = re.compile(rf"\breturn(?:s|ed)? `?{_VALUE}")


def claims(sentence: str) -> list[dict[str, str]]:
    found: list[tuple[int, dict[str, str]]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, claim: dict[str, str]) -> None:
        if any(m.start() < end and start < m.end() for start, end in taken):
            return
        taken.append(m.span())
        found.append((m.start(), claim))

    for m in _COMPARISON.finditer(sentence):
        name = f"{m['left']} {m['op']} {m['right']}"
        add(m, {"kind": "comparison", "name": name, "value": m["truth"].capitalize()})
    for m in _RETURN.finditer(sentence):
        add(m, {"kind": "return", "name": "", "value": m["value"]})
    for m in _ASSIGN.finditer(sentence):
        kind = "index" if "[" in m["name"] else "value"
        add(m, {"kind": kind, "name": m["name"], "value": m["value"]})
    for m in _BRANCH.finditer(sentence):
        taken_branch = m["how"] in ("runs", "ran", "is taken")
        add(m, {"kind": "branch", "name": "", "value": m["head"] if taken_branch else f"not {m['head']}"})
    for m in _LOOP.finditer(sentence):
        goes_on = m["how"] in ("runs again", "goes on", "went on")
        add(m, {"kind": "loop", "name": "", "value": "continue" if goes_on else "exit"})
    return [claim for _, claim in sorted(found, key=lambda item: item[0])]


def extract_entities(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    body = json.dumps(claims(p.section("sentence")))
    if happens(rates.malformed, "malformed", p.task, p.section("sentence"), seed):
        return "```json\n" + body[:-1] + "\n```"  # the closing bracket lost
    return "```json\n" + body + "\n```"
