"""Deterministic extraction of checkable claims (entities) from rationale sentences.

Grammar note (what the verifier grounds; for whoever writes rationales or narrators)
-------------------------------------------------------------------------------------
A rationale is split into sentences at `.`, `!`, `?` followed by a space or line end, and at
line breaks; a dot inside brackets, quotes or a number does not split. Backticks and `**` are
markup and ignored. In each sentence these claims are found (V is a Python literal: number,
string in quotes, list, tuple, dict, set, True/False/None; `true`/`false` are read as booleans):

- value      `x = V`, `x becomes V`, `x is V`, `x is now V`, `x is set to V`, `x is updated to V`,
             `x changes to V`, `x now holds V`, `x holds V`, `x gets V`, `x takes the value V`,
             `x has the value V`, `x contains V`, `x stays V`, `x remains V`, `x is still V`,
             `x starts as V`, `x is initially V`, `x ends up as V`, `x was V`, `x held V`,
             `x had the value V`, `x increases to V`, `x goes down to V`, `the value of x is V`,
             `set x to V`, `assign V to x`, `store V in x`, `V is stored in x`, and `self.x`
             for attributes. `x becomes 4, then 3, then 6` is three claims about x, in order.
             `x` must be a variable of the program for the word forms; `x = V` with an
             unknown `x` is kept (and fails: a made-up variable). Several claims in one
             sentence are checked in the order written.
- index      `arr[2] is 5`, `arr[i] = 5` (i read from the program state), `arr at index 2 is 5`,
             `the element at index 2 of arr is 5`, `index 2 of arr holds 5`, also `len(arr) = 4`,
             `lo + hi = 3` and other small expressions over program variables.
- comparison `3 < 5 is true`, `lo <= hi holds`, `arr[mid] == target is false`,
             `since 1 is less than 5`, `x is greater than / at least / at most / not equal to y`,
             `the test a > b evaluates to False`, `a >= b does not hold / fails`.
             Truth words after the comparison (true, holds, is satisfied, succeeds; false,
             fails, does not hold, is not satisfied) set the claimed truth; with none, a
             comparison after `if`, `whether`, `check`, `condition`, `test` or `compare` is a
             question, not a claim, and any other one is claimed true.
- branch     `take the if branch`, `the elif branch`, `the else branch` (also block, body,
             clause), `skip the if body`, `the if branch is not taken` -> if / elif / else / skip.
             `if` is grounded by an if or elif test that was true in the window, `elif` by an
             elif test that was true, `else` by an else block that ran, `skip` by a false test.
             Ternaries (`a if c else b`) show no branch in a trace: state their values instead.
- loop       `the loop runs 3 times` (iterates, executes, repeats, is executed, goes around,
             cycles), `the loop body executes twice`, `3 iterations in total`,
             `the loop ends after 3 iterations`, `never runs` -> 0. A count is checked against
             every run of a loop that overlaps the window (`after 2 iterations` alone is not a
             count and is not checked).
- return     `the function returns V`, `returns V`, `the return value is V`, `gives back V`,
             `produces V`, `outputs V`, `V is returned`: a return event in the window, or the
             traced call's final value anywhere.

Not claims: prose without a literal (`the loop goes on`), `x is called with ...`, and a
comparison asked about rather than asserted (`we check whether lo <= hi`).

Each claim becomes an `Entity` (records.py): value/index `name`=left side, `value`=V;
comparison `name`="a < b", `value`="True"/"False"; branch/loop/return `value` only.
"""

from __future__ import annotations

import ast
import bisect
import re

from vcot_assets.core.grounding.records import Entity
from vcot_assets.core.verifier.expressions import (
    IDENTIFIER,
    NOT_LITERAL,
    expression_end,
    expression_names,
    literal_end,
    parse_expression,
    parse_literal,
)

_NUMBER_WORDS = {
    "zero": 0, "no": 0, "once": 1, "one": 1, "twice": 2, "two": 2, "thrice": 3, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
_ENGLISH_STOP = frozenset(
    {"so", "then", "which", "since", "because", "thus", "hence", "therefore", "now", "and", "or", "but",
     "the", "a", "an", "we", "it", "this", "that", "when", "after", "before", "while", "where", "as"}
)  # fmt: skip


_I = re.IGNORECASE
_SUBJ = r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:\[[^\]]+\])*)"
_IDX = r"(-?\d+|[A-Za-z_]\w*)"
_REWRITES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"`|\*\*"), ""),  # markdown, outside string literals (those are masked)
    (
        re.compile(
            r"\b(?:the )?(?:element|item|value|entry|character|char|number|letter) (?:at|in) (?:index|position) "
            + _IDX
            + r" (?:of|in) "
            + _SUBJ,
            _I,
        ),
        r"\2[\1]",
    ),
    (re.compile(r"\b(?:index|position) " + _IDX + r" of " + _SUBJ, _I), r"\2[\1]"),
    (re.compile(r"\b" + _SUBJ + r" at (?:index|position) " + _IDX, _I), r"\1[\2]"),
    (re.compile(r"\bthe (?:current )?value of " + _SUBJ, _I), r"\1"),
    (re.compile(r"\b" + _SUBJ + r"'s (?:current )?value", _I), r"\1"),
    (re.compile(r"\b(?:the )?(?:variable|attribute|argument|parameter) " + _SUBJ + r"(?= )", _I), r"\1"),
    (re.compile(r"\bis less than or equal to\b", _I), "<="),
    (re.compile(r"\bis greater than or equal to\b", _I), ">="),
    (re.compile(r"\bis (?:less|smaller|lower) than\b", _I), "<"),
    (re.compile(r"\bis (?:greater|larger|bigger|higher) than\b", _I), ">"),
    (re.compile(r"\bexceeds\b", _I), ">"),
    (re.compile(r"\bis (?:at least|no less than)\b", _I), ">="),
    (re.compile(r"\bis (?:at most|no more than|no greater than)\b", _I), "<="),
    (re.compile(r"\bis not equal to\b|\bdiffers from\b|\bdoes not equal\b", _I), "!="),
    (re.compile(r"\bis equal to\b|\bequals\b", _I), "=="),
    (re.compile(r"\bset " + _SUBJ + r" to\b", _I), r"\1 ="),
    (re.compile(r"\b(?:assign|store|put|save)s? (.+?) (?:to|in|into) " + _SUBJ + r"(?=[\s,.;:]|$)", _I), r"\2 = \1"),
    (re.compile(r"(\S.*?) is (?:stored|saved|assigned) (?:in|to|into) " + _SUBJ + r"(?=[\s,.;:]|$)", _I), r"\2 = \1"),
    (
        re.compile(
            r"(?<=[\w\]\)]) (?:becomes|is now|is set to|is updated to|is changed to|changes to|gets updated to|"
            r"is reassigned to|now holds|now contains|now stores|holds|gets|takes the value of|takes the value|"
            r"takes on the value|has the value|has value|is assigned|is assigned the value|contains|stores|"
            r"ends up as|ends up being|turns into|is incremented to|is decremented to|starts as|starts out as|starts at|"
            r"is initially|begins as|stays|stays at|remains|remains at|is still|"
            r"grows to|shrinks to|drops to|rises to|was|was set to|was updated to|held|had the value|had|increases to|decreases to|"
            r"is increased to|is decreased to|goes up to|goes down to|is now equal to)(?: the value)? ",
            _I,
        ),
        " = ",
    ),
]
# per rewrite, words one of which a sentence must contain for the rewrite to apply (speed)
_TRIGGERS: list[tuple[str, ...]] = [
    ("`", "**"),
    ("index", "position"),
    ("index", "position"),
    ("index", "position"),
    ("value of",),
    ("'s",),
    ("variable", "attribute", "argument", "parameter"),
    ("less than",),
    ("greater than",),
    ("less", "smaller", "lower"),
    ("greater", "larger", "bigger", "higher"),
    ("exceeds",),
    ("at least", "no less"),
    ("at most", "no more", "no greater"),
    ("not equal", "differs", "does not equal"),
    ("equal",),
    ("set ",),
    ("assign", "store", "put", "save"),
    ("stored", "saved", "assigned"),
    ("becomes", "is ", "changes", "gets", "holds", "contains", "stores", "takes", "has ", "ends up", "turns",
     "starts", "begins", "stays", "remains", "grows", "shrinks", "drops", "rises", "was ", "held", "had ",
     "increase", "decrease", "goes "),
]  # fmt: skip
assert len(_TRIGGERS) == len(_REWRITES)
_TRIGGER_WORDS = sorted({w for words in _TRIGGERS for w in words}, key=len, reverse=True)
_TRIGGER_RE = re.compile("|".join(re.escape(w) for w in _TRIGGER_WORDS))
_REWRITES_BY_WORD = {
    w: tuple(k for k, words in enumerate(_TRIGGERS) if any(t in w or w in t for t in words)) for w in _TRIGGER_WORDS
}

_TRUE_AFTER = re.compile(
    r"^\s*[),]?\s*(?:,\s*)?(?:which |that |this )?(?:is |evaluates to |gives |yields |comes out |turns out |->\s*|=>\s*|→\s*)?"
    r"(?P<word>True|true|TRUE|holds|is satisfied|satisfied|succeeds|passes|is met|met"
    r"|False|false|FALSE|fails|does not hold|doesn't hold|is not satisfied|not satisfied|is not met|is not true|is violated)\b"
)
_QUESTION_BEFORE = re.compile(
    r"\b(?:if|whether|check|checks|checking|checked|test|tests|testing|condition|compare|compares|comparing|evaluate|evaluates|evaluating)\s*(?:that\s+|the\s+)?(?:\w+\s+)?$",
    _I,
)
_FALSE_WORDS = (
    "False",
    "false",
    "FALSE",
    "fails",
    "does not hold",
    "doesn't hold",
    "is not satisfied",
    "not satisfied",
    "is not met",
    "is not true",
    "is violated",
)

_RETURN = re.compile(
    r"\b(?:returns|returned value is|return value is|result returned is|gives back|hands back|produces|outputs|"
    r"we return|will return|would return|should return|evaluates to the result)\s*(?:the value |the list |the string |the tuple |the dict |the number )?",
    _I,
)
_RETURNED_PASSIVE = re.compile(r"is (?:then )?returned\b", _I)
_BRANCH = re.compile(r"\b(if|elif|else|then)[- ](?:branch|block|body|clause|part|path|arm)\b", _I)
_BRANCH_ELSE_ALT = re.compile(
    r"\b(?:go(?:es)?|jump(?:s)?|fall(?:s)?(?: through)?|proceed(?:s)?|continue(?:s)?|move(?:s)?) (?:in)?to (?:the )?else\b",
    _I,
)
_NEGATED_BRANCH = re.compile(
    r"\b(?:skip|skips|skipped|skipping|bypass|bypasses|bypassed|not taken|not entered|not executed|does not enter|doesn't enter|do not enter|don't enter|never enter|is not run|isn't taken|isn't entered|not run)\b",
    _I,
)
_LOOP = re.compile(
    r"\b(?:loop|iteration|body|for|while)\b[^.;]{0,40}?\b(?:runs|run|iterates|iterate|executes|execute|repeats|repeat|is executed|are executed|"
    r"goes around|cycles|spins|happens|occurs|loops|turns|is run|executed)\s+(?:exactly |a total of |in total )?"
    r"(?P<n>\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|once|twice|thrice)(?: times?)?\b",
    _I,
)
_LOOP_ITERATIONS = re.compile(
    r"\b(?:makes|performs|does|has|takes|completes|runs|runs for|executes|after|total of|with|there are|exactly)\s+"
    r"(?P<n>\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:full |total |complete )?iterations?\b(?P<tail>[^.;]{0,20})",
    _I,
)
_LOOP_ENDS_AFTER = re.compile(
    r"\b(?:ends|ended|finishes|finished|stops|stopped|terminates|terminated|exits|exited|is done|completes|completed)"
    r" after (?P<n>\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:full |complete )?iterations?\b",
    _I,
)
_LOOP_NEVER = re.compile(
    r"\bloop (?:body )?(?:never runs|never executes|does not run|doesn't run|is skipped entirely|runs zero times)\b", _I
)

_THEN = re.compile(
    r"\s*,?\s*(?:and\s+)?(?:then|later|next|afterwards|finally|and finally)\s*,?\s+(?:to\s+|becomes\s+|is\s+)?(?=\S)",
    _I,
)
_MAY_RETURN = re.compile(r"return|gives back|hands back|produces|outputs|evaluates to the result")
_MAY_BRANCH = re.compile(r"branch|block|body|clause|part|path|arm|else")
_MAY_LOOP = re.compile(r"time|twice|once|thrice|iteration|never|loop")
_REL_OPS = re.compile(r"==|!=|<=|>=|(?<![<>=!])=(?!=)|<(?!=)|>(?!=)| is (?:still |currently |now )?")


_MASK = re.compile("\x01(\\d+)\x02")


_STRING_LITERAL = re.compile(r"""(?<![A-Za-z0-9_])(?:[bBrRuU]{1,2})?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""")


def _mask_strings(sentence: str) -> tuple[str, list[str]]:
    """Replace string literals by placeholders so that rewriting never edits a value."""
    strings: list[str] = []

    def hold(m: re.Match) -> str:
        strings.append(m.group())
        return f"\x01{len(strings) - 1}\x02"

    return _STRING_LITERAL.sub(hold, sentence), strings


def canonical(sentence: str) -> str:
    """The sentence with worded relations rewritten as symbols (`x becomes 6` -> `x = 6`).

    String literals are left exactly as written."""
    text, strings = _mask_strings(sentence) if ("'" in sentence or '"' in sentence) else (sentence, [])
    active = sorted({k for m in _TRIGGER_RE.finditer(text.lower()) for k in _REWRITES_BY_WORD[m.group()]})
    for k in active:
        pattern, replacement = _REWRITES[k]
        text = pattern.sub(replacement, text)
    if strings:
        text = _MASK.sub(lambda m: strings[int(m.group(1))], text)
    return text


_CLAUSE_POINTS = re.compile(r"[,;:'\"()\[\]{}\\]")


def _clause_starts(s: str) -> list[int]:
    """Positions just after each `,`, `;` or `:` outside brackets and quotes (and 0)."""
    starts = [0]
    depth = 0
    quote = ""
    skip_to = 0
    for m in _CLAUSE_POINTS.finditer(s):
        i = m.start()
        if i < skip_to:
            continue
        ch = s[i]
        if quote:
            if ch == "\\":
                skip_to = i + 2
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            if i == 0 or not s[i - 1].isalnum():
                quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch in ",;:" and depth == 0:
            starts.append(i + 1)
    return starts


def _left_candidates(s: str, op_start: int, clause_starts: list[int]):
    """(start, end) of the expressions that end right before s[op_start], longest first."""
    end = op_start
    while end > 0 and s[end - 1] == " ":
        end -= 1
    if end == 0:
        return
    floor = clause_starts[bisect.bisect_right(clause_starts, end - 1) - 1]
    starts = [floor] + [floor + m.end() for m in re.finditer(r"[\s(]", s[floor:end])]
    for start in starts:
        while start < end and s[start] == " ":
            start += 1
        if start < end and expression_end(s, start) == end:
            yield start, end


def _is_english(word: str, known: frozenset[str] | None) -> bool:
    return word.lower() in _ENGLISH_STOP and (known is None or word not in known)


def _check_relation(left: str, right: str, op: str, known: frozenset[str] | None):
    """(op, left node, right node, right is literal) when `left op right` is a claim, else None."""
    left_node, right_node = parse_expression(left), parse_expression(right)
    right_literal = parse_literal(right) is not NOT_LITERAL
    if left_node is None or (right_node is None and not right_literal):
        return None
    if op == "is":
        # `x is 5`: only about a program variable, and only with a literal value
        if not right_literal or parse_literal(left) is not NOT_LITERAL or _is_english(left, known):
            return None
        if not _known_expression(left_node, known) or (known is None and not IDENTIFIER.fullmatch(left)):
            return None
        return "=", left_node, right_node, right_literal
    if op == "=":
        if _is_english(left, known):
            return None
        if right_literal:
            if not isinstance(left_node, ast.Name) and not _known_expression(left_node, known):
                return None
        elif right_node is None or not (_known_expression(left_node, known) and _known_expression(right_node, known)):
            return None
        return op, left_node, right_node, right_literal
    if not (_known_expression(left_node, known) and (right_node is None or _known_expression(right_node, known))):
        return None
    return op, left_node, right_node, right_literal


def _right_operand(s: str, start: int) -> tuple[int, int]:
    while start < len(s) and s[start] == " ":
        start += 1
    m = re.match(r"(?:True|False|None|true|false)\b", s[start:])
    if m:
        return start, start + m.end()
    if s.startswith("set()", start):
        return start, start + 5
    end = expression_end(s, start)
    return (start, end) if end > start else (-1, -1)


def _known_expression(node: ast.expr, known: frozenset[str] | None) -> bool:
    if known is None:
        return True
    for name in expression_names(node):
        if name in known or (name.startswith("self.") and name[5:] in known) or f"self.{name}" in known:
            continue
        return False
    return True


def _relations(s: str, known: frozenset[str] | None) -> list[Entity]:
    entities: list[Entity] = []
    taken_until = 0
    clause_starts: list[int] | None = None
    for m in _REL_OPS.finditer(s):
        if m.start() < taken_until:
            continue
        op = m.group().strip()
        op = "is" if op.startswith("is") else op
        rs, re_ = _right_operand(s, m.end())
        if rs < 0:
            continue
        right = s[rs:re_]
        chosen = None
        if clause_starts is None:
            clause_starts = _clause_starts(s)
        for ls, le in _left_candidates(s, m.start(), clause_starts):
            checked = _check_relation(s[ls:le], right, op, known)
            if checked is not None:
                chosen = (ls, le) + checked
                break
        if chosen is None:
            continue
        ls, le, op, left_node, right_node, right_literal = chosen
        left = s[ls:le]
        tail = _TRUE_AFTER.match(s[re_:])
        if tail:
            truth = tail.group("word") not in _FALSE_WORDS
        elif op in ("=",):
            truth = True
        elif _QUESTION_BEFORE.search(s[max(0, ls - 60) : ls]):
            continue
        else:
            truth = True
        taken_until = re_ + (tail.end() if tail else 0)
        text = s[ls:re_] + (tail.group(0) if tail else "")
        if op == "=" and right_literal:
            kind = "index" if "[" in left or not isinstance(left_node, (ast.Name, ast.Attribute)) else "value"
            if not truth:
                entities.append(Entity(kind="comparison", text=text.strip(), name=f"{left} != {right}", value="True"))
            else:
                entities.append(Entity(kind=kind, text=text.strip(), name=left, value=right))
                # `total becomes 4, then 3, then 6`: each later value is a claim about `total` too
                while tail is None:
                    more = _THEN.match(s, taken_until)
                    if not more:
                        break
                    end = literal_end(s, more.end())
                    if end < 0:
                        break
                    value = s[more.end() : end].strip()
                    entities.append(Entity(kind=kind, text=f"{left} = {value}", name=left, value=value))
                    taken_until = end
        else:
            symbol = "==" if op == "=" else op
            entities.append(
                Entity(kind="comparison", text=text.strip(), name=f"{left} {symbol} {right}", value=str(truth))
            )
    return entities


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def extract_entities(sentence: str, known: frozenset[str] | None = None) -> list[Entity]:
    """Checkable claims of one sentence. `known`: the program's variable names, if known."""
    s = written = canonical(sentence)
    entities: list[Entity] = []
    lowered = s.lower()
    # returns first: their values must not be read again as relations
    for m in _RETURN.finditer(s) if _MAY_RETURN.search(lowered) else ():
        end = literal_end(s, m.end())
        if end > 0:
            start = m.end()
            entities.append(Entity(kind="return", text=s[m.start() : end].strip(), value=s[start:end].strip()))
            s = s[:start] + " " * (end - start) + s[end:]
    for m in _RETURNED_PASSIVE.finditer(s) if "returned" in lowered else ():
        head = s[: m.start()].rstrip()
        for cand in [0] + [i + 1 for i, ch in enumerate(head) if ch == " "]:
            if cand < len(head) and literal_end(head, cand) == len(head):
                entities.append(Entity(kind="return", text=s[cand : m.end()].strip(), value=head[cand:].strip()))
                s = s[:cand] + " " * (len(head) - cand) + s[len(head) :]
                break
    entities.extend(_relations(s, known))
    may_branch = _MAY_BRANCH.search(lowered) is not None
    for m in _BRANCH.finditer(s) if may_branch else ():
        word = m.group(1).lower()
        word = "if" if word == "then" else word
        window = s[max(0, m.start() - 40) : m.end() + 30]
        value = "skip" if word in ("if", "elif") and _NEGATED_BRANCH.search(window) else word
        entities.append(Entity(kind="branch", text=m.group(0), value=value))
    if may_branch and not any(e.kind == "branch" for e in entities):
        m = _BRANCH_ELSE_ALT.search(s)
        if m:
            entities.append(Entity(kind="branch", text=m.group(0), value="else"))
    if not _MAY_LOOP.search(lowered):
        return sorted(entities, key=lambda e: written.find(e.text) % (len(written) + 1))
    for m in _LOOP.finditer(s):
        entities.append(Entity(kind="loop", text=m.group(0), value=str(_number(m.group("n")))))
    for m in _LOOP_ENDS_AFTER.finditer(s):
        entities.append(Entity(kind="loop", text=m.group(0), value=str(_number(m.group("n")))))
    if not any(e.kind == "loop" for e in entities):
        for m in _LOOP_ITERATIONS.finditer(s):
            if m.group(0).lower().startswith("after") and "total" not in m.group("tail").lower():
                continue  # "after 2 iterations" places a step; it does not count the loop
            entities.append(Entity(kind="loop", text=m.group(0).strip(), value=str(_number(m.group("n")))))
        m = _LOOP_NEVER.search(s)
        if m:
            entities.append(Entity(kind="loop", text=m.group(0), value="0"))
    # in the order the sentence states them: the verifier walks them in that order
    return sorted(entities, key=lambda e: written.find(e.text) % (len(written) + 1))


# ---------------------------------------------------------------------------- teacher extraction
