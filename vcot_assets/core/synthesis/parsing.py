"""Parsers for every teacher output.

Each parser either returns plain values or raises `ParseError(reason, detail)`, where `reason`
is a short stable token the assets count as a `Rejection` reason. Nothing else escapes: a
teacher can send any text at all, and a malformed answer must cost one rejection, not a run.

The formats are the ones the templates in `prompts/` ask for; parsers accept the harmless
variations real models add (a `<think>` block, surrounding prose, Markdown emphasis, a fence
around a one-line answer) and reject everything that changes the meaning.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from vcot_assets.core.records import DIFFICULTIES, Rejection
from vcot_assets.core.synthesis.records import MethodSignature, Param, Signature, TestCase

KINDS = ("function", "class")


class ParseError(ValueError):
    """A teacher output that does not have the format its template asks for."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# --- shared helpers ------------------------------------------------------------------------

_THINK_BLOCK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_THINK_OPEN = re.compile(r"<think>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</think>", re.IGNORECASE)


def strip_reasoning_blocks(text: str) -> str:
    """Remove `<think>...</think>` blocks.

    Some chat templates put the opening tag in the prompt, so the answer starts inside the
    block and only `</think>` appears: everything up to the last closing tag is reasoning.
    An unclosed `<think>` (the model ran out of tokens while thinking) leaves no answer.
    """
    text = _THINK_BLOCK.sub("", text)
    closes = list(_THINK_CLOSE.finditer(text))
    if closes:
        text = text[closes[-1].end() :]
    opened = _THINK_OPEN.search(text)
    if opened:
        text = text[: opened.start()]
    return text.strip()


@dataclass(frozen=True)
class FencedBlock:
    lang: str
    body: str
    closed: bool


_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([A-Za-z0-9_+.-]*)[^`]*$")


def fenced_blocks(text: str) -> list[FencedBlock]:
    """Markdown fenced blocks in order; an unclosed last block runs to the end of the text."""
    blocks: list[FencedBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, lang = opening.group(1), opening.group(2).lower()
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                closed = True
                i += 1
                break
            body.append(lines[i])
            i += 1
        blocks.append(FencedBlock(lang, "\n".join(body), closed))
    return blocks


def _prepare(text: object) -> str:
    if not isinstance(text, str):
        raise ParseError("not_text", f"expected the teacher's text, got {type(text).__name__}")
    text = strip_reasoning_blocks(text)
    if not text:
        raise ParseError("empty_output", "the teacher returned no text outside reasoning blocks")
    return text


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_LIST_ITEM = re.compile(r"^\s*(?:\d+\s*[.)]|[-*+])\s+(.*)$")


def _list_items(text: str) -> list[str]:
    """Items of a numbered or bulleted list; indented or plain lines continue an item."""
    items: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        match = _LIST_ITEM.match(line)
        if match:
            if current is not None:
                items.append(" ".join(current).strip())
            current = [match.group(1).strip()]
        elif current is not None and line.strip() and not line.lstrip().startswith("#"):
            current.append(line.strip())
        elif current is not None and not line.strip():
            items.append(" ".join(current).strip())
            current = None
    if current is not None:
        items.append(" ".join(current).strip())
    return [item for item in items if item]


def _normalized(text: str) -> str:
    return " ".join(text.lower().split())


# --- concepts ------------------------------------------------------------------------------


def parse_concepts(text: str) -> list[dict]:
    """The JSON array of concepts: name, keyphrase, description, examples, difficulty.

    An empty array is a valid answer (no keyphrase named a concept). Concepts whose name
    repeats an earlier one are dropped: the teacher was told to merge them.
    """
    text = _prepare(text)
    blocks = fenced_blocks(text)
    candidates = [b.body for b in blocks if b.lang == "json"] or [b.body for b in blocks if not b.lang]
    if not candidates:
        start, end = text.find("["), text.rfind("]")
        if start < 0 or end <= start:
            raise ParseError("no_json", "expected a JSON array in a ```json block")
        candidates = [text[start : end + 1]]
    data = _load_json(candidates[0])
    if isinstance(data, dict) and isinstance(data.get("concepts"), list):
        data = data["concepts"]
    if not isinstance(data, list):
        raise ParseError("not_a_list", f"expected a JSON array, got {type(data).__name__}")
    concepts: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        concept = _concept(index, item)
        key = _normalized(concept["name"])
        if key not in seen:
            seen.add(key)
            concepts.append(concept)
    return concepts


_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


def _load_json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        # Small models often leave a trailing comma; nothing else is repaired.
        repaired = _TRAILING_COMMA.sub(r"\1", text)
        if repaired != text:
            try:
                return json.loads(repaired)
            except (ValueError, RecursionError):
                pass
        raise ParseError("malformed_json", _clip(str(err))) from err


def _concept(index: int, item: object) -> dict:
    if not isinstance(item, dict):
        raise ParseError("malformed_concept", f"item {index} is not an object")
    fields = {}
    for name in ("name", "description"):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ParseError("malformed_concept", f"item {index} has no {name}")
        fields[name] = value.strip()
    keyphrase = item.get("keyphrase", "")
    examples = item.get("examples", [])
    if isinstance(examples, str):
        examples = [examples]
    if not isinstance(keyphrase, str) or not isinstance(examples, list):
        raise ParseError("malformed_concept", f"item {index} has a keyphrase or examples of the wrong type")
    difficulty = item.get("difficulty")
    difficulty = difficulty.strip().lower() if isinstance(difficulty, str) else ""
    if difficulty not in DIFFICULTIES:
        raise ParseError("bad_difficulty", f"item {index}: {item.get('difficulty')!r} is not easy, medium or hard")
    return {
        "name": fields["name"],
        "keyphrase": keyphrase.strip(),
        "description": fields["description"],
        "examples": [str(e).strip() for e in examples if str(e).strip()],
        "difficulty": difficulty,
    }


# --- instructions --------------------------------------------------------------------------

_KIND_PREFIX = re.compile(r"^[*_`]*\[\s*(function|class)\s*\][*_`]*\s*:?\s*(.*)$", re.IGNORECASE | re.DOTALL)


def parse_instructions(text: str) -> list[tuple[str, str]]:
    """Numbered statements `N. [function|class] text` -> [(kind, statement)], duplicates dropped."""
    text = _prepare(text)
    items = _list_items(text)
    if not items:
        raise ParseError("no_list", "expected a numbered list of problem statements")
    parsed: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        match = _KIND_PREFIX.match(item)
        if not match:
            raise ParseError("missing_kind", f"item {index} does not start with [function] or [class]: {_clip(item)}")
        kind, statement = match.group(1).lower(), match.group(2).strip()
        if not statement:
            raise ParseError("empty_instruction", f"item {index} has a kind but no statement")
        if _normalized(statement) not in seen:
            seen.add(_normalized(statement))
            parsed.append((kind, statement))
    return parsed


# --- signatures ----------------------------------------------------------------------------

_SIGNATURE_LINE = re.compile(r"^(function|class)\s*:\s*(.+)$", re.IGNORECASE)
_METHOD_LINE = re.compile(r"^[A-Za-z_]\w*\s*\(.*\)")


def _signature_lines(text: str) -> list[str]:
    """Lines with Markdown decoration removed (bullets, emphasis, inline code, fences)."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            continue
        line = re.sub(r"^(?:[-*+>]\s+)", "", line)
        line = line.replace("**", "").replace("`", "").strip()
        lines.append(line)
    return lines


def parse_signature(text: str, instruction_id: str) -> Signature:
    """`Function: name(p: T, ...) -> R` or `Class: Name; __init__(self, p: T) -> None; m(self) -> R`.

    For a class, `params` are the constructor's (without `self`), `methods` every other method
    in order, `primary_method` the first of them and `returns` its return type.
    """
    text = _prepare(text)
    lines = _signature_lines(text)
    found = [(i, m) for i, line in enumerate(lines) if (m := _SIGNATURE_LINE.match(line))]
    if not found:
        raise ParseError("no_signature", "expected a line starting with 'Function:' or 'Class:'")
    if len(found) > 1:
        raise ParseError("multiple_signatures", f"{len(found)} signature lines; the format asks for exactly one")
    index, match = found[0]
    kind, body = match.group(1).lower(), match.group(2).strip().rstrip(":").strip()
    if kind == "function":
        return _function_signature(instruction_id, body)
    # A class spread over several lines (one method a line) means the same as the one-line form.
    parts = [p for p in body.split(";")]
    for line in lines[index + 1 :]:
        if not line:
            continue
        if not _METHOD_LINE.match(line):
            break
        parts.extend(line.split(";"))
    return _class_signature(instruction_id, [p.strip() for p in parts if p.strip()])


def _parse_def(text: str, where: str) -> ast.FunctionDef:
    text = re.sub(r"^def\s+", "", text.strip()).rstrip(":").strip()
    try:
        module = ast.parse(f"def {text}:\n    pass\n")
    except SyntaxError as err:
        raise ParseError("malformed_signature", f"{where}: cannot parse {_clip(text)!r} ({err.msg})") from err
    except (ValueError, RecursionError, MemoryError) as err:
        raise ParseError("malformed_signature", f"{where}: cannot parse {_clip(text)!r}") from err
    if len(module.body) != 1 or not isinstance(module.body[0], ast.FunctionDef):
        raise ParseError("malformed_signature", f"{where}: {_clip(text)!r} is not one signature")
    return module.body[0]


def _params(node: ast.FunctionDef, where: str, drop_self: bool) -> list[Param]:
    args = node.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
        raise ParseError("unsupported_params", f"{where}: only plain positional parameters are allowed")
    names = [a for a in args.args]
    if drop_self and names and names[0].arg == "self":
        names = names[1:]
    params = []
    for arg in names:
        if any(p.name == arg.arg for p in params):
            raise ParseError("duplicate_param", f"{where}: parameter {arg.arg!r} appears twice")
        if arg.annotation is None:
            raise ParseError("missing_type", f"{where}: parameter {arg.arg!r} has no type")
        params.append(Param(arg.arg, ast.unparse(arg.annotation)))
    return params


def _returns(node: ast.FunctionDef, where: str, required: bool) -> str:
    if node.returns is None:
        if required:
            raise ParseError("missing_return_type", f"{where}: no '-> ReturnType'")
        return ""
    return ast.unparse(node.returns)


def _function_signature(instruction_id: str, body: str) -> Signature:
    node = _parse_def(body, "function")
    params = _params(node, node.name, drop_self=False)
    returns = _returns(node, node.name, required=True)
    raw = f"Function: {node.name}({', '.join(f'{p.name}: {p.type}' for p in params)}) -> {returns}"
    return Signature(instruction_id, raw, "function", node.name, params, returns)


def _class_signature(instruction_id: str, parts: list[str]) -> Signature:
    name = parts[0] if parts else ""
    if not name.isidentifier():
        raise ParseError("malformed_signature", f"class name {name!r} is not an identifier")
    init_params: list[Param] = []
    methods: list[MethodSignature] = []
    seen: set[str] = set()
    for part in parts[1:]:
        node = _parse_def(part, name)
        if node.name in seen:
            raise ParseError("duplicate_method", f"{name}.{node.name} appears twice")
        seen.add(node.name)
        where = f"{name}.{node.name}"
        if node.name == "__init__":
            init_params = _params(node, where, drop_self=True)
            continue
        methods.append(MethodSignature(node.name, _params(node, where, drop_self=True), _returns(node, where, True)))
    if not methods:
        raise ParseError("no_methods", f"class {name} has no method besides __init__")
    pieces = [name, f"__init__(self{''.join(f', {p.name}: {p.type}' for p in init_params)}) -> None"]
    pieces += [f"{m.name}(self{''.join(f', {p.name}: {p.type}' for p in m.params)}) -> {m.returns}" for m in methods]
    raw = "Class: " + "; ".join(pieces)
    return Signature(instruction_id, raw, "class", name, init_params, methods[0].returns, methods, methods[0].name)


# --- code ----------------------------------------------------------------------------------

_PYTHON_LANGS = ("python", "py", "python3")


def _python_block(text: str) -> str:
    blocks = fenced_blocks(text)
    chosen = [b for b in blocks if b.lang in _PYTHON_LANGS] or [b for b in blocks if not b.lang]
    if not chosen:
        raise ParseError("no_code_block", "expected a ```python fenced block")
    block = chosen[0]
    if not block.closed:
        raise ParseError("unterminated_code_block", "the ```python block is not closed (output cut short?)")
    if not block.body.strip():
        raise ParseError("empty_code", "the ```python block is empty")
    return block.body.strip("\n")


def extract_code_block(text: str) -> str:
    """The first ```python block (an untagged one if none is tagged), syntax-checked."""
    code = _python_block(_prepare(text))
    try:
        ast.parse(code)
    except SyntaxError as err:
        raise ParseError("syntax_error", f"line {err.lineno}: {err.msg}") from err
    except (ValueError, RecursionError) as err:
        raise ParseError("syntax_error", str(err)) from err
    return code + "\n"


# --- scenarios -----------------------------------------------------------------------------


def parse_scenarios(text: str) -> list[str]:
    """Numbered scenario hints, duplicates dropped."""
    items = _list_items(_prepare(text))
    if not items:
        raise ParseError("no_list", "expected a numbered list of scenarios")
    scenarios: list[str] = []
    seen: set[str] = set()
    for item in items:
        item = item.strip().strip("*_").strip()
        if item and _normalized(item) not in seen:
            seen.add(_normalized(item))
            scenarios.append(item)
    return scenarios


# --- tests ---------------------------------------------------------------------------------

TESTS_STAGE = "candidate_tests"


def _top_level_chunks(code: str) -> list[str]:
    """Split source at unindented lines, keeping decorators with the `def` they decorate."""
    chunks: list[list[str]] = []
    for line in code.splitlines():
        starts_chunk = bool(line) and not line[0].isspace() and not line.startswith(("#", ")", "]", "}"))
        continues_decorator = bool(chunks) and all(prior.startswith("@") or not prior.strip() for prior in chunks[-1])
        if starts_chunk and not continues_decorator or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    texts = []
    for chunk in chunks:
        # Comments between functions belong to neither: drop them from the chunk's end.
        while chunk and (not chunk[-1].strip() or chunk[-1].startswith("#")):
            chunk.pop()
        if chunk and not all(not part.strip() or part.lstrip().startswith("#") for part in chunk):
            texts.append("\n".join(chunk).strip("\n"))
    return texts


def parse_tests(text: str, instruction_id: str) -> tuple[list[TestCase], list[Rejection]]:
    """Split the fenced block into top-level test functions and check each one.

    One malformed test costs one `Rejection`, not the others: each chunk is parsed on its
    own by `testcases.parse_test`. Ids are `<instruction_id>-tNN` in order of appearance.
    An output with no usable code block at all is one rejection under the instruction's id.
    Never raises.
    """
    from vcot_assets.core.consensus.testcases import InvalidTest, parse_test

    try:
        code = _python_block(_prepare(text))
    except ParseError as err:
        return [], [Rejection(TESTS_STAGE, instruction_id, err.reason, err.detail)]
    tests: list[TestCase] = []
    rejections: list[Rejection] = []
    seen: dict[tuple[str, str, str], str] = {}
    for index, chunk in enumerate(_top_level_chunks(code)):
        test_id = f"{instruction_id}-t{index:02d}"
        if not re.match(r"^(?:@.*\n)*def\s+test", chunk):
            rejections.append(Rejection(TESTS_STAGE, test_id, "not_a_test", _clip(chunk)))
            continue
        try:
            test = parse_test(chunk + "\n", test_id, instruction_id)
        except InvalidTest as err:
            rejections.append(Rejection(TESTS_STAGE, test_id, err.reason, err.detail))
            continue
        key = (test.call, test.operator, test.expected)
        if key in seen:
            rejections.append(Rejection(TESTS_STAGE, test_id, "duplicate_test", f"same as {seen[key]}"))
            continue
        seen[key] = test_id
        tests.append(test)
    if not tests and not rejections:
        rejections.append(Rejection(TESTS_STAGE, instruction_id, "no_tests", "the code block holds no test functions"))
    return tests, rejections


# --- narration -----------------------------------------------------------------------------

_ANSWER_LINE = re.compile(r"^[\s*_#>-]*answer[*_\s]*:[*_\s]*(.*?)[*_\s]*$", re.IGNORECASE)


def parse_narration(text: str) -> tuple[str, str]:
    """(reasoning, answer): the text before the last `Answer:` line, and that line's value.

    The answer must be a Python expression (a literal forward, a call backward); which one
    is the verifier's business.
    """
    text = _prepare(text)
    lines = text.splitlines()
    answer_at = next((i for i in range(len(lines) - 1, -1, -1) if _ANSWER_LINE.match(lines[i])), None)
    if answer_at is None:
        raise ParseError("no_answer", "expected a last line 'Answer: ...'")
    answer = _ANSWER_LINE.match(lines[answer_at]).group(1).strip()  # type: ignore[union-attr]
    if len(answer) >= 2 and answer[0] == answer[-1] == "`":
        answer = answer.strip("`").strip()
    if not answer:
        raise ParseError("empty_answer", "the 'Answer:' line has no value")
    try:
        ast.parse(answer, mode="eval")
    except (SyntaxError, ValueError, RecursionError) as err:
        raise ParseError("answer_syntax", f"{_clip(answer)!r} is not a Python expression") from err
    reasoning = "\n".join(lines[:answer_at]).strip()
    if not reasoning:
        raise ParseError("empty_reasoning", "there is no reasoning before the answer")
    return reasoning, answer
