"""The ways the offline teacher words a narration: six styles, forward and backward.

The styles are those real teachers write (see the development part of the narration corpora):
the paper's `### Understand / ### Plan / ### Execute / ### Reflect` sections, a numbered
`<Steps>` list, plain paragraphs, loops summed up by the values they go through, small numbers
as words, and steps that quote the line of code they run. Phrasing within a style varies by
sentence, chosen by hashing, so the same request is always worded the same way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .rates import pick
from .story import Fact

STYLES = ("paper", "steps", "paragraphs", "loop_summary", "number_words", "restated_code")
MAX_FACTS = 100  # facts told before a long run is cut short

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()


@dataclass
class Voice:
    style: str
    salt: str
    said: int = 0

    def choose(self, *options: str) -> str:
        self.said += 1
        return pick(options, self.style, self.salt, self.said)

    def num(self, text: str) -> str:
        """A small whole number as a word in the number-words style; any value as it is otherwise."""
        if self.style != "number_words":
            return text
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        return _WORDS[value] if type(value) is int and 0 <= value < len(_WORDS) else text

    def code(self, text: str) -> str:
        return f"`{text}`" if self.style in ("paper", "restated_code") else text


def _args(args: list[tuple[str, str]], voice: Voice) -> str:
    shown = [f"{voice.code(f'{n} = {v}')}" for n, v in args]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _times(n: int, voice: Voice) -> str:
    return "once" if n == 1 else f"{voice.num(str(n))} times"


def _comparison(fact: Fact, voice: Voice) -> str:
    return voice.code(fact.comparison) if fact.comparison else voice.code(fact.condition)


def forward_sentence(fact: Fact, voice: Voice) -> str:
    v = voice.num(fact.value) if fact.kind in ("assign", "return") else fact.value
    if fact.kind == "call":
        args = _args(fact.args, voice)
        if fact.again:
            return f"{fact.who} is called again with {args}." if args else f"{fact.who} is called again."
        return f"{fact.who} is called with {args}." if args else f"{fact.who} is called."
    if fact.kind == "resume":
        return voice.choose(f"{fact.who} resumes after its yield.", f"{fact.who} picks up again after its yield.")
    if fact.kind == "assign":
        name = voice.code(fact.name)
        if voice.style == "restated_code" and fact.source:
            if fact.arithmetic:
                return f"`{fact.source}` gives {fact.name} = {fact.arithmetic} = {fact.value}."
            verb = "sets" if fact.new else "changes"
            return f"`{fact.source}` {verb} {fact.name} to {fact.value}."
        if fact.arithmetic and voice.style == "number_words":
            return f"{fact.arithmetic} = {fact.value}, so {name} is {v}."
        if fact.arithmetic:
            worked = voice.code(f"{fact.arithmetic} = {fact.value}")
            return voice.choose(
                f"{worked}, so {name} becomes {v}.",
                f"{name} = {fact.arithmetic} = {v}." if voice.style != "paper" else f"{worked}, so {name} = {v}.",
                f"{name} is updated: {worked}.",
            )
        if fact.new:
            return voice.choose(f"{name} starts at {v}.", f"{name} = {v}.", f"{name} is set to {v}.")
        return voice.choose(f"{name} becomes {v}.", f"Now {name} = {v}.", f"{name} is now {v}.")
    if fact.kind == "branch":
        return _branch_sentence(fact, voice)
    if fact.kind == "loop_pass":
        if fact.count == 1:
            return voice.choose("The loop starts.", "The loop begins its first pass.")
        return voice.choose(f"Pass {voice.num(str(fact.count))} of the loop.", "The loop goes round again.")
    if fact.kind == "loop_end":
        n = _times(fact.count, voice)
        return voice.choose(f"The loop ends after running {n}.", f"That was the last pass: the loop ran {n}.")
    if fact.kind == "yield":
        return f"{fact.who} yields {fact.value}."
    if fact.kind == "inner_return":
        return voice.choose(f"That call of {fact.who} returns {fact.value}.", f"{fact.who} gives back {fact.value}.")
    if fact.who == "__init__" and fact.value == "None":
        return "The constructor finishes."
    if voice.style == "restated_code" and fact.source.startswith("return"):
        return f"`{fact.source}` returns {fact.value}."
    return voice.choose(f"The function returns {v}.", f"So {fact.who} returns {v}.")


def _branch_sentence(fact: Fact, voice: Voice) -> str:
    shown = _comparison(fact, voice)
    word = "true" if fact.truth else "false"
    if voice.style == "paper":
        word = f"`{fact.truth}`"
    if fact.head == "while":
        then = voice.choose("so the loop runs again", "so the loop goes on") if fact.truth else "so the loop ends"
    elif fact.truth:
        then = voice.choose(f"so the {fact.head} branch runs", "so that branch is taken")
    else:
        then = voice.choose(f"so the {fact.head} branch is skipped", "so we skip that branch")
    if voice.style == "restated_code":
        test = f"`{fact.source}` checks {fact.comparison}" if fact.comparison else f"`{fact.source}` is checked"
        return f"{test}, which is {fact.truth}, {then}."
    if not fact.comparison:
        return f"The {fact.head} condition {shown} is {word}, {then}."
    return f"{shown} is {word}, {then}."


def backward_sentence(fact: Fact, voice: Voice) -> str:
    v = voice.num(fact.value) if fact.kind == "assign" else fact.value
    name = voice.code(fact.name)
    if fact.kind == "loop_pass":
        return ""
    lead = voice.choose("Before that, ", "Earlier, ", "")
    return _led(lead, _backward_clause(fact, voice, v, name))


def _led(lead: str, clause: str) -> str:
    if not clause:
        return ""
    if lead:
        return lead + clause
    return capitalised(clause) if clause.startswith(("the ", "that ")) else clause


def _backward_clause(fact: Fact, voice: Voice, v: str, name: str) -> str:
    if fact.kind == "assign":
        if voice.style == "restated_code" and fact.source:
            return f"`{fact.source}` had set {fact.name} to {fact.value}."
        if fact.arithmetic:
            return f"{name} came from {voice.code(f'{fact.arithmetic} = {fact.value}')}."
        return f"{name} was {v}."
    if fact.kind == "branch":
        shown = _comparison(fact, voice)
        word = "true" if fact.truth else "false"
        if fact.head == "while":
            then = "so the loop went on" if fact.truth else "so the loop stopped"
        else:
            then = f"so the {fact.head} branch ran" if fact.truth else f"so the {fact.head} branch was skipped"
        if not fact.comparison:
            return f"the {fact.head} condition {shown} was {word}, {then}."
        return f"{shown} was {word}, {then}."
    if fact.kind == "loop_end":
        return f"the loop had run {_times(fact.count, voice)}."
    if fact.kind == "loop_pass":
        return f"the loop was on pass {voice.num(str(fact.count))}."
    if fact.kind == "call":
        args = _args(fact.args, voice)
        return f"{fact.who} was called with {args}." if args else f"{fact.who} was called."
    if fact.kind == "yield":
        return f"{fact.who} yielded {fact.value}."
    if fact.kind == "inner_return":
        return f"that call of {fact.who} returned {fact.value}."
    if fact.kind == "resume":
        return f"{fact.who} resumed after its yield."
    return ""


def bounded(facts: list[Fact], limit: int = MAX_FACTS) -> tuple[list[Fact], bool]:
    """The facts to tell: all of them, or the first ones and the final return."""
    if len(facts) <= limit:
        return facts, False
    tail = [facts[-1]] if facts[-1].kind == "return" else []
    return facts[: limit - 1] + tail, True


def capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence and not sentence.startswith("`") else sentence
