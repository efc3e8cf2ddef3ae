"""Read the claims of a prose rationale and check each against the trace.

Real teachers do not write in a grammar: they restate code, summarise loops, compute inline
(`mid = (0+3)//2 = 1`), spell numbers as words and walk backwards in plan and reflect sections.
So instead of matching phrase templates, every value-bearing mention of a sentence is found
and checked:

- arithmetic     an expression of literals followed by `= value` (`4 * 2 = 8`, `40 & 39 = 32`) is
                 evaluated; so is every literal step of a chain (`chunk_size = 4 // 2 = 2`);
- values         `x = V`, `x is/becomes/... V`, `a, b = 1, 2`, `len(x) = V`, `the length/number
                 of x is V`, `arr[2] = V`, for program variables: the variable takes V somewhere in
                 the execution, looked for in the window first (the paper's K events from the
                 pointer), else anywhere, where the pointer then resynchronises;
- sequences      a loop summary (`total goes 3, 7, 12, 20`, `the sums are 8, 7, 9, 7`) is an
                 ordered subsequence of the variable's value history (of some variable's, when
                 none is named);
- counts         `runs 7 times`, `after 9 iterations`: the loop the sentence names (`the outer
                 loop`, the loop over `ch`, the only loop) ran that many times, else some loop did;
- comparisons    `3 < 5 is true`, `since lo <= hi`: evaluated on literals, or on the traced state;
                 a condition the code tests (also written with values: `'o' in seen`) where the
                 program tested it, and a call it makes where it made it;
- returns        `returns V`: a return event of the program gives V (a method's return, such as
                 `isalpha() returns False`, is evaluated where it can be, never taken for the
                 function's);
- other literals every other number, string, collection or boolean must be grounded: a value the
                 execution holds (or an element of one), a literal of the code or the call.

Code restated in backticks that the program contains verbatim, and the call itself, are text,
not claims. A counterfactual sentence (`n = 2 would give 4`) states another run: its states are
unverifiable. A sentence whose every mention is beyond these checks is unverifiable; the verdict
rejects a rationale with too large a share of those. What is looked up about the execution is in
`trace_facts`.
"""

from __future__ import annotations

import ast
import builtins
import copy
import keyword
import math
import re
import weakref
from bisect import bisect_left
from collections import ChainMap
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from vcot_assets.core.grounding.records import Entity, SentenceReport, Trace
from vcot_assets.core.verifier.expressions import SAFE_CALLS, Opaque, UnknownValue, evaluate, same_value
from vcot_assets.core.verifier.number_words import NUMBER_WORD, number_word_digits, numbers_in_digits
from vcot_assets.core.verifier.sentences import split_sentences
from vcot_assets.core.verifier.trace_facts import (
    TraceFacts,
    contains,
    grounded_literal,
    regex,
    squash,
    trace_facts,
)

_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_NOTHING = object()  # (no value held: a default that no value of the run can be)
_UNICODE_OPERATORS = str.maketrans({"−": "-", "–": "-", "×": "*", "÷": "/", "≤": "<=", "≥": ">=", "≠": "!=", "→": "->"})
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:[-*+]\s+)?(?:\d{1,3}[.)]\s+|(?:step|iteration|round|pass|case|problem|part)\s+\d+\s*[:.)-]\s*)",
    re.IGNORECASE,
)
_NOT_VALUES = re.compile(
    r"\b(?:line|lines|sentence|step|steps|index\s+position|chunk|thread|problem|part|section)\s+#?\d+\b"
    r"(?!\s*(?:[-+*/%&|^]|<<|>>)\s*\d)",  # (`even part 4 + 10 + 6 = 20`: arithmetic, not a label)
    re.IGNORECASE,
)
_REL = r"(?:==|!=|<=|>=|<|>|\bnot in\b|\bin\b)"
_COMPARE_WORDS = {
    "is less than or equal to": "<=", "is greater than or equal to": ">=", "is less than": "<",
    "is greater than": ">", "is at most": "<=", "is at least": ">=", "is not equal to": "!=",
    "is smaller than": "<", "is bigger than": ">", "is larger than": ">", "exceeds": ">",
    "is more than": ">", "is higher than": ">", "is lower than": "<", "is fewer than": "<",
    # (`9 is above 10`, `12 is not more than 10`: a test of numbers in other words, see `_PLACE_WORDS`)
    "is not more than": "<=", "is no more than": "<=", "is not greater than": "<=", "is not less than": ">=",
    "is no less than": ">=", "is not above": "<=", "is not below": ">=", "is not over": "<=", "is not under": ">=",
    "is above": ">", "is over": ">", "is below": "<", "is under": "<",
}  # fmt: skip
# words of place that tell a test only of numbers, one against one
_PLACE_WORDS = frozenset(k for k in _COMPARE_WORDS if re.search(r"\b(?:above|over|below|under)$", k))
# `plate in self.cars` being True, `cups > 0` turned false: more words for a condition's outcome
_BECAME = (
    r"being|turned(?:\s+out)?|turns(?:\s+out)?|came\s+out|comes\s+back|came\s+back|is\s+still|was\s+still|stays|stayed|"
    r"remains|remained|must\s+have\s+been|had\s+been|has\s+been"
)
_FALSE_AFTER = re.compile(
    r"^\s*(?:`)?\s*,?\s*(?:which\s+|that\s+|so\s+it\s+)?(?:is|evaluates to|was|returns|comes out|" + _BECAME + r")?\s*"
    r"(?:false|not true|not satisfied|fails|failed|does not hold|doesn't hold"
    r"|(?:block|branch|body|case|(?:early\s+)?return|check|shortcut|guard|test|path)\s+(?:is|was|gets|got)\s+"
    r"(?:skipped|bypassed|not\s+(?:taken|run|entered)))",
    re.I,
)  # (`the x > 0 block is skipped`: the test named by its block, which did not run)
_FALSE_WORDS = (
    r"\b(?:both|all|each)?\s*(?:false|not true|not satisfied|fails|does not hold|doesn't hold|never holds|never held|"
    r"is never true|never true|never (?:fires|triggers|passes|succeeds|applies)|is never met)\b"
    r"|\b(?:do|does)\s*(?:not|n't)\s*(?:hold)?\s*(?:$|,)"  # `5 > 8, 5 > 7 and 5 > 9 do not`, `1 < x does not, so`
    r"|\b(?:do|does|did)\s*(?:not|n't)\s+(?:fire|trigger|apply|succeed|pass|hold|kick\s+in)\b"  # `the n <= 0 guard did not fire`
    r"|\b(?:must|has\s+to|have\s+to)\s+fail\b"  # `for the loop to stop, 25 > cap must fail`
    # `Both s >= 90 and s >= 80 fail`, `the guard n < 0 had to fail` (not `does not fail`)
    r"|(?<!\bnot\s)(?<!n't\s)(?<!\bnever\s)(?<!\bdid\s)(?<!\bdo\s)\bfail\b"
)
_QUESTION_BEFORE = re.compile(
    r"\b(?:if|whether|check|checks|checking|test|tests|while|until|condition|when|whenever|unless|at|"
    r"need|needs|must satisfy|satisfy|check is|test is|against|(?:that|which)\s+(?:fail|pass|satisfy|meet)|"
    r"returns|return|check\s+the|test\s+the|"
    r"(?:fires|fired|applies|triggers|happens)\s+(?:only\s+)?for)\s*:?\s*$",  # (`guard against b == 0`,
    # `returns self.temp >= 100`, `Check the r == 0 guard`, `return 0 only fires for n < 10`: the test
    # named, not its outcome)
    re.I,
)
# `has been cut down to 1500`, `was brought down to 3`: a change told in the passive
_PASSIVE_CHANGE = (
    r"(?:is|was|has been|had been|have been|gets|got)\s+(?:cut|reduced|brought|lowered|raised|set|increased|"
    r"decreased|bumped|pushed|knocked|trimmed|updated|changed|clamped|capped)\s+(?:(?:down|up|back)\s+)?to"
)
_VALUE_VERBS = (
    r"(?:goes up to|goes down to|goes back to|drops back to|falls back to|climbs to|climbs back to|stays at|is left at|stops at|"
    r"remains at|stay at|remain at|moves on to|moved on to|wraps around to|wraps back to|wraps to|resets to|"
    r"is reset to|is back to|is back at|was back to|was back at|comes back to|came back to|"
    + _PASSIVE_CHANGE
    + "|"  # (before `goes`, `stays`, `moves to`, `is`)
    # (the past tense a backward narration tells in: before `was`)
    r"went up to|went down to|went back to|dropped back to|fell back to|climbed to|climbed back to|stayed at|was left at|"
    r"stopped at|remained at|wrapped around to|wrapped to|was reset to|was shifted to|changed to|went to|"
    r"increased to|decreased to|dropped to|grew to|rose to|fell to|moved to|jumped to|settled at|shifted to|"
    r"(?:has|had)\s+(?:grown|risen|climbed|dropped|fallen|shrunk)\s+to|"  # (`marks has grown to 7 entries`)
    r"stayed|remained|"
    r"must be|must have been|has to be|had to be|must end as|must end at|must end up as|must end up at|must equal|"
    r"=|:|is now|is set to|is updated to|is initialized to|is initialised to|is assigned|is still|is already|"
    r"was already|is|becomes|became|"
    r"become|changes to|holds|now holds|stays|remains|ends up as|ends up|ends at|ends as|ended up as|ended up|"
    r"ended at|ended as|finishes as|finishes at|finished as|finished at|starts as|starts at|is initially|"
    # (`idx ends the row at 4`: where a stretch of the run leaves it)
    r"(?:ends|ended|finishes|finished)\s+(?:the|that|this)\s+(?:row|loop|pass|round|window)\s+at|"
    r"equal to|is equal to|"
    r"goes to|increases to|decreases to|drops to|grows to|rises to|falls to|takes the value|has the value|gets|equals|"
    r"reaches|reached|reaching|has reached|had reached|moves to|jumps to|settles at|shifts to|is shifted to|"
    r"shifts down to|"
    r"was|were|are|contains|has|have)"
)
_SEQUENCE_SEP = re.compile(
    r"\s*(?:,\s*(?:then\s+|and\s+(?:then\s+|finally\s+))?|,(?!\s*and\b)|->|→|\bthen\b|\band(?:\s+then|\s+finally)?\b)\s*"
)
# a number that counts passes or bits (`four iterations`, `4 bits`, `two per row`), not one of a run's
# values (`grows to 7, 8 and then 9 entries` are all sizes)
_COUNTED = re.compile(
    r"\s+(?:times|iterations?|passes|rounds|loops|steps|bits|per|in\s+all|in\s+total)\b"
    r"|\s+[a-z]+\s+(?:per|for\s+(?:each|every))\b",  # `1 update per character`, `one step for each day`
    re.I,
)
# `crosses out 9, 12, 15, eight values`: after a bare comma, how many the run holds (but in
# `grows to 7, 8 and then 9 entries` the noun is every value's unit)
_COUNTED_NOUN = re.compile(
    r"\s+(?:values|numbers|items|entries|elements|words|letters|characters|chars|cells|digits|keys|names|"
    r"multiples|blocks|groups|chunks|rows|columns|windows|lines|runs|slots|buckets|jobs|of\s+them)\b"
    r"|\s+[a-z]+s\s+(?:in\s+all|in\s+total|altogether)\b",  # (`-9, 3, five moves in all`)
    re.I,
)
_MORE_OF_A_NOUN = re.compile(
    r"\s+(?:more\s+[a-z]{2,}s\b|(?!(?:is|was|has|does|as|its|this|thus|across)\b)[a-z]{2,}s(?=\s*(?:[,;.]|$)))", re.I
)
_COUNT = re.compile(
    r"\b(\d+)\s+(?:more\s+)?(?:times|(?<=\b1 )time|iterations?|passes|rounds|loops)\b(?!\s+(?:down|up|off|to)\b)"
    r"|\b(?:runs|iterates|executes|repeats|loops|ran)(?=\s+(?:once|twice|thrice)\b(?!\s+(?:more|again)\b))"
    r"\s+(once|twice|thrice)\b",
    re.I,
)
# the noun a number labels (`row 0`, `value 9`): the number names a thing, it does not count
_LABEL_NOUN = re.compile(
    r"\b(?:row|column|col|value|item|index|cell|word|digit|bit|element|entry|key|slot|number|position|candidate)\s+$",
    re.I,
)
# `the loop goes over 7 operations`, `after checking all 12 cells`: how many items a loop handled
_ITEMS_HANDLED = re.compile(
    r"\b(?:goes|went|gone|walks|walked|iterates|iterated|runs|ran|loops|looped|steps|stepped)\s+(?:over|through)\s+"
    r"(?:all\s+|the\s+|only\s+|each\s+of\s+the\s+)?(\d+)\s+(?:\w+\s+)??(?:[a-z-]+\s+){0,2}?[a-z]+s\b"  # (`4 name and role pairs`)
    r"|\b(?:handled|handles|processed|processes|checked|checks|checking|visited|visits|examined|examines|"
    r"scanned|scans|consumed|consumes|compared|compares|tried|tries|tested|tests|"
    r"(?<=will\s)(?:visit|handle|process|check|examine|scan|see)|(?<=loops\s)(?:visit|handle|process|check|scan))"
    r"\s+(?:all\s+|the\s+|only\s+)?(\d+)\s+(?:\w+\s+)?[a-z]+s\b"
    r"|\b(?:breaks|stops|stopped|broke|ends|ended|finishes|finished|exits|exited|is\s+done|was\s+done)"
    # (`stops early after looking at 3 of the 4 words`: the passes it made)
    r"(?:\s+(?:here|there|now|early))?\s+after\s+(?:(?:looking\s+at|checking|seeing|reading|visiting)\s+)?"
    r"(?:only\s+)?(\d+)\s+(?:of\s+the\s+\d+\s+)?[a-z]+s\b"
    # `looked at 5 values in total` (`looks at two neighbours` of each cell is not a loop's count)
    r"|\blooked\s+at\s+(?:all\s+|only\s+)?(\d+)\s+(?:\w+\s+)?[a-z]+s(?=\s+(?:in\s+(?:total|all)|altogether)\b)"
    # `the loop has 4 tokens to visit`, `The loop made 11 pours`
    r"|\bhas\s+(\d+)\s+[a-z]+s(?=\s+to\s+(?:visit|check|look\s+at|examine|process|handle|go\s+through)\b)"
    r"|\bloops?\s+(?:made|makes)\s+(\d+)\s+(?!(?:passes|iterations|rounds)\b)[a-z]+s\b"  # (passes: `_counts`)
    r"|\b(?:after|over|across|runs\s+for|ran\s+for)\s+all\s+(\d+)\s+(?:\w+\s+)?[a-z]+s\b"  # `after all 6 numbers`
    # `After 6 days the loop is finished`
    r"|\bafter\s+(\d+)\s+(?:\w+\s+)?[a-z]+s\s*,?\s+the\s+(?:\w+\s+)?loop\s+(?:is\s+(?:finished|done|over|complete)|"
    r"ends|ended|finishes|finished|stops|stopped|exits|exited)\b",
    re.I,
)
_RETURN = re.compile(
    r"\b(?:returns|returned|return value is|result is|gives back|outputs|produces|the output is)\s*:?\s*"
    # (`returns the tuple ([4, 9], [9])`: the value with its type named)
    r"(?P<typed>(?:the|a|an)\s+(?:tuple|list|pair|dict|dictionary|set|string|str|value|number|integer|int|boolean|bool|float)\s+)?"
    r"(?=\S)",
    re.I,
)


@dataclass
class Check:
    kind: str  # value, arith, sequence, count, comparison, return, literal
    text: str
    ok: bool | None  # None: could not be evaluated (unverifiable)
    at: int | None = None  # the event where it was grounded
    events: list[int] = field(default_factory=list)  # every event where it holds (state claims)
    position: int = -1  # where in the sentence it was read


# --- sentences -----------------------------------------------------------------------------------


_QUOTED = re.compile(r"((?<!\w)'[^'\n]*'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w))")


def _outside_quotes(text: str, change) -> str:
    """`change` applied to the text between quoted strings, which stay as written."""
    if "'" not in text and '"' not in text:
        return change(text)  # (most sentences quote nothing: no split to make)
    return "".join(part if _QUOTED.fullmatch(part) else change(part) for part in _QUOTED.split(text))


_WORD_OPERATORS = {"times": "*", "multiplied by": "*", "plus": "+", "minus": "-", "divided by": "/"}
_STEP_IN_WORDS = re.compile(
    r"\b(?P<verb>[Aa]dding|[Ss]ubtracting|[Mm]ultiplying)\s+(?P<a>-?\d+)\s+(?P<prep>to|from|by)\s+(?P<b>-?\d+)\s+"
    r"(?P<told>gives|makes|yields|leaves|produces|results\s+in)\s+(?=-?\d)"
)


def _step_in_words(m: re.Match) -> str:
    """`adding 5 to 40 gives ` -> `40 + 5 = ` (and `from`, `by` for the others); the text as it was
    where the preposition does not fit the verb."""
    verb, prep, a, b = m["verb"].lower(), m["prep"], m["a"], m["b"]
    if (verb, prep) == ("adding", "to"):
        return f"{b} + {a} = "
    if (verb, prep) == ("subtracting", "from"):
        return f"{b} - {a} = "
    if (verb, prep) == ("multiplying", "by"):
        return f"{a} * {b} = "
    return m.group(0)


_VALUE_FOLLOWS = re.compile(
    r"\s+(?:goes|went|go|grows|grew|climbs|climbed|rises|rose|falls|fell|drops|dropped|moves|moved)\s+"
    r"(?:(?:from|to|back\s+to|up\s+to|down\s+to)\s+)?[-\d'\"\[({`]"
    r"|\s+(?:is|was|becomes|become|became|equals|has (?:a )?(?:length|size)(?: of)?|is now|now holds|"
    r"stays at|stayed at|starts (?:out )?(?:at|as)|started (?:out )?(?:at|as)|begins (?:at|as))\s+[-\d'\"\[({`]"
    r"|,?\s+which\s+(?:goes|went|grows|grew|climbs|climbed|rises|rose|falls|fell|drops|dropped|moves|moved|runs|ran|"
    r"takes|took)\s+(?:(?:from|to|through|over)\s+)?[-\d'\"\[({`]"  # `even_total`, which goes 7, 16, 17
)


# `self.used` went to {...}, `self.items` ended as [...]: the variable named by a verb of change or
# of ending (in any tense) and then a value, not code restated
_NAMED_THEN_VALUE = re.compile(
    r"\s+(?:went|dropped|fell|climbed|rose|grew|jumped|moved|shifted|changed|increased|decreased|wrapped)"
    r"(?:\s+(?:up|down|back|around))?\s+to\s+`?[-\d'\"\[({]"
    r"|\s+(?:ends|ended|finishes|finished)(?:\s+up)?\s+(?:as|at)\s+`?[-\d'\"\[({]"
    r"|\s+(?:stays|stayed|remains|remained|stops|stopped|settles|settled)(?:\s+at)?\s+`?[-\d'\"\[({]"
    r"|\s+(?:was|is)\s+reset\s+to\s+`?[-\d'\"\[({]"
    r"|\s+" + _PASSIVE_CHANGE + r"\s+`?[-\d'\"\[({]"
)

_EQUALS_VALUE = re.compile(r"\s*=(?!=)\s*`?[-\d'\"\[({]")  # (`moored` = 0: the name in backticks, its value after)

_REMAINDER_AFTER = re.compile(
    r" (?:is|equals|gives|makes) -?\d+,? (?:(?:with|and|remainder|r)\b(?: a)?(?: remainder| -?\d+ (?:left|over|remaining))"
    r"|(?:with |and )?(?:a )?remainder (?:of )?-?\d+\b)",  # (`5 divided by 3 is 1 remainder 2`)
    re.I,
)
# `which is 1 cubed`: a number that is an operand of more arithmetic in words, not the result
# (nor `1 << 2, which is 1 | 4 = 5`: more arithmetic on another value)
_NOT_A_RESULT = (
    r"(?!\d*(?:\.\d+)?\s+(?:cubed|squared|times|plus|minus|multiplied|divided|to the)\b"
    r"|\d+(?:\.\d+)?\s*(?:\*\*|//|<<|>>|[-+*/%&|^])\s*\(?-?\d)"
)
_NUMBER_OPERAND = r"\(?-?\d+(?:\.\d+)?\)?"
_LITERAL_ARITHMETIC = rf"{_NUMBER_OPERAND}(?:\s*(?:\*\*|//|<<|>>|[-+*/%&|^])\s*{_NUMBER_OPERAND})+"
_GIVES = r"(?:is|gives|equals|makes|comes to)"
# `23 % 4, which is 2` and `extra = 23 % 4 is 2`: the value of that arithmetic, written as one chain
_LITERAL_ARITHMETIC_THEN_VALUE = re.compile(
    rf"({_LITERAL_ARITHMETIC})\s*,?\s*which\s+{_GIVES}\s+(?=-?\d){_NOT_A_RESULT}"
    rf"|((?<![\w.])[A-Za-z_][\w.]*\s*=\s*{_LITERAL_ARITHMETIC})\s*,?\s*(?:which\s+)?{_GIVES}\s+(?=-?\d){_NOT_A_RESULT}"
)


def _number_word_or_name(match: re.Match, facts: TraceFacts) -> str:
    """A number word as digits, unless it is a variable of the program given a value (`zero = 2`)."""
    word = match.group(0)
    if word in facts.index.names and (
        re.match(r"\s*(?:=(?!=)|is\b|was\b|becomes\b|[-+*/%](?!\s*[a-z]))", match.string[match.end() :])
        or re.search(r"=\s*$", match.string[: match.start()])
    ):  # (`zero = 2`; `two = one + 1 = 7`: the variables `one` and `two`)
        return word
    if (
        word.lower() == "one"
        and re.match(r"\s+of\b", match.string[match.end() :])
        and re.search(r"\b(?:is|are|was|were|be)\s+$", match.string[: match.start()])
    ):
        return word  # `each level is one of three things`: which kind, not the value 1
    if word.lower() == "one" and _ONE_AS_PRONOUN.search(match.string[: match.start()]):
        return word  # `the first one, 25 and 27, gives 2`: a thing pointed at, not the value 1
    if re.search(r"\d,\s*$", match.string[: match.start()]) and _A_RATE_AFTER.match(match.string, match.end()):
        return word  # `b goes 3, 4, 7, one new value per pass`: a rate, not the run's last item
    return number_word_digits(match)


_A_RATE_AFTER = re.compile(r"(?:\s+[a-z]{2,}){1,2}\s+(?:per|for each|each|every)\b")  # `one new value per pass`
_WHICH_ONE = (
    r"(?:first|second|third|last|next|other|same|previous|current|final|new|old|left|right|middle|earlier|later"
    r"|bigger|smaller|larger|longer|shorter|worst|[a-z]+est)"
)
_ONE_AS_PRONOUN = re.compile(
    r"\b(?:this|that|each|every|which|another|the(?:\s+" + _WHICH_ONE + r")?"
    r"|(?:its|their|his|her)\s+"
    + _WHICH_ONE
    + r"|an?\s+(?!(?:was|became|become|got|hit|held|reached|stayed|equals?)\b)[a-z]+(?<!s))\s+$",
    # (`the best one`, `its right one`, `an odd one`; not `so a is one`, where a is a variable)
    re.I,
)


def _sorted_of(name: str, facts: TraceFacts) -> str | None:
    """`sorted(stock.items()) ` for a dict the run holds, `sorted(xs) ` for a list; None for other names."""
    history = facts.history(name)
    if not history or not isinstance(history[-1][1], (dict, list, tuple, set)):
        return None
    name = name if name in facts.index.names else f"self.{name.removeprefix('self.')}"
    return f"sorted({name}.items()) " if isinstance(history[-1][1], dict) else f"sorted({name}) "


# `00001010 XOR 11001000 = 11000010`, `1100 & 1010 = 1000`: a bit operation worked in base 2
_BINARY_BIT_OPERATION = re.compile(
    r"(?<![\w.])([01]{4,})(\s*(?:XOR|xor|AND|OR|\^|&|\|)\s*)([01]{4,})(\s*(?:=|\bis\b|\bgives\b)\s*)([01]{4,})(?!\w|\.\d)"
)
_NIBBLE_GROUPS = re.compile(r"(?<![\w.,])[01]{4}(?: [01]{4})+(?![\w.]|,\s*\d)")
_BIT_WORDS = {"XOR": "^", "AND": "&", "OR": "|"}


def _same_in_base_2(m: re.Match) -> str:
    return f"{m.group(1)} = {int(m.group(2), 2)}"


def _binary_bit_operation(m: re.Match) -> str:
    left, right, result = (int(m.group(k)) for k in (1, 3, 5))
    op = _BIT_WORDS.get(m.group(2).strip().upper(), m.group(2).strip())  # (`0110 xor 1100 = 1010` too)
    decimal = {"^": left ^ right, "&": left & right, "|": left | right}[op]
    if decimal == result and m.group(1)[0] != "0":
        return m.group(0)  # (true in decimal as written: read it so)
    return f"0b{m.group(1)} {op} 0b{m.group(3)}{m.group(4)}0b{m.group(5)}"


_ATTRIBUTE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b(?!\s*\()")


def _attribute(m: re.Match, facts: TraceFacts) -> str:
    """`rover.x` as `self.x` where rover holds an object whose methods keep `self.x`."""
    return (
        f"self.{m.group(2)}"
        if m.group(1) in facts.instances and f"self.{m.group(2)}" in facts.index.names
        else m.group(0)
    )


# `isalpha()` told in backticks without its receiver
_BARE_METHOD = re.compile(r"`([A-Za-z_]\w*)\(\)`")


def _bare_method(m: re.Match, facts: TraceFacts) -> str:
    """`` `ch = '3'`: `isalpha()` is True ``: the program's one call of that method with no arguments
    (`ch.isalpha()`), so its outcome is judged like the call written whole."""
    receivers = {
        ast.unparse(node.func.value)
        for node, _ in facts.call_nodes
        if isinstance(node.func, ast.Attribute) and node.func.attr == m.group(1) and not node.args and not node.keywords
    }
    if len(receivers) != 1 or not re.fullmatch(r"(?:self\.)?[A-Za-z_]\w*", receiver := receivers.pop()):
        return m.group(0)
    return f"`{receiver}.{m.group(1)}()`"


_EMPTY_LITERALS = {
    "list": "[]",
    "array": "[]",
    "dict": "{}",
    "dictionary": "{}",
    "string": "''",
    "str": "''",
    "set": "set()",
    "tuple": "()",
}
_EMPTY_VALUE = re.compile(
    r"(\b(?:is|was|becomes|became|to|as|stays|remains|starts as|starts at)\s+)(?:an\s+)?empty\s+(list|array|dict|dictionary|string|str|set|tuple)\b",
    re.I,
)


# bold markers, not the `**` of a power nor the stars of a string such as '***' or '**21'
_BOLD = re.compile(
    r"(?<![A-Za-z0-9_)\]])\*\*(?=[A-Za-z0-9_(`\[])|(?<=[A-Za-z0-9_.:)`\]])\*\*(?![*'\"A-Za-z0-9_(])|^\*\*|\*\*$"
)


# (also `w[:3]`, which is 'lan', a subscript written as code, not one of a list of them; nor
# `values[1:]`, which is -1, 9, 3 and 12 or 'l', 'a' and 'n', its items)
_COMPUTED_WHICH_IS = re.compile(
    r"(?<![\w.`])(`?[A-Za-z_][\w.]*(?:\[[^\[\]\n]*\])?\s*(?:<<|>>|//|\*\*|[-+*/%&|^])\s*[\w.]+`?"
    r"|(?<!,\s)(?<!and\s)`[A-Za-z_][\w.]*\[[^\[\]\n`]*\]`)"
    r"\s*,\s*which\s+(?:is|gives|equals|makes|comes\s+to)\s+(?=[-\w'\"\[({`])"
    r"(?!`?(?:-?\d[\d.]*|'[^'\n]*'|\"[^\"\n]*\")`?\s*(?:,|and\b)\s*`?[-\d'\"])"
)
_UPDATE_GIVES = re.compile(
    r"`((?:self\.)?[A-Za-z_]\w*)\s*([-+*/%&|^]|//|<<|>>|\*\*)=\s*([^`\n]+)`\s*,?\s+"
    r"(?:gives|makes\s+it|yields|leaves\s+it\s+at|leaves|brings\s+it\s+to|takes\s+it\s+to|turns\s+it\s+into)\s+"
    r"(?=[-\d'\"\[({])"
)

# `a, b becomes 1 and 2*1 + 0 = 2`: two variables given their values in turn (not `b = 1`)
_PAIR_BECOMES = re.compile(
    r"(?<![\w.`])`?([A-Za-z_]\w*)`?\s*,\s*`?([A-Za-z_]\w*)`?\s+"
    r"(?:becomes?|turns?\s+into|are\s+now|(?P<start>starts?\s+(?:as|at|out\s+as)|started\s+as|begins?\s+(?:as|at)|began\s+as))"
    r"\s+`?(-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\")`?\s+and\s+(?=`?[-\w'\"\[({])"
)


def _pair_becomes(m: re.Match, facts: TraceFacts) -> str:
    """`a, b becomes 1 and ...`, `The pair a, b starts as 0 and 1` -> `a = 1 and b = ...` where both are
    variables of the run (a start told of a pair is its two values: not `For each n, count starts at 0 and
    the inner loop ...`, one variable's start after another's name)."""
    if m.group(1) not in facts.index.names or m.group(2) not in facts.index.names:
        return m.group(0)
    if m.group("start") and not re.match(r"`?(?:-?\d|'|\")", m.string[m.end() :]):
        return m.group(0)
    return f"{m.group(1)} = {m.group(4)} and {m.group(2)} = "


# `Shifting 11 left by 4 gives`, `176 shifted right by 4 bits is`, `10 and 3 differ by`: arithmetic in
# words, followed by its result (not by the arithmetic written out: `gives 182 >> 4 = 11`)
_RESULT = r"-?\d+(?!\d|\s*(?:<<|>>|[-+*/%&|^=]))"  # (a number that no more arithmetic follows)
_SHIFTED_BY = r"\s+(?P<way>left|right)\s+by\s+`?(?P<b>\d+)`?(?:\s+(?:bits?|places?|positions?))?\s*,?\s+"
_SHIFT_IN_WORDS = re.compile(
    r"\b(?:(?:[Ss]hifting|[Ss]hift)\s+`?(?P<a>-?\d+)`?|(?P<a2>-?\d+)`?\s+shifted)"
    + _SHIFTED_BY
    + r"(?:gives|is|yields|makes|produces|becomes)\s+(?=`?"
    + _RESULT
    + ")"
)
_DIFFER_BY = re.compile(r"\b(?P<a>-?\d+)\s+and\s+(?P<b>-?\d+),?\s+(?:which\s+)?differ\s+by\s+(?=" + _RESULT + ")")


_IDENTITY_OPERANDS = {
    "+": "0",
    "-": "0",
    "|": "0",
    "^": "0",
    "<<": "0",
    ">>": "0",
    "*": "1",
    "/": "1",
    "//": "1",
    "**": "1",
}


def _update_gives(m: re.Match, facts: TraceFacts) -> str:
    """`mask ^= 4` gives 6: mask changes to 6 here (`arrived += 0` leaves it at 0: no change)."""
    if m.group(1) not in facts.index.names:
        return m.group(0)
    identity = _IDENTITY_OPERANDS.get(m.group(2))
    return f"{m.group(1)} stays at " if m.group(3).strip() == identity else f"{m.group(1)} becomes "


_SATISFIES = re.compile(
    r"\b(?P<negated>(?:not|n't|never|fails?\s+to|failed\s+to)\s+)?(?:satisf(?:y|ies|ied)|meets?|met)\s*$", re.I
)


def _satisfied_test(match: re.Match, inner: str, facts: TraceFacts) -> str | None:
    """`("nut", 3) already satisfies `key in seen``: that test's outcome, where the code makes it."""
    satisfied = _SATISFIES.search(match.string[: match.start()])
    condition = re.sub(r"^(?:if|elif|while)\s+", "", inner).rstrip(":").strip()
    node = _expr(condition) if satisfied else None
    if node is None or not facts.condition_events(node):
        return None
    return f"({condition}) is {satisfied.group('negated') is None}"


_TEST_ASSIGNED = re.compile(
    r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s*=\s*(-?\d+(?:\.\d+)?\s*(?:<=|>=|==|!=|<|>)\s*-?\d+(?:\.\d+)?)(?![\w.])"
)


def _test_assigned(m: re.Match, facts: TraceFacts) -> str:
    history = facts.history(m.group(1))
    if not history or not all(isinstance(value, bool) for _, value in history):
        return m.group(0)
    return f"{m.group(1)} = ({m.group(2)})"


_VALUE_IN_A_RANGE = re.compile(  # (of a name, not the last operand of `hi * lo is between 74 and 89`)
    r"(?<![-+*/%&|^<>=]\s)(?<![-+*/%&|^<>=.\w])((?:self\.)?[A-Za-z_]\w*)\s+(?:is|was|lies|lay|must\s+be|must\s+lie)\s+(?:somewhere\s+)?(?:from|between)\s+"
    r"(-?\d+)\s+(?:up\s+)?(?:to|and|through)\s+(-?\d+)\b(?!\s*(?:[-+*/%]|\.\d))"
)
# (before a verb that gives it a value, not a label: `Row 2 = [6, 1]`, `Word one, "almost":`)
_FIRST_WORD = re.compile(
    r"^\W*?([A-Z][a-z][a-z0-9_]*)(?=\s+(?:is|was|becomes|became|now|still|stays|stayed|remains|remained|holds|held|"
    r"equals|reaches|reached|gets|got|goes|went|moves|moved|rises|rose|falls|fell|drops|dropped|climbs|climbed|"
    r"grows|grew|starts|started|ends|ended|changes|changed|increases|increased|decreases|decreased|jumps|jumped|"
    r"shifts|shifted|settles|settled|wraps|wrapped|resets|stops|stopped|finishes|finished|must|hits|hit)\b)"
)


_NUMBER_RUN = r"-?\d+(?:\s*,\s*-?\d+)*"
_AND_LISTED = re.compile(r",?\s+and\s+")
_ADD_UP_TO = re.compile(  # (not from inside a run: `r = 1, 4, 2, which sums to 7` is r's run)
    rf"(?<![\w.\-])(?<!=\s)(?<!=)(?<!\d,\s)(?<!\d,)(?P<items>\[{_NUMBER_RUN}\]|{_NUMBER_RUN},?\s+and\s+-?\d+"
    # (three or more with no `and`, right before the verb: `the waits 0, 2, 3 sum to 5`)
    r"|-?\d+(?:\s*,\s*-?\d+){2,}(?=\s+(?:add|adds|added|sum|sums|summed|total|totals|come|comes|came)\s+(?:up\s+)?to\b)"
    # (a run with no `and` when a clause of its own tells the sum: `3, 1, 4, 2, which add to 10`)
    r"|-?\d+(?:\s*,\s*-?\d+)+(?=\s*,\s*(?:which|that|adding|summing|totall?ing)\b))`?\s*,?\s*(?:which|that|they|these)?\s*"
    r"(?:(?:add|adds|added|adding|sum|sums|summed|summing|total|totals|totalled|totaled|totall?ing|come|comes|came)"
    r"\s+(?:up\s+)?to\s+"
    r"(?P<total>-?\d+)(?!\d|\.\d)"
    # (`gets 31, 7, 11 and 3, for 51`: the total after a comma and `for`, closing the clause)
    r"|(?<=,)\s*for\s+(?:a\s+total\s+of\s+)?(?P<for_total>-?\d+)(?=\s*(?:[.;:,)]|$)))"
)


def _sum_told(m: re.Match) -> str:
    """`sum([4, 1, 2]) = 7` for `[4, 1, 2], which add up to 7`: a sum the arithmetic checks read."""
    if _NOT_ADDENDS.search(m.string, 0, m.start()):
        return m.group(0)  # `positions 0 and 2 add up to 16`, `the next three, 2 and 5 add up to 10`: labels, a count
    return f"sum([{_AND_LISTED.sub(', ', m.group('items').strip('[]'))}]) = {m.group('total') or m.group('for_total')}"


# a word before numbers that makes them labels of things (`cards at positions 0 and 2`) or a count
_NOT_ADDENDS = re.compile(
    r"\b(?:positions?|indices|indexes|index|rows?|columns?|cols?|steps?|passes|rounds?|slots?|days?|weeks?|years?|"
    r"items?|entries|cells?|calls?|ticks?|turns?|games?|next|first|last|other)\s*$",
    re.I,
)


def _sub_where(words: tuple[str, ...], pattern: str, replacement, text: str) -> str:
    """`re.sub`, skipped where the text holds none of the words the pattern needs (most sentences:
    a substring test is far cheaper than the pattern's scan)."""
    return re.sub(pattern, replacement, text) if any(word in text for word in words) else text


def _named_variable(word: str, facts: TraceFacts) -> str | None:
    """The variable a word names: itself, or the attribute `self.word` where the program has no
    local of that name (`the final counts are ...` of `self.counts`)."""
    if word in facts.index.names:
        return word
    attribute = f"self.{word}"
    return attribute if attribute in facts.index.names else None


def _variable_named_first(match: re.Match, facts: TraceFacts) -> str:
    """`Room went from 10 to 7`: a variable (`room`) named as a sentence's first word, capitalised
    (not a name the program has as written, such as a class)."""
    word = match.group(1)
    if word in facts.index.names or not facts.history(word.lower()):
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start()] + word.lower()


_ASSIGNMENT_WHICH_IS = (
    r"(?<![\w.`])((?:self\.)?[A-Za-z_]\w*\s*=[^=,\n`][^,\n`]*?)(\s*,\s*which\s+(?:is|gives|equals)\b)"
)


def _restated_line(m: re.Match, facts: TraceFacts) -> str:
    """`base = n - n % 100, which is 4000`: a line of the program, backticked so it reads as code given a value."""
    return f"`{m.group(1)}`{m.group(2)}" if squash(m.group(1)) in facts.code_lines else m.group(0)


# `s[::-1]` reverses the word to 'nretnal': a call or a subscript in backticks (no assignment, no bare
# name: `total` brings it to 9 is a change of total) said to make a value of the run's (one told
# of a stated input, `s.strip()` turns ' a ' into 'a', is `_TRANSFORM`'s: the chain applied to it)
_EXPRESSION_CHANGED_TO = re.compile(
    r"(`[^`=\n]*[(\[][^`=\n]*`)\s+(?:reverses|pads|turns|converts|changes|trims|strips|shortens|rounds|lowercases|"
    r"uppercases|capitalizes|cuts|extends|fills|maps|transforms|sorts)\s+"
    r"(?:(?:it|them|this|that|the\s+\w+(?:\s+\w+)?)\s+)?"
    r"(?:(?:on\s+the\s+(?:right|left)|with\s+\S+)\s+)?(?:to|into)\s+(?=`?['\"\[\d({-])"
)


_OR_MORE = re.compile(
    r"\b(is|was|are|were|be)\s+(-?\d+(?:\.\d+)?)\s+or\s+(more|greater|higher|above|over|less|fewer|lower|below|under)\b",
    re.I,
)
_BOUND = dict.fromkeys(("more", "greater", "higher", "above", "over"), "least") | dict.fromkeys(
    ("less", "fewer", "lower", "below", "under"), "most"
)


_EVERY_TESTED = re.compile(
    r"\b((?:every|each|any|all|no)\s+`?[A-Za-z_]\w*)`?\s*(>=|<=|>|<)\s*`?(-?\d+)`?(?!\s*(?:is|was|are|were|holds|fails)\b)",
    re.I,
)
_RANGE_WORDS = {">=": "from", "<=": "up to", ">": "above", "<": "below"}


_ABSOLUTE_BARS = re.compile(r"(?<![\w)\]])\|\s*(-?\d+(?:\s*[-+*]\s*-?\d+)+)\s*\|(?=\s*(?:=|is\b|gives\b|equals\b))")


def normalize_sentence(sentence: str, facts: TraceFacts) -> str:
    """Markup and restated code out, number words as digits: what the checks read."""
    text = _LABEL.sub("", sentence)
    if facts.instances:  # `rover.x = 2`: the attribute the trace shows as `self.x`
        text = _outside_quotes(text, lambda part: _ATTRIBUTE.sub(lambda m: _attribute(m, facts), part))
    text = _BARE_METHOD.sub(lambda m: _bare_method(m, facts), text)
    text = re.sub(r"^\s*(?:[-*+•>]\s+)+", "", text)  # a bullet, not a minus
    text = _FIRST_WORD.sub(lambda m: _variable_named_first(m, facts), text)
    # `mask ^= 4` gives 6: the update restated with the values of the moment, and what it leaves
    text = _UPDATE_GIVES.sub(lambda m: _update_gives(m, facts), text)
    text = _PAIR_BECOMES.sub(lambda m: _pair_becomes(m, facts), text)
    # a 3 × 3 grid is a shape (outside quoted strings: '2x3x4' is text; `0x5C` is a hex literal, 92)
    text = _outside_quotes(
        text,
        lambda part: re.sub(
            r"(\d)\s*[×x]\s*(\d+)(?!\s*(?:=|is\b|gives\b|equals\b|[\d.]))",
            r"\1 by \2",
            re.sub(r"(?<![\w.])0[xX][0-9A-Fa-f]+\b", lambda m: str(int(m.group(0), 16)), part),
        ),
    )
    text = text.translate(_UNICODE_OPERATORS)
    # `Check 5 >= 10 -> False`: an arrow to a truth word gives the test's outcome
    text = re.sub(r"(?<=[\w)\]'\"`])\s*(?:->|=>)\s*(?=`?(?:True|False|true|false)\b)", " is ", text)
    # (also `Check 95 >= 100: true`, where a comparison comes before the colon: not a dict's `{'a': True}`)
    text = re.sub(r"((?:[<>]=?|[=!]=)\s*[^\s{}:,;]+)\s*:\s*(?=`?(?:True|False|true|false)\b)", r"\1 is ", text)
    # `which makes `not tail.isdigit()` True`: a test's outcome told by what made it so
    text = re.sub(
        r"\b(?:makes|made|making|leaves|left|leaving)\s+(`[^`]+`)\s+(?=(?:True|False|true|false)\b)", r"\1 is ", text
    )
    # `|105 - 117| = 12`: an absolute value in bars, as in print (not `5 | 3`, a bitwise or)
    text = _ABSOLUTE_BARS.sub(r"abs(\1)", text)
    # `0101 1010`: a byte written in base 2 as two groups of four bits is one numeral
    text = _NIBBLE_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), text)
    # `Shifting 11 left by 4 gives 176`, `10 and 3, which differ by 7`: arithmetic told in words
    text = _SHIFT_IN_WORDS.sub(
        lambda m: f"{m['a'] or m['a2']} {'<<' if m['way'] == 'left' else '>>'} {m['b']} = ", text
    )
    text = _DIFFER_BY.sub(r"abs(\g<a> - \g<b>) = ", text)
    text = _BINARY_BIT_OPERATION.sub(_binary_bit_operation, text)
    text = re.sub(r"\b([A-Z][a-z]+ \d+)\s*=\s*(?=[\[({'\"])", r"\1: ", text)  # `Row 1 = [4, 9, 2]`: a label
    text = _outside_quotes(text, lambda part: _BOLD.sub("", part))  # (`2**4` between two operands is a power)
    text = _outside_quotes(text, lambda part: part.replace("__", ""))  # (`'fox___'` keeps its underscores)
    # took `self.planted` from 4 to 6: the variable in backticks goes from one to the other (before
    # spans of the code's text are masked; without backticks, `_MOVED_NAME` reads it)
    text = _sub_where(
        ("from",),
        r"\b(?:takes|took|taking|brings|brought|bringing|moves|moved|moving|pushes|pushed|pushing)\s+"
        r"`((?:self\.)?[A-Za-z_]\w*)`\s+from\s+(?=`?-?\d|`?['\"\[({])",
        lambda m: f"{name} goes from " if (name := _named_variable(m.group(1), facts)) else m.group(0),
        text,
    )

    # `s[::-1]` reverses the word to 'nretnal': an expression of the code and the value it makes
    text = _EXPRESSION_CHANGED_TO.sub(r"\1 gives ", text)

    def code_span(match: re.Match) -> str:
        inner = match.group(1).strip()
        squashed = squash(inner)
        branch = _BRANCH_RAN.match(match.string, match.end())
        tested = re.fullmatch(r"(?:if|elif|while)\s+(.+?):?", inner)
        node = _expr(tested.group(1)) if tested and branch else None
        if node is not None and facts.condition_events(node):
            # the `if missing:` branch runs: that test came out True (`is skipped`: False)
            ran = branch.group("ran") or branch.group("taken")
            return f"({tested.group(1)}) is {ran is not None} and " + ("its" if "branch" in branch.group(0) else "it")
        satisfied = _satisfied_test(match, inner, facts)
        if satisfied:
            return satisfied
        if tested and _TRUTH_AFTER.match(match.string, match.end()) and _expr(tested.group(1)) is not None:
            return f"({tested.group(1)})"  # `if self.songs:` is True: that test's outcome, not a value of songs
        if (
            len(squashed) >= 6
            and (squashed in facts.code_text or squashed == facts.call)
            and not (
                re.fullmatch(r"(?:self\.)?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", squashed)
                and (
                    _VALUE_FOLLOWS.match(match.string, match.end())
                    or _NAMED_THEN_VALUE.match(match.string, match.end())
                    or _EQUALS_VALUE.match(match.string, match.end())
                )
            )  # `self.total` went from 1 to 2, `moored` = 0: a variable named, not code restated
            and not (
                (
                    re.fullmatch(r"(?:self\.)?[A-Za-z_]\w*(?:\[[^\[\]]+\])+", squashed)
                    and re.match(r"\s+(?:now\s+)?" + _VALUE_VERBS + r"\s", match.string[match.end() :])
                )
                or (
                    re.fullmatch(r"(?:self\.)?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", squashed)
                    and re.match(
                        r"\s+(?:stays|remains|is\s+still|becomes|became)(?:\s+at)?\s+[-\d'\"\[({`]",
                        match.string[match.end() :],
                    )
                )
            )  # `ledger["alpha"]` becomes 3, `self.mins` stays [5, 3]: a variable or an entry named
            and not (_is_claim(inner) and not _NOT_RUN.match(match.string, match.end()))
            and not (_TRUTH_AFTER.match(match.string, match.end()) and _plain_comparison(inner))
        ):
            target = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*)\s*=\s*[^=].*", inner)
            if target and re.match(
                r"\s*(?:is|gives|evaluates to|equals|comes to|yields)\s", match.string[match.end() :]
            ):
                return target.group(1)  # `n = len(grid)` is 3: a claim about n
            after = match.string[match.end() :]
            target = _assigned_target(inner)
            if target is not None and _TRANSFORM_VERB.match(after):
                return target  # `self.slots[day] += n` turns [0, 0] into [3, 0]: a change of self.slots
            if (
                (_IS_VALUE.match(after) or _WHICH_IS_VALUE.match(after))
                and not _TRUTH_AFTER.match(after)
                or _TRANSFORM_VERB.match(after)
            ) and _expr(inner) is not None:
                # `len(name)` is 6, `s.strip()` turns ..., returns `(low, pos)`, which is `(8, 3)`: an
                # expression of the code, given a value
                return inner
            if _TUPLE_OF_NAMES.fullmatch(inner) and re.match(r"\s*=\s*[-\d'\"\[(]", after):
                return inner  # `(self.stock, self.failed)` = (12, 1): the values of those names
            if re.match(r"\s+(?:returns|returned)\s+(?!true|false)", after, re.I) and isinstance(
                _expr(inner), ast.Call
            ):
                return inner  # `len(s)` returns 15: the call's result where the program made it
            compound = _tested_compound(inner, facts)
            if compound and _TRUTH_AFTER.match(after):
                return f"({compound})"  # `not part or '=' not in part` is True: that test's outcome
            return " \x00 "  # restated code or the call: text of the question, not a claim
        truth_after = _TRUTH_AFTER.match(match.string, match.end())
        compound = _tested_compound(inner, facts) if truth_after else None
        node = _expr(inner)
        if truth_after and isinstance(node, ast.BoolOp) and _literal_value(node)[0]:
            compound = inner  # `1 < 0 or 1 >= 6` is True: a condition written with this run's values
        if truth_after and isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            compound = inner  # `self.hooks[1] is None` is False: that test's outcome, not a value of the entry
        return _plain_comparison(inner) or (f"({compound})" if compound else inner)

    # base = n - n % 100, which is 4000: a line of the program restated without backticks, as with them
    text = _sub_where(("which",), _ASSIGNMENT_WHICH_IS, lambda m: _restated_line(m, facts), text)
    # `first = int(code[0])`, which is `58`: the value of what the span computes
    text = re.sub(
        r"(`(?:self\.)?[A-Za-z_]\w*\s*=[^=`\n][^`\n]*`)\s*,\s*which\s+(is|gives|equals|evaluates to)\b", r"\1 \2", text
    )
    # `x + 1, which is 32`: the value of that computation, as `x + 1 is 32` says it
    text = _COMPUTED_WHICH_IS.sub(r"\1 is ", text)
    text = _RESTATED_UPDATE.sub(lambda m: _restated_update(m, facts), text)
    text = _CODE_SPAN.sub(code_span, text)
    squashed = squash(text)
    for line in facts.code_lines:  # code restated without backticks
        if len(line) >= 10 and line in squashed:
            text = _mask_squashed(text, line)
        elif (tested := re.fullmatch(r"(?:if|elif|while)(.{6,}):", line)) and tested.group(1) in squashed:
            text = _mask_named_test(text, tested.group(1))
    text = _NOT_VALUES.sub(" \x00 ", text)
    if " and " in text or " or " in text or re.search(r"\s(?:[-+*/%&|^]|//|<<|>>)\s", text):
        text = _bracket_told_compounds(text, facts)
    if facts.functions and "(" in text:  # `f(-123)` in prose: a call the narration considers, not a state of this run
        text = regex(r"\b(?:" + "|".join(map(re.escape, facts.functions)) + r")\([^()]*\)").sub(" \x00 ", text)

    text = _the_variable_for_it(text, facts)
    text = _KEYED_NOUN.sub(lambda m: _keyed_entry(m, facts), text)
    text = _KEY_BEFORE_DICT.sub(lambda m: _key_before_dict(m, facts), text)
    text = _KEY_MOVES.sub(lambda m: _key_moves(m, facts), text)
    text = _KEY_WITH_VALUE.sub(lambda m: _key_with_value(m, facts), text)
    # `n = 88, which is 0b1011000`: the same number in another base, so the two must be equal (not
    # `the bits 1, 0, 1, 1, which is 0b1011`: the run's last digit)
    text = _sub_where(
        ("which",), r"(?<![\w.])(?<!\d,\s)(?<!\d,)(\d+),?\s+which\s+is\s+(?=0[bBxXoO][0-9a-fA-F]+\b)", r"\1 = ", text
    )
    # `pumped is set to an empty list`: the value written out
    text = _EMPTY_VALUE.sub(lambda m: m.group(1) + _EMPTY_LITERALS[m.group(2).lower()], text)
    # number words become digits outside quoted strings ('saves nine so' is text of the program)
    text = _outside_quotes(text, lambda part: NUMBER_WORD.sub(lambda m: _number_word_or_name(m, facts), part))
    text = _sub_where(
        ("hundred",),
        r"\b(\d{1,2}) hundred(?: and)? (\d{1,2})\b",
        lambda m: str(int(m.group(1)) * 100 + int(m.group(2))),
        text,
    )
    text = _sub_where(("hundred",), r"\b(\d{1,2}) hundred\b", lambda m: str(int(m.group(1)) * 100), text)
    text = _sub_where(  # `four thousand fifty` is 4050, not 4000 and 50
        ("thousand",),
        r"\b(\d{1,3}) thousand(?:,? and)? (\d{1,3})\b",
        lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))),
        text,
    )
    text = _sub_where(
        ("thousand", "million"),
        r"\b(\d{1,3}) (thousand|million)\b",
        lambda m: str(int(m.group(1)) * (1000 if m.group(2) == "thousand" else 10**6)),
        text,
    )
    # arithmetic in words (`5 times 2 is 10`, `9 minus 4 is 5`): operators, checked as arithmetic
    text = re.sub(
        r"\b(\d+(?: (?:times|plus|minus|multiplied by|divided by) \d+)+)(?:,? which)?(?= (?:is|equals|gives|makes)\b)",
        lambda m: re.sub(
            "|".join(_WORD_OPERATORS),
            lambda op: (
                "//"
                if op.group() == "divided by" and _REMAINDER_AFTER.match(m.string, m.end())
                else _WORD_OPERATORS[op.group()]
            ),
            m.group(1),
        ),
        text,
    )  # (`14 plus 7, which is 22` too; `28 divided by 8 is 3 with 4 left over` is a floor division)
    # `adding 5 to 40 gives 45`, `subtracting 3 from 10 leaves 7`, `multiplying 4 by 6 gives 24`: a step in words
    text = _sub_where(("dding ", "ubtracting ", "ultiplying "), _STEP_IN_WORDS, _step_in_words, text)
    text = _LITERAL_ARITHMETIC_THEN_VALUE.sub(lambda m: (m.group(1) or m.group(2)) + " = ", text)
    # `[4, 1, 2], which add up to 7`, `9, 2 and 15 sum to 26`: the sum of the numbers listed
    text = _sub_where((" to ", " for "), _ADD_UP_TO, _sum_told, text)
    # `up = 5 > 0` where `up` only ever holds True or False: the test's outcome is its value
    text = _TEST_ASSIGNED.sub(lambda m: _test_assigned(m, facts), text)
    # `score is from 70 up to 79`: a range the value lies in, not the value 70
    text = _VALUE_IN_A_RANGE.sub(r"\2 <= \1 <= \3", text)
    # `nums[1] is zero or more`: a bound the value meets, not the value 0
    text = _sub_where((" or ",), _OR_MORE, lambda m: f"{m.group(1)} at {_BOUND[m.group(3).lower()]} {m.group(2)}", text)
    # `every c >= 4 shares bit 2`: the values a test picks out, a range of them, not one test's outcome
    text = _EVERY_TESTED.sub(lambda m: f"{m.group(1)} {_RANGE_WORDS[m.group(2)]} {m.group(3)}", text)
    text = _outside_quotes(  # `0x1F` is a number, `'0xBEEF'` a string
        text,
        lambda part: re.sub(
            r"\b0[bB]([01]+)\b",
            lambda m: str(int(m.group(1), 2)),
            re.sub(r"\b0[xX]([0-9a-fA-F]+)\b", lambda m: str(int(m.group(1), 16)), part),
        ),
    )
    # `moves total from 14 to 16`: total goes from 14 to 16
    text = re.sub(
        r"\b(?:moves|moved|moving|takes|took|taking|brings|brought|bringing|raises|raised|raising|lowers|lowered|"
        r"lowering|pushes|pushed|pushing|bumps|bumped|bumping|lifts|lifted|lifting)\s+"
        r"(the\s+)?((?:self\.)?[A-Za-z_]\w*)\s+from\b(?=\s+-?\d)",
        lambda m: m.group(0) if m.group(1) and not _names_a_value(m.group(2), facts) else f"{m.group(2)} goes from",
        text,
    )  # (`the size` is self.size; `the tape`, an object, is no value)
    # `which takes the level to -4`, `brings total up to 9`: read as `sets level to -4`
    text = re.sub(
        # (not `pushes sizes up to 3`, a list's length; not `moves best to 2` told of a pass named before it)
        r"\b(?:takes|took|brings|brought|raises|raised|lowers|lowered|bumps|bumped)\s+(the\s+)?"
        r"((?:self\.)?[A-Za-z_]\w*)\s+(?:up\s+|down\s+|back\s+)?to\b(?=\s+-?\d)(?!\s+-?\d+\s+or\s)",
        lambda m: f"sets {m.group(2)} to" if _names_a_value(m.group(2), facts) else m.group(0),
        text,
    )
    # `the previous total was 8`, `the new best is 5`: the variable named
    text = re.sub(
        r"\b[Tt]he\s+(?:previous|old|new|current|running|updated)\s+([A-Za-z_]\w*)\b(?=\s+(?:was|is|becomes|became)\s+-?\d)",
        lambda m: m.group(1) if _names_a_value(m.group(1), facts) else m.group(0),
        text,
    )
    # `acc reached 5 from 3`: acc goes from 3 to 5
    text = re.sub(
        r"\b(?:reached|reaches|rose\s+to|rises\s+to|climbed\s+to|climbs\s+to|grew\s+to|grows\s+to|fell\s+to|falls\s+to|"
        r"dropped\s+to|drops\s+to)\s+(-?\d+)\s+from\s+(-?\d+)\b",
        r"goes from \2 to \1",
        text,
    )
    # `best follows to 11`, `level is clamped to 7`: any change verb of a variable of the program
    # (a list of verbs never ends; `maps to` and `refers to` relate, they do not change)
    text = re.sub(
        r"(?<![\w.'\"])(the\s+)?((?:self\.)?[A-Za-z_]\w*)\s+(?:is\s+|was\s+|gets\s+|got\s+)?(?!(?:maps|mapped|refers|"
        r"referred|points|pointed|belongs|corresponds|compares|compared|applies|applied|leads|led|adds|added|listens)\b)"
        r"([a-z]+(?:s|ed))(?:\s+(?:up|down|back|out|over))?\s+to\s+(?=-?\d|['\"\[({])"
        # (`mins padded to two digits`, `rounded to 2 decimal places`: a width, not the value)
        r"(?!\d+\s+(?:digits?|places?|decimals?|decimal\s+places|characters?|chars?|spaces?|bits?|columns?)\b)",
        lambda m: (
            f"{m.group(2)} {_direction_kept(m.group(3))} "
            if m.group(2) in facts.index.names
            and not m.group(1)
            and not _recased_unstored(m.group(2), m.group(3), facts)
            else m.group(0)
        ),
        text,
    )  # (`express doubles it to 40`: it, not express; `the rows ripened to`: prose about rows)
    # `the sorted stock is [('oats', 6), ('rice', 6)]`: sorted(...) of it (a dict's items, as `sorted(d.items())`)
    text = _sub_where(
        ("sorted",),
        r"\b[Tt]he\s+sorted\s+`?((?:self\.)?[A-Za-z_]\w*)`?\s+(?=(?:is|was|=)\s*[\[(])",
        lambda m: _sorted_of(m.group(1), facts) or m.group(0),
        text,
    )
    # `final counts = {0: 1, 2: 3}`, `the final total is 16`: the value the run (or the loop) ends with
    # (`the final counts list is [...]`, `the final value of cur is 2`, `cur's final value is 2`)
    text = _sub_where(
        ("inal",),
        r"\b(?:[Tt]he\s+)?(?:[Ff]inal\s+`?((?:self\.)?[A-Za-z_]\w*)`?(?:\s+(?:list|dict|dictionary|string|set|tuple|value))?"
        r"|[Ff]inal\s+value\s+of\s+`?((?:self\.)?[A-Za-z_]\w*)`?|`?((?:self\.)?[A-Za-z_]\w*)`?'s\s+final\s+value)"
        r"\s*(?:=(?!=)|\bis\b|\bwas\b|\bare\b|\bwere\b)\s*(?=[-\d'\"\[({])",
        lambda m: f"finally {name} ends at " if (name := _named_variable(m.group(m.lastindex), facts)) else m.group(0),
        text,
    )
    # `same goes up by 5, from 6 to 11`: the change, and the step it says it is (`6 + 5 = 11`)
    text = _sub_where(
        ("by",),
        r"\b(?P<verb>goes\s+up|went\s+up|grows|grew|rises|rose|increases|increased|climbs|climbed|goes\s+down|"
        r"went\s+down|drops|dropped|falls|fell|decreases|decreased|shrinks|shrank)\s+by\s+(?P<k>\d+),?\s+"
        r"from\s+(?P<a>-?\d+)\s+to\s+(?P<b>-?\d+)\b(?!\.\d)",
        lambda m: (
            f"goes from {m['a']} to {m['b']} ({m['a']} {'-' if _DOWN.match(m['verb']) else '+'} {m['k']} = {m['b']})"
        ),
        text,
    )
    # `sets top to None and top_val to 0`: each name given its value (not code described:
    # `the fallback that sets stem to ... and ext to ''`)
    text = _sub_where(
        ("set", "initiali"),
        r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwould\s)(?<!\bwill\s)(?<!\bto\s)(?<!\bcan\s)(?<!\bcould\s)"
        r"\b((?:sets|set|resets|reset|initiali[sz]es|initiali[sz]ed)\s+(?:self\.)?\w+\s+to\s+\S.*?)(,\s*(?:and\s+)?|\s+and\s+)"
        r"(?=((?:self\.)?[A-Za-z_]\w*)\s+to\s+[-\d'\"\[({A-Z])",
        lambda m: m.group(1) + m.group(2) + ("sets " if m.group(3) in facts.index.names else ""),
        text,
    )
    # `num grows by 90 to 260`: num grows to 260 (the value it reaches is the claim)
    text = _sub_where(
        ("by",),
        r"\b(grows|grew|rises|rose|increases|increased|drops|dropped|falls|fell|decreases|decreased|climbs|climbed|"
        r"jumps|jumped|goes\s+up|went\s+up|goes\s+down|went\s+down)\s+by\s+(-?\d+)\s+to\s+(?=-?\d)",
        r"\1 to ",
        text,
    )
    return _binary_numerals(text)


_DOWN = re.compile(r"goes\s+down|went\s+down|drop|fell|fall|decrease|shrink", re.I)


def _binary_numerals(text: str) -> str:
    """Numbers written in base 2 as the decimal numbers they are."""
    # `In binary, 182 is 10110100`, `182 is 10110100 in binary`: one number in two bases, so they must agree
    if re.match(r"\s*in\s+binary\b", text, re.I):
        text = re.sub(r"(?<![\w.])([2-9]\d*|1\d+)\s+is\s+([01]{4,})\b", _same_in_base_2, text)
    text = re.sub(
        r"(?<![\w.])([2-9]\d*|1\d+)\s+is\s+([01]{4,})(?=\s+in\s+(?:binary|base\s+2)\b)", _same_in_base_2, text
    )
    # `binary 1011` is a number written in base 2 (but in `binary 1011 ^ 0111 = 1100` the operation was
    # read in base 2 already, and its numbers are decimal now)
    text = re.sub(
        r"\b(?:binary|bin)\s+([01]+)\b(?!\s*(?:[&|^]|XOR|AND|OR)\s*\d)", lambda m: str(int(m.group(1), 2)), text
    )
    # `n is 10101010111001100000 in binary`: that numeral, read in base 2
    text = re.sub(r"\b([01]{4,})(\s+in\s+(?:binary|base\s+2)\b)", lambda m: str(int(m.group(1), 2)) + m.group(2), text)
    if re.match(
        r"\s*in\s+binary\b", text, re.I
    ):  # `In binary a is 1101 and b is 1011`: 0/1 numerals of 4+ digits (101 may be decimal)
        text = _outside_quotes(text, lambda part: re.sub(r"\b[01]{4,}\b", lambda m: str(int(m.group(), 2)), part))
    return text


# `cents = '0'` is skipped: a line of the code that did not run, restated, not a state of this run
_NOT_RUN = re.compile(
    r"\s*(?:is|was|gets|got)\s+(?:skipped|bypassed|not (?:run|executed|reached))\b"
    r"|\s*(?:never|does\s*n[o']t|did\s*n[o']t)\s+(?:runs?|executes?|happens?)\b",
    re.I,
)


# A restated condition followed by its truth (`if len(body) != 6` is True) is a claim about this run.
_TRUTH_AFTER = re.compile(
    r"(?:\s+(?:check|test|condition|guard)\b)?"  # (`the `if gate.try_key(t)` check passes`)
    r"(?:\s*(?:is|was|evaluates to|comes out|returns|returned|gives|gave|" + _BECAME + r")?\s*(?:`)?(?:true|false)\b"
    r"|\s*(?:still\s+)?(?:holds|held|fails|failed|passes|passed|is satisfied)\b)",
    re.IGNORECASE,
)


# `if missing:` branch runs / is skipped: the outcome of that test
_BRANCH_RAN = re.compile(
    r"\s*branch\s+(?:(?P<ran>runs|ran|is\s+taken|was\s+taken|fires|fired|executes|is\s+entered|was\s+entered)|"
    r"(?P<skipped>is\s+skipped|was\s+skipped|does\s*n[o']t\s+run|did\s*n[o']t\s+run|is\s+not\s+taken|was\s+not\s+taken))\b"
    # (without the word `branch`, only verbs a loop's header does not take: `runs` may be a count)
    r"|\s*(?:(?P<taken>is\s+taken|was\s+taken|fires|fired|is\s+entered|was\s+entered)|"
    r"(?P<passed>is\s+skipped|was\s+skipped|is\s+not\s+taken|was\s+not\s+taken))\b",
    re.I,
)


@lru_cache(maxsize=4096)
def _written_as(code: str) -> re.Pattern:
    """The code as prose writes it: any spacing between its characters, either quote."""
    return re.compile(r"\s*".join("['\"]" if ch in "'\"" else re.escape(ch) for ch in squash(code)))


def _bracket_told_compounds(text: str, facts: TraceFacts) -> str:
    """`the condition n % 3 == 0 and n > 0 was False`: an `and`/`or` test of the code, written out
    without backticks and given a truth, bracketed so that it is judged whole where it was tested
    (not its last comparison alone)."""
    for node, _ in facts.condition_nodes:
        if not isinstance(node, (ast.BoolOp, ast.BinOp)):
            continue  # (`the test n & 1 passes`: a bit test too)
        for m in _written_as(ast.unparse(node)).finditer(text):
            if text[: m.start()].rstrip().endswith("(") or not _TRUTH_AFTER.match(text, m.end()):
                continue
            text = f"{text[: m.start()]}({m.group(0)}){text[m.end() :]}"
            break
    return text


def _plain_comparison(code: str) -> str | None:
    """`if len(body) != 6:` -> `len(body) != 6`: a condition that is one comparison (no `and`,
    `or`, `not`, `is`) or one call (`ch.isalpha()`), or None."""
    condition = re.sub(r"^(?:if|elif|while)\s+", "", code.strip()).rstrip(":").strip()
    node = _expr(condition)
    if isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
        return condition  # `ch.isalpha()` is False: a condition's truth too
    if not isinstance(node, ast.Compare) or any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
        return None
    return condition


def _tested_compound(code: str, facts: TraceFacts) -> str | None:
    """`elif op == 'DUP' and self.stack:` -> its condition, where the code tests exactly that
    `and`/`or`/`not` condition (a compound one is judged whole, where it was tested), else None."""
    condition = re.sub(r"^(?:if|elif|while)\s+", "", code.strip()).rstrip(":").strip()
    node = _expr(condition)
    # (`if r & (r >> 1)`: a bit test, judged where it was tested, too)
    if isinstance(node, (ast.BoolOp, ast.UnaryOp, ast.BinOp)) and facts.condition_events(node):
        return condition
    return None


def _is_claim(inner: str) -> bool:
    """`x = 3` in backticks is a claim even when the code has that line; `if a > b` is not."""
    return bool(re.search(r"(?<![=!<>+\-*/%&|^])=(?!=)\s*[-\d'\"\[({]", inner)) and not inner.lstrip().startswith(
        ("if ", "while ", "for ", "return ")
    )


_MOVES = (
    r"(?:took|takes|take|brought|brings|bring|moved|moves|move|sent|sends|send|dropped|drops|drop|pushed|pushes|push|"
    r"raised|raises|raise|set|sets)"
)
_MOVED_NAME = re.compile(_MOVES + r"\s+`?((?:self\.)?[A-Za-z_]\w*)`?\s+(?=(?:from|to|down|up|back)\b)")
_MOVED_IT = re.compile(r"\b" + _MOVES + r"\s+(it)\s+(?=(?:from|to|down|up|back)\b)")


# `the count for 'jam'`, `the `py` count`: one key's entry of a dict the program keeps
_KEYED_NOUN = re.compile(
    r"\bthe\s+(?:count|total|tally|score|entry|sum)\s+(?:for|of)\s+(?P<quoted>'[^'\n]{1,20}'|\"[^\"\n]{1,20}\")"
    r"|\bthe\s+(?P<tick>`?)(?P<key>'[^'\n]{1,20}'|\"[^\"\n]{1,20}\"|[A-Za-z_][\w()]*)(?P=tick)\s+(?:count|total|tally|entry)\b",
    re.I,
)


def _keyed_entry(m: re.Match, facts: TraceFacts) -> str:
    """`counts['jam']` where exactly one dict of the run has that key, else the words as written."""
    return _entry_named(m.group("quoted") or m.group("key"), facts) or m.group(0)


def _entry_named(written: str, facts: TraceFacts) -> str | None:
    """`counts['jam']` for a key written bare or quoted, where exactly one dict of the run has it."""
    key = written[1:-1] if written[0] in "'\"" else written
    holder = _one_dict_with(key, facts)
    return f"{holder}[{key!r}]" if holder else None


# `pins (3) and ink (2) are under 5`: a key of the run's one dict that has it, its value in brackets
# (a word needs a space before the bracket: `f(3)` is a call)
_KEY_WITH_VALUE = re.compile(
    r"(?<![\w.'\"\[])(?:(?P<key>[A-Za-z_]\w*)\s+|(?P<quoted>'[^'\n]{1,20}'|\"[^\"\n]{1,20}\")\s*)"
    r"\((?P<value>-?\d+(?:\.\d+)?)\)"
)


def _key_with_value(m: re.Match, facts: TraceFacts) -> str:
    written = m.group("key") or m.group("quoted")
    if m.group("key") and (written in facts.index.names or f"self.{written}" in facts.index.names):
        return m.group(0)  # (`total (12)`: a variable, read as such)
    if m.group("quoted") and len(written) == 3 and m.group("value") == str(ord(written[1])):
        return m.group(0)  # (`'a' (97)`: a character with its code, not an entry)
    entry = _entry_named(written, facts)
    return f"{entry} = {m.group('value')}" if entry else m.group(0)


def _one_dict_with(key: str, facts: TraceFacts) -> str | None:
    """The one variable of the run whose dicts have `key`, or None (none, or several)."""
    holders = {
        name
        for name, history in facts.histories.items()
        if any(isinstance(value, dict) and key in value for _, value in history)
    }
    return holders.pop() if len(holders) == 1 else None


# `The bean stock stays at 2`, `Bike stock drops to 1`: one key's entry of the dict named after it
_KEY_BEFORE_DICT = re.compile(  # (`cy's best is now 55` too)
    r"\b(?P<key>[A-Za-z][a-z]*)(?:'s)?\s+(?P<name>(?:self\.)?[a-z_]\w*)\s+(?=(?:now\s+|still\s+)?"
    r"(?:stays|remains|drops|falls|goes|rises|climbs|grows|becomes|is|was|reaches|ends)\b)"
)


_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "each", "every", "whole", "final", "new", "same"}
_CONJUNCTIONS = {"and", "or", "but", "so", "then", "now", "while", "when", "as", "since", "because", "if", "until"}


def _key_before_dict(m: re.Match, facts: TraceFacts) -> str:
    """`stock['bike']` where the run's variable `stock` holds dicts with the key 'bike' (as written
    or in lower case), and the word names no variable; else the words as written."""
    name, word = m.group("name"), m.group("key")
    if name not in facts.index.names:
        name = f"self.{name.removeprefix('self.')}"  # (`stock` said of the attribute `self.stock`)
    if word.lower() in _DETERMINERS | _CONJUNCTIONS or word in facts.index.names or name not in facts.index.names:
        return m.group(0)  # (`the index is {...}`: the whole dict; `'ban', and counts becomes`: a clause's start)
    for key in (word, word.lower()):
        if any(isinstance(value, dict) and key in value for _, value in facts.history(name)):
            return f"{name}[{key!r}] "
    return m.group(0)


# `cats went from 1 to 3`: a key of the one dict that has it, moving
_KEY_MOVES = re.compile(
    r"(?<![\w.'\"])(?P<key>[A-Za-z][a-z_]*)\s+(?=(?:went|goes|moved|moves|rose|rises|jumped|jumps|climbed|climbs|"
    r"drops|dropped|falls|fell|grows|grew)\s+(?:from|to|(?:up|down|back)\s+to)\s+-?\d)"
    r"|(?<=\b[Ww]ith\s)(?P<with>[A-Za-z][a-z_]*)\s+(?=at\s+-?\d)"  # `With lee at 2 and ada at 7`
    r"|(?<=\band\s)(?P<also>[A-Za-z][a-z_]*)\s+(?=at\s+-?\d)"
    # `adds four more to 'k', which becomes nine`: a quoted key said to change
    r"|(?P<quoted>'[^'\n]{1,20}'|\"[^\"\n]{1,20}\"),?\s+(?:which\s+)?(?:now\s+)?"
    r"(?=(?:becomes|became|goes\s+(?:up\s+|down\s+)?to|rises\s+to|drops\s+to|falls\s+to|climbs\s+to)\s+"
    r"(?:-?\d|" + NUMBER_WORD.pattern.removeprefix(r"\b(?:(negative|minus)\s+)?") + r"))"
)


def _key_moves(m: re.Match, facts: TraceFacts) -> str:
    """`points['cats']` for a word that names no variable and is a key of exactly one dict of the run."""
    if m.group("quoted"):
        entry = _entry_named(m.group("quoted"), facts)
        return f"{entry} " if entry else m.group(0)
    word = m.group("key") or m.group("with") or m.group("also")
    if word.lower() in _DETERMINERS or word in facts.index.names or f"self.{word}" in facts.index.names:
        return m.group(0)
    for key in (word, word.lower()):
        holder = _one_dict_with(key, facts)
        if holder:
            return f"{holder}[{key!r}] "
    return m.group(0)


def _names_a_value(word: str, facts: TraceFacts) -> bool:
    """Whether `word` (or `self.word`) is a variable of the run that holds no object of its classes."""
    return word not in facts.instances and (word in facts.index.names or f"self.{word}" in facts.index.names)


def _the_variable_for_it(text: str, facts: TraceFacts) -> str:
    """`the third pass took n from 8 to 5, and the second took it from 10 to 7`: `it` is the
    variable the sentence moved last, written out so the second move is read as n's too."""
    for m in reversed(list(_MOVED_IT.finditer(text))):
        named = [
            n
            for n in _MOVED_NAME.findall(text[: m.start()])
            if n in facts.index.names or f"self.{n}" in facts.index.names
        ]
        if named:
            text = text[: m.start(1)] + named[-1] + text[m.end(1) :]
    return text


# `self.height += cm` gives 26: the statement, restated, said to leave its target at a value
_RESTATED_UPDATE = re.compile(
    r"`([^`\n]+)`\s+(?:gives|gave|makes|made|yields|yielded|leaves\s+it\s+at|left\s+it\s+at|"
    r"(?:cuts|trims|shortens|brings|takes|sets|turns)\s+(?P<object>[\w.]+)\s+(?:down\s+|back\s+|up\s+)?(?:to|into))\s+"
    r"(?=-?\d+(?:\.\d+)?(?!\d|\.\d|\s*(?:[-+*/%&|^<>=]|\bx\b))|'[^'\n]*'|\"[^\"\n]*\"|\[|`?\(|(?P<dict>`?\{))"
)


def _restated_update(m: re.Match, facts: TraceFacts) -> str:
    target = _assigned_target(m.group(1))
    if target is None and m.group("object") is None and m.string.startswith(("(", "`("), m.end()):
        # `minutes, secs = divmod(rest, 60)` gave `(2, 5)`: the names the statement unpacks into, in order
        unpacked = re.fullmatch(
            r"\s*((?:self\.)?[A-Za-z_]\w*(?:\s*,\s*(?:self\.)?[A-Za-z_]\w*)+)\s*=[^=].*", m.group(1)
        )
        if unpacked and squash(m.group(1)) in facts.code_text:
            return "(" + ", ".join(re.split(r"\s*,\s*", unpacked.group(1))) + ") = "
    if target is None or squash(m.group(1)) not in facts.code_text:
        return m.group(0)  # (`len(s)` gives 3, or code the program does not have: read as written)
    if m.group("object") not in (None, "it", target, target.removeprefix("self.")):
        return m.group(0)  # (`s = s[:-3]` brings the total to 9: another variable)
    if m.group("dict") is not None:
        # `self.counts[ch] = ... + 1` gives `{'b': 1}`: the whole dict's value, where its entries hold no dicts
        target = _container_of_entry(target, facts)
        return f"{target} becomes " if target else m.group(0)
    return f"{target} becomes "


def _spaced(squashed: str) -> str:
    """A pattern for code written with its whitespace removed, matched however the prose spaces it."""
    return r"\s*".join(re.escape(ch) for ch in squashed)


def _mask_squashed(text: str, squashed_line: str) -> str:
    """Mask a code line restated in prose, whitespace ignored."""
    pattern = _spaced(squashed_line)
    # (`total = sum(nums) = 32`: an assignment followed by its value is a claim, not a restatement)
    pattern += r"(?!\s*=\s*[-\d'\"\[({])" if "=" in squashed_line else ""
    return regex(pattern).sub(" \x00 ", text) if len(squashed_line) < 120 else text


def _mask_named_test(text: str, squashed_condition: str) -> str:
    """`The first test is a % 2 == 0 and b % 2 == 1.`: a condition of the code named as the test
    (whitespace ignored), with no verdict after it, is the code restated, not a claim that it holds."""
    named = regex(
        r"(\b(?i:test|check|condition|guard|elif|if)\s+(?i:is\s+|was\s+|reads\s+)?)"
        + _spaced(squashed_condition)
        + r"(?=\s*[,.;:]|\s*$)"
        r"(?!\s*,?\s*(?:which\s+)?(?i:is|was|evaluates|comes|holds|held|fails|failed|passes|passed)\b)"
    )
    return named.sub(lambda m: m.group(1) + " \x00 ", text)


# --- the walk over the trace -----------------------------------------------------------------------


def _truth(node: ast.expr) -> ast.expr:
    """`bool(node)`: a condition's truth, as the program's `if`/`while` takes it."""
    return ast.Call(ast.Name("bool", ast.Load()), [node], [])


def _told_as(value: object, wanted: object) -> bool:
    """Whether the run's value is the one written: `[1, ..., 11]` (one ellipsis) abbreviates a
    list that begins with what is written before the ellipsis and ends with what follows it."""
    if type(wanted) not in (list, tuple) or not any(w is Ellipsis for w in wanted):
        return same_value(value, wanted)
    cut = next(k for k, w in enumerate(wanted) if w is Ellipsis)
    head, tail = wanted[:cut], wanted[cut + 1 :]
    if type(value) is not type(wanted) or any(w is Ellipsis for w in tail) or len(value) < len(head) + len(tail):
        return False
    ends = zip(value[len(value) - len(tail) :], tail)
    return all(same_value(a, b) for a, b in zip(value, head)) and all(same_value(a, b) for a, b in ends)


@dataclass
class Walk:
    facts: TraceFacts
    window: int
    backward: bool
    pointer: int
    sentence: str = ""
    raw_sentence: str = ""  # as written, restated code included
    raw_numbers: str = ""  # as written without backticks, number words as digits (what counts are read on)
    previous_raw_sentence: str = ""  # the sentence before, as written (`the whole condition` it restated)
    # the pass a list item's first sentence opened (`3. i = 0, part = 'ab': ...`), for the item's
    # later sentences (`Now score = 2.`): (loop variable, the pass's spans)
    item_pass: tuple[str, list[tuple[int, int]]] | None = None
    # per variable, the event of the last change a change verb told (`mask becomes 5`)
    told_changes: dict[str, int] = field(default_factory=dict)
    # per variable, the latest event a value told of it held at (`n = 2 is nonzero` after `n = 5`)
    told_values: dict[str, int] = field(default_factory=dict)
    # per variable, the latest event a value told as a literal (`out = 'ah'`, not `band = (x - 1) // 500`) held at
    told_literals: dict[str, int] = field(default_factory=dict)
    # the values the sentence before ended on (`At position 1 the name is "write".`), for a test
    # the next sentence tells before any value or step of its own
    last_state: list = field(default_factory=list)
    counted_from_0: bool = False  # the narration numbers its passes from 0 (`Pass 0:`)
    # backward: per variable, the value the narration told of it last (in the order it tells)
    last_told: dict[str, object] = field(default_factory=dict)

    def window_range(self) -> range:
        last = len(self.facts.index.events) - 1
        if self.backward:
            return range(self.pointer, max(-1, self.pointer - self.window - 1), -1)
        return range(self.pointer, min(last, self.pointer + self.window) + 1)

    def order(self) -> list[tuple[int, bool]]:
        """(event, in order) as a claim is looked for: the window, then on from it (a summary skipped
        ahead: the pointer resynchronises), then back from it (out of order: allowed only for
        restating the input or the result)."""
        n = len(self.facts.index.events)
        near = list(self.window_range())
        seen = set(near)
        ahead = range(self.pointer - 1, -1, -1) if self.backward else range(self.pointer + 1, n)
        behind = range(self.pointer + 1, n) if self.backward else range(self.pointer - 1, -1, -1)
        return (
            [(i, True) for i in near]
            + [(i, True) for i in ahead if i not in seen]
            + [(i, False) for i in behind if i not in seen]
        )

    def _walk_rank(self, i: int) -> tuple[int, int]:
        """Where event i comes in `order()`: the window, then on from it, then back from it."""
        distance = self.pointer - i if self.backward else i - self.pointer
        if 0 <= distance <= self.window:
            return (0, distance)
        return (1, distance) if distance > 0 else (2, -distance)

    def _in_order(self, i: int) -> bool:
        return self.backward or self._walk_rank(i)[0] < 2 or self.restates(i)

    def moved_to(self, at: int | None) -> None:
        if at is None:
            return
        self.pointer = min(self.pointer, at) if self.backward else max(self.pointer, at)

    def restates(self, at: int) -> bool:
        """The input (the arguments, before the body's first line) or the final state."""
        index = self.facts.index
        first_line = next((i for i, e in enumerate(index.events) if e.kind == "line"), 0)
        return at <= first_line or at >= len(index.events) - 2

    def holds(self, node: ast.expr, wanted: object, i: int) -> bool | None:
        """Does `node` evaluate to `wanted` at event i? None where it cannot be evaluated there."""
        if isinstance(node, ast.Name) and node.id not in ("True", "False", "None"):  # common case, no dispatch
            state = self.facts.index.states[i]
            if node.id not in state and f"self.{node.id}" not in state:
                return None
            value = state.get(node.id, state.get(f"self.{node.id}"))
            return None if isinstance(value, Opaque) else _told_as(value, wanted)
        try:
            value = evaluate(node, self.facts.index.states[i])
        except UnknownValue:
            if not self.facts.constants:
                return None
            try:  # (a module constant the frame does not show: `w in SMALL`; the frame's names first)
                value = evaluate(node, ChainMap(self.facts.index.states[i], self.facts.constants))
            except Exception:  # noqa: BLE001 - as below
                return None
        except Exception:  # failing like any Python would, on values pysnooper shows as objects
            return None
        if isinstance(value, Opaque):
            return None
        return _told_as(value, wanted)

    def find(self, node: ast.expr, wanted: object) -> Check:
        """Every event, in walk order, where `node` evaluates to `wanted` (the first is `at`).

        The expression is evaluated once per stretch of events over which none of its variables
        changes (`_changes`), not at every event: the verdict is the same, at a fraction of the cost."""
        evaluable = opaque = False
        matched: list[int] = []
        names = _names(node)
        starts = self.facts.changes(names)
        n = len(self.facts.index.events)
        for k, start in enumerate(starts):
            held = self.holds(node, wanted, start)
            if held is None:
                opaque = opaque or self._opaque(names, start)
                continue
            evaluable = True
            if held:
                matched.extend(range(start, starts[k + 1] if k + 1 < len(starts) else n))
        events = sorted(matched, key=self._walk_rank)
        if events:
            return Check("value", f"{ast.unparse(node)} = {wanted!r}", True, events[0], events)
        if isinstance(node, ast.Subscript) and isinstance(wanted, (list, dict, tuple, set)) and evaluable:
            # (`self.slots[i] += count` gives `[0, 5, 0, 0]`: the restated line, then the whole list it left)
            whole = node.value
            while isinstance(whole, ast.Subscript):
                whole = whole.value
            if isinstance(whole, (ast.Name, ast.Attribute)) and (told := self.find(whole, wanted)).ok:
                return told
        # Where some states could not be read (objects pysnooper shows as `<Thread ...>`), a value
        # never seen in the readable ones is not proof of a wrong claim.
        return Check("value", f"{ast.unparse(node)} = {wanted!r}", None if opaque or not evaluable else False)

    def condition(self, node: ast.expr, claimed: bool, after: bool = False) -> Check:
        """A condition's truth. One the code tests (`if len(a) > len(b)`) is judged where the
        program tested it, not at any moment its variables happen to make it so; others by `find`.
        `after`: only where it tested it from the walk's pointer (and the latest value told) on."""
        truth = _truth(node)  # `if line.strip():` holds for 'ab'
        at = self._bound_by_opening(node, self.facts.condition_events(node))
        if after and at:  # (after the latest value told, too: `best = 4`, then `n > best` is never true again)
            start = max([self.pointer, *self.told_values.values()])
            at = [i for i in at if i >= start] or at
        return self._where_run(node, truth, claimed, at, "tests it")

    def _bound_by_opening(self, node: ast.expr, at: list[int]) -> list[int]:
        """`For 'Fresh' the test p.startswith('#') passes`: a sentence that opens on a value tells of
        the tests made while a variable of the test held it (where one did; else of any of them)."""
        opening = _OPENS_ON_VALUE.match(self.raw_sentence)
        if not opening or not at or _FOR_VALUE.search(self.raw_sentence, opening.end()):
            return at  # (`For 'a', ...; for '', ...`: each clause its own value)
        try:
            value = ast.literal_eval(opening.group("value"))
        except (ValueError, SyntaxError):
            return at
        # (`For 'f', best == '' is true`: the value of the loop's variable, not of one the test reads)
        bound = [i for i in at if any(same_value(held, value) for held in self.facts.index.states[i].values())]
        return bound or at

    def call_value(self, node: ast.expr, wanted: object) -> Check:
        """What a call returned. One the code makes (`len(word)`, `self.counts.get(w, 0)`, also
        with values written for its variables) is judged where the program made it; others by `find`."""
        return self._where_run(node, node, wanted, self.facts.call_events(node), "makes the call", since_set=True)

    def returned(self, node: ast.expr, wanted: object, at: list[int]) -> Check:
        """What a return statement (`return months, balance`) handed back, at the events `at` where it ran."""
        return self._where_run(node, node, wanted, at, "returns it")

    def _where_run(
        self, node: ast.expr, evaluated: ast.expr, wanted: object, at: list[int], what: str, since_set: bool = False
    ) -> Check:
        """`evaluated` is `wanted` at some of the events `at` (where the program ran the code the
        claim restates), else a wrong claim; `find` where none of them can be evaluated. With
        `since_set`, a call's value also holds from the last change of what it reads on."""
        verdicts = [(i, self.holds(evaluated, wanted, i)) for i in at]
        if not any(held is not None for _, held in verdicts):
            return self.find(node, wanted)
        # A forward narration tells what the program tests in order: a test that came out so only
        # before the pointer is another iteration's (a backward one may plan and reflect in any order).
        events = sorted((i for i, held in verdicts if held and self._in_order(i)), key=self._walk_rank)
        behind = [i for i, held in verdicts if held and i < self.pointer] if not events else []
        if behind and self._still_running(max(behind)):  # (only the latest run of the line can be unfinished)
            events = [max(behind)]
        text = f"{ast.unparse(node)} = {wanted!r}"
        if since_set and events and not self.backward:
            # `So len(words) is 5` told right after the split, where only the return computes it: the
            # value holds from the last change of what it reads on, so the walk need not jump there
            first = max((s for s in self.facts.changes(_names(evaluated)) if s <= events[0]), default=events[0])
            if self.pointer <= first < events[0] and self.holds(evaluated, wanted, first):
                events = [first, *events]
        if events:
            return Check("value", text, True, events[0], events)
        return Check("value", f"{text} (not where the program {what})", False)

    def _still_running(self, i: int) -> bool:
        """The line of event i had not finished where the walk stands: `return self.recent(now),
        len(self.buckets)` computes the len after the call into `recent` the narration walked through."""
        events = self.facts.index.events
        depth = events[i].depth
        for j in range(i + 1, min(len(events), self.pointer + 1)):
            if events[j].depth == depth and events[j].kind in ("line", "return"):
                return events[j].kind == "return" and j >= self.pointer
            if events[j].depth < depth:
                return False
        return True

    def _opaque(self, names: set[str], i: int) -> bool:
        state = self.facts.index.states[i]
        return any(isinstance(state.get(name), Opaque) for name in names)


# `For 'Fresh', ...`, `For 12 the test ...`: a sentence opening on the value a test is made with
_OPENS_ON_VALUE = re.compile(
    r"\s*(?:(?:\d+[.)]|[-*+•])\s+)?(?:\*\*[^*\n]*\*\*:?\s*)?(?:[Ff]or|[Ww]ith)\s+`?"
    r"(?P<value>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\")`?(?:\s*[,:]|\s+(?!of\b)(?=the\b|`|[A-Za-z_]\w*[.(\s]))"
)
_FOR_VALUE = re.compile(r"[;,]\s*(?:and\s+|but\s+|then\s+)?[Ff]or\s+`?(?:-?\d|'|\")")


# --- claims of one sentence --------------------------------------------------------------------------


class Sentence:
    """One normalized sentence, with the spans its claims have used up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.used = [False] * len(text)
        self.starts: list[int] = []  # where each use began, in order

    def use(self, start: int, end: int) -> None:
        self.starts.append(start)
        for i in range(max(start, 0), min(end, len(self.text))):
            self.used[i] = True

    def free(self, start: int, end: int) -> bool:
        return not any(self.used[max(start, 0) : end])


@lru_cache(maxsize=65536)
def _expr(text: str) -> ast.expr | None:
    """The expression's AST (shared between callers: never mutated), or None."""
    text = text.strip().strip("`").strip()
    if not text or ("#" in text and "#" in re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", "", text)):
        return None  # (`3 #, so ... 12 - 3`: prose after a `#` is no comment of an expression)
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    banned = (ast.Lambda, ast.NamedExpr, ast.Starred, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
              ast.JoinedStr, ast.IfExp, ast.Await)  # fmt: skip
    for sub in ast.walk(node):
        if isinstance(sub, banned) or (isinstance(sub, ast.Call) and isinstance(sub.func, _NOT_CALLABLE)):
            return None  # (`b = 6 (3 * 6) % 4`: prose next to a bracket, not a call of the number 6)
    return node


_NOT_CALLABLE = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.BinOp, ast.Compare, ast.BoolOp)


# Per-node results, kept as long as the node lives (`_expr` shares nodes between its callers, and
# the same expressions are asked about again and again): these walks were a fifth of the time.
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LITERALS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _names(node: ast.AST) -> set[str]:
    """Program names an expression reads; `self.x` is one name, as the trace shows it."""
    found = _NAMES.get(node)
    if found is None:
        selves = [n for n in ast.walk(node) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                  and n.value.id == "self"]  # fmt: skip
        inner = {id(n.value) for n in selves}
        plain = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in inner}
        found = frozenset({f"self.{n.attr}" for n in selves} | (plain - {"True", "False", "None"}))
        _NAMES[node] = found
    return set(found)


def _literal_value(node: ast.expr | None) -> tuple[bool, object]:
    """(True, value) for an expression of literals only (`4 * 2`, `[1, 2]`), else (False, None)
    (also for no expression: `_expr` of text that does not parse)."""
    if node is None:
        return False, None
    found = _LITERALS.get(node)
    if found is None:
        found = (False, None)
        if not _names(node) - SAFE_CALLS:
            try:
                found = (True, evaluate(node, {}))
            except Exception:
                found = (False, None)
        if not isinstance(found[1], (int, float, str, type(None), list, tuple, dict, set, frozenset, bytes)):
            return found  # an iterator (`reversed(...)`) is consumed by its reader: never shared
        _LITERALS[node] = found
    literal, value = found
    # a fresh copy of a mutable value: callers may keep or change what they get
    return literal, (copy.deepcopy(value) if isinstance(value, (list, dict, set)) else value)


_SCALAR_CALLS = frozenset({"len", "sum", "min", "max", "abs", "int", "float", "bool", "str", "ord", "chr", "round"})


def _left_operand_start(text: str, end: int, known: frozenset[str]) -> int:
    """Start of the longest expression of program names and literals that ends at `end`."""
    stop = end
    while stop > 0 and text[stop - 1] == " ":
        stop -= 1
    for begin in range(_after_last_prose_word(text, max(0, stop - 80), stop, known), stop):
        if begin and text[begin - 1] not in " `(\x00,:;" or text[begin] == " ":
            continue
        node = _expr(text[begin:stop])
        if node is None or isinstance(node, (ast.Compare, ast.BoolOp)):
            continue
        if isinstance(node, ast.UnaryOp) and re.search(
            r"[\w)\]\x00]\s*$" if isinstance(node.op, ast.UAdd) else r"[\d)\]\x00]\s*$", text[:begin]
        ):
            # `d3 + 0`, `(a + b) - 1`, `p.skip_ahead(b) - a` (the call masked): the sign joins what comes
            # before, it is an operator
            continue
        if isinstance(node, ast.Tuple) and not _tuple_of_names(node, known):
            continue
        names = _names(node)
        if names <= known | SAFE_CALLS or {n.removeprefix("self.") for n in names} <= known:
            return begin
    return stop


# A word an expression reads as a name (not `.attr`, nor the `key` of `key=1`).
_READ_WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?!\s*=(?!=))")
_PYTHON_WORDS = frozenset(keyword.kwlist) | {"self"}


def _after_last_prose_word(text: str, low: int, stop: int, known: frozenset[str]) -> int:
    """Where an expression ending at `stop` may begin at the earliest: after the last word that is
    no name of the program (`so`, `total` when the program has no total), since an expression
    holding it is rejected anyway. Parsing every start before it was about 7% of the time. (Where
    the span has a quote, a word may be text of a string: every start is tried.)"""
    if "'" in text[low:stop] or '"' in text[low:stop]:
        return low
    last = low
    for m in _READ_WORD.finditer(text, low, stop):
        word = m.group()
        if word not in known and word not in SAFE_CALLS and word not in _PYTHON_WORDS:
            last = m.end()
    return last


def _tuple_of_names(node: ast.Tuple, known: frozenset[str]) -> bool:
    return all(isinstance(e, ast.Name) and e.id in known for e in node.elts)


def _right_operand_end(text: str, start: int) -> int:
    from vcot_assets.core.verifier.expressions import expression_end

    i = start
    while i < len(text) and text[i] == " ":
        i += 1
    end = expression_end(text, i)
    return end


_ASSIGN = re.compile(r"(?<![=!<>+\-*/%&|^:])=(?![=>])")


_SIZE_UNIT = re.compile(r"\s+(?:spaces?|characters?|chars?|letters?|items?|elements?|entries|entry)\b")


def _literal_links(s: Sentence, text: str, group: list[int], checks: list[Check]) -> None:
    """`prev << 1 = 187 ^ 97 = 216`: after an equation's side in unknowns, a chain of literal
    computations is arithmetic all the same (each link equal to the next)."""
    right_end = _right_operand_end(text, group[-1] + 1) if len(group) >= 2 else -1
    if right_end < 0 or not s.free(group[0] + 1, right_end):
        return
    pieces = [text[a + 1 : b] for a, b in zip(group, group[1:])] + [text[group[-1] + 1 : right_end]]
    nodes = [_expr(p) for p in pieces]
    values = [_literal_value(node) for node in nodes]
    if not all(literal for literal, _ in values):
        return
    s.use(group[0] + 1, right_end)
    for node, (_, value), (_, after) in zip(nodes, values, values[1:]):
        checks.append(Check("arith", f"{ast.unparse(node)} = {after!r}", _same_result(value, after)))


_AUGMENTED_BEFORE = re.compile(r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s*(?:<<|>>|[&|^])=\s*$")  # (bitwise steps)


def _chains(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`a = b = c`: literal steps are arithmetic; variable steps take the chain's value."""
    text, known = s.text, walk.facts.index.names
    quoted = [m.span() for m in _QUOTED.finditer(text)]  # `'='`, `' mode = fast'` are strings
    marks = [m.start() for m in _ASSIGN.finditer(text) if not any(a < m.start() < b for a, b in quoted)]
    groups: list[list[int]] = []
    for pos in marks:
        between = text[groups[-1][-1] + 1 : pos] if groups else ""
        # (a comparison between two `=` ends the chain; a shift `183 >> 4 = 11` does not)
        # (a comma inside a call's brackets, `= min(44, 40) =`, does not end it)
        flat = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "()", between)
        chained = groups and not re.search(
            r"[,;:]|\band\b|\bor\b|\bso\b|\bthen\b|(?<![<>])[<>](?![<>])|!|\bis\b|\bin\b", flat
        )
        if chained and _expr(between) is not None:
            groups[-1].append(pos)
        else:
            groups.append([pos])
    for group in groups:
        left_start = _left_operand_start(text, group[0], known)
        if re.search(r"(?:[-+*/%&|^]|<<|>>)\s*$", text[:left_start]) or (
            re.match(r"-\s*[A-Za-z_]", text[left_start:]) and re.search(r"[A-Za-z_]\s*$", text[:left_start])
        ):
            _literal_links(s, text, group, checks)
            continue  # `T - T // 5 = 25`, `level - capacity = 3`: an equation in unknowns, not arithmetic
        right_end = _right_operand_end(text, group[-1] + 1)
        if right_end < 0 or (right_end < len(text) and (text[right_end].isalnum() or text[right_end] == "_")):
            continue  # `= 4f in hex`: a word that starts with a digit, not the number 4
        target = None
        augmented = _AUGMENTED_BEFORE.search(text[:left_start])
        if augmented and len(group) == 1 and augmented.group(1).removeprefix("self.") in known:
            # `mask |= 1 << 6` = 72: what the line left in mask, where 1 << 6 is not 72 (`cost += 55 - 52,
            # which is three` tells the step's own value)
            step = _literal_value(_expr(text[left_start : group[0]]))
            told = _literal_value(_expr(text[group[0] + 1 : right_end]))
            if step[0] and told[0] and not same_value(step[1], told[1]):
                target, left_start = augmented.group(1), augmented.start()
        pieces = [target or text[left_start : group[0]]]
        pieces += [text[a + 1 : b] for a, b in zip(group, group[1:])]
        pieces.append(text[group[-1] + 1 : right_end])
        nodes = [_expr(p) for p in pieces]
        if nodes[-1] is None or not s.free(left_start, right_end):
            continue
        if not any(
            node is not None and (_literal_value(node)[0] or not _unknown_names(node, known)) for node in nodes[:-1]
        ):
            continue  # `points = {...}` where no variable is called points: prose; the literal is judged alone
        is_literal, value = _literal_value(nodes[-1])
        if not is_literal:
            continue
        if len(group) == 1 and isinstance(value, tuple) and isinstance(nodes[0], ast.Name | ast.Attribute):
            nodes[0] = _named_before(text[:left_start], nodes[0], len(value), known) or nodes[0]
        sized, made = _literal_value(nodes[0])
        if (
            sized
            and isinstance(made, str | list | tuple)
            and isinstance(value, int)
            and _SIZE_UNIT.match(text, right_end)
        ):
            s.use(left_start, right_end)  # `" " * (2 - 1)`, which is 1 space: the string's size, in its units
            checks.append(Check("arith", f"len({ast.unparse(nodes[0])}) = {value}", len(made) == value))
            continue
        targets = nodes[0].elts if len(group) == 1 and isinstance(nodes[0], ast.Tuple) else []
        run, run_end = _literal_run(text, group[-1] + 1, one_kind=not targets)
        if targets and len(run) >= len(targets) and not isinstance(value, tuple):
            # `dx, dy = 0, 1`: the right side is the run of values, one per target
            s.use(left_start, run_end)
            _tuple_targets(nodes[0], tuple(run[: len(targets)]), walk, checks)
            continue
        rest = re.match(r"\s*,\s*([^,;]*?)(?=[,;.]|\s(?:and|so|then|gives|sets|makes)\b|$)", text[right_end:])
        if (
            targets
            and rest
            and not isinstance(value, tuple)
            and _names(_expr(rest.group(1)) or ast.Constant(0)) & known
        ):
            s.use(left_start, right_end)  # `a, b = 1, n % m`: restated code, its right side not all values
            continue
        if len(group) == 1 and len(run) >= 3 and isinstance(nodes[0], ast.Name | ast.Attribute):
            s.use(left_start, run_end)  # `p = 2, 3, 4, 5`: the values p takes, a loop summary
            checks.append(_sequence(walk, run, ast.unparse(nodes[0])))
            continue
        s.use(left_start, right_end)
        _trailing_test(s, right_end, value, checks)
        worked_on = _WORKED_ON.match(text, right_end)
        if (
            worked_on
            and len(nodes) >= 3
            and isinstance(nodes[0], ast.Name | ast.Attribute)
            and str(value) == worked_on["v"]
        ):  # `code = 25 * 7 + 4 = 179, then 179 % 100 = 79`: the name takes what the last step gives
            # (not `r = 3700, and then 3700 // 50 = 74`, nor `if both = 8, then 8 << 2 = 32`: no step worked)
            _chain_steps(nodes[1:-1], value, walk, checks)
            _chain_steps(nodes[:1], int(worked_on["r"]), walk, checks)
            _worked_steps(nodes, checks)
            continue
        if isinstance(nodes[0], ast.Tuple) and not isinstance(value, tuple):
            # `three are served, queue = 4`, `with 4 riders, total = 5 * 4 + 3 = 23`: the name before `=` is the target
            nodes[0] = nodes[0].elts[-1]
        _tuple_targets(nodes[0], value, walk, checks) or _chain_steps(nodes[:-1], value, walk, checks)
        _worked_steps(nodes, checks)


# `, then 179 % 100 = 79`: the chain's value worked on further, in the same sentence
_WORKED_ON = re.compile(
    r"\s*,?\s*(?:and\s+)?then\s+(?P<v>-?\d+)\s*(?:\*\*|//|<<|>>|[-+*/%&|^])\s*-?\d+\s*=\s*(?P<r>-?\d+)(?!\d|\.\d)"
)
_TRAILING_MEMBERSHIP = re.compile(r"\s+(?:is|was)\s+(not\s+)?in\s+")
_TRAILING_TEST = re.compile(
    r"\s*(<=|>=|<|>|==|!=)\s*(-?\d+(?:\.\d+)?)\s+(?:(?:is|was)\s+(true|false)|(holds|fails))\b", re.I
)


def _trailing_test(s: Sentence, at: int, value: object, checks: list[Check]) -> None:
    """`5 * 2 = 10 > 16 is true`: the chain's value compared with a number, and the outcome told;
    `6 % 7 = 6 is not in (5, 6)`: the chain's value tested against a collection written out."""
    member = _TRAILING_MEMBERSHIP.match(s.text, at)
    end = _right_operand_end(s.text, member.end()) if member else -1
    literal, collection = (
        _literal_value(_expr(s.text[member.end() : end]) or ast.Constant(None)) if end > 0 else (False, None)
    )
    if member and literal and isinstance(collection, (list, tuple, set)) and s.free(at, end):
        s.use(at, end)
        held, negated = any(same_value(value, item) for item in collection), bool(member.group(1))
        checks.append(Check("comparison", f"{value!r} {'not in' if negated else 'in'} {collection!r}", held != negated))
        return
    m = _TRAILING_TEST.match(s.text, at)
    if m is None or not isinstance(value, int | float) or isinstance(value, bool) or not s.free(at, m.end()):
        return
    s.use(at, m.end())
    bound = float(m.group(2)) if "." in m.group(2) else int(m.group(2))
    outcome = {"<": value < bound, ">": value > bound, "<=": value <= bound, ">=": value >= bound}.get(
        m.group(1), same_value(value, bound) == (m.group(1) == "==")
    )
    told = (m.group(3) or m.group(4)).lower() in ("true", "holds")
    checks.append(Check("comparison", f"{value} {m.group(1)} {m.group(2)} is {told}", outcome == told))


def _worked_steps(nodes: list[ast.expr | None], checks: list[Check]) -> None:
    """`(130 + 59) // 60 = 199 // 60 = 3`: each step of worked arithmetic writes values the step
    before computes (189 here); a number that none of its parts gives is a slip, even where both
    steps happen to come to the same result."""
    for before, after in zip(nodes, nodes[1:]):
        if not isinstance(before, ast.BinOp) or not isinstance(after, ast.BinOp):
            continue
        parts = [_literal_value(n) for n in ast.walk(before) if isinstance(n, ast.expr)]
        if not all(literal for literal, _ in parts):
            continue  # a step of program variables: `_chain_steps` judges it on the trace
        computed = [value for _, value in parts]
        negated = {id(n.operand) for n in ast.walk(after) if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub)}
        # (`-960 % 1440`: the number written is -960, not the 960 under its minus sign)
        written = [-n.value if id(n) in negated else n.value for n in ast.walk(after) if isinstance(n, ast.Constant)]
        stray = [w for w in written if not any(same_value(w, c) for c in computed)]
        if stray:
            checks.append(Check("arith", f"{ast.unparse(before)} -> {ast.unparse(after)} ({stray[0]!r})", False))


_SEQUENCE_VERBS = (
    r"(?:goes|went|going|grows|grew|growing|runs|ran|steps|stepped|moves|moved|climbs|climbed|cycles|"
    r"takes(?:\s+on)?|took(?:\s+on)?|passes|passed|progresses|evolves|is\s+successively|changes|changed|"
    r"rises|rose|falls|fell|drops|dropped|increases|increased|decreases|decreased|jumps|jumped|shrinks|shrank|"
    r"reads|read|go|grow|climb|rise|fall|drop|increase|decrease|jump|shrink|"  # (a plural subject: `the points go`)
    r"(?:builds|built|counts|counted|ticks|ticked|fills|filled)\s+up|follows(?:\s+along)?|followed(?:\s+along)?)"
)
_NAMED_SEQUENCE = re.compile(
    r"(?<![\w.])(?P<subject>(?:self\.)?[A-Za-z_]\w*(?:\[[^\]]{1,20}\])?)(?:\s*,\s*which)?\s+"  # (`total, which goes`)
    # (`swaps after each pass go 5, 7, 8`: the moments named between the variable and its verb)
    r"(?:(?:after|at\s+the\s+end\s+of|by\s+the\s+end\s+of)\s+(?:each|every)\s+(?:(?:outer|inner)\s+)?[a-z]+\s+"
    r"(?:of\s+`?(?:self\.)?[A-Za-z_]\w*`?\s+)?"  # (`count after each value of i goes`, `close after each i is`)
    + r"(?:"
    + _SEQUENCE_VERBS
    + r"|(?P<is_verb>is|was))|(?:over\s+the\s+run\s+)?"
    + _SEQUENCE_VERBS
    + r")\s+"
    r"(?:(?:through|over|across|as|like|from|the\s+values?|values?|on)\s+)*:?\s*(?P<value>\S)"
    r"|\b(?:walks|steps|moves|iterates|runs|loops|sweeps)\s+(?P<looped>(?:self\.)?[A-Za-z_]\w*)\s+"
    r"(?:over|through|across|along)\s+(?:the\s+values?\s+)?(?P<looped_value>\S)"
    # `Running total after each step: 7, 10, 14`
    r"|(?<![\w.])(?P<listed>(?:self\.)?[A-Za-z_]\w*)(?:\s+[a-z]+){0,4}\s*:\s*(?P<listed_value>-?\d)"
    # `32, 34 and 35 push streak to 1, 2 and 3`: the values the steps take it to
    r"|\b(?:pushes|push|pushed|takes|take|took|brings|bring|brought|moves|move|moved|raises|raise|raised)\s+"
    r"(?P<pushed>(?:self\.)?[A-Za-z_]\w*)\s+(?:up\s+|down\s+)?to\s+(?P<pushed_value>-?\d)"
    # `"the quick brown" builds cur 3, 9, 15`: the values the steps give it, one after the other
    r"|\b(?:builds|built|gives|gave)\s+(?P<given>(?:self\.)?[A-Za-z_]\w*)\s+(?P<given_value>-?\d)",
    re.IGNORECASE,
)


def _overlapping(pattern: re.Pattern, text: str):
    """Matches starting at every position (a prose word before a variable must not hide it)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


_SUBJECT_OPENING = re.compile(
    r"\s*(?:[Tt]he\s+)?((?:self\.)?[A-Za-z_]\w*)\s+(?:starts|begins|is|was|only|never|keeps)\b"
)


def _named_sequences(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`cur goes 1, 1, 2, 3`, `shifted grows 'C', 'Cr'`, `walks j over 3, 6, 9`: the values a
    named variable takes, in order (a loop summary); the named variable's history decides."""
    known = walk.facts.index.names
    opening = _SUBJECT_OPENING.match(s.text)
    for m in _overlapping(_NAMED_SEQUENCE, s.text):
        group = next(g for g in ("subject", "looped", "listed", "pushed", "given") if m.group(g))
        subject = m.group(group)
        if subject.lower() == "it" and opening and opening.group(1) in known:
            subject = opening.group(1)  # `best is replaced ...: it goes 1, 7, 10`: the sentence's subject
        start = m.start("value" if group == "subject" else f"{group}_value")
        base = subject.split("[")[0]
        if base not in known and f"self.{base}" not in known and base.removeprefix("self.") not in known:
            continue
        if m.group("is_verb") and _after_each_loop_pass(walk, subject) is None:
            continue  # (`dumps after each pour is 0, 1, 2`: no loop's passes to hold it to, a run read as such)
        if base in walk.facts.instances or re.search(
            r"[-+*/%]\s*$", s.text[: m.start("subject")] if m.group("subject") else ""
        ):
            continue  # `the lift climbs from 0 to 6`: an object (its state climbs); `r * cols + c runs from 0`: a sum
        if re.search(r"\w(?:'s|s')\s+$", s.text[: m.start()]):
            continue  # `Ash's points go 3, 4`: one entry's, told by its key (not the variable's history)
        values, end = _literal_run(s.text, start)
        if len(values) == 1 and re.search(r"\bfrom\s*$", s.text[:start]):  # `goes from 552 to 536`
            # (`from 0 to 4 and then to 10`: each `to` a next value)
            while to := re.match(r"\s*,?\s*(?:(?:and\s+)?then\s+)?(?:back\s+|up\s+|down\s+)?to\s+", s.text[end:]):
                more, stop = _literal_run(s.text, end + to.end())
                if not more:
                    break
                values, end = values + more, stop
        if (
            len(values) == 1
            and m.group("subject")
            and re.search(r"\bfrom\s*$", s.text[:start])
            and not re.match(r"\s*(?:\(|,|and\b)?[^.;]{0,40}?\bto\b", s.text[end:])
            and s.free(m.start(), end)
        ):  # `raised hi from 7 (9 > 7)`: the value it changed from, whatever it became
            s.use(m.start(), end)
            run = _collapsed([v for _, v in walk.facts.history(subject)])
            if run and "[" not in subject:
                checks.append(
                    Check(
                        "value",
                        f"{subject} changed from {values[0]!r}",
                        any(same_value(v, values[0]) for v in run[:-1]),
                    )
                )
            continue
        if len(values) < (3 if group in ("listed", "pushed", "given") else 2) or not s.free(m.start(), end):
            continue
        s.use(m.start(), end)
        if re.search(r"\b(?:length|size)\s+of\s+(?:the\s+)?$", s.text[: m.start()], re.I):
            checks.append(Check("sequence", f"len({subject}): {values}", _len_sequence(walk, subject, values)))
            continue  # `the length of refused went 0, 0, 1, 1, 2`: its sizes
        # `pos climbs 5, 6, 7`, `builds cur 3, 9, 15`: the values it took, one after the other
        stepwise = m.group("subject") is not None or m.group("given") is not None
        if stepwise and len(values) == 2 and "[" not in subject and _skips_a_step(walk, s.text, start, subject, values):
            checks.append(Check("sequence", f"{subject}: {values} (not one step of it)", False))
            continue
        entry = _entry_sequence(walk, subject, values, stepwise) if "[" in subject else None
        checks.append(entry or _sequence(walk, values, subject if "[" not in subject else None, stepwise))


# `'B' goes 1, 2, 3`, `'n' goes 2 then 3`: the values one key's entry took, the key told as the subject
_KEY_SEQUENCE = re.compile(
    r"(?<![\w'\"])(?P<key>'[^'\n]{1,20}'|\"[^\"\n]{1,20}\")\s+"
    r"(?:goes|went|climbs|climbed|rises|rose|grows|grew|counts\s+up)\s+(?:(?:through|from)\s+)?(?=-?\d)"
)


def _key_sequences(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """Numbers told for a key: the values that key's entry held in a dict of the run, in order (three
    or more: one after the other); no claim where no dict of the run has the key."""
    if "'" not in s.text and '"' not in s.text:
        return
    for m in _KEY_SEQUENCE.finditer(s.text):
        values, end = _literal_run(s.text, m.end())
        if len(values) < 2 or not s.free(m.start(), end):
            continue
        try:
            key = ast.literal_eval(m["key"])
        except (SyntaxError, ValueError):
            continue  # (`'\'`: a backslash before the closing quote, no string Python reads)
        runs = [_keyed_runs([v for _, v in history]).get(key) for history in walk.facts.histories.values()]
        runs = [run for run in runs if run]
        if not runs or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            continue
        s.use(m.start(), end)
        # (two values may be milestones, `'n' goes 2 then 4`; three or more are told one after the other)
        told = _stretch if len(values) >= 3 else _subsequence
        checks.append(Check("sequence", f"[{m['key']}]: {values}", any(told(values, run) for run in runs)))


# `over the loop`, `in total`, `by the end`: a change told across several steps
_ACROSS_STEPS = re.compile(
    r"\b(?:over|across|through(?:out)?|during|overall|total|altogether|finally|eventually|all|whole|loop|"
    r"pass(?:es)?|iterations?|rounds?|times|steps|gradually|in\s+turn|so\s+far|ends?|ended|final|last|each|every|"
    r"up\s+to|as\s+\w+\s+goes|row|column|both|back\s+to\s+back|per)\b"  # (`one step per reading`)
    # (`two sales, so sold went from 0 to 2`, `two of them came back to back`: number words are digits by now)
    # (not `4 is even`, `3 plus 8`: words ending in s that count nothing)
    r"|\b\d+\s+(?:more\s+)?(?!(?:is|was|has|does|as|plus|less|minus|its|this|thus|yes)\b)[a-z]+s\b|\b\d+\s+of\s+them\b"
    r"|\d\s*[-+*]\s*\d+\s*[-+*]\s*\d",  # (`added 0 + 0 + 8 + 8 = 16, taking even from 24 to 40`)
    re.I,
)


_ONE_STEP_VERB = r"went|goes|moves|moved|changes|changed|jumps|jumped|ticks|ticked|rises|rose|falls|fell|drops|dropped"


def _skips_a_step(walk: Walk, text: str, start: int, subject: str, values: list) -> bool:
    """`'x' does not start with 'y', so plus one: score went from 1 to 3` where score went 1, 2, 3: a
    change told as one step (`went from A to B`, no word of several steps in the sentence) between
    values the variable held, but never one right after the other."""
    if not re.search(rf"{re.escape(subject)}`?\s+(?:{_ONE_STEP_VERB})\s+from\s*$", text[:start]):
        return False
    tested = _while_counters(walk.facts)
    run = _collapsed([v for _, v in walk.facts.history(subject)])
    if _ACROSS_STEPS.search(text) or subject in walk.facts.loop_variables | tested:
        return False  # (`i runs from 0 to 7`, `j goes from 3 to 10` in `while i * j <= n`: a loop's range)
    if not all(any(same_value(v, told) for v in run) for told in values):
        return False  # (a value it never held is the sequence check's to judge)
    assigned = walk.facts.assigned_values(subject)
    return not any(
        same_value(a, values[0]) and same_value(b, values[1])
        for steps in (run, assigned)
        for a, b in zip(steps, steps[1:])
    )


def _while_counters(facts: TraceFacts) -> set[str]:
    """The names a while loop's header tests and its body steps by a constant (`while i * j <= n:`
    with `j += 1`, `self.wound += 1`): counters whose run `j goes from 2 to 15` tells, not a
    variable moved by steps of other sizes (`self.pos -= self.size`)."""
    source = facts.code_source.splitlines()
    counters: set[str] = set()
    for line, (_, header) in facts.loop_names.items():
        if not header.startswith("while") or not 0 < line <= len(source):
            continue
        indent = len(source[line - 1]) - len(source[line - 1].lstrip())
        body = []
        for text in source[line:]:
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            body.append(text)
        stepped = {m.group(1) for m in re.finditer(r"(?m)^\s*((?:self\.)?\w+)\s*[-+]=\s*\d+\s*$", "\n".join(body))}
        counters |= stepped & set(_WORD.findall(source[line - 1]))  # (the header as written, not squashed)
    return counters


def _entry_sequence(walk: Walk, subject: str, values: list, stepwise: bool) -> Check | None:
    """`counts[0] went 1, 2, 3, 4`: the values one entry of a collection took, read off the
    collection's states (the trace shows only the whole collection change); None when the entry
    has no run of values to compare with."""
    node = _expr(subject)
    if node is None:
        return None
    base = subject.split("[")[0]
    raw = []
    for i in walk.facts.changes({base}):
        try:
            value = evaluate(node, walk.facts.index.states[i])
        except Exception:  # noqa: BLE001 - the entry does not exist yet (or the name is out of scope)
            continue
        if not isinstance(value, (Opaque, UnknownValue)):
            raw.append(value)
    run = _collapsed(raw)
    if len(run) < 2:
        return None
    text = f"{subject}: {values}"
    if _stretch(values, run) or _stretch(values, raw, collapse=False):
        return Check("sequence", text, True)
    # values in a row, one of them not the entry's (`counts[0] went 1, 2, 3, 3, 5, 6`)
    # (three values with a gap may be a summary that skips one, `goes 2, 4, 5` sentence by sentence)
    long_enough = len(values) >= 4 or any(same_value(a, b) for a, b in zip(values, values[1:]))
    slipped = long_enough and (_one_off(values, run) or 1 in _stretch_misses(values, run))
    if stepwise and len(values) >= 3 and slipped:  # (`1, 2, 3, 3, 5, 6` where it went 1 to 6: a 4 miswritten)
        return Check("sequence", text + " (one off a stretch of its values)", False)
    if _subsequence(values, run):
        return Check("sequence", text, True)
    if len(values) == 2 and any(same_value(values[0], v) for v in run):
        return Check("sequence", text, False)  # `points['cats'] went from 1 to 3`: it went from 1 to 4
    return Check("sequence", text, False) if _one_off(values, raw) else None


_IS_VALUE = re.compile(
    r"\s+(?:is|equals|gives|gave|makes|comes to|evaluates to|yields|yielded|produces|produced|results in)\s+(?:exactly\s+)?"
)
_WHICH_IS_VALUE = re.compile(
    r"`?\s*,\s*which\s+(?:is|equals|gives|evaluates\s+to)\s+`?(?!true\b|false\b)[-\d'\"\[({]", re.I
)


# `s.strip().lower()` turns "  Ab " into "ab": a method chain applied to a stated input
_TRANSFORM_VERB = re.compile(r"\s+(?:turns|converts|changes|maps|makes|transforms|gives)\s+")
_TRANSFORM = re.compile(
    r"(?<![\w.])(?P<receiver>(?:self\.)?[A-Za-z_]\w*)(?P<chain>(?:\.[A-Za-z_]\w*\([^()]*\))+)" + _TRANSFORM_VERB.pattern
)


def _container_of_entry(target: str, facts: TraceFacts) -> str | None:
    """`counts` for the entry `counts[ch]` when the run's `counts` is a dict whose entries are never
    dicts (so a dict told as the entry's value is the whole dict's)."""
    entry = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*)\[[^\[\]]+\]", target)
    if entry is None:
        return None
    held = [value for _, value in facts.history(entry.group(1))]
    if held and all(isinstance(v, dict) and not any(isinstance(x, dict) for x in v.values()) for v in held):
        return entry.group(1)
    return None


def _assigned_target(code: str) -> str | None:
    """`self.slots[day] += n` -> `self.slots[day]`: the target of one assignment statement, or None."""
    try:
        body = ast.parse(code.strip()).body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if len(body) != 1:
        return None
    node = body[0]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
    return ast.unparse(targets[0]) if len(targets) == 1 and not isinstance(targets[0], ast.Tuple) else None


_STATE_CHANGE = re.compile(
    r"(?<![\w.])(?P<subject>(?:self\.)?[A-Za-z_]\w*)(?:\[[^\]]{1,20}\])?" + _TRANSFORM_VERB.pattern
)


def _from_into(text: str, at: int) -> tuple[object, object, int] | None:
    """`'The' into 'the'` (or `... to ...`) from `at`: the two literals and where the phrase ends,
    or None when it is not two literals joined so."""
    source_end = _right_operand_end(text, at)
    into = re.match(r"\s+(?:into|to)\s+", text[source_end:]) if source_end > 0 else None
    if into is None:
        return None
    result_end = _right_operand_end(text, source_end + into.end())
    if result_end < 0:
        return None
    source, result = _expr(text[at:source_end]), _expr(text[source_end + into.end() : result_end].rstrip(".,"))
    ok_source, first = _literal_value(source)
    ok_result, second = _literal_value(result)
    return (first, second, result_end) if ok_source and ok_result else None


def _state_changes(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`self.slots[day] += n` turns [0, 0] into [3, 0]: one step of a variable's history (or of one
    of its entries'), the first value followed by the second."""
    text, known = s.text, walk.facts.index.names
    for m in _STATE_CHANGE.finditer(text):
        name = m.group("subject")
        name = name if name in known else f"self.{name.removeprefix('self.')}"
        history = [v for _, v in walk.facts.history(name)]
        change = _from_into(text, m.end()) if history else None
        if change is None or not s.free(m.start(), change[2]):
            continue
        first, second, end = change
        runs = [_collapsed(history)] + [_collapsed(run) for run in _keyed_histories(history)]
        if any(same_value(v, first) for run in runs for v in run):
            ok = any(same_value(a, first) and same_value(b, second) for run in runs for a, b in zip(run, run[1:]))
        else:  # `word = raw.lower()` turns 'The' into 'the': the input mapped, so the new value is what counts
            ok = any(same_value(v, second) for run in runs for v in run)
        s.use(m.start(), end)
        checks.append(Check("value", f"{name}: {first!r} -> {second!r}", ok))


def _transformations(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`t.strip().lower()` turns "#Python" into "#python": the chain evaluated on the input the
    sentence names (the claim holds or not whatever moment it is said of)."""
    for m in _TRANSFORM.finditer(s.text):
        change = _from_into(s.text, m.end())
        if change is None or not s.free(m.start(), change[2]):
            continue
        before, after, end = change
        applied = _expr(repr(before) + m.group("chain"))
        ok, computed = _literal_value(applied)
        if ok:
            s.use(m.start(), end)
            checks.append(Check("arith", f"{before!r}{m.group('chain')} = {after!r}", same_value(computed, after)))


_STRING = r"'[^'\n]*'|\"[^\"\n]*\""
# `" id" strips to "id"`, `stripping 'Bob,' gives 'Bob'`, `reversing 132 gives 231`: a string
# operation the program does, told on a value the sentence writes out
_TOLD_OPERATION = re.compile(
    rf"(?P<before>{_STRING})(?:,?\s+which)?\s+(?:strips|is\s+stripped)(?:\s+down)?\s+to\s+(?P<after>{_STRING})"
    rf"|\bstripping\s+(?:it\s+)?(?:gives|leaves|yields)\s+(?P<after2>{_STRING})"
    r"|\breversing\s+(?P<reversed>\d+|" + _STRING + r")\s+(?:gives|yields|makes)\s+(?P<result>\d+|" + _STRING + r")",
    re.I,
)


def _told_operations(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """A strip or a reversal told on written values: worked, as the program's own calls would."""
    code = walk.facts.code_source
    for m in _TOLD_OPERATION.finditer(s.text):
        if not s.free(m.start(), m.end()):
            continue
        if m.group("reversed"):
            nodes = _expr(m.group("reversed")), _expr(m.group("result"))
            if None in nodes:
                continue  # (a quoted text Python cannot read as a string: left as prose)
            before, after = (_literal_value(node)[1] for node in nodes)
            ok = str(before)[::-1].lstrip("0" if isinstance(before, int) else "") == str(after)
            s.use(m.start(), m.end())
            checks.append(Check("arith", f"reversed({before!r}) = {after!r}", ok))
            continue
        if m.group("after2"):  # `stripping gives 'Bob'`: of the last string written before it
            written = list(re.finditer(_STRING, s.text[: m.start()]))
            if not written:
                continue
            before_text, after_text = written[-1].group(0), m.group("after2")
        else:
            if re.search(
                r"\b(?:after|before|from|than|of|with|between|like|past|following|by)\s*$", s.text[: m.start()]
            ):
                continue  # `the empty piece after '7' strips to ''`: the piece strips, not '7'
            before_text, after_text = m.group("before"), m.group("after")
        before, after = before_text[1:-1], after_text[1:-1]
        # what the program's own strip calls (and the case changes around them) can make of it
        # (`lstrip` and `rstrip` too: `"/apix"` stripped by `p.lstrip("/")` is `'apix'`)
        calls = re.findall(r"\.([lr]?strip)\((?:'([^'\\]*)'|\"([^\"\\]*)\")?\)", code)
        strips = [getattr(before, name)(a or b or None) for name, a, b in calls] or [before.strip()]
        made = {t for x in strips for t in (x, x.lower(), x.upper(), x.capitalize(), x.title(), x.casefold())}
        s.use(m.start(), m.end())
        checks.append(Check("arith", f"{before_text} stripped = {after_text}", after in made))


def _unknown_names(node: ast.expr, known: frozenset[str]) -> set[str]:
    """The names in `node` that are neither the program's (a local, or an attribute `self.kept`,
    written with or without `self.`) nor a builtin a claim may call."""
    return (
        {
            n
            for n in _names(node)
            if n not in known and n.removeprefix("self.") not in known and f"self.{n}" not in known
        }
        - SAFE_CALLS
        - {"self"}
    )


def _literal_claims(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`1900 % 400 is 300`, `40 & 39 gives 32`: arithmetic written in words; `len(name) is 6`,
    `names.index('Fri') is 5`: an expression of program variables, evaluated on the trace."""
    text, known = s.text, walk.facts.index.names
    for m in _IS_VALUE.finditer(text):
        start = _left_operand_start(text, m.start(), known)
        end = _right_operand_end(text, m.end())
        conjunction = list(re.finditer(r"\s(?:and|or)\s", text[start : m.start()]))
        if conjunction and isinstance(_expr(text[start : m.start()]), ast.BoolOp):
            start += conjunction[-1].end()  # `gaps = [2, 5] and len(present) is 5`: prose `and`
        if end < 0 or start >= m.start() or not s.free(start, end):
            continue
        if re.search(r"\breturn\s[^`;]*[\w\])]\s*,\s*$", text[:start]) and text[m.end() :].lstrip(" `").startswith("("):
            continue  # `return sum(...), rows[0]` gives (13, [...]): the tuple's last part, not the whole
        if re.match(r"(?:\s*,\s*-?\d+)*\s*,?\s+or\s+-?\d", text[end:]):
            continue  # `lo + hi is 12 or 13`, `len(items) is 7, 8 or 9`: the values it may have, not a claim of one
        left, right = _expr(text[start : m.start()]), _expr(text[m.end() : end].rstrip("."))
        if left is None or right is None:
            continue
        ok_right, value = _literal_value(right)
        if not ok_right or (value is None and re.match(r"\)?" + _TRUTH_AFTER.pattern, text[end:], re.I)):
            continue  # (`self.hooks[1] is None` is False: a test's outcome, read by `_compound_truths`)
        if re.search(r"(?:[<>=!]=?|\bin|\bnot)\s*$", text[:start]) or isinstance(value, bool):
            continue  # `len(a) > len(b) is True`: the comparison's truth, read by `_comparisons`
        ok_left, computed = _literal_value(left)
        if ok_left and isinstance(computed, int) and re.fullmatch(r"[01]{4,}", text[m.end() : end].strip(" .")):
            s.use(start, end)  # `164 = 10100100`: the number in binary
            checks.append(
                Check(
                    "arith",
                    f"bin({computed}) = {text[m.end() : end].strip()}",
                    bin(computed)[2:] == text[m.end() : end].strip(" .").lstrip("0"),
                )
            )
            continue
        negative_literal = isinstance(left, ast.UnaryOp) and isinstance(left.operand, ast.Constant)
        if ok_left and isinstance(left, (ast.BinOp, ast.UnaryOp, ast.Call, ast.Subscript)) and not negative_literal:
            run, run_end = _literal_run(text, m.end())
            if len(run) >= 2 and not isinstance(computed, (str, int, float)):  # `reversed('3a7') yields '7', 'a', '3'`
                try:
                    computed, value, end = list(computed), run, run_end
                except TypeError:
                    pass
            percent = re.match(r"\s*(?:%|percent\b)", text[end:])
            if percent and isinstance(value, int | float):
                value, end = value / 100, end + percent.end()  # `7 / 8 is 87.5%`: a share told as a percentage
            elif (
                isinstance(computed, tuple)
                and isinstance(value, int)
                and re.match(r"\s+(?:[\w-]+\s+)?[a-z]+", text[end:])
            ):
                computed = computed[0]  # `divmod(50, 24) gives two full days with ...`: the quotient, in words
            s.use(start, end)
            checks.append(Check("arith", f"{ast.unparse(left)} = {value!r}", _same_result(computed, value)))
        elif not ok_left and isinstance(left, (ast.BinOp, ast.Call, ast.Subscript)) and _names(left):
            if _unknown_names(left, known):
                continue
            if isinstance(value, int) and re.match(r"\s+(?:\w+\s+)?[a-z]+s\b", text[end:]):
                left = ast.Call(ast.Name("len", ast.Load()), [left], [])  # `s.split() gives 3 words`
            run, run_end = _literal_run(text, m.end())
            scalar = isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id in _SCALAR_CALLS
            if len(run) >= 2 and isinstance(left, ast.Call) and not scalar and not isinstance(value, (list, tuple)):
                left = ast.Call(ast.Name("list", ast.Load()), [left], [])  # `reversed(words)` gives 'c', 'b', 'a'
                value, end = run, run_end
            found = walk.call_value(left, value) if isinstance(left, ast.Call) else walk.find(left, value)
            if found.ok is not None:
                s.use(start, end)
                checks.append(found)


def _same_result(computed: object, stated: object) -> bool:
    """A computation's stated result: the value, or a float written to fewer decimals, rounded or
    cut (`18.0 / 7 = 2.5714...`, `= 2.57`); a whole number is never a float's shortening."""
    if same_value(computed, stated):
        return True
    if not isinstance(computed, float) or not isinstance(stated, float) or math.isnan(computed):
        return False
    decimals = len(repr(stated).split(".")[1]) if "." in repr(stated) and "e" not in repr(stated) else 0
    scale = 10**decimals
    return decimals >= 2 and stated in (round(computed, decimals), math.trunc(computed * scale) / scale)


def _named_before(before: str, last: ast.expr, size: int, known: frozenset[str]) -> ast.expr | None:
    """`The return is till.cash, till.sales, refused = (45, 3, 2)`: the names listed before the one
    next to `=`, as many as the tuple has values, are its targets with it (None where they are not
    all the program's names)."""
    listed = re.search(r"((?:[A-Za-z_][\w.]*\s*,\s*){%d})$" % (size - 1), before)
    if listed is None or re.search(r"[\w.]$", before[: listed.start()]):
        return None
    node = _expr(f"({listed.group(1)}{ast.unparse(last)})")
    if (
        not isinstance(node, ast.Tuple)
        or not all(isinstance(target, ast.Name | ast.Attribute) for target in node.elts)
        or _unknown_names(node, known)
    ):
        return None  # (`since first is None, first = (0, 6)`: a test's value, not a target)
    return node


def _tuple_targets(node: ast.expr | None, value: object, walk: Walk, checks: list[Check]) -> bool:
    """`a, b = 1, 2` is two claims, a = 1 and b = 2."""
    if not isinstance(node, ast.Tuple) or not isinstance(value, tuple) or len(node.elts) != len(value):
        return False
    for target, item in zip(node.elts, value):
        _chain_steps([target], item, walk, checks)
    return True


def _chain_steps(nodes: list[ast.expr | None], value: object, walk: Walk, checks: list[Check]) -> None:
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and not isinstance(value, bool):
            node = node.operand  # `the fee is 18 and not 3 * 2 + 6 = 12`: prose `not`, the working after it
        literal, computed = _literal_value(node)
        if literal and isinstance(computed, str) and not isinstance(value, str):
            continue  # `'a'` = 4: a key named with its count, not a string worked out to a number
        if literal:
            binary = isinstance(computed, int) and re.fullmatch(r"[01]{3,}", str(value)) is not None
            binary = binary and (isinstance(node, ast.Constant) or len(str(value)) >= 4)  # `5 = 101`, not `3 + 1 = 100`
            ok = _same_result(computed, value) or (binary and bin(computed)[2:] == str(value))  # `164 = 10100100`
            # (`^` as a power only where the program does no XOR)
            ok = (
                ok
                or _binary_numeral(node, value, re.search(r"\b(?:bits?|binary)\b", walk.sentence, re.I) is not None)
                or ("^" not in walk.facts.code_text and _caret_as_power(node, value))
            )
            checks.append(Check("arith", f"{ast.unparse(node)} = {value!r}", ok))
            continue
        known = walk.facts.index.names
        unknown = {n for n in _names(node) - known - SAFE_CALLS if f"self.{n}" not in known}
        if unknown:
            continue  # prose words, not program variables (`passed` for `self.passed` is the attribute)
        found = walk.find(node, value)
        if found.ok is not None:
            checks.append(found)


def _binary_numeral(node: ast.expr, value: object, bits_told: bool = False) -> bool:
    """`11111 = 31`: a number written in base 2, then its value (`101 = 5` too, in a sentence of bits)."""
    digits = str(node.value) if isinstance(node, ast.Constant) and isinstance(node.value, int) else ""
    return len(digits) >= (3 if bits_told else 4) and set(digits) <= {"0", "1"} and int(digits, 2) == value


def _caret_as_power(node: ast.expr, value: object) -> bool:
    """`2^5 * 3^2 = 288`: `^` written as a power, as in mathematics (on literals alone)."""
    if not any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitXor) for n in ast.walk(node)):
        return False
    powers = _expr(ast.unparse(node).replace("^", "**"))
    literal, computed = _literal_value(powers)
    return literal and _same_result(computed, value)


_SUBJECT = re.compile(
    r"(?:(?P<measure>(?:the\s+)?(?:length|number|size|count)\s+of\s+(?:the\s+)?(?:list\s+|string\s+)?)?)"
    r"(?<![\w.])(?P<subject>(?:self\.)?[A-Za-z_]\w*(?:\[[^\]]{1,20}\])?)\s+"
    r"(?:(?:now|still|also|first|later|then|finally|eventually|again)\s+)?"
    r"(?P<verb>(?P<has>has (?:a )?(?:length|size)(?: of)?|is of length)|" + _VALUE_VERBS[3:-1] + r")\s+"
    r"(?:(?:equal\s+to|now|still|the\s+value|the\s+values|values|from)\s+)?(?P<value>\S)",
    re.IGNORECASE,
)


_ITEM_NOUNS = r"\s+(?:entries|items|elements|values|keys|words|letters|characters|chars|pairs|names|numbers)\b"


_CLAUSE_WORDS = {"so", "and", "but", "then", "because", "while", "when", "as", "since", "thus", "hence", "therefore"}
_CONTAINER_NOUNS = {"list", "dict", "dictionary", "set", "string", "tuple", "stack", "queue", "counter", "array", "map"}


# words after which `to b is 3` is a change or a comparison (`goes up to b`), not a step from one thing to another
_PAIR_NOT_AFTER = (
    r"goes|go|went|gone|set|sets|changes?|changed|moves?|moved|rises?|rose|drops?|dropped|falls?|fell|climbs?|"
    r"climbed|grows?|grew|up|down|back|equal|close|closer|due|next|compared|according|added|adds?|belongs?|points?|"
    r"maps?|mapped|refers?|applied|applies|leads?|led|returns?|passed|passes|sent|sends?|assigned|turns?|turned|"
    r"more|less|fewer|extra|it|them|one|this|that|these|those|all|each|both|way|on|in|out|over|and|or|from|is|was"
)


_NO_STATE_OF_THE_SUBJECT = re.compile(
    r"\b(?:whether|whenever|when|if)\s+$"  # `check whether old is 0`: a condition the code tests
    r"|\b(?:added|appended|pushed|put|inserted|moved|sent)\s+(?:on|in)?to\s+$",  # `added to evens was 10`: what went in
    re.I,
)


def _verb_subject(m: re.Match, text: str, known: frozenset[str]) -> str | None:
    """The program variable a `_SUBJECT` match names (`total` may be `self.total`), or None where
    the words are prose: part of an expression, or a noun phrase (`the run of answers is 2`)."""
    subject = m.group("subject")
    near = text[max(0, m.start("subject") - 80) : m.start("subject")]  # (patterns anchored at the end: search near it)
    named = re.search(r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s+$", near) if subject.lower() in _CONTAINER_NOUNS else None
    if named:
        for name in (named.group(1), f"self.{named.group(1).removeprefix('self.')}"):
            if name in known:
                return name  # `the issued list finishes as [...]`: the container the program names
    base = subject.split("[")[0].removeprefix("self.")
    lowered = base[:1].lower() + base[1:]
    if base not in known and lowered != base and not text[: m.start("subject")].strip(" *-`"):
        if lowered in known or f"self.{lowered}" in known:  # `Total becomes 74`: the sentence's first word
            subject, base = lowered + subject[len(base) :], lowered
    if base not in known and f"self.{base}" in known:
        subject = f"self.{subject.removeprefix('self.')}"  # `total` for the attribute `self.total`
    elif base not in known and subject.split("[")[0] not in known:
        return None
    if m.group("measure"):
        return subject
    before_text = text[: m.start("subject")]
    pair = re.search(r"((?:(?:self\.)?[A-Za-z_]\w*\s*,\s*)+)$", near.rstrip("` ")) if m.group("value") == "(" else None
    if pair:
        names = [n.strip() for n in pair.group(1).split(",") if n.strip()] + [subject]
        if all(n in known or f"self.{n}" in known for n in names):
            return "(" + ", ".join(names) + ")"  # `x, y` ends at `(1, -2)`: the pair the code unpacks
    if m.group("verb").lower() == "equal to" and re.search(
        r"\b(?:counts?|counted|counting|keeps?|kept|finds?|found|filters?|selects?|picks?|skips?)\s+$", near, re.I
    ):
        return None  # `counts readings equal to 0`: which items it counts, not a value of readings
    nothing = re.search(r"\b(?:no|none\s+of\s+the)\s+((?:[a-z]+\s+){0,4})$", near, re.I)
    if nothing and not set(nothing.group(1).lower().split()) & _CLAUSE_WORDS:
        return None  # `no earlier pair reaching 12`, `no leaf in the data is -1`: a value nothing held
    if _NO_STATE_OF_THE_SUBJECT.search(before_text):
        return None
    pair = re.search(
        r"(?:(?<![\w.])([A-Za-z]+)\s+)?(?<![\w.])([A-Za-z_]\w*|'[^'\n]*'|\"[^\"\n]*\")\s+to\s+$", before_text
    )
    if pair and not any(w and re.fullmatch(_PAIR_NOT_AFTER, w, re.I) for w in pair.groups()):
        return None  # `x to b is 22`: the step from x to b (a distance), not a value of b
    if re.search(r"(?:'[^'\n]*'|\"[^\"\n]*\"|(?<![\w.])-?\d+)\s*,?\s*whose\s+$", before_text):
        # `'C', whose code is 67`: a property of the value just written (the argument `code` is not it);
        # `pots whose moisture is 9, 7` may well name the attribute
        return None
    if re.search(r"\b(?:(?:after|before)\s+the|every|each)\s+$", before_text, re.I) or (
        re.search(r"\bbefore\s+$", before_text, re.I) and re.match(r"reach", m.group("verb"), re.I)
    ):
        # `the slice after the prefix is 'ab'`, `every row sums to 10`: a phrase, not the name's value;
        # `stops before i reaches 5`: a value it may never take
        return None
    if re.search(
        r"(?:[-+*/%<>=!&|^(~]|\b(?:in|not|of|if|minus|plus|times|by|over)\b|\b(?:minus|plus|times|over)\s+the)\s*$",
        before_text,
    ):  # part of an expression or a phrase (`'c' in new is False`, `p - low are ...`, `the coins minus the price equals 13`)
        return None
    if re.search(
        r"(?:\bof\s+(?:[a-z]+\s+){0,2}|\b(?:first|last|next|other)\s+(?:\d+\s+)?|(?<![=\s])\s*\b\d+\s+)$", before_text
    ):  # (`At i = 0 run was 4`: the number ends the moment's own claim, then the name)
        return None  # `the run of correct answers is 2`, `the first two digits are 1 and 5`: a phrase
    before = before_text.rstrip().split()
    if (
        len(before) >= 2
        and before[-2].lower() == "the"
        and before[-1] not in known
        and not subject.startswith("self.")
        and not before[-1].endswith((",", ";", ":"))  # (`After the loop, failed is 5`: a clause, then the name)
        and not re.search(
            r"\b(?:at|in|by|from|after|before|until|to)\s+the\s+"
            r"(?:end|start|beginning|moment|time|point|finish|loop|call|swap|pass|iteration|round)\s*$",
            before_text,
            re.I,
        )
    ):  # (`At the end total is 15`, `before the loop low was 16`: a moment, then the name)
        return None  # "the full capacity is 35": a prose noun phrase (but `the second self.pos` is the attribute)
    return subject


# `turns n into 450`, `brings total to 15`, `sets best to 'kim'`, `resets used to 3`, `lifts score to 17`:
# the object takes that value
_OBJECT_SET = re.compile(
    r"\b(?:(?:turns|turned|turning|makes|made|sets|set|setting|brings|brought|bringing|takes|took|taking|pushes|"
    r"pushed|pushing|changes|changed|changing|resets|reset|resetting|lifts|lifted|lifting|raises|raised|raising|"
    r"lowers|lowered|lowering|bumps|bumped|bumping|updates|updated|updating)\s+(?P<subject>(?:self\.)?[A-Za-z_]\w*)\s+(?:into|to)"
    r"|(?:leaves|leaving|left)\s+(?P<left>(?:self\.)?[A-Za-z_]\w*)\s+(?:at|as|equal\s+to)"
    r"|(?:making|makes|made)\s+(?P<made>(?:self\.)?[A-Za-z_]\w*))\s+(?=[-\d'\"\[({])"  # `making total 6`
)


# `count climbs to four and k to ten`: the second subject shares the first's verb
_ELLIPTIC_TO = re.compile(
    r"\b(?:climbs|climbed|goes|went|rises|rose|falls|fell|drops|dropped|grows|grew|moves|moved|jumps|jumped|"
    r"increases|increased|decreases|decreased|changes|changed|comes|came)\s+(?:back\s+|up\s+|down\s+)?to\s+"
    r"[^,;]*?\band\s+(?P<subject>(?:self\.)?[A-Za-z_]\w*)\s+to\s+(?=[-\d'\"\[({])"
)


# `with evens at 2 and odds at 3`: the state a step leaves, told as an aside
_ENTRY = r"(?:self\.)?[A-Za-z_]\w*(?:\['[^'\]\n]{1,20}'\])?"  # (`scores['lee']` too)
_WITH_AT = re.compile(r"\b[Ww]ith\s+(?P<subject>" + _ENTRY + r")\s+(?:still\s+|now\s+)?at\s+(?=[-\d'\"\[({])")
_WITH_AT_AND = re.compile(
    r"\b[Ww]ith\s+" + _ENTRY + r"\s+(?:still\s+|now\s+)?at\s+[^,;]*?\band\s+"
    r"(?P<subject>" + _ENTRY + r")\s+(?:still\s+|now\s+)?at\s+(?=[-\d'\"\[({])"
)


def _object_values(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    known = walk.facts.index.names
    for m in [
        *_OBJECT_SET.finditer(s.text),
        *_ELLIPTIC_TO.finditer(s.text),
        *_WITH_AT.finditer(s.text),
        *_WITH_AT_AND.finditer(s.text),
    ]:
        group = next(g for g in ("subject", "left", "made") if m.groupdict().get(g))
        subject = m.group(group)
        if subject == "it" and "it" in known:  # `self.dupes = 2, and the last 'b' makes it 3`: the pronoun
            named = [n for n in re.findall(r"(?:self\.)?[A-Za-z_]\w*", s.text[: m.start()]) if n in known and n != "it"]
            subject = named[-1] if named else subject
        if subject not in known and f"self.{subject}" in known:
            subject = f"self.{subject}"
        end = _right_operand_end(s.text, m.end())
        value = _expr(s.text[m.end() : end].rstrip(".")) if end > m.end() else None
        literal, wanted = _literal_value(value)
        if subject.split("[")[0] not in known or not literal or not s.free(m.start(group), end):
            continue
        if re.match(r"\s*(?:,\s*)?(?:then|and then|,)\s*-?\d", s.text[end:]):
            continue  # `pushes inner to 44, 53 and 55`: a run, read as one
        s.use(m.start(group), end)  # (the first subject of `count climbs to 4 and k to 10` stays to read)
        found = walk.find(_expr(subject), wanted)
        if found.ok is not None:
            checks.append(found)


_COMPARATIVE = (
    r"\s+(?:[a-z]+\s+)?(?:longer|shorter|more|less|fewer|bigger|smaller|larger|greater|higher|lower|wider|"
    r"narrower|older|newer|earlier|later)\s+than\b"
    r"|\s+(?:more|less|fewer|extra)\b(?!\s+than\b)"  # (`a non-empty load is one more pack`: a difference)
)


def _a_list_of_its_values(m: re.Match, subject: str, values: list, walk: Walk) -> bool:
    """`the word list was ['oak', 'fir']`: a container noun after a variable that never holds a
    collection names a list of its values (the loop's words), not a value of it."""
    return (
        m.group("subject").lower() in _CONTAINER_NOUNS
        and all(_is_collection(v) for v in values)
        and not any(_is_collection(v) for _, v in walk.facts.history(subject))
    )


# `w = w.lower()` (restated in backticks) `gives 'tall'`: the sentence reads `w gives 'tall'`, the
# value the restated assignment left in its target
_ASSIGNMENT_GIVES = re.compile(
    r"(?<![\w.])(?P<subject>(?:self\.)?[A-Za-z_]\w*)\s+(?:gives|gave|yields|yielded|produces|produced)\s+(?:us\s+)?"
)


def _assignment_gives(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`w = w.lower()` restated, then `gives 'tall'`: w holds 'tall' once that line ran."""
    if "`" not in walk.raw_sentence:
        return
    for m in _ASSIGNMENT_GIVES.finditer(s.text):
        subject = m.group("subject")
        bare = subject.removeprefix("self.")
        restated = re.search(rf"`(?:self\.)?{re.escape(bare)}\s*=(?!=)\s*([^`]+)`", walk.raw_sentence)
        if not restated or _literal_value(_expr(restated.group(1)))[0] or not walk.facts.history(subject):
            continue  # (`j = 1` restated, then `gives 9 - 1 = 8`: a value the code sets, then another result)
        values, end = _literal_run(s.text, m.end())
        if len(values) != 1 or not s.free(m.start(), end):
            continue
        if not re.match(r"\s*(?:$|[.,;:)]|\s(?:and|so|which|since|because|as|then|but|for)\b)", s.text[end:]):
            continue  # (`gives (173 + 1) % 256 = 174`: a computation follows)
        given = _given_by_line(walk, subject, restated.group(0).strip("`"))
        if given is None:
            continue  # (the line calls into the program, or never ran: nothing to read its result by)
        s.use(m.start(), end)
        found = _verb_value(walk, subject, _expr(subject), values[0], "is", False, s.text[end:])
        found.position = m.start()
        sets = walk.facts.set_events(subject)
        stretches = [
            (k, next((i for i in sets if i > k), len(walk.facts.index.events)))
            for k, v in given
            if _told_as(v, values[0])
        ]
        found.events = [i for i in found.events if any(a <= i < b for a, b in stretches)]
        if found.ok and not found.events:
            found.ok, found.at = False, None
            found.text += " (not what that line gave)"
        elif found.ok:
            found.at = found.events[0]
        checks.append(found)


def _after_each_run(facts: TraceFacts, code: str) -> list[int]:
    """For each run of the program line `code`, the event at which its changes are all shown (the
    last change event after the line's own, before the next event that is no change)."""
    events, line = facts.index.events, squash(code)
    return [
        next((k for k in range(i + 1, len(events)) if events[k].kind not in ("new", "modified")), len(events)) - 1
        for i, e in enumerate(events)
        if e.kind == "line" and squash(e.source) == line
    ]


def _given_by_line(walk: Walk, subject: str, code: str) -> list[tuple[int, object]] | None:
    """(event, value) for each run of the program line `code`: the value `subject` holds once the
    line ran. None where it did not run, or runs code of the program before it assigns."""
    index = walk.facts.index
    given = []
    for k in _after_each_run(walk.facts, code):
        if k + 1 < len(index.events) and index.events[k + 1].kind not in ("line", "return"):
            return None
        state = index.states[k]
        name = subject if subject in state else f"self.{subject.removeprefix('self.')}"
        if name not in state or isinstance(state[name], Opaque):
            return None
        value = state[name]
        given.append((k, value))
    return given or None


# `score moves to 12, 15, 17`: verbs that tell each value a variable took in turn
_MOVED_TO = re.compile(
    r"(?:goes|went|moves|moved|climbs|climbed|rises|rose|grows|grew|increases|increased|jumps|jumped|drops|dropped|"
    r"falls|fell|decreases|decreased)(?:\s+to|\s+through)?|becomes|became",
    re.I,
)


def _verb_claims(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`x is 3`, `total becomes 12`, `the length of xs is 4`, `total goes 3, 7, 12`."""
    known = walk.facts.index.names
    for m in _SUBJECT.finditer(s.text):
        subject = _verb_subject(m, s.text, known)
        if subject is None:
            continue
        if re.match(r"(?:must|has|had)\b", m.group("verb")) and re.search(
            r"\b(?:plus|minus|times|and|or|of|with)\s+(?:that\s+|the\s+)?$", s.text[: m.start("subject")]
        ):
            continue  # `principal plus that interest must be 1050`: a sum, not interest's value
        start = m.start("value")
        values, end = _literal_run(s.text, start)
        if len(values) == 2 and re.match(
            r"\s*(?:[<>]=?|[=!]=|=(?!=)|is\b)|\s+(?!then\b|and\b|or\b)[a-z]{2,}", s.text[end:]
        ):
            # `held = 100, 30 > 100 is False`, `acc is 1, ~1 is -2`, `the level is 0, 13 units were
            # drawn`: the second starts the next claim
            values, end = values[:1], _right_operand_end(s.text, start)
        if not values or not s.free(m.start("subject"), end) or _a_list_of_its_values(m, subject, values, walk):
            continue
        after = s.text[end:]
        if re.match(r"\s*(?:by|x)\s+\d", after):
            continue  # `a and b are 2 by 2 matrices`: a shape
        if re.search(
            r"\b(?:all|both|none\s+of\s+the|each\s+of\s+the)\s+`?$", s.text[: m.start("subject")], re.I
        ) and re.match(r"(?:are|were)\b", m.group("verb").lower()):
            s.use(m.start("subject"), end)
            continue  # `All lanes were 0`: each of many, not the value of a variable called lanes
        if re.match(_COMPARATIVE, after):
            s.use(m.start("subject"), end)
            continue  # `s is one character longer than body`, `load is one more pack`: a difference, not its value
        if _HAS_OF_VALUE.match(s.text, m.start("subject")):
            continue  # `log holds 5 "over" entries`: how many items are that value (`_sizes`), not log's value
        if re.match(r"\s*,?\s*followed\s+by\b", after):
            s.use(m.start("subject"), end)
            continue  # `ways starts as [1] followed by 18 zeros`: the start of the value, not all of it
        if (
            re.match(r"\s*,?\s+or\s+(?:-?\d|(?:some|any|another)\s+other\b)", after)
            or (
                len(values) == 1 and re.match(r"\s+or\s+[a-z]+\b|\s+(?:[a-z]+\s+)?(?:per|for each|each|every)\b", after)
            )
            or (
                re.search(r"\b(?:is|are|was|were)\s+from\s+$", s.text[:start])
                and re.match(r"\s+(?:to|through)\s+-?\d", after)
            )
        ):  # `n is 0 or positive`, `gets 1 item per x`, `weight_g is from 1001 to 1500`: a range or a rate;
            # `hours was 2, 26, 50 or some other number`: values it may have had
            s.use(m.start("subject"), end)
            continue
        verb = m.group("verb").lower()
        counted = (
            (
                len(values) == 1
                and isinstance(values[0], int)
                and (
                    re.match(r"\s+(?:(?!(?:and|or|then|so|but)\b)\w+(?:-\w+)*\s+)?[a-z]+s\b", after)
                    or (values[0] == 1 and verb in ("holds", "has", "contains") and re.match(r"\s+[a-z]+\b", after))
                )  # `seen has 4 words`, `kept holds 1 name`
            )
            or _count_told_before(s.text[: m.start("subject")], verb, values)
        )
        held = [v for _, v in walk.facts.history(subject)]
        if (
            counted
            and held
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in held)
            and m.group("verb").lower() not in ("are", "were")
            and not re.search(r"\d\s+(?:[a-z]+\s+)?$", s.text[: m.start("subject")])  # (`2 full hours is 120 minutes`)
            and re.match(r"\s+(?!times\b)[a-z]+s\b(?!\s+(?:plus|minus|times|of|whose|and)\b)", after)
        ):
            counted = False  # `f is now 96 degrees`: a number with its unit (a number has no size)
        if _told_sizes(s, (m.start("subject"), end), subject, values, counted and verb, held, walk, checks):
            continue
        if verb in ("has", "have") and not counted:
            continue  # `x has 3`: unclear what of x
        measured = bool(m.group("measure") or m.group("has") or counted)  # `parts[1:] holds 2 words`
        node = _expr(f"len({subject})" if measured else subject)
        if (
            counted
            and held
            and all(isinstance(v, str) for v in held)
            and not re.match(
                r"\s+(?:[\w-]+\s+)?(?:characters|chars|letters|digits|symbols|bytes|words|tokens)\b", after
            )
        ):
            s.use(m.start("subject"), end)
            continue  # `the line has five comma-separated fields`: parts of a string, not its characters
        keyed = _keyed_count(walk, subject, after) if counted else None
        if keyed is not None:
            node, measured = keyed, False  # `the stock has 5 nuts`: the dict's entry for 'nut', not its size
        if node is None:
            continue
        s.use(m.start("subject"), end)
        stepped = len(values) == 2 and re.search(r"\bthen\b|->|→", s.text[start:end])  # `becomes 74, then 97`
        if len(values) >= 3 or (len(values) == 2 and verb in ("goes", "goes to", "are", "were")) or stepped:
            # (`score moves to 12, 15, 17`: each value the next it took, so one skipped is a slip)
            moved = len(values) >= 3 and bool(_MOVED_TO.fullmatch(verb))
            checks.append(
                _sequence(walk, values, subject, stepwise=moved)
                if not measured
                else Check("sequence", f"len({subject}): {values}", _len_sequence(walk, subject, values))
            )
            continue
        found = _verb_value(walk, subject, node, values[-1], verb, measured, after)
        if found.ok is not None:
            checks.append(found)


def _count_told_before(before: str, verb: str, values: list) -> bool:
    """`evens holds 13 numbers and odds holds 12`: the noun of a count just told is left out of the next."""
    return (
        verb in ("holds", "has", "contains", "held", "had", "contained")
        and len(values) == 1
        and type(values[0]) is int
        and re.search(rf"\b{verb}\s+\d+\s+[a-z]+s\s*,?\s+(?:and|while|but)\s+`?$", before) is not None
    )


def _told_sizes(
    s: Sentence, span: tuple[int, int], subject: str, values: list, counted_verb: str, held: list, walk: Walk,
    checks: list[Check],
) -> bool:  # fmt: skip
    """Sizes told of a collection's items or over its history (True where the span is so read):
    `pairs grows to 7, 8 and then 9 entries` (its sizes, in order), `the rows are 4 characters wide`,
    `both words have 5 letters` (the size of each item, not how many there are; `counted_verb` is the
    verb where a count was told)."""
    after = s.text[span[1] :]
    if len(values) >= 2 and all(isinstance(v, int) for v in values) and re.match(_ITEM_NOUNS, after):
        s.use(*span)
        checks.append(Check("sequence", f"len({subject}): {values}", _len_sequence(walk, subject, values)))
        return True
    wide = counted_verb in ("are", "were") and re.match(r"\s+[a-z]+\s+(?:wide|long)\b", after)
    # `Both words have five letters`: each item's size, where the sentence speaks of each of them
    each_has = (
        counted_verb in ("have", "had")
        and re.match(r"\s+(?:letters|characters|chars|digits)\b", after)
        and re.search(r"\b(?:both|all|each\s+of)(?:\s+(?:the|its|their))?\s*$", s.text[: span[0]], re.I)
    )
    if not (wide or each_has):
        return False
    s.use(*span)
    sizes = {len(item) for v in held if isinstance(v, (list, tuple)) for item in v if isinstance(item, str)}
    if sizes:  # (`both words` may be two of them the sentence before named: a size some item has)
        checks.append(Check("count", f"each of {subject}: {values[-1]}", values[-1] in sizes))
    return True


def _keyed_count(walk: Walk, subject: str, after: str) -> ast.expr | None:
    """`stock['nut']` for `stock has 5 nuts` where the dicts `stock` holds have the key 'nut'."""
    noun = re.match(r"\s+([a-z]+?)(?:es|s)?\b", after)
    dicts = [v for _, v in walk.facts.history(subject) if isinstance(v, dict)]
    for key in (noun.group(1), noun.group(0).strip()) if noun and dicts else ():
        if any(key in d for d in dicts):
            return _expr(f"{subject}[{key!r}]")
    return None


def _verb_value(
    walk: Walk, subject: str, node: ast.expr, value: object, verb: str, measured: bool, after: str
) -> Check:
    """One value said of a variable (or of its size, when `measured`)."""
    found = walk.find(node, value)
    if found.ok is False and measured and re.match(r"\s+(?:\w+\s+)?(?:words|tokens)\b", after):
        words = _expr(f"len({subject}.split())")  # `text has 6 words`: a string's words
        split = walk.find(words, value) if words is not None else found
        found = split if split.ok else found
    if found.ok is False and verb in ("gets", "contains", "holds", "are", "were") and not measured:
        # `log gets 'g'`: an item the collection gains
        if any(
            (isinstance(v, (list, set, tuple, dict)) and contains(v, value))
            or (isinstance(v, str) and isinstance(value, str) and value in v)  # `the code contains 'c12'`
            for _, v in walk.facts.history(subject)
        ):
            found.ok, found.text = True, f"{subject} gets {value!r}"
    conditional = re.match(r"\s*(?:when|if|whenever|unless|for)\b", after)
    if found.ok is False and verb in ("is", "are", "was", "were") and re.match(r"\s*(?:to|through)\s+-?\d", after):
        found.ok = None  # `rows are 0 to 1`: a range of values the name stands for, not one value it held
    if (
        found.ok is False
        and not measured
        and re.match(r"\s*(?:when|if|whenever|unless)\s+(?:\x00|`?[\w.]+\s*(?:[<>]=?|[=!]=|is\b|in\b))", after)
    ):
        found.ok = None  # `a fine is 0 when over <= 0`: what the code gives in a case, not a state of this run
    if (
        found.ok
        and not measured
        and not walk.backward
        and _CHANGE_VERB.fullmatch(verb)
        and not _set_from_here(walk, subject, node, value)
    ):
        found.ok = False
        found.text += " (no change to it from here on)"
    if found.ok and not measured and not conditional and not _reached_that_way(walk, subject, value, verb):
        found.ok = False  # `plates drop to 4` where no step of the run lowers plates to 4
        found.text += " (never reached that way)"
    if (
        found.ok
        and re.fullmatch(
            r"(?:ends|ended|finishes|finished)(?: up)?(?: as| at)?|\w+\s+(?:the|that|this)\s+\w+\s+at", verb
        )
        and not measured
        and not conditional
        and not _A_STRETCH_TOLD.search(walk.raw_numbers)
    ):
        # `self.turn ends at 6`: the value a call (or a loop's run) leaves behind, not one it passes through;
        # `the final counts are ...` of an attribute: what the whole run leaves (a method's return ends no tally)
        whole_run = subject.startswith("self.") and f"finally {subject} ends at" in walk.sentence
        # (going forward, an end still to come: one the walk has passed was told before)
        since = None if walk.backward else walk.pointer
        finals = walk.facts.final_values(subject, inner_returns=not whole_run, since=since)
        if finals and not any(same_value(v, value) for v in finals):
            found.ok = False
            found.text += " (not its final value)"
    return found


# `The first 3 customers arrive ..., and free_at ends at 9`: where a stretch of the run ends, not the whole run
_A_STRETCH_TOLD = re.compile(r"\b(?:first|next)\s+\d+\b", re.I)

_DIRECTED_VERBS = {
    "down": r"drops?|dropped|falls?|fell|decreases?|decreased|shrinks?|shrank",
    "up": r"rises?|rose|climbs?|climbed|increases?|increased|grows?|grew",
}
_DOWN_TO = re.compile(r"(?:goes|go|went)\s+down\s+to|(?:" + _DIRECTED_VERBS["down"] + r")(?:\s+back)?\s+to")
_UP_TO = re.compile(r"(?:goes|go|went)\s+up\s+to|(?:" + _DIRECTED_VERBS["up"] + r")(?:\s+back)?\s+to")


def _recased_unstored(name: str, verb: str, facts: TraceFacts) -> bool:
    """`sentence is lowercased to '...'` where the code calls `sentence.lower()` but assigns no
    recased value to `sentence` (`sentence = sentence.strip().lower()` would): what the call made,
    not a value of the variable."""
    call = {"lowercased": "lower", "uppercased": "upper", "capitalized": "capitalize", "titlecased": "title"}.get(verb)
    if call is None:
        return False
    bare = re.escape(name.removeprefix("self."))
    return not re.search(rf"(?<![\w.])(?:self\.)?{bare}\s*=[^=\n][^\n]*\.{call}\(", facts.code_source)


def _direction_kept(verb: str) -> str:
    """`goes to`, or `goes down to` / `goes up to` for a verb that says which way a number went
    (`drops`, `climbed`; not `moves down to`, which may be a row below)."""
    if re.fullmatch(_DIRECTED_VERBS["down"], verb):
        return "goes down to"
    if re.fullmatch(_DIRECTED_VERBS["up"], verb):
        return "goes up to"
    return "goes to"


def _reached_that_way(walk: Walk, subject: str, value: object, verb: str) -> bool:
    """`drops to 4` / `rises to 9`: some step of the run takes the number down (up) to that value.
    True where the verb gives no direction or the values are not numbers."""
    down, up = _DOWN_TO.fullmatch(verb), _UP_TO.fullmatch(verb)
    if not (down or up) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    bare = subject.removeprefix("self.")
    histories = [[v for _, v in walk.facts.histories.get(name, [])] for name in (bare, f"self.{bare}")]
    histories = [h for h in histories if h]
    if not histories or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for h in histories for v in h):
        return True  # (`balance` may be the parameter or the attribute: either may take the step)
    return any(same_value(b, value) and (a > b if down else a < b) for h in histories for a, b in zip(h, h[1:]))


_CHANGE_VERB = re.compile(
    r"goes up to|goes down to|drops to|falls to|rises to|climbs to|increases to|decreases to|grows to|jumps to|"
    r"becomes|became|changes to|is updated to|goes to|moves to|drops back to|falls back to|climbs back to|goes back to|"
    r"is now|is set to|now holds|shifts to|is shifted to|shifts down to"
)


def _set_from_here(walk: Walk, subject: str, node: ast.expr, value: object) -> bool:
    """`lives goes down to 1`: a change the narration has not told yet, so an event at or after
    the pointer sets the variable to the value (a value it held before the change is a slip)."""
    sets = walk.facts.set_events(subject)  # (`counts[4]` changes where counts does)
    later = sets[bisect_left(sets, walk.pointer) :]
    if not later:  # the change was told already and nothing changes it again: a restatement (a reflection)
        return bool(walk.holds(node, value, walk.pointer))
    # a change an earlier sentence already told (`mask becomes 5` twice) is not a new one
    told = walk.told_changes.get(subject, -1)
    at = next((i for i in later if i > told and walk.holds(node, value, i)), None)
    if at is None:
        return False
    walk.told_changes[subject] = at
    return True


def _len_sequence(walk: Walk, subject: str, values: list[object]) -> bool:
    sized = (str, list, tuple, dict, set)
    lengths = [len(v) for _, v in walk.facts.history(subject) if isinstance(v, sized)]
    # `after each pass the length of ways goes 0, 0, 1, 2`: its size at each pass of a loop, repeats included
    passes = [[len(v) for v in run if isinstance(v, sized)] for run in walk.facts.per_iteration(subject)]
    if any(_stretch(values, run, collapse=False) for run in passes):
        return True
    repeats = any(same_value(a, b) for a, b in zip(values, values[1:]))
    if repeats and any(len(run) >= len(values) for run in passes):
        return False  # (a repeated size is a pass that added nothing: the passes decide where it is)
    return _subsequence(values, lengths)


_BARE_VALUE = re.compile(
    r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s+(-?\d+(?:\.\d+)?|'[^']*'|\[[^\]]*\])(?=\s*(?:[.;)]|,(?!\s*[-\d'\[])|$))"
)


_PREPOSITIONS = frozenset("below above under over past beyond within after before around near upto until".split())
_BEFORE_A_PREPOSITION = re.compile(
    r"\b(?:is|are|was|were|be|been|each|all|both|stays?|stayed|remains?|remained|falls?|fell|drops?|dropped|"
    r"goes|went|go|still|just|well|far|not|never|lies|lie|sits|sit|one|ones)\s+$",
    re.I,
)


def _bare_values(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'+10': balance 40.`: a variable named right before a value, in a terse listing."""
    known = walk.facts.index.names
    for m in _BARE_VALUE.finditer(s.text):
        name = m.group(1)
        if re.search(r"\b(?:in|at|on|from|to|by|into|onto|for)\s+$", s.text[: m.start()], re.I):
            continue  # `both in row 1`, `'A' for row 0`: a place the prose names, not the variable `row`
        if re.search(r"\b(?:no|never\s+an?)\s+$", s.text[: m.start()], re.I):
            continue  # `there is no key 2`: a thing the run never makes, not a value `key` holds
        if (
            name in ("a", "an")
            and re.search(r"[A-Za-z]\s+$", s.text[: m.start()])
            and not re.search(r"\b(?:and|then|so)\s+$", s.text[: m.start()])
        ):
            continue  # `exactly one number has a 1`: the article, not the variable `a`
        if (
            name not in known
            and f"self.{name.removeprefix('self.')}" in known
            and not re.search(r"\b(?:of|the|its|their|his|her)\s+$", s.text[: m.start()], re.I)
            and not name.endswith("ed")  # `the read returned 'a'`: a verb, not `self.returned`
        ):
            name = f"self.{name.removeprefix('self.')}"  # `total 30` of the attribute `self.total`
        if name not in known or not s.free(m.start(), m.end()):
            continue
        if name.lower() in _PREPOSITIONS and _BEFORE_A_PREPOSITION.search(s.text[: m.start()]):
            continue  # `are each below -3`, `stays above 10`: a comparison in words, not the variable `below`
        node, value = _expr(name), _expr(m.group(2))
        literal, wanted = _literal_value(value)
        if node is None or not literal:
            continue
        found = walk.find(node, wanted)
        if found.ok is False and not isinstance(wanted, (list, tuple, dict, set)):
            # `the third customer waits 2`: an element of the list `waits`
            history = walk.facts.histories.get(name, [])
            found.ok = any(contains(v, wanted) for _, v in history) or found.ok
        if found.ok is not None:
            s.use(m.start(), m.end())
            checks.append(found)


def _kind_of(value: object) -> str:
    if isinstance(value, (list, tuple, dict, set)):
        return "collection"
    return "text" if isinstance(value, str) else "scalar"


_SUBJECT_OF_THE_NEXT = re.compile(
    r"\s+(?:both\s+)?(?:map|maps|mapped|give|gave|go|went|land|landed|become|became|turn|turned|end\s+up|"
    r"add|added|get|got|hold|held|receive|received)\b"
)
_TESTED_AFTER = re.compile(
    r"\s*(?:==|!=|<=|>=|<(?!-)|>|fails\b|passes\b"
    r"|(?:not\s+)?in\s+`?[A-Za-z_][\w.]*`?\s+(?:is|was|holds|held|fails|failed|gives|gave|comes|came)\b"
    # (`evens goes 1, 2, then 9 is skipped, then 3`: a value passed over, not the next one)
    # (`'.'.join(letters) gives 'A.M', then '. ' is appended`: what is done with it, not the next value)
    r"|(?:is|was|are|were|gets|got)\s+(?:skipped|ignored|dropped|rejected|discarded|passed\s+over)\b"
    r"|(?:is|was|gets|got)\s+(?:appended|added|prepended|attached|concatenated|inserted|pushed|removed|popped)\b)"
)  # (`1, 3, 4 in turn`: the run's end)


def _literal_run(text: str, start: int, one_kind: bool = True) -> tuple[list[object], int]:
    """Literals from `start`, separated by commas, arrows or `then`: (values, end); all of one
    kind unless `one_kind` is off (the right side of `day, temp = 'mon', 14`)."""
    values: list[object] = []
    i = end = start
    ends: list[int] = [start]  # (where the run ended before each value)
    joined = ""  # (what joined the last value to the one before)
    chained = 0  # (how many arrows in a row joined the last values)
    while i < len(text):
        stop = _right_operand_end(text, i)
        if stop < 0:
            break
        node = _expr(text[i:stop].rstrip("."))
        if node is None:
            break
        literal, value = _literal_value(node)
        if not literal:
            break
        if values and one_kind and _kind_of(values[-1]) != _kind_of(value):
            break  # `the rolls are [(3, 3), ...], ten rolls`, `balance is 15, 'w:10' at 5`: not one run
        if values and re.match(r"\s*=(?!=)", text[stop:]):
            break  # `the total goes 3, 9, 21 and 21 % 10 = 1`: arithmetic told after the run, not in it
        if values and _TESTED_AFTER.match(text, stop):
            break  # `from 1 to 6, and then 6 in taken was False`, `then -5 fails v > 0`: a test's operand
        if values and _COUNTED.match(text, stop):
            break  # `i takes 0, 1, 2, 3, four iterations in all`, `15 -> 4 bits`: a count, not the next value
        if len(values) >= 2 and joined == "," and _COUNTED_NOUN.match(text, stop):
            break  # `9, 12, 15, eight values`: how many, not one more value
        if len(values) >= 3 and joined == "," and _MORE_OF_A_NOUN.match(text, stop):
            break  # `n goes 4, 1, -2, two more hours`: a count of something else
        if len(values) >= 2 and joined == "and" and _SUBJECT_OF_THE_NEXT.match(text, stop):
            # `'a' maps to '2', 'h' and 'i' map to '4'`: the next clause's subjects, not more values
            # (not `the orders ('a', 3), ('b', 4), ('a', 2) give 9`: the whole run is the subject)
            values.pop()
            end = ends[-2]
            break
        values.append(value)
        end = stop
        ends.append(stop)
        sep = _SEQUENCE_SEP.match(text, stop)
        if not sep or sep.end() == stop:
            break
        if len(values) == 1 and re.fullmatch(r"\s*and\s*", sep.group(0)):
            break  # `x is 2 and 5 <= 2`: a conjunction, not the list `2, 5 and 7`
        if chained >= 2 and sep.group(0).strip() == ",":
            break  # `40 → 20 → 10 → 5, three shifts`: a chain written with arrows ends where they do
            # (not `206 -> 103, 778 -> 389`: steps, each a pair)
        i, joined = sep.end(), sep.group(0).strip()
        chained = chained + 1 if joined in ("->", "→") else 0
    return values, end


_AFTER_EACH = re.compile(
    r"\b(?:after|at\s+the\s+end\s+of|by\s+the\s+end\s+of)\s+(?:each|every)\s+(?:(?P<nesting>outer|inner)\s+)?(?P<noun>[a-z]+)\b"
    r"|\b(?P<unit>[a-z]+)\s+by\s+(?P=unit)\b",  # (`number by number, tally goes ...`)
    re.I,
)


def _after_each_loop_pass(walk: Walk, subject: str) -> set[int] | None:
    """`After each word, total is ...`: the header lines of the loops whose passes the sentence
    holds the values told of `subject` to (the noun the unit of a loop, or a pass word: any loop),
    said before the subject is named or right after it (`hits after each row goes ...`, `row by
    row`); None when it holds them to none."""
    name = re.escape(subject.removeprefix("self."))
    for m in _AFTER_EACH.finditer(walk.sentence):  # (`row by row over i, close after each i is`: the one naming a loop)
        if not (
            regex(rf"(?<![\w.]){name}\b").search(walk.sentence[m.end() :])
            or regex(rf"(?<![\w.]){name}`?\s*,?\s*$").search(walk.sentence[: m.start()])
        ):  # (`After each word, total is ...`, or `total after each row goes ...`)
            continue
        noun = (m.group("noun") or m.group("unit")).lower()
        if noun in ("pass", "iteration", "round", "loop", "step"):
            return set(walk.facts.loop_names)
        named = {h for plural in (noun + "s", noun + "es") for h in _loops_named_by(walk.facts, plural)}
        if named and m.group("nesting"):  # (`after each outer word` of two loops over the words: the first)
            named = {min(named) if m.group("nesting").lower() == "outer" else max(named)}
        if named:
            return named
    return None


def _after_each_pass(walk: Walk, subject: str, values: list[object], headers: set[int]) -> bool:
    """`After each word, total is 3, 16, 27, 63`: a stretch of the values `subject` holds each time
    the header of one of those loops runs (the state each pass leaves), or no loop to hold it to."""
    passes = walk.facts.per_iteration(subject, headers)
    if not passes:
        return True
    last = [v for _, v in walk.facts.history(subject)][-1:]  # (a `break` leaves before the header shows it)
    # (values told with a repeat tell every pass, the ones that changed nothing too: `2, 4, 5, 5, 7, 8`
    # is not `2, 4, 5, 7, 7, 8`)
    told_each = any(same_value(a, b) for a, b in zip(values, values[1:]))
    return any(
        _stretch(values, run, collapse=False) or (not told_each and _stretch(values, run))
        for run in passes + [p + last for p in passes]
    )


def _is_collection(value: object) -> bool:
    return isinstance(value, (list, tuple, set, frozenset, dict))


def _sequence(walk: Walk, values: list[object], subject: str | None, stepwise: bool = False) -> Check:
    """Values in order in one variable's history (a named one, else any). A change told as `from 3
    to 2` is told for the change verbs after it (`lives goes down to 2` again is not a new change)."""
    check = _values_in_order(walk, values, subject, stepwise)
    if check.ok and subject and len(values) == 2 and not walk.backward:
        a, b = values
        names = (subject.removeprefix("self."), "self." + subject.removeprefix("self."))  # (either may be told)
        told = max(walk.told_changes.get(name, -1) for name in names)
        steps = [
            i
            for name in names
            for (_, x), (i, y) in zip(walk.facts.histories.get(name, []), walk.facts.histories.get(name, [])[1:])
            if i > told and i >= walk.pointer - walk.window and same_value(x, a) and same_value(y, b)
        ]
        if steps:
            walk.told_changes.update(dict.fromkeys(names, min(steps)))
    return check


def _values_in_order(walk: Walk, values: list[object], subject: str | None, stepwise: bool = False) -> Check:
    histories = walk.facts.histories
    headers = _after_each_loop_pass(walk, subject) if subject and len(values) >= 3 else None
    if headers is not None and not _after_each_pass(walk, subject, values, headers):
        return Check("sequence", f"{subject}: {values} (not its values pass by pass)", False)
    # a local and an attribute can share a name (`floor` the argument, `self.floor` the state)
    names = [subject.removeprefix("self."), "self." + subject.removeprefix("self.")] if subject else list(histories)
    repeats = any(same_value(a, b) for a, b in zip(values, values[1:]))
    slipped = _slip_in_a_run(walk, values) if subject is None else None
    if slipped:
        return Check("sequence", f"values: {values} (one off {slipped})", False)
    wrong_repeat = _a_wrong_repeat(walk, values, names if subject else None) if repeats else None
    if wrong_repeat:
        return Check("sequence", f"{subject or 'values'}: {values} ({wrong_repeat})", False)
    for name in names:
        history = [v for _, v in histories.get(name, [])]
        samples = walk.facts.assigned_values(name) if subject and repeats else []
        passes = walk.facts.per_iteration(name) if subject and repeats else []
        # (values of the kind the variable holds: `order grows 3, 6, 2` tells elements of a list)
        same_kind = bool(history) and all(_is_collection(v) == _is_collection(history[-1]) for v in values)
        if len(samples) >= len(values) or (same_kind and any(len(run) >= len(values) for run in passes)):
            # `cur goes 1, 1, 2`: a repeated value is a second assignment of it
            if _stretch(values, samples, collapse=False):
                return Check("sequence", f"{subject}: {values}", True)
            # `jars climbs 0, 2, 3, 3`: week by week (its last value too, where a `break` left the loop
            # before its header showed the last pass's result)
            if any(_stretch(values, run, collapse=False) for run in passes + [run + history[-1:] for run in passes]):
                return Check("sequence", f"{subject}: {values}", True)
            continue
        skipped = _skips_one_value(walk, name, values, history) if subject and stepwise else None
        if skipped:
            return Check("sequence", f"{subject}: {values} ({skipped} a stretch of its values)", False)
        # (a collection's items are each written out: a value told twice is two items, not one held on)
        if _subsequence(values, history) or (
            len(history) == 1 and _subsequence(values, _items(history[0]), collapse=False)
        ):
            return Check("sequence", f"{subject or 'values'}: {values}", True)
        if subject and history and _subsequence(values, _items(history[-1]), collapse=False):
            # `order grows 3, 6, 2`: the elements a collection gained, in order
            return Check("sequence", f"{subject}: {values}", True)
        if subject and any(
            isinstance(v, (set, frozenset, dict)) and all(any(same_value(x, item) for item in v) for x in values)
            for v in history
        ):  # `taken holds (0, 1), (0, 2) and (2, 3)`: members of a set, in no order
            return Check("sequence", f"{subject}: {values}", True)
        if subject and stepwise and _slip_in_an_entrys_run(values, history):
            return Check("sequence", f"{subject}: {values} (one off a stretch of one entry's values)", False)
        if _one_entrys_history(values, history, named=subject is not None):
            return Check("sequence", f"{subject or 'values'}: {values}", True)
    if subject is None:
        return _run_of_no_named_variable(walk, values)
    named_runs = [[v for _, v in histories.get(name, [])] for name in names]
    if not any(named_runs):  # a comprehension's variable, say: pysnooper never shows it
        return Check("sequence", f"{subject}: {values}", None)
    close = any(_one_off(values, run) or _subsequence(values, run) for run in named_runs) or _one_off_named(
        walk, values, subject
    )
    if not close and len(values) >= 3 and any(_subsequence(values, [v for _, v in h]) for h in histories.values()):
        return _another_variables_run(walk, values, named_runs)
    return Check("sequence", f"{subject or 'values'}: {values}", False)


def _run_of_no_named_variable(walk: Walk, values: list[object]) -> Check:
    """Values in order with no variable named: of some variable (pairs of variables set together),
    of a run the program computed, or elements of a collection it holds."""
    histories = walk.facts.histories
    # `(a, b) goes (0, 1), (1, 2), (2, 4)`: pairs of the variables a line sets together
    joint = _joint_runs(walk, values)
    if any(_subsequence(values, run) for run in joint):
        return Check("sequence", f"values: {values}", True)
    # values the program computed without naming them (`p - low` each day): that run, or a slip in it
    computed = walk.facts.expression_runs()
    if any(_stretch(values, run) for run in computed):
        return Check("sequence", f"values: {values}", True)
    if len(values) >= 5 and any(_one_off(values, run) for run in computed):
        return Check("sequence", f"values: {values} (one off a computed run)", False)
    # the elements of one collection the execution holds, in order (the input, say)
    if any(
        _subsequence(values, _items(v), collapse=False)
        or any(_subsequence(values, _items(row), collapse=False) for row in _items(v))
        for v in walk.facts.known_values + walk.facts.code_literals
    ):
        return Check("sequence", f"values: {values}", True)
    # values listed, not a history (`digits 2, 3, 4 and 5 once each`): elements of one collection
    digits = [
        [int(d) for d in str(abs(v))] for v in walk.facts.known_values if isinstance(v, int) and not isinstance(v, bool)
    ]
    pool = walk.facts.known_values + walk.facts.code_literals + digits
    if any(_all_elements(values, v) or _subsequence(values, _items(v), collapse=False) for v in pool):
        return Check("sequence", f"values: {values}", True)
    # Values of no variable named: derived in the head (digits, spaces, hypotheticals) they
    # cannot be checked; but one that differs in a single place from a run of a variable's
    # history is that summary with a wrong value in it.
    runs = [[v for _, v in h] for h in histories.values()]
    runs += [keyed for run in runs[:] for keyed in _keyed_histories(run)]
    runs += [run for name in histories for run in walk.facts.per_iteration(name)]  # `after each week: ...`
    runs += [_items(v) for v in walk.facts.known_values if len(_items(v)) >= len(values)]
    runs += joint
    return Check("sequence", f"values: {values}", False if any(_one_off(values, r) for r in runs) else None)


# `a, b = b, a + b`, `for x, y in pairs:`: variables a line sets together
_SET_TOGETHER = re.compile(r"^\s*(?:for\s+)?\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*\)?\s*(?:=(?!=)|in\b)", re.M)


def _joint_runs(walk: Walk, values: list[object]) -> list[list[tuple]]:
    """For tuples of one size k, the states (one after another, repeats once) of each k variables
    that one line of the code sets together; [] for other values."""
    size = len(values[0]) if values and isinstance(values[0], tuple) else 0
    if size < 2 or not all(isinstance(v, tuple) and len(v) == size for v in values):
        return []
    groups = {tuple(re.split(r"\s*,\s*", m.group(1))) for m in _SET_TOGETHER.finditer(walk.facts.code_source)}
    runs = []
    for group in (g for g in groups if len(g) == size):
        run: list[tuple] = []
        for event, state in zip(walk.facts.index.events, walk.facts.index.states):
            # (at each step, not between the new values a line shows one by one)
            if event.kind in ("line", "return") and all(name in state for name in group):
                held = tuple(state[name] for name in group)
                if not run or not same_value(run[-1], held):
                    run.append(held)
        runs.append(run)
    return runs


def _another_variables_run(walk: Walk, values: list[object], named_runs: list[list]) -> Check:
    """Values in order in the history of a variable other than the one named (`only the positive
    ones count as drops: 5, 4, 7` are diff's, the noun naming what they are). Still a slip: a run
    one off what some variable held pass by pass (`the balance after each payment goes 920, 838,
    ..., 582, 593, 402`: 593 is debt before a payment, in its history but not after a pass), and
    one off the items the named list came to hold."""
    # (not where the named variable holds one of them: `reaches 27 after i = 0, then 59, 93` is read
    # from i's 0 on)
    own = any(same_value(v, x) for run in named_runs for v in run for x in values)
    slipped = None if own else _slip_in_a_run(walk, values)
    # (`maxes grows 6, 6, 7, 7, 7, 6` where the list came to hold 6, 6, 7, 4, 7, 6: its items, one off)
    items = [_items(run[-1]) for run in named_runs if run and isinstance(run[-1], (list, tuple))]
    if not slipped and any(1 in _stretch_misses(values, held) for held in items):
        slipped = "the items it holds"
    return Check("sequence", f"values: {values}" + (f" (one off {slipped})" if slipped else ""), not slipped)


def _skips_one_value(walk: Walk, name: str, values: list, history: list) -> str | None:
    """`pos climbs 5, 6, 8` where pos went 5, 6, 7, 8: values of a named variable in order, but
    with a gap, that differ in one place from a stretch of its values in a row, or leave one of
    them out (nor are they what it held pass by pass): how, else None. Matching the history only
    in order let the slip through."""
    if len(values) < 3 or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return None
    passes = walk.facts.per_iteration(name)
    assigned = walk.facts.assigned_values(name)
    if _stretch(values, history) or any(_stretch(values, run) for run in passes) or _stretch(values, assigned, False):
        return None
    # (`moved goes 4, 7, 12, 17` where moved counts every step: one off what it held after each pass;
    # `streak goes 1, 2, 3, 0, 1` where it was set 1, 2, 0, 0, 1: one off its assignments, repeats kept)
    if (
        _one_off(values, history)
        or (len(values) >= 4 and any(_one_off(values, run) for run in passes))
        or (len(values) >= 5 and 1 in _stretch_misses(values, assigned))
    ):
        return "one off"
    return "one value left out of" if _one_left_out(values, history) else None


def _one_left_out(values: list, run: list) -> bool:
    """`best goes 1, 2, 4, 5` where it went 1, 2, 3, 4, 5: a stretch of `run` with one value inside
    it left out (so each value told is not the next it took)."""
    run, values = _collapsed(run), _collapsed(values)
    n = len(values)
    return any(
        all(same_value(a, b) for a, b in zip(values, run[start : start + k] + run[start + k + 1 : start + n + 1]))
        for start in range(len(run) - n)
        for k in range(1, n)
    )


def _held_runs(facts: TraceFacts) -> list[list]:
    """The items of each collection the run or the code holds, of each row of one (a grid's rows),
    and the keys and the values of each mapping, in order."""
    held = facts.known_values + facts.code_literals
    mappings = [v for v in held if isinstance(v, dict)]  # (`the keys appear in the order 3, 4, 2, 6, 1`)
    return (
        [_items(v) for v in held]
        + [_items(row) for v in held for row in _items(v)]
        + [list(v) for v in mappings]
        + [list(v.values()) for v in mappings]
    )


def _slip_in_a_run(walk: Walk, values: list) -> str | None:
    """`the running value at the end of each word is 4, 8, 11, 16, 26, 28`: five or more numbers
    named by no variable that differ in one place from what some variable held at each pass of a
    loop, or from what a line computed each time it ran (`the window sums are ...`), and match no
    run of the program outright: the run they slip from, or None. A counter that steps through
    every value holds any rising run somewhere, so matching its whole history in order let a slip
    taken from another pass through."""
    if len(values) < 5 or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return None
    facts = walk.facts
    runs = {"a pass-by-pass run": [run for name in facts.histories for run in facts.per_iteration(name)]}
    runs["a computed run"] = facts.expression_runs()
    runs["a call-by-call run"] = facts.per_call()  # (`dumps after each pour`: the state each call left)
    every = [run for kind in runs.values() for run in kind]
    if len(values) >= 7 and any(same_value(a, b) for a, b in zip(values, values[1:])):
        # `after each value: 0, 0, 1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8`: a long run with repeats tells
        # pass by pass, so each repeat is read where it stands (collapsed, the 7 repeated for 8 matched)
        slipped = next(
            (kind for kind, found in runs.items() if any(1 in _stretch_misses(values, r) for r in found)), None
        )
        if slipped:
            exact = every + _held_runs(facts)
            return None if any(_stretch(values, run, collapse=False) for run in exact) else slipped
    # (pass by pass as the run held it, repeats included: `after each i: 17, 29, 35, 43, 50, 52, 54`
    # for 17, 29, 35, 43, 52, 52, 54, where a pass that adds nothing repeats the 52; small counts
    # told with repeats of their own, `add 1, 1, 2, 2, 1 and 2`, are not read so)
    distinct = len(values) >= 5 and len(_collapsed(values)) == len(values)
    slipped = next(
        (
            kind
            for kind, found in runs.items()
            if any(_one_off(values, r) or (distinct and 1 in _stretch_misses(values, r)) for r in found)
        ),
        None,
    )
    if slipped is None:
        return None
    histories = [[v for _, v in h] for h in facts.histories.values()]
    # (`the count for remainder 3 goes 1, 2, 3, 4, 5`: one key's value in a mapping the run built)
    exact = every + histories + [run for h in histories for run in _keyed_histories(h)] + _held_runs(facts)
    return None if any(_stretch(values, run) for run in exact) else slipped


def _repeat_held_nowhere(walk: Walk, values: list) -> bool:
    """`the running value is 2, 5, 6, 6, 6` named by no variable, where `level` went 2, 5, 6 and
    held 2, 5, 5, 6, 6 after each pass: a summary whose repeats no pass-by-pass record of the
    variable shows (a value carried from a neighbouring pass). Judged only where the values, taken
    once each, are three or more in a row of a variable's changes and that variable was recorded
    pass by pass (its assignments, its value at each pass); values the code computed without
    naming them, or held in a collection (a grid's row or column), are what they are."""
    if len(_collapsed(values)) < 3:
        return False
    facts = walk.facts
    held = facts.known_values + facts.code_literals
    exact = facts.expression_runs() + _held_runs(facts)
    exact += [
        list(column) for v in held if _items(v) and all(_items(row) for row in _items(v)) for column in zip(*_items(v))
    ]
    if any(_stretch(values, run, collapse=False) for run in exact):
        return False
    judged = False
    for name, hist in facts.histories.items():
        history = [v for _, v in hist]
        if not _stretch(values, history):
            continue
        passes = facts.per_iteration(name)
        runs = [facts.assigned_values(name)] + passes + [run + history[-1:] for run in passes]
        if not any(len(run) >= len(values) for run in runs):
            return False
        if any(_stretch(values, run, collapse=False) for run in runs):
            return False
        judged = True
    return judged


def _a_wrong_repeat(walk: Walk, values: list, names: list[str] | None) -> str | None:
    """Why a summary's value repeated in a row is wrong (of a named variable's `names`, or of none), if it is."""
    if names is None and _repeat_held_nowhere(walk, values):
        return "a value repeated where no run repeats it"
    if _repeat_over_a_change(walk, values, names):
        return "a value repeated where the run changed it"
    return None


def _repeat_over_a_change(walk: Walk, values: list, names: list[str] | None) -> bool:
    """`the running XOR goes 9, 14, 14, 13` where it went 9, 14, 15, 13: a value repeated in a row
    stands for a pass that left it as it was, but the variable's history, in a row, changed it
    there: the listed values are that stretch but for the repeat, and no run of the program (its
    histories taken with repeats collapsed, every assignment, pass by pass, computed or held)
    has them in a row."""
    facts = walk.facts
    if len(values) < 3:
        return False
    if names is None and not _told_as_a_history(walk.sentence, values):
        return False  # (`the steps add 1, 2, 2 and 4`: amounts, not the values of one variable)
    pool = names if names is not None else list(facts.histories)
    histories = [[v for _, v in facts.histories.get(name, [])] for name in pool]
    # (an attribute is shown again, unchanged, at each call of a method that reads it: its changes)
    histories = [_collapsed(h) if name.startswith("self.") else h for name, h in zip(pool, histories)]

    def repeat_for_a_change(stretch: list) -> bool:  # (the one place they differ is the repeat)
        misses = [k for k, (a, b) in enumerate(zip(values, stretch)) if not same_value(a, b)]
        return len(misses) == 1 and any(  # (`goes 0, 4, 7, 7` for 0, 4, 5, 7: the repeat's first, too)
            0 <= k < len(values) and k != misses[0] and same_value(values[misses[0]], values[k])
            for k in (misses[0] - 1, misses[0] + 1)
        )

    n = len(values)
    if not any(repeat_for_a_change(h[start : start + n]) for h in histories for start in range(len(h) - n + 1)):
        return False
    exact = facts.expression_runs() + _held_runs(facts)
    exact += [facts.assigned_values(name) for name in pool] + [
        run for name in pool for run in facts.per_iteration(name)
    ]
    every = [[v for _, v in h] for h in facts.histories.values()]
    return not any(_stretch(values, run, collapse=False) for run in exact) and not any(
        _stretch(values, run) for run in every
    )


_HISTORY_CUE = re.compile(
    r"(?:\b(?:goes|go|went|going|moves?|moved|through|takes?|took|climbs?|climbed|runs?|ran|becomes?|became|"
    r"builds?\s+up|built\s+up|grows|grew|rises|rose|gives|"
    r"are|were|is|was|values?|sequence)|:)\s*$",
    re.I,
)


def _told_as_a_history(sentence: str, values: list) -> bool:
    """Whether the values follow a word that tells a variable's course (`it goes 2, 9, 9, 3`, `moves it
    through 8, 10, 10, 18`, `four times: 7, then 9, ...`)."""
    text = sentence.replace("`", "")
    written = values[0] if isinstance(values[0], str) else repr(values[0])
    first = re.search(rf"(?<![\w.]){re.escape(written)}(?![\w.])", text)
    return first is not None and bool(_HISTORY_CUE.search(text[max(0, first.start() - 40) : first.start()]))


def _one_off_named(walk: Walk, values: list, name: str) -> bool:
    """`values` differ in one place from what `name` held after each of its assignments, or at each
    pass of a loop (repeats included): the variable's summary with one wrong value."""
    runs = [walk.facts.assigned_values(name)] + walk.facts.per_iteration(name)
    history = [v for _, v in walk.facts.history(name)]
    return len(values) >= 3 and (_one_off(values, history) or any(1 in _stretch_misses(values, r) for r in runs))


_WORD = re.compile(r"(?:self\.)?[A-Za-z_]\w*")


def _variable_before(text: str, start: int, known) -> str | None:
    """The traced variable named among the few words before `start`, in the same clause."""
    clause = re.split(r"[;:.!?]\s|,\s+(?:and|but|so|while)\s", text[:start])[-1]
    noun = re.search(r"\b(?:the|its|their)\s+([a-z]+)\s+(?:are|were|is|was)\s*$", clause)
    if noun and noun.group(1) not in known and f"self.{noun.group(1)}" not in known:
        return None  # `For i = 0 the numbers are 1, 4 and 2`: the values of a noun, not of i
    for word in reversed(_WORD.findall(clause)[-4:]):
        if word in known or f"self.{word}" in known:
            return word
    return None


def _picked_from(walk: Walk, values: list, name: str) -> bool:
    """`values` are some of `name`'s values in order (`turns them into 3, 1 and 2`), or a stretch
    of another variable's history, assignments or a computed run."""
    facts = walk.facts
    if _subsequence(values, [v for _, v in facts.history(name)]):
        return True
    runs = [[v for _, v in h] for h in facts.histories.values()] + facts.expression_runs()
    if any(_stretch(values, run) for run in runs):
        return True
    return any(_stretch(values, facts.assigned_values(other), collapse=False) for other in facts.histories)


def _collapsed(values: list) -> list:
    """A value repeated in a row, once."""
    return [v for i, v in enumerate(values) if i == 0 or not same_value(v, values[i - 1])]


def _stretch_misses(values: list, run: list):
    """For each stretch of `run` as long as `values`, in how many places they differ (counted up to 2)."""
    n = len(values)
    for start in range(len(run) - n + 1):
        misses = 0
        for wanted, held in zip(values, run[start : start + n]):
            misses += not same_value(wanted, held)
            if misses > 1:
                break
        yield misses


def _stretch(values: list, run: list, collapse: bool = True) -> bool:
    """`values` is some stretch of `run`, in a row (a value repeated in a row counted once, unless
    `collapse` is off: a run of every assignment, repeats included)."""
    if collapse:
        run, values = _collapsed(run), _collapsed(values)
    return 0 in _stretch_misses(values, run)


def _stretch_somewhere(walk: Walk, values: list) -> bool:
    """`values` in a row in some variable's history (or an entry's), in its values at a loop's
    header pass after pass (`38 -> 11 -> 2` of a digit sum's `while n >= 10`, whose inner loop
    moves n through other values between passes), in a collection the run holds, or in a run the
    code computed."""
    runs = [[v for _, v in history] for history in walk.facts.histories.values()]
    runs += [run for name in walk.facts.histories for run in walk.facts.per_iteration(name)]
    runs += [keyed for run in list(runs) for keyed in _keyed_histories(run)]
    runs += [
        _items(v) for v in walk.facts.known_values + walk.facts.code_literals
    ]  # (`140 -> 145 -> 160` of the input)
    return any(_stretch(values, run) for run in runs + walk.facts.expression_runs())


def _one_off(values: list, run: list) -> bool:
    """`values` equals some stretch of `run` except in exactly one place (3 values or more)."""
    run, values = _collapsed(run), _collapsed(values)  # as the narration sees them
    return len(values) >= 3 and 1 in _stretch_misses(values, run)


def _one_entrys_history(values: list[object], history: list, named: bool) -> bool:
    """Values in order in the history of one key's (or position's) entry of a collection: any
    collection for an unnamed run, and for `her load goes 4, 7, 9` a dict `load` (the entry of
    the key the prose speaks of)."""
    if named and not (history and isinstance(history[-1], dict) and not any(_is_collection(v) for v in values)):
        return False
    return any(_subsequence(values, keyed) for keyed in _keyed_histories(history))


def _slip_in_an_entrys_run(values: list, history: list) -> bool:
    """`his load goes 5, 11, 18, 24` where `load['bo']` went 5, 11, 18, 23, 24: numbers told one
    after the other for a dict's entry that are no stretch of any entry's values but one off one
    (or leave one value out), where matching them only in order let the slip through."""
    if (
        len(values) < 3
        or not (history and isinstance(history[-1], dict))
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    ):
        return False
    runs = _keyed_histories(history)
    if any(_stretch(values, run) for run in runs):
        return False
    return any(_one_off(values, run) or _one_left_out(values, run) for run in runs)


def _keyed_histories(history: list) -> list[list]:
    """For a dict- or list-valued variable, the history of each key's or position's value
    (`stock['bolt']`, `buckets[1]` over time)."""
    return list(_keyed_runs(history).values())


def _keyed_runs(history: list) -> dict[object, list]:
    """Each dict key (or list position, as `("at", i)`) -> the values its entry held, in order."""
    keyed: dict[object, list] = {}
    for value in history:
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = ((("at", i), item) for i, item in enumerate(value))  # positions apart from dict keys
        else:
            continue
        for key, item in items:
            try:
                keyed.setdefault(key, []).append(item)
            except TypeError:
                continue
    return keyed


def _all_elements(values: list, value: object, depth: int = 0) -> bool:
    items = _items(value)
    if not items or depth > 2:
        return False
    if all(any(same_value(v, item) for item in items) for v in values):
        return True
    return any(_all_elements(values, item, depth + 1) for item in items)


def _items(value: object) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def _subsequence(wanted: list, history: list, collapse: bool = True) -> bool:
    """`wanted` in order within `history`; a value repeated in a row counts once (pysnooper shows a
    variable only when it changes, so `31, 31` in a summary is one traced 31) unless `collapse`
    is off (a history of every assignment, repeats included)."""
    if collapse:
        wanted = _collapsed(wanted)
    position = 0
    for value in history:
        if position < len(wanted) and same_value(value, wanted[position]):
            position += 1
    return position == len(wanted) and bool(wanted)


def _separated(text: str, start: int) -> bool:
    """Whether the operand at `start` is followed by a run separator (`,`, `->`, `then`, `and`)."""
    stop = _right_operand_end(text, start)
    sep = _SEQUENCE_SEP.match(text, stop) if stop > 0 else None
    return sep is not None and sep.end() > stop


def _worked_out_before(s: Sentence, start: int, values: list, checks: list[Check]) -> bool:
    """`810 = 3 * 256 + 2 * 16 + 10, so the nibbles are 3, 2 and 10`: the run lists numbers of the
    arithmetic the sentence worked (and got right) before it, the narration's own decomposition."""
    arith = [c for c in checks if c.kind == "arith"]
    if not arith or not all(c.ok for c in arith):
        return False
    worked = {
        float(n.group(0))
        for n in re.finditer(r"(?<![\w.])\d+(?:\.\d+)?", s.text[:start])
        if not s.free(n.start(), n.end())
    }
    return all(float(v) in worked for v in values)


# `the inner loop runs 9, 8, 7, 6, 5 times for the successive values of i`: its runs, pass by pass
_RUNS_PER_PASS = re.compile(
    r"\b(?:runs|ran|iterates|iterated|loops|looped|executes|executed|repeats|repeated)\s+"
    r"(?P<counts>\d+(?:\s*,\s*\d+)+,?\s*(?:and\s+|then\s+)?\d+)\s+times\b",
    re.I,
)


def _runs_per_pass(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """How often a nested loop ran in each pass of the loop around it, told in order: some stretch of
    passes of some nested loop (checked where the program nests loops)."""
    for m in _RUNS_PER_PASS.finditer(s.text):
        if not s.free(m.start(), m.end()):
            continue
        runs = walk.facts.inner_runs_per_pass()
        if not runs:
            return
        told = [int(n) for n in re.findall(r"\d+", m.group("counts"))]
        s.use(m.start(), m.end())
        ok = any(_subsequence(told, per_pass, collapse=False) for per_pass in runs)
        checks.append(Check("count", f"{m.group(0)}" + ("" if ok else " (not a nested loop's runs pass by pass)"), ok))


def _bare_sequences(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """A run of 3+ literals with no variable named: `the sums are 8, 7, 9, 7`."""
    for m in re.finditer(r"-?\d", s.text):
        if not s.free(m.start(), m.end()) or (
            m.start() > 0 and (s.text[m.start() - 1].isalnum() or s.text[m.start() - 1] in "[(,.")
        ):
            continue
        if not _separated(s.text, m.start()):
            continue  # one value, not a run (most numbers: cheap to tell before parsing anything)
        before = s.text[: m.start()]
        if before.count("[") > before.count("]") or before.count("{") > before.count("}"):
            continue  # items of a written collection (`[8, 6, 15, 10]`), read as that collection
        if re.search(r"\d\s+(?:to|through|until|till)\s*$", before):
            continue  # `for i = 3 to 5, then 62, 9`: a range's end, not the start of a run
        if re.search(
            r"\b(?:rounds|passes|iterations|steps|days|turns|ticks|positions|indices|indexes)\s+$", before, re.I
        ):
            s.use(m.start(), _literal_run(s.text, m.start())[1])
            continue  # `refilled in rounds 1, 3 and 6`, `positions 0, 1 and 3 are set`: which ones, not values
        values, end = _literal_run(s.text, m.start())
        if (
            values
            and values[0] == len(values) - 1
            and re.search(r"\b(?:remaining|other|last|first|next|these|those|all)\s*$", before, re.I)
        ):
            continue  # `the remaining two, 9 and 7`: how many, then which (the values are read as literals)
        if re.match(r"\s*(?:[<>]=?|[=!]=)", s.text[end:]):
            values = values[:-1]  # `adds 1, 4 and 9, then 30 <= 20`: the last is a comparison's operand
        if len(values) >= 3 and all(isinstance(v, (int, float)) for v in values):
            s.use(m.start(), end)
            near = _variable_before(s.text, m.start(), walk.facts.index.names)
            if re.search(r"\([^()]*$", before):
                near = None  # `low moves 0 -> 1 -> 3 (values 7, 3, 1)`: an aside about something else
            if near and _one_off_named(walk, values, near) and not _picked_from(walk, values, near):
                # `hits reads 2, 2, 4, 7`, `push total through 8, 15, 29`: the summary of the variable
                # just named, one value off, and no other run of the program it could be
                checks.append(Check("sequence", f"{near}: {values} (one off)", False))
                continue
            found = _sequence(walk, values, None)
            if not found.ok and _worked_out_before(s, m.start(), values, checks):
                found = Check("sequence", f"values: {values} (operands of the arithmetic worked before)", True)
            chain = s.text[m.start() : end]
            if found.ok and "->" in chain and "," not in chain and not _stretch_somewhere(walk, values):
                # `5 -> 7 -> 6 -> 5`: one value after another, so a stretch of some history, not values
                # picked out of it in order
                found = Check("sequence", f"values: {values} (not one after another anywhere)", False)
            checks.append(found)
    # `picks up 'P', 'N' and 'R'`, `goes ['a'], ['a', 'b'], ...`: a run of strings or collections
    for m in re.finditer(r"['\"\[(]", s.text):
        if not s.free(m.start(), m.end()) or (m.start() > 0 and s.text[m.start() - 1].isalnum()):
            continue
        if not _separated(s.text, m.start()):
            continue
        values, end = _literal_run(s.text, m.start())
        if len(values) >= 3 and all(isinstance(v, (str, list, tuple)) for v in values) and s.free(m.start(), end):
            s.use(m.start(), end)
            checks.append(_sequence(walk, values, None))


_LENGTH = re.compile(
    r"\b(?:list|string|tuple|dict|set|array)\s+of\s+(\d+)\b(?!\s+(?:columns|cols|rows)\b)"
    r"|\b(\d+)-(?:element|item|character|entry|long)\b"
    r"|\b(?:all|the|its|of)\s+(\d+)\s+(?:characters|letters|elements|items|entries|chars|words|digits)\b",
    re.I,
)


_HAS_SIZE = re.compile(
    r"(?:(?P<subject>(?:self\.)?[A-Za-z_]\w*)\s+(?:now\s+|still\s+)?(?:ends\s+with|ends\s+up\s+with|has|holds|contains|keeps)"
    r"|(?P<after>[\]})'\"])\s*,?\s*(?:which\s+|that\s+)?(?:has|holds|contains|with))\s+(?:only\s+|exactly\s+)?"
    r"(?P<n>\d+)\s+(?:elements|items|entries|cells|keys|values|characters|chars|letters|words|numbers|"
    r"strings|pairs|members|rows|names|digits)\b",
    re.IGNORECASE,
)


# `scale.log holds 5 "over" entries`: how many of the collection's items are that value
_HAS_OF_VALUE = re.compile(
    r"(?P<subject>(?:self\.)?[A-Za-z_]\w*)\s+(?:now\s+|still\s+)?(?:has|holds|contains|keeps)\s+(?P<n>\d+)\s+"
    r"(?P<item>'[^'\n]{1,30}'|\"[^\"\n]{1,30}\")\s+(?:entries|items|elements|values|strings|words|copies)\b"
)


_LITERAL_LENGTH = re.compile(
    r"""("[^"\n]*"|'[^'\n]*')\s+(?:has|is of)\s+(?:a\s+)?(?:length|size)\s+(?:of\s+)?(\d+)\b"""
)


# `index 12 becomes 3`: an entry of the list the loop writes, named by its position
_INDEX_BECOMES = re.compile(
    r"\b(?:index|position|slot|cell)\s+(\d+)\s+(?:becomes|became|is\s+now|is\s+set\s+to|was\s+set\s+to|"
    r"changes\s+to|changed\s+to|goes\s+to|went\s+to|gets|got|turns\s+into|turned\s+into)\s+(?=[-\d'\"\[({])",
    re.I,
)


def _indexed_entries(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    for m in _INDEX_BECOMES.finditer(s.text):
        end = _right_operand_end(s.text, m.end())
        node = _expr(s.text[m.end() : end].rstrip(".")) if end > m.end() else None
        literal, value = _literal_value(node)
        if not literal or not s.free(m.start(), end):
            continue
        if re.match(r"\s*(?:added|more|extra|on\s+top|subtracted|removed|taken\s+off|less)\b", s.text[end:], re.I):
            continue  # `slot 3 gets 9 added`: a change by 9, not the entry's value
        k = int(m.group(1))
        entries = [
            v[k] for history in walk.facts.histories.values() for _, v in history if isinstance(v, list) and len(v) > k
        ]
        if not entries:
            continue  # no list of the run reaches that position: another kind of index
        s.use(m.start(), end)
        ok = any(same_value(entry, value) for entry in entries)
        checks.append(Check("value", f"[{k}] = {value!r}", ok))


def _a_key_held(key: str, facts: TraceFacts) -> bool:
    """Whether some dict the run holds has `key` as a key."""
    return any(isinstance(v, dict) and key in v for history in facts.histories.values() for _, v in history)


def _sizes(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`seen ends with 7 cells`: len(seen) is 7 at some point; `[1, 7, 21], which has 3
    elements`: the collection just written has that many; `"international" has length 13`."""
    text = s.text
    for m in _LITERAL_LENGTH.finditer(text):
        if s.free(m.start(), m.end()):
            s.use(m.start(), m.end())
            checks.append(Check("count", f"len({m.group(1)}) = {m.group(2)}", len(m.group(1)) - 2 == int(m.group(2))))
    for m in _HAS_OF_VALUE.finditer(text):
        subject = _named_variable(m.group("subject"), walk.facts)
        if subject and s.free(m.start(), m.end()):
            found = walk.find(ast.parse(f"{subject}.count({m.group('item')})", mode="eval").body, int(m.group("n")))
            if found.ok is not None:
                s.use(m.start(), m.end())
                checks.append(found)
    for m in _HAS_SIZE.finditer(text):
        if not s.free(m.start("n"), m.end()):
            continue
        size = int(m.group("n"))
        if m.group("after"):
            begin = _literal_start(text, m.start("after") + 1)
            if begin > 0 and re.search(r"[-+*]\s*$", text[:begin]):  # `'gar' + 'den' has 6 letters`: the sum's
                begin = _left_operand_start(text, m.start("after") + 1, walk.facts.index.names)
            literal, value = _literal_value(_expr(text[begin : m.start("after") + 1]) or ast.Constant(None))
            if begin < 0 or not literal or not hasattr(value, "__len__"):
                continue
            if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "_.])"):
                continue  # `s[half:].lower() with four characters`: a call's brackets, not a literal
            if isinstance(value, str) and _a_key_held(value, walk.facts):
                continue  # `'ng' with three words`: the size of that key's entry, not of the key
            s.use(m.start("n"), m.end())
            if isinstance(value, str) and m.group(0).rstrip().lower().endswith("words"):
                checks.append(Check("count", f"len({value!r}.split()) = {size}", len(value.split()) == size))
                continue  # `' buy milk'` has 2 words
            if isinstance(value, str) and not re.search(r"(?:characters|chars|letters|digits)\s*$", m.group(0), re.I):
                continue  # `"strap" has four pairs`: of its letters, not its length
            # (`[3, 8, 6, 11, 12], which has 4 pairs`: of neighbours, one fewer than its items)
            neighbours = m.group(0).rstrip().lower().endswith("pairs") and len(value) - 1 == size
            checks.append(Check("count", f"len({value!r}) = {size}", len(value) == size or neighbours))
            continue
        if re.search(r"\b(?:one|each|every|a|an|any|some|no|first|last|that|this|\d+)\s*$", text[: m.start()], re.I):
            continue  # `at least one row has 3 cells`: a row, not the variable `row`
        subject = _named_variable(m.group("subject"), walk.facts)
        if subject is None:
            continue
        measure = f"len({subject}.split())" if m.group(0).rstrip().lower().endswith("words") else f"len({subject})"
        found = walk.find(ast.parse(measure, mode="eval").body, size)  # `text has 6 words`: its words
        if found.ok is not None:
            s.use(m.start(), m.end())
            checks.append(found)


def _literal_start(text: str, end: int) -> int:
    """Start of the literal collection or string that ends at `end` (its closing bracket), or -1."""
    closer = text[end - 1]
    opener = {"]": "[", "}": "{", ")": "("}.get(closer)
    if opener is None:  # a string: its opening quote
        begin = text.rfind(closer, 0, end - 1)
        return begin
    depth = 0
    for i in range(end - 1, -1, -1):
        depth += (text[i] == closer) - (text[i] == opener)
        if depth == 0:
            return i
    return -1


# `the loop has gone through all 6 words`: the loop's passes (a loop that stopped early did not)
_LOOP_WENT_OVER = re.compile(
    r"\bloop\b.*\b(?:went|gone|goes|go|ran|run|runs|walked|visited|processed|through|over)\s+(?:\w+\s+){0,2}$", re.I
)


def _lengths(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`a list of 30 flags`, `an 11-element list`: some traced collection has that size."""
    for m in _LENGTH.finditer(s.text):
        if m.group(2) and _inside_quotes(s.text, m.start()):
            continue  # `'Main--Menu-v2-42-Item'`: part of a string, not a size
        if s.free(m.start(), m.end()):
            s.use(m.start(), m.end())
            size = int(m.group(1) or m.group(2) or m.group(3))
            if m.group(2) and _a_width_of_the_code(size, walk.facts):
                checks.append(Check("count", m.group(0), True))
                continue
            if m.group(0).endswith("-long") and re.match(
                r"\s+(?:stretch|run|streak|sequence|chain|span)", s.text[m.end() :]
            ):
                # `the second four-long stretch`: a run's length, a value the run counted, not a collection's size
                checks.append(Check("count", m.group(0), grounded_literal(walk.facts, size)))
                continue
            if m.group(0).endswith("-character") and any(
                isinstance(atom, str) and len(atom) == size for atom in walk.facts.atoms
            ):
                checks.append(Check("count", m.group(0), True))  # `two 3-character blocks`: strings inside a list
                continue
            # (`over the six letters`: or the passes of a loop over them; `a list of 20` is a size)
            # (`for each of the 13 letters`: an inner loop's passes over all its runs, 13 letters in 3 words)
            passes = walk.facts.loop_counts | walk.facts.index.loop_totals if m.group(3) else set()
            looped = _counts_of_the_noun(walk, m.group(0).split()[-1]) if m.group(3) else set()
            if looped and re.search(r"\b(?:after|over|across|through)\s+$", s.text[: m.start()], re.I):
                # `after all 5 words` where the code loops `for word in ...`: that loop's passes
                checks.append(Check("count", m.group(0), size in looped))
                continue
            if passes and _LOOP_WENT_OVER.search(s.text[: m.start()]):
                checks.append(Check("count", m.group(0), size in passes))  # (what the loop did, not a size)
                continue
            noun = m.group(0).split()[-1].lower()
            if noun in ("letters", "digits") and size in _letters_or_digits(walk.facts, noun):
                checks.append(Check("count", m.group(0), True))  # `the three letters` of `'ab-3c'`
                continue
            checks.append(Check("count", m.group(0), size in walk.facts.sizes or size in passes))


def _letters_or_digits(facts: TraceFacts, noun: str) -> set[int]:
    """How many letters (or digits) the strings the run held have, and how many digits its whole
    numbers have: `the two digits` of 47, `the three letters` of `'ab-3c'`."""
    values = [v for history in facts.histories.values() for _, v in history] + list(facts.atoms)
    strings = [v for v in values if isinstance(v, str)]
    strings += [x for v in values if isinstance(v, (list, tuple)) for x in v if isinstance(x, str)]
    if noun == "letters":
        return {sum(c.isalpha() for c in v) for v in strings}
    numbers = {len(str(abs(v))) for v in values if isinstance(v, int) and not isinstance(v, bool)}
    return numbers | {sum(c.isdigit() for c in v) for v in strings}


# `'the-quiet-harbour-old-mill-2', which is 28 characters long`: the length of a string the sentence quotes
_QUOTED_LENGTH = re.compile(
    r"(?P<quoted>'[^'\n]*'|\"[^\"\n]*\")`?(?:\s*,\s*which|)\s+(?:is|was|has|have|holds|contains|of)\s+"
    r"(?P<size>\d+)\s+(?P<unit>characters|chars|letters)(?:\s+long)?\b(?!\s+(?:in\s+all|in\s+total|together|altogether))"
)  # (`'bk' followed by '0213', six characters in all`: a total of several)


def _quoted_lengths(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """A length told of a string the sentence quotes is that string's length, run or no run."""
    for m in _QUOTED_LENGTH.finditer(s.text):
        if re.search(r"(?:[+,]|\band)[\s`]*$", s.text[: m.start()]) or not s.free(m.start("size"), m.end()):
            continue  # (`'gar' + 'den'` has 6 letters, `"warp", "knot", which is 20 characters`: of several)
        text = m.group("quoted")[1:-1]
        if m.group("unit") == "letters" and not text.isalpha():
            continue  # (`'a1b'` has 2 letters: its letters, not its characters)
        s.use(m.start("size"), m.end())
        checks.append(
            Check("count", f"len({m.group('quoted')}) = {m.group('size')}", len(text) == int(m.group("size")))
        )


def _inside_quotes(text: str, at: int) -> bool:
    return any(q.start() < at < q.end() for q in _QUOTED.finditer(text))


# `email[7:]`, `s[i:i + 2]`, `str(n).zfill(3)`: how many items a slice of the code drops or takes,
# or how wide a string the code pads
_SLICE_WIDTH = re.compile(
    r"\[\s*(\d+)\s*:|:\s*(\d+)\s*\]|:\s*[\w.]+\s*\+\s*(\d+)\s*\]|\.(?:zfill|ljust|rjust|center)\(\s*(\d+)"
)


def _a_width_of_the_code(size: int, facts: TraceFacts) -> bool:
    """`the seven-character prefix` that `email[7:]` drops (or `"mailto:"`, a string of the code, is),
    `each two-character slice` `s[i:i + 2]` takes, `a three-character number` `zfill(3)` pads: a
    size the code itself gives."""
    if any(isinstance(v, str) and len(v) == size for v in facts.code_literals):
        return True
    return any(str(size) in m.groups() for m in _SLICE_WIDTH.finditer(facts.code_source))


def _items_handled(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`goes over 7 operations`: some loop ran that many times, or stopped after that many."""
    if not walk.facts.loop_counts:
        return
    for m in _ITEMS_HANDLED.finditer(s.text):
        number = next(k for k, g in enumerate(m.groups(), 1) if g)
        if not s.free(m.start(number), m.end(number)) or re.search(r"\d\s+times$", m.group(0), re.I):
            continue  # (`was checked 7 times`: how often, a count `_counts` reads with its verb)
        s.use(m.start(), m.end())
        if re.match(r"\s+(?:per|for each|each|every)\b", s.text[m.end() :]) or (
            m.group(0).split()[0].lower() in ("tests", "checks", "compares", "tries")
            and re.search(r"\b(?:for|in|on)\s+(?:each|every)\b", s.text[: m.start()], re.I)
        ):
            continue  # `checks two things per token`, `For each n it tests two things`: a rate, not a loop's count
        count = int(next(g for g in m.groups() if g))
        counts = _counts_of_the_noun(walk, m.group(0).split()[-1]) or _loop_counts(walk, s.text[: m.start()])
        role = re.search(r"\b(outer|inner)\s+[a-z]+s$", m.group(0), re.I)
        if role and _counts_of_role(walk.facts, role.group(1)):  # `after all 12 outer iterations`: that loop's
            counts = _counts_of_role(walk.facts, role.group(1))
        of = re.match(r"\s+of\s+`?([A-Za-z_]\w*)`?", s.text[m.end() :])
        headers = [h for h, (targets, _) in walk.facts.loop_names.items() if of and of.group(1) in targets]
        if headers:  # `across all 12 values of i`: the passes of the loop over i, not another loop named before
            counts = set().union(*(walk.facts.index.counts_by_loop.get(h, set()) for h in headers))
        checks.append(Check("count", m.group(0), count in counts))


def _shortened(name: str, noun: str) -> bool:
    """`ops` for `operations`, `temps` for `temperatures`: a plural variable name that shortens the
    noun (its first letters, the plural ending kept)."""
    stem = name.removesuffix("s")
    return name.endswith("s") and name != noun and len(stem) >= 2 and name.isalpha() and noun.startswith(stem)


def _loops_named_by(facts: TraceFacts, noun: str, walked_only: bool = False) -> list[int]:
    """The header lines of the loops a plural noun names: a loop whose variable is its singular
    (`for word in ...` for `words`; not with `walked_only`), or one over a collection of that
    name or a shortening of it (`words`, `ops` for `operations`)."""
    singular = noun.lower().removesuffix("es") if noun.lower().endswith("ches") else noun.lower().removesuffix("s")
    return [
        h
        for h, (targets, _) in facts.loop_names.items()
        if (singular in targets and not walked_only)
        or facts.loop_sources.get(h) == noun.lower()
        or _shortened(facts.loop_sources.get(h, ""), noun.lower())
    ]


def _counts_of_the_noun(walk: Walk, noun: str, walked_only: bool = False) -> set[int]:
    """`after all 6 words` where the code loops `for word in ...` (or over `words`): the counts of
    the loop the noun names (other loops' counts are not what the sentence counts). With
    `walked_only`, only a loop over a collection the noun names (`all 3 names` may count the
    distinct values a `for name in ...` loop saw), and the collection's size as the loop starts
    counts too (`each of the 6 events`, where the loop stopped early)."""
    facts = walk.facts
    headers = _loops_named_by(facts, noun, walked_only)
    counts = set().union(*(facts.index.counts_by_loop.get(h, set()) for h in headers)) if headers else set()
    for h in headers if walked_only else ():
        walked = _expr(facts.loop_sources.get(h, ""))
        for i in facts.line_steps(h)[:1] if walked is not None else ():  # (as the loop starts)
            try:
                counts.add(len(evaluate(walked, facts.index.states[i])))
            except Exception:  # noqa: BLE001 - not in scope there, or no size
                pass
    return counts


# a plural noun (not a singular in -ss: `3 moss`), and one that is no verb of a test (`len(tok) > 1 holds:`)
_PLURAL = r"[a-z]+(?<!s)s"
_COUNTED_NOUN_WORD = rf"(?!(?:holds|passes|fails|does|gives|makes|returns)\b){_PLURAL}"

# `each of the six events`, `all three events are processed`, `After the four events`: as many
# things as the loop over them took (the noun names the collection the loop walks)
_LOOPED_NOUN = re.compile(
    r"\b(?:(?P<passes>after|over|through)\s+(?:all\s+)?the|each\s+of\s+the|all(?:\s+the)?|"
    r"(?P<visits>(?:ran|runs|loops|looped|went|goes)\s+(?:over|through)|visits|visited|processes|processed)"
    r"(?:\s+all)?(?:\s+the)?|^(?:there|here)\s+(?:are|were))\s+"
    rf"(?P<n>\d+)\s+(?P<noun>{_PLURAL})\b(?!\s+(?:of|with|that|which|whose|where|from)\b)",
    re.I,
)


def _looped_nouns(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`each of the 6 events`: the passes of the loop over `events`, or its size as the loop starts."""
    for m in _LOOPED_NOUN.finditer(s.text):
        counts = _counts_of_the_noun(walk, m.group("noun"), walked_only=True)
        if not counts or not s.free(m.start("n"), m.end("n")):
            continue
        if m.group("passes") or m.group("visits") or _LOOP_WENT_OVER.search(s.text[: m.start()]):
            counts = _counts_of_the_noun(walk, m.group("noun"))  # `gone through all 4 words`: its passes
        if m.group("noun").lower() in ("cells", "squares"):
            counts = counts | _grid_sizes(walk.facts)  # `after checking all 12 cells` of a 3 by 4 grid
        s.use(m.start(), m.end())
        checks.append(Check("count", m.group(0), int(m.group("n")) in counts))


# `The loop goes over all 13 (pos, kind) pairs`, `the second loop walks the 8 adjacent pairs`: a loop
# said to go over a number of things, whatever the noun
_THE_LOOP_GOES_OVER = re.compile(
    r"\bthe\s+(?:[a-z]+\s+)?loop\s+(?:then\s+|now\s+|only\s+)?"
    r"(?:goes|went|walks|walked|iterates|iterated|runs|ran|steps|stepped|loops|looped|visits|visited|moves|moved)"
    r"(?:\s+(?:over|through|across|along))?(?:\s+(?:all|the|each\s+of\s+the))*\s+"
    r"(?P<n>\d+)\s+(?:(?!(?:and|or|but|then)\b)[^\s.,;:]+\s+){0,3}?(?!times\b)[a-z]+s\b",
    re.I,
)


# `` `zip(times, times[1:])` walks the 12 neighbouring pairs ``: what a `for` loop walks, restated, told with its count
_ITERABLE_GOES_OVER = re.compile(
    r"\x00\s*(?:goes|walks|iterates|steps|visits|gives|yields|produces|makes|covers)"
    r"(?:\s+(?:over|through|across|along))?(?:\s+(?:all|the|each\s+of\s+the))*\s+"
    r"(?P<n>\d+)\s+(?:(?!(?:and|or|but|then)\b)[^\s.,;:]+\s+){0,3}?(?!times\b)[a-z]+s\b",
    re.I,
)


def _restated_code(raw: str) -> frozenset[str]:
    """The backticked spans of a sentence as written, without spaces."""
    return frozenset(squash(span) for span in re.findall(r"`([^`]+)`", raw))


# `After the four pieces the loop ends`, `calls nudge once for each of the four moves`, `so eight cells
# are compared`: as many things as a loop took (or a line ran for), whatever the noun
_THINGS_A_LOOP_TOOK = re.compile(
    r"\bafter\s+(?:all\s+)?(?:the|those|these)\s+(?P<n>\d+)\s+(?:[a-z]+\s+)?[a-z]+s,?\s+"
    r"(?:the\s+(?:[a-z]+\s+)?loop|it)\s+(?:ends|ended|stops|stopped|finishes|finished|exits|exited|"
    r"(?:is|was)\s+(?:done|over|finished))\b"
    r"|\bonce\s+(?:for|per)\s+each\s+of\s+the\s+(?P<each>\d+)\s+(?:[a-z]+\s+)?[a-z]+s\b"
    r"|(?:^|\bso\s+|,\s+)(?P<were>\d+)\s+(?:[a-z]+\s+)?[a-z]+s\s+(?:are|were|get|got)\s+"
    r"(?:compared|checked|visited|examined|scanned|processed|inspected|tested)\b(?!\s+(?:with|against|to)\s+\d)",
    re.I,
)


def _loop_goes_over(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`the second loop walks the 8 adjacent pairs`, `After the four pieces the loop ends`: as many
    passes as some loop of the code made (or the size of what a loop walks as it starts; for things
    each handled once, or checked, also how often a line ran), where no noun names the loop
    (`_looped_nouns`). A count no loop made is refused here; one some loop made is left to the
    readers that tell which."""
    facts = walk.facts
    told = [(m, "n", False) for m in _THE_LOOP_GOES_OVER.finditer(s.text)]
    if "\x00" in s.text and facts.loop_iterables & _restated_code(walk.raw_sentence):
        told += [(m, "n", False) for m in _ITERABLE_GOES_OVER.finditer(s.text)]
    for m in _THINGS_A_LOOP_TOOK.finditer(s.text):
        group = next(g for g in ("n", "each", "were") if m.group(g))
        told.append((m, group, group != "n"))
    for m, group, by_line in told:
        if not s.free(m.start(group), m.end(group)) or not (facts.loop_names or by_line):
            continue  # (a comprehension is no loop of `loop_names`, but its line runs once per item)
        counts = _pass_counts(walk)
        if by_line:  # (a call made once per item, a comparison made on each: how often that line ran)
            counts |= facts.line_counts | set(facts.calls_of.values())
        if not counts or int(m.group(group)) in counts:
            continue  # (left to the readers that know which loop: `_counts`)
        s.use(m.start(), m.end())
        told_count = re.sub(r"\s*\x00\s*", " ", m.group(0)).strip()
        checks.append(Check("count", told_count + " (no loop made as many passes)", False))


def _pass_counts(walk: Walk) -> set[int]:
    """How many passes some loop of the code made, or the size of what a loop walks as it starts."""
    facts = walk.facts
    counts = set().union(*facts.index.counts_by_loop.values()) if facts.index.counts_by_loop else set()
    for walked in set(facts.loop_sources.values()):
        counts |= _counts_of_the_noun(walk, walked, walked_only=True)
    return counts


def _grid_sizes(facts: TraceFacts) -> set[int]:
    """How many cells the grids the run held have (a list of rows, each a list)."""
    return {
        sum(map(len, value))
        for history in facts.histories.values()
        for _, value in history
        if isinstance(value, list) and value and all(isinstance(row, list) for row in value)
    }


# `The loop over 7 cars is done`, `makes six deposits`: a number before the very name of a
# collection a loop walks counts that loop's passes (or the collection's size as the loop starts)
_COLLECTION_COUNT = re.compile(
    rf"(?<![\w.,\x00-])(?P<n>\d+)\s+(?P<noun>{_PLURAL})\b(?!\s+(?:of|per|each|with|that|which|whose|where|from)\b)"
)


_COLLECTION_HAS = re.compile(
    r"\bthe\s+(set|list|dict|dictionary|tuple|string)\s+(?:now\s+|still\s+)?(?:has|holds|contains)\s+$", re.I
)
_COLLECTION_TYPES = {"set": set, "list": list, "dict": dict, "dictionary": dict, "tuple": tuple, "string": str}


def _some_collection_of_size(facts: TraceFacts, kind: str, size: int) -> bool:
    """Whether the run holds a set (list, ...) of that many items at some moment."""
    wanted = _COLLECTION_TYPES[kind.lower()]
    return any(isinstance(v, wanted) and len(v) == size for history in facts.histories.values() for _, v in history)


def _collection_counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`The loop over 7 cars is done` where the code loops `for a in cars`: the passes of that loop."""
    for m in _COLLECTION_COUNT.finditer(s.text):
        noun = m.group("noun")
        if not any(source == noun.lower() for source in walk.facts.loop_sources.values()):
            continue
        if not s.free(m.start("n"), m.end("n")):
            continue
        if kind := _COLLECTION_HAS.search(s.text[: m.start()]):
            # `After the loop the set still has 3 codes`: the size of a collection of that kind the run holds
            s.use(m.start(), m.end())
            size = int(m.group("n"))
            checks.append(Check("count", m.group(0), _some_collection_of_size(walk.facts, kind.group(1), size)))
            continue
        if not re.search(r"\bloop\b(?:(?!\band\b)[^.;:,\d]){0,30}$", s.text[: m.start()], re.I):
            continue  # (`with 5 values`: a size reasoned about; `the loop over 7 cars`: how far the loop went)
        if re.search(
            r"\b(?:first|last|next|other|remaining|only|final|previous|later|earlier|more|fewer|"
            r"top|bottom|further|extra|new|old|same|these|those|every|each)\s+$",
            s.text[: m.start()],
            re.I,
        ):
            continue  # `the other 2 cars`: some of them, not how many the loop took
        counts = _counts_of_the_noun(walk, noun, walked_only=True) | _counts_of_the_noun(walk, noun)
        s.use(m.start(), m.end())
        checks.append(Check("count", m.group(0), int(m.group("n")) in counts))


# `after 9 calls to tick()`, `five `point` calls`: how often the program called one of its functions
_CALLS_OF = re.compile(
    r"\b(\d+)\s+(?:more\s+)?calls?\s+(?:to|of)\s+`?(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)(?:\(\))?`?"
    r"|\b(\d+)\s+`?(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)(?:\(\))?`?\s+calls\b"
    # `called tile_points 3 times`, `spend was called 2 times`
    r"|\bcall(?:s|ed)\s+`?(?:[A-Za-z_]\w*\.)?(?P<called>[A-Za-z_]\w*)(?:\([^()]*\))?`?\s+(?P<n>\d+)\s+times\b"
    r"|`?(?:[A-Za-z_]\w*\.)?(?P<was>[A-Za-z_]\w*)(?:\([^()]*\))?`?\s+(?:is|was|gets|got)\s+called\s+(?P<was_n>\d+)\s+times\b",
)


_ALL_OF_THEM = re.compile(r"\b(?:in\s+(?:total|all)|altogether|all\s+told)\b", re.I)


def _call_counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`after 9 calls to tick()`: the program called that function of its own that many times
    (read on the sentence as written: normalizing masks the function's name as code)."""
    raw = walk.raw_numbers
    for m in _CALLS_OF.finditer(raw):
        count, name = next(
            (int(m.group(n)), m.group(w)) for n, w in ((1, 2), (3, 4), ("n", "called"), ("was_n", "was")) if m.group(n)
        )
        if re.search(r"\b(?:more|other|remaining|first|last|next)\s+$", raw[: m.start()]):
            continue  # `the other 3 calls to add`: some of them
        if f"def{name}(" not in walk.facts.code_text:
            continue  # `3 calls to append`: not a function of the program
        calls = walk.facts.calls_of.get(name, 0)
        # (a backward narration may count the calls one part of the output came from: some of them,
        # unless it says they are all: `in total note_hour is called 14 times`)
        some = walk.backward and not _ALL_OF_THEM.search(raw)
        checks.append(Check("count", m.group(0), count <= calls if some else count == calls))
        # (`called double 3 times`: the calls' count, not a loop's; a backward narration's may be
        # some of the calls, so there the loops' counts judge it too)
        times = regex(rf"\b{count}\s+times\b").search(s.text) if (m.group("n") or m.group("was_n")) else None
        if times and not walk.backward:
            s.use(times.start(), times.end())


# `the append happens 4 times`, `the pop call ran 2 times`: how often one statement of the code ran,
# named by the method it calls
_STATEMENT_RUNS = re.compile(
    r"\bthe\s+`?(?:[A-Za-z_]\w*\.)?(?P<what>[A-Za-z_]\w*)(?:\([^()]*\))?`?\s+(?:call\s+|line\s+|statement\s+|step\s+)?"
    r"(?:happens|happened|runs|ran|executes|executed|fires|fired|is\s+(?:done|made|run|executed|called)|"
    r"was\s+(?:done|made|run|executed|called))\s+(?P<n>\d+)\s+times\b",
    re.I,
)


def _statement_counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`the append happens 4 times`: the line that makes that method call (`out.append(x)`) ran that
    many times; where several lines make it, one of them or all together did. (A loop's count, by
    the loose count readers, let a count of the loop's passes stand for a statement's.)"""
    for m in _STATEMENT_RUNS.finditer(walk.raw_numbers):
        what, count = m.group("what"), int(m.group("n"))
        if f"def{what}(" in walk.facts.code_text:
            continue  # a function of the program: `_call_counts` counts its calls
        lines = sorted({line for node, line in walk.facts.call_nodes if _method_named(node, what)})
        if not lines:
            continue
        runs = [len(walk.facts.line_steps(line)) for line in lines]
        times = regex(rf"\b{count}\s+times\b").search(s.text)
        if times:
            s.use(times.start(), times.end())
        checks.append(Check("count", m.group(0), count in runs or count == sum(runs)))


def _method_named(node: ast.expr, name: str) -> bool:
    """A call of a method of that name (`out.append(x)` for `append`)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name


# `split into 6 pieces: 'a', 'b', '' and 'c'` (a count, then the items it counts, all of them:
# the list ends the clause and closes with `and`) and `over 3, 6, 9 and 12, i.e. 4 flips`
_ITEM = r"(?:-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\([^()\n]*\)|\[[^\[\]\n]*\])"
_ITEMS = rf"{_ITEM}(?:\s*,\s*{_ITEM})*,?\s+(?:and|or)\s+{_ITEM}"
_COUNT_THEN_ITEMS = re.compile(
    rf"(?<![\w.,])(?P<n>\d+)\s+(?:[a-z]+\s+)?(?P<noun>{_COUNTED_NOUN_WORD})\s*:\s*(?P<items>{_ITEMS})\s*(?=[.;)]|$)"
    # (`six characters: '3', 'a', '1', 'c'.`: three or more items without `and` that end the sentence,
    # and `the remaining 4 fares (4, 1, 3, 2)`: three or more items in brackets right after the count;
    # both only of a noun for the items themselves, see _counts_items)
    rf"|(?<![\w.,])(?P<n2>\d+)\s+(?:[a-z]+\s+)?(?P<noun2>{_COUNTED_NOUN_WORD})\s*:\s*(?P<items2>{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})\s*\.?$"
    rf"|(?<!\d\sof\s)\bthe\s+(?:[a-z]+\s+)?(?P<n3>\d+)\s+(?:[a-z]+\s+)?(?P<noun3>{_COUNTED_NOUN_WORD})\s*"
    rf"\((?P<items3>{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})\)(?!\s*,)"
)
# (nouns that count the values themselves; other nouns, `steps`, `bounces` or `additions`, may count
# the gaps between them)
_VALUE_NOUNS = frozenset(
    {
        "values",
        "numbers",
        "multiples",
        "terms",
        "items",
        "elements",
        "candidates",
        "entries",
        "words",
        "letters",
        "characters",
        "chars",
        "digits",
        "keys",
        "names",
        "pieces",
        "parts",
        "tokens",
        "strings",
        "lines",
        "cells",
    }
)


def _counts_items(noun: str, walk: Walk) -> bool:
    """Whether a plural noun counts items themselves: one of _VALUE_NOUNS or a collection a loop walks."""
    noun = noun.lower()
    return noun in _VALUE_NOUNS or any(source == noun for source in walk.facts.loop_sources.values())


# nouns for pieces of text and for tuples: the items themselves, when they are written as such
_TEXT_NOUNS = frozenset({"chunks", "fields", "segments", "substrings", "slices", "windows", "columns"})
_TUPLE_NOUNS = frozenset({"pairs", "tuples", "triples", "triplets", "windows", "edges", "points"})


def _written_as_the_noun(noun: str, listed: list) -> bool:
    """`7 pairs: (0, 4), (4, 7), ...`, `3 chunks: 'ab', 'cd', 'e'`: the items are what the noun names."""
    noun = noun.lower()
    return (
        all(isinstance(item, tuple) for item in listed)
        and noun in _TUPLE_NOUNS
        or (all(isinstance(item, str) for item in listed) and noun in _TEXT_NOUNS)
    )


_COUNT_AFTER_ITEMS = re.compile(r"(?:i\.e\.|that\s+is|which\s+is|making)\s")
_ITEMS_THEN_COUNT = re.compile(
    # (`sums 19, 10, 1, which is 3 rounds`: three or more items need no `and`)
    rf"(?<!,\s)(?<![\w.,])(?P<items>{_ITEMS}|{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})\s*,\s*{_COUNT_AFTER_ITEMS.pattern}\s*"
    rf"(?P<n>\d+)\s+(?:[a-z]+\s+)?(?P<noun>{_PLURAL})\b"
)


# `['+Ada', '+Bo', '-'], three events`: a list written out, then how many items it has
_LIST_THEN_COUNT = re.compile(
    r"\]`?\s*,\s*(?:i\.e\.\s*|that\s+is\s+)?(?P<n>\d+)\s+(?:[a-z]+\s+)?(?P<noun>(?!(?:is|was|has|does|times)\b)[a-z]{2,}s)\b"
    r"(?!\s+(?:of|in|per|each|later|earlier|before|after|long|apart)\b)"
)


# `range(1 << 4), which is 16 masks`, `range(1, 10): 9 candidate spots`: how many values a range gives
_RANGE_THEN_COUNT = re.compile(
    r"\brange\((?P<args>[-\d\s,+*<>/%()]+?)\)`?\s*(?:,?\s*(?:which\s+is|i\.e\.|that\s+is|so|giving|gives)|:|,)\s*"
    r"(?P<n>\d+)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]{2,}s)\b"
)


def _listed_counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """A count said beside the items it counts is how many items are listed (read on the sentence
    as written, where quoted inputs are not yet masked as text of the question)."""
    raw = walk.raw_numbers.strip()
    if "]" in raw:
        for m in _LIST_THEN_COUNT.finditer(raw):
            listed = _list_literal_ending_at(raw, m.start())
            if listed is None:
                continue
            if int(m.group("n")) == len(listed) - 1 and not _counts_items(m.group("noun"), walk):
                continue  # `[5, 8, 8, 3], that is 3 steps`: the steps between the values listed
            checks.append(_listed_count(int(m.group("n")), m.group("noun"), listed))
    if "range(" in raw:
        for m in _RANGE_THEN_COUNT.finditer(raw):
            node = _expr(f"range({m.group('args')})")
            size = _range_size(node) if node is not None else None
            if size is not None:
                said = int(m.group("n"))
                checks.append(Check("count", f"{m.group(0)} (the range gives {size})", said == size))
    if " to " in raw or " through " in raw:
        for m in _SPAN_THEN_COUNT.finditer(raw):
            low, high, said = int(m.group("a")), int(m.group("b")), int(m.group("n"))
            if high >= low and not re.search(r"\b(?:both|nested|each|every|per)\b", raw, re.I):
                # (`from 0 to 5` may end before 5, as `range(0, 5)` does: one fewer is no slip)
                size = high - low + 1
                checks.append(Check("count", f"{m.group(0)} (the span holds {size})", said in (size, size - 1)))
    if (
        ":" not in walk.raw_sentence
        and "(" not in walk.raw_sentence
        and not _COUNT_AFTER_ITEMS.search(walk.raw_sentence)
    ):
        return  # (most sentences list nothing: no need to read their numbers)
    if "..." in raw or "…" in raw:
        for m in _PROGRESSION_THEN_COUNT.finditer(raw):
            check = _progression_count(m)
            if check is not None:
                checks.append(check)
    for m in (*_COUNT_THEN_ITEMS.finditer(raw), *_ITEMS_THEN_COUNT.finditer(raw)):
        k = next(k for k in ("", "2", "3") if f"n{k}" in m.re.groupindex and m.group(f"n{k}"))
        said, noun, written = int(m.group(f"n{k}")), m.group(f"noun{k}"), m.group(f"items{k}")
        listed = _listed_items(re.sub(r",?\s+(?:and|or)\s+(?=" + _ITEM + r"$)", ", ", written))
        if listed is None:
            continue
        if k and not (_counts_items(noun, walk) or _written_as_the_noun(noun, listed)):
            continue  # `6 bounces: 40, 30, 22, 16, 12, 9, 6`: the steps between the values listed
        check = _listed_count(said, noun, listed)
        if m.re is _ITEMS_THEN_COUNT and not re.search(r"\b(?:and|or)\b", written) and said == len(listed) - 1:
            continue  # `a went 2, 5, 8, which is two additions`: a course of values counts the steps between them
        checks.append(check)


# `k runs from 1 to 14, so there are 14 comparisons`, `k = 2 to 24, 23 values`: a span of whole numbers, then
# how many it holds (not pairs or cells of nested loops)
_SPAN_THEN_COUNT = re.compile(
    r"(?<![\w.,])(?:[A-Za-z_]\w*\s*=\s*)?(?P<a>-?\d+)\s+(?:to|through)\s+(?P<b>-?\d+)(?![\w.])\s*,?\s*"
    r"(?:(?:which\s+is|that\s+is|i\.e\.|so\s+there\s+are|giving|making)\s+)?"
    r"(?P<n>\d+)\s+(?P<noun>values|numbers|comparisons|checks|passes|iterations|candidates|tests|rounds|steps)\b"
)
# `k runs 14, 21, 28, ..., 98, which is 13 values`: a run of even steps written short with `...`
_PROGRESSION_THEN_COUNT = re.compile(
    r"(?<![\w.,])(?P<head>-?\d+(?:\s*,\s*-?\d+)+)\s*,\s*(?:\.\.\.|…)\s*,?\s*(?P<z>-?\d+)\s*,?\s*"
    rf"{_COUNT_AFTER_ITEMS.pattern}\s*(?P<n>\d+)\s+(?:[a-z]+\s+)?(?P<noun>{_PLURAL})\b"
)


def _progression_count(m: re.Match) -> Check | None:
    """How many values `a, b, c, ..., z` holds when its written head goes in one even step, else None."""
    head = [int(v) for v in re.split(r"\s*,\s*", m.group("head"))]
    step, last = head[1] - head[0], int(m.group("z"))
    if step == 0 or any(b - a != step for a, b in zip(head, head[1:])) or (last - head[0]) % step:
        return None
    size = (last - head[0]) // step + 1
    said = int(m.group("n"))
    if size < len(head) or (said == size - 1 and m.group("noun") not in _VALUE_NOUNS):
        return None
    return Check("count", f"{m.group(0)} (the run holds {size})", said == size)


# `'a b c' splits into 3 words`, `the row splits into 5 cells`: how many pieces a split of the text gives
_SPLITS_INTO = re.compile(
    r"\bspli(?:ts?|tting)\s+(?:(?:it|them|up|apart|on\s+\S+|at\s+\S+)\s+)*(?:in|into)\s+"
    r"(?P<n>\d+)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]{2,}s)\b"
)
_SPLITTING_GIVES = re.compile(
    r"\b[Ss]plitting\s+(?:(?P<text>'[^'\n]*'|\"[^\"\n]*\")\s+|(?:it|this|that|them)\s+)?"
    r"(?:(?:on|at|by)\s+[^,.;]{0,25}?\s+)?,?\s*"
    r"(?:gives|yields|produces|makes)\s+(?P<n>\d+)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]{2,}s)\b"
)
_SPLIT_CALL = re.compile(r"\.split\(([^()]*)\)")


def _split_counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'Go fast now' splits into 3 words`: the count is what the program's own `.split(...)` makes
    of the string the sentence quotes right before it (read as written, where quoted inputs are not masked)."""
    raw = walk.raw_numbers
    if "plit" not in raw or ".split(" not in walk.facts.code_source:
        return
    matches = [*_SPLITS_INTO.finditer(raw), *_SPLITTING_GIVES.finditer(raw)]
    try:
        splits = [ast.literal_eval(f"({a},)") if a.strip() else () for a in _SPLIT_CALL.findall(walk.facts.code_source)]
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return  # (`.split(sep)`: a separator of the run, which this cannot apply: no check)
    for m in matches:
        if m.re is _SPLITTING_GIVES and not m.group("text"):
            # `Take "We met Ada ...". Splitting gives 22 words.`: a string the run held or one the text
            # quotes around it (`Stripping gives 'max_speed', splitting on '_' gives two parts`)
            texts = {v for history in walk.facts.histories.values() for _, v in history if isinstance(v, str)}
            texts |= {q[1:-1] for q in _QUOTED.findall(walk.previous_raw_sentence + " " + walk.raw_sentence)}
        else:
            quoted = (
                _QUOTED.match(m.group("text"))
                if m.re is _SPLITTING_GIVES
                else re.search(r"(" + _QUOTED.pattern + r")\s*(?:,\s*which\s+)?$", raw[: m.start()])
            )
            if not quoted:
                continue  # (the string split must be the one quoted right before: `'a b' splits into 2 words`)
            texts = {quoted.group(1)[1:-1]}
        try:
            sizes = {len(text.split(*arguments)) for text in texts for arguments in splits}
        except (TypeError, ValueError):
            continue  # (`.split(3)`, `.split('')`: no split this string can take)
        if sizes:
            said = int(m.group("n"))
            checks.append(
                Check("count", f"splits into {said} {m.group('noun')} (the split gives {sorted(sizes)})", said in sizes)
            )


# `comes from 7, 13, 4, so 3 times` (or `3, 9, 15, 3 times`, the count right after the values): the values a
# count of times is of
_LIST_BEFORE_A_COUNT = re.compile(
    rf"(?<![\w.,])(?P<items>{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})\s*,\s*(?:(?P<so>so|which\s+is|i\.e\.|that\s+is|making)\s+)?"
    r"(?:also\s+|again\s+)?$"
)


# `remainders 1, 2, 1, 2, 3, 1, so bit 1 is toggled 3 times`: how often one value occurs in the list
_TALLY_OF_A_LISTED_VALUE = re.compile(
    rf"(?<![\w.,])(?P<items>{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})\s*[,;]?\s*(?:so|which\s+means|meaning|hence|thus)\s+"
    r"(?:[a-z]+\s+){0,2}(?P<value>-?\d+)\s+(?:(?:is|was|are|were|gets|got)\s+)?[a-z]+\s*$",
    re.I,
)
# `halving 3 times gives 776, 388, 194`: one value for each time
_LIST_AFTER_A_COUNT = re.compile(
    rf"\s+(?:gives|gave|yields|yielded|produces|produced)\s+(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})+)"
    rf"(?:\s*,?\s+and\s+(?P<last>{_ITEM})(?![\w.]))?"
)


def _counted_in_a_list(text: str, m: re.Match, count: int) -> Check | None:
    """`N times` the sentence's own list gives: as many values as a list before it, how often one value
    occurs in it (`1, 2, 1, so bit 1 is toggled 2 times`), or as many values as follow it (`3 times gives 8, 4, 2`)."""
    listed = _LIST_BEFORE_A_COUNT.search(text[: m.start()])
    items = _listed_items(listed.group("items")) if listed else None
    if items is not None and (listed.group("so") or len(items) == count):
        # `residue 1 comes from 7, 13, 4, so 3 times`: as many times as the values listed
        return Check("count", f"{m.group(0)} (listed: {len(items)})", len(items) == count)
    tally = _TALLY_OF_A_LISTED_VALUE.search(text[: m.start()])
    items = _listed_items(tally.group("items")) if tally else None
    if items is not None and int(tally.group("value")) in items:
        held = sum(1 for x in items if same_value(x, int(tally.group("value"))))
        return Check("count", f"{m.group(0)} ({tally.group('value')} is listed {held} times)", held == count)
    after = _LIST_AFTER_A_COUNT.match(text[m.end() :])
    items = _listed_items(after.group("items")) if after else None
    if items is not None:
        listed = len(items) + bool(after.group("last"))
        return Check("count", f"{m.group(0)} (listed after: {listed})", listed == count)
    return None


def _listed_items(written: str) -> list | None:
    """The values of a list written out without brackets (`7, 13, 4`), or None where one is no literal."""
    try:
        return ast.literal_eval(f"[{written}]")
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _listed_count(said: int, noun: str, listed: list) -> Check:
    """A count said of a noun beside a list, checked against how many items it lists."""
    return Check("count", f"{said} {noun} (listed: {len(listed)})", said == len(listed))


def _range_size(node: ast.expr) -> int | None:
    """How many values `range(...)` of constant arguments gives (`range(1 << 4)`: 16), else None."""
    if not (isinstance(node, ast.Call) and not node.keywords and 1 <= len(node.args) <= 3):
        return None
    bounds = []
    for argument in node.args:
        literal, value = _literal_value(argument)
        if not literal or type(value) is not int:
            return None
        bounds.append(value)
    try:
        return len(range(*bounds))
    except (ValueError, OverflowError):
        return None


def _list_literal_ending_at(text: str, end: int) -> list | None:
    """The list literal whose closing bracket is `text[end]`, or None (a subscript, or not a literal)."""
    depth = 0
    for start in range(end, -1, -1):
        depth += {"]": 1, "[": -1}.get(text[start], 0)
        if depth == 0:
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_)]"):
                return None  # `words[3]`: a subscript
            try:
                value = ast.literal_eval(text[start : end + 1])
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return None
            return value if isinstance(value, list) else None
    return None


# `six calls in total`, `the loop logged 7 trips`: how many things there were, a count the run had
_NOT_PASSES = r"(?!(?:times|passes|iterations|rounds|loops)\b)"  # (those are loop counts, read by `_counts`)
_TOTAL = re.compile(
    r"\b(\d+)\s+(?:[a-z]+\s+)?" + _NOT_PASSES + r"[a-z]+s\s+"
    r"(?:in\s+total|in\s+all|altogether|(?:were|are|got|get)\s+(?:made|used|added|logged|processed|handled|"
    r"visited|issued|served|placed|skipped|counted|appended|pushed|popped|removed|read|taken)\b)"
    r"|\b(?:logged|logs|yields|yielded|feeds|fed|issued|issues|served|serves|skipped|skips|placed|places|"
    r"appended|appends|pushed|pushes|popped|pops|looked\s+at|looks\s+at|read|reads)\s+(?:all\s+|the\s+|only\s+)?"
    r"(\d+)\s+(?:[a-z]+\s+)?" + _NOT_PASSES + r"[a-z]+s\b",
    re.I,
)


# `n from 147 to 157, which is 10 numbers`: how many values a range of integers holds
_RANGE_SIZE = re.compile(
    r"(?:\bfrom\s+|(?<![\w.])(?=-?\d+\s+(?:through|thru)\b))(-?\d+)\s+(?:up\s+|down\s+)?(to|through|thru)\s+(-?\d+)\s*,?\s*"
    r"(?:(?:which\s+is|that\s+is|that's|i\.e\.|so|giving|or|for)\s+(\d+)\s+(?:(?!is\b|was\b)[a-z]+\s+)?"
    r"(?!is\b|was\b|has\b|does\b)[a-z]+s\b"
    r"|(?<=,)\s*(\d+)\s+(?:steps|values|numbers)\b)",  # (`from 3 to 17, 16 steps in total`)
    re.I,
)


# `rolls 6, 2 and 3, 11 in total`: a run of numbers and then their sum (or how many they are)
_RUN_TOTAL = re.compile(
    r"(?<![\w.])(-?\d+(?:\.\d+)?(?:\s*(?:,\s*(?:and\s+)?|\band\s+)-?\d+(?:\.\d+)?)+)\s*,\s*"
    r"(?:so\s+|that\s+is\s+|which\s+is\s+)?(-?\d+(?:\.\d+)?)\s+(?:[a-z]+\s+)?(?:in\s+total|in\s+all|altogether)\b",
    re.I,
)


def _totals(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """How many values a range holds, and totals: of a run of numbers just stated, or a loop's
    passes, a line's runs, a collection's size or a number the program computed."""
    facts = walk.facts
    if not any(ch.isdigit() for ch in s.text):
        return
    for m in _RUN_TOTAL.finditer(s.text):
        if not s.free(m.start(2), m.end()):
            continue
        if re.search(r"\b(?:goes|going|went|climbs|climbing|climbed|rises|rising|rose)\s+$", s.text[: m.start()], re.I):
            continue  # `longest ... going 1, 2, 3, 4 in total`: a course of values, the last one of it
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m.group(1))]
        total = float(m.group(2))
        s.use(m.start(2), m.end())
        checks.append(Check("arith", m.group(0), math.isclose(total, sum(values)) or total == len(values)))
    if not facts.loop_counts:
        return
    for m in _RANGE_SIZE.finditer(s.text):
        if re.match(r"[^,;.]*\b(?:in total|altogether|in all|overall)\b", s.text[m.end() :]) and not re.search(
            r"\b(?:steps|values|numbers)$", m.group(0), re.I
        ):  # `runs c from 0 to 4, so 20 cells are visited in total`: over every pass, not one range
            continue  # (but `slides i from 3 to 17, 16 steps in total`: the range's own steps)
        first, last, count = int(m.group(1)), int(m.group(3)), int(m.group(4) or m.group(5))
        inclusive = abs(last - first) + 1
        # (`from 0 to 10` may mean `range(0, 10)`: then the loop ran the difference)
        ok = count == inclusive or (
            m.group(2).lower() == "to" and count == inclusive - 1 and count in facts.loop_counts
        )
        # `r runs from 1 to 5 and c runs from 1 to 5, so 25 cells`: the pairs of two ranges
        ok = ok or any(
            count == inclusive * (abs(int(b) - int(a)) + 1)
            for a, b in re.findall(r"\bfrom\s+(-?\d+)\s+(?:to|through|thru)\s+(-?\d+)\b", s.text[: m.start()])
        )
        s.use(m.start(4) if m.group(4) else m.start(5), m.end())
        checks.append(Check("count", m.group(0), ok))
    for m in _TOTAL.finditer(s.text):
        if not s.free(m.start(), m.end()):
            continue
        s.use(m.start(), m.end())
        count = int(m.group(1) or m.group(2))
        if (
            m.group(2)
            and re.match(r"(?:looked|looks)\s+at|reads?\b|feeds|fed\b", m.group(0), re.I)
            and re.search(r"\bloop\s+(?:only\s+|then\s+)?$", s.text[: m.start()], re.I)
        ):  # `the loop looked at 5 segments`: its passes, not a number the run happened to hold (but
            # `the loop skipped 9 starts`, `appends 11 coins`: some of its passes)
            checks.append(Check("count", m.group(0), count in _pass_counts(walk)))
            continue
        ok = (
            count in facts.loop_counts
            or count in facts.sizes
            or count in facts.line_counts
            or any(any(same_value(v, count) for _, v in history) for history in facts.histories.values())
            or any(same_value(v, count) for r in facts.returns for v in (r if isinstance(r, tuple) else (r,)))
        )  # (`thirty tiles in total`, `54 points in total` it returns: a total the program computed)
        checks.append(Check("count", m.group(0), ok))


_NOT_LOOP_NAMES = frozenset(
    "outer inner while for the main first second third fourth last same whole this that each next other "
    "nested single only one two three".split()
)


def _loop_counts(walk: Walk, before: str = "") -> set[int]:
    """The counts a count in this sentence may be: of the loop it names (by its variable or its
    header's code), else of the loops the words just before it point at (`the outer loop`, `the
    inner while`), else of any loop."""
    facts, raw = walk.facts, walk.raw_sentence
    said = re.search(
        r"\b(outer|inner|while|for)\b(?:`)?(?:\s+(?:for|while)\s+[A-Za-z_]\w*`?|\s+[a-z]+ing)?\s+(?:loop|body)\b"
        r"[^,;]{0,30}(?:,\s*)?$",
        before,
        re.I,
    )  # (`the inner for y loop body runs 49 times`, `the inner summing loop runs 3 times`)
    restated = any(len(code) >= 8 and code in squash(raw) for _, code in facts.loop_names.values())
    if said and (not restated or before.rfind("\x00") < said.start()):  # a header restated earlier names another loop
        counts = _counts_of_role(facts, said.group(1))
        if counts:
            return counts
    named = [
        header
        for header, (targets, code) in facts.loop_names.items()
        if (len(code) >= 8 and code in squash(raw))
        or any(
            regex(
                rf"`{re.escape(t)}`|\b{re.escape(t)}\b\s+(?:runs|goes|takes|walks|steps)|\bfor\s+{re.escape(t)}\s+in\b"
                rf"|\bloop\s+(?:over|on|through)\s+{re.escape(t)}\b"
            ).search(raw)  # (`the for line in ... loop runs 3 times`: the header shortened; `the loop over k`)
            for t in targets
        )
    ]
    ordinal = re.search(r"\b(first|second|third|fourth)\s+(?:`?(?:for|while)`?\s+)?loop\b[^,;]{0,30}$", before, re.I)
    in_turn = sorted(h for h, roles in facts.loop_roles.items() if "inner" not in roles)
    # `the second loop ran 3 times`: of loops that run one after another, in code order
    if not named and ordinal and len(in_turn) >= 2:
        place = ("first", "second", "third", "fourth").index(ordinal.group(1).lower())
        if place < len(in_turn) and facts.index.counts_by_loop.get(in_turn[place]):
            return facts.index.counts_by_loop[in_turn[place]]
    noun = re.search(r"\b([A-Za-z]{3,})\s+loop\b[^,;]{0,30}$", before)
    if not named and noun and noun.group(1).lower() not in _NOT_LOOP_NAMES and len(facts.loop_names) > 1:
        # `the column loop ran 3 times`: the one loop whose header says `col`
        stem = noun.group(1).lower()[:3]
        headers = [h for h, (_, code) in facts.loop_names.items() if stem in code.lower()]
        if len(headers) == 1 and facts.index.counts_by_loop.get(headers[0]):
            return facts.index.counts_by_loop[headers[0]]
    owners = list(_LOOP_OF_FUNCTION.finditer(raw)) if not named and len(facts.loop_names) > 1 else []
    if len(owners) == 1:  # `The loop in germ_tray_day runs 9 times`: the loops of that function, not a method's
        owner = owners[0]  # (of two or more named, which one a count is of is not read)
        span = _function_lines(facts.code_source).get(owner.group("f") or owner.group("g"))
        named = [h for h in facts.loop_names if span and span[0] <= h <= span[1]]
    if not named and len(facts.loop_names) == 1 and re.search(r"\bthe\s+loop\b(?:\s+body)?[^,;]{0,30}$", before, re.I):
        named = list(facts.loop_names)  # `the loop ran 3 times` where the code has one loop: that loop
    counts = set().union(*(facts.index.counts_by_loop.get(h, set()) for h in named)) if named else set()
    return counts or (facts.loop_counts | facts.index.loop_totals)


def _counts_of_role(facts: TraceFacts, role: str) -> set[int]:
    """The counts of the loops of one role (`outer`, `inner`, `while`, `for`)."""
    headers = [h for h, roles in facts.loop_roles.items() if role.lower() in roles]
    return set().union(*(facts.index.counts_by_loop.get(h, set()) for h in headers))


_LOOP_OF_FUNCTION = re.compile(
    r"\bloop\s+(?:in|of|inside)\s+`?(?:[A-Za-z_]\w*\.)?(?P<f>[A-Za-z_]\w*)(?:\(\))?`?"
    r"|`?(?P<g>[A-Za-z_]\w*)(?:\(\))?`?'s\s+(?:main\s+|own\s+)?loop\b"
)


@lru_cache(maxsize=256)
def _function_lines(code: str) -> dict[str, tuple[int, int]]:
    """Each function's (first line, last line) in the code, by name (of two methods named alike,
    the later one); {} where it does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return {}
    return {
        node.name: (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


# a test right after a count of `passes` makes it the verb: an expression and a comparison, or a call
_TEST_NEXT = re.compile(
    r"\s+(?:not\s+)?(?:[\w.()\[\]'\"]+(?:\s*(?:[-+*/%&|^]|//)\s*[\w.()\[\]'\"]+)*\s*(?:[<>]=?|[=!]=)(?!=)"
    r"|[A-Za-z_][\w.]*\(\))"
)


def _passes_the_verb(text: str, m: re.Match) -> bool:
    """`N passes` where `passes` is what a value does, not how often a loop ran."""
    before, after = text[: m.start()], text[m.end() :]
    return bool(
        _LABEL_NOUN.search(before)  # `Row 0 passes at j = 0`, `the value 9 passes`: a labelled thing passing a test
        # `Third pass: 68 passes both checks`, `Day 3: 995 passes: ...`: a value opening a clause passes a test
        # (`Day six: 8100 passes as well`)
        or (
            re.match(r"\s+(?:both|all|every|each|its|the|as\s+well|too|also)\b|\s*:", after)
            and re.search(r"(?:^|[:;,(])\s*$", before)
        )
        or re.match(r"\s+-?\d", after)  # `26 passes 18 and 12`: a value going past others
        # (`the products are 16, 40, 48, 8; just 8 passes.`)
        or (re.search(r"(?:^|[:;,(])\s*(?:just|only)\s*$", before) and re.match(r"\s*(?:[.;]|$)", after))
        or re.search(r"\b(?:vs\.?|versus|against)\s*$", before)  # `12 vs 10 passes`: a pair passing a test
        # `90 passes, 38 fails, 64 passes`: values opening clauses, each with its outcome
        or (re.search(r"(?:^|[:;,(])\s*$", before) and re.search(r"\b\d+\s+(?:fails|failed)\b", text))
        or _TEST_NEXT.match(after)  # `Only 2 passes x + s > 0`, `The token 3 passes isdigit()`
        or (re.search(r"=\s*`?$", before) and re.match(r"\s*(?:[.;]|$)", after))  # `0 + 5 = 5` passes.: a result
    )


def _count_of_condition(before: str, walk: Walk) -> set[int] | None:
    """`the check v % 3 == 0 succeeds 6 times`: how often a test the code makes came out true
    (or false, for `fails`); None when the words before the count name no such test."""
    # (`the condition n > 0 was checked 7 times`: how often it was tested, whatever came out)
    # (`was true on exactly two iterations`: as many passes as it came out true in)
    verb = (
        r"\s+(?:(?P<held>succeeds|succeeded|holds|is true|fires|fired|passes|(?:was|came out|comes out) true)"
        r"|(?P<failed>fails|failed|is false|(?:was|came out|comes out) false)"
        r"|(?P<tested>(?:was|is|got|gets)\s+(?:checked|evaluated|tested)))(?:\s+(?:on|in|for))?(?:\s+(?:exactly|only|just))?"
    )
    said = re.search(r"(\S.*?)" + verb + r"\s*$", before)
    if not said:
        return None
    subject = said.group(1)
    if subject.rstrip().endswith("\x00"):  # the test in backticks, masked as restated code: as written
        written = re.search(r"`([^`]+)`" + verb, walk.raw_sentence)
        subject = written.group(1) if written and bool(written["held"]) == bool(said["held"]) else ""

    def tally(test: ast.expr, at: list[int]) -> set[int] | None:
        return {len(at)} if said["tested"] else _outcome_counts(walk, test, at, said["held"] is not None)

    for begin in [0] + [m.end() for m in re.finditer(r"[\s(]", subject)]:
        node = _expr(subject[begin:].strip(" `)"))
        at = walk.facts.condition_events(node) if node is not None else []
        if at:
            return tally(node, at)
    clauses = re.split(r"[,;]|\band\b", subject)
    clause = (
        clauses[-1] if clauses[-1].strip() or len(clauses) == 1 else clauses[-2]
    )  # (`is run 55 times and succeeds`)
    # `the inner test ... succeeds 33 times`, `the \`if\` fired six times` (of a program with one `if`)
    if re.search(r"\b(?:test|check|condition|comparison)\b", clause) or (
        re.search(r"\bthe\s+`?if`?\s*$", clause) and walk.facts.code_source.count("if ") == 1
    ):
        tallies = [tally(test, walk.facts.condition_events(test)) for test, _ in walk.facts.condition_nodes]
        return set().union(*(t for t in tallies if t)) or None
    return None


def _outcome_counts(walk: Walk, test: ast.expr, at: list[int], wanted: bool) -> set[int] | None:
    """{how many of the events `at` the test came out `wanted`}, or None where one cannot be evaluated."""
    truth = _truth(test)
    outcomes = [walk.holds(truth, wanted, i) for i in at]
    return {sum(held is True for held in outcomes)} if outcomes and None not in outcomes else None


def _count_of_changes(before: str, walk: Walk) -> set[int] | None:
    """`shape grew 7 times`: how often a named variable took a new value (with or without the first)."""
    said = re.search(
        r"(?<![\w.])`?((?:self\.)?[A-Za-z_]\w*)`?\s+(?:grew|grows|changed|changes|was updated|is updated|"
        r"increased|increases|was incremented|is incremented|went up|goes up|was reassigned)\s*$",
        before,
    )
    history = walk.facts.history(said.group(1)) if said else []
    if not history:
        return None
    values = [v for _, v in history]
    # (`ups was incremented 16 times` where each window sets it back to 0: the steps up, not every change)
    rises = sum(
        1
        for a, b in zip(values, values[1:])
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)) and b > a
    )
    return {len(history), len(history) - 1} | (
        {rises} if rises and re.search(r"incremented|increased|went up|goes up|increases", said.group(0)) else set()
    )


_STATEMENT_VERB = re.compile(
    r"\s(?:ran|runs|is\s+run|was\s+run|executes|executed|is\s+executed|was\s+executed|is\s+called|was\s+called"
    r"|happens|happened|fires|fired|is\s+hit|was\s+hit|is\s+reached|was\s+reached)\s*$"
)
_STATEMENT_RAN = re.compile(
    r"(?:`([^`\n]+)`|(?<![\w.`])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\(\))?"
    # (`run += 1 happens six times`: an update written out bare)
    r"|[A-Za-z_][\w.]*\s*(?:[-+*/%&|^]|//|<<|>>)=\s*[\w.]+))"
    r"(?:\s+(?:inside|in|within)\s+the\s+(?:\w+\s+)?loop)?"  # (`runs.append(n)` in backticks `inside the loop fires`)
    + _STATEMENT_VERB.pattern
)


def _count_of_statement(before: str, walk: Walk) -> set[int] | None:
    """`` `append` ran 4 times ``, `seen.add runs 39 times`: how often the lines holding that code ran
    (each, or all together); None when the sentence restates no code before the count."""
    if not _STATEMENT_VERB.search(before):
        return None
    raw = walk.raw_sentence
    # the same `times` in the sentence as written (its code is masked in `before`)
    nth = len(re.findall(r"\b(?:times?|once|twice|thrice)\b", before, re.I))
    counted = list(re.finditer(r"\s+(?:\S+\s+(?:more\s+)?times?|once|twice|thrice)\b", raw, re.I))
    said = _STATEMENT_RAN.search(raw[: counted[nth].start()]) if nth < len(counted) else None
    if said is None or re.search(r"\b(?:in|of|inside|within|over|through)\s+(?:the\s+)?$", raw[: said.start()]):
        return None  # (`the loop in `mode` ran 4 times`, `the body of the `if``, `the loop over `items``: not it)
    # (`out.append(...)`: the call whatever its arguments, on every line that makes it)
    code = re.sub(r"\((?:\.\.\.|…)\)$", "", squash(said.group(1) or said.group(2))).removesuffix("()")
    calls = walk.facts.calls_of.get(code, 0)
    if calls:
        return {calls}  # `take` was called 6 times: a function of the program
    runs: dict[int, int] = {}
    for event in walk.facts.index.events:
        if event.kind == "line" and code in squash(event.source) and event.line_no not in walk.facts.loop_names:
            runs[event.line_no] = runs.get(event.line_no, 0) + 1
    return set(runs.values()) | {sum(runs.values())} if runs else None


_ORDINALS = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        1,
    )
}
# `break ends the loop on its second iteration`: the loop stopped after that many passes
_STOPPED_ON = re.compile(
    r"\b(?:on|in|at|during)\s+(?:its|the)\s+(" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))\s+"
    r"(?P<noun>pass|iteration|time round|round|trip|[a-z]+)\b(?:\s+through\s+the\s+loop)?",
    re.I,
)


# (`the loop stopped on its 5th item`: whatever a loop walks, its items; right after the stop only)
_ANY_LOOPS_ITEM = ("item", "element", "entry")


def _stopping_passes(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    if not re.search(r"\b(?:break|breaks|stops?|stopped|ends?|ended|returns?|returned|exits?|exited)\b", s.text, re.I):
        return
    for m in _STOPPED_ON.finditer(s.text):
        if not s.free(m.start(), m.end()) or not walk.facts.loop_counts:
            continue
        noun = m.group("noun").lower()
        if noun not in ("pass", "iteration", "time round", "round", "trip") and not (
            re.search(r"\b(?:stops|stopped|ends|ended|breaks|broke|exits|exited)\s+$", s.text[: m.start()], re.I)
            and (noun in _ANY_LOOPS_ITEM or _counts_of_the_noun(walk, noun + "s"))
        ):
            continue  # (`stops on its fourth part`: only right after the stop, and where the loop walks parts)
        s.use(m.start(), m.end())
        word = m.group(1).lower()
        passes = _ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        checks.append(Check("count", m.group(0), passes in _loop_counts(walk, s.text[: m.start()])))


# how often something was seen, told as a tally (not `the delete line ran 3 times`, a line's runs)
_SEEN_TIMES = re.compile(r"\b(?:seen|appear\w*|occur\w*|(?:shows?|showed|comes?|came)\s+up|tally\w*|give[sn]?|gave)\b")


def _kept_in_an_entry(walk: Walk, count: int, before: str) -> bool:
    """`the result ('m', 4) says m was seen 4 times`: a count of times told as a tally, which an entry
    of a dict the run ends with holds (a counter kept per key)."""
    return bool(_SEEN_TIMES.search(before)) and any(
        isinstance(v, dict) and any(same_value(x, count) for x in v.values())
        for h in walk.facts.histories.values()
        for _, v in h[-1:]
    )


def _outside_quoted_text(pattern: re.Pattern, text: str) -> list[re.Match]:
    """The pattern's matches in the text, but for those inside a string it quotes (`'A cat ran 42
    times!'`: text of a value, not the narration's words)."""
    quoted = [q.span() for q in _QUOTED.finditer(text)] if "'" in text or '"' in text else []
    return [m for m in pattern.finditer(text) if not any(lo < m.start() < hi for lo, hi in quoted)]


def _counts(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    _stopping_passes(s, walk, checks)
    for m in _outside_quoted_text(_COUNT, s.text):
        # `runs 11 - 4 = 7 times`: the arithmetic's result is a count too (its digits are used by `_chains`)
        result = m.group(1) and re.search(r"[-+*/)]\s*\d+\s*=\s*$", s.text[: m.start()]) and s.free(m.end(1), m.end())
        if not result and (not s.free(m.start(), m.end()) or re.search(r"[<>=]\s*$", s.text[: m.start()])):
            continue  # `9 <= 11 passes`: a comparison that holds, not 11 passes of a loop
        count = int(m.group(1)) if m.group(1) else _TIMES_WORDS[m.group(2).lower()]
        per_pass = re.match(r"\s+(?:per|for each|each|every)\s+\w+", s.text[m.end() :])
        if per_pass and re.search(r"times?$", m.group(0)) and re.search(r"\binner\b[^,;]{0,30}$", s.text[: m.start()]):
            # `the inner loop runs 8 times per row`: each run of the inner loop
            s.use(m.start(), m.end() + per_pass.end())
            checks.append(
                Check("count", m.group(0) + per_pass.group(0), count in _loop_counts(walk, s.text[: m.start()]))
            )
            continue
        if re.match(r"\s+(?:per|for\s+(?:each|every)|each|every|a|an)\b", s.text[m.end() :]) or (
            re.search(r"times?$", m.group(0))
            and (
                re.match(r"\s+(?:the|its|their|that|this|any|every|each|\d)", s.text[m.end() :])
                or (
                    (named := re.match(r"\s+((?:self\.)?[A-Za-z_]\w*)\b", s.text[m.end() :]))
                    and named.group(1) in walk.facts.index.names
                )
            )
        ):
            # `runs once per iteration`: a rate; `adds 50 times the multiplier`, `0 times any length`,
            # `equals five times both` (a variable): products
            continue
        if not result and re.search(r"(?:[-+*/%&^|]|<<|>>)\s*$", s.text[: m.start()]):
            continue  # `ran n - 2 times`: a count written as an expression of the input; `the test n & 1 passes`: a test
        if re.search(r"\b(?:at\s+least|at\s+most|no\s+more\s+than|no\s+fewer\s+than|up\s+to)\s*$", s.text[: m.start()]):
            continue  # `57 needs at least 9 rounds`: a bound reasoned out, not how often the loop ran
        if m.group(0).lower().endswith("passes") and _passes_the_verb(s.text, m):
            continue
        s.use(m.start(), m.end())
        if m.group(0).lower().endswith("loops") and count == len(walk.facts.loop_names):
            checks.append(Check("count", m.group(0), True))  # `the two loops` of the code: its loop statements
            continue
        counter = walk.facts.history(m.group(0).split()[-1])
        if counter and same_value(counter[-1][1], count):
            # `Over the four rounds`, where the program counts `rounds` and ends holding 4
            checks.append(Check("count", m.group(0), True))
            continue
        if (
            re.search(r"\b[Aa]fter\s+$", s.text[: m.start()])
            and (later := re.search(r"\bafter\s+all\s+(\d+)\s+" + re.escape(m.group(0).split()[-1]), s.text[m.end() :]))
            and count < int(later.group(1))
        ) or re.search(r"\b(?:those|these)\s*$", s.text[: m.start()], re.I):
            # `After 14 iterations seen is {...}, and after all 21 iterations ...`: a moment some passes
            # in, before the total the sentence then tells (which is checked as a count); `among those
            # 24 passes`: passes told before, maybe some of a loop's (`the first 24`): no more than a loop made
            checks.append(Check("count", m.group(0), any(count <= n for n in walk.facts.loop_counts)))
            continue
        if (
            re.search(r"\smore\s", m.group(0))
            or re.search(
                r"\b(?:other|remaining|first|last|next|final|previous|later|earlier)\s*$", s.text[: m.start()], re.I
            )
            or (
                m.group(0).lower().endswith("times")
                and re.search(r"\b(?:its|their|his|her)\s*$", s.text[: m.start()], re.I)
            )
        ):
            # `the other four passes`, `changes four more times`: some of a loop's runs; `the smaller of
            # its two times`: a noun
            continue
        if re.search(
            r"\b(?:appears?|appeared|occurs?|occurred|came|comes|shows? up|showed up|turns? up|turned up|is seen"
            r"|(?:is|are|was|were|be)\s+(?:counted|found|hit|requested))\s*$"
            # (`'A' came 7 times, 'B' 6 times`, `Final counts: (0, 2) 9 times, (2, 1) 6 times`,
            # `Bell 0 appears 4 times, bell 1 five times`)
            r"|(?:^|[\s,:;])(?:'[^'\n]{1,20}'|\"[^\"\n]{1,20}\"|\([^()\n]{1,20}\))\s*$"
            r"|\b(?:appears?|appeared|occurs?|occurred|shows? up|showed up)\s+\d+\s+times?,[^.;]*?"
            r",\s*(?:and\s+)?(?:[\w']+\s+){1,2}$",
            s.text[: m.start()],
        ):
            # how often a value occurs in the data: a count the program holds, not a loop's
            checks.append(Check("count", m.group(0), grounded_literal(walk.facts, count)))
            continue
        before = s.text[: m.start()]
        per_value = _one_pass_per_listed_value(before, m, count, walk)
        if per_value is not None:
            checks.append(per_value)
            continue
        listed = _counted_in_a_list(s.text, m, count) if m.group(0).lower().endswith("times") else None
        if listed is not None:
            checks.append(listed)
            continue
        said_of = (
            _count_of_condition(before, walk)
            or _count_of_changes(before, walk)
            # (`del stock[name]` ran twice: the verb is part of the match of a count in words)
            or _count_of_statement(s.text[: m.start(2)] if m.group(2) else before, walk)
        )
        if said_of is not None:  # `v % target == 0` succeeds 6 times, `shape` grew 7 times
            if re.match(r"\s+(?:with|for|when|where)\b", s.text[m.end() :]):
                # `ran twice with key = 'prod'`: the runs of one case, some of them
                checks.append(Check("count", m.group(0), any(count <= n for n in said_of)))
                continue
            checks.append(Check("count", m.group(0), count in said_of))
            continue
        if not walk.facts.loop_counts:
            continue  # no loop in the program: "times" is prose
        # `flushes num three times`: how often a variable the sentence names was set (but a sentence
        # about a loop counts that loop's runs)
        named = [n for n in re.findall(r"[A-Za-z_][\w.]*", s.text) if n in walk.facts.histories]
        about_loop = re.search(  # (`It ran 13 times.`: what runs is a loop, not a counter that ends at 13)
            r"\b(?:loop|while|for|iterations?|passes|rounds|body)\b|\b(?:it|this|that)\s+(?:ran|runs|iterated|iterates)\b",
            s.text + " " + walk.raw_sentence,
            re.I,
        )
        if not about_loop and (
            any(count in (len(walk.facts.histories[n]), len(walk.facts.histories[n]) - 1) for n in named)
            or any(same_value(v, count) for h in walk.facts.histories.values() for _, v in h[-1:])
            or _kept_in_an_entry(walk, count, before)
        ):  # (or how many times something happened, which some counter ends holding)
            checks.append(Check("count", m.group(0), True))
            continue
        near = s.text[max(0, m.start() - 25) : m.end() + 25]  # (`in total` of another count is not this one's)
        clause = re.split(r"[,;:]|\band\b|\bso\b", before)[-1]
        loop_told = re.search(r"\b(?:loop|loops|while|for|iterations?|pass(?:es)?|runs?|ran|body|repeats?)\b", clause)
        # (`the body of the if runs twice`, `the append ran 3 times`: how often a statement ran)
        of_lines = (
            any(  # (`for line in ...`: the loop over the variable `line`, not a line of code)
                w.group(0) not in walk.facts.index.names or not re.search(r"\bfor\s+$", s.text[: w.start()])
                for w in re.finditer(
                    r"\b(?:line|lines|branch|body\s+of\s+the\s+if|if\s+body|(?:the|that|this)\s+append)\b", s.text
                )
            )
            # (`five passes` is a loop's count, whatever comes before; `five times` may be a line's)
            or (
                not loop_told
                and (
                    re.search(r"\b(?:in total|altogether|overall|all told|in all)\b", near)
                    or re.search(r"times?\b", m.group(0), re.I)
                )
            )
        )  # `the dec line ran four times`, `the belt was emptied seven times`: how often a line ran
        totals = walk.facts.line_counts if of_lines else set()
        # (`the inner loop ran 3 times in each of the 4 rounds`: the rounds are another loop's passes)
        enclosing = re.search(r"\b(?:in|during|over|across|for)\s+(?:each|every|all)\s+(?:of\s+)?the\s+$", before, re.I)
        # `the inner loop body ran 15 times across the 6 passes of the outer loop`: the loop named after it
        of_role = re.match(r"\s+of\s+the\s+(outer|inner|while|for)\s+loop\b", s.text[m.end() :], re.I)
        counts = (of_role and _counts_of_role(walk.facts, of_role.group(1))) or (
            walk.facts.loop_counts if enclosing else _loop_counts(walk, before)
        )
        ok = count in counts or count in totals
        some = re.match(r"\s+(?:had|where|in\s+which|that|whose)\b", s.text[m.end() :])  # `2 rounds had a == b`
        some_items = re.match(r"\s+(?:for|over|across|from)\s+(?:the|those|these)\s+(\d+)\s", s.text[m.end() :])
        if not ok and (
            # `in those two iterations`: some of a loop's passes (`after two passes` may be all of them)
            ((some or _PART_OF_THE_RUNS.search(before)) and not _RUN_ENDS.search(s.text))
            # `10 passes for the 5 two-digit numbers, 27 for the 9 others`: the passes some items took
            # (not `23 times over the 8 numbers`, all the items a loop walked)
            or (some_items and int(some_items.group(1)) not in walk.facts.loop_counts)
        ):
            ok = any(count <= passes for passes in _loop_counts(walk, before))
        checks.append(Check("count", m.group(0), ok))


# `c = 1, 2, 3, four iterations`: the values a loop's variable took, then how many passes that was
_NAMED_RUN_BEFORE = re.compile(
    rf"(?<![\w.])(?P<name>[A-Za-z_]\w*)`?\s*=\s*`?(?P<items>{_ITEM}(?:\s*,\s*{_ITEM}){{2,}})`?\s*,\s*$"
)


def _one_pass_per_listed_value(before: str, m: re.Match, count: int, walk: Walk) -> Check | None:
    """`runs for c = 1, 2, 3, four iterations`: one pass for each value the loop's variable took."""
    named_run = _NAMED_RUN_BEFORE.search(before)
    values = _listed_items(named_run.group("items")) if named_run else None
    if (
        not values
        or named_run.group("name") not in walk.facts.loop_variables
        or Ellipsis in values
        or not re.search(r"(?:iterations|passes|rounds)$", m.group(0), re.I)
    ):
        return None
    return Check("count", f"{m.group(0)} (listed: {len(values)})", count == len(values))


# `In total 15 pairs were compared`, `the inner loop made 21 checks`, `looked at 19 pairs`: how many
# tests the loops made, which is how often a loop or a line of it ran
_TESTS_MADE = re.compile(
    r"\b(?P<n>\d+)\s+(?:pairs|checks|comparisons|combinations|candidates)\s+(?:were|are|got|get)\s+"
    r"(?:compared|checked|examined|tested|looked\s+at|considered|tried|visited)\b"
    r"|\b(?:made|makes|did|does|performed|performs)\s+(?P<made>\d+)\s+(?:checks|comparisons|tests)\b"
    r"|\b(?:looked\s+at|looks\s+at|compared|compares|checked|checks|examined|examines|tried|tries)\s+"
    r"(?:[-+*\d\s]*=\s*)?(?P<pairs>\d+)\s+(?:pairs|combinations)\b",
    re.I,
)


def _tests_made(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """How many tests the loops made: one of the loops' counts or of a line's runs (a sum too)."""
    if not walk.facts.loop_counts:
        return
    for m in _TESTS_MADE.finditer(s.text):
        group = next(g for g in ("n", "made", "pairs") if m.group(g))
        summed = re.search(r"=\s*$", s.text[: m.start(group)])  # (`looked at 3 + 2 = 5 pairs`: the sum, a count too)
        if not s.free(m.start(group), m.end(group)) and not summed:
            continue
        s.use(m.start(group), m.end(group))
        count = int(m.group(group))
        runs = _loop_counts(walk, s.text[: m.start()]) | walk.facts.loop_counts | walk.facts.line_counts
        checks.append(Check("count", m.group(0), count in runs))


_PART_OF_THE_RUNS = re.compile(r"\b(?:in|during|over)\s+(?:those|these)\s+$", re.I)
_RUN_ENDS = re.compile(
    r"\b(?:all|ends?|ended|stops?|stopped|finish(?:es|ed)?|exits?|exited|done|complete[sd]?|terminates?|"
    r"breaks?|broke|returns?|returned|total|in all|altogether|whole)\b",
    re.I,
)


# `96 is halved four times, through 48, 24, 12 and 6 down to 3`, `48 is halved 4 times (48, 24, 12, 6,
# 3)`: repeated halving (or doubling) of a number written out, its count and where it ends
_REPEATED_HALVING = re.compile(
    r"(?<![\w.])(?P<v>\d+)\s+(?:is\s+|was\s+|gets\s+|got\s+)?(?P<verb>halved|doubled)\s+(?P<n>\d+)\s+times\b"
    r"(?P<rest>[^;]{0,100})"
)
# where the halving ends: the last `to 3` (`down to 3`, `→ 3`) of its clause, or the list after it
_HALVED_TO = re.compile(r"(?:\b(?:down\s+|up\s+)?to|→|->)\s*(\d+)\b")
_HALVINGS_LISTED = re.compile(r"\s*,?\s*\((?P<list>\d+(?:\s*,\s*\d+)+)\)")
_CLAUSE_ENDS = re.compile(r",\s*(?:so|and\s+so|then|which|giving|adds?|and\s+(?=\S+\s+(?:is|=|becomes)))\b|[;.]")


def _repeated_halvings(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`48 is halved 4 times (48, 24, 12, 6, 3)`: halving 48 four times ends at 3 (`48 >> 4`), and
    five times would not; where it ends is told by the clause's last `to 3` (`40 to 20, 20 to 10
    and 10 to 5`) or by the list after it."""
    for m in _REPEATED_HALVING.finditer(s.text):
        listed = _HALVINGS_LISTED.match(m.group("rest"))
        clause = m.group("rest")[: (ends.start() if (ends := _CLAUSE_ENDS.search(m.group("rest"))) else None)]
        ends_at = list(_HALVED_TO.finditer(clause))
        if listed is None and not ends_at:
            continue
        told = int(listed.group("list").split(",")[-1]) if listed else int(ends_at[-1].group(1))
        value, times = int(m.group("v")), int(m.group("n"))
        if times > 64:
            continue  # (no run halves a number that often: a number read wrong, not a claim to judge)
        reached = value >> times if m.group("verb") == "halved" else value << times
        # (its count and the numbers it passes through stay for the count and sequence readers: this
        # judges the arithmetic between them)
        s.use(m.start(), m.end("n"))
        checks.append(Check("arith", f"{value} {m.group('verb')} {times} times = {told}", reached == told))


_SIGN_WORD = re.compile(
    r"\s*,?\s+(?:which\s+)?(?:is|was|comes\s+out|stays)\s+(?:an?\s+)?(non-?0|nonzero|not\s+0|positive|negative|"
    r"(?:even|odd)(?=\s*(?:[,.;:)]|$|(?:numbers?|so|and|then|too|as\s+well)\b)))\b"
    r"|\s*,\s*(even|odd),",  # (`155 ^ 11 = 144, odd, so ...`)
    re.I,
)


def _sign_claims(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`5 & 2` is non-zero, `3 - 7 is negative`, `three, which is even`: a computation of literals
    said to be non-zero, positive or negative, or a number said to be even or odd."""
    for m in _SIGN_WORD.finditer(s.text):
        start = _left_operand_start(s.text, m.start(), walk.facts.index.names)
        node = _expr(s.text[start : m.start()]) if start < m.start() else None
        word = (m.group(1) or m.group(2)).lower()
        kinds = (
            (ast.BinOp, ast.UnaryOp, ast.Call, ast.Constant)
            if word in ("even", "odd")
            else (ast.BinOp, ast.UnaryOp, ast.Call)
        )
        if m.group(2) and not re.search(r"=\s*-?\d+\s*$", s.text[: m.start()]):
            continue  # (`2 < 3, even, append ...`: the comma form only after a worked result)
        # (a worked result another claim read, `= 144, odd`: its parity is a claim of its own; not
        # `with a = 8, which is odd`, where the parity may be said of a value told before)
        told_alone = s.free(start, m.end()) or (m.group(2) and s.free(m.start(), m.end()))
        if not isinstance(node, kinds) or not told_alone:
            continue
        if re.search(r"\b(?:except|(?<![,;]\s)but|besides|other\s+than|apart\s+from)\s*`?$", s.text[:start], re.I):
            continue  # `every value except 3 is even`: said of the others (not `, but 3 & 8 is nonzero`)
        if re.search(r"\b(?:at|in)\s+(?:index|position|slot|row|column)\s*$", s.text[:start], re.I):
            continue  # `12 at index 5 is even`: said of the value there, not of the index
        literal, value = _literal_value(node)
        if not literal or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if word in ("even", "odd"):  # `the sum is three, which is even`
            holds = isinstance(value, int) and value % 2 == (word == "odd")
        else:
            holds = value > 0 if word == "positive" else value < 0 if word == "negative" else value != 0
        s.use(start, m.end())
        checks.append(Check("arith", f"{ast.unparse(node)} is {word.replace('0', 'zero')}", holds))


# `the second guard is q > cap`, `the early return for x == 0`: a test of the code named (what follows
# is written as in the code), not told to hold
_A_TEST_NAMED = re.compile(
    r"(?:\bfor|\b(?:guard|check|test|condition)\s+is"
    # (`Check the guard lo > hi.`: a plan's step, the test to be made)
    r"|^\W*(?:check|test|evaluate|look\s+at)\s+(?:the\s+)?(?:guard|check|test|condition))\s*`?\s*$",
    re.I,
)


def _a_test_of_the_code_named(text: str, start: int, end: int, facts: TraceFacts) -> bool:
    """`the second guard is q > cap`: the comparison at text[start:end] is written as in the code, after
    words that name a test, with no outcome told after it."""
    return bool(
        _A_TEST_NAMED.search(text[:start])
        and squash(text[start:end]) in facts.code_text
        and not re.match(
            r"\s*`?\s*(?:(?:is|was)\s+(?:not\s+)?(?:true|false|met|satisfied)|holds|held|passes|passed|fails|failed|"
            r"evaluates|comes)\b",
            text[end:],
            re.I,
        )
    )


def _no_test_starts_here(before: str, op: str) -> bool:
    """`state % 3 == 2` where `state` is no program name (part of a bigger expression), and `the
    biggest level in mixer.levels`, `a key with value 1 in d`, `5 words in words` (a noun in prose, not a
    membership test), `record k in done` (where a value is put)."""
    if re.search(r"[-+*/%&|^]\s*$", before):
        return True
    return op.endswith("in") and bool(re.search(_DETERMINER_BEFORE, before, re.I) or _PUT_BEFORE.search(before))


# `collect those digital roots in roots`, `record k in done`: where a step puts a value, not a test of it
_PUT_BEFORE = re.compile(
    # (`storing finished runs in runs`: the stem before its ending, so `storing` and `placed` are read too)
    r"\b(?:collect|record|stor|keep|put|sav|gather|append|accumulat|plac|stash)(?:e|s|es|ed|ing)?(?:\s+\S+){0,3}?\s*`?$",
    re.I,
)
_DETERMINER_BEFORE = (
    r"\b(?:the|a|an|each|every|any|biggest|largest|smallest|highest|lowest|first|last|value|values|number|numbers|"
    r"item|items|\d+)\s+$"  # (`5 words in words`: number words are digits by now)
)


# `Only 6 of the 7 prices were visited`, `two of the five addresses were counted`: how many of the
# items a loop went through it got to (or worked on), told with all of them
_SOME_OF_ALL_WERE = re.compile(
    r"\b(?P<n>\d+)\s+of\s+(?:the|all|those|these)\s+(?P<all>\d+)\s+(?:[a-z]+\s+)?[a-z]+s\s+(?:were|are|got|get)\s+"
    r"(?:visited|counted|checked|processed|handled|kept|added|seen|examined|read|used|accepted|tested|looked\s+at|"
    r"reached|walked|scanned|consumed|placed|stored|recorded|taken|matched|copied|appended)\b"
)


def _some_of_all(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`Only 5 of the 7 prices were visited`: the part is a count the run made (a loop's passes or a
    line's runs), no more than the whole (which `_items_handled` and its kin check)."""
    for m in _SOME_OF_ALL_WERE.finditer(s.text):
        if not s.free(m.start("n"), m.end("n")):
            continue
        part, whole = int(m.group("n")), int(m.group("all"))
        runs = walk.facts.loop_counts | walk.facts.line_counts
        s.use(m.start("n"), m.end("n"))
        checks.append(Check("count", f"{part} of the {whole}", part <= whole and part in runs))


# `11 of them had d > 0`: how many of the program's tests of a condition came out true, not a state
_SOME_OF_THEM_HAD = re.compile(
    r"\b(?P<n>\d+)\s+of\s+(?:them|these|those)\s+(?:had|have|gave|give|satisfied|satisfy|passed|pass)\s+"
    r"(?P<cond>[\w.()\[\]'\" ]+?\s(?:[<>]=?|[=!]=)\s[\w()\[\]'\"]+(?:\.[\w()\[\]'\"]+)*)(?=\s*(?:[,.;]|$))"
)


def _some_of_them_had(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`11 of them had d > 0`: the program tested the condition, and that many of its tests held."""
    for m in _SOME_OF_THEM_HAD.finditer(s.text):
        node = _expr(m.group("cond"))
        if node is None or not s.free(m.start(), m.end()):
            continue
        s.use(m.start(), m.end())
        tests = walk.facts.condition_events(node)
        held = [walk.holds(_truth(node), True, i) for i in tests]
        readable = bool(tests) and all(h is not None for h in held)
        checks.append(Check("count", m.group(0), sum(held) == int(m.group("n")) if readable else None))


def _told_false(node: ast.expr, after: str, clause: str) -> bool:
    """Whether the words after a test say it came out false."""
    if re.match(r"\s*`?\s*,\s*so\s+it\s+fail", after) and _literal_value(node) == (True, True):
        return False  # `have = 1, and 1 < 2, so it fails`: what the test led to fails, not a test of numbers
    return bool(_FALSE_AFTER.match(after) or re.search(_FALSE_WORDS, clause, re.I))


# `, which is False`, `holds`: a verdict told right after a test
_OWN_VERDICT = re.compile(
    r"\s*`?\s*,?\s*(?:which\s+)?(?:is|was|evaluates\s+to|comes\s+out)\s+`?(?:true|false)\b|\s*`?\s*(?:holds|fails|passes)\b",
    re.I,
)


# `Each of 6 > 12, 8 > 12, 7 > 12 is false`: the verdict after the list is every test's in it
_EACH_OF = re.compile(r"\b(?:each|every\s+one|all)\s+of\b[^.;:]*$", re.I)


def _operands_free(s: Sentence, m: re.Match, left_start: int, right_end: int, left: str) -> bool:
    """Whether no claim read before has used the test's text, but for a left operand that is the
    result of arithmetic just read: `4 ^ 7 = 3 is less than 3`, `7 + 5 = 12 > 10`, which is False
    (a bare `4 + 16 = 20 <= 25` is told, not claimed, unless in words)."""
    text = s.text
    if s.free(left_start, right_end):
        return True
    return bool(
        s.free(m.start(), right_end)
        and re.search(r"(?<![=!<>])=\s*$", text[:left_start])
        and _literal_value(_expr(left))[0]
        and (m.group(0) in _COMPARE_WORDS or _OWN_VERDICT.match(text, right_end))
    )


def _verdict_told(m: re.Match, before: str, clause: str) -> bool:
    """Whether a test of literals is told with its outcome: in words (`3 is less than 3`, not in `the 3
    from 12 to 15 is smaller than 4`) or by a verdict in its clause (`5 > 7 is false`)."""
    if m.group(0) in _COMPARE_WORDS and not re.search(
        # (`, and six is less than four`: a clause of its own; `the sum of 3 and 4 is less than` is not)
        r"\b(?:to|from|of|by|in|on|at|with|between|into|for|over)\s*$|(?<![,;])\s+(?:and|or)\s*$",
        before,
    ):
        return True
    return bool(
        re.search(
            r"\b(?:true|false|holds?|held|fails?|failed|satisfied|passes|passed|never|is less|is greater)\b",
            clause,
            re.I,
        )
    )


# `'cup'` is already in `stock`, `4 is not in seen`: a value said to be (or not to be) in a collection
_IN_COLLECTION = re.compile(
    r"(?<![\w'\"])(?P<value>'[^'\n]*'|\"[^\"\n]*\"|-?\d+)`?\s+(?:is|was)\s+(?:(?:already|still|also|now)\s+)?"
    r"(?P<negated>not\s+(?:yet\s+|already\s+)?|no\s+longer\s+)?in\s+`?(?P<name>(?:self\.)?[A-Za-z_]\w*)\b(?![(\[]|\.\w)"
)


def _memberships(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'cup'` is already in `stock`: the code's membership test (`name in stock`, or `name not in
    stock` with the outcome turned round) made on that value, judged where the program made it
    (no claim where it never tested that collection)."""
    for m in _IN_COLLECTION.finditer(s.text):
        node, claimed = _expr(f"{m['value']} in {m['name']}"), not m["negated"]
        if node is not None and not walk.facts.condition_events(node):
            node, claimed = _expr(f"{m['value']} not in {m['name']}"), not claimed  # (the code tests `w not in seen`)
        if node is None or not s.free(m.start(), m.end()) or not walk.facts.condition_events(node):
            continue
        s.use(m.start(), m.end())
        if _QUESTION_BEFORE.search(s.text[: m.start()]):
            continue  # `the while check asks whether 9 is not in seen`: asked, not claimed
        found = walk.condition(node, claimed)
        if found.ok is not None:
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", found.ok, found.at, found.events))


# `a == c compares four with seven`: the test named as the subject of what it does, with no verdict
_WHAT_A_TEST_DOES = re.compile(
    r"\s*`?\s*(?:compares|checks|tests|asks"
    # (`the comparison arr[i] > arr[j] is checked 45 times`: how often it was made, not that it held)
    # (`k > m is checked on each pass`: where it is made)
    r"|(?:is|was|gets|got)\s+(?:checked|evaluated|tested|made|run)\s+(?:\d+|once|twice|(?:on\s+|at\s+)?(?:each|every)\s+[a-z]+)\b)"
    r"(?![^.;]*\b(?:true|false)\b)",
    re.I,
)


def _left_operand(text: str, m: re.Match, names: frozenset[str]) -> tuple[int, str]:
    """(where it starts, its text) for the test matched at m; after `which` the number just told
    (`3 + 6 = 9, which is above 10`)."""
    which = _WHICH_IS.search(text, 0, m.start()) if m.group(0) in _COMPARE_WORDS else None
    if which is not None:
        return which.start(1), which.group(1)
    start = _left_operand_start(text, m.start(), names)
    return start, text[start : m.start()]


def _numbers_one_against_one(text: str, m: re.Match, node: ast.expr, left_start: int, right_end: int) -> bool:
    """For a test in words of place (`9 is above 10`): not `reading i is above limit` (what the code
    does), nor `the 3 at column 1 is above 1 and 2`."""
    return m.group(0) not in _PLACE_WORDS or not (
        _names(node) or _LABEL_NOUN.search(text[:left_start]) or re.match(r"\s*,?\s*(?:and|or)\s", text[right_end:])
    )


_WHICH_IS = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?)`?,?\s+which\s+$")


def _clause_before(before: str) -> str:
    """The words of the clause a test ends (`7 fits into bin 5 (` of `..., 7 fits into bin 5 (5 + 7 <= 10)`)."""
    return re.split(r"[,;:.]\s|\b(?:so|and|but|then)\b", before)[-1]


def _comparisons(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    text = s.text
    for m in re.finditer(_REL + "|" + "|".join(_COMPARE_WORDS), text):
        op = _COMPARE_WORDS.get(m.group(0), m.group(0))
        left_start, left = _left_operand(text, m, walk.facts.index.names)
        if _no_test_starts_here(text[:left_start], op):
            continue
        right_end = _right_operand_end(text, m.end())
        if (
            right_end < 0
            or not left.strip()
            or not _operands_free(s, m, left_start, right_end, left)
            or _WHAT_A_TEST_DOES.match(text, right_end)
        ):
            continue
        source = f"({left}) {op} ({text[m.end() : right_end]})"
        while (chained := re.match(r"\s*([<>]=?|[=!]=)\s*", text[right_end:])) and (
            (end := _right_operand_end(text, right_end + chained.end())) > right_end + chained.end()
        ):  # `0 <= 2 < 2`: one chained comparison, not `0 <= 2` and `2 < 2`
            source += f" {chained.group(1)} ({text[right_end + chained.end() : end]})"
            right_end = end
        node = _expr(source)
        if (
            node is None
            or _names(node) - walk.facts.index.names - SAFE_CALLS
            or not _numbers_one_against_one(text, m, node, left_start, right_end)
            # (`the second guard is q > cap`, `"none" for kg <= 0`: the code's test named, not its outcome)
            or _a_test_of_the_code_named(text, left_start, right_end, walk.facts)
        ):
            continue  # prose such as "a 9 in it": its literals are judged as literals
        s.use(left_start, right_end)
        if (
            _QUESTION_BEFORE.search(text[:left_start])
            and not re.match(
                r"\s*`?\s*,\s*(?:true|false)\s*(?:[,.;]|$)"  # (`the check is 3 < 3, True, so ...`: its outcome after it)
                r"|\s*(?:,\s*which\s+(?:is|was)\s+(?:true|false)\b|is|was|evaluates|holds|held|fails|failed|passes|"
                r"passed|succeeds|comes\s+out|came\s+out|turns\s+out)",
                text[right_end:],
                re.I,
            )
        ):
            continue  # asked, not claimed
        # `7 fits into bin 5 (5 + 7 <= 10).`: a test of its own in brackets, not an operand of a bigger one
        alone_in_brackets = (
            re.search(r"(?<!\band)(?<!\bor)(?<!\bnot)\s\(\s*$", text[:left_start])
            and re.match(r"\s*\)\s*(?:[,.;]|$)", text[right_end:])
            and not re.search(
                r"[`<>=\x00]|\b(?:true|false|not|fails?|failed|holds?|held)\b", _clause_before(text[:left_start]), re.I
            )
        )
        if (re.match(r"\s*\)|\s*or\b|\s*and\s+(?:\(|not\b)", text[right_end:]) and not alone_in_brackets) or re.search(
            r"(?:\b(?:or|not)|\band\s*\()\s*$", text[:left_start]
        ):
            continue  # one operand of `a and (b or c)`: the claim is about the whole condition
        clause = re.split(r"[;.]|\s\(|,\s*(?:so|and|but)\b|\b(?:so|but|while|because)\b", text[right_end:], maxsplit=1)[
            0
        ]  # up to the next clause or an aside (`2 > 0 only (2 > 3 is false)`)
        own_verdict = (
            not _EACH_OF.search(text[:left_start])
            and re.search(r",\s*\S+\s(?:[<>]=?|[=!]=)\s\S+\s+(?:is|was)\s+(?:true|false)\b", clause, re.I)
            or re.search(r",\s*then\s+[\w.()\[\]'\"]+(?:\s*[-+*/%]\s*[\w.()\[\]'\"]+)*\s(?:[<>]=?|[=!]=)\s", clause)
        )
        if own_verdict:  # `8 > 1 swaps them, 2 > 9 is false` (or `, then 5 == 24 is False`): the next one's own
            clause = clause[: own_verdict.start()]
        # `2 >= 2 is true for beach and 1 >= 2 is false for sun`: the second comparison's truth is its own
        # (but in `both 4 < 3 and 4 < 4 are False` the verdict after the second is both's)
        own, *rest = re.split(r"\band\s+(?=[\w.()\[\]'\"]+\s(?:[<>]=?|[=!]=)\s)", clause, maxsplit=1)
        if rest and (
            re.search(r"\b(?:true|false|holds|fails|satisfied)\b", own, re.I)
            or not re.search(r"\b(?:are|were|both|all|neither)\b", clause + " " + text[:left_start][-20:], re.I)
        ):  # (`4 is less than 9 and 4 == 9 is false`: the verdict is the second's alone)
            clause = own
        verdict = re.match(
            r"\s*`?\s*(?:(?:is|was|evaluates\s+to|comes\s+out)\s+(?:true|false)|holds|held)\b", text[right_end:], re.I
        )
        if verdict:  # `... == 1 is True, the elif fails`, `21 >= 21 holds and 17 does not`: its own verdict
            clause = text[right_end : right_end + verdict.end()]
        if re.search(r"\b(?:never|not)\s+(?:reached|evaluated|checked|tested)\b", clause, re.I) or (
            re.search(r"\bbefore\s+(?:the\s+)?$", text[:left_start], re.I)
            and re.match(r"\s*(?:part|check|test|condition|clause)\b", text[right_end:], re.I)
        ):
            continue  # `the cross < 0 check is never reached`, `fails before the r != n part`: a test that did not run
        claimed = not _told_false(node, text[right_end:], clause)
        if (
            re.search(r"\b(?:fails?|failed|failing)\s*(?:\(\s*(?:[^()]*,\s*)?)?$", text[:left_start], re.I)
            # (`was False each time (1 > 3, 2 > 3, 3 > 3)`: the tests in brackets after their verdict)
            or re.search(r"\b(?:is|was|are|were)\s+false\b[^.;()]{0,25}\(\s*(?:[^()]*,\s*)?$", text[:left_start], re.I)
            or (_FAILED_BEFORE.search(text[:left_start]) and not _VERDICT_WORD.search(clause))
            or re.match(r"[^.;()]{0,30}\(\s*(?:false|not true|no)\s*\)", text[right_end:], re.I)
        ):
            claimed = False  # `failed 10 < 10`, `fail (0 >= 5, 1 >= 5)`, `34 > 37 for 'lee' (False)`
        if re.search(r"\b(?:neither|nor)\s*$", text[:left_start], re.I) or (
            _NONE_OF.search(text[:left_start]) and re.search(r"\b(?:holds?|is\s+true|passes)\b", text[right_end:], re.I)
        ):
            claimed = False  # `neither hg > ag nor hg < ag holds`, `None of 4 > 9, 7 > 9, 0 > 9 holds`
        if re.match(r"\s*\?", text[right_end:]):
            continue  # `0 == 27?`: asked
        literal, truth = _literal_value(node)
        if literal:
            # `7 fits into bin 5 (5 + 7 <= 10)`: a test of literals in brackets after a step is its reason, told as holding
            said = _verdict_told(m, text[:left_start], clause) or bool(alone_in_brackets)
            written = text[left_start:right_end].strip()
            in_code = any(written in span for span in re.findall(r"`([^`]+)`", walk.raw_sentence)) and not (
                _TOLD_BY_ITS_EFFECT.match(text, right_end)  # (`0 > 0` ended the loop: false, as its effect tells)
            )
            if (
                claimed
                and not truth
                and not said
                and not in_code  # (a backticked test is the narration's statement of what held)
                and not re.search(r"\b(?:since|because|as)\s*$", text[:left_start])
            ):
                # `5 > 7, so best stays 'red'`: the test written out as the program evaluates it, its
                # outcome left to what follows; not a claim that it holds
                checks.append(Check("comparison", ast.unparse(node), None))
                continue
            checks.append(Check("comparison", ast.unparse(node), bool(truth) == claimed))
            continue
        if not claimed and re.search(r"\bnever\b", clause, re.I):
            # `the x > 10 check never fires`: true at no moment, not false at some moment (from
            # where the walk stands on, `never true again`)
            ever = walk.condition(node, True, after=_NEVER_AGAIN.search(clause) is not None and not walk.backward)
            if ever.ok is not None:
                checks.append(Check("comparison", f"never {ast.unparse(node)}", not ever.ok))
            continue
        found = (
            _against_stated_values(node, claimed, left_start, checks, text[right_end:])
            or _code_test_with_told_value(node, claimed, left_start, checks, walk, text[right_end:])
            or walk.condition(node, claimed)
        )
        if found.ok is not None:
            checks.append(Check("comparison", ast.unparse(node), found.ok, found.at, found.events))


# `` `3 >= 4` ends it ``, `` `7 > 9` does nothing ``: a test written out with what its outcome did, not
# with a truth (a `while` test that ends the loop is false; an `if` test before a `break` true)
_TOLD_BY_ITS_EFFECT = re.compile(
    r"[\s`]*(?:ends|ended|stops|stopped|finishes|finished)\s+(?:it|the\s+(?:\w+\s+)?loop)\b"
    r"|[\s`]*(?:does|did|changes|changed)\s+nothing\b",
    re.I,
)
# `None of 4 > 9, 7 > 9 holds`: each test of the list after it (the list reaches the test: no clause ends)
_NONE_OF = re.compile(r"\bnone\s+of(?:\s+the\s+(?:tests|checks|comparisons))?\s*:?\s*[^.;:]*$", re.I)
# `both checks failed, 11 <= 10`, `fails '*' == '+' and '*' == '-'`: tests said to fail, before them
_FAILED_BEFORE = re.compile(
    # (`the one that failed was 70 <= limit`: the test named as what failed)
    r"\b(?:fails?|failed|failing)\s*[,:]\s*$|\bthat\s+failed\s+(?:was|is)\s*$|\b(?:fails?|failed)\s+[^,;.:]*?(?:[=!<>]=|[<>])[^,;.:]*\s(?:and|nor)\s*$",
    re.I,
)
_VERDICT_WORD = re.compile(r"\b(?:true|false|holds?|held|fails?|failed|satisfied|passes|passed)\b", re.I)


def _against_stated_values(
    node: ast.expr, claimed: bool, at: int, checks: list[Check], after: str = "", went: bool = False
) -> Check | None:
    """`self.left = ['c']` and `self.right = ['x', 'y']`; `len(self.right) > len(self.left)` is
    False: a test whose every variable the sentence gave a value before it, which comes out the
    other way with those values (whatever moment of the run they belong to). With `went`, a change told
    (`took n from 32 to 0; then `while n:` held`) gives the value it went to."""
    if re.match(r"[^.;]{0,40}?\b(?:for|with|at|when)\s+(?!\d+\s+more\b)[-\d'\"\[(]", after):
        return None  # `not ch.isalpha()` was False for 'a': the test's own values, given after it
    state = _values_told_before(checks, at, went)
    names = _names(node) - SAFE_CALLS
    if not names or not names <= state.keys():
        return None
    try:
        truth = bool(evaluate(node, state))
    except Exception:  # noqa: BLE001 - a value the expression cannot take: no verdict from it
        return None
    if truth == claimed:
        return None  # (the run still decides whether the test came out so where it ran)
    return Check("comparison", f"{ast.unparse(node)} is {claimed} (not with the values the sentence gives)", False)


def _values_told_before(checks: list[Check], at: int, went: bool = False) -> dict[str, object]:
    """The literal values the sentence gave variables before position `at`, the last told of each; with
    `went`, also the value a told change went to (`took n from 32 to 0`)."""
    state: dict[str, object] = {}
    for check in sorted(checks, key=lambda c: c.position):
        stated = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*) = (.+)", check.text)
        last = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*): \[.*, (.+)\]", check.text) if went else None
        if check.kind == "sequence" and check.ok and last and 0 <= check.position < at:
            stated = last  # (`took n from 32 to 0; then `while n:` held`: the value it went to last)
        if check.kind in ("value", "sequence") and check.ok and stated and 0 <= check.position < at:
            literal, value = _literal_value(_expr(stated.group(2)) or ast.Constant(None))
            if literal:
                state[stated.group(1)] = value
    return state


def _code_test_with_told_value(
    node: ast.expr, claimed: bool, at: int, checks: list[Check], walk: Walk, after: str
) -> Check | None:
    """`Now x = 8, and 8 in seen is true`: the code's test `x in seen` written with the value the sentence
    gave x before it, judged where the program made that test while the variables the sentence told held
    their told values (not at a later moment where 8 is in seen)."""
    if re.match(r"[^.;]{0,40}?\b(?:for|with|at|when)\s+[-\d'\"\[(]", after):
        return None  # (`(1 + k) % 3 == 0 at k = 2 and k = 5`: the test's other values, given after it)
    told = _values_told_before(checks, at)
    written = ast.dump(node)
    states = walk.facts.index.states
    for code, _ in walk.facts.condition_nodes:
        for name in _names(code) & told.keys():
            bound = ast.dump(_bind_name(code, name, told[name]))
            if bound != written or bound == ast.dump(code):
                continue  # (a test restated as the code has it is `walk.condition`'s)
            tested = [  # (`k = 'c', v = 1: 1 not in inv`: with every value told, not only v's)
                i
                for i in walk.facts.condition_events(code)
                if all(same_value(states[i][n], v) for n, v in told.items() if n in states[i]) and name in states[i]
            ]
            if not walk.backward:  # (told in order: the next such test, not a later pass's with the same value)
                tested = sorted(tested, key=walk._walk_rank)[:1]
            verdicts = [(i, walk.holds(_truth(code), claimed, i)) for i in tested]
            if any(held for _, held in verdicts):
                return Check("comparison", ast.unparse(node), True, next(i for i, held in verdicts if held))
            if verdicts and all(held is False for _, held in verdicts):
                return Check("comparison", f"{ast.unparse(node)} (where the program tested {ast.unparse(code)})", False)
    return None


_TRUTH = re.compile(
    r"\s+(?:is|was|evaluates\s+to|returns|returned|gives|comes\s+out(?:\s+as)?|"
    + _BECAME
    + r")\s+`?(?P<word>true|false)\b"
    r"|\s+(?:still\s+)?(?P<verb>holds|held|fails|failed|is\s+satisfied|is\s+not\s+satisfied"
    # (`passes` where nothing is passed on: not `f(x) passes 3 to g`)
    r"|(?:passes|passed)(?=\s*(?:[,.;:)]|$)|\s+(?:and|so|but|then|here|now|again|too|this\s+time|for|with)\b))\b",
    re.IGNORECASE,
)


# `for the key ' '`: the noun before a value a test was told for
_THE_VALUE_NOUN = (
    r"(?:the\s+(?:string|key|value|word|number|item|token|piece|character|char|name|line|field|entry|element|"
    r"letter)\s+)?"
)


def _for_value(node: ast.expr, text: str, at: int, known: frozenset[str]) -> tuple[ast.expr, int]:
    """`ch.isalpha()` is False `for 'x'`: the condition with its one variable set to the value
    named after it (and where that phrase ends); else the condition as it is."""
    follows = re.match(r"\s+for\s+" + _THE_VALUE_NOUN, text[at:])
    names = {n for n in _names(node) if n in known}
    if not follows or len(names) != 1 or any("." in n for n in names):
        return node, at
    end = _right_operand_end(text, at + follows.end())
    written = _expr(text[at + follows.end() : end].rstrip(".,")) if end > 0 else None
    literal, value = _literal_value(written)
    if not literal:
        return node, at
    return _bind_name(node, names.pop(), value), end


def _bind_name(node: ast.expr, name: str, value: object) -> ast.expr:
    """A copy of `node` with the variable `name` replaced by the constant `value` (`x in seen` with x = 8)."""

    class _Bind(ast.NodeTransformer):
        def visit_Name(self, leaf: ast.Name) -> ast.AST:
            return ast.Constant(value) if leaf.id == name else leaf

    return ast.fix_missing_locations(_Bind().visit(copy.deepcopy(node)))


def _claimed_truth(m: re.Match) -> bool:
    """What a `_TRUTH` match says of its condition: True for `is true`/`holds`, False for `is false`/`fails`."""
    return (m.group("word") or m.group("verb")).lower() in ("true", "holds", "held", "is satisfied", "passes", "passed")


def _compound_truths(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`(op == 'DUP' and self.stack)` is True, as `normalize_sentence` brackets an `and`/`or`/`not`
    test the code makes: judged whole where the program tested it (not one comparison of it)."""
    text = s.text
    for m in _TRUTH.finditer(text):
        compound = re.search(  # (`the (gate.try_key(t)) check passes`: the test named by its code)
            r"(?<![\w.\])'\"])\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?:(?:check|test|condition|guard)\s*)?$",
            text[: m.start()],
        )
        node = _expr(compound.group(1)) if compound else None  # (not a call's arguments: `'pq'.startswith('r')`)
        if node is None or not s.free(compound.start(), m.end()):
            continue
        claimed = _claimed_truth(m)
        literal, truth = _literal_value(node) if isinstance(node, ast.BoolOp) else (False, None)
        if literal:
            s.use(compound.start(), m.end())
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", bool(truth) == claimed))
            continue
        if not walk.facts.condition_events(node):
            continue
        s.use(compound.start(), m.end())
        found = _against_stated_values(
            node, claimed, compound.start(), checks, text[m.end() :], True
        ) or walk.condition(node, claimed)
        if found.ok is not None:
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", found.ok, found.at, found.events))


# `2 <= 0 or 2 > 6, which is True`: a test of literals joined by `or`/`and`, its outcome told after it
_LITERAL_TEST = r"-?\d+(?:\.\d+)?\s*(?:[<>]=?|[=!]=)\s*-?\d+(?:\.\d+)?"
_LITERAL_COMPOUND = re.compile(
    rf"(?<![\w.])({_LITERAL_TEST}(?:\s+(?:or|and)\s+{_LITERAL_TEST})+)(?![\w.])"
    r"(?=\s*,?\s*(?:which\s+)?(?:is|was|evaluates\s+to|comes\s+out)\s+`?(?P<truth>true|false)\b)",
    re.I,
)


def _literal_compound_truths(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`the guard is then 2 <= 0 or 2 > 6, which is True`: the whole test evaluated (`_comparisons`
    leaves each operand of an `or`/`and` to the whole)."""
    for m in _LITERAL_COMPOUND.finditer(s.text):
        literal, truth = _literal_value(_expr(m.group(1)))
        if not literal or not s.free(m.start(1), m.end(1)):
            continue
        claimed = m.group("truth").lower() == "true"
        s.use(m.start(1), m.end(1))
        checks.append(Check("comparison", f"{m.group(1)} is {claimed}", bool(truth) == claimed))


# `the whole condition is False`: the `and`/`or` test the sentence, or the one before, restated
_WHOLE_TEST = re.compile(
    r"\bthe\s+(?:whole|entire|full|combined|overall|complete)\s+(?:condition|check|test|guard|expression)(?=\s)", re.I
)


_NAMED_TEST = re.compile(r"\bthe\s+(?:condition|guard|check|test)(?=\s)", re.I)


def _whole_tests(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`Next comes the check w <= 0 or h <= 0. ... so the whole condition is False`: the latest of the
    code's `and`/`or` tests restated before, judged where the program tested it."""
    whole = _WHOLE_TEST
    m = whole.search(s.text)
    if m is None:  # `Here 6 % 2 is 0, so the condition is false`: any test of the code restated
        whole = _NAMED_TEST
        m = whole.search(s.text)
    truth = _TRUTH.match(s.text, m.end()) if m else None
    if truth is None or not s.free(m.start(), truth.end()):
        return
    if re.search(r"\b(?:when|whenever|if|once|unless)\s+$", s.text[: m.start()], re.I):
        s.use(m.start(), truth.end())  # `when the check holds it runs ...`: what the code does, not an outcome told
        return
    raw = whole.search(walk.raw_sentence)
    told = _quotes_alike(squash(walk.previous_raw_sentence + walk.raw_sentence[: raw.start() if raw else 0]))
    restated = []
    for node, _ in walk.facts.condition_nodes:
        if not isinstance(node, ast.BoolOp if whole is _WHOLE_TEST else (ast.BoolOp, ast.Compare, ast.BinOp)):
            continue  # (a bare name such as `w` is found in any sentence: not a test restated)
        written = _quotes_alike(squash(ast.unparse(node)))
        at = told.rfind(written)
        restated.append((at + len(written) if at >= 0 else -1, len(written), node))
    end, _, node = max(restated, key=lambda found: found[:2], default=(-1, 0, None))
    if end < 0:
        return  # (the latest restated test, and of those ending there the whole one: `not x` over `x`)
    claimed = _claimed_truth(truth)
    s.use(m.start(), truth.end())
    found = walk.condition(node, claimed)
    if found.ok is not None:
        checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", found.ok, found.at, found.events))


# `` `if v` is True for 0 ``, `` `c == "s"` is True only for the `"."` ``: the code's test told of one
# value (not of several: `is True for 3, 5 and 8`, nor of a count: `for 16 of them`)
_TEST_TRUE_FOR = re.compile(
    r"`(?:(?:if|elif|while)\s+)?(?P<test>[^`\n]+?):?`\s+(?:is|was|holds|comes\s+out)\s+(?P<truth>True|False|true|false)"
    r"\s+(?:only\s+)?(?:for|with)\s+(?:the\s+)?(?:value\s+)?`?(?P<value>'[^'\n]*'|\"[^\"\n]*\"|-?\d+)`?"
    r"(?![\w.]|\s*(?:,|and\b|or\b)\s*(?:for\s+)?[`'\"\d-])(?!\s+(?:of|out|more|times|[a-z]+s)\b)"
)


def _a_value_it_could_hold(test: ast.expr, value: ast.expr, facts: TraceFacts) -> bool:
    """Whether the one variable of `test` held some value of `value`'s type in the run (`if v` is
    False for `'oil'` names the key whose count `v` is, not a value of `v`)."""
    names = _names(test)
    literal, told = _literal_value(value)
    if len(names) != 1 or not literal:
        return False
    (name,) = names
    held = [type(state[name]) for state in facts.index.states if name in state]
    if not held:  # (a comprehension's variable, in no state: `c == "s"` compares it with a string)
        held = [type(n.value) for n in ast.walk(test) if isinstance(n, ast.Constant)]
    return type(told) in held


# `'x_ray'` passes `isalpha()`, the word '42' fails `w.isalpha()`: a value put through a test the code
# makes on one variable, the verb telling the outcome
# a character a sentence names by its noun (`the dash passes ch.isalpha()`)
_CHARACTER_NOUNS = {
    "dash": "-",
    "hyphen": "-",
    "space": " ",
    "comma": ",",
    "colon": ":",
    "semicolon": ";",
    "period": ".",
    "dot": ".",
    "full stop": ".",
    "exclamation mark": "!",
    "question mark": "?",
    "hash": "#",
    "underscore": "_",
    "slash": "/",
    "plus sign": "+",
    "asterisk": "*",
    "at sign": "@",
}

_PASSES_TEST = re.compile(
    r"(?<![\w'\"])`?(?P<value>'[^'\n]*'|\"[^\"\n]*\"|-?\d+)`?\s*,?\s+(?:(?:which|that)\s+)?"
    r"(?:(?:also|still|then|now|clearly)\s+)?"
    r"(?P<verb>passes|passed|fails|failed)\s+(?:the\s+)?"  # (`satisfies`, `meets`: `_satisfied_test`)
    r"`(?:(?:if|elif|while)\s+)?(?P<test>[^`\n]+?):?`"
)


# `the dash passes ch.isalpha()`, `the word 'at' fails the isalpha check`, `for the token '9',
# isalpha() is True`: a string test (a method of the string, not in backticks) told of a quoted value
# or of a character named by its noun
_STRING_TEST = r"(?:[A-Za-z_][\w.]*\.)?(?:is[a-z]+|startswith|endswith)"
_STRING_TEST_TOLD = re.compile(
    r"(?<![\w'\"])(?:(?P<value>'[^'\n]*'|\"[^\"\n]*\")|\b[Tt]he\s+(?P<noun>" + "|".join(_CHARACTER_NOUNS) + r"))"
    r"\s*,?\s+(?:(?:which|that)\s+)?(?:(?:also|still|then|now|clearly)\s+)?(?:"
    r"(?P<verb>passes|passed|fails|failed)\s+(?:the\s+)?"
    rf"(?P<test>{_STRING_TEST}(?:\([^()\n]*\)|(?=\s+(?:check|test)\b)))(?![\w(]|\.\w)"
    rf"|(?P<called>{_STRING_TEST}\([^()\n]*\))\s+(?:check\s+|test\s+)?"
    r"(?:is|was|returns|returned|comes\s+out|came\s+out|evaluates\s+to|gives|gave)\s+(?P<truth>True|False|true|false)\b)"
)


def _passed_tests(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'x_ray'` passes `isalpha()`: the code's test (`h.isalpha()`) with the value put in for its one
    variable, judged where the program tested that value (no claim where it never did)."""
    told = [
        (m.group("value"), m.group("test"), m.group("verb").lower().startswith("pass"), m)
        for m in _PASSES_TEST.finditer(walk.raw_sentence)
    ]
    for m in _STRING_TEST_TOLD.finditer(walk.raw_sentence.replace("`", "")):
        value = m.group("value") or repr(_CHARACTER_NOUNS[m.group("noun").lower()])
        claimed = m.group("verb").lower().startswith("pass") if m.group("verb") else m.group("truth").lower() == "true"
        test = m.group("test") or m.group("called")
        told.append((value, test if "(" in test else test + "()", claimed, m))  # (`the isalpha check`)
    for m in _TEST_TRUE_FOR.finditer(walk.raw_sentence):
        told.append((m.group("value"), m.group("test"), m.group("truth").lower() == "true", m))
    seen = set()
    for written_value, written_test, claimed, m in told:
        if re.search(r"[-+*/%=<>]\s*`?$", m.string[: m.start()]):
            continue  # `the 0 at k = 4 passes ...`: the number is a value of k, not what passes
        value, test = _expr(written_value), _expr(written_test)
        if value is None or test is None:
            continue
        node = _with_value_tested(test, value, walk.facts.index.names)
        if node is None or (ast.unparse(node), claimed) in seen:
            continue  # (`'x_ray'` passes `isalpha()` reads as both forms: one claim)
        if not walk.facts.condition_events(node) and not (
            m.re is _TEST_TRUE_FOR and _a_value_it_could_hold(test, value, walk.facts)
        ):
            continue
        seen.add((ast.unparse(node), claimed))
        literal, outcome = _literal_value(_truth(node))
        if literal:  # (true or false of that value wherever it is told: a reflection may tell it late)
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", outcome is claimed))
            continue
        found = walk.condition(node, claimed)
        if found.ok is not None:
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", found.ok, found.at, found.events))


# `7 % 2 is 1, so the condition is True`, `the check passes`, `so the else branch runs`: the outcome
# of a test the sentence does not write out
_THE_CONDITION_IS = re.compile(
    r"(?<!of )(?:\b(?P<which>the|this|that)\s+(?:if\s+|while\s+|loop\s+)?(?P<noun>condition|guard|test|check)\s+(?:"
    r"(?:is|was|evaluates\s+to|comes\s+out|came\s+out)\s+(?:now\s+|still\s+|also\s+)?`?(?P<truth>true|false)\b`?"
    r"|(?:now\s+|still\s+|also\s+)?(?:(?P<passes>passes|passed|holds|held|succeeds|succeeded|is\s+met|was\s+met)"
    r"|(?P<fails>fails|failed|is\s+not\s+met|was\s+not\s+met))\b)"
    r"|\bthe\s+(?P<branch>if|else)\s+branch\s+(?:still\s+|now\s+|also\s+)?(?:runs|ran|is\s+taken|was\s+taken|fires|executes)\b"
    # (`7 % 2 is 1, so the if branch is skipped`: its test false; an else branch skipped, true)
    r"|\bthe\s+(?P<skipped>if|else)\s+(?:branch|body|block)\s+(?:is|was)\s+(?:skipped|not\s+taken)\b)"
    r"(?!\s+(?:for|when|whenever|if|only|unless|in|on|at)\b)"  # (`the guard is True for lengths 0 to 2`: a rule)
    r"(?!\s+\w+\s+times\b)",  # (`the else branch runs 3 times`: a count)
    re.I,
)


# `The -2 passes the test -2 > 0`, `inside > 0 failed (2 > 0)`: a test of literals alone, its outcome
# told by the verb before it (after `test`, with no truth word, `_comparisons` takes it for a question)
_LITERAL_TEST_PASSED = re.compile(
    r"\b(?P<not>(?:not|n't|never)\s+)?(?P<verb>pass(?:es|ed)?|fail(?:s|ed)?)\s+"
    r"(?:(?:the|its|this|that)\s+)?(?:(?:test|check|condition|guard)\s+)?(?P<open>\()?`?"
    r"(?P<test>-?\d+(?:\s*[-+*/%]\s*\d+)*\s*(?:<=|>=|==|!=|<|>)\s*-?\d+(?:\s*[-+*/%]\s*\d+)*)`?"
    r"(?(open)\)|(?![\w.(\[]|\s*(?:[-+*/%&|^<>=]|is\b|was\b|holds\b|fails\b)))",
    re.I,
)


def _literal_tests_passed(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`The -2 passes the test -2 > 0`: a comparison of literals said to pass or fail holds or not."""
    for m in _LITERAL_TEST_PASSED.finditer(s.text):
        if not s.free(m.start("test"), m.end("test")):
            continue
        literal, outcome = _literal_value(_expr(m.group("test")))
        if not literal or not isinstance(outcome, bool):
            continue
        claimed = m.group("verb").lower().startswith("pass") != bool(m.group("not"))
        clause = re.split(r"[,;:]", s.text[: m.start()])[-1]
        if m.group("open") and not claimed and outcome and not re.search(r"[<>]|[=!]=", clause):
            continue  # `12 vs 8 fails (4 > 3)`: the bound it broke, not the test (`inside > 0 failed (2 > 0)`)
        s.use(m.start("test"), m.end("test"))
        checks.append(Check("comparison", f"{m.group('test')} is {claimed}", outcome is claimed))


def _told_condition(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`7 % 2 is 1, so the condition is True`: a forward narration telling a test's outcome without
    writing the test tells of one of the tests the program makes next (those in the window from
    where the sentence's values put the walk, up to the first that runs again). That test must come
    out so where the program made it, and in the state the sentence tells (`_tests_in_their_state`).
    A backward one may tell of any test made in the window around where the walk stands."""
    for m in _THE_CONDITION_IS.finditer(s.text):
        if not s.free(m.start(), m.end()):
            continue
        if (m.group("noun") or "").lower() == "guard" and not m.group("truth"):
            continue  # (`the guard passes`: the run gets past it, its test false; or the test holds)
        if (m.group("which") or "").lower() in ("this", "that") and any(
            c.kind == "comparison" and 0 <= c.position < m.start() for c in checks
        ):
            continue  # (`'0421'.isdigit()` is True, so this guard passes: the test it wrote out)
        start = walk.pointer if walk.backward else _where_told_values_put_it(checks, walk, m.start())
        tests = _tests_made_next(walk, start)
        claimed = (
            m.group("truth").lower() == "true"
            if m.group("truth")
            else m.group("passes") is not None
            or (m.group("branch") or "").lower() == "if"
            or (m.group("skipped") or "").lower() == "else"
        )
        found = [walk.condition(node, claimed) for _, node in tests]
        if not found or any(f.ok is None for f in found):
            continue
        s.use(m.start(), m.end())
        events = sorted({e for f in found if f.ok for e in f.events}, key=walk._walk_rank)
        text = f"the condition is {claimed}"
        checks.append(Check("comparison", text, bool(events), events[0] if events else None, events))


def _where_told_values_put_it(checks: list[Check], walk: Walk, before: int) -> int:
    """The latest event in the window that a value the sentence told before position `before` was
    found at (`n = 6: ...`), else the pointer: where those values put the walk."""
    found = [c.at for c in checks if c.kind == "value" and c.ok and c.at is not None and 0 <= c.position < before]
    return max([walk.pointer] + [at for at in found if walk.pointer <= at <= walk.pointer + walk.window])


@lru_cache(maxsize=256)
def _tested_lines(code: str) -> dict[int, ast.expr]:
    """Line -> the test it makes: an `if`/`elif`/`while` test, a returned comparison, or a conditional
    expression's (`return "right" if a * a + b * b == c * c else "plain"`)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    tested: dict[int, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tested.setdefault(node.test.lineno, node.test)
        elif isinstance(node, ast.Return) and (
            isinstance(node.value, (ast.Compare, ast.BoolOp))
            or (isinstance(node.value, ast.UnaryOp) and isinstance(node.value.op, ast.Not))
        ):  # (`return i == n - 1`, `return not seen`; `return -1` tests nothing)
            tested.setdefault(node.lineno, node.value)
    return tested


def _tests_made_next(walk: Walk, start: int) -> list[tuple[int, ast.expr]]:
    """(event, test) of each test run from `start` on, in the window, until one runs again (backward:
    of each line tested in the window on either side of `start`, nearest first)."""
    tested = _tested_lines(walk.facts.code_source)
    events = walk.facts.index.events
    if walk.backward:  # (a backward walk reasons back and forth around where it stands: the tests on either side)
        near = range(max(0, start - walk.window), min(len(events), start + walk.window + 1))
        lines = {events[i].line_no: i for i in near if events[i].kind == "line" and events[i].line_no in tested}
        return sorted(((i, tested[line]) for line, i in lines.items()), key=lambda made: abs(made[0] - start))
    if events and events[start].kind == "line" and events[start].line_no in tested:
        start += 1  # (the test a claim was placed at is told; the sentence tells of the next one)
    order = range(start, min(len(events), start + walk.window + 1))
    made: list[tuple[int, ast.expr]] = []
    for i in order:
        if events[i].kind != "line" or events[i].line_no not in tested:
            continue
        if any(events[j].line_no == events[i].line_no for j, _ in made):
            break
        made.append((i, tested[events[i].line_no]))
    return made


_BUILTINS = frozenset(dir(builtins))


def _with_value_tested(test: ast.expr, value: ast.expr, known: set[str]) -> ast.expr | None:
    """`isalpha()` or `h.isalpha()` with `value` as what it tests, or None where the test names
    no one variable of the program (`a < b`, or an attribute `self.x`) to put the value in for."""
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id not in known | _BUILTINS:
        method = ast.Attribute(value=value, attr=test.func.id, ctx=ast.Load())  # `isalpha()`: a method of the value
        return ast.Call(func=method, args=test.args, keywords=test.keywords)
    names = _names(test)
    if len(names) != 1 or not names <= known or next(iter(names)).startswith("self."):
        return None
    (name,) = names

    class PutIn(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.expr:
            return value if node.id == name else node

    return PutIn().visit(copy.deepcopy(test))


def _quotes_alike(text: str) -> str:
    return text.replace('"', "'").replace("`", "")


# `'' strips to an empty string, `not line` is False`: a value the sentence calls empty (not `not
# empty`, `non-empty`), then the test of that emptiness told with the truth it cannot have
_CALLED_EMPTY = re.compile(
    r"(?<![\w'\"])(?:''|\"\")(?![\w'\"])|(?<!not )(?<!non-)(?<!non )\b(?:empty|blank)\b"
    r"(?![*_`]*\s*(?:checks?|tests?|guards?|cases?|conditions?)\b)",  # (`**Empty check:**`: a step's name)
    re.I,
)
_EMPTINESS_TOLD = re.compile(
    r"\b(?P<neg>(?:if\s+)?\(?not\s+)?(?P<name>[A-Za-z_][\w.]*(?:\.strip\(\))?)\)?\s*(?:(?:is|was)\s+(?:still\s+)?|"
    r"evaluates\s+to\s+|comes\s+out\s+(?:as\s+)?)?(?P<truth>true|false|truthy|falsy|passes|passed|holds|held|fails|failed)\b",
    re.I,
)


def _said_empty(text: str) -> re.Match | None:
    """Where `text` says a value is empty (`'' strips to ''`, `the empty string`), with no negation
    before it (`did not return the empty string`)."""
    empty = _CALLED_EMPTY.search(text)
    if empty is None or re.search(
        r"\b(?:not|never|no|without|return(?:s|ed)?)\b|n't\b|[(\[]\s*$", text[: empty.start()], re.I
    ):
        return None  # (`did not return the empty string`, `the return of ('', 0)`: no value said to be empty)
    return empty


def _emptiness_contradictions(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'' strips to an empty string, `not line` is False`: the sentence (or, when it opens with the
    test, the one before: `Line four is the empty string. not line is false`) says the value is
    empty, and the test of that emptiness is told the other way (`not ''` is True, `''.strip()` is
    falsy), whatever the walk."""
    empty = _said_empty(s.text)
    start = empty.end() if empty else 0
    if empty is None:
        before = _said_empty(walk.previous_raw_sentence or "")
        if before is None or re.search(r"'[^']+'|\"[^\"]+\"", walk.previous_raw_sentence[before.end() :]):
            return
    for m in _EMPTINESS_TOLD.finditer(s.text, start):
        name = m.group("name")
        subject = name.removesuffix(".strip()")
        if subject not in walk.facts.index.names or (not m.group("neg") and not name.endswith(".strip()")):
            continue  # (`if t.strip()`, `not part`: a test of a variable's emptiness; not `found is False`)
        between = s.text[start : m.start()]
        if re.search(r"'[^']+'|\b(?:while|whereas|unlike|except|otherwise|would|else)\b|[;.]\s", between):
            continue  # another value, a contrast or another clause comes between: the test may be about it
        told_true = m.group("truth").lower() in ("true", "truthy", "passes", "passed", "holds", "held")
        holds = told_true == bool(m.group("neg"))  # `not ''` is True; `''.strip()` is falsy
        verdict = (
            m.group("truth")
            if m.group("truth").lower().startswith(("pass", "hold", "held", "fail"))
            else f"is {m.group('truth')}"
        )
        told = f"{'not ' if m.group('neg') else ''}{name} {verdict}"
        checks.append(Check("comparison", f"{told} (for an empty value)", holds))


def _truth_claims(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'!'.isalpha()` is True, `cur` is False (as a condition), `ch.isdigit()` returns False:
    the truth of a condition that is a call or a variable, evaluated (comparisons are `_comparisons`')."""
    text, known = s.text, walk.facts.index.names
    for m in _TRUTH.finditer(text):
        start = _left_operand_start(text, m.start(), known)
        if start >= m.start() or not s.free(start, m.end()):
            continue
        node = _expr(text[start : m.start()])
        inner = node.operand if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) else node
        negated_name = inner is not node and isinstance(inner, ast.Name) and inner.id in known
        negated_literal = (  # `not '2'` is False, whenever (but `x is not None` is one test, `not ...` no value)
            inner is not node
            and not (isinstance(inner, ast.Constant) and inner.value is Ellipsis)
            and not re.search(r"\bis\s*$", text[:start])
            and _literal_value(inner)[0]
        )
        if not isinstance(inner, (ast.Call, ast.Attribute, ast.Subscript)) and not (negated_name or negated_literal):
            continue  # (`not ch.isalpha()`, `not parts` are read too; comparisons are `_comparisons`')
        if _unknown_names(node, known):
            continue
        claimed = _claimed_truth(m)
        if re.search(r"\bneither\b[^,;.]*\bnor\s*$", text[:start], re.I):
            claimed = not claimed  # `neither isdigit() nor isalpha() holds`: the second fails as the first does
        node, end = _for_value(node, text, m.end(), known)
        truth = _truth(node)
        literal, value = _literal_value(truth)
        s.use(start, end)
        if literal:
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", value is claimed))
            continue
        found = _against_stated_values(node, claimed, start, checks, text[end:]) or (
            walk.condition(node, claimed) if walk.facts.condition_events(node) else walk.find(truth, claimed)
        )
        if found.ok is not None:
            checks.append(Check("comparison", f"{ast.unparse(node)} is {claimed}", found.ok, found.at, found.events))


_RESTATED_RETURN = re.compile(
    r"`return\s+([^`]+)`\s*(?:,?\s*which\s+)?(?:then\s+)?"
    r"(gives|returns|produces|yields|hands back|sends back|passes back|evaluates to|outputs)\b"
)


# `n >>= 1` turns fifteen into eight: one update of the code, done on the values the sentence gives
_UPDATE_TURNS = re.compile(
    r"`?(?:self\.)?[A-Za-z_]\w*(?:\[[^\]`]*\])?\s*(?P<op>\+|-|\*|//|%|>>|<<|\||&|\^)=\s*(?P<step>-?\d+)`?\s+"
    r"(?:turns|turned|takes|took|changes|changed|brings|brought|makes|made)\s+(?P<before>[-\w]+)\s+(?:into|to)\s+"
    r"(?P<after>[-\w]+)",
    re.I,
)


def _restated_updates(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    if "=" not in walk.raw_sentence:
        return  # (most sentences restate no update: skip the pattern)
    for m in _UPDATE_TURNS.finditer(walk.raw_sentence):
        before, after = (numbers_in_digits(m.group(g)) for g in ("before", "after"))
        if not (re.fullmatch(r"-?\d+", before) and re.fullmatch(r"-?\d+", after)):
            continue  # (`turns n into 4`: the variable named, read by `_object_values`)
        node = _expr(f"{before} {m.group('op')} {m.group('step')}")
        literal, value = _literal_value(node)
        if literal:
            checks.append(Check("arith", f"{before} {m.group('op')} {m.group('step')} = {after}", value == int(after)))


# `strips to '7 '`, `the stripped line 'kiwi | 4 '`: what `strip()` left, said to keep a space at an end
_STRIPPED_TO = re.compile(
    r"(?<![lr])\b(?:(?:strips|stripped|strip)\s+(?:it\s+)?(?:to|into|down\s+to|gives|leaves(?:\s+it\s+as)?)\s+"
    r"(?:\w+\s*=\s*)?|(?:the\s+)?stripped\s+(?:line|word|text|string|piece|value|token|name|part)\s+)"
    r"`?(['\"])(\s[^'\"\n]*|[^'\"\n]*\s)\1",
    re.I,
)


# `1 % 12 = 1, which is falsy`: the truth Python gives a value written out
_TRUTHINESS = re.compile(
    r"(?<![\w.])(?P<value>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\[[^\[\]\n]*\]|\{[^{}\n]*\}|\(\))"
    r"\s*,?\s*(?:which\s+is|is|so\s+it\s+is|and\s+(?:so\s+)?(?:is|it\s+is))\s+(?P<word>truthy|falsy|falsey)\b",
    re.I,
)


def _truthiness(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`1 % 12 = 1, which is falsy`: a value written out, said to be truthy or falsy."""
    if "truthy" not in s.text.lower() and "fals" not in s.text.lower():
        return  # (most sentences name neither: skip the pattern)
    for m in _TRUTHINESS.finditer(s.text):
        if re.search(r"[-+*/%&|^<>]\s*$", s.text[: m.start()]):
            continue  # `area % 2 is falsy`: the expression's truth, not the number's
        node = _expr(m.group("value"))
        literal, value = _literal_value(node)
        if literal and s.free(m.start(), m.end()):
            s.use(m.start("word"), m.end("word"))  # (the value itself stays a literal to ground)
            said = m.group("word").lower() == "truthy"
            checks.append(Check("arith", f"bool({m.group('value')}) is {said}", bool(value) == said))


def _stripped_strings(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """A string said to be what `strip()` left cannot start or end with whitespace (`lstrip` and
    `rstrip` leave one end, so only the plain word counts)."""
    if "strip" not in walk.raw_sentence.lower():
        return
    flagged = set()
    for m in _STRIPPED_TO.finditer(walk.raw_sentence):
        flagged.add(m.group(2))
        checks.append(Check("literal", f"{m.group(0)} (strip leaves no space at either end)", False))
    _stripped_results(walk, checks, flagged)


# `strip()` turns ' 3 ' into ' 3'`, `the stripped word is 'rice '`, `strips the spaces, so word becomes
# 'otter '`: what a strip leaves, told after it (the first result the clause tells)
_STRIP_TOLD = re.compile(r"\b(?P<side>l|r)?strip(?:s|ped|ping)?\b(?:\(\))?", re.I)
_TURNS_ONE_INTO = re.compile(r"\s*(?:turns|turned|changes|changed|makes|made)\s+(?P<was>'[^'\n]*'|\"[^\"\n]*\")\s*")
_RESULT_TOLD = re.compile(
    # (`After strip, w = ' leaf '`: the name the result is kept in, then its value)
    r"(?:\b(?:to|into|gives|gave|yields|yielded|becomes|became|is|leaves|returns|returned)\s+|(?<![=!<>])=\s*)"
    r"(?P<told>'[^'\n]*'|\"[^\"\n]*\")?"
)


def _strip_side(text: str, side: str) -> str:
    """`text` with whitespace stripped from the side `lstrip` (`l`) or `rstrip` (`r`) strips, else both."""
    return text.lstrip() if side == "l" else text.rstrip() if side == "r" else text.strip()


def _stripped_results(walk: Walk, checks: list[Check], flagged: set[str]) -> None:
    """The same of results told in more ways, where the program strips whitespace alone (`strip()`
    with no argument: one that strips other characters leaves spaces; `lstrip` leaves one end), the
    strings in `flagged` aside (told already); and `strip()` turning ' gull ' into '#tide'."""
    if "strip(" not in walk.facts.code_text or re.search(r"strip\((?!\))", walk.facts.code_text):
        return
    raw = walk.raw_sentence.replace("`", "")
    for m in _STRIP_TOLD.finditer(raw):
        clause = re.split(r"[;:]|\.(?:\s|$)|\b(?:then|but|and then|after|before)\b", raw[m.end() :], maxsplit=1)[0]
        result = _RESULT_TOLD.search(clause)
        between = clause[: result.start()] if result is not None else ""
        if (
            result is None
            or result.group("told") is None
            or (re.search(r"['\"]", between) and not _TURNS_ONE_INTO.fullmatch(between))
        ):
            continue  # (`strip()`: `len(tag)` is 4: no string told of the strip)
        if re.search(r"\bremov|\b(?:original|originally|input|before)\b", between) or re.search(
            r"\bbefore\s+(?:the\s+|a\s+|its\s+)?$", raw[: m.start()]
        ):
            continue  # `the spaces that strip() removes, is ' oslo > ...'`: the string before the strip
        if result.group(0).startswith("=") and not re.search(r"\bafter\s+(?:the\s+|a\s+)?$", raw[: m.start()], re.I):
            continue  # (`strip()` removes them, so `s = ' #red '` works: the value before the strip, an input)
        told = result.group("told")[1:-1]
        if told in flagged:
            continue
        side = (m.group("side") or "").lower()
        if _strip_side(told, side) != told:
            checks.append(Check("value", f"{result.group('told')} (a strip leaves no space at its ends)", False))
            continue
        turned = _TURNS_ONE_INTO.fullmatch(between)
        more = re.search(r"\b(?:and|then|lower\w*|upper\w*|title\w*|cased?)\b", between)  # (`strips and lowercases to`)
        if not turned and not more and told and not grounded_literal(walk.facts, told):
            # `the second piece strips to 'x4'`: no string of the run (nor a part of one) is what a strip left
            checks.append(Check("value", f"{result.group('told')} (no string of the run)", False))
            continue
        if turned and not raw.startswith(".", m.end()):  # (`strip().lower()` turns ...: more than the strip)
            stripped = _strip_side(turned.group("was")[1:-1], side)
            if stripped != told:  # `part.strip()` turned ' gull ' into '#tide'
                checks.append(Check("value", f"{turned.group('was')} stripped is {stripped!r}, not {told!r}", False))


# `'bite.' becomes 'bit'`, `"BEA" is title-cased to "BEA"`: a string told as what another turned into
_STRING_BECOMES = re.compile(
    r"(?P<subject>'[^'\n]*'|\"[^\"\n]*\")\s+(?:now\s+|then\s+)?(?:becomes|became|turns\s+into|turned\s+into|"
    r"(?:is|was|gets|got)\s+(?:turned\s+into|lowered\s+to|lowercased\s+to|uppercased\s+to|title-?cased\s+to|"
    r"reduced\s+to|cleaned\s+to|trimmed\s+to|cut\s+to|sliced\s+to)|lowercases\s+to|lowers\s+to|uppercases\s+to|"
    r"title-?cases\s+to)\s+(?P<result>'[^'\n]*'|\"[^\"\n]*\")"
)


def _trimmed_or_recased(text: str) -> set[str]:
    """What stripping spaces or punctuation off the ends, and changing case, can make of `text`."""
    ends = (r"^[\W_]+|[\W_]+$", r"^[\W_]+", r"[\W_]+$")  # (both ends, the left, the right)
    cores = {text, text.strip(), *(re.sub(pattern, "", text) for pattern in ends)}
    return {f(core) for core in cores for f in (str, str.lower, str.upper, str.title, str.capitalize)}


def _string_results(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`'bite.' becomes 'bit'`: a piece of a string told as what the string turned into is one
    the run made (a variable's value, a value a line of the code computed) or what trimming its
    ends and changing case make of it; a piece is all a bare literal needs. (A string turned into
    another that is no piece of it, `'zoo'` into `'bqq'`, is not judged here: a chain of calls or
    a cipher makes values no line holds.)"""
    facts = walk.facts
    for m in _STRING_BECOMES.finditer(walk.raw_sentence.replace("`", "")):
        subject = _literal_value(_expr(m.group("subject")))[1]
        result = _literal_value(_expr(m.group("result")))[1]
        if not isinstance(result, str) or not isinstance(subject, str) or result == subject:
            continue
        if result.lower() not in subject.lower() or result in _trimmed_or_recased(subject):
            continue
        made = any(same_value(v, result) for h in facts.histories.values() for _, v in h) or any(
            same_value(v, result) for run in facts.expression_runs() for v in run
        )
        if not made:
            checks.append(Check("value", f"{m.group(0)} (a string the run never made)", False))


def _restated_returns(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`return months, balance` gives `(4, 541)`: what that return statement handed back, judged
    where the program ran it (normalizing leaves only `gives (4, 541)` of the sentence)."""
    found = 0
    for m in _RESTATED_RETURN.finditer(walk.raw_sentence):
        node = _expr(m.group(1))
        # (normalizing masks the code span; the verb and value stay: the k-th verb is this one's)
        verbs = list(regex(rf"\b{m.group(2)}\b\s*").finditer(s.text))
        verb = verbs[found] if found < len(verbs) else None
        found += 1
        if node is None or verb is None or _names(node) - walk.facts.index.names - SAFE_CALLS:
            continue
        end = _right_operand_end(s.text, verb.end())
        value_node = _expr(s.text[verb.end() : end].rstrip(".")) if end > verb.end() else None
        literal, value = _literal_value(value_node)
        if not literal or not s.free(verb.start(), end):
            continue
        if isinstance(node, ast.Tuple) and not (isinstance(value, tuple) and len(value) == len(node.elts)):
            continue  # `gives ['K1', 'K2'] and 9 - 7 = 2`: the parts said one by one
        statement = squash("return " + m.group(1))
        events = [
            i for i, e in enumerate(walk.facts.index.events) if e.kind == "line" and squash(e.source) == statement
        ]
        if not events:
            continue
        s.use(verb.start(), end)
        check = walk.returned(node, value, events)
        checks.append(Check("return", check.text, check.ok, check.at, check.events))


_RETURN_CASE = re.compile(
    r"\s*(?:for|on)\s+(?:an?\s+|any\s+|all\s+|every\s+|each\s+)?"
    r"(?:bad|invalid|empty|negative|missing|unknown|malformed|illegal|non-?\w+)\b|\s+and\s+[^.;,]*\botherwise\b"
    # `returns -1 for values outside 0..255`: the inputs of a case described, not this run's
    r"|\s*(?:for|on)\s+(?:any\s+|all\s+)?(?:values?|inputs?|numbers?|arguments?|strings?|lists?|words?|keys?|items?|"
    r"elements?|bytes?|codes?)\s+(?:outside|above|below|over|under|beyond|greater|less|larger|smaller|bigger|"
    r"out\s+of|not|that|which|without|where)\b",
    re.I,
)


def _returns(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    text = s.text
    told_call: ast.expr | None = None  # the last call whose return the sentence told (for a later `it`)
    for m in _RETURN.finditer(text):
        end = _right_operand_end(text, m.end())
        if end < 0 or not s.free(m.end(), end) or _built_on(m, text, end):
            continue
        node = _expr(text[m.end() : end].rstrip("."))
        literal, value = _literal_value(node)
        which = re.match(r"\s*,?\s*which\s+(?:is|gives|evaluates\s+to)\s+", text[end:]) if node is not None else None
        if not literal and which and not _unknown_names(node, walk.facts.index.names):
            # `returns (fresh, s.pos), which is (6, 4)`: the value of what it returns (or of part of it:
            # `returns seen, which is 1, together with ...`)
            stop = _right_operand_end(text, end + which.end())
            named = _expr(text[end + which.end() : stop].rstrip(".")) if stop > 0 else None
            literal, value = _literal_value(named)
            closed = stop > 0 and re.match(r"\s*(?:[.;:)]|$|,\s*(?:so|and|then|as|together|since)\b)", text[stop:])
            found = walk.find(node, value) if literal and closed else None  # (not `which is 1 day, 2 hours`)
            returned = [r for r in walk.facts.returns if isinstance(r, tuple)] if isinstance(value, tuple) else []
            if found is not None and found.ok is None and isinstance(node, ast.Tuple) and returned:
                # `(fresh, s.pos)`: parts no one frame holds together (s.pos is the object's own
                # self.pos), so the tuple a call returned
                ok = any(same_value(r, value) for r in returned)
                found = Check("return", f"returns {value!r}", ok)
            if found is not None and found.ok is not None and s.free(m.start(), stop):
                s.use(m.start(), stop)
                checks.append(found)
            continue
        if not literal or _not_one_return(text, m.start(), end, value):
            continue
        if re.search(
            r"\b(?:comprehension|generator|expression|slice|range|split|join|lookup|loop)\s*$", text[: m.start()], re.I
        ):
            continue  # `the comprehension produces 1, 3, 5`: values of a part of the code, read as a run
        s.use(m.start(), end)
        subject = re.sub(r",?\s*which\s*$", "", text[: m.start()].rstrip()).rstrip()  # `ch.isdigit()`, which returns
        subject = re.sub(r"\s+(?:now|then|still|again|also|here|first|finally|just|simply)$", "", subject, flags=re.I)
        if subject.endswith("\x00") or (
            isinstance(value, bool) and re.search(r"\x00\s*(?:check|test|condition|comparison|guard)$", subject)
        ):
            continue  # restated code "returned" something: its value is checked where the program states it
        after = text[end:]
        if _no_return_of_this_run(text[: m.start()], subject, after, value):
            continue
        if told_call is not None and _the_same_call_again(subject, told_call, value, walk, checks):
            continue
        if re.search(r"\x00\s*(?:on|to)\s+(?:it|this|that|them)$", subject):
            # `` `partition(":")` on it returns (...)``: a method applied to the value just told, not the
            # function's return; checked where that value is a literal
            checks.extend(_applied_to_it(walk.raw_sentence, value))
            continue
        method = re.search(r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\.[A-Za-z_]\w*\s*$", subject)
        if method and method.group(1) in walk.facts.index.names:
            continue  # `counts.get returns 1`: a method's result, named without its arguments
        bare = re.search(r"(?<![\w.])([A-Za-z_]\w*)\s*$", subject)
        if (
            bare
            and bare.group(1) not in walk.facts.functions
            and regex(rf"(?:\.|(?<![\w.])){re.escape(bare.group(1))}\s*\(").search(walk.facts.code_source)
        ):
            continue  # `get returns 0 for a new key`, `len of it returns 2`: a library function the code calls
        call = re.search(r"((?:[A-Za-z_][\w.]*)?\((?:[^()]|\([^()]*\))*\))\s*$", subject)  # `len(v.strip())` too
        if call and call.group(1).strip():  # `isalpha()` returns False: the method's, not the function's
            node = _expr(call.group(1) if not call.group(1).startswith("(") else "")
            if node is not None and not (_names(node) - walk.facts.index.names - SAFE_CALLS):
                found = walk.call_value(node, value)
                if found.ok is not None:
                    checks.append(Check("return", f"{call.group(1)} returns {value!r}", found.ok, found.at))
                    told_call = node
            continue
        ok = _returned(value, walk.facts.returns, after)
        at = _returned_here(value, walk) if ok else None
        checks.append(Check("return", f"returns {value!r}", ok, at, [at] if at is not None else []))


def _no_return_of_this_run(before: str, subject: str, after: str, value: object) -> bool:
    """Words around `returns V` that make it no return of this run (or no value at all)."""
    return bool(
        # `the line that returns 'draw' is never reached`, `the largest number in the output is 7`
        re.match(r"\s*(?:is|was)\s+(?:never|not)\s+(?:reached|run|executed)\b", after)
        or re.search(r"\b(?:in|of|from)\s*$", before)
        # `returns False early when ...`: what the code does in a case, not this run's result
        or re.match(
            r"\s*`?\s*(?:early\s+|right away\s+|straight away\s+|immediately\s+)?(?:only\s+)?"
            r"(?:when|if|whenever|unless|as soon as|once)\b",
            after,
        )
        or re.search(r"\b(?:otherwise|else|if|when|whenever)\b[^.;]*$", subject, re.I)
        or _RETURN_CASE.match(after)  # `returns -1 for bad codes and row * 100 + ... otherwise`: the code's cases
        or re.search(r"\b(?:not|never|n't)\s+(?:have\s+|has\s+)?$", subject + " ", re.I)  # `must not have returned`
        # `the result is four 8-bit octets`: how many, not the value (`returns 5 for this tag` is)
        or (
            isinstance(value, int)
            and re.match(r"\s+(?!(?:for|on|in|at|as|with|by|from|to|this|thus|is|was)\b)(?:[\w-]+\s+)?[a-z]+s\b", after)
        )
    )


def _applied_to_it(raw: str, value: object) -> list[Check]:
    """`gives 'AX:45', and `partition(":")` on it returns ('AX', ':', '45')`: the method called on
    the literal told last before it; none where there is no such literal or call to evaluate."""
    m = re.search(r"`(\.?[A-Za-z_]\w*\((?:[^()`]|\([^()`]*\))*\))`\s+(?:on|to)\s+(?:it|this|that|them)\s", raw)
    told = re.findall(r"""(?<![\w.])('[^'\n]*'|"[^"\n]*"|\[[^\[\]\n]*\])`?""", raw[: m.start()]) if m else []
    node = _expr(f"({told[-1]}).{m.group(1).lstrip('.')}") if told else None
    if node is None or _names(node) - SAFE_CALLS:
        return []
    try:
        got = evaluate(node, {})
    except Exception:  # noqa: BLE001 - a method the evaluator does not run: nothing to judge
        return []
    return [Check("return", f"{ast.unparse(node)} returns {value!r}", same_value(got, value))]


def _returned_here(value: object, walk: Walk) -> int | None:
    """The return event in the window that hands back the value: `For "ivy" ... returns 100` tells
    the moment the call ended, where the walk goes on from."""
    index = walk.facts.index
    for i in walk.window_range():
        if index.events[i].kind == "return" and same_value(index.values[i], value):
            return i
    return None


def _built_on(m: re.Match, text: str, end: int) -> bool:
    """`returns the string "off by " joined with "2"`: a value the sentence goes on to build on (with its type
    named, or joined with more), not the value returned."""
    if re.match(r"\s+(?:joined|concatenated|combined|glued)\s+(?:with|to)\b|\s+followed\s+by\b", text[end:]):
        return True  # (`returns 'minor:' joined with str(pct)`: the first part of what it builds)
    return bool(m.group("typed")) and not re.match(r"\s*(?:[.;:)]|$|,\s*(?:so|and|then|as|which|since)\b)", text[end:])


def _returned(value: object, returns: list, after: str) -> bool:
    """Whether a call returned the value, or (`returns 5 together with the list [2, 3, 2]`) a tuple
    holding it."""
    if any(same_value(r, value) for r in returns):
        return True
    return bool(_TOGETHER_WITH.match(after)) and any(
        isinstance(r, tuple) and any(same_value(x, value) for x in r) for r in returns
    )


_TOGETHER_WITH = re.compile(r"\s*,?\s+(?:together|along)\s+with\b|\s*,?\s+(?:and|plus)\s+(?:the|a|an)\s+[a-z]")


def _not_one_return(text: str, start: int, end: int, value: object) -> bool:
    """`..., which produces 1, 2, 5, 12, 29`: a run of values (read as one); `returns one of three
    labels`: the values it may return. Neither tells one value a return handed back."""
    run = re.match(r",\s*-?\d[\d.]*\s*,\s*-?\d", text[end:]) and re.search(r"\bwhich\s*$", text[:start])
    return bool(run) or (isinstance(value, int) and bool(re.match(r"\s+of\s|" + _UNIT_NOUN, text[end:])))


# `the output is 1 character from the first word`: a size in units, not the value returned
_UNIT_NOUN = (
    r"\s+(?:characters?|chars?|letters?|items?|elements?|entries|entry|words?|digits?|values?|numbers?|keys?|"
    r"pairs?|names?|lines?|rows?|columns?)\b"
)


def _the_same_call_again(subject: str, node: ast.expr, value: object, walk: Walk, checks: list[Check]) -> bool:
    """`the first time `scores.get(name, 0)` returns 0, ... the second time it returns 3`: `it` is
    `node`, the call whose return the sentence told before; checked (into `checks`) as its value."""
    if not re.search(r"\b(?:then|second|third|next|last)\s+(?:time\s+)?it\s*$", subject):
        return False
    found = walk.call_value(node, value)
    if found.ok is not None:
        checks.append(Check("return", f"{ast.unparse(node)} returns {value!r}", found.ok, found.at))
    return True


# `['Red', 'fox', 'Jumps', 'high'], five words`: a list told with how many items it has
_LISTED_SIZE = re.compile(
    r"(\[[^\[\]\n]*\])\s*(?:,|—|:|\()\s*(?:(?:that\s+is|which\s+is|i\.e\.)\s+)?(?P<count>\d+)\s+"
    r"(?:words|items|entries|elements|values|numbers|pieces|chunks|parts|tokens|strings|names|characters|letters|"
    r"digits|fields|lines|codes|tags|keys)\b"
)


_SIZE_AFTER_LITERAL = re.compile(
    r"[\]})]`?\s*(?:,\s*|\(\s*)(?:of\s+)?(?P<word>size|length|len)\s*(?:(?:of|is|=)\s*)?(?P<n>\d+)\b(?!\s*[-+*/%])",
    re.I,
)


def _listed_sizes(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """`words = ['Red', 'fox', 'Jumps', 'high'], five words`: the count told right after a list is
    its length (whatever moment the list belongs to; the list itself is checked as any literal)."""
    for m in _LISTED_SIZE.finditer(s.text):
        literal, value = _literal_value(_expr(m.group(1)))
        if not literal or not isinstance(value, list) or not s.free(m.start("count"), m.end()):
            continue
        s.use(m.start("count"), m.end())
        count = int(m.group("count"))
        checks.append(Check("arith", f"len({m.group(1)}) = {count}", len(value) == count))
    for m in _SIZE_AFTER_LITERAL.finditer(s.text):
        if m.group("word").lower() in walk.facts.index.names:
            continue  # `hops = [5, 4, 7, 6], size = 12`: the program's variable `size`
        begin = _literal_start(s.text, m.start() + 1)
        literal, value = _literal_value(_expr(s.text[begin : m.start() + 1])) if begin >= 0 else (False, None)
        if (
            not literal
            or not isinstance(value, list | tuple | set | frozenset | dict)
            or not s.free(m.start("word"), m.end())
        ):
            continue
        s.use(m.start("word"), m.end())
        size = int(m.group("n"))  # `common = {'e'}, size 2`: the collection just written has that size
        checks.append(Check("arith", f"len({s.text[begin : m.start() + 1]}) = {size}", len(value) == size))


def _loose_literals(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    """Every other literal must be something the execution, the code or the call holds."""
    text = s.text
    i = 0
    while i < len(text):
        ch = text[i]
        starts = (
            ch in "[({" or ch in "'\"" or ch.isdigit() or (ch == "-" and i + 1 < len(text) and text[i + 1].isdigit())
        )
        if not starts or not s.free(i, i + 1) or (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.])")):
            i += 1
            continue
        end = _right_operand_end(text, i)
        node = _expr(text[i:end]) if end > i else None
        literal, value = _literal_value(node)
        if not literal or (isinstance(value, str) and not value.strip()):
            i += 1
            continue
        s.use(i, end)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Constant)
            and grounded_literal(walk.facts, node.func.value.value)
        ):  # `'Cat'.lower() starts with 'c'`: the code's step restated on a value of the run
            checks.append(Check("literal", text[i:end], True))
        elif isinstance(node, ast.BinOp):  # `a 5 × 5 grid`: prose arithmetic with no result claimed
            operands = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
            # its operands are grounded, or it is a computation of the narration's own (unverifiable)
            checks.append(
                Check("literal", text[i:end], True if all(grounded_literal(walk.facts, v) for v in operands) else None)
            )
        else:
            # A literal no claim gives a role: grounded, or else unverifiable (prose numbers such as
            # "a 5 × 5 grid gives 70 paths" are not states); a claimed value that is wrong fails above.
            split = re.search(r"\bsplit", text, re.I) and _split_of_a_held_string(value, walk.facts)
            grounded = True if grounded_literal(walk.facts, value) or split else None
            if grounded is None and not _HYPOTHETICAL.search(text) and _near_miss(value, walk.facts.known_values):
                grounded = False  # `{0: 3, 1: 8}` where the run held {0: 3, 1: 7}: a wrong state, not prose
            if (
                grounded is None
                and type(value) is list
                and len(value) >= 2
                and all(isinstance(v, str) for v in value)
                and not _HYPOTHETICAL.search(text)
                and not _pieces_of_a_held_string(value, walk.facts)
            ):
                grounded = False  # `['DP', 'BC']`: strings the run never held, nor the pieces of one it held
            if (
                grounded is None
                and type(value) is dict
                and value
                and not _HYPOTHETICAL.search(text)
                and not _part_of_a_held_dict(value, walk.facts)
            ):
                grounded = False  # `{'b': 2, 'a': 0}`: a mapping is a state, and no dict of the run held it
            checks.append(Check("literal", text[i:end], grounded))
        i = end


def _part_of_a_held_dict(value: dict, facts: TraceFacts) -> bool:
    """`"bottle" adds {'bottle': 1}`: entries that one dict of the run or the code held together."""
    return any(
        isinstance(held, dict) and all(key in held and same_value(held[key], wanted) for key, wanted in value.items())
        for held in facts.known_values + facts.code_literals
    )


def _split_of_a_held_string(value: object, facts: TraceFacts) -> bool:
    """`Splitting 'ada  mae lovelace' on a space gives ['ada', '', 'mae', 'lovelace']`: exactly what a
    separator of the code (or none) makes of a string the run holds, a step no variable may keep
    (the comprehension around it drops the empty piece)."""
    if type(value) is not list or len(value) < 2 or not all(isinstance(v, str) for v in value):
        return False
    held_strings = [v for v in facts.known_values if isinstance(v, str)]
    return any(held.split(separator) == value for held in held_strings for separator in _code_separators(facts))


def _code_separators(facts: TraceFacts) -> list[str | None]:
    """What the code may split a string on: whitespace, or a string literal it holds."""
    return [None, *(c for c in facts.code_literals if isinstance(c, str) and c)]


def _pieces_of_a_held_string(value: list, facts: TraceFacts) -> bool:
    """`['the', 'quick', 'fox']`, `["2", "9", "14"]`: the pieces the code split or picked out of a
    string the run or the code holds, in their order there."""
    held_strings = [v for v in facts.known_values + facts.code_literals if isinstance(v, str)]
    separators = _code_separators(facts)
    for held in held_strings:
        at = 0
        for piece in value:
            at = held.find(piece, at)
            if at < 0:
                break
            at += len(piece)
        else:
            return True
        for separator in separators:
            parts = held.split(separator)
            if [p.strip() for p in parts] == value:
                return True
    return False


_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|suppose|imagine|hypothetical(?:ly)?|were to)\b", re.I)


def _near_miss(value: object, known: list) -> bool:
    """A collection of 2+ items that differs from one the execution held in exactly one entry,
    or only in the order of two of them: a slip in a stated state."""
    if isinstance(value, str) and len(value) >= 3:  # `'Crs'` where the run held 'Crr' (case aside: `.lower()`)
        for held in known:
            if isinstance(held, str) and len(held) == len(value) and held.lower() != value.lower():
                differ = [n for n, (a, b) in enumerate(zip(held.lower(), value.lower())) if a != b]
                if len(differ) == 1 or (  # one letter wrong, or two neighbours swapped
                    len(differ) == 2 and differ[1] == differ[0] + 1 and held[differ[0]] == value[differ[1]]
                ):
                    return True
        return False
    if isinstance(value, (set, frozenset)) and value:
        if any(isinstance(held, (list, tuple)) and _members(held) == value for held in known):
            return False  # `[1, 4, 5] gives {1, 4, 5}`: a list the run held, made a set
        # `{'cal'}` where the run held {'bo', 'cal'}: one member too many, too few or another one
        return any(
            isinstance(held, (set, frozenset))
            and held
            and len(held ^ value) == (1 if len(held) != len(value) else 2 if len(value) >= 2 else 0)
            for held in known
        )
    if type(value) is list and len(value) == 2 and value[0] != value[1]:
        # `[14, 4]` where the run held [4, 14]: a two-entry list the other way round
        return any(type(held) is list and held == value[::-1] for held in known)
    if not isinstance(value, (dict, list, tuple)) or len(value) < (2 if isinstance(value, dict) else 3):
        return False  # (a pair such as `(0, 1)` is as often a coordinate the narration considers)
    if any(v is Ellipsis for v in value):
        return False  # (`[1, 10, ...]` is abbreviated, not wrong)
    rows = [
        row
        for held in known
        if isinstance(held, (list, tuple, dict))
        for row in (list(held.values()) if isinstance(held, dict) else held)[:200]
        if isinstance(row, (list, tuple, dict))
    ]
    for held in list(known) + rows:  # a row of a grid, or a dict's list (`groups[2]`), is held too
        if type(held) is list is type(value) and len(held) >= 2 and abs(len(held) - len(value)) == 1:
            # `[1, 2, 3, 4]` where the run held [1, 2, 4]: one entry too many, or one missing
            longer, shorter = (held, value) if len(held) > len(value) else (value, held)
            if any(same_value(longer[:k] + longer[k + 1 :], shorter) for k in range(len(longer))):
                return True
        if type(held) is not type(value) or len(held) != len(value):
            continue
        if isinstance(value, dict):
            if set(map(repr, held)) == set(map(repr, value)) and _one_slip(
                held, value, [k for k in value if k in held]
            ):
                return True
            continue
        if _one_slip(held, value, range(len(value))):
            return True
    return False


def _members(items: list | tuple) -> set | None:
    try:
        return set(items)
    except TypeError:  # (unhashable items: lists in a list)
        return None


def _one_slip(held, value, places) -> bool:
    """`value` differs from `held` at exactly one of `places`, or at two whose entries are swapped."""
    differ = [p for p in places if not same_value(held[p], value[p])]
    return len(differ) == 1 or (
        len(differ) == 2
        and same_value(held[differ[0]], value[differ[1]])
        and same_value(held[differ[1]], value[differ[0]])
    )


# `(self.stock, self.failed) = (12, 1)`: the values of several names at once (`lo, hi = 2, 10`
# unbracketed reads as one claim per name, by `_chains`)
_NAMES_TUPLE = r"(?:self\.)?[A-Za-z_]\w*(?:\s*,\s*(?:self\.)?[A-Za-z_]\w*)+"
_TUPLE_OF_NAMES = re.compile(r"\(?\s*" + _NAMES_TUPLE + r"\s*\)?")
_TUPLE_CLAIM = re.compile(
    r"(?<![\w.(])\(\s*(?P<names>" + _NAMES_TUPLE + r")\s*\)"
    r"\s*(?:=(?!=)|\bare\b|\bis\b|\bequals\b)\s*(?=[-\d'\"\[(])"
)


def _tuple_claims(s: Sentence, walk: Walk, checks: list[Check]) -> None:
    known = walk.facts.index.names
    for m in _TUPLE_CLAIM.finditer(s.text):
        names = [n.strip() for n in m.group("names").split(",")]
        names = [n if n in known else f"self.{n.removeprefix('self.')}" for n in names]
        if not all(n in known for n in names) or not s.free(m.start(), m.end()):
            continue
        end = _right_operand_end(s.text, m.end())
        node = _expr(s.text[m.end() : end].rstrip(".")) if end > m.end() else None
        literal, value = _literal_value(node)
        if not literal or not isinstance(value, tuple):
            values, end = _literal_run(s.text, m.end(), one_kind=False)
            value = tuple(values)
        if len(value) != len(names) or not s.free(m.start(), end):
            continue
        s.use(m.start(), end)
        found = walk.find(_expr(f"({', '.join(names)},)"), value)
        if found.ok is not None:
            checks.append(found)


# `Is `0 != 0`?` answered by the next sentence's `Yes, ...` or `No, ...`
_ASKED = re.compile(
    r"\s*(?:[-*]\s+)?Is\s+(`[^`\n]+`|[\w.'\"()\[\] ]+?\s(?:[<>]=?|[=!]=|(?:not\s+)?in)\s[^?\n]+?)\s*\?\s*"
)
_ANSWER = re.compile(r"\s*(Yes|No)\b(?=\s*[,.;:])", re.I)


def check_sentence(text: str, walk: Walk) -> list[Check]:
    answered = _ANSWER.match(text)
    asked = _ASKED.fullmatch(walk.raw_sentence) if answered else None
    if asked:  # `Is 0 != 0?` then `Yes, so flips = 2.`: the question's test, claimed as answered
        truth = "True" if answered.group(1).lower() == "yes" else "False"
        text = f"{asked.group(1)} is {truth}{text[answered.end(1) :]}"
    s = Sentence(normalize_sentence(text, walk.facts))
    walk.previous_raw_sentence, walk.sentence, walk.raw_sentence = walk.raw_sentence, s.text, text
    walk.raw_numbers = numbers_in_digits(text.replace("`", ""))  # (read once, for every count reader)
    checks: list[Check] = []
    for step in (
        _tuple_claims,
        _restated_returns,
        _restated_updates,
        _stripped_strings,
        _string_results,
        _truthiness,
        _named_sequences,
        _key_sequences,
        _transformations,
        _told_operations,
        _state_changes,
        _chains,
        _literal_claims,
        _object_values,
        _assignment_gives,
        _verb_claims,
        _bare_values,
        _indexed_entries,
        _sizes,
        _looped_nouns,
        _loop_goes_over,
        _lengths,
        _quoted_lengths,
        _items_handled,
        _runs_per_pass,
        _call_counts,
        _statement_counts,
        _listed_counts,
        _split_counts,
        _totals,
        _tests_made,
        _counts,
        _collection_counts,
        _compound_truths,
        _literal_compound_truths,
        _whole_tests,
        _sign_claims,
        _repeated_halvings,
        _some_of_all,
        _some_of_them_had,
        _memberships,
        _literal_tests_passed,
        _comparisons,
        _emptiness_contradictions,
        _truth_claims,
        _passed_tests,
        _told_condition,
        _returns,
        _bare_sequences,
        _listed_sizes,
        _loose_literals,
    ):
        before, uses = len(checks), len(s.starts)
        step(s, walk, checks)
        new_starts = s.starts[uses:]
        for n, check in enumerate(checks[before:]):
            check.position = new_starts[min(n, len(new_starts) - 1)] if new_starts else -1
    _expressions_with_stated_values(checks, s.text)
    _result_not_kept(checks, s.text, walk)
    _collection_before_the_change(checks, s.text, walk)
    _names_of_the_returned_tuple(checks, s.text, walk)
    _augmented_update_told(checks, walk)
    _together(checks, walk)
    for check in checks:
        if check.ok is None or check.position < 0:
            continue
        before = s.text[: check.position]
        if (
            (
                check.kind == "value"
                and (
                    (_NEGATED.search(before) and _told_here(s.text, check))
                    or _NEVER_AFTER.match(s.text, check.position)
                )
            )
            or (
                check.kind in ("value", "comparison")
                and _NONE_HAS.search(before)
                # (`no pair with a = 1 qualifies`: of the pairs where a = 1, none passes a test)
                and not _NONE_OF_THOSE_PASSES.match(s.text, check.position)
            )
            or (
                check.kind == "comparison"
                and re.search(r"\bno\s+(?:(?:later|other|further|remaining|single|one)\s+)?$", before, re.I)
                and _NO_ONE_IS.match(s.text, check.position)
            )
        ):  # `the loop never gets to i = 1`, `No pair has r = 5`, `no j is greater than 3`: never held
            check.ok = not check.ok
            check.text = "never " + check.text
        elif check.kind == "value" and check.ok is False and any(p.match(s.text, check.position) for p in _NO_STATE):
            check.ok = None  # a rule, a rate or a difference the sentence tells, not a state of the run
    either = _EITHER_OR.search(s.text) or (_ONE_NAME_OR_ANOTHER_VALUE.search(s.text) if walk.backward else None)
    if _COUNTERFACTUAL.search(s.text) or either:
        # (only in the clauses that say so: `X must have been True; otherwise 'front' would have been returned`)
        breaks = _CLAUSE_BREAK if walk.backward else _FORWARD_CLAUSE_BREAK
        bounds = [0] + [m.end() for m in breaks.finditer(s.text)] + [len(s.text) + 1]
        supposed = [(a, b) for a, b in zip(bounds, bounds[1:]) if _COUNTERFACTUAL.search(s.text[a:b])]
        if either:  # `either q = 3 ..., or cap = 3`, up to a `so` that draws the sentence's conclusion
            concluded = re.search(r";|,?\s+(?:so|thus|hence|therefore)\b", s.text[either.end() :])
            supposed.append((either.start(), either.end() + concluded.start() if concluded else len(s.text) + 1))
        for check in checks:
            literal = check.kind == "arith" or (check.kind == "comparison" and _constant_test(check.text))
            inside = check.position < 0 or any(a <= check.position < b for a, b in supposed)
            if check.ok is False and not literal and inside:
                check.ok = None  # `n = 2 would give 4`: a state of another run, not of this one
    return checks


_TOLD_EXPRESSION = re.compile(r"(?P<expr>.+?) = (?P<value>.+)")  # a value check's text: `x - lo = 2`


def _expressions_with_stated_values(checks: list[Check], sentence: str) -> None:
    """`with lo = 9, hi = 2 and x = 4, we get x - lo = 2`: a value told of an expression whose every
    variable the sentence gave a value just before it (no `so` or `then` between: `it left n = 0, so
    n - 1 = 0` is of the n before) must be what those values make it, as a test must
    (`_against_stated_values`), whatever moment of the run each belongs to."""
    state: dict[str, object] = {}
    since: dict[str, int] = {}  # where each value was told
    for check in sorted((c for c in checks if c.position >= 0), key=lambda c: c.position):
        told = _TOLD_EXPRESSION.fullmatch(check.text) if check.kind == "value" and check.ok else None
        node = _expr(told.group("expr")) if told else None
        if node is None:
            continue
        literal, value = _literal_value(_expr(told.group("value")))
        if not literal:
            continue
        if isinstance(node, ast.Name) or (isinstance(node, ast.Attribute) and _names(node) == {ast.unparse(node)}):
            state[ast.unparse(node)] = value  # (`lo = 9`, `self.free = 0`: a variable's value)
            since[ast.unparse(node)] = check.position
            continue
        names = _names(node) - SAFE_CALLS
        if (
            not names
            or not names <= state.keys()
            or _THEN.search(sentence[min(since[n] for n in names) : check.position])
        ):
            continue
        try:
            made = evaluate(node, state)
        except Exception:  # noqa: BLE001 - a value the expression cannot take: no verdict from it
            continue
        if not same_value(made, value):
            check.ok = False
            check.text += " (not with the values the sentence gives)"


# `so acc keeps 9`, `starts at 9`: a value told as held before, not as the one a change makes (`stays`
# is read: `9 is not more than 10, so load stays at 3` where the change stores 9 is wrong)
_KEPT_VERB = re.compile(r"\b(?:keeps|kept|starts|started)\b", re.I)
# `max(0, 10) = 10, so knob.level = 8`: between a worked result and the variable it is handed to
# (`3 + 6 = 9 is not more than 10, so load stays at 3`: after the test the result went through)
_SO_THE_RESULT = re.compile(
    r"(?:\s+(?:is|was)\s+(?:not\s+)?(?:more|less|greater|bigger|smaller|larger|higher|lower)\s+than\s+-?\d+"
    r"|\s*(?:[<>]=?|==|!=)\s*-?\d+(?:\s+is\s+(?:true|false))?)?"
    r"\s*,?\s*(?:and\s+)?(?:so|hence|thus|giving|making|which\s+(?:makes|gives))\s+`?$",
    re.I,
)


def _result_not_kept(checks: list[Check], sentence: str, walk: Walk) -> None:
    """`min(10, 13) = 10 and max(0, 10) = 10, so knob.level = 8`: a forward step that works out a
    result and says `so` a variable holds a value tells of the change it is about to make. Where
    that variable's next change in the window stores the worked result, the value it still holds
    at the pointer, from before the change, is wrong."""
    if walk.backward:
        return
    ordered = sorted((c for c in checks if c.position >= 0), key=lambda c: c.position)
    # (a test of the result may come between: `3 + 6 = 9 is not more than 10, so load stays at 3`)
    ordered = [c for k, c in enumerate(ordered) if c.kind != "comparison" or not k or ordered[k - 1].kind != "arith"]
    for worked, told in zip(ordered, ordered[1:]):
        if worked.kind != "arith" or not worked.ok or told.kind != "value" or not told.ok:
            continue
        result = _TOLD_EXPRESSION.fullmatch(worked.text)
        said = _TOLD_EXPRESSION.fullmatch(told.text)
        if not result or not said or not _PLAIN_VALUE.fullmatch(told.text):
            continue
        stated = re.compile(r"=\s*" + re.escape(result.group("value"))).search(sentence, worked.position)
        if not stated or not _SO_THE_RESULT.fullmatch(sentence, stated.end(), told.position):
            continue
        computed, value = _literal_value(_expr(result.group("value"))), _literal_value(_expr(said.group("value")))
        if not computed[0] or not value[0] or same_value(computed[1], value[1]) or computed[1] in (0, 1):
            continue  # (a 0 or 1 is mostly a bit or a remainder tested, which a counter may next hold by chance)
        name = said.group("expr")
        if _KEPT_VERB.search(sentence, stated.end(), told.position + len(name) + 12) or _assigned_together(
            name, walk.facts
        ):
            continue  # (`so acc stays 9`; `a, b = b, (a + b) % 7`: the result may be the other's)
        nxt = _next_change(walk, name, value[1])
        node = _expr(name)
        if nxt is not None and walk.holds(node, value[1], walk.pointer) and walk.holds(node, computed[1], nxt):
            told.ok = False
            told.text += f" (the next change stores {computed[1]!r})"


@lru_cache(maxsize=256)
def _returned_names(code: str, line_no: int) -> tuple[str, ...]:
    """`return acc, odd` on line `line_no`: the names (or attributes) it puts in its tuple, in order;
    () where that line returns anything else."""
    lines = code.splitlines()
    statement = re.match(r"\s*return\s+(.+?)\s*(?:#.*)?$", lines[line_no - 1]) if 0 < line_no <= len(lines) else None
    node = _expr(statement.group(1)) if statement else None
    if not isinstance(node, ast.Tuple) or not all(isinstance(e, (ast.Name, ast.Attribute)) for e in node.elts):
        return ()
    return tuple(ast.unparse(e) for e in node.elts)


def _names_of_the_returned_tuple(checks: list[Check], sentence: str, walk: Walk) -> None:
    """`The output is (0, 3), so at the return acc = 3 and odd = 0` where the code returns `acc, odd`:
    a value told of a name the returned tuple is made of, in a sentence that writes that tuple, is
    the item in its place."""
    returned = walk.facts.index.returned
    if not isinstance(returned, tuple) or _EARLIER_STATE.search(walk.raw_sentence):
        return  # (`from (12, 29): the old y is 12`: working back to the state before)
    if not any(
        same_value(value, returned)
        for text in re.findall(r"(?<![\w\]])\([^()\n]*\)", sentence)  # (not `max(0, 10)`: a call's arguments)
        for literal, value in [_literal_value(_expr(text))]
        if literal
    ):
        return
    # (the traced call's last return statement)
    last = next((e for e in reversed(walk.facts.index.events) if e.kind == "return" and e.depth == 0), None)
    names = _returned_names(walk.facts.code_source, last.line_no) if last else ()
    if len(names) != len(returned):
        return
    for check in checks:
        told = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*) = (.+)", check.text)
        if not (told and check.ok and check.kind == "value"):
            continue
        bare = told.group(1).removeprefix("self.")
        place = next((k for k, n in enumerate(names) if n.removeprefix("self.").split(".")[-1] == bare), None)
        literal, value = _literal_value(_expr(told.group(2)))
        if place is not None and literal and not same_value(value, returned[place]):
            check.ok = False
            check.text += " (not the item of the returned tuple it makes)"


# `'b' is alphabetic, so 'B' is added, giving ['Q']`: a collection told as the outcome of a change
# (not `leaving`: `pop() gives 4, leaving [8]` names the item that went)
_GIVING = re.compile(r"(?:giving|making|so\s+it\s+is|which\s+makes\s+it)\s+`?$", re.I)
_TOLD_ITEM = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|(?<![\w.])-?\d+(?![\w.])")


def _collection_before_the_change(checks: list[Check], sentence: str, walk: Walk) -> None:
    """`The odd jar grows to 3 + 7 = 10, giving {'even': 12, 'odd': 3}`: in a forward narration, a
    collection given as the outcome of the change the sentence tells is the state that change
    makes. Where it is what a variable still holds at the pointer, and the variable's next change
    in the window brings in an item the sentence names (`10`) that it lacks, it is the state from
    before the change."""
    if walk.backward:
        return
    state = walk.facts.index.states[walk.pointer] if walk.facts.index.states else {}
    for check in checks:
        if check.kind not in ("literal", "value") or not check.ok or check.position < 0:
            continue
        if not _GIVING.search(sentence[: check.position]):
            continue
        literal, told = _literal_value(_expr(check.text.rpartition(" = ")[2]))
        if not literal or not isinstance(told, (list, dict, set, tuple)) or not told:
            continue
        items = [
            v for t in _TOLD_ITEM.findall(sentence[: check.position]) for ok, v in [_literal_value(_expr(t))] if ok
        ]
        for name, held in state.items():
            nxt = _next_change(walk, name, held) if same_value(held, told) else None
            after = walk.facts.index.states[nxt].get(name) if nxt is not None else None
            if nxt is not None and any(contains(after, i) and not contains(told, i) for i in items):
                check.ok = False
                check.text += f" (what {name} held before the change the sentence tells)"
                break


# "`word |= 8` makes `word = 5`", "`i += 2` makes i = 4": an update restated, and the value it made
_UPDATE_MAKES = re.compile(
    r"`(?P<target>(?:self\.)?[A-Za-z_]\w*)\s*(?P<op>\+|-|\*|//|%|\||&|\^|<<|>>)=\s*(?P<operand>[^`=\n]+)`"
    r"\s*(?:makes|gives|sets|brings|turns)\s+(?:it\s+|`?(?P=target)`?\s*)(?:=|to|into|at)?\s*`?(?P<value>-?\d+)\b"
)


def _augmented_update_told(checks: list[Check], walk: Walk) -> None:
    """`word |= 8` makes `word = 5`: a forward narration restating an update (with values put in
    for some of its names) tells the value its next run makes: the first change, from the pointer
    on in the window, that the update explains (the value before, with the operand, gives the value
    after). The value from before that change, still held at the pointer, is wrong (another may be
    a later run's, where the walk lags behind the narration)."""
    if walk.backward or "=" not in walk.raw_sentence or "`" not in walk.raw_sentence:
        return
    for m in _UPDATE_MAKES.finditer(walk.raw_sentence):
        target, told = m.group("target"), int(m.group("value"))
        node = _expr(f"{target} {m.group('op')} ({m.group('operand')})")
        if node is None:
            continue
        if _no_change_here(walk, target, node):
            continue  # (`seen |= n` with n = 6 leaves 7: no change event, and the next one is another run's)
        before, made = _next_update_by(walk, target, node)
        if made is _NOTHING or same_value(made, told) or not same_value(before, told):
            continue
        for check in checks:
            if (
                check.kind == "value"
                and check.ok
                and check.text in (f"{target} = {told!r}", f"self.{target} = {told!r}")
            ):
                check.ok = False
                check.text += f" (`{m.group(0).split('`')[1]}` makes {made!r} next)"


def _no_change_here(walk: Walk, target: str, update: ast.expr) -> bool:
    """Whether `update` would leave `target` as it is in the state at the pointer."""
    state = walk.facts.index.states[walk.pointer] if walk.facts.index.states else {}
    held = state.get(target, state.get(f"self.{target}", _NOTHING))
    try:
        return held is not _NOTHING and same_value(evaluate(update, ChainMap({target: held}, state)), held)
    except Exception:  # noqa: BLE001 - an operand the state cannot evaluate: no verdict
        return False


def _next_update_by(walk: Walk, target: str, update: ast.expr) -> tuple[object, object]:
    """(before, after) of the first change of `target` from the pointer on, in the window, that
    `update` (`word | 8`) explains; (_NOTHING, _NOTHING) where none does."""
    events, states = walk.facts.index.events, walk.facts.index.states
    for i in range(max(walk.pointer, 1), min(len(events), walk.pointer + walk.window + 1)):
        if events[i].kind != "modified" or target not in (events[i].name, events[i].name.removeprefix("self.")):
            continue
        before = states[i - 1].get(events[i].name)
        try:
            made = evaluate(update, ChainMap({target: before}, states[i - 1]))
        except Exception:  # noqa: BLE001 - an operand the state cannot evaluate: no verdict
            continue
        if same_value(made, states[i].get(events[i].name)):
            return before, made
    return _NOTHING, _NOTHING


def _next_change(walk: Walk, name: str, unlike: object = _NOTHING) -> int | None:
    """The first event after the pointer, in the window, at which `name` takes a value (one unlike
    `unlike`, where given: a method's frame shows `self.jars` again, unchanged, on each call)."""
    events, states = walk.facts.index.events, walk.facts.index.states
    for i in range(walk.pointer + 1, min(len(events), walk.pointer + walk.window + 1)):
        if events[i].kind in ("new", "modified") and name in (events[i].name, events[i].name.removeprefix("self.")):
            if unlike is _NOTHING or not same_value(states[i].get(events[i].name), unlike):
                return i
    return None


def _constant_test(text: str) -> bool:
    """A test of literals alone (`3 > 2`, `len('api') >= 5`): true or false in any run, supposed or not."""
    node = _expr(text)
    return node is not None and _literal_value(node)[0]


_ONLY_WHEN = re.compile(
    r"[\w.\[\]'\"`]+\s*(?:is|was|=|==|equals)\s*[^\s,;:]+\s+(?:only\s+(?:when|if)|whenever|unless)\b", re.I
)
_DIFFERENCE = re.compile(
    r"[\w.\[\]'\"`]+\s+(?:is|was)\s+-?\d+(?:\.\d+)?\s+(?:\w+\s+)?(?:above|below|over|under|more\s+than|less\s+than|"
    r"short\s+of|higher\s+than|lower\s+than|greater\s+than|smaller\s+than)\s",
    re.I,
)
_SHARE_OF = re.compile(r"[^.;,:]{0,40}?\d\s*(?:%|percent\b)\s*of\b", re.I)
_REPEATED = re.compile(r"[^.;]{0,60}?\b(?:is|was|gives|=)\s*\S+\s+(?:repeated|copied|duplicated)\b", re.I)
# `flag is 'ok' only when check == 0`, `the tip is 15 percent of 8450`, `kmh is 27 above the limit`,
# `[share + 1] * extra is [4] repeated two times`
_NO_STATE = (_ONLY_WHEN, _SHARE_OF, _DIFFERENCE, _REPEATED)
# `no j is greater than 3` (not `there is no 'b' in result`, whose test reads as written)
_NO_ONE_IS = re.compile(
    r"[\w.\[\]'\"]+\s+(?:(?:is|are|was|were)\s+(?:greater|less|smaller|bigger|larger|more|above|below|at\s+least|at\s+most)|"
    r"exceeds|exceeded|tops|topped)\b",
    re.I,
)
_EITHER_OR = re.compile(r"\beither\b(?=.*\bor\b)", re.I)  # the ways a backward narration weighs, not states
# `4 below 7 (start = 3) or 4 above it (start = 11)`: one name given two values the sentence weighs
_ONE_NAME_OR_ANOTHER_VALUE = re.compile(r"\b(?P<name>[A-Za-z_]\w*)\s*=\s*[^=;]+?\bor\b[^;]*?\b(?P=name)\s*=(?!=)")
# Where a supposed clause ends; `, so ... must` begins the conclusion drawn from a supposition,
# which is about this run (`return None would give None, so the check must have been False`)
_CLAUSE_BREAK = re.compile(
    r";|,\s*(?=(?:otherwise|but|whereas|while|though|although)\b)|\s+(?=(?:otherwise|even\s+though)\b)"
    r"|,\s*(?=so\b[^,;]*?\bmust\b)",
    re.I,
)
# (in a forward narration what follows `, so` happened: `The shelf would overflow, so self.refused
# goes up to 2`; a backward one goes on supposing: `n would be 5, so that does not work`)
_FORWARD_CLAUSE_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|,\s*(?=so\b)", re.I)
# `i = 4 is never checked`: a value the loop never got to (said after it)
_NEVER_AFTER = re.compile(
    r"`?[\w.\[\]'\"]+\s*=\s*[^\s,;.]+`?\s+(?:is|was)\s+never\s+(?:checked|reached|tested|seen|visited|tried|examined)\b"
)
_NONE_OF_THOSE_PASSES = re.compile(
    r"[^,;.]{0,20}?\b(?:qualif(?:y|ies)|works?|pass(?:es)?|counts?|match(?:es)?|fits?|survives?|gets?\s+in)\b", re.I
)
_NONE_HAS = re.compile(r"\bno\s+(?:[a-z]+\s+){1,2}(?:has|had|have|with|gives|gave|reaches|reached|sees|saw)\s+$", re.I)
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:(?:gets?|got|reach(?:es|ed)?|hits?|goes|went)\s+(?:to\s+)?)?$", re.I)
# A sentence about a run that did not happen (backward narrations try other inputs). Its states
# cannot be checked against this trace; its arithmetic and comparisons of literals still can.
_COUNTERFACTUAL = re.compile(
    r"\b(?:would(?:n't)?|suppose|imagine|hypothetical(?:ly)?|were to|(?:does|did)\s*(?:not|n't)\s+work|"
    r"instead of|had been)\b",
    re.I,
)


def _together(checks: list[Check], walk: Walk) -> None:
    """The pointer moves to the moment most of the sentence's state claims hold near. A long
    sentence may walk through many moments (`player 1 takes 6 (scores = [5, 15]), ... player 0
    takes 2 (scores = [20, 26])`), so only values stated side by side must hold together
    (`_one_state`); requiring the whole sentence to fit one window rejected faithful summaries
    and caught no error the other checks missed, on the development corpus."""
    located = [c for c in checks if c.events]
    last_state, walk.last_state = walk.last_state, []
    returns = [c for c in checks if c.kind == "return" and not c.events]  # (`Second call: ... returned 4`)
    if not located:
        if returns:
            _in_the_labelled_pass(returns, walk)
        return
    span = walk.window
    best, best_anchor = -1, located[0].events[0]
    for anchor in sorted({e for c in located for e in c.events[:400]}, key=lambda e: abs(e - walk.pointer)):
        near = sum(1 for c in located if any(abs(e - anchor) <= span for e in c.events))
        if near > best:
            best, best_anchor = near, anchor
        if best == len(located):
            break
    _one_state(located, walk)
    _the_final_state(located, walk)
    _tests_in_their_state(located, walk, last_state)
    _negations_told_alike(located, walk)
    _tests_before_their_consequence(located, walk)
    _tests_before_what_they_lead_to(located, walk)
    _in_the_anchors_iteration(located, walk)
    _in_the_labelled_pass(located + [c for c in checks if c.kind == "sequence" and not c.events] + returns, walk)
    _in_a_named_pass(located, walk)
    _in_an_ordinal_pass_told_inside(located, walk)
    _after_the_restated_assignment(located, walk)
    _on_one_side_of_a_swap(located, walk)  # (where the assignment is not restated just before)
    _after_the_loop(located, walk)
    _at_the_end(located, walk)
    _in_the_order_told(located, walk)
    _the_same_change_told_twice(located, walk)
    _just_before_the_value_told_last(located, walk)
    _tested_for_the_value(located, walk)
    _what_the_branch_leaves(checks, walk)
    _not_gone_back(located, walk)
    _the_step_just_undone(located, walk)
    walk.moved_to(best_anchor)


_SEQUENCING = re.compile(
    r"\b(?:then|after|afterwards|later|next|before|becomes|became|goes|went|moves|moved|"
    r"until|while|from|to|each|every|loop|iteration|again|so|thus|therefore|hence|gives|giving|"
    r"pass|step|round|when|once|now|old|previous|earlier|original|starting|initial|initially|must|finally|try|tries|"
    r"tried|end|reached|made|makes)\b"  # (`from n = 4721, which made odds equal to 1`)
    r"|->|→|;|:"
    r"|\b\d+\s+(?:shifts|steps|passes|rounds|iterations|moves|swaps|halvings|doublings)\b"  # (`d = 2, 2 shifts, flips = 6`)
    r"|,\s*(?:and\s+)?for\b"  # (`longest stayed 12, and for km = 5 ...`: another pass begins)
    r"|\(\s*`?at\b",  # (`row = [4, 8, 2, 6] (at r = 4, c = 2: ...)`: the working of one step of it)
    re.I,
)


_OTHER_MOMENT = re.compile(r"\b(?:must|old|previous|earlier|original|initial|final|first|last|had)\b", re.I)


_COMPARED_TO = re.compile(r"\b(?:equal|unequal|identical|compared|close|similar)\s+to\b", re.I)

# `lo = 9`, `self.level = 4`, `counts['red'] = 2`: a value of a variable or of one of its entries
_STATE_VALUE = re.compile(r"(?:self\.)?\w+(?:\[[^\]:]+\])? = .+")
_PLAIN_VALUE = re.compile(r"(?:self\.)?\w+ = .+")  # (of a variable itself)


def _plain_values(checks: list[Check]) -> list[Check]:
    """The grounded values of variables themselves (`lo = 9`, not `counts['red'] = 2`) found at some event."""
    return [c for c in checks if c.ok and c.kind == "value" and c.events and _PLAIN_VALUE.fullmatch(c.text)]


_LISTED_VALUES = re.compile(
    r"`?[\w.]+`?\s*(?:=|is)\s*`?-?\d+`?(?:\s*,\s*`?-?\d+`?)*,?\s+(?:and|or|to|through)\s+`?-?\d+\b(?![`\s]*[<>=!+*/%-])"
)  # (`room = 5, and 1 > 4 is false`: a test after the value, not a second value)


# `a = 2 means the old b was 2`: a value of a state before the one the sentence tells
_EARLIER_STATE = re.compile(r"\b(?:old|previous|earlier|original|starting)\b", re.I)


def _one_state(located: list[Check], walk: Walk) -> None:
    """`lo = 9 and hi = 2`, `red goes up to 2 and counts is {'red': 1, 'blue': 1}`: values of
    different variables (or entries) stated side by side (no `then`, `so`, `after` between them)
    hold in one state."""
    plain = [c for c in located if c.ok and c.kind == "value" and _STATE_VALUE.fullmatch(c.text)]
    # (`middle, right = right[0], right[1:]`: an entry the same line replaced is read before it)
    plain = [c for c in plain if "[" not in c.text or not _assigned_together(c.text.split("[")[0], walk.facts)]
    # (`c = 0 and 4, count becomes 12`: the values a loop's variable ran through, not one state)
    plain = [c for c in plain if c.position < 0 or not _LISTED_VALUES.match(walk.sentence, c.position)]
    plain.sort(key=lambda c: c.position)
    groups: list[list[Check]] = []
    for check in plain:
        previous = groups[-1][-1] if groups else None
        between = walk.sentence[previous.position : check.position] if previous is not None else ""
        told = previous.text.partition(" = ")[2] if previous is not None else ""
        named = previous.text.partition(" = ")[0].removeprefix("self.") if previous is not None else ""
        unnamed = re.sub(rf"\b{re.escape(named)}\b", " ", between) if named else between  # (a variable `last`)
        # (`n was 48, and 48 // 2 = 24 with steps = 1`: a step worked on the value told moves time on)
        # (not `n becomes six (6 // 2 = 3)`: the working in brackets is of the value told next)
        worked_on = bool(told) and re.search(
            rf"(?<![\w.(]){re.escape(told)}`?\s*(?:[-+*/%]|//)\s*\d+\s*=\s*-?\d", between
        )
        if told and told in between and not _OTHER_MOMENT.search(unnamed):
            between = between[between.index(told) + len(told) :]  # (`best becomes 'tea' with best_n = 4`)
        if re.fullmatch(r"[\s`]*;[\s`]*", between):
            between = ", "  # (`cur = 'c'; hops = 2`: values listed side by side, not steps in turn)
        between = _COMPARED_TO.sub(" ", between)  # (`d = 3, not equal to prev = 5`: `to` moves no time on)
        if previous is None or previous.position < 0 or check.position < 0 or _SEQUENCING.search(between) or worked_on:
            groups.append([check])
        else:
            groups[-1].append(check)
    for group in groups:
        names = {c.text.split(" = ")[0] for c in group}
        if len(group) < 2 or len(names) != len(group):
            continue
        names = {n.split("[")[0] for n in names}
        states = walk.facts.index.states
        if not any(names <= state.keys() for state in states) and not _attribute_beside_locals(names, group, states):
            continue  # variables of different calls (an argument of `__init__`, a local of `run`)
        shared = set(group[0].events).intersection(*(c.events for c in group[1:]))
        if not _EARLIER_STATE.search(walk.raw_sentence):
            # (`a = 2 means the old b was 2`: what a swap took from the state before the line)
            shared -= walk.facts.mid_line_events()
        if not shared and not _held_at_one_time(group, walk.facts):
            for check in group[1:]:
                check.ok = False
                check.text += " (never together with " + group[0].text + ")"


# `so the last state is total = 148 and hits = 8`: the values the run leaves behind
_FINAL_STATE = re.compile(r"\b(?:final|last|end)\s+state\s+(?:is|was|holds|has)\b", re.I)


def _the_final_state(located: list[Check], walk: Walk) -> None:
    """Values told as the final (or last) state, in its clause, are what the variables hold when a
    call returns or at the end of the run, not values they held on the way (a value held at
    another moment was grounded anywhere)."""
    said = _FINAL_STATE.search(walk.sentence)
    if not said:
        return
    rest = walk.sentence[said.end() :]
    clause = re.search(r"[.;:]\s|\b(?:so|then|but|while|because|after|before|when)\b", rest)
    stop = said.end() + (clause.start() if clause else len(rest))
    for check in located:
        if not (check.ok and check.kind == "value" and said.end() <= check.position < stop):
            continue
        if not _PLAIN_VALUE.fullmatch(check.text):
            continue
        name, _, told = check.text.partition(" = ")
        literal, value = _literal_value(_expr(told) or ast.Constant(None))
        finals = walk.facts.final_values(name, loop_ends=False)
        if literal and finals and not any(same_value(v, value) for v in finals):
            check.ok = False
            check.text += " (not what the run ends holding)"


def _attribute_beside_locals(names: set[str], group: list[Check], states: list[dict]) -> bool:
    """`last is now 24 and out is 0`: an object's attribute (which a method's frame shows) told beside
    locals of one frame (the caller's): whether they held at one time is `_held_at_one_time`'s test."""
    local = {n for n in names if not n.startswith("self.")}
    return (
        len(local) < len(names)
        and not any("[" in c.text.partition(" = ")[0] for c in group)
        and any(local <= state.keys() for state in states)
    )


def _held_at_one_time(group: list[Check], facts: TraceFacts) -> bool:
    """`used = 40, slots [25, 60]`, where slots is an object's attribute (`self.slots`) that only a
    method's frame shows and used a local of the caller: their events never meet, but the values
    held at one time, each from the event that set it until the next change of its variable."""
    names = [c.text.partition(" = ")[0] for c in group]
    attributes = {f"self.{n.removeprefix('self.')}" for n in names if "[" not in n} & facts.histories.keys()
    seen = attributes | {n for n in names if f"self.{n.removeprefix('self.')}" not in attributes}
    if not attributes or any(seen <= state.keys() for state in facts.index.states):
        return False  # (variables one frame shows together: their events are the test)
    common = [(0, len(facts.index.events))]
    for check, name in zip(group, names):
        read, value = _told_value(check)
        if not read:
            return False
        bare = name.removeprefix("self.")
        held = [  # (of the local or of the attribute: `slots` may be told of either)
            (i, facts.line_began(history[k + 1][0]) if k + 1 < len(history) else len(facts.index.events))
            for history in (facts.histories.get(bare, []), facts.histories.get(f"self.{bare}", []))
            for k, (i, v) in enumerate(history)
            if same_value(v, value)
        ]
        common = [(max(a, c), min(b, d)) for a, b in common for c, d in held if max(a, c) < min(b, d)]
        if not common:
            return False
    return True


# a word that moves time on (`then`), and one that sequences a conclusion after what it follows from (`so`)
_LATER_WORDS = r"then|after|afterwards|later|next|before|becomes|became|until|when|once|now|while|earlier|previously"
_LATER = re.compile(rf"\b(?:{_LATER_WORDS})\b|->|→|;", re.I)
_THEN = re.compile(rf"\b(?:{_LATER_WORDS}|so|thus|therefore|hence|but)\b|->|→|;", re.I)


# `Second pair: kind = 'o', mask = 2.`: a sentence of values alone (a label before them at most)
_ONLY_VALUES = re.compile(
    r"\s*(?:[A-Z][\w ]{0,20}:\s*)?(?:[A-Za-z_][\w.]*\s*=\s*[^,;=\s][^,;=]*?)"
    r"(?:\s*(?:,|\band\b|,\s*and\b)\s*[A-Za-z_][\w.]*\s*=\s*[^,;=\s][^,;=]*?){1,2}\s*[.;]?\s*"
)


def _tests_in_their_state(located: list[Check], walk: Walk, last_state: list[Check]) -> None:
    """`ch = '-': not ch.isalpha() is False`, `ch = 'a': the count is 2, so the check is True`: a
    test's outcome stated right after the values it was tested with (nothing such as `then` between
    them; a `so` draws the outcome from them) must be its outcome in that state, not at another
    iteration where it came out so."""
    if walk.backward:
        return  # (a backward narration states values it infers, `with frac = '5'`, before the test that set them)
    values = _plain_values(located)
    if (
        values
        and len(located) == len(values)
        and (len(values) == 1 or _ONLY_VALUES.fullmatch(walk.sentence))
        and not _THEN.search(walk.sentence[values[0].position :])
    ):  # (a sentence that only tells values, `kind = 'o', mask = 2.`: the state the next one starts in)
        walk.last_state = values
    for test in located:
        if not (test.ok and test.kind == "comparison" and test.position >= 0):
            continue
        before = sorted((c for c in values if 0 <= c.position < test.position), key=lambda c: c.position)
        state: list[Check] = []
        for check in reversed(before):  # the values nearest before the test, up to a sequencing word
            end = state[0].position if state else test.position
            if _LATER.search(walk.sentence[check.position : end]):
                break
            state.insert(0, check)
        if (
            not state
            and not before
            and not _LATER.search(walk.sentence[: test.position])
            and not _OPENS_ON_VALUE.match(walk.raw_sentence)  # (`For 7, the condition is false`: a value of its own)
        ):
            # `At position 1 the name is "write". The test name in enabled comes out True` (also after
            # a reason: `word = '2kg'. It has a digit, so not word.isalpha() is True`)
            state = last_state
        names = {c.text.split(" = ")[0] for c in state}
        if not state or not any(names <= walk.facts.index.states[i].keys() for i in test.events):
            continue  # (`op = 'pop'` of the caller, `not self.outbox` tested inside the method it calls)
        together = set(state[0].events).intersection(*(c.events for c in state[1:]))
        if together and not together.intersection(test.events):
            test.ok = False
            test.text += " (not with " + ", ".join(c.text for c in state) + ")"


# words that put two tests told in turn at different moments (`'a' passes but '1' fails`)
_APART = re.compile(r"\b(?:but|while|whereas|for|each|every|all|both|either|neither|other|others|another)\b", re.I)
_TOLD_TRUTH = re.compile(r"(?P<test>.+) is (?P<truth>True|False)")


def _negations_told_alike(located: list[Check], walk: Walk) -> None:
    """`val.isdigit()` returns True, so `not val.isdigit()` is True: a test and its negation, told
    one after the other (a `so` between them at most, nothing that moves time on), have opposite
    outcomes, though each alone comes out so at some moment of the run."""
    told = sorted(
        (c for c in located if c.ok and c.kind == "comparison" and c.position >= 0 and _TOLD_TRUTH.fullmatch(c.text)),
        key=lambda c: c.position,
    )
    for first, second in zip(told, told[1:]):
        between = walk.sentence[first.position : second.position]
        if _LATER.search(between) or _APART.search(between):
            continue
        (test, truth), (other, other_truth) = (_TOLD_TRUTH.fullmatch(c.text).groups() for c in (first, second))
        if truth == other_truth and (other == f"not {test}" or test == f"not {other}"):
            second.ok = False
            second.text += f" (though {first.text})"


# `Before the swap, left = 'or'`, `so after the swap left = [3, 8]`, `so swap: b = 6, c = 9`: the side of a swap told
_SWAP_SIDE = re.compile(
    r"\b(?P<side>before|after)\s+(?:the\s+|that\s+|this\s+)?swap\b|(?<!\bthe )\bswap(?:s|ped)?\s*(?::|->|→)", re.I
)  # (not `the order that uses the swap: the call passes a = 9 and b = 4`, the state before it)


def _swaps(first: str, second: str, facts: TraceFacts) -> tuple[set[str], set[str]]:
    """The (first, second) values just before and just after each swap of the two in the run, as
    reprs: a change of one and, at the event beside it, of the other, each taking the other's value."""
    before: set[str] = set()
    after: set[str] = set()
    history, other_history = facts.history(first), facts.history(second)
    other_changes = {event: (k, value) for k, (event, value) in enumerate(other_history)}
    for k, (event, value) in enumerate(history):
        for beside in (event - 1, event + 1):
            if k and beside in other_changes and other_changes[beside][0]:
                other_k, other_value = other_changes[beside]
                was, other_was = history[k - 1][1], other_history[other_k - 1][1]
                if same_value(value, other_was) and same_value(other_value, was) and not same_value(was, value):
                    before.add(repr((was, other_was)))
                    after.add(repr((value, other_value)))
    return before, after


def _on_one_side_of_a_swap(located: list[Check], walk: Walk) -> None:
    """`Check b > c: 9 > 6 is True, so swap: b = 9, c = 6`: two variables the run swaps, told side by
    side after (or before) a swap, hold the values of that side of one swap; the other side's
    values held together too, a moment away."""
    side = _SWAP_SIDE.search(walk.sentence)
    if side is None:
        return
    told = [c for c in _plain_values(located) if c.position > side.start()][:2]
    if len(told) < 2:
        return
    (read, value), (other_read, other_value) = (_told_value(c) for c in told)
    names = [c.text.partition(" = ")[0] for c in told]
    if not (read and other_read) or names[0] == names[1]:
        return
    before, after = _swaps(*names, walk.facts)
    # (`Swap: before it, a = 17 and b = 4`: a label, then the side the values are of)
    then = re.match(r"\s*(before|after)\s+(?:it|that|this)\b", walk.sentence[side.end() :], re.I)
    told_side = side.group("side") or (then.group(1) if then else "")
    wanted = before if told_side.lower() == "before" else after
    if wanted and repr((value, other_value)) not in wanted:
        told[1].ok = False
        told[1].text += " (not with " + told[0].text + " on that side of the swap)"


# `255 + 160 = 415`: one step of arithmetic on two numbers and its result
_LITERAL_STEP = re.compile(
    r"(?<![\w.])(?P<a>-?\d+)\s*(?:\*\*|//|<<|>>|[-+*/%&|^])\s*(?P<b>-?\d+)\s*=\s*(?P<r>-?\d+)(?!\d|\.\d|\s*[-+*/%&|^=])"
)
# a number that is a whole value (not an operand of more arithmetic, nor one of `a = 1, b = 2`)
_WHOLE_VALUE = r"(?P<x>-?\d+)(?!\d|\.\d|\s*(?:[-+*/%&|^=<>]|,\s*\w+\s*=|and\s+\w+\s*=))"


def _assigned_together(name: str, facts: TraceFacts) -> bool:
    """Whether the code assigns `name` together with other names (`a, b = b, a % b`), where the
    result of a step may be another's (a parameter list, `def f(a, b=2)`, is not that)."""
    target = rf"(?:self\.)?{re.escape(name.removeprefix('self.'))}"
    together = regex(rf"(?:[\w.]+,)+{target}(?:,[\w.]+)*=(?!=)|{target}(?:,[\w.]+)+=(?!=)")
    return any(together.match(line) for line in facts.code_lines)  # (each line a statement, spaces out)


# `2707 << 4 = 43312 and 43312 | 1 = 43313, so just before it out was 2707`: what a backward walk
# says the variable was around a step it just worked
_STEP_THEN_WAS = re.compile(
    r"\b(?:so|then|means|which\s+means)\s+(?:(?:just\s+)?before\s+(?:it|that)\s*,?\s*)?(?:the\s+)?"
    r"(?:old\s+|previous\s+|earlier\s+)?(?P<name>(?:self\.)?[A-Za-z_]\w*)\s+(?:was|had\s+been|must\s+have\s+been)\s+"
    + _WHOLE_VALUE
)
_WAS_OPENS = re.compile(
    r"\s*(?:so|thus|hence)\s*,?\s*(?:(?:just\s+)?before\s+(?:it|that)\s*,?\s*)?(?:the\s+)?(?P<name>(?:self\.)?[A-Za-z_]\w*)"
    r"\s+(?:was|had\s+been|must\s+have\s+been)\s+" + _WHOLE_VALUE,
    re.I,
)


def _worked_chain(text: str) -> tuple[set[int], set[int], int] | None:
    """The last run of arithmetic in `text` (`14 << 2 = 56 and 13 ^ 56 = 53`: each step's result an
    operand of the next): its operands, the results it passes on, and its final result; or None."""
    steps = list(_LITERAL_STEP.finditer(text))
    if not steps:
        return None
    last = steps[-1]
    operands, passed = {int(last["a"]), int(last["b"])}, set()
    for step in reversed(steps[:-1]):
        if int(step["r"]) not in operands:
            break
        operands |= {int(step["a"]), int(step["b"])}
        passed.add(int(step["r"]))
    return operands, passed, int(last["r"])


def _the_step_just_undone(located: list[Check], walk: Walk) -> None:
    """`14 << 2 = 56 and 13 ^ 56 = 53, so acc was 21 before that`: in a backward narration, the value
    a variable is said to have had right after the arithmetic of one of its updates is one of that
    arithmetic's numbers (the value it came from, or the result). The arithmetic is that update's
    where the variable's history steps from an operand to the result while the other operands are
    values of that moment or of the code (`3 ^ 9 = 10`, worked back from a pass where n was 9, is
    not the later step from 3 to 10 where n was 12). Not for a name the code assigns together with others."""
    if not walk.backward:
        return
    told = []
    for m in _STEP_THEN_WAS.finditer(walk.sentence):
        chain = _worked_chain(walk.sentence[: m.start()])
        if chain is not None:
            told.append((m.group("name"), int(m.group("x")), *chain, m.start("name")))
    opening = _WAS_OPENS.match(walk.sentence)
    chain = _worked_chain(walk.previous_raw_sentence.replace("`", "")) if opening else None
    if opening and chain is not None:  # `... 13 ^ 56 = 53. So acc was 13 before that.`
        told.append((opening["name"], int(opening["x"]), *chain, opening.start("name")))
    for name, said, operands, passed, result, start in told:
        if said in operands or said == result:
            continue
        if _assigned_together(name, walk.facts):
            continue
        history = walk.facts.history(name)
        if not any(
            a in operands and b == result and _of_the_moment(operands - passed - {a}, walk.facts, i)
            for (_, a), (i, b) in zip(history, history[1:])
        ):
            continue  # (no update of this variable is the step told)
        for check in [c for c in located if c.kind == "value" and c.ok and c.position >= start][:1]:
            check.ok = False
            check.text += f" (not a number of the step just worked, {sorted(operands)} -> {result})"


def _of_the_moment(numbers: set[int], facts: TraceFacts, event: int) -> bool:
    """Whether each number is a value some variable holds at `event`, or a number written in the
    program (`<< 4`; not one of the call's, which any pass may hold)."""
    held = [v for v in facts.index.states[event].values() if type(v) is int]
    return all(n in held or regex(rf"(?<![\w.]){n}(?![\w.])").search(facts.code_source) for n in numbers)


_SO_THEN = re.compile(r"^[^.;:]{0,80}?\b(?:so|then|and so|therefore)\b[^.;:]{0,80}$", re.I)


def _tests_before_their_consequence(located: list[Check], walk: Walk) -> None:
    """`'Intro' in self.songs is False, so Intro is appended and seconds becomes 95`: the value a
    test is said to lead to holds soon after a moment the test came out so, not at another call."""
    if walk.backward:
        return
    values = _plain_values(located)
    for test in located:
        if not (test.ok and test.kind == "comparison" and test.position >= 0):
            continue
        later_tests = [c.position for c in located if c.kind == "comparison" and c.position > test.position]
        for value in values:
            if not test.position < value.position < min(later_tests, default=len(walk.sentence)):
                continue
            between = walk.sentence[test.position + len(test.text) : value.position]
            name = value.text.partition(" = ")[0]
            if not _SO_THEN.match(between) and not (
                # `'travel' in seen is True; seen becomes {...}`: the change told next is the test's outcome
                re.fullmatch(r"[^.;:]{0,40};\s*", between)
                and regex(rf"\s*{re.escape(name)}\s+(?:{_CHANGE_VERB.pattern})\s").match(walk.sentence, value.position)
            ):
                continue
            if not any(t <= v <= t + walk.window for t in test.events for v in value.events):
                value.ok = False
                value.text += " (not after " + test.text + ")"


# `not self.free` is False, `so` it returns -1: what a test's outcome led to, told after it
_SO = re.compile(r",?\s*\b(?:so|therefore|hence|thus)\b", re.I)


def _tests_before_what_they_lead_to(located: list[Check], walk: Walk) -> None:
    """`ev = "cy": not in owner, and `not self.free` is False, so it returns -1`: a forward
    narration's test that leads (`so`) to what the sentence tells next came out so before it, not
    only at a later call where the run holds what the test was told to be. (Looser than
    `_tests_before_their_consequence`, which wants a plain value soon after the test: a return or a
    test told after `so` may come a loop later, and only an outcome after all of it is refused.)"""
    if walk.backward:
        return
    for test in located:
        if not (test.ok and test.kind == "comparison" and test.position >= 0 and test.events):
            continue
        so = _SO.search(walk.sentence, test.position)
        if so is None:
            continue
        led_to = min(  # the first claim told after the `so` (one already refused after the test: no more to say)
            (c for c in located if c.kind in ("value", "return", "comparison") and c.position >= so.end()),
            key=lambda c: c.position,
            default=None,
        )
        if led_to is not None and led_to.ok and min(test.events) > max(led_to.events):
            test.ok = False
            test.text += " (only after what it leads to)"


def _what_the_branch_leaves(checks: list[Check], walk: Walk) -> None:
    """`` `1 <= 4` is True, so the level becomes 3 ``: a forward narration's value told (after
    `so`) as what an `if` test of the code led to is one the variable takes in the branch the
    program chose, or later in that pass, at a moment it made that test with the values the
    sentence gives; not the value it held before the branch ran (4), nor one of another pass.
    Judged only where every such branch assigns the variable (one that leaves it alone says
    nothing of it; for an empty branch, `if` without `else` not taken, where the rest of the pass
    does, the value kept counting too), and not for a value told of all passes (`so all four spots
    are dots`)."""
    if walk.backward:
        return
    values = _plain_values(checks)
    for test in checks:
        if not (test.ok and test.kind == "comparison" and test.position >= 0):
            continue
        so = _SO.search(walk.sentence, test.position)
        if so is None or re.search(r"[;:]|\.(?!\w)", walk.sentence[test.position : so.start()]):
            continue
        later = [c.position for c in checks if c.kind == "comparison" and c.position > test.position]
        then = _ANOTHER_MOMENT.search(walk.sentence, so.end())  # (`so x = 3; then ...`: after the step)
        stop = min(later + [then.start() if then else len(walk.sentence)])
        led_to = [v for v in values if so.end() <= v.position < stop and not _STAYS.match(walk.sentence, v.position)]
        spans = _branches_run(test, walk) if led_to else []
        for value in led_to if spans else ():
            name = value.text.split(" = ")[0]
            literal, told = _told_value(value)
            history = walk.facts.history(name)
            # (an empty branch taken, `0 + 4 > 5` is False with no `else`: what the rest of the pass does,
            # or the value it kept)
            assigned = [
                any(start < i <= (rest if skipped else end) for i, _ in history) for start, end, rest, skipped in spans
            ]
            left = [held for start, _, rest, _ in spans for i, held in history if start < i <= rest]
            left += [_held_at(walk.facts, name, start) for start, _, _, skipped in spans if skipped]
            if literal and all(assigned) and not any(same_value(held, told) for held in left):
                value.ok = False
                value.text += f" (not what the branch of {test.text} leaves)"


# `so x = 3; then ...`, `, and at cur = 5 ...`, `so all four spots are dots`: past the step a test led to
_ANOTHER_MOMENT = re.compile(
    rf"{_THEN.pattern}|,\s*(?:and\s+)?(?:at|for|with|when|on|in)\b|\b(?:all|every|each|both|whole|rest|remaining)\b",
    re.I,
)


def _branches_run(test: Check, walk: Walk) -> list[tuple[int, int, int, bool]]:
    """`_branch_span` for each time the program made the `if` test the comparison check `test`
    restates: with the sentence's literal values for its operands (`1 <= 4` for
    `if cost <= self.level`, `'T'.isupper()` for `if word[0].isupper()`), else at the events the
    check was grounded at."""
    facts, events, states = walk.facts, walk.facts.index.events, walk.facts.index.states
    node = _expr(re.sub(r" is (?:True|False)$", "", test.text))
    shape, operands = _test_shape(node)
    literals = [_literal_value(operand) for operand in operands]
    if operands and all(literal for literal, _ in literals):
        at = []
        for code, line in facts.condition_nodes:
            code_shape, code_operands = _test_shape(code)
            if not (
                code_shape == shape and line in facts.branches and facts.branches[line][0] == squash(ast.unparse(code))
            ):
                continue
            for i in facts.line_steps(line):  # (each time this `if` ran, not the same test on another line)
                held = [_value_at(operand, states[i]) for operand in code_operands]
                if all(ok and same_value(h, v) for (ok, h), (_, v) in zip(held, literals)):
                    at.append(i)
    else:  # (where that line's `if` tests just this: not an `if ok:` the test's events fall on)
        written = squash(ast.unparse(node)) if node is not None else None
        at = [
            i
            for i in test.events
            if events[i].kind == "line" and facts.branches.get(events[i].line_no, ("",))[0] == written
        ]
    return [_branch_span(facts, i) for i in at]


def _test_shape(node: ast.expr | None) -> tuple[object, list[ast.expr]]:
    """(what kind of test, its operands): a comparison's operators and the values compared, a
    method call's name and its object and arguments (`word[0].isupper()`); else (None, [])."""
    if isinstance(node, ast.Compare):
        return tuple(type(op) for op in node.ops), [node.left, *node.comparators]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.keywords:
        return ("call", node.func.attr, len(node.args)), [node.func.value, *node.args]
    return None, []


def _value_at(node: ast.expr, state: dict) -> tuple[bool, object]:
    """(evaluated, value) of an operand of the code's test in a state of the run."""
    try:
        return True, evaluate(node, state)
    except Exception:  # noqa: BLE001 - a name the frame lacks, a type error: no value
        return False, None


def _branch_span(facts: TraceFacts, at: int) -> tuple[int, int, int, bool]:
    """(at, the last event of the branch the program chose, the last event of the rest of that
    pass, whether the branch it chose was empty: no `else`) for the `if` tested at event `at`.
    The pass ends where the frame runs the `if` line or one above it again (a loop's next pass),
    or returns."""
    events = facts.index.events
    line = events[at].line_no
    _, body, orelse = facts.branches[line]
    depth, chosen, branch_end = events[at].depth, None, None
    for k in range(at + 1, len(events)):
        event = events[k]
        if event.depth < depth or (event.depth == depth and event.kind == "return"):
            return at, branch_end or k, k, chosen == ()
        if event.kind != "line" or event.depth != depth:
            continue
        if chosen is None:
            chosen = next((lines for lines in (body, orelse) if lines and lines[0] <= event.line_no <= lines[1]), ())
            branch_end = None if chosen else k
        elif branch_end is None and not chosen[0] <= event.line_no <= chosen[1]:
            branch_end = k
        if branch_end is not None and event.line_no <= line:
            return at, branch_end, k, chosen == ()
    return at, branch_end or len(events) - 1, len(events) - 1, chosen == ()


# an assignment statement restated (`a, b = b, a`, `total += x`): its targets, `=` and right side
_STATEMENT = r"(?:self\.)?\w+(?:\s*,\s*(?:self\.)?\w+)*\s*(?:[-+*/%&|^]|//|<<|>>)?=\s*[^=`\n][^`\n]*?"
# `a, b = b, a` gives `a = 4` and `b = 9`: values said to come out of a restated assignment
_RESTATED_ASSIGNMENT = re.compile(
    r"(?<![\w.])`?(" + _STATEMENT + r")`?\s*,?\s*"
    r"(?:gives|makes|sets|leaves|yields|produces|results\s+in|"
    r"(?:swaps|exchanges)\s+(?:them|the\s+two|both)(?:\s*:|\s*,|\s+to|\s+so\s+that)?|"  # `a, b = b, a` swaps them: ...
    r"so\s+now|and\s+now|now)\s+(.{0,120})"
)

# `After \`w = w.lower()\`, \`w = 'of'\``: the state a restated line of the code leaves, told after it
_AFTER_RESTATED = re.compile(
    r"\b(?:after|once|following)\s+`(" + _STATEMENT + r")`\s*"
    r"(?:runs|has\s+run|ran|executes|is\s+executed|is\s+applied)?\s*[,:]\s*(.{0,120})",  # (`After ...: lo = 5`)
    re.I,
)

# `` `domain = domain[5:]` drops the first five characters, giving domain = 'orbit.io' ``: what it did, then what it left
_RESTATED_THEN_GIVING = re.compile(
    r"`(" + _STATEMENT + r")`\s+[a-z][^.;:`]{0,60}?"
    r",\s*(?:giving|leaving|making|which\s+gives|which\s+leaves)\s+(.{0,120})"
)


def _after_the_restated_assignment(located: list[Check], walk: Walk) -> None:
    """`a, b = b, a` gives `a = 4`, `b = 9`: the values its targets hold once a run of that
    line of the code is over, not at another moment (before the swap, they held 9 and 4). So too
    for a sentence that opens `After the swap,` just after one restating the assignment."""
    told = (
        [
            (m.group(1), m.group(2))
            for told_so in (_RESTATED_ASSIGNMENT, _AFTER_RESTATED, _RESTATED_THEN_GIVING)
            for m in told_so.finditer(walk.raw_sentence)
        ]
        if "=" in walk.raw_sentence
        else []
    )
    after_it = _AFTER_THAT.match(walk.sentence)
    if (
        after_it
        and after_it.group(0).strip().lower().startswith("now")
        and not _TOLD_DONE.search(walk.previous_raw_sentence)
    ):
        after_it = None  # (`Step 2: \`dimes, rest = divmod(rest, 10)\``, then `Now rest is 18`: the step's input)
    if after_it and "=" in walk.previous_raw_sentence:
        before = re.findall(
            r"(?<![\w.])`?((?:self\.)?\w+(?:\s*,\s*(?:self\.)?\w+)*\s*=\s*[^=`\n][^`\n]*?)`?(?=[.;,]?\s*$|[.;]\s)",
            walk.previous_raw_sentence,
        ) or re.findall(  # (the statement in backticks, then what it did: `a, b = b, a` swaps the two)
            r"`((?:self\.)?\w+(?:\s*,\s*(?:self\.)?\w+)*\s*=\s*[^=`\n]+)`\s+(?:swaps|exchanges|runs|flips)\b",
            walk.previous_raw_sentence,
        )
        if before:
            told.append((before[-1], walk.sentence[after_it.end() :]))
    for restated, said_text in told:
        code = squash(restated)
        target_text = re.sub(r"\s*(?:[-+*/%&|^]|//|<<|>>)$", "", restated.split("=")[0].rstrip())  # (`x += 1` too)
        node = _expr(target_text) if code in walk.facts.code_lines else None
        targets = [ast.unparse(t) for t in (node.elts if isinstance(node, ast.Tuple) else [node])] if node else []
        after = _after_each_run(walk.facts, restated)  # (the state once each run's changes are shown)
        if not targets or not after:
            continue
        said = re.findall(
            r"`?((?:self\.)?\w+)`?\s*(?:=|\bis\b|\bbecomes\b)\s*`?([^`,;]+?)`?(?=\s*(?:,|;|\band\b|\.\s|\.?$))",
            said_text,
        )
        for name, value_text in said:
            value_node = _expr(value_text.strip())
            literal, value = _literal_value(value_node)
            if name not in targets or not literal:
                continue
            target = _expr(name)
            for check in located:
                if check.ok and check.kind == "value" and check.text == f"{name} = {value!r}":
                    held = [walk.holds(target, value, k) for k in after]
                    if any(h is not None for h in held) and not any(held):
                        check.ok = False
                        check.text += f" (not once `{restated}` has run)"


# `the two are swapped with lo, hi = hi, lo`: an assignment told as done
_TOLD_DONE = re.compile(
    r"\b(?:swapped|swaps|assigned|ran|runs|executed|executes|applied|applies|performed|updated)\b", re.I
)
# `After the swap, lo = 3` (or `Now lo = 3`): the state the assignment the sentence before restated left
_AFTER_THAT = re.compile(
    r"\s*(?:(?:after|once|following)\s+(?:the|that|this)\s+(?:swap|assignment|update|line|step|statement|exchange)\b|"
    r"(?:after|once|following)\s+it\s*,|now\b)\s*,?",
    re.I,
)


_LED_TO = re.compile(r"\b(?:so|then|now|becomes|became|afterwards|after\s+that|which\s+makes)\b|->|→", re.I)


# `c[0] == '+'` is True for `'-5'`: a test's outcome told for one value of its variable
_TRUE_FOR_A_VALUE = re.compile(
    r"[^.;:]{0,40}?\b(?:is|was|returns|returned|gives|gave|comes\s+out|came\s+out|evaluates\s+to)\s+"
    r"(?P<truth>true|false)\s+for\s+"
    + _THE_VALUE_NOUN
    + r"(?P<value>'[^'\n]*'|\"[^\"\n]*\"|-?\d+(?:\.\d+)?)(?![\w.'\"(\[])",
    re.I,
)


def _tested_for_the_value(located: list[Check], walk: Walk) -> None:
    """`val.isdigit()` returned False for the string '3': a test of one variable, told for a
    value of it, is evaluated on that value (not looked for wherever the run made it so)."""
    for check in located:
        if not (check.ok and check.kind == "comparison" and check.position >= 0):
            continue
        told = _TRUE_FOR_A_VALUE.match(walk.sentence, check.position + len(check.text.split(" is ")[0]))
        node = _expr(re.sub(r" is (?:True|False)$", "", check.text)) if told else None
        literal, value = _literal_value(_expr(told.group("value"))) if told else (False, None)
        names = _names(node) - SAFE_CALLS if node is not None else set()
        if not literal or len(names) != 1 or not names <= walk.facts.index.names:
            continue
        try:
            outcome = bool(evaluate(node, {names.pop(): value}))
        except Exception:  # (what it would raise on the value is no claim about the run)
            continue
        if outcome != (told.group("truth").lower() == "true"):
            check.ok = False
            check.text += f" (not for {told.group('value')})"


def _the_same_change_told_twice(located: list[Check], walk: Walk) -> None:
    """`the first gets K1 and next_no becomes 2, the second gets K2 and next_no becomes 2`: a
    variable told twice in a sentence to become one value became it at two moments of the run."""
    changes = sorted((c for c in located if c.ok and c.kind == "value" and " = " in c.text), key=lambda c: c.position)
    for k, later in enumerate(changes):
        name = later.text.split(" = ")[0]
        told = regex(rf"\s*`?(?:\w+\.)?{re.escape(name.removeprefix('self.'))}`?\s+(?:{_CHANGE_VERB.pattern})\s")
        first = next((c for c in changes[:k] if c.text == later.text), None)
        if (
            first is None
            or min(first.position, later.position) < 0  # (a claim not read at a place of the sentence)
            or not told.match(walk.sentence, first.position)
            or not told.match(walk.sentence, later.position)
        ):
            continue
        history = walk.facts.history(name)
        ok, value = _told_value(later)
        made = [b for (_, a), (_, b) in zip(history, history[1:]) if not same_value(a, b) and same_value(b, value)]
        if ok and len(made) < 2:
            later.ok = False
            later.text += " (it became that only once)"


# `Before it, digits = '464'`, `and total was 24 just before`: a backward walk's step back from the value told last
# (not a bare `Before that,`: on the development rounds it as often looks further back, to the input or the start)
_BEFORE_THAT = re.compile(r"^\W*just\s+before\s+(?:that|it|this)\b|\b(?:just|right)\s+before\b(?=\s*[.,;]|\s*$)", re.I)


def _just_before_the_value_told_last(located: list[Check], walk: Walk) -> None:
    """`... digits = '4644'. ... Before it, digits = '464'`: in a backward narration, a value told
    as the one just before is the value told last of that variable, or the one it held before it."""
    if not walk.backward:
        return
    values = sorted((c for c in located if c.ok and c.kind == "value" and " = " in c.text), key=lambda c: c.position)
    before = _BEFORE_THAT.search(walk.sentence)
    # (`Before it, digits = '46'`: the clause after the opening; `and total was 24 just before`: its own)
    at = (before.end() + 1 if before.start() == 0 else before.start()) if before else 0
    clause = _clause_of(walk.sentence, at, at) if before else None
    for check in values:
        name = check.text.split(" = ")[0]
        ok, value = _told_value(check)
        last = walk.last_told.get(name, _NOTHING)
        if ok and clause and clause[0] <= check.position < clause[1] and last is not _NOTHING:
            history = [v for _, v in walk.facts.history(name)]
            steps = [(a, b) for a, b in zip(history, history[1:]) if not same_value(a, b)]
            allowed = [last] + [a for a, b in steps if same_value(b, last)]
            if not any(same_value(value, a) for a in allowed):
                check.ok = False
                check.text += f" (not just before {name} = {last!r})"
        if ok:
            walk.last_told[name] = value


_COMMA_OR_SEMICOLON = re.compile(r"[,;]")


def _clause_of(text: str, lo: int, hi: int, edges: re.Pattern = _COMMA_OR_SEMICOLON) -> tuple[int, int]:
    """Where the clause of `text` around positions lo..hi starts and ends: after the last of `edges`
    before lo, up to the first at or after hi."""
    before = list(edges.finditer(text, 0, lo))
    after = edges.search(text, hi)
    return before[-1].end() if before else 0, after.start() if after else len(text)


_NEVER_AGAIN = re.compile(r"\bnever\b[^.;,]{0,30}\bagain\b", re.I)


def _in_the_order_told(located: list[Check], walk: Walk) -> None:
    """`streak was still 4 ..., so streak becomes 1`: in a forward narration, a variable's value
    told as what a step led to comes after the value the sentence told it first, not before it."""
    if walk.backward:
        return
    values = sorted((c for c in located if c.ok and c.kind == "value" and " = " in c.text), key=lambda c: c.position)
    for k, later in enumerate(values):
        name = later.text.split(" = ")[0]
        first = next((c for c in reversed(values[:k]) if c.text.split(" = ")[0] == name), None)  # (the nearest)
        if first is not None and first.text == later.text:
            continue
        if first is None or not _LED_TO.search(walk.sentence[first.position : later.position]):
            continue
        if re.search(r"\b(?:for|of|like|than|as)\s+$", walk.sentence[: later.position]):
            continue  # `so the row matches the one for i = 1`: another moment, named
        if first.events and later.events and max(later.events) < min(first.events):
            later.ok = False
            later.text += f" (only before {first.text})"
        elif regex(rf"\s*{re.escape(name)}\s+(?:{_CHANGE_VERB.pattern})\s").match(
            walk.sentence[later.position :]
        ) and not regex(rf"(?<![\w.]){re.escape(name)}\b").search(
            walk.sentence, first.position + len(name), later.position
        ):  # (not `level becomes 3 + 4 = 7 ...; so level becomes 11`, a change told between them)
            # `streak was still 4, so streak becomes 1`: the change from that value, its next one
            history = walk.facts.history(name)
            (ok_was, was_value), (ok_now, now_value) = _told_value(first), _told_value(later)
            nexts = [b for (_, a), (_, b) in zip(history, history[1:]) if ok_was and same_value(a, was_value)]
            if ok_now and nexts and not any(same_value(b, now_value) for b in nexts):
                later.ok = False
                later.text += f" (not the change from {first.text})"


_HEADING = re.compile(r"\s*(?:#{1,6}\s|\*\*[^*\n]+\*\*\s*:?\s*$)")
_BACK_TO = re.compile(r"\b(?:is|are|comes)\s+back\s+(?:to|at)\b", re.I)
_LOOKS_BACK = re.compile(
    r"\b(?:before|earlier|initially|originally|at\s+first|at\s+the\s+(?:start|beginning)|start(?:s|ed)?|began|begins|"
    r"was|were|had|previous(?:ly)?|recall|again|back|first|still|from|went|goes|go|through|over|each|every|"
    r"all|both|whole|overall|summary|so\s+far|in\s+turn|until|since|when|where|for|at|with|after|there|"
    r"happens|happened|occurs|occurred)\b|->|→",  # (`d = 1 happens once`: a tally over the run)
    re.I,
)


# `out = 'ah'`, `pos is 3`: a value written as a literal, not worked out (`band = (1250 - 1) // 500 + 1`)
_A_LITERAL_TOLD = re.compile(
    r"[`\x00\s]*(?:self\.)?\w+`?\s*(?:=|is|becomes|is\s+now)\s*`?"
    r"(?:-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\[[^\[\]\n]*\]|\{[^{}\n]*\}|True|False|None)`?"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:and|so|but|then|while)\b)"
)
# `..., so pos is 1`: what a step just told leaves a variable holding
# (only after a worked result or restated code: after any `so` the walk's lag behind the prose rejects faithful ones)
_A_RESULT_BEFORE = re.compile(r"(?:[=)]\s*-?[\w'\"]+\s*,?\s*|\x00\s*,?\s*)(?:so|thus|hence)\s+`?$")
_STAYS = re.compile(r"`?(?:self\.)?\w+`?\s+(?:stays|remains|is\s+still|still\s+holds)\b", re.I)


def _clause_at(text: str, at: int) -> str:
    """The clause of `text` that holds position `at`: between semicolons (`'kim' again: ...; n stays 103`)."""
    start = text.rfind(";", 0, at) + 1
    end = text.find(";", at)
    return text[start : end if end >= 0 else len(text)]


def _not_gone_back(located: list[Check], walk: Walk) -> None:
    """`n = 2 is nonzero. ... n = 5.`: in a forward narration a value told plainly of a variable
    holds at or after the moment the narration last told it at, not only before it (the run had
    moved on), unless the sentence looks back (`before`, `at first`, `n was 5`); and one told as the
    result of a step the sentence works out (`4 + 3 = 7 gives 'h', so out = 'ah'`) is not the value
    the variable held before that step."""
    if walk.backward:
        return
    plain = _plain_values(located)
    before = dict(walk.told_values)  # (within a sentence the order is the sentence's: `best is None, so best = 11`)
    literals = dict(walk.told_literals)
    for check in plain:
        name = check.text.split(" = ")[0]
        # (`plates is back to [3]`: a change now to a value held before, not a look back)
        looks_back = _LOOKS_BACK.search(_BACK_TO.sub("", _clause_at(walk.sentence, check.position)))
        last = before.get(name)
        aside = walk.sentence.count("(", 0, check.position) > walk.sentence.count(")", 0, check.position)
        if last is not None and not looks_back and not aside and check.events and max(check.events) < last:
            check.ok = False
            check.text += " (only before the moment told already)"
        elif (
            not (aside or looks_back)
            and check.events
            and max(check.events) < walk.pointer
            and _STAYS.match(walk.sentence, check.position)
        ):
            check.ok = False  # `Balance stays 20`: still so now, not only at an earlier moment
            check.text += " (only before this point of the run)"
        elif (
            not (aside or looks_back)
            and _A_RESULT_BEFORE.search(walk.sentence[: max(check.position, 0)])
            and not _STAYS.match(walk.sentence, check.position)
            and not _not_about_to_change(walk, name, check.text.split(" = ", 1)[1], literals.get(name))
        ):
            check.ok = False  # `4 + 3 = 7 gives 'h', so out = 'ah'`: a step's result, not the value before it
            check.text += " (the value before the step, not its result)"
        elif check.at is not None:
            walk.told_values[name] = max(walk.told_values.get(name, -1), check.at)
            if check.position >= 0 and _A_LITERAL_TOLD.match(walk.sentence, check.position):
                walk.told_literals[name] = max(walk.told_literals.get(name, -1), check.at)


def _not_about_to_change(walk: Walk, name: str, written: str, told_at: int | None) -> bool:
    """`..., so out = 'ah'`: the result of a step the sentence tells. Where the value is the one an
    earlier sentence told the variable holding before the walk moved on, still held at the pointer,
    and the lines that assign it in the window leave other values, it is the value before the step,
    not its result."""
    node, (literal, value) = _expr(name), _literal_value(_expr(written))
    if (
        node is None
        or not literal
        or told_at is None
        or told_at >= walk.pointer
        or not walk.holds(node, value, told_at)
    ):
        return True  # (told where the walk still stands: a restatement, `Start with left = 10` then `so left = 10`)
    if not walk.holds(node, value, walk.pointer):
        return True
    last = len(walk.facts.index.events) - 1
    # (per line that assigns it in the window: whether it leaves the value)
    assigned = _assignments(walk, name, walk.pointer, min(last, walk.pointer + walk.window) + 1)
    left = [bool(walk.holds(node, value, min(at, last))) for at in assigned]
    return not left or any(left)


def _told_here(text: str, check: Check) -> bool:
    """The value check's own variable is what its position starts with (`not seen, out = ['A']` read
    from `seen` on denies nothing of out)."""
    name = check.text.split(" = ")[0].split("[")[0]
    return bool(
        re.match(r"[`\x00\s]*(?:self\.)?" + re.escape(name.removeprefix("self.")) + r"(?!\w)", text[check.position :])
    )


def _told_value(check: Check) -> tuple[bool, object]:
    """(read, value): the literal a value check (`total = 8`) states."""
    node = _expr(check.text.partition(" = ")[2])
    return _literal_value(node)


_AFTER_THE_LOOP = re.compile(
    r"\s*(?:[-*]\s+)?(?:\d+\.\s+)?(?:(?:after|once|when)\s+the\s+loop(?:\s+(?:ends|ended|finishes|finished|"
    r"is\s+over|was\s+over|is\s+done|exits|exited|stops|stopped))?|at\s+the\s+end\s+of\s+the\s+loop)\b",
    re.I,
)


def _after_the_loop(located: list[Check], walk: Walk) -> None:
    """`After the loop pos = 25`: where the program has one loop, run once, the values a sentence
    opening so tells before any step are the state the loop left (not one it passed through)."""
    opening = _AFTER_THE_LOOP.match(walk.sentence)
    if not opening or len(walk.facts.loop_names) != 1 or len(walk.facts.index.loop_runs) != 1:
        return
    (header,) = walk.facts.loop_names
    exit_step = _loop_exit(walk.facts, header)
    if exit_step is None:
        return
    then = _THEN.search(walk.sentence, opening.end())
    told = [c.text.partition(" = ")[0] for c in located if c.kind == "value"]
    for check in located:
        if not (check.ok and check.kind == "value" and check.position >= opening.end()):
            continue
        if then and check.position > then.start():
            continue
        if re.search(
            r"\b(?:appends?|appended|adds?|added|push(?:es|ed)?|inserts?|inserted|extends?|extended|removes?|removed|pops?|popped)\b",
            walk.sentence[opening.end() : check.position],
            re.I,
        ):
            continue  # `After the loop, the leftover load is appended: batches = [7, 7]`: a step after it
        if told.count(check.text.partition(" = ")[0]) > 1 or re.search(r"\bfor\s+$", walk.sentence[: check.position]):
            continue  # `calls row_string for y = 0 and y = 1`: the values of calls made after it, not what it left
        node, (literal, value) = _expr(check.text.partition(" = ")[0]), _told_value(check)
        if node is not None and literal and walk.holds(node, value, exit_step) is False:
            check.ok = False
            check.text += " (not once the loop is over)"


# `At the end counts = {...}`, `just before the return, out = ...`, `ending with v = 10`: a state told
# for the end of the run, or of a run of a loop
_AT_THE_END = re.compile(
    r"\b(?:(?P<run>at\s+the\s+(?:very\s+)?end(?!\s+of)|in\s+the\s+end"
    r"|at\s+the\s+end\s+of\s+the\s+(?:run|call|function|method|program|execution)"
    r"|(?:just|right|immediately)\s+before\s+(?:the\s+|it\s+|its\s+)?return(?:s|ed|ing)?"
    r"|at\s+the\s+(?:moment|time|point)\s+of\s+(?:the\s+)?return(?:ing)?"
    r"|at\s+the\s+(?:final\s+)?return|(?:when|once|as)\s+(?:it|the\s+(?:function|method|call))\s+returns|on\s+return)"
    r"|at\s+the\s+end\s+of\s+the\s+(?:\w+\s+)?loop"
    r"|(?:when|once|after|as)\s+the\s+(?:\w+\s+)?loop(?:\s+(?:finishes|finished|ends|ended|is\s+over|is\s+done|"
    r"exits|exited|completes|stops|has\s+finished|has\s+ended))?"
    r"|ending\s+(?:with|at|on|as))\b",
    re.I,
)


_CLAUSE_OPENS = re.compile(r"(?:^|[,:;(]|\*\*|\b(?:so|and|then|but|thus))\s*$", re.I)
_REASON = re.compile(r"\b(?:since|because|given)\b", re.I)


def _at_the_end(located: list[Check], walk: Walk) -> None:
    """`At the end counts = {'a': 2}`, `just before the return, out = [...]`, `ending with v = 18`:
    the values told after such words (before any step such as `then` or `so`) are ones the
    variable holds when a call returns (or, said of a loop, when a run of a loop is over), or its
    last value; not one it only passed through."""
    for cue in _AT_THE_END.finditer(walk.sentence):
        if re.match(r"(?:at|in)\s+the\s+(?:very\s+)?end\b", cue.group(0), re.I) and not _CLAUSE_OPENS.search(
            walk.sentence[: cue.start()]
        ):
            continue  # `the extra space at the end flushes the last run`: the end of a string, not of the run
        then = _THEN.search(walk.sentence, cue.end())
        reason = _REASON.search(walk.sentence, cue.end())  # (`At the end: ... since with level = 7`: an earlier state)
        stop = min(then.start() if then else len(walk.sentence), reason.start() if reason else len(walk.sentence))
        for check in located:
            told = re.fullmatch(r"((?:self\.)?[A-Za-z_]\w*) = .+", check.text)
            if not (told and check.ok and check.kind == "value" and cue.end() <= check.position < stop):
                continue
            literal, value = _told_value(check)
            finals = walk.facts.final_values(told.group(1), loop_ends=not cue.group("run")) if literal else []
            if finals and not any(same_value(v, value) for v in finals):
                check.ok = False
                check.text += " (not what it held at the end)" if cue.group("run") else " (not what a loop left)"


def _loop_exit(facts: TraceFacts, header: int) -> int | None:
    """The first line the program runs after the loop at `header` is over (a `break` too), if any."""
    steps = facts.line_steps(header)
    if header not in facts.loop_ends or not steps:
        return None
    events, last = facts.index.events, facts.loop_ends[header]
    depth = events[steps[-1]].depth  # (lines of a function the body calls run deeper: not the loop's end)
    for i in range(steps[-1], len(events)):
        if events[i].depth < depth or (
            events[i].kind == "line" and events[i].depth == depth and not header <= events[i].line_no <= last
        ):
            return i
    return None


_ANCHOR = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*)?(?:(?:for|with|at|when|on)\s+)?")


def _in_the_anchors_iteration(located: list[Check], walk: Walk) -> None:
    """`- k = 3: s becomes 3, sq becomes 14`: a sentence that opens with a loop variable's value
    tells what happened in that iteration, so its other values must hold while `k = 3`."""
    opening = _ANCHOR.match(walk.sentence).end()
    anchor = next((c for c in located if c.position == opening and c.ok and c.kind == "value"), None)
    if anchor is None or not re.fullmatch(r"\w+ = .+", anchor.text):
        return
    name = anchor.text.split(" = ", 1)[0]
    # (not `i = 1, 2`: what two passes did, told under one label)
    if not re.match(r"\s*`?\s*(?::|,(?!\s*`?-?\d))", walk.sentence[opening + len(anchor.text) :]) or not any(
        name in targets for targets, _ in walk.facts.loop_names.values()
    ):
        return
    held = set(anchor.events)
    spans: list[tuple[int, int]] | None = None  # (found when a value does not hold while the anchor does)
    for check in sorted(located, key=lambda c: c.position):
        if check is anchor or not check.ok or check.kind != "value" or check.position <= opening:
            continue
        if check.text.split(" = ")[0] == name:
            break  # (`i = 5: 'CGG', i = 6: 'GGA'`: the next iteration's anchor)
        if not any(name in walk.facts.index.states[i] for i in check.events[:50]):
            continue  # (a value of another call's frame)
        told = walk.sentence[opening + len(anchor.text) : check.position]
        # (`value = 5, count = 3: adds 15, cents = 230`: a value told after a step is what the pass
        # made of it, not the value it came in with, in a backward narration's worked pass too)
        made = bool(_CONSEQUENCE.search(told) or _WORKED.search(told) or _listed_after_a_state(walk, told, check))
        if not made and held.intersection(check.events):
            continue
        if spans is None:
            # the whole pass the header opened with that value (`x = 40: 40 → 20 → 10 → 5, so count = 3`,
            # where the body itself halves x), not only while x is still 40
            literal, value = _told_value(anchor)
            spans = (_passes_where(walk, {name}, value).get(name) or []) if literal else []
        if made and spans:
            if not _held_in_the_pass(walk, check, spans, told, worked=True):
                check.ok = False
                check.text += " (not in that pass of the loop)"
            continue
        if not any(lo <= e < hi for e in check.events for lo, hi in spans):
            check.ok = False
            check.text += f" (not while {anchor.text})"


# `- 15: ...`, `**'4.5':** ...`, `x = 4 (the first): ...`: a value the loop's header gives its variable
_PASS_VALUE = re.compile(
    _ANCHOR.pattern + r"(?:(?P<name>[A-Za-z_]\w*)\s*=\s*)?"
    r"(?P<label>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\([^()\n]*\))(?:\*\*)?\s*(?:\([^()\n]{0,40}\)\s*)?:"
)
# `For 'max', user in self.allowed is False`, `For i = 2 ("arc"), ...`: a pass named by its loop
# variable's value, with a comma
_PASS_FOR_VALUE = re.compile(
    _ANCHOR.pattern + r"(?:for|with|on)\s+(?:(?P<name>[A-Za-z_]\w*)\s*=\s*|the\s+(?P<noun>[A-Za-z_]\w*)\s+(?:of\s+)?)?"
    r"(?P<label>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\([^()\n]*\))\s*(?:\([^()\n]{0,40}\)\s*)?,",
    re.I,
)
# `- 'at' gives words = 5`, `"3456" makes ...`: a pass named by its loop variable's value, then what it made
_PASS_GIVES = re.compile(
    _ANCHOR.pattern + r"`?(?P<label>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\")`?(?=\s+(?:gives|makes|leaves)\b)"
)
# (`'A6' gives 8 and 'B1' gives 9`, `'3' makes cur "3"; 'd' closes it`: another pass, named the same way)
_ANOTHER_GIVES = re.compile(
    r"(?:[;,]\s*(?:and\s+|then\s+)?|\band\s+)`?(?:-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\")`?\s+[a-z]+s\b"
)
# `**Move 1** (`m = 2`): ...`: a pass named in words, with the loop variable's value beside it
_PASS_ASIDE = re.compile(
    _ANCHOR.pattern + r"[A-Za-z]+(?:\s+\d+)?\s*\(\s*(?P<name>[A-Za-z_]\w*)\s*=\s*"
    r"(?P<label>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\")\s*\)\s*:"
    # `**Week 2** `[3, 0, 9]`:`, `**Pair 4** `("z", 7)`:` (a tuple for `for key, amount in pairs`)
    r"|" + _ANCHOR.pattern + r"[A-Za-z]+\s+\d+\s+(?P<list>\[[^\[\]\n]*\]|\([^()\n]*,[^()\n]*\))\s*:"
)
# `**Crate `9`:**`, `Word 'fox':`: a pass named by a noun and the value its loop variable took (a
# number only in backticks: `Job 3:`, `Generation 1:` count passes)
_PASS_NOUN_VALUE = re.compile(
    _ANCHOR.pattern + r"(?P<word>[A-Za-z]+)\s+(?P<label>-?\d+(?:\.\d+)?|'[^'\n]*'|\"[^\"\n]*\"|\([^()\n]*,[^()\n]*\))"
    r"(?:\*\*)?\s*:"  # (`**Pair `('a', 'c')`:**`: a tuple for `for a, b in ...`, in backticks as numbers are)
)
# words before a value that do not name a pass by it (`Against 'cat':`, `Third "t":`, `Step `3`:`)
_NOT_A_PASS_NOUN = frozenset(
    "against for with at on in to from after before pass iteration step round turn loop cycle line row part phase "
    "stage case item example call check entry element index position level day week month hour minute tick frame "
    "move attempt try trial game run".split()
) | frozenset(_ORDINALS)
# `**First pass:**`, `Second key, 'eli': ...`: the k-th pass of the program's one loop (`pass 5` may be
# the pass where a variable is 5)
_PASS_NOUNS = (
    r"pass|round|iteration|move|turn|key|item|element|entry|word|number|value|call|visit|trip|letter|"
    r"character|line|part|piece|token|command|event|record|row|chunk|field|string|name|step|day|tick|reading|order|op|check"
)
_PASS_ORDINAL = re.compile(
    _ANCHOR.pattern + r"(?P<after>after\s+the\s+)?(?:(?P<ordinal>" + "|".join(_ORDINALS) + r")\s+"
    r"(?P<noun>" + _PASS_NOUNS + r")"
    r")(?:\s+(?:'[^'\n]*'|\"[^\"\n]*\"|-?\d+))?(?:\*\*)?\s*(?:\([^()\n]{0,40}\)\s*)?(?:\*\*)?\s*"
    r"(?:[:,]|(?(after)(?=`?[A-Za-z_])|(?!)))",  # (`After the first pass out was 'A.'`: no comma needed)
    re.I,
)
# `The second word is 'fox,'.`: a forward narration's paragraph that opens the k-th pass of a loop over
# words (any noun the loop's header names)
_PASS_ORDINAL_IS = re.compile(
    r"\W*the\s+(?P<ordinal>" + "|".join(_ORDINALS) + r")\s+(?P<noun>[a-z]+)(?:\s+(?:'[^'\n]*'|\"[^\"\n]*\"|-?\d+))?"
    r"\s+(?=is\s)",
    re.I,
)


def _in_the_labelled_pass(located: list[Check], walk: Walk) -> None:
    """`- 15: self.stamps = 2.`, `**First pass:** self.speed = 1`: a sentence that opens with one
    pass of a loop (a value its header gives the loop variable, or an ordinal) tells what happened
    in that pass, so its values must hold at some moment of it (from that step of the header to the
    next), not only in another pass."""
    found = _ordinal_pass(walk, bare=True) or _valued_pass(walk)
    steps_told = ""  # (what the sentence told of the pass before a claim, for `_held_in_the_pass`)
    if found is None and walk.item_pass is not None:
        found = (0, *walk.item_pass)  # a later sentence of the list item that opened the pass
        # (a plain statement of values after the item's first sentence told what the pass did: its
        # results; a sentence that tells steps of its own is read like an opening one)
        steps_told = "" if _CONSEQUENCE.search(walk.sentence) else "then "
    if found is None:
        return
    opening, name, spans = found
    # (`- i = 0: acc = 3; i = 1: acc = 31`, `- 3: ...; 4: ...`: the next pass's label ends this one)
    following = re.search(
        r";\s*(?:[A-Za-z_]\w*\s*=\s*)?[-\w'\"(][^:;,]{0,30}:|;\s*(?:for|with|on)\s+(?:-?\d+|'[^'\n]*'|\"[^\"\n]*\")",
        walk.sentence[opening:],
        re.I,
    )
    closing = opening + following.start() if following else len(walk.sentence)
    ordinal = _PASS_ORDINAL.match(walk.sentence)
    if ordinal and ordinal.end() == opening and not ordinal.group(0).rstrip().endswith((":", ",")):
        # `After the fourth pass a becomes 0, so ...`: with no comma, the pass is the first clause's
        clause = re.search(r"[,;]|\b(?:then|so|and|after)\b", walk.sentence[opening:], re.I)
        closing = min(closing, opening + clause.start()) if clause else closing
    # (`For r = 1, 2, 3, c is -1, -2, -3`: the passes of each value in turn, not one pass)
    stretch_told = re.search(r"=\s*`?-?\d+`?\s*,\s*`?-?\d", walk.sentence[: opening + 12]) is not None
    if re.match(r"[^=:;]{0,20}=\s*`?-?\d+`?\s*,\s*`?-?\d[^:;]{0,12}:", walk.sentence):
        return  # (`i = 1, 2`: ups = 2`: what two passes left, told under one label)
    for check in sorted(located, key=lambda c: c.position):
        if check.kind == "value" and check.text.split(" = ")[0] == name and check.position >= opening:
            break
        if check.ok and check.kind == "sequence" and opening <= check.position < closing and not stretch_told:
            if not _run_in_the_pass(walk, check, spans):
                check.ok = False
                check.text += " (not in that pass of the loop)"
            continue
        if check.ok and check.kind == "return" and opening <= check.position < closing and not stretch_told:
            if not _returned_in(walk, check, spans):
                check.ok = False  # (`**Second call:** light(1) ... returned 4`: what that call returned)
                check.text += " (not returned in that pass or call)"
            continue
        if not check.ok or check.kind not in ("value", "comparison") or not opening <= check.position < closing:
            continue
        if not _held_in_the_pass(walk, check, spans, steps_told + walk.sentence[opening : check.position]):
            check.ok = False
            check.text += " (not in that pass of the loop)"


def _returned_in(walk: Walk, check: Check, spans: list[tuple[int, int]]) -> bool:
    """Whether a return told (`returns 4`) is one a call made inside the pass or call `spans`; a
    pass with no return in it (the function's own, after the loop) is not judged."""
    if not check.text.startswith("returns "):
        return True  # (`len(x) returns 3`: a call's value, judged where it is read)
    try:
        value = ast.literal_eval(check.text.removeprefix("returns "))
    except (ValueError, SyntaxError):
        return True
    index = walk.facts.index
    inside = [i for lo, hi in spans for i in range(lo, min(hi, len(index.events))) if index.events[i].kind == "return"]
    return not inside or any(same_value(index.values[i], value) for i in inside)


def _run_in_the_pass(walk: Walk, check: Check, spans: list[tuple[int, int]]) -> bool:
    """`For i = 0 ..., so hits goes 1, 3`: a variable's values told in a pass are values it held, in
    order, in one of the pass's spans (with the value it came in with); a run of no named variable,
    or one the pass never changes, is not judged here."""
    m = re.fullmatch(r"((?:self\.)?\w+): (\[.*\])", check.text)
    if m is None:
        return True
    try:
        values = ast.literal_eval(m.group(2))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return True
    history = walk.facts.history(m.group(1))
    numbers = [v for v in values + [v for _, v in history] if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(numbers) < len(values) + len(history):
        return True  # (`found now holds 'st', 'ste' and 'oa'`: a list's items, not the values it took)
    for lo, hi in spans:
        before = [v for e, v in history if e < lo][-1:]
        run = before + [v for e, v in history if lo <= e < hi]
        if len(run) < 2 or _subsequence(values, run):
            return True
    return False


_CONSEQUENCE = re.compile(
    r"\b(?:so|gives|giving|now|then|makes|making|leaves|leaving|becomes)\b|->|→|\b(?:true|false)\b\s*[,;:]", re.I
)


# `j = 1: v = 5, left = 0, right = 6`: a state listed value by value after the pass's label is the
# state the pass left (a value a variable came in with is told as such: `right was 5`, `starts at 5`)
_LISTED_VALUE = r"(?:\[[^\]\n]*\]|\{[^}\n]*\}|\([^)\n]*\)|'[^'\n]*'|\"[^\"\n]*\"|[^,;=\n\[\]{}()'\"`])+"
_LISTED = (  # (`r = 5 % 4 = 1`: worked out on the way)
    r"`?(?:self\.)?[A-Za-z_]\w*(?:\[[^\]\n]*\])?`?\s*=(?!=)\s*"
    + _LISTED_VALUE
    + r"(?:=(?!=)\s*"
    + _LISTED_VALUE
    + r")*`?"
)
_STATE_BEFORE = re.compile(r"(?<![\w.])" + _LISTED + r"(?:,|;|\s+and)\s*$")
# (the claim, and nothing after it but more of the list: `with a = 13 and b = 6, so ...` tells the
# state a step starts from)
_STATE_HERE = re.compile(_LISTED + r"(?:(?:,|;|\s+and)\s*" + _LISTED + r")*[.\s]*$")


def _listed_after_a_state(walk: Walk, before: str, check: Check) -> bool:
    """Whether the claim is `name = value`, right after another variable's `name = value,` (not a
    loop variable's, which labels the pass: `c = 0, val = 3`)."""
    listed = _STATE_BEFORE.search(before)
    return bool(
        listed
        and re.match(r"`?(?:self\.)?(\w+)", listed.group()).group(1) not in walk.facts.loop_variables
        and _STATE_HERE.match(walk.sentence, max(check.position, 0))
    )


# `t = 3: self.heat becomes 1`: the value told with a change verb, what the pass made of it
# (not `is now`, `now holds`: also said of the value a pass comes in with, `start is now 3, not None`)
_TOLD_AS_A_CHANGE = re.compile(
    r"`?(?:self\.)?\w+`?\s+(?:" + _CHANGE_VERB.pattern.replace("is now|", "").replace("|now holds", "") + r")\s"
)


# `adds 15, cents = 230`: a step of the pass told as a verb, before the value it led to
_WORKED = re.compile(
    r"\b(?:adds|added|subtracts|subtracted|takes|took|removes|removed|appends|appended|pushes|pushed|pops|popped|"
    r"increments|decrements|doubles|halves|multiplies|multiplied)\b",
    re.I,
)


def _held_in_the_pass(
    walk: Walk, check: Check, spans: list[tuple[int, int]], before: str, worked: bool = False
) -> bool:
    """Whether a claim holds in one of the passes `spans`. In a forward narration, a value told as
    what a step of the pass led to (after `so`, `gives`, `now`, `is True,` ...) of a variable the pass
    changes is what the pass made of it, not the value it came in with (`r = 1: 3 == 3 is True,
    pairs = 1` where that pass takes pairs from 1 to 2); a value stated before any step may be either.
    `worked`: the pass is told step by step (`adds 15, cents = 230`), so this holds in a backward
    narration too and a step told as a verb counts."""
    name = check.text.split(" = ")[0]
    if (
        check.kind != "value"
        or not re.fullmatch(r"(?:self\.)?\w+", name)  # (`i + 1 = 6`: an expression, not what the pass made)
        or (walk.backward and not worked)
        or not (
            _CONSEQUENCE.search(before)
            or _listed_after_a_state(walk, before, check)
            or (worked and _WORKED.search(before))
            or _TOLD_AS_A_CHANGE.match(walk.sentence, max(check.position, 0))
        )
        or regex(rf"(?<![\w.]){re.escape(name)}\b").search(before)
        # (`because best is None, best = 1`: the state a step is taken in, not what the pass made)
        or re.search(
            r"\b(?:because|since|as|given|while|when|if|whether)\s+(?:`|the\s+)?$",
            walk.sentence[: check.position],
            re.I,  # (`Since last is None, no rise`)
        )
        # (`'H': up = True; prev is None, so no flip`: a premise the step after it is drawn from)
        or (walk.facts.history(name) and _A_PREMISE_AFTER.match(walk.sentence, _claim_end(walk, check)))
    ):
        return any(lo <= e < hi for e in check.events for lo, hi in spans) or _changed_unseen(walk, name, check, spans)
    history = walk.facts.history(name)
    at = [e for e, _ in history]
    for lo, hi in spans:
        k = bisect_left(at, lo)
        # its first change in the pass (a method's frame that shows the attribute again, unchanged, is not one)
        first = lo
        for e, value in history[k : bisect_left(at, hi)]:
            shown_again = "." in walk.facts.index.events[e].name and k and same_value(value, history[k - 1][1])
            if not shown_again:  # (a local a new call makes anew is a change, even to the value it last had)
                first = e
                break
        first = min(first, _assigned_unchanged(walk, name, lo, first))
        if any(first <= e < hi for e in check.events):
            return True
    return False


_A_PREMISE_AFTER = re.compile(r"`?\s*,?\s*so\s+(?:no|nothing|not|neither)\b", re.I)


def _claim_end(walk: Walk, check: Check) -> int:
    """Where the value a claim told ends in the sentence (`prev is None|, so`), or its position."""
    value = check.text.split(" = ", 1)[-1]
    at = walk.sentence.find(value, max(check.position, 0))
    return at + len(value) if at >= 0 else max(check.position, 0)


def _assigned_unchanged(walk: Walk, name: str, lo: int, hi: int) -> int:
    """The event after the first line in events lo..hi that assigns `name`, else hi."""
    return next(_assignments(walk, name, lo, hi), hi)


def _assignments(walk: Walk, name: str, lo: int, hi: int) -> Iterator[int]:
    """For each line in events lo..hi that assigns `name` (`a, b = divmod(x, 10)`, also to the value
    it had, which the trace does not show as a change), the event where the state it leaves shows."""
    bare = re.escape(name.removeprefix("self."))
    target = regex(
        r"^\s*(?:[\w.\[\]]+\s*,\s*)*(?:self\.)?"
        + bare
        + r"\s*(?:,\s*[\w.\[\]]+\s*)*(?:[-+*/%&|^]|//|<<|>>|\*\*)?=(?!=)"
    )
    events = walk.facts.index.events
    for line in range(lo, hi):
        if events[line].kind == "line" and target.search(events[line].source):
            # (the line's new values come as events of their own: the state it leaves is at the next step)
            yield next((e for e in range(line + 1, len(events)) if events[e].kind not in ("new", "modified")), hi)


def _changed_unseen(walk: Walk, name: str, check: Check, spans: list[tuple[int, int]]) -> bool:
    """`("add", 2): box.stock = 5`, where the caller's `box.stock += n` changed an attribute that
    only the object's methods show: no event of the pass shows it, and the next that does (a later
    method call) shows the value told, new."""
    history = walk.facts.histories.get(f"self.{name.removeprefix('self.')}", [])
    at, events = [e for e, _ in history], walk.facts.index.events
    for lo, hi in spans:
        k = bisect_left(at, lo)
        shown = history[k][0] if k < len(history) else None
        # (shown next by another function's frame than the pass's: a method's changes show in its own)
        if (
            shown is not None
            and shown >= hi
            and shown in check.events
            and events[shown].function != events[lo].function
        ):
            if k and not same_value(history[k - 1][1], history[k][1]):
                return True
    return False


_ANY_PASS = {"pass", "round", "iteration", "step", "turn", "trip", "visit", "item", "element", "entry", "value"}


def _ordinal_pass(walk: Walk, bare: bool = False) -> tuple[int, str, list[tuple[int, int]]] | None:
    """(where the claims start, "", [the pass's events]) for `Third round:` where the program has one
    loop, run once; with `bare`, also `After the first pass out was 'A.'` (no comma: the first clause)."""
    if len(walk.facts.loop_names) == 1 and len(walk.facts.index.loop_runs) == 1:
        if numbered := _PASS_NUMBERED.match(walk.sentence):
            return _numbered_pass(walk, numbered, numbered.end())
        if numbered := _PASS_NUMBERED.match(walk.raw_sentence):
            return _numbered_pass(walk, numbered, 0)  # (the label the sentence's reading left out)
    m = _PASS_ORDINAL.match(walk.sentence)
    if not m and not walk.backward:
        m = _PASS_ORDINAL_IS.match(walk.sentence)
        if m is None or len(m.group("noun")) < 3:
            return None  # (`The second r is checked`: a value in backticks, not a noun for the passes)
        span = _kth_pass(walk, m.group("ordinal"), m.group("noun"))
        return (m.end(), "", [span]) if span else None
    if not m or (not bare and not m.group(0).rstrip().endswith((":", ","))):
        return None
    span = _kth_pass(walk, m.group("ordinal"), m.group("noun"))
    return (m.end(), "", [span]) if span else None


# `so after the third score tally = {...}`, `n = 7 at the start of the second pass`: a pass of the
# program's one loop named inside a sentence by its ordinal
_ORDINAL_INSIDE = re.compile(
    r"\b(?P<when>after|at\s+the\s+(?P<edge>start|beginning|end)\s+of|in|during|on)\s+(?:the|its)\s+"
    r"(?P<ordinal>"
    + "|".join(_ORDINALS)
    + r")\s+(?P<noun>[a-z]+)\b",  # (any noun its loop's header names: `the third score`)
    re.I,
)
_CLAUSE_EDGE = re.compile(r"[,;:(]|\bthen\b|\bbut\b")


def _in_an_ordinal_pass_told_inside(located: list[Check], walk: Walk) -> None:
    """`so after the third score tally = {...}`: the values of the clause that names a pass of the
    program's one loop by its ordinal hold in that pass (at its start, `at the start of`; when it
    is over, `after`), not only in another."""
    opening = _PASS_ORDINAL.match(walk.sentence)
    for m in _ORDINAL_INSIDE.finditer(walk.sentence):
        span = None if opening and m.start() < opening.end() else _kth_pass(walk, m.group("ordinal"), m.group("noun"))
        if span is None:
            continue  # (a pass that opens the sentence is `_in_the_labelled_pass`'s)
        if m.group("when").lower() in ("in", "on", "during") and walk.sentence[: m.start()].strip(" -*"):
            continue  # (`the jump is taken 4 times; on the fifth pass ...`: the fifth of the jump's tests, maybe)
        lo, hi = span
        if m.group("edge") in ("start", "beginning"):
            lo, hi = lo - 1, lo + 2  # (the state it came in with)
        elif m.group("edge") or m.group("when").lower() == "after":
            hi += 2  # (the state it left)
        after = m.end() + bool(re.match(r"\s*,", walk.sentence[m.end() :]))  # (past the label's own comma)
        start, end = _clause_of(walk.sentence, m.start(), after, _CLAUSE_EDGE)
        for check in located:
            if check.ok and check.kind == "value" and start <= check.position < end:
                if not any(lo <= e < hi for e in check.events):
                    check.ok = False
                    check.text += f" (not {m.group(0)})"


def _kth_call(walk: Walk, ordinal: str) -> tuple[int, int] | None:
    """The events of the k-th call (`Second call:`) of the one function of the program (not the
    entry, not `__init__`) that runs more than once: from its call to its next call (what the caller
    made of the value it returned included), or to the end; None where no one function is called so."""
    events = walk.facts.index.events
    calls: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        if event.kind == "call" and event.depth > 0 and event.function != "__init__":
            calls.setdefault(event.function, []).append(i)
    repeated = [starts for starts in calls.values() if len(starts) >= 2]
    if repeated and len({events[i].depth for i in repeated[0]}) > 1:
        return None  # (a recursive function: one call runs inside another)
    k = _ORDINALS[ordinal.lower()]
    if len(repeated) != 1 or k > len(repeated[0]):
        return None
    starts = repeated[0] + [len(events)]
    return starts[k - 1], starts[k]


def _kth_pass(walk: Walk, ordinal: str, noun: str) -> tuple[int, int] | None:
    """The events of the k-th pass (`third`) of the program's one loop, run once, where `noun`
    (`round`, `word`) can name its passes; for `call`, the k-th call of a function called repeatedly."""
    if noun.lower() == "call" and (called := _kth_call(walk, ordinal)) is not None:
        return called
    if len(walk.facts.loop_names) != 1 or len(walk.facts.index.loop_runs) != 1:
        return None
    (header,) = walk.facts.loop_names
    noun, code = noun.lower(), walk.facts.loop_names[header][1].lower()
    if (
        noun not in _ANY_PASS
        and noun[:3] not in code
        and not (noun in ("character", "letter") and "ch" in code)
        and not (noun == "check" and code.startswith("while"))  # (`Third check:` of a while loop's test)
    ):
        return None  # `After the first word` where the loop walks characters: not its passes
    return _pass_span(walk, _ORDINALS[ordinal.lower()])


def _pass_span(walk: Walk, k: int) -> tuple[int, int] | None:
    """The events of the k-th pass (from 1) of the program's one loop: from that run of its header to the next."""
    (header,) = walk.facts.loop_names
    steps = walk.facts.line_steps(header)
    return (steps[k - 1], steps[k]) if 0 < k < len(steps) else None


_COUNTED_FROM_0 = re.compile(r"(?im)^\W*(?:pass|round|iteration)\s+`?0`?\W")
# `Pass 4:`, `**Round 2:**`, `Iteration 3 (c = 'x'):`: a pass told by its number, counted from 1 (from 0
# where the narration has a `Pass 0`)
_PASS_NUMBERED = re.compile(
    _ANCHOR.pattern + r"(?P<noun>pass|round|iteration)\s+`?(?P<number>\d{1,3})`?(?:\*\*)?\s*"
    r"(?:\([^()\n]{0,40}\)\s*)?(?:\*\*)?\s*:",
    re.I,
)


def _numbered_pass(walk: Walk, m: re.Match, opening: int) -> tuple[int, str, list[tuple[int, int]]] | None:
    """(where the claims start, "", [the pass's events]) for `Pass 4:` of the program's one loop: the
    4th pass, and also any pass where a loop variable is 4 (`for i in range(1, n)` numbers its own)."""
    span = _pass_span(walk, int(m.group("number")) + walk.counted_from_0)
    spans = [span] if span else []
    for named in _passes_where(walk, None, int(m.group("number"))).values():
        spans += named
    return (opening, "", spans) if spans else None


def _passes_where(walk: Walk, names: set[str] | None, label: object) -> dict[str, list[tuple[int, int]]]:
    """For each loop variable (of `names`, else any) that its loop's header sets to `label`: the
    passes where it did, each from that step of the header to the next."""
    events, n = walk.facts.index.events, len(walk.facts.index.events)
    passes: dict[str, list[tuple[int, int]]] = {}
    if names is None and isinstance(label, tuple):
        passes.update(_tuple_passes(walk, label))
    for header, (targets, _) in walk.facts.loop_names.items():
        for name in targets & names if names is not None else targets:
            # (a loop variable the body reassigns, `w = w.strip('.')`, starts its next pass at the header)
            history = walk.facts.history(name)
            starts = [e for e, _ in history if events[e].line_no == header]
            values = dict(history)
            for k, start in enumerate(starts):
                if same_value(values[start], label):  # (two loops may share a name: `for x in ...` twice)
                    passes.setdefault(name, []).append((start, starts[k + 1] if k + 1 < len(starts) else n))
    return passes


def _tuple_passes(walk: Walk, label: tuple) -> dict[str, list[tuple[int, int]]]:
    """`('stone', 'notes'):` for `for a, b in ...`: the passes where the header gave the names, in
    order, the label's values (keyed by the first name)."""
    events, states, n = walk.facts.index.events, walk.facts.index.states, len(walk.facts.index.events)
    passes: dict[str, list[tuple[int, int]]] = {}
    for header, names in walk.facts.loop_targets.items():
        if len(names) != len(label):
            continue
        # (each pass runs the header line once; a name that keeps its value logs no new event)
        starts = walk.facts.line_steps(header)
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else n
            body = next((i for i in range(start + 1, end) if events[i].kind == "line"), None)
            state = states[body] if body is not None else {}
            if all(name in state and same_value(state[name], want) for name, want in zip(names, label)):
                passes.setdefault(names[0], []).append((start, end))
    if not passes and len(label) == 2:
        passes.update(_nested_passes(walk, label))
    return passes


def _nested_passes(walk: Walk, label: tuple) -> dict[str, list[tuple[int, int]]]:
    """`(1, 1):` for `for r in ...:` with `for c in ...:` inside it: the inner loop's passes where
    the outer name held the first value and the inner one the second (keyed by the inner name)."""
    events, states, facts = walk.facts.index.events, walk.facts.index.states, walk.facts
    passes: dict[str, list[tuple[int, int]]] = {}
    single = {h: next(iter(t)) for h, (t, _) in facts.loop_names.items() if len(t) == 1}
    for inner, inner_name in single.items():
        if "inner" not in facts.loop_roles.get(inner, set()):
            continue
        for outer, outer_name in single.items():
            if not outer < inner <= facts.loop_ends.get(outer, -1):
                continue
            starts = facts.line_steps(inner)
            for k, start in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else len(events)
                body = next((i for i in range(start + 1, end) if events[i].kind == "line"), None)
                state = states[body] if body is not None else {}
                pair = (state.get(outer_name, _NOTHING), state.get(inner_name, _NOTHING))
                if all(same_value(held, want) for held, want in zip(pair, label)):
                    passes.setdefault(inner_name, []).append((start, end))
    return passes


def _in_a_named_pass(located: list[Check], walk: Walk) -> None:
    """`At i = 3 with n = 12 we take the else branch`: a loop variable's value named anywhere in a
    sentence (not only at its opening, `_in_the_anchors_iteration`) puts the values stated after
    it, up to the variable's next value, in a pass where its loop's header gave it that value."""
    loop_vars = walk.facts.loop_variables
    if not loop_vars:
        return
    ordered = sorted((c for c in located if c.kind in ("value", "comparison") and c.ok), key=lambda c: c.position)
    # `t = 91 at i = 13 and t = 105 at i = 14`: a value with its pass named right after it
    placed = {id(check) for check in ordered if _held_in_the_pass_named_after(walk, check)}
    for k, anchor in enumerate(ordered):
        m = re.fullmatch(r"(\w+) = (.+)", anchor.text) if anchor.kind == "value" else None
        if not m or m.group(1) not in loop_vars or anchor.position < 0:
            continue
        node = _expr(m.group(2))
        literal, label = _literal_value(node)
        if not literal:
            continue
        if re.match(
            r"\s*`?\s*(?:(?:to|through|thru|until|and|or|-|–|\.\.)\s*-?\d|,\s*`?-?\d+`?\s*(?:[`:,]|and\b))",
            walk.sentence[anchor.position + len(anchor.text) :],
        ):
            continue  # `k = 5 to 8`, `i = 1, 2:`: a stretch of passes
        spans = _passes_where(walk, {m.group(1)}, label).get(m.group(1))
        if not spans or not any(lo <= anchor.at < hi for lo, hi in spans):
            continue  # (`hour is 9` where a later loop's header sets hour: not a pass of that loop)
        frames = walk.facts.index.frames
        if any(frames[e] != frames[spans[0][0]] and not any(lo <= e < hi for lo, hi in spans) for e in anchor.events):
            continue  # (`pos = 2` of `top_lamp` as well as the caller's `for pos in moves`: which, unsaid)
        for check in ordered[k + 1 :]:
            name = check.text.split(" = ")[0]
            if name == m.group(1):
                break
            if not check.ok or not (check.kind == "comparison" or re.fullmatch(r"(?:self\.)?\w+ = .+", check.text)):
                continue
            between = walk.sentence[anchor.position : check.position]
            if check.kind == "comparison" and _SEQUENCING.search(between.replace(";", ",").replace(":", ",")):
                continue  # `ch = '-' comes next; not ch.isalpha() was False for 'a'`: maybe another pass's test
            # (a semicolon alone does not leave the pass: `w = 'noon', rev = 'noon'; rev in seen is True`)
            if not any(m.group(1) in walk.facts.index.states[i] for i in check.events[:50]):
                continue  # (a value of another call's frame)
            if id(check) in placed:
                continue
            if not _held_in_the_pass(walk, check, spans, walk.sentence[anchor.position : check.position]):
                check.ok = False
                check.text += f" (not in the pass where {anchor.text})"


_PASS_NAMED_AFTER = re.compile(
    # (`t = 210 and 231 at i = 20 and 21`: each at its pass, in turn)
    r"(?:(?!\b(?:and|or|then)\b|->)[^,;()]){0,30}?(?:\s+and\s+-?\d+(?:\.\d+)?)?"
    # (`self.pos = 1 after m = -1`: the value the pass's step left)
    r"\s(?:at|when|where|with|for|after)\s+`?(?P<name>\w+)`?\s*=\s*(?P<value>-?\d+(?:\.\d+)?|'[^'\n]*')(?!\w|\.\d)"
)


def _held_in_the_pass_named_after(walk: Walk, check: Check) -> bool:
    """Whether a value claim names its pass right after it (`t = 105 at i = 14`); if so, it must
    hold in that pass."""
    later = _PASS_NAMED_AFTER.match(walk.sentence, max(check.position, 0)) if check.kind == "value" else None
    name = later.group("name") if later else None
    if name not in walk.facts.loop_variables or name == check.text.split(" = ")[0]:
        return False
    node = _expr(later.group("value"))
    literal, label = _literal_value(node)
    spans = _passes_where(walk, {name}, label).get(name) if literal else None
    if not spans:
        return False
    if not any(lo <= e < hi for e in check.events for lo, hi in spans):
        check.ok = False
        check.text += f" (not in the pass where {name} = {later.group('value')})"
    return True


def _valued_pass(walk: Walk) -> tuple[int, str, list[tuple[int, int]]] | None:
    """(where the claims start, the loop variable, [each pass where its header gave it the value])
    for `- 15:` or `For 'max',` where exactly one loop variable takes that value at its header."""
    m = (
        _PASS_VALUE.match(walk.sentence)
        or _PASS_FOR_VALUE.match(walk.sentence)
        or _PASS_ASIDE.match(walk.sentence)
        or _PASS_NOUN_VALUE.match(walk.sentence)
        or _PASS_GIVES.match(walk.sentence)
    )
    if m is not None and m.re is _PASS_GIVES and _ANOTHER_GIVES.search(walk.sentence, m.end()):
        return None  # (a sentence of several passes)
    if m is not None and m.re is _PASS_NOUN_VALUE:
        number = m.group("label")[0] not in "'\""
        if m.group("word").lower() in _NOT_A_PASS_NOUN or (
            number
            and not re.match(r"\W*" + m.group("word") + r"\s+`", walk.raw_sentence)
            # (`Push 22:` where the code defines `push`: the call with that argument, as its loop made it)
            and f"def{m.group('word').lower()}(" not in walk.facts.code_text
        ):
            return None
    node = _expr(m.group("label") or m.groupdict().get("list") or "") if m else None
    literal, label = _literal_value(node)
    if not literal:
        return None
    named = m.groupdict().get("name") or (m.groupdict().get("noun") or "").removeprefix("self.") or None
    # (`For the load of 30,` names the loop variable `load`; a noun no loop variable has names nothing)
    passes = _passes_where(walk, {named} if named else None, label)
    if len(passes) != 1:
        return None
    ((name, spans),) = passes.items()
    if m.re is _PASS_FOR_VALUE and not walk.backward and all(hi <= walk.pointer for _, hi in spans):
        return None  # `For "mo", marks = [71]` after the loop is over: a later call's argument, not that pass
    return m.end(), name, spans


_OPENING_VALUE = re.compile(r"\s*(?:(?:for|with|at|when|on)\s+)?`?([A-Za-z_]\w*)\s*=\s*([^,:;`]+)`?\s*[,:;]")


def _opened_pass(walk: Walk, ordinals: bool = True) -> tuple[str, list[tuple[int, int]]] | None:
    """The one pass a list item's first sentence opens with (`i = 0, part = 'ab':`, `- 15:`,
    `Third round:` with `ordinals`), or None; an item that names several passes (`i = 5: ..., i = 6: ...`) opens none."""
    found = (ordinals and _ordinal_pass(walk)) or _valued_pass(walk)
    if found is not None:
        name, spans = found[1], found[2]
    else:
        m = _OPENING_VALUE.match(walk.sentence)
        node = _expr(m.group(2).strip()) if m and m.group(1) in walk.facts.loop_variables else None
        literal, label = _literal_value(node)
        spans = _passes_where(walk, {m.group(1)}, label).get(m.group(1)) if literal else None
        if not spans:
            return None
        name = m.group(1)
    if name and len(regex(rf"(?<![\w.]){re.escape(name)}\s*=\s*[^=]").findall(walk.sentence)) > 1:
        return None
    return name, spans


# a sentence that goes on to another pass than the one its line opened
_ANOTHER_PASS = re.compile(
    r"\W*(?:(?:the|then|and)\s+)?(?:next|following|last|final|" + "|".join(_ORDINALS) + r")\b"
    r"|\W*(?:then|now)\s+(?:'|\"|-?\d)",  # (`Then '7' is a digit`, `Now "c" is upper-cased`: the next item)
    re.I,
)
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|(?:\*\*)?\d{1,3}[.)])\s")


# words of a sentence that sums a stretch up (`records counts up to 6`, `After all 11 operations`)
_SUMMED_UP = re.compile(
    r"\b(?:ends?|ended|ending|in\s+total|after\s+all|all\s+\w+\s+(?:calls|passes|steps|operations)|up\s+to|"
    r"overall|finally|in\s+the\s+end|at\s+the\s+end|so\s+far)\b",
    re.I,
)


@dataclass
class _Jump:
    """A sentence whose values the run holds only past the window (the walk skipped ahead to them)."""

    report: SentenceReport
    checks: list[Check]
    start: int  # where the walk stood before that sentence


def _jumped_ahead(report: SentenceReport, checks: list[Check], start: int, walk: Walk) -> _Jump | None:
    if walk.backward or walk.pointer <= start + walk.window:
        return None
    ahead = [c for c in _plain_values(checks) if min(c.events) > start + walk.window]
    return _Jump(report, ahead, start) if ahead else None


def _went_back_after(jump: _Jump, checks: list[Check], walk: Walk) -> bool:
    """`After 'a', added = 1. Then added = 8. Next w = 'bb'.`: the sentence after a skip ahead tells
    values (none looking back) that the run held only between where the walk stood and where it
    skipped to: the skip was to a value of another moment, not a summary run ahead. Not after a
    sentence that sums up (`records counts up to 6`), which a look back may follow."""
    told = _plain_values(checks)
    if not told or _LOOKS_BACK.search(walk.sentence) or _SUMMED_UP.search(jump.report.sentence):
        return False
    return all(jump.start < min(c.events) and max(c.events) < jump.report.window_end for c in told)


def _told_values(checks: list[Check]) -> dict[str, list[tuple[Check, object]]]:
    """The literal values a sentence tells of variables themselves, by name."""
    told: dict[str, list[tuple[Check, object]]] = {}
    for check in _plain_values(checks):
        read, value = _told_value(check)
        if read:
            told.setdefault(check.text.partition(" = ")[0], []).append((check, value))
    return told


def _step_moments(
    report: SentenceReport, told: dict[str, list[tuple[Check, object]]], facts: TraceFacts
) -> list[tuple[tuple, str, Check]]:
    """`y = 1908: count = 4.`: a step named by the value its loop gives a loop variable, and what the
    sentence tells of other variables at that step, each as "before" (the state the step starts
    from), "after" (the state it leaves) or "within"; ((loop variable, variable), moment, check)."""
    steps = [name for name in told if name in facts.loop_variables]
    if len(steps) != 1 or len(told[steps[0]]) != 1:
        return []
    step, (step_check, step_value) = steps[0], told[steps[0]][0]
    events = facts.index.events
    headers = [  # the events where the loop's header gives the step variable its value
        i for i, value in facts.history(step) if events[i].line_no in facts.loop_names and same_value(value, step_value)
    ]
    if not headers:
        return []
    start = min(headers, key=lambda i: abs(i - (step_check.at if step_check.at is not None else report.window_start)))
    header = events[start].line_no
    later = [i for i, _ in facts.history(step) if i > start and events[i].line_no == header]
    end = later[0] - 1 if later else _loop_left(start, header, facts)
    moments = []
    for name, values in told.items():
        if (
            name == step
            or len(values) != 1
            or re.search(rf"(?:,\s*`?{re.escape(name)}`?\s*=|\b{re.escape(name)}`?\s*,)", report.sentence)
        ):
            continue  # (`a, b = 5, 7` restates a line that sets both at once)
        check, value = values[0]
        before, after = _held_at(facts, name, start), _held_at(facts, name, end)
        if before is _NOTHING or after is _NOTHING or same_value(before, after):
            continue
        moment = "before" if same_value(value, before) else "after" if same_value(value, after) else "within"
        moments.append(((step, name), moment, check))
    return moments


def _held_at(facts: TraceFacts, name: str, event: int) -> object:
    history = facts.history(name)
    at = bisect_left([i for i, _ in history], event + 1) - 1
    return history[at][1] if at >= 0 else _NOTHING


def _loop_left(start: int, header: int, facts: TraceFacts) -> int:
    """The last event of the loop's last step: before the run leaves the loop's lines (or returns) at its depth."""
    events, last_line = facts.index.events, facts.loop_ends.get(header, header)
    depth = events[start].depth
    for i in range(start + 1, len(events)):
        event = events[i]
        if event.depth < depth or (
            event.depth == depth and (event.kind == "return" or not header <= event.line_no <= last_line)
        ):
            return i - 1
    return len(events) - 1


def _off_the_narrations_moment(
    steps: list[tuple[SentenceReport, list[Check]]], facts: TraceFacts
) -> list[tuple[SentenceReport, Check]]:
    """A narration that tells every step's state after the step (`y = 1904: count = 3`, `y = 1912:
    count = 5`) and one step's before it (`y = 1908: count = 3`, where that step makes it 4) has
    told a stale value there: the run held 3 at that step's start, so the window grounds it, but
    no reading of that step gives 3. Held the other way round too (states before each step).
    Only where one step breaks a convention two others keep."""
    by_pair: dict[tuple, list[tuple[str, SentenceReport, Check]]] = {}
    told = [_told_values(checks) for _, checks in steps] + [{}]
    for k, (report, _) in enumerate(steps):
        following = told[k + 1]
        for pair, moment, check in _step_moments(report, told[k], facts):
            if pair[1] in following and not facts.loop_variables & set(following):
                continue  # (`t = 15: start is 3.` `Append 12, then start = 15.`: the step goes on, both told)
            by_pair.setdefault(pair, []).append((moment, report, check))
    slips = []
    for stated in by_pair.values():
        moments = [moment for moment, _, _ in stated]
        for odd, kept in (("before", "after"), ("after", "before")):
            if moments.count(odd) == 1 and moments.count(kept) >= 2:
                slips += [(report, check) for moment, report, check in stated if moment == odd]
    return slips


def _ungrounded_after_all(report: SentenceReport, check: Check, why: str) -> int:
    """Move a claim a later look found wrong from the grounded claims of its sentence's report to
    the ungrounded ones, saying why; 1 where it was there to move."""
    entity = next((e for e in report.grounded if e.text == check.text), None)
    if entity is None:
        return 0
    report.grounded.remove(entity)
    report.ungrounded.append(Entity(kind=check.kind, text=f"{check.text} ({why})"))
    return 1


def check_rationale(text: str, trace: Trace, window: int, backward: bool) -> tuple[list[SentenceReport], int, int, int]:
    """Per-sentence reports (grounded and ungrounded claims), the number of checked claims, the
    number of sentences that had value-bearing mentions none of which could be checked, and the
    number of grounded claims about this execution (not arithmetic on literals alone)."""
    facts = trace_facts(trace)
    n = len(facts.index.events)
    walk = Walk(
        facts, window, backward, n - 1 if backward else 0, counted_from_0=_COUNTED_FROM_0.search(text) is not None
    )
    reports, total, unverifiable, tied = [], 0, 0, 0
    item_lines = {k for k, line in enumerate(text.splitlines()) if _LIST_ITEM.match(line)}
    text = re.sub(r"(?m)^(\s*(?:[-*+]\s+)?)(?:\*\*)?\d{1,3}[.)](?:\*\*)?\s+", r"\1", text)  # list numbering
    cursor, item_opening = 0, False
    jumped: _Jump | None = None
    steps: list[tuple[SentenceReport, list[Check]]] = []
    for sentence in split_sentences(text):
        at = text.find(sentence, cursor)
        new_line = False
        if at >= 0:
            new_line = at == 0 or "\n" in text[cursor:at]
            cursor = at + len(sentence)
            if new_line:  # a pass carries over only within one list item
                walk.item_pass = None
                item_opening = text.count("\n", 0, at) in item_lines
                if _HEADING.match(sentence):  # (`### Execute` starts the run over after a plan)
                    walk.told_values.clear()
        if not re.search(r"[A-Za-z0-9]", sentence):
            continue
        if walk.item_pass is not None and _ANOTHER_PASS.match(sentence):
            walk.item_pass = None  # (`The first word is 'rover'. ... The next word '42' ...`: that pass is over)
        lo = walk.pointer
        checks = check_sentence(sentence, walk) if n else []
        if jumped is not None and _went_back_after(jumped, checks, walk):
            for check in jumped.checks:  # (the earlier sentence's claims: its report is amended)
                tied -= _ungrounded_after_all(jumped.report, check, "a value of a later moment")
        # (a line that opens with `Third pass:` tells that pass in all its sentences, as a list item does;
        # in a backward narration `Fifth entry:` is as often the output's fifth entry: passes named by value only)
        opens_a_pass = _PASS_ORDINAL.match(walk.sentence) or _PASS_ORDINAL_IS.match(walk.sentence)
        if item_opening or (new_line and opens_a_pass and not walk.backward):
            item_opening = False
            walk.item_pass = _opened_pass(walk, ordinals=not walk.backward)
        report = SentenceReport(sentence=sentence, window_start=min(lo, walk.pointer), window_end=max(lo, walk.pointer))
        decided = [c for c in checks if c.ok is not None]
        if checks and not decided:
            unverifiable += 1
        for check in decided:
            total += 1
            tied += check.ok is True and (check.kind in ("value", "sequence", "count", "return") or bool(check.events))
            entity = Entity(kind=check.kind, text=check.text)
            (report.grounded if check.ok else report.ungrounded).append(entity)
        reports.append(report)
        steps.append((report, decided))
        jumped = _jumped_ahead(report, decided, lo, walk)
    for report, check in [] if backward else _off_the_narrations_moment(steps, facts):
        tied -= _ungrounded_after_all(report, check, "not this step's moment")
    return reports, total, unverifiable, tied
